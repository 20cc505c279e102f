import Foundation
import Testing

@testable import FundReport

/// A ledger read by two threads gives exactly what one thread gives:
/// bookings, errors with their lines, counts.
@Suite struct ParallelReadTests {
  /// A ledger of `rows` rows with quoted line breaks everywhere, so that a
  /// split guess may fall inside a quoted field, and a few planted defects.
  static func makeExport(rows: Int, defects: [Int: String]) throws -> String {
    let directory = try makeTemporaryDirectory()
    for name in try FileManager.default.contentsOfDirectory(atPath: Paths.defect("clean")) where name != "buchungen.csv"
    {
      try FileManager.default.copyItem(atPath: Paths.defect("clean") + "/" + name, toPath: directory + "/" + name)
    }
    var text =
      "beleg_nr;buchungsdatum;zahlungsdatum;kostenobjekt;sachkonto;empfaenger;verwendungszweck;netto;ust;brutto\r\n"
    for index in 0..<rows {
      if let line = defects[index] {
        text += line + "\r\n"
        continue
      }
      let object = index % 7 == 0 ? "PSP-\(index % 2 + 1)" : "KST-\(index % 50)"
      let purpose = index % 3 == 0 ? "\"Teil \(index)\r\nzweite \"\"Zeile\"\"\"" : "Rechnung \(index); Müller"
      let cents = index * 7 % 100_000 + 1
      text +=
        "R-\(index);01.0\(index % 9 + 1).2026;0\(index % 9 + 1).08.2026;\(object);5011000;Müller & Söhne;"
        + (purpose.hasPrefix("\"") ? purpose : "\"\(purpose)\"")
        + ";\(cents / 100),\(String(format: "%02d", cents % 100));0,00;\(cents / 100),\(String(format: "%02d", cents % 100))\r\n"
    }
    _ = FileManager.default.createFile(atPath: directory + "/buchungen.csv", contents: Data(text.utf8))
    return directory
  }

  static func load(_ directory: String, threshold: Int, sniffSize: Int = 1 << 20) -> ExportLoader.Result {
    var options = IngestOptions()
    options.parallelThreshold = threshold
    options.sniffSize = sniffSize
    return ExportLoader(directory: directory, displayDirectory: "in", options: options).load()
  }

  static func summary(_ result: ExportLoader.Result) -> [String] {
    let bookings = (result.export.grantRows["FKZ-T1"]?.kept.map(\.booking) ?? []).map {
      "\($0.line) row \($0.spreadsheetRow) \($0.voucher) \($0.gross.cents) \($0.purpose)"
    }
    let errors = result.diagnostics.errors.sorted(by: InputError.displayOrder).map { $0.text(.english) }
    let ledger = result.export.sourceFiles.first { $0.name == "buchungen.csv" }
    let scope = result.export.outOfScopeDefects
    return bookings + errors + [
      "records \(ledger?.records ?? -1)", "sha256 \(ledger?.sha256 ?? "none")",
      "out \(scope.rowsOutOfScope) bad \(scope.count) \(scope.firstLines)",
    ]
  }

  @Test(arguments: [0, 1, 2, 3, 4, 5, 6, 7])
  func twoThreadsReadLikeOne(shift: Int) throws {
    // Shifting the defects moves the bytes around the split point.
    let rows = 3_000 + shift * 37
    let directory = try Self.makeExport(
      rows: rows,
      defects: [
        17: "R-x;01.02.2026;05.02.2026;PSP-1;5011000;X;bad;12,345;0,00;12,35",
        rows / 2 - 1: "R-y;01.02.2026;05.02.2026;KST-1;5011000;X;kaputt;1,00;0,00;abc",
        rows / 2 + shift: "R-z;01.02.2026;05.02.2026;PSP-2;5011000;X;Zoll 5\" lang;1,00;0,00;1,00",
        rows - 5: "R-q;01.02.2026;05.02.2026;PSP-2;5011000;X;\"nie zu;1,00;0,00;1,00",
      ])
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let sequentialResult = Self.load(directory, threshold: .max)
    let parallelResult = Self.load(directory, threshold: 1_000)
    #expect(sequentialResult.export.ledgerReaders == 1)
    #expect(parallelResult.export.ledgerReaders == 2)
    let sequential = Self.summary(sequentialResult)
    let parallel = Self.summary(parallelResult)
    #expect(sequential.count > 400)
    #expect(sequential.contains { $0.contains("unclosed quote") })
    #expect(sequential.contains { $0.contains("stray quote") })
    #expect(parallel == sequential)
    // The large file's hash comes from its own thread; it is the file's.
    let bytes = try #require(FileManager.default.contents(atPath: directory + "/buchungen.csv"))
    let hashed = parallelResult.export.sourceFiles.first { $0.name == "buchungen.csv" }?.sha256
    #expect(hashed == Delivery.sha256Hex(Array(bytes)))
    // Asked twice, the pending hash answers twice (the second time at once).
    let pending = PendingDigest(path: directory + "/buchungen.csv")
    #expect(try pending.wait() == Delivery.sha256Hex(Array(bytes)))
    #expect(try pending.wait() == Delivery.sha256Hex(Array(bytes)))
  }

  @Test func aSplitGuessInsideAQuotedFieldFallsBackToOneReader() throws {
    // A quoted field in the middle whose lines look exactly like records.
    let fake = (0..<400).map { "F-\($0);01.02.2026;05.02.2026;PSP-1;5011000;X;y;1,00;0,00;1,00" }.joined(
      separator: "\r\n")
    let rows = 3_000
    let directory = try Self.makeExport(
      rows: rows,
      defects: [
        rows / 2 - 60:
          "R-big;01.02.2026;05.02.2026;PSP-1;5011000;X;\"\(fake.replacing("\"", with: "\"\""))\";1,00;0,00;1,00"
      ])
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let sequential = Self.load(directory, threshold: .max)
    let parallel = Self.load(directory, threshold: 1_000)
    #expect(parallel.export.ledgerReaders == 1)
    #expect(Self.summary(parallel) == Self.summary(sequential))
    #expect(sequential.export.grantRows["FKZ-T1"]?.kept.contains { $0.booking.voucher == "R-big" } == true)
    #expect(sequential.export.grantRows["FKZ-T1"]?.kept.contains { $0.booking.voucher.hasPrefix("F-") } == false)
  }

  /// Rewrites the ledger of `directory`: `edit` gets its bytes.
  static func editLedger(_ directory: String, _ edit: (inout [UInt8]) -> Void) throws {
    let path = directory + "/buchungen.csv"
    var bytes = Array(try #require(FileManager.default.contents(atPath: path)))
    edit(&bytes)
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
  }

  /// The offsets of every UTF-8 `ü` (C3 BC) in `bytes`.
  static func umlauts(_ bytes: [UInt8]) -> [Int] {
    (0..<(bytes.count - 1)).filter { bytes[$0] == 0xC3 && bytes[$0 + 1] == 0xBC }
  }

  /// A large file is validated while it is read; only its first bytes decide
  /// its encoding up front. Whatever comes later, the result is that of the
  /// whole-file inspection a small file gets.
  @Test(arguments: ["late Windows-1252 byte", "BOM and a late invalid byte", "Windows-1252 from the start"])
  func validatingWhileReadingDecidesLikeTheWholeFile(case name: String) throws {
    let directory = try Self.makeExport(rows: 2_000, defects: [:])
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var expectedEncoding = TextEncoding.windows1252
    try Self.editLedger(directory) { bytes in
      let umlauts = Self.umlauts(bytes)
      let late = umlauts[umlauts.count * 3 / 4]
      switch name {
      case "late Windows-1252 byte":
        // Valid UTF-8 far beyond the sniffed start, then one byte that is not.
        bytes.replaceSubrange(late..<(late + 2), with: [0xFC])
      case "BOM and a late invalid byte":
        bytes.replaceSubrange(late..<(late + 2), with: [0xFF, 0x20])
        bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
        expectedEncoding = .utf8
      default:
        // Windows-1252 throughout, with a byte it does not define late.
        bytes.replaceSubrange(late..<(late + 2), with: [0x81])
        for offset in umlauts.reversed() where offset != late {
          bytes.replaceSubrange(offset..<(offset + 2), with: [0xFC])
        }
      }
    }
    let whole = Self.load(directory, threshold: .max)
    let streamed = Self.load(directory, threshold: 1_000, sniffSize: 512)
    #expect(streamed.export.ledgerReaders == 2)
    #expect(whole.export.sourceFiles.first { $0.name == "buchungen.csv" }?.encoding == expectedEncoding)
    #expect(streamed.export.sourceFiles.first { $0.name == "buchungen.csv" }?.encoding == expectedEncoding)
    #expect(Self.summary(streamed) == Self.summary(whole))
    let invalid = whole.diagnostics.errors.filter { $0.category == .invalidByte }
    #expect(invalid.count == (name == "late Windows-1252 byte" ? 0 : 1))
  }
}

/// Of a ledger with the same mistake in many rows only the first errors of
/// each category are held; what is printed and counted stays the same.
@Suite struct HeldErrorsTests {
  static func load(_ directory: String, cap: Int?, threshold: Int) -> ExportLoader.Result {
    var options = IngestOptions()
    options.parallelThreshold = threshold
    options.heldErrorsPerCategory = cap
    return ExportLoader(directory: directory, displayDirectory: "in", options: options).load()
  }

  @Test func holdsTheFirstOfEachCategoryAndCountsTheRest() throws {
    var defects: [Int: String] = [:]
    for index in stride(from: 10, to: 3_000, by: 50) {
      defects[index] = "R-b\(index);01.02.2026;05.02.2026;PSP-1;5011000;X;bad;12,345;0,00;12,35"
      defects[index + 25] = "R-s\(index);01.02.2026;05.02.2026;KST-1;5011000;X;Zoll 5\" lang;1,00;0,00;1,00"
    }
    let directory = try ParallelReadTests.makeExport(rows: 3_000, defects: defects)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let all = Self.load(directory, cap: nil, threshold: .max).diagnostics
    #expect(all.count == 120)
    #expect(all.notHeld.isEmpty)
    let sorted = all.errors.sorted(by: InputError.displayOrder)
    for threshold in [Int.max, 1_000] {
      let capped = Self.load(directory, cap: 4, threshold: threshold).diagnostics
      #expect(capped.count == 120)
      #expect(capped.errors.count == 8)
      for category in [InputError.Category.badValue, .strayQuote] {
        #expect(
          capped.errors.filter { $0.category == category }.sorted(by: InputError.displayOrder)
            == Array(sorted.filter { $0.category == category }.prefix(4)))
      }
      #expect(capped.notHeld.count == 2)
      #expect(capped.count(scope: .grant("FKZ-T1")) == 60)
      #expect(capped.count(scope: .run) == 60)
      #expect(capped.blocks(grant: "FKZ-T1") && capped.blocksEverything)
      #expect(InputErrorReport(capped, limit: 3).lines() == InputErrorReport(all, limit: 3).lines())
    }
    #expect(
      InputErrorReport(all, limit: 3).lines(.english).suffix(3) == [
        "… and 57 more stray quote errors (all of them: --errors-csv FILE)",
        "… and 57 more bad value errors (all of them: --errors-csv FILE)",
        "120 input errors: 60 stray quote, 60 bad value",
      ])
    #expect(
      InputErrorReport(all, limit: 3).lines().suffix(3) == [
        "… und 57 weitere der Art \"überzähliges Anführungszeichen\" (alle: --errors-csv DATEI)",
        "… und 57 weitere der Art \"ungültiger Wert\" (alle: --errors-csv DATEI)",
        "120 Eingabefehler: 60 × überzähliges Anführungszeichen, 60 × ungültiger Wert",
      ])
  }

  @Test func holdsEveryErrorForTheCSVOrAFullListing() {
    var options = IngestOptions()
    #expect(options.heldErrorsPerCategory == 1_000)
    options.holdErrors(listing: 20, toCSV: true)
    #expect(options.heldErrorsPerCategory == nil)
    options.holdErrors(listing: nil, toCSV: false)
    #expect(options.heldErrorsPerCategory == nil)
    options.holdErrors(listing: 5_000, toCSV: false)
    #expect(options.heldErrorsPerCategory == 5_000)
    options.holdErrors(listing: 20, toCSV: false)
    #expect(options.heldErrorsPerCategory == 1_000)
  }
}
