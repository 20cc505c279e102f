import Foundation
import Testing
import XMLSupport

@testable import FundReport

/// Input files as Excel workbooks (`.xlsx`): read through the same readers as CSV.
@Suite struct WorkbookInputTests {
  /// A fixture CSV's header and records, each with the line it starts on.
  static func fixtureRecords(_ name: String) throws -> (header: [String], records: [(line: Int, fields: [String])]) {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Paths.export + "/" + name)))
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    let text =
      String(validating: bytes, as: UTF8.self)
      ?? bytes.withUnsafeBufferPointer { TextEncoding.windows1252.decode($0) }
    var records: [(line: Int, fields: [String])] = []
    var fields: [String] = []
    var field = ""
    var quoted = false
    var line = 1
    var start = 1
    var characters = Array(text.unicodeScalars)
    if characters.last != "\n" { characters.append("\n") }
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if quoted {
        if character == "\"" {
          if index + 1 < characters.count && characters[index + 1] == "\"" {
            field.unicodeScalars.append("\"")
            index += 1
          } else {
            quoted = false
          }
        } else {
          if character == "\n" { line += 1 }
          field.unicodeScalars.append(character)
        }
      } else if character == "\"" {
        quoted = true
      } else if character == ";" {
        fields.append(field)
        field = ""
      } else if character == "\n" || character == "\r" {
        if character == "\r" && index + 1 < characters.count && characters[index + 1] == "\n" { index += 1 }
        fields.append(field)
        if fields != [""] { records.append((start, fields)) }
        fields = []
        field = ""
        line += 1
        start = line
      } else {
        field.unicodeScalars.append(character)
      }
      index += 1
    }
    let header = records.first?.fields ?? []
    return (header, Array(records.dropFirst()))
  }

  static let amountColumns: Set<String> = [
    "netto", "ust", "brutto", "planbetrag", "betrag", "zuwendungsfaehige_ausgaben", "zuwendung_hoechstbetrag",
  ]
  static let dateColumns: Set<String> = [
    "buchungsdatum", "zahlungsdatum", "abrufdatum", "eingangsdatum", "plandatum", "istdatum", "stichtag",
    "gueltig_ab", "beginn", "ende", "bewilligungszeitraum_beginn", "bewilligungszeitraum_ende",
    "verwendungsnachweis_faellig",
  ]

  /// The fixture `name` as a workbook written by fundreport's own writer: amounts numbers, dates dates,
  /// years numbers, the rest text; each record in the row of the line it starts on (so that every
  /// place names the same number).
  static func workbook(ofFixture name: String) throws -> [UInt8] {
    let (header, records) = try fixtureRecords(name)
    let folded = header.map(HeaderName.fold)
    let rows = records.map { record in
      record.fields.enumerated().map { index, value -> Workbook.Cell in
        let column = index < folded.count ? folded[index] : ""
        let bytes = Array(value.utf8)
        if value.isEmpty { return .empty }
        if amountColumns.contains(column),
          let cents = bytes.withUnsafeBufferPointer({
            ValueParser.amount($0, decimalSeparator: UInt8(ascii: ","), encoding: .utf8)
          })
        {
          return .amount(Money(cents: cents))
        }
        if dateColumns.contains(column), let date = bytes.withUnsafeBufferPointer(ValueParser.date) {
          return .date(date)
        }
        if column == "jahr", let year = Int(value) { return .integer(year) }
        return .text(value)
      }
    }
    let sheetName = String(name.dropLast(4)).capitalized
    let sheet = Workbook.Sheet(name: sheetName, header: header, rows: rows, rowNumbers: records.map(\.line))
    return try Workbook(sheets: [sheet]).xlsx()
  }

  /// The fixtures' export with the files `names` as workbooks (`finanzplan.xlsx` for `finanzplan.csv`).
  static func export(workbooks names: [String]) throws -> (directory: String, hashes: [String: (String, String)]) {
    let directory = try makeTemporaryDirectory() + "/export"
    try FileManager.default.copyItem(atPath: Paths.export, toPath: directory)
    var hashes: [String: (String, String)] = [:]
    for name in names {
      let csv = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
      let xlsx = try workbook(ofFixture: name)
      try FileManager.default.removeItem(atPath: directory + "/" + name)
      try Data(xlsx).write(to: URL(fileURLWithPath: directory + "/" + name.dropLast(4) + ".xlsx"))
      hashes[name] = (Delivery.sha256Hex(csv), Delivery.sha256Hex(xlsx))
    }
    return (directory, hashes)
  }

  static let inputs = [
    "zuwendung.csv", "massnahmen.csv", "finanzplan.csv", "kostenobjekte.csv", "sachkonten.csv", "mittelabrufe.csv",
    "meilensteine.csv", "indikatoren.csv", "basiszinssatz.csv", "buchungen.csv",
  ]

  @Test func everyInputAsAWorkbookGivesTheCanonicalDeliveries() throws {
    let canonical = try ERPExportTests.deliveries(Paths.export)
    let (directory, hashes) = try Self.export(workbooks: Self.inputs)
    let delivered = try ERPExportTests.deliveries(directory)
    #expect(delivered.keys.sorted() == canonical.keys.sorted())
    for (name, bytes) in canonical where name.hasSuffix(".csv") {
      #expect(delivered[name] == bytes, "\(name)")
    }
    // Quelldaten keeps the interface's names and counts; it hashes the workbooks' bytes.
    for (name, bytes) in canonical where name.hasSuffix(".xml") {
      var expected = String(decoding: bytes, as: UTF8.self)
      for (csvHash, xlsxHash) in hashes.values { expected = expected.replacingOccurrences(of: csvHash, with: xlsxHash) }
      #expect(delivered[name].map { String(decoding: $0, as: UTF8.self) } == expected, "\(name)")
    }
    // `check` names the workbooks' sheets.
    let loaded = ExportLoader(directory: directory).load()
    let ledger = loaded.export.sourceFiles.first { $0.name == "buchungen.csv" }
    #expect(ledger?.encodingName == "XLSX")
    #expect(ledger?.sheet == "Buchungen")
    #expect(ledger?.records == 4_182)
    #expect(loaded.export.sourceFiles.map(\.sheet) == Self.inputs.sorted().map { String($0.dropLast(4)).capitalized })
  }

  // MARK: A workbook made by hand, in the forms other programs write

  /// `mittelabrufe.csv`'s rows in a workbook as other programs write one: tags with a prefix (`x:`),
  /// the 1904 date system, a custom date format, shared strings (one header in rich-text runs, one with
  /// a phonetic guide), inline strings, formula strings, rows and cells without `r`, numbers with
  /// binary float artefacts, the sheet second in the workbook and found through its relationships.
  static func handMadeDrawdowns() throws -> [UInt8] {
    let (_, records) = try fixtureRecords("mittelabrufe.csv")
    var strings: [String] = []
    func shared(_ text: String) -> Int {
      if let index = strings.firstIndex(of: text) { return index }
      strings.append(text)
      return strings.count - 1
    }
    let epoch1904 = CalendarDate(year: 1904, month: 1, day: 1)
    var rows = #"<x:row r="1">"#
    rows += #"<x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>"#
    rows += #"<x:c r="C1" t="inlineStr"><x:is><x:t>Abrufdatum</x:t></x:is></x:c>"#
    rows += #"<x:c r="D1" t="str"><x:f>"Eingangsdatum"</x:f><x:v>Eingangsdatum</x:v></x:c>"#
    rows += #"<x:c r="E1" t="s"><x:v>2</x:v></x:c></x:row>"#
    strings = ["header-0", "header-1", "header-2"]
    for (index, record) in records.enumerated() {
      let number = index + 2
      let withReferences = index % 2 == 0
      func cell(_ column: String, _ attributes: String, _ content: String) -> String {
        let reference = withReferences ? #" r="\#(column)\#(number)""# : ""
        return "<x:c\(reference)\(attributes)>\(content)</x:c>"
      }
      rows += withReferences ? #"<x:row r="\#(number)">"# : "<x:row>"
      rows += cell("A", #" t="s""#, "<x:v>\(shared(record.fields[0]))</x:v>")
      rows += cell("B", #" t="inlineStr""#, "<x:is><x:t>\(record.fields[1])</x:t></x:is>")
      let requested = try #require(
        Array(record.fields[2].utf8).withUnsafeBufferPointer(ValueParser.date).flatMap { date in
          epoch1904.map { $0.days(to: date) }
        })
      rows += cell("C", #" s="1""#, "<x:v>\(requested)</x:v>")
      if record.fields[3].isEmpty {
        if !withReferences { rows += "<x:c/>" }
      } else {
        rows += cell("D", #" t="str""#, "<x:f>TEXT(C\(number)+10;\"TT.MM.JJJJ\")</x:f><x:v>\(record.fields[3])</x:v>")
      }
      let cents = try #require(
        Array(record.fields[4].utf8).withUnsafeBufferPointer {
          ValueParser.amount($0, decimalSeparator: UInt8(ascii: ","), encoding: .utf8)
        })
      var stored = Money(cents: cents).xmlValue
      // Every third amount as a binary double prints it: 17 significant digits.
      if index % 3 == 0 {
        let significant = stored.filter(\.isNumber).drop { $0 == "0" }.count
        if !stored.contains(".") { stored += "." }
        stored += String(repeating: "0", count: max(17 - significant - 1, 0)) + "4"
      }
      rows += cell("E", #" s="2""#, "<x:v>\(stored)</x:v>")
      rows += "</x:row>"
    }
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    let package = "http://schemas.openxmlformats.org/package/2006/relationships"
    var sst = #"<?xml version="1.0" encoding="UTF-8"?><x:sst xmlns:x="\#(main)">"#
    sst += "<x:si><x:t>Förderkennzeichen</x:t><x:rPh sb=\"0\" eb=\"1\"><x:t>フ</x:t></x:rPh></x:si>"
    sst +=
      #"<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>Abruf</x:t></x:r><x:r><x:t xml:space="preserve">-Nr.</x:t></x:r></x:si>"#
    sst += "<x:si><x:t>Betrag_x0020_(EUR)</x:t></x:si>"
    for text in strings.dropFirst(3) { sst += "<x:si><x:t>\(text)</x:t></x:si>" }
    sst += "</x:sst>"
    let styles = """
      <?xml version="1.0" encoding="UTF-8"?><x:styleSheet xmlns:x="\(main)"><x:numFmts count="1">\
      <x:numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></x:numFmts>\
      <x:cellStyleXfs count="1"><x:xf numFmtId="14"/></x:cellStyleXfs>\
      <x:cellXfs count="3"><x:xf numFmtId="0"/><x:xf numFmtId="164" applyNumberFormat="1"/>\
      <x:xf numFmtId="4" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>
      """
    var zip = ZipWriter()
    try zip.add(
      "_rels/.rels",
      Array(
        #"<?xml version="1.0"?><Relationships xmlns="\#(package)"><Relationship Id="r1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
          .utf8))
    try zip.add(
      "xl/workbook.xml",
      Array(
        #"<?xml version="1.0"?><x:workbook xmlns:x="\#(main)" xmlns:r="\#(relationships)"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="Hinweise" sheetId="1" r:id="rId7"/><x:sheet name="Mittelabrufe" sheetId="2" r:id="rId3"/></x:sheets></x:workbook>"#
          .utf8))
    try zip.add(
      "xl/_rels/workbook.xml.rels",
      Array(
        #"<?xml version="1.0"?><Relationships xmlns="\#(package)"><Relationship Id="rId3" Type="\#(relationships)/worksheet" Target="worksheets/abrufe.xml"/><Relationship Id="rId7" Type="\#(relationships)/worksheet" Target="/xl/worksheets/hinweise.xml"/><Relationship Id="rId8" Type="\#(relationships)/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId9" Type="\#(relationships)/styles" Target="styles.xml"/></Relationships>"#
          .utf8))
    try zip.add("xl/sharedStrings.xml", Array(sst.utf8))
    try zip.add("xl/styles.xml", Array(styles.utf8))
    try zip.add(
      "xl/worksheets/hinweise.xml",
      Array(
        #"<x:worksheet xmlns:x="\#(main)"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Nur ein Hinweis</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>"#
          .utf8))
    try zip.add(
      "xl/worksheets/abrufe.xml",
      Array(
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><x:worksheet xmlns:x="\#(main)"><x:dimension ref="A1:E105"/><x:sheetData>\#(rows)</x:sheetData></x:worksheet>"#
          .utf8))
    return try zip.finished()
  }

  @Test func aHandMadeWorkbookGivesTheCanonicalDeliveries() throws {
    let canonical = try ERPExportTests.deliveries(Paths.export)
    let directory = try makeTemporaryDirectory() + "/export"
    try FileManager.default.copyItem(atPath: Paths.export, toPath: directory)
    let csvHash = Delivery.sha256Hex(
      [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/mittelabrufe.csv"))))
    try FileManager.default.removeItem(atPath: directory + "/mittelabrufe.csv")
    let workbook = try Self.handMadeDrawdowns()
    try Data(workbook).write(to: URL(fileURLWithPath: directory + "/Mittelabrufe.xlsx"))
    // The headers need the configuration's mapping, as a CSV with these headers would.
    var options = IngestOptions()
    options.dialects["mittelabrufe.csv"] = FileDialect(columnNames: ["betrag": ["Betrag (EUR)"]])
    let loaded = ExportLoader(directory: directory, options: options).load()
    #expect(loaded.diagnostics.errors.map { $0.text(.german) } == [])
    let drawdowns = try #require(loaded.export.sourceFiles.first { $0.name == "mittelabrufe.csv" })
    #expect(drawdowns.sheet == "Mittelabrufe")
    #expect(drawdowns.records == 104)
    // The first amount was stored as 34100.000000000004.
    let first = try #require(loaded.export.drawdowns["MPSC-2021-WUP-A"]?.first)
    #expect(first.amount == Money(cents: 3_410_000))
    #expect(first.number == "A-2021-09")
    #expect(first.requestDate == CalendarDate(year: 2021, month: 9, day: 2))
    let generator = try ReportGenerator(export: loaded.export)
    for grant in ["MPSC-2021-WUP-A", "MPSC-2021-WUP-B"] {
      let delivery = try generator.makeDelivery(
        kind: .quartalsbericht, grantID: grant, periodID: "2026-Q3", created: fixedCreated)
      for file in delivery.files {
        var expected = try #require(canonical[file.name])
        if file.name.hasSuffix(".xml") {
          expected = Array(
            String(decoding: expected, as: UTF8.self).replacingOccurrences(
              of: csvHash, with: Delivery.sha256Hex(workbook)
            ).utf8)
        }
        #expect(file.bytes == expected, "\(file.name)")
      }
    }
  }

  // MARK: Bad cells and bad workbooks

  /// A one-sheet workbook `Mittelabrufe` of the given rows' cells (XML), dates in style 1 (`TT.MM.JJJJ`).
  static func drawdownWorkbook(rows: String, extraParts: [(String, String)] = [], sheetXML: String? = nil) throws
    -> [UInt8]
  {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    var zip = ZipWriter()
    try zip.add(
      "xl/workbook.xml",
      Array(
        #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><sheets><sheet name="Mittelabrufe" sheetId="1" r:id="rId1"/></sheets></workbook>"#
          .utf8))
    try zip.add(
      "xl/_rels/workbook.xml.rels",
      Array(
        #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(relationships)/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="\#(relationships)/styles" Target="styles.xml"/></Relationships>"#
          .utf8))
    try zip.add(
      "xl/styles.xml",
      Array(
        #"<styleSheet xmlns="\#(main)"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#
          .utf8))
    let header =
      #"<row r="1"><c r="A1" t="inlineStr"><is><t>foerderkennzeichen</t></is></c><c r="B1" t="inlineStr"><is><t>abruf_nr</t></is></c><c r="C1" t="inlineStr"><is><t>abrufdatum</t></is></c><c r="D1" t="inlineStr"><is><t>eingangsdatum</t></is></c><c r="E1" t="inlineStr"><is><t>betrag</t></is></c></row>"#
    try zip.add(
      "xl/worksheets/sheet1.xml",
      Array((sheetXML ?? #"<worksheet xmlns="\#(main)"><sheetData>\#(header)\#(rows)</sheetData></worksheet>"#).utf8))
    for (name, content) in extraParts { try zip.add(name, Array(content.utf8)) }
    return try zip.finished()
  }

  /// The fixtures' export with `mittelabrufe.csv` replaced by `workbook`; the errors and notes as printed.
  static func load(drawdowns workbook: [UInt8], options: IngestOptions = IngestOptions()) throws -> ExportLoader.Result
  {
    let directory = try makeTemporaryDirectory() + "/export"
    try FileManager.default.copyItem(atPath: Paths.export, toPath: directory)
    try FileManager.default.removeItem(atPath: directory + "/mittelabrufe.csv")
    try Data(workbook).write(to: URL(fileURLWithPath: directory + "/mittelabrufe.xlsx"))
    return ExportLoader(directory: directory, displayDirectory: "export", options: options).load()
  }

  static func messages(drawdowns workbook: [UInt8], options: IngestOptions = IngestOptions()) throws -> [String] {
    let loaded = try load(drawdowns: workbook, options: options)
    return loaded.diagnostics.errors.map { $0.text(.german) }
      + loaded.diagnostics.notes.map { UserText.inputNote($0) }.map { Language.german.text($0) }
  }

  @Test func everyBadCellIsReportedAtItsCell() throws {
    let rows = """
      <row r="2"><c r="A2" t="inlineStr"><is><t>MPSC-2021-WUP-A</t></is></c><c r="B2" t="inlineStr"><is><t>X-1</t></is></c>\
      <c r="C2" s="1"><v>46310</v></c><c r="E2" t="e"><f>SVERWEIS(A2;Z:Z;2;0)</f><v>#N/A</v></c></row>\
      <row r="3"><c r="A3" t="inlineStr"><is><t>MPSC-2021-WUP-A</t></is></c><c r="B3" t="inlineStr"><is><t>X-2</t></is></c>\
      <c r="C3" s="1"><v>46310</v></c><c r="E3"><v>12.345</v></c></row>\
      <row r="5"><c r="A5" t="inlineStr"><is><t>MPSC-2021-WUP-A</t></is></c><c r="B5" t="inlineStr"><is><t>X-3</t></is></c>\
      <c r="C5" t="inlineStr"><is><t>31.02.2026</t></is></c><c r="E5"><v>0.30000000000000004</v></c></row>\
      <row r="6"><c r="A6" t="inlineStr"><is><t>MPSC-2021-WUP-A</t></is></c><c r="B6" t="inlineStr"><is><t>X-4</t></is></c>\
      <c r="C6" s="1"><v>60</v></c><c r="D6" t="e"><v>#DIV/0!</v></c><c r="E6"><v>1,5</v></c><c r="F6" t="e"><v>#REF!</v></c></row>
      """
    let said1 = try Self.messages(drawdowns: Self.drawdownWorkbook(rows: rows))
    #expect(
      said1 == [
        "export/mittelabrufe.xlsx:Mittelabrufe!E2: Fehler: betrag: die Zelle enthält den Excel-Fehler #NV (#N/A) statt "
          + "eines Werts; bitte die Formel oder den Bezug im Tabellenblatt korrigieren",
        "export/mittelabrufe.xlsx:Mittelabrufe!D6: Fehler: eingangsdatum: die Zelle enthält den Excel-Fehler #DIV/0! "
          + "statt eines Werts; bitte die Formel oder den Bezug im Tabellenblatt korrigieren",
        "export/mittelabrufe.xlsx:Mittelabrufe!E6: Fehler: betrag: die Zelle ist als Zahl gespeichert, ihr Inhalt "
          + "\"1,5\" ist aber keine Zahl; bitte die Arbeitsmappe in Excel neu speichern",
        "export/mittelabrufe.xlsx:Mittelabrufe!E3: Fehler: betrag: \"12,345\" ist ungültig; erwartet einen Betrag wie "
          + "1.234,56 mit höchstens zwei Nachkommastellen",
        "export/mittelabrufe.xlsx:Mittelabrufe!C5: Fehler: abrufdatum: \"31.02.2026\" ist ungültig; erwartet ein Datum "
          + "TT.MM.JJJJ (oder JJJJ-MM-TT, JJJJMMTT)",
        "export/mittelabrufe.xlsx:Mittelabrufe!C6: Fehler: abrufdatum: \"29.02.1900\" ist ungültig; erwartet ein Datum "
          + "TT.MM.JJJJ (oder JJJJ-MM-TT, JJJJMMTT)",
      ])
  }

  @Test func aWorkbookThatCannotBeReadIsSaidAsWhatItIs() throws {
    let valid = try Self.drawdownWorkbook(rows: "")
    // Cut off: no ZIP directory at the end.
    let said2 = try Self.messages(drawdowns: Array(valid.prefix(valid.count - 30)))
    #expect(
      said2 == [
        "export/mittelabrufe.xlsx: Fehler: die Arbeitsmappe ist beschädigt oder unvollständig (ihr ZIP-Verzeichnis "
          + "fehlt)"
      ])
    // A DOCTYPE (the way to declare entities) is refused before anything is expanded.
    let entity = try Self.drawdownWorkbook(
      rows: "",
      sheetXML:
        #"<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>"#
    )
    let said3 = try Self.messages(drawdowns: entity)
    #expect(
      said3 == [
        "export/mittelabrufe.xlsx: Fehler: der Teil xl/worksheets/sheet1.xml der Arbeitsmappe ist kein gültiges XML "
          + "(Zeile 0: a DOCTYPE (document type definition) is not accepted); bitte in Excel neu speichern"
      ])
    // A sheet the configuration names that the workbook lacks.
    var options = IngestOptions()
    options.dialects["mittelabrufe.csv"] = FileDialect()
    options.dialects["mittelabrufe.csv"]?.sheet = "Abrufe 2026"
    let said4 = try Self.messages(drawdowns: valid, options: options)
    #expect(
      said4 == [
        "export/mittelabrufe.xlsx: Fehler: die Arbeitsmappe hat kein Tabellenblatt \"Abrufe 2026\" (sheet: in "
          + "fundreport.yaml); sie hat: \"Mittelabrufe\""
      ])
    // A ZIP file that holds no workbook.
    var zip = ZipWriter()
    try zip.add("word/document.xml", Array("<document/>".utf8))
    let said5 = try Self.messages(drawdowns: zip.finished())
    #expect(
      said5 == [
        "export/mittelabrufe.xlsx: Fehler: ist keine CSV-Datei, sondern eine ZIP-Datei ohne Excel-Arbeitsmappe "
          + "(etwa ein anderes Office-Dokument); bitte als Excel-Arbeitsmappe (.xlsx) oder als „CSV UTF-8 (durch "
          + "Trennzeichen getrennt)“ speichern"
      ])
  }

  @Test func titleRowsAboveTheHeaderAndALineBreakInACell() throws {
    // Two title rows, an empty row, then the header in row 4; a cell holding a line break keeps it.
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let rows = """
      <row r="1"><c r="A1" t="inlineStr"><is><t>Mittelabrufe Stadt Wuppertal</t></is></c></row>\
      <row r="2"><c r="A2" t="inlineStr"><is><t>Stand: 30.09.2026</t></is></c></row>\
      <row r="4"><c r="A4" t="inlineStr"><is><t>foerderkennzeichen</t></is></c><c r="B4" t="inlineStr"><is><t>abruf_nr</t></is></c>\
      <c r="C4" t="inlineStr"><is><t>abrufdatum</t></is></c><c r="D4" t="inlineStr"><is><t>eingangsdatum</t></is></c>\
      <c r="E4" t="inlineStr"><is><t>betrag</t></is></c><c r="G4" t="inlineStr"><is><t>Bemerkung</t></is></c></row>\
      <row r="5"><c r="A5" t="inlineStr"><is><t>MPSC-2021-WUP-A</t></is></c><c r="B5" t="inlineStr"><is><t>0100004711</t></is></c>\
      <c r="C5" t="d"><v>2026-09-02T00:00:00</v></c><c r="E5"><v>1000</v></c>\
      <c r="G5" t="inlineStr"><is><t>erste Zeile&#10;zweite; "Zeile"</t></is></c><c r="H5" t="b"><v>1</v></c></row>\
      <row r="6"><c r="A6" t="inlineStr"><is><t>MPSC-2021-WUP-A</t></is></c><c r="B6" t="inlineStr"><is><t>X-2</t></is></c>\
      <c r="C6" t="inlineStr"><is><t>kein Datum</t></is></c><c r="E6"><v>1E3</v></c></row>
      """
    let workbook = try Self.drawdownWorkbook(
      rows: "", sheetXML: #"<worksheet xmlns="\#(main)"><sheetData>\#(rows)</sheetData></worksheet>"#)
    let said6 = try Self.messages(drawdowns: workbook)
    #expect(
      said6 == [
        "export/mittelabrufe.xlsx:Mittelabrufe!C6: Fehler: abrufdatum: \"kein Datum\" ist ungültig; erwartet ein Datum "
          + "TT.MM.JJJJ (oder JJJJ-MM-TT, JJJJMMTT)",
        "export/mittelabrufe.xlsx:Mittelabrufe!A4: Hinweis: die ersten 3 Zeilen stehen vor der Kopfzeile (Titelzeilen "
          + "des Exports) und wurden übersprungen; die Kopfzeile ist die erste Zeile mit allen Pflichtspalten (oder "
          + "header_line: in fundreport.yaml)",
      ])
    // A text keeps its leading zeros; an ISO date cell is a date; the cells right of the header's
    // columns (a boolean) and the one with a line break, `;` and quotes are no trouble.
    let drawdown = try #require(
      try Self.load(drawdowns: workbook).export.drawdowns["MPSC-2021-WUP-A"]?.first { $0.number == "0100004711" })
    #expect(drawdown.requestDate == CalendarDate(year: 2026, month: 9, day: 2))
    #expect(drawdown.receiptDate == nil)
    #expect(drawdown.amount == Money(cents: 100_000))
    #expect(drawdown.line == 5)
  }

  @Test func numbersAreReadFromTheirDigits() throws {
    func text(_ stored: String, percent: Bool = false) -> String? {
      Array(stored.utf8).withUnsafeBufferPointer { bytes in
        WorkbookText.Number(bytes).map { number in
          String(
            decoding: (percent ? number.percent : number).rounded().text(decimalSeparator: UInt8(ascii: ",")),
            as: UTF8.self)
        }
      }
    }
    #expect(text("0.30000000000000004") == "0,3")
    #expect(text("1234.5600000000002") == "1234,56")
    #expect(text("-7635.8500000000004") == "-7635,85")
    #expect(text("190.00000000000003") == "190")
    #expect(text("0.99999999999999989") == "1")
    #expect(text("1.5E-3") == "0,0015")
    #expect(text("1E+20") == "100000000000000000000")
    #expect(text("000123.4500") == "123,45")
    #expect(text("-0") == "0")
    #expect(text("0.19", percent: true) == "19")
    #expect(text("0.075", percent: true) == "7,5")
    #expect(text("12.3456789012345678") == "12,3456789012346")
    for bad in ["", "-", "1,5", "1.2.3", "1e", "abc", "1E999", "0x10", "1 "] { #expect(text(bad) == nil, "\(bad)") }

    #expect(WorkbookText.date(serial: 1, date1904: false) == CalendarDate(year: 1900, month: 1, day: 1))
    #expect(WorkbookText.date(serial: 59, date1904: false) == CalendarDate(year: 1900, month: 2, day: 28))
    #expect(WorkbookText.date(serial: 60, date1904: false) == nil)
    #expect(WorkbookText.date(serial: 61, date1904: false) == CalendarDate(year: 1900, month: 3, day: 1))
    #expect(WorkbookText.date(serial: 46310, date1904: false) == CalendarDate(year: 2026, month: 10, day: 15))
    #expect(WorkbookText.date(serial: 0, date1904: true) == CalendarDate(year: 1904, month: 1, day: 1))
    #expect(WorkbookText.date(serial: 44848, date1904: true) == CalendarDate(year: 2026, month: 10, day: 15))

    #expect((14...22).allSatisfy { WorkbookText.isDateFormat(id: $0, code: nil) })
    for code in ["dd.mm.yyyy", "[$-407]TT.MM.JJJJ;@", "d/m/yy", "yyyy-mm-dd hh:mm", "DD.MM.YYYY"] {
      #expect(WorkbookText.isDateFormat(id: 164, code: code) || code.hasPrefix("[$-407]T"), "\(code)")
    }
    for code in ["#,##0.00\\ \"€\"", "0.00%", "[Red]#,##0", "_-* #,##0.00 €_-", "\"days\" 0", "hh:mm"] {
      #expect(!WorkbookText.isDateFormat(id: 165, code: code), "\(code)")
    }
    #expect(WorkbookText.isPercentFormat(id: 10, code: nil))
    #expect(WorkbookText.isPercentFormat(id: 170, code: "0.0%"))
    #expect(!WorkbookText.isPercentFormat(id: 170, code: "0.0\"%\""))

    #expect(WorkbookText.cellName(sheet: "Finanzplan", column: 5, row: 7) == "Finanzplan!E7")
    #expect(WorkbookText.cellName(sheet: "Plan 2026", column: 28, row: 1) == "'Plan 2026'!AB1")
    #expect(
      WorkbookText.cellName(sheet: "Dr. Müller's", column: 16_384, row: 1_048_576) == "'Dr. Müller''s'!XFD1048576")
    #expect(WorkbookText.unescaped(Array("a_x000D_b_x005F_x000D_".utf8)) == Array("a\rb_x000D_".utf8))
  }
}
