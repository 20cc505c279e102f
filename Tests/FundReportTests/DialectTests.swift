import Foundation
import Testing

@testable import FundReport

/// Every dialect of inputs.md reads into the same cents and dates as its canonical twin.
@Suite struct DialectTests {
  /// The clean set's ledger: its records, comparable across dialects.
  struct Row: Equatable, CustomStringConvertible {
    var voucher, costObject, account, payee, purpose: String
    var posting: CalendarDate
    var payment: CalendarDate?
    var net, vat, gross: Money
    var description: String {
      "\(voucher) \(posting) \(payment.map(\.iso) ?? "-") \(net) \(vat) \(gross) \(payee) \(purpose)"
    }
  }

  static func rows(_ directory: String, options: IngestOptions = IngestOptions()) -> [Row] {
    let loaded = ExportLoader(directory: directory, options: options).load()
    #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics.errors)")
    return (loaded.export.grantRows["FKZ-T1"]?.kept.map(\.booking) ?? []).map {
      Row(
        voucher: $0.voucher, costObject: $0.costObject, account: $0.account, payee: $0.payee, purpose: $0.purpose,
        posting: $0.postingDate, payment: $0.paymentDate, net: $0.net, vat: $0.vat, gross: $0.gross)
    }
  }

  static let canonical = rows(Paths.defect("clean"))

  /// The canonical ledger's fields, as written by the generator.
  static let records: [[String]] = [
    [
      "B-1", "03.02.2026", "10.02.2026", "PSP-1", "5011000", "Personal", "Gehalt Januar", "5.000,00", "0,00",
      "5.000,00",
    ],
    [
      "B-2", "20.04.2026", "02.05.2026", "PSP-1", "5291000", "Agentur Nord", "Workshop", "1.000,00", "190,00",
      "1.190,00",
    ],
    [
      "B-3", "01.07.2026", "15.07.2026", "PSP-2", "5291000", "Agentur Süd", "Konzept\nTeil 1", "2.000,00", "380,00",
      "2.380,00",
    ],
    ["X-1", "05.07.2026", "06.07.2026", "KST-9", "5221000", "Fremd", "nicht gefördert", "9,00", "1,71", "10,71"],
    ["B-4", "10.08.2026", "20.08.2026", "PSP-2", "5011000", "Personal", "Gehalt Juli", "4.000,00", "0,00", "4.000,00"],
  ]
  static let header = [
    "beleg_nr", "buchungsdatum", "zahlungsdatum", "kostenobjekt", "sachkonto", "empfaenger", "verwendungszweck",
    "netto", "ust", "brutto",
  ]

  struct Variant: Sendable, CustomTestStringConvertible {
    var name: String
    var delimiter = ";"
    var lineEnd = "\r\n"
    var encoding = TextEncoding.utf8
    var bom = false
    var finalLineEnd = true
    var header = DialectTests.header
    var dialect = FileDialect()
    var transform: @Sendable (_ column: Int, _ value: String) -> String = { $1 }
    /// Lines before the header (an ERP's title lines).
    var titleLines: [String] = []
    /// Empty fields after every line's last (as Excel leaves them).
    var trailingEmptyFields = 0
    /// SAP's list format: every line framed by the delimiter, a rule line below the header and at the end.
    var framed = false
    /// UTF-16 with a byte order mark (instead of `encoding`).
    var utf16: UTF16Order?
    var testDescription: String { name }
  }

  static func iso(_ date: String) -> String {
    let parts = date.split(separator: ".")
    return parts.count == 3 ? "\(parts[2])-\(parts[1])-\(parts[0])" : date
  }

  static let amountColumns: Set<Int> = [7, 8, 9]

  static let variants: [Variant] = [
    Variant(name: "canonical CRLF"),
    Variant(name: "LF", lineEnd: "\n"),
    Variant(name: "no final line end", finalLineEnd: false),
    Variant(name: "UTF-8 with BOM", bom: true),
    Variant(name: "Windows-1252", encoding: .windows1252),
    Variant(name: "ISO-8859-15, configured", encoding: .iso885915, dialect: FileDialect(encoding: .iso885915)),
    Variant(name: "comma delimiter", delimiter: ","),
    Variant(name: "tab delimiter", delimiter: "\t"),
    Variant(
      name: "headers as an ERP writes them",
      header: [
        "Beleg-Nr.", "Buchungsdatum", "Zahlungsdatum", "Kostenobjekt", "Sachkonto", "Empfänger", "Verwendungszweck",
        "Netto", "USt", "Brutto",
      ]),
    Variant(name: "ISO dates", transform: { column, value in column == 1 || column == 2 ? iso(value) : value }),
    Variant(
      name: "compact dates",
      transform: { column, value in
        column == 1 || column == 2 ? iso(value).replacing("-", with: "") : value
      }),
    Variant(
      name: "amounts without grouping",
      transform: { column, value in
        amountColumns.contains(column) ? value.replacing(".", with: "") : value
      }),
    Variant(
      name: "amounts with EUR suffix",
      transform: { column, value in amountColumns.contains(column) ? value + " EUR" : value }),
    Variant(
      name: "amounts with € suffix",
      transform: { column, value in amountColumns.contains(column) ? value + "€" : value }),
    Variant(
      name: "one decimal where it suffices",
      transform: { column, value in
        amountColumns.contains(column) && value.hasSuffix("0") && value != "0,00" ? String(value.dropLast()) : value
      }),
    Variant(
      name: "Excel text cells", transform: { column, value in column == 0 || column == 4 ? "=\"\(value)\"" : value }),
    Variant(name: "everything quoted", transform: { _, value in "\"" + value.replacing("\"", with: "\"\"") + "\"" }),
    Variant(name: "UTF-16LE with byte order mark (Excel's Unicode-Text: tabs)", delimiter: "\t", utf16: .littleEndian),
    Variant(name: "UTF-16BE with byte order mark", utf16: .bigEndian),
    Variant(name: "title lines above the header", titleLines: sapTitle),
    Variant(name: "two empty columns at the end, as Excel leaves them", trailingEmptyFields: 2),
    Variant(
      name: "SAP list: title lines, |-framed, rule lines, padded", delimiter: "|",
      transform: { column, value in DialectTests.amountColumns.contains(column) ? "  " + value : value + " " },
      titleLines: sapTitle, framed: true),
    Variant(
      name: "title lines, header_line configured", dialect: FileDialect(headerLine: 5), titleLines: sapTitle),
    Variant(
      name: "decimal point, configured", dialect: FileDialect(decimalSeparator: UInt8(ascii: ".")),
      transform: { column, value in
        guard amountColumns.contains(column) else { return value }
        return value.replacing(".", with: "#").replacing(",", with: ".").replacing("#", with: ",")
      }),
  ]

  static let sapTitle = ["Einzelpostenliste Sachkonten", "", "Buchungskreis 0436  Stadt Teststadt", "Stand 01.10.2026"]

  static func write(_ variant: Variant, to directory: String) throws {
    let manager = FileManager.default
    for name in try manager.contentsOfDirectory(atPath: Paths.defect("clean")) where name != "buchungen.csv" {
      try manager.copyItem(atPath: Paths.defect("clean") + "/" + name, toPath: directory + "/" + name)
    }
    func field(_ value: String) -> String {
      if value.hasPrefix("\"") || value.hasPrefix("=\"") { return value }
      if value.contains(variant.delimiter) || value.contains("\n") || value.contains("\"") {
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
      }
      return value
    }
    let tail = String(repeating: variant.delimiter, count: variant.trailingEmptyFields)
    let frame = variant.framed ? variant.delimiter : ""
    let rule = variant.framed ? [frame + String(repeating: "-", count: 60) + frame] : []
    var lines =
      variant.titleLines + rule + [
        frame + variant.header.map(field).joined(separator: variant.delimiter) + frame + tail
      ]
      + rule
    for record in records {
      lines.append(
        frame
          + record.enumerated().map { field(variant.transform($0.offset, $0.element)) }.joined(
            separator: variant.delimiter) + frame + tail)
    }
    lines += rule
    var text = lines.joined(separator: variant.lineEnd)
    if variant.finalLineEnd { text += variant.lineEnd }
    var bytes = variant.encoding.encode(text) ?? []
    if variant.bom { bytes = [0xEF, 0xBB, 0xBF] + bytes }
    if let order = variant.utf16 {
      bytes = ("\u{FEFF}" + text).utf16.flatMap { unit in
        order == .littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
      }
    }
    _ = manager.createFile(atPath: directory + "/buchungen.csv", contents: Data(bytes))
  }

  @Test func canonicalTwinHasFourGrantRows() {
    #expect(Self.canonical.count == 4)
    #expect(Self.canonical.map(\.gross) == [500_000, 119_000, 238_000, 400_000].map(Money.init(cents:)))
    #expect(Self.canonical[2].purpose == "Konzept\nTeil 1")
    #expect(Self.canonical[2].payee == "Agentur Süd")
  }

  @Test(arguments: variants)
  func readsLikeTheCanonicalTwin(_ variant: Variant) throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try Self.write(variant, to: directory)
    let rows = Self.rows(directory, options: IngestOptions(dialects: ["buchungen.csv": variant.dialect]))
    #expect(rows == Self.canonical)
  }

  /// An SAP list: the title lines are skipped and said, and each row keeps the spreadsheet row a
  /// person sees it in (title lines and rule lines count as rows there).
  @Test func sapListKeepsItsSpreadsheetRowsAndSaysWhatWasSkipped() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let variant = try #require(Self.variants.first { $0.name.hasPrefix("SAP list") })
    try Self.write(variant, to: directory)
    let loaded = ExportLoader(directory: directory).load()
    #expect(loaded.diagnostics.errors.isEmpty)
    let notes = loaded.diagnostics.notes.filter { $0.file.hasSuffix("buchungen.csv") }
    #expect(notes.map(\.kind) == [.titleLinesSkipped(5)])
    #expect(notes.map(\.line) == [6])
    #expect(
      Language.german.text(InputNoteKind.titleLinesSkipped(5))
        == "die ersten 5 Zeilen stehen vor der Kopfzeile (Titelzeilen des Exports) und wurden übersprungen; "
        + "die Kopfzeile ist die erste Zeile mit allen Pflichtspalten (oder header_line: in fundreport.yaml)")
    let kept = loaded.export.grantRows["FKZ-T1"]?.kept.map(\.booking) ?? []
    #expect(kept.map(\.voucher) == ["B-1", "B-2", "B-3", "B-4"])
    #expect(kept.map(\.spreadsheetRow) == [8, 9, 10, 12])
    #expect(kept.map(\.line) == [8, 9, 10, 13])
    #expect(loaded.export.sourceFiles.first { $0.name == "buchungen.csv" }?.records == 5)
  }

  @Test func sapExportReadWithItsConfiguration() throws {
    let configuration = try Configuration.load(path: Paths.fixtures + "/sap/fundreport.yaml")
    #expect(configuration.exportDirectory == ".")
    let rows = Self.rows(Paths.fixtures + "/sap", options: configuration.ingest)
    #expect(rows == Self.canonical)
  }

  @Test func configurationErrorsNameTheLine() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/fundreport.yaml"
    func load(_ text: String) -> String? {
      _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
      do {
        _ = try Configuration.load(path: path)
        return nil
      } catch {
        return String(error.text(.english).dropFirst(path.count))
      }
    }
    #expect(
      load("files:\n  buchung.csv:\n    encoding: UTF-8\n")?.hasPrefix(
        ":2: error: \"buchung.csv\" is not an input file") == true)
    #expect(
      load("files:\n  buchungen.csv:\n    encoding: latin-9\n")
        == ":3: error: buchungen.csv.encoding: \"latin-9\" is not supported; expected UTF-8, Windows-1252 or ISO-8859-15"
    )
    #expect(
      load("files:\n  buchungen.csv:\n    columns:\n      betrag: Betrag\n")?.hasPrefix(
        ":4: error: buchungen.csv.columns: \"betrag\" is not a column of buchungen.csv") == true)
    #expect(load("exprot: x\n")?.hasPrefix(":1: error: unknown key \"exprot\"") == true)
    #expect(
      load("files:\n  buchungen.csv:\n    delimiter: \"#\"\n")
        == ":3: error: buchungen.csv.delimiter: \"#\" is not supported; expected \";\", \",\", \"|\" or tab")
    #expect(
      load("files:\n  buchungen.csv:\n    header_line: 0\n")
        == ":3: error: buchungen.csv.header_line: expected a line number (1 or more), found \"0\"")
    // German unless asked for English.
    _ = FileManager.default.createFile(atPath: path, contents: Data("jobs:\n  - kind: quartal\n".utf8))
    #expect(throws: Configuration.Invalid.self) { try Configuration.load(path: path) }
    do {
      _ = try Configuration.load(path: path)
    } catch {
      #expect(
        error.description
          == "\(path):2: Fehler: kind: \"quartal\" ist keine Berichtsart; erwartet quartalsbericht, "
          + "zwischennachweis, verwendungsnachweis oder mittelabruf")
    }
  }
}
