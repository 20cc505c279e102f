import Foundation
import Testing

@testable import FundReport

/// The ledger keeps only the rows a report lists; everything else it folds
/// into sums. Whatever it keeps, the figures, findings and deliveries must be
/// those of the ledger kept whole.
@Suite struct RowRetentionTests {
  static let inputs =
    [Paths.export]
    + ["clean", "doppelt", "konto", "position-unbekannt", "summe", "zeitraum", "offen", "zinsen"].map(Paths.defect)

  static func load(_ input: String, _ retention: RowRetention, threshold: Int = 8 << 20) -> Export {
    var options = IngestOptions()
    options.retention = retention
    options.parallelThreshold = threshold
    return ExportLoader(directory: input, options: options).load().export
  }

  static func files(_ export: Export, _ kind: ReportKind, _ period: String) throws -> [String: [UInt8]] {
    let generator = try ReportGenerator(export: export)
    var files: [String: [UInt8]] = [:]
    for grant in export.grantIDs {
      let delivery = try generator.makeDelivery(kind: kind, grantID: grant, periodID: period, created: fixedCreated)
      for file in delivery.files { files[file.name] = file.bytes }
    }
    return files
  }

  @Test(arguments: inputs)
  func aQuarterlyReportKeepingTheQuarterEqualsTheWholeLedger(input: String) throws {
    let whole = try Self.files(Self.load(input, .every), .quartalsbericht, "2026-Q3")
    let retention = ReportPeriod.retention(kind: .quartalsbericht, id: "2026-Q3")
    #expect(
      retention
        == .paidWithin([DateInterval(start: .firstDay(ofYear: 2026, month: 7), end: .lastDay(ofYear: 2026, month: 9))]))
    let lean = try Self.files(Self.load(input, retention), .quartalsbericht, "2026-Q3")
    #expect(!whole.isEmpty)
    #expect(lean == whole)
  }

  @Test func anInterimStatementKeepingTheYearEqualsTheWholeLedger() throws {
    let whole = try Self.files(Self.load(Paths.export, .every), .zwischennachweis, "2025")
    let lean = try Self.files(
      Self.load(Paths.export, ReportPeriod.retention(kind: .zwischennachweis, id: "2025")), .zwischennachweis, "2025")
    #expect(lean == whole)
  }

  @Test(arguments: inputs)
  func checkKeepingOnlyDefectsFindsTheSame(input: String) throws {
    let whole = Self.load(input, .every)
    // Two readers on a tiny ledger: the halves' sums and keys must merge.
    for lean in [Self.load(input, .defects), Self.load(input, .defects, threshold: 64)] {
      let generator = try ReportGenerator(export: lean)
      let reference = try ReportGenerator(export: whole)
      for grant in whole.grantIDs {
        let stichtag = try #require(CalendarDate(year: 2026, month: 9, day: 30))
        #expect(
          try generator.findings(grantID: grant, stichtag: stichtag)
            == reference.findings(grantID: grant, stichtag: stichtag))
        #expect(lean.grantRows[grant]?.count == whole.grantRows[grant]?.count)
        #expect((lean.grantRows[grant]?.kept.count ?? 0) <= (whole.grantRows[grant]?.kept.count ?? 0))
      }
    }
  }

  @Test func duplicatesNotKeptAreReadAgainFromTheLedger() throws {
    let lean = Self.load(Paths.defect("doppelt"), .defects)
    let rows = try #require(lean.grantRows["FKZ-T1"])
    #expect(rows.keysIndexKept == false)
    let collisions = rows.fingerprintCollisions()
    #expect(collisions.count == 2)
    // Neither duplicate has a defect of its own: both come from the file.
    #expect(!rows.kept.contains { row in collisions.contains { Int($0.line) == row.booking.line } })
    let ledger = GrantLedger(grant: try #require(lean.grants["FKZ-T1"]), export: lean)
    #expect(ledger.unreadableCandidates == 0)
    #expect(ledger.duplicateCandidates.map(\.line) == collisions.map { Int($0.line) })
    #expect(Set(ledger.duplicateCandidates.map(\.voucher)).count == 1)
  }

  @Test func aLedgerThatChangesBeforeItIsReadAgainStopsTheReport() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for name in try FileManager.default.contentsOfDirectory(atPath: Paths.defect("doppelt")) {
      try FileManager.default.copyItem(atPath: Paths.defect("doppelt") + "/" + name, toPath: directory + "/" + name)
    }
    let lean = Self.load(directory, .defects)
    // The ledger is emptied after it was read: its duplicates cannot be read again.
    _ = FileManager.default.createFile(atPath: directory + "/buchungen.csv", contents: Data())
    let generator = try ReportGenerator(export: lean)
    let stichtag = try #require(CalendarDate(year: 2026, month: 9, day: 30))
    #expect(throws: ReportError.self) { try generator.findings(grantID: "FKZ-T1", stichtag: stichtag) }
    do {
      _ = try generator.findings(grantID: "FKZ-T1", stichtag: stichtag)
    } catch {
      #expect(error.description.hasPrefix("buchungen.csv could not be read again"))
    }
  }
}
