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
    var lean = Self.load(directory, .defects)
    #expect(lean.grantRows["FKZ-T1"]?.unreadableCandidates == 0)
    // As if the ledger had changed between its scan and reading its duplicates again (which the
    // loader does right after the scan): they cannot be read.
    lean.grantRows["FKZ-T1"]?.resolveDuplicateCandidates { _ in nil }
    #expect(lean.grantRows["FKZ-T1"]?.unreadableCandidates == 2)
    let generator = try ReportGenerator(export: lean)
    let stichtag = try #require(CalendarDate(year: 2026, month: 9, day: 30))
    #expect(throws: ReportError.self) { try generator.findings(grantID: "FKZ-T1", stichtag: stichtag) }
    do {
      _ = try generator.findings(grantID: "FKZ-T1", stichtag: stichtag)
    } catch {
      guard case .internalError(let detail) = error else { throw error }
      #expect(detail.hasPrefix("buchungen.csv could not be read again"))
    }
  }

  @Test func aBelegListeFromRowsKeptForAnotherPeriodIsRefused() throws {
    // Rows kept for 2026-Q2 cannot make the Belegliste of 2026-Q3: no delivery, exit 70.
    let lean = Self.load(Paths.export, ReportPeriod.retention(kind: .quartalsbericht, id: "2026-Q2"))
    let generator = try ReportGenerator(export: lean)
    do {
      _ = try generator.makeDelivery(
        kind: .quartalsbericht, grantID: "MPSC-2021-WUP-B", periodID: "2026-Q3", created: fixedCreated)
      Issue.record("a Quartalsbericht was made without its rows")
    } catch {
      guard case .internalError(let message) = error else { throw error }
      #expect(
        message
          == "the ledger was read without keeping the rows of Quartalsbericht 2026-Q3 for MPSC-2021-WUP-B; "
          + "no delivery is made from it")
    }
    // A Mittelabruf has no Belegliste: it is made from the sums.
    let request = try ReportGenerator(export: Self.load(Paths.export, .defects)).makeDelivery(
      kind: .mittelabruf, grantID: "MPSC-2021-WUP-B", periodID: "2026-10-15", created: fixedCreated)
    #expect(request.files.count == 2)
  }

  @Test func theUnionKeepsWhatEachKeeps() throws {
    let quarter = DateInterval(start: .firstDay(ofYear: 2026, month: 7), end: .lastDay(ofYear: 2026, month: 9))
    let year = DateInterval(start: .firstDay(ofYear: 2025), end: .lastDay(ofYear: 2025, month: 12))
    let union = RowRetention.union([.paidWithin([quarter]), .defects, .paidWithin([year])])
    #expect(union == .paidWithin([quarter, year]))
    #expect(union.keepsEveryRow(paidWithin: quarter) && union.keepsEveryRow(paidWithin: year))
    let september = DateInterval(start: .firstDay(ofYear: 2026, month: 9), end: .lastDay(ofYear: 2026, month: 9))
    #expect(union.keepsEveryRow(paidWithin: september))
    let lateYear = DateInterval(start: .firstDay(ofYear: 2026, month: 7), end: .lastDay(ofYear: 2026, month: 12))
    #expect(!union.keepsEveryRow(paidWithin: lateYear))
    #expect(RowRetention.union([.paidWithin([quarter]), .every]) == .every)
    #expect(RowRetention.union([.defects]) == .defects)
    #expect(RowRetention.union([]) == .defects)
    #expect(!RowRetention.defects.keepsEveryRow(paidWithin: quarter))
  }

  @Test func theNightlyRunKeepsOnlyTheRowsOfItsDuePeriodsAndWritesTheGoldenDeliveries() throws {
    let root = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let config = root + "/fundreport.yaml"
    let text = """
      export: \(Paths.export)
      output: out
      jobs:
        - kind: quartalsbericht
          after_days: 15
        - kind: zwischennachweis
          lead_days: 60
        - kind: mittelabruf
          grants: [MPSC-2021-WUP-B]
          day: 15
          bedarf: "120000,00"
      """
    _ = FileManager.default.createFile(atPath: config, contents: Data(text.utf8))
    // At 16.10.2026 the Quartalsbericht 2026-Q3 and the Zwischennachweis 2025 are due; the Mittelabruf lists no rows.
    let configuration = try Configuration.load(path: config)
    let asOf = try #require(CalendarDate(iso: "2026-10-16"))
    let retention = ScheduledRun.retentionOfGrant(jobs: configuration.jobs, asOf: asOf)
    let export = Self.load(Paths.export, .every)
    let grant = try #require(export.grants["MPSC-2021-WUP-B"])
    #expect(
      retention(grant)
        == .paidWithin([
          DateInterval(start: .firstDay(ofYear: 2026, month: 7), end: .lastDay(ofYear: 2026, month: 9)),
          DateInterval(start: .firstDay(ofYear: 2025), end: .lastDay(ofYear: 2025, month: 12)),
        ]))
    let (status, _) = try ScheduledRunTests.run(config)
    #expect(status == .success)
    // Every file the run wrote is the golden one, byte for byte.
    let written = try FileManager.default.subpathsOfDirectory(atPath: root + "/out").filter {
      $0.hasSuffix(".xml") || $0.hasSuffix(".csv") || $0.hasSuffix("SHA256SUMS")
    }
    #expect(written.count == 23)
    for path in written {
      let mine = FileManager.default.contents(atPath: root + "/out/" + path)
      #expect(mine != nil && mine == FileManager.default.contents(atPath: Paths.golden + "/" + path), "\(path)")
    }
  }
}
