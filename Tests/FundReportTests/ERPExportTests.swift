import Foundation
import Testing
import XMLSupport

@testable import FundReport

/// The fixtures' export with its ledger as other programs write it gives the canonical deliveries.
@Suite struct ERPExportTests {
  /// The fixtures' export in a new folder, its ledger's text (Windows-1252) rewritten by `rewrite` into new bytes.
  static func export(_ rewrite: (String) -> [UInt8]) throws -> String {
    let directory = try makeTemporaryDirectory() + "/export"
    try FileManager.default.copyItem(atPath: Paths.export, toPath: directory)
    let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/buchungen.csv")))
    let text = original.withUnsafeBufferPointer { TextEncoding.windows1252.decode($0) }
    try Data(rewrite(text)).write(to: URL(fileURLWithPath: directory + "/buchungen.csv"))
    return directory
  }

  /// The Quartalsbericht 2026-Q3 of both grants: each file by name.
  static func deliveries(_ directory: String, parallelThreshold: Int? = nil) throws -> [String: [UInt8]] {
    var options = IngestOptions()
    if let parallelThreshold { options.parallelThreshold = parallelThreshold }
    let loaded = ExportLoader(directory: directory, options: options).load()
    #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics.errors.map { $0.text(.german) })")
    let generator = try ReportGenerator(export: loaded.export)
    var files: [String: [UInt8]] = [:]
    for grant in ["MPSC-2021-WUP-A", "MPSC-2021-WUP-B"] {
      let delivery = try generator.makeDelivery(
        kind: .quartalsbericht, grantID: grant, periodID: "2026-Q3", created: fixedCreated)
      for file in delivery.files { files[file.name] = file.bytes }
    }
    return files
  }

  static func utf16(_ text: String, _ order: UTF16Order) -> [UInt8] {
    ("\u{FEFF}" + text).utf16.flatMap { unit in
      order == .littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
    }
  }

  @Test(arguments: [UTF16Order.littleEndian, .bigEndian])
  func aUTF16LedgerGivesTheCanonicalDeliveries(_ order: UTF16Order) throws {
    let canonical = try Self.deliveries(Paths.export)
    let directory = try Self.export { Self.utf16($0, order) }
    let sha256 = Delivery.sha256Hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/buchungen.csv"))))
    let canonicalSHA = Delivery.sha256Hex(
      [UInt8](try Data(contentsOf: URL(fileURLWithPath: Paths.export + "/buchungen.csv"))))
    let delivered = try Self.deliveries(directory)
    #expect(delivered.keys.sorted() == canonical.keys.sorted())
    for (name, bytes) in canonical where name.hasSuffix(".csv") {
      #expect(delivered[name] == bytes, "\(name)")
    }
    // The XML names the UTF-16 file's own hash (of its bytes as they are), and differs in nothing else.
    for (name, bytes) in canonical where name.hasSuffix(".xml") {
      let expected = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: canonicalSHA, with: sha256)
      #expect(delivered[name].map { String(decoding: $0, as: UTF8.self) } == expected, "\(name)")
    }
    // As a large ledger is read (two threads on the copy, the hash of the original): the same.
    let large = try Self.deliveries(directory, parallelThreshold: 1 << 12)
    for (name, bytes) in delivered { #expect(large[name] == bytes, "\(name), read by two threads") }
    // check says how the file was read.
    let loaded = ExportLoader(directory: directory).load()
    #expect(loaded.export.sourceFiles.first { $0.name == "buchungen.csv" }?.encodingName == order.rawValue)
  }

  /// Title lines and two empty trailing columns (as an SAP list export saved by Excel has them): the
  /// same figures and findings; only the lines named move by the title lines.
  @Test func titleLinesAndEmptyColumnsGiveTheCanonicalFigures() throws {
    let canonical = try Self.deliveries(Paths.export)
    let directory = try Self.export { text in
      // Two empty fields after every record (the fixture's line breaks within fields are LF alone).
      let withColumns = text.replacingOccurrences(of: "\r\n", with: ";;\r\n")
      let title = "Einzelpostenliste Sachkonten\r\nBuchungskreis 0436  Stadt Wuppertal\r\n\r\n"
      return TextEncoding.windows1252.encode(title + withColumns) ?? []
    }
    let loaded = ExportLoader(directory: directory).load()
    #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics.errors.map { $0.text(.german) })")
    #expect(loaded.diagnostics.notes.map(\.kind).contains(.titleLinesSkipped(3)))
    let delivered = try Self.deliveries(directory)
    for (name, bytes) in canonical where name.hasSuffix(".xml") {
      let before = try ParsedXMLElement.parse(bytes, documentName: "A")
      let after = try ParsedXMLElement.parse(try #require(delivered[name]), documentName: "B")
      let changed = DeliveryDiff.figures(of: before).filter { $0.0.hasPrefix("Kopf/Quelldaten") == false }
      let now = DeliveryDiff.figures(of: after).filter { $0.0.hasPrefix("Kopf/Quelldaten") == false }
      #expect(changed.map(\.0) == now.map(\.0), "\(name)")
      #expect(changed.map(\.1) == now.map(\.1), "\(name)")
    }
    for (name, bytes) in canonical where name.contains("_Belegliste_") || name.contains("_Finanzuebersicht_") {
      #expect(delivered[name] == bytes, "\(name)")
    }
  }

  /// A lone surrogate in a UTF-16 file is an error at its byte, not a silent character.
  @Test func invalidUTF16IsAnError() throws {
    let directory = try makeTemporaryDirectory()
    for name in try FileManager.default.contentsOfDirectory(atPath: Paths.defect("clean")) {
      try FileManager.default.copyItem(
        atPath: Paths.defect("clean") + "/" + name, toPath: directory + "/" + name)
    }
    let text = try String(contentsOfFile: directory + "/massnahmen.csv", encoding: .utf8)
    var bytes = Self.utf16(text, .littleEndian)
    bytes += [0x00, 0xD8]  // a high surrogate with nothing after it
    try Data(bytes).write(to: URL(fileURLWithPath: directory + "/massnahmen.csv"))
    let loaded = ExportLoader(directory: directory).load()
    // (The replacement character then makes a short row: said after it.)
    #expect(
      loaded.diagnostics.errors.first?.text(.german)
        == "\(directory)/massnahmen.csv: Fehler: die Datei ist UTF-16LE, aber 1 Zeichen ist kein gültiges UTF-16 (das "
        + "erste bei Byte \(bytes.count - 2)) und wurde als U+FFFD gelesen; bitte neu exportieren")
  }
}

/// `profile: sap-fbl3n` / `sap-fagll03`: an SAP line-item export read with two lines of configuration.
@Suite struct ERPProfileTests {
  static let german = [
    "Belegnummer", "Buchungsdatum", "Ausgleichsdatum", "PSP-Element", "Sachkonto", "Text", "Betrag in Hauswährung",
  ]
  static let english = [
    "Document Number", "Posting Date", "Clearing Date", "WBS Element", "G/L Account", "Text",
    "Amount in Local Currency",
  ]

  /// The clean small export with its ledger as SAP's list writes it: title lines, tabs, one amount
  /// (brutto: the cost as posted), and `fundreport.yaml` naming the profile.
  static func export(headers: [String], profile: String, account: String) throws -> String {
    let directory = try makeTemporaryDirectory()
    for name in try FileManager.default.contentsOfDirectory(atPath: Paths.defect("clean")) where name != "buchungen.csv"
    {
      try FileManager.default.copyItem(atPath: Paths.defect("clean") + "/" + name, toPath: directory + "/" + name)
    }
    var header = headers
    header[4] = account
    var lines = ["Sachkonten-Einzelposten", "Buchungskreis 0436", "", header.joined(separator: "\t")]
    for record in DialectTests.records {
      let purpose = "\"" + record[6].replacingOccurrences(of: "\"", with: "\"\"") + "\""
      lines.append([record[0], record[1], record[2], record[3], record[4], purpose, record[9]].joined(separator: "\t"))
    }
    try (lines.joined(separator: "\r\n") + "\r\n").write(
      toFile: directory + "/FBL3N.txt", atomically: true, encoding: .utf8)
    try "files:\n  buchungen.csv:\n    path: FBL3N.txt\n    profile: \(profile)\n".write(
      toFile: directory + "/fundreport.yaml", atomically: true, encoding: .utf8)
    return directory
  }

  static func figures(_ directory: String, options: IngestOptions) throws -> (figures: [String], findings: [String]) {
    let loaded = ExportLoader(directory: directory, options: options).load()
    #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics.errors.map { $0.text(.german) })")
    let delivery = try ReportGenerator(export: loaded.export).makeDelivery(
      kind: .quartalsbericht, grantID: "FKZ-T1", periodID: "2026-Q3", created: fixedCreated)
    let xml = try #require(delivery.files.first { $0.name.hasSuffix(".xml") })
    let root = try ParsedXMLElement.parse(xml.bytes, documentName: xml.name)
    return (
      DeliveryDiff.figures(of: root).filter { !$0.0.hasPrefix("Kopf/Quelldaten") }.map { "\($0.0)=\($0.1)" },
      DeliveryDiff.findings(of: root).map { "\($0.rule) \($0.message)" }
    )
  }

  @Test(arguments: [
    ("sap-fbl3n", true, "Sachkonto"), ("sap-fbl3n", false, "G/L Account"), ("sap-fagll03", true, "Hauptbuchkonto"),
    ("sap-fagll03", false, "G/L Account"),
  ])
  func anSAPExportGivesTheCanonicalFigures(profile: String, german: Bool, account: String) throws {
    let directory = try Self.export(headers: german ? Self.german : Self.english, profile: profile, account: account)
    let configuration = try Configuration.load(path: directory + "/fundreport.yaml")
    let canonical = try Self.figures(Paths.defect("clean"), options: IngestOptions())
    let read = try Self.figures(directory, options: configuration.ingest)
    #expect(read.figures == canonical.figures)
    #expect(read.findings == canonical.findings)
    // Each row's cost as posted: netto = brutto, ust 0; the payee empty (the layout has none).
    let rows =
      ExportLoader(directory: directory, options: configuration.ingest).load().export.grantRows["FKZ-T1"]?
      .kept.map(\.booking) ?? []
    #expect(rows.map(\.gross) == [500_000, 119_000, 238_000, 400_000].map(Money.init(cents:)))
    #expect(rows.map(\.net) == rows.map(\.gross))
    #expect(rows.map(\.vat) == Array(repeating: .zero, count: 4))
    #expect(rows.map(\.payee) == ["", "", "", ""])
    #expect(rows.map(\.purpose) == ["Gehalt Januar", "Workshop", "Konzept\nTeil 1", "Gehalt Juli"])
  }

  /// `config --show` prints what the profile does, as YAML that reads back to the same configuration.
  @Test func configShowPrintsTheProfileAsYAMLThatReadsBack() throws {
    let directory = try Self.export(headers: Self.german, profile: "sap-fbl3n", account: "Sachkonto")
    let path = directory + "/fundreport.yaml"
    let result = try CommandLineTests.run(["config", "--show", "--config", path])
    #expect(result.status == 0)
    #expect(result.errors == "")
    #expect(
      result.output == """
        # Die wirksame Konfiguration aus \(path); als fundreport.yaml verwendbar
        files:
          buchungen.csv:
            profile: sap-fbl3n  # SAP FBL3N: Sachkonten-Einzelposten (G/L Account Line Items)
            path: "FBL3N.txt"
            columns:  # Spaltenköpfe, unter denen die Spalte gesucht wird (der erste vorhandene gilt)
              beleg_nr: ["Belegnummer", "Document Number"]
              buchungsdatum: ["Buchungsdatum", "Posting Date"]
              zahlungsdatum: ["Ausgleichsdatum", "Clearing Date"]
              kostenobjekt: ["PSP-Element", "WBS Element", "WBS-Element"]
              sachkonto: ["Sachkonto", "G/L Account", "Hauptbuchkonto"]
              empfaenger: ["Name 1", "Name"]
              verwendungszweck: ["Text", "Item Text"]
              netto: ["Betrag in Hauswährung", "Betrag in HW", "Amount in Local Currency", "Amount in LC"]
              brutto: ["Betrag in Hauswährung", "Betrag in HW", "Amount in Local Currency", "Amount in LC"]
            defaults:  # Werte von Spalten, die die Datei nicht hat
              empfaenger: ""
              ust: "0"

        """)
    // Written back as the configuration, it reads the export the same way.
    let shown = directory + "/gezeigt.yaml"
    try result.output.write(toFile: shown, atomically: true, encoding: .utf8)
    let again = try Configuration.load(path: shown)
    let first = try Configuration.load(path: path)
    #expect(
      DialectTests.rows(directory, options: again.ingest) == DialectTests.rows(directory, options: first.ingest))
    // A name that is no profile is refused with the line and the known ones.
    try "files:\n  buchungen.csv:\n    profile: sap-fb03\n".write(toFile: path, atomically: true, encoding: .utf8)
    let refused = try CommandLineTests.run(["config", "--show", "--config", path, "--lang", "en"])
    #expect(refused.status == 64)
    #expect(
      refused.errors == "\(path):3: error: buchungen.csv.profile: \"sap-fb03\" is not a profile; known: sap-fbl3n, "
        + "sap-fagll03\n")
  }
}

/// `fundreport export FOLDER --xlsx FILE`: the delivery's tables as one typed workbook.
@Suite struct WorkbookExportTests {
  static let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// Runs a Python script (reading a workbook back with `zipfile`) on `path`: its status and what it printed.
  static func python(_ script: String, _ path: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  /// A delivery of the fixtures (WUP-B's Quartalsbericht 2026-Q3) and its workbook.
  static func exported() throws -> (delivery: String, workbook: String) {
    let root = try makeTemporaryDirectory()
    let run = runQuarterly(input: Paths.export, grants: ["MPSC-2021-WUP-B"], out: root + "/reports")
    #expect(run.status == .success || run.status == .findingsWithErrors)
    let delivery = root + "/reports/MPSC-2021-WUP-B/Quartalsbericht_2026-Q3_v1"
    var warnings: [String] = []
    let status = WorkbookExport.run(
      folder: delivery, file: root + "/wup-b.xlsx", language: .german, warn: { warnings.append($0) })
    #expect(status == .success)
    #expect(warnings == [])
    return (delivery, root + "/wup-b.xlsx")
  }

  @Test func theWorkbookHoldsTheDeliverysTablesTyped() throws {
    let (delivery, workbook) = try Self.exported()
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: workbook)))
    #expect(bytes.prefix(4) == [0x50, 0x4B, 0x03, 0x04])
    // The same delivery gives the same bytes (entries dated 01.01.1980).
    #expect(try WorkbookExport.workbook(of: delivery).xlsx() == bytes)
    // Its first data row, cell by cell, as the sheet's XML has it (read back by Python's zipfile).
    let script = """
      import sys, zipfile, re
      z = zipfile.ZipFile(sys.argv[1])
      assert z.testzip() is None
      print(" ".join(n for n in z.namelist()))
      sheet = z.read("xl/worksheets/sheet1.xml").decode()
      row = re.search(r'<row r="2">(.*?)</row>', sheet, re.S).group(1)
      for ref, attrs, body in re.findall(r'<c r="([A-Z]+2)"([^>]*)>(.*?)</c>', row, re.S):
          value = re.search(r'<(?:v|t)[^>]*>(.*?)</(?:v|t)>', body, re.S).group(1)
          print(ref, attrs.strip(), value)
      print(re.search(r'<pane [^>]*/>', sheet).group(0), re.search(r'<autoFilter [^>]*/>', sheet).group(0))
      """
    let (status, text) = try Self.python(script, workbook)
    #expect(status == 0)
    #expect(
      text.components(separatedBy: "\n") == [
        "[Content_Types].xml _rels/.rels xl/workbook.xml xl/_rels/workbook.xml.rels xl/styles.xml "
          + "xl/worksheets/sheet1.xml xl/worksheets/sheet2.xml xl/worksheets/sheet3.xml",
        "A2  1", "B2 t=\"inlineStr\" auftraege", "C2 s=\"2\" 46216", "D2 t=\"inlineStr\" RE-2026-4504215",
        "E2 t=\"inlineStr\" Büro Öztürk Stadtplanung", "F2 t=\"inlineStr\" Software-Entwicklung Sprint 1",
        "G2 t=\"inlineStr\" B-01", "H2 t=\"inlineStr\" P.1-0436.B01.01", "I2 t=\"inlineStr\" 5291000",
        "J2 s=\"1\" 6416.68", "K2 s=\"1\" 1219.17", "L2 s=\"1\" 7635.85", "M2 s=\"1\" 7635.85",
        "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/> <autoFilter ref=\"A1:M34\"/>",
        "",
      ])
  }

  /// LibreOffice opens the workbook (no repair) and shows each sheet as the delivery's CSV says it.
  @Test(.enabled(if: soffice != nil, "needs LibreOffice (apt-get install libreoffice-calc-nogui; .ci/run does)"))
  func libreOfficeReadsBackTheDeliverysValues() throws {
    let (delivery, workbook) = try Self.exported()
    let out = try makeTemporaryDirectory()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(Self.soffice))
    // Every sheet as CSV (`;`, UTF-8), cells as shown (with their number formats).
    process.arguments = [
      "--headless", "-env:UserInstallation=file://" + out + "/profil", "--convert-to",
      "csv:Text - txt - csv (StarCalc):59,34,76,1,,1031,false,true,true,false,false,-1", "--outdir", out, workbook,
    ]
    process.standardOutput = Pipe()
    process.standardError = Pipe()
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    for sheet in WorkbookExport.sheetNames {
      let shown = try String(contentsOfFile: out + "/wup-b-\(sheet).csv", encoding: .utf8)
        .components(separatedBy: "\n").filter { !$0.isEmpty }
      let name = try #require(
        try FileManager.default.contentsOfDirectory(atPath: delivery).first { $0.contains("_\(sheet)_") })
      let original = try String(contentsOfFile: delivery + "/" + name, encoding: .utf8)
        .components(separatedBy: "\r\n").filter { !$0.isEmpty }
      #expect(shown.count == original.count, "\(sheet)")
      // An amount shows as `7,635.85 €` in LibreOffice's English locale: the CSV's `7635,85` with the format.
      func normalized(_ line: String) -> String {
        line.replacingOccurrences(
          of: #"(-?)([0-9]{1,3}(?:,[0-9]{3})*)\.([0-9]{2}) €"#, with: "$1$2,$3", options: .regularExpression
        ).replacingOccurrences(of: #"([0-9]),(?=[0-9]{3}[,;])"#, with: "$1", options: .regularExpression)
      }
      for (index, line) in original.enumerated() where index < shown.count {
        #expect(normalized(shown[index]) == line.replacingOccurrences(of: "\u{FEFF}", with: ""), "\(sheet) \(index)")
      }
    }
  }

  @Test func aWorkbookIsNeverWrittenIntoADelivery() throws {
    let (delivery, _) = try Self.exported()
    var warnings: [String] = []
    let status = WorkbookExport.run(
      folder: delivery, file: delivery + "/mappe.xlsx", language: .german, warn: { warnings.append($0) })
    #expect(status == .cannotWrite)
    #expect(warnings.count == 1)
    #expect(!FileManager.default.fileExists(atPath: delivery + "/mappe.xlsx"))
    let notADelivery = WorkbookExport.run(
      folder: Paths.export, file: try makeTemporaryDirectory() + "/x.xlsx", language: .german,
      warn: { warnings.append($0) })
    #expect(notADelivery == .inputMissing)
    #expect(warnings.last == "Fehler: \(Paths.export): das ist kein Lieferordner (er hat keine SHA256SUMS)")
  }
}

/// `explain` and `outlook` with `--format xlsx`: the CSV's table as a typed workbook on standard output.
@Suite struct ViewWorkbookTests {
  /// Runs the binary with its standard output into a file; returns the status and the file's bytes.
  static func run(_ arguments: [String]) throws -> (status: Int32, bytes: [UInt8]) {
    let file = try makeTemporaryDirectory() + "/out"
    _ = FileManager.default.createFile(atPath: file, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Paths.binary)
    process.arguments = arguments
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
    process.standardError = Pipe()
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, [UInt8](try Data(contentsOf: URL(fileURLWithPath: file))))
  }

  @Test func explainWritesTheRowsOfASumAsAWorkbook() throws {
    let base = [
      "explain", "quartalsbericht", "--input", Paths.export, "--period", "2026-Q3", "--grant", "MPSC-2021-WUP-B",
      "--created", "2026-10-15T06:00:00Z", "Finanzen/Position[kostenposition=personal]/IstQuartal",
    ]
    let csv = try Self.run(base + ["--format", "csv"])
    let xlsx = try Self.run(base + ["--format", "xlsx"])
    #expect(csv.status == 0)
    #expect(xlsx.status == 0)
    let path = try makeTemporaryDirectory() + "/erklaerung.xlsx"
    try Data(xlsx.bytes).write(to: URL(fileURLWithPath: path))
    // The workbook's one sheet holds the CSV's rows; the amounts are numbers, the dates dates.
    let script = """
      import sys, zipfile, re
      z = zipfile.ZipFile(sys.argv[1])
      print(re.search(r'<sheet name="([^"]*)"', z.read("xl/workbook.xml").decode()).group(1))
      sheet = z.read("xl/worksheets/sheet1.xml").decode()
      print(len(re.findall(r'<row ', sheet)))
      row = re.search(r'<row r="2">(.*?)</row>', sheet, re.S).group(1)
      print(" ".join(f"{r}:{a.strip()}" for r, a in re.findall(r'<c r="([A-Z]+)2"([^>]*)>', row)))
      """
    let (status, text) = try WorkbookExportTests.python(script, path)
    #expect(status == 0)
    let csvRows = String(decoding: csv.bytes, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(
      text.components(separatedBy: "\n") == [
        "Erklaerung", String(csvRows.count),
        "A:t=\"inlineStr\" B: C: D:t=\"inlineStr\" E:s=\"2\" F:s=\"2\" G:t=\"inlineStr\" H:t=\"inlineStr\" "
          + "I:t=\"inlineStr\" J:t=\"inlineStr\" K:t=\"inlineStr\" L:t=\"inlineStr\" M:s=\"1\"",
        "",
      ])
  }
}
