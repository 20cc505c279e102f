import Foundation
import Testing

@testable import FundReport

@Suite struct InputErrorReportTests {
  static func error(_ line: Int, _ category: InputError.Category) -> InputError {
    InputError(
      kind: .value, category: category, scope: .grant("G"), file: "in/buchungen.csv", line: line, column: 3,
      problem: .value(column: "netto", .missing(expected: .wholeNumber)))
  }

  @Test func listsTheFirstPerCategoryThenHowManyMore() {
    let errors = (1...5).map { Self.error($0 + 1, .badValue) } + [Self.error(9, .strayQuote)]
    let report = InputErrorReport(errors: errors, limit: 2)
    let missing = "netto: Wert fehlt; erwartet eine ganze Zahl"
    #expect(
      report.lines() == [
        "in/buchungen.csv:2:3: Fehler: \(missing)", "in/buchungen.csv:3:3: Fehler: \(missing)",
        "in/buchungen.csv:9:3: Fehler: \(missing)",
        "… und 3 weitere der Art \"ungültiger Wert\" (alle: --errors-csv DATEI)",
        "6 Eingabefehler: 1 × überzähliges Anführungszeichen, 5 × ungültiger Wert",
      ])
    #expect(
      report.lines(.english) == [
        "in/buchungen.csv:2:3: error: netto: value missing; expected a whole number",
        "in/buchungen.csv:3:3: error: netto: value missing; expected a whole number",
        "in/buchungen.csv:9:3: error: netto: value missing; expected a whole number",
        "… and 3 more bad value errors (all of them: --errors-csv FILE)",
        "6 input errors: 1 stray quote, 5 bad value",
      ])
    #expect(InputErrorReport(errors: errors, limit: nil).lines().count == 7)
  }

  @Test func showsControlCharactersOfAValueVisibly() {
    #expect("1,00\r".quotedForMessage == #""1,00\r""#)
    #expect("a\tb\nc\u{1B}[2J\u{7F}\u{85}".quotedForMessage == #""a\tb\nc\u{1B}[2J\u{7F}\u{85}""#)
    #expect("Müller \\ Söhne €".quotedForMessage == #""Müller \ Söhne €""#)
    #expect("".quotedForMessage == #""""#)
  }

  @Test func knowsWhichCharactersXMLCarries() {
    let allowed: [UInt32] = [0x09, 0x0A, 0x0D, 0x20, 0x7F, 0x85, 0xFC, 0x20AC, 0xFFFD, 0x1F600]
    let refused: [UInt32] = [0x00, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F, 0xFFFE, 0xFFFF]
    for value in allowed { #expect(RowReader.isXMLCharacter(Unicode.Scalar(value)!)) }
    for value in refused { #expect(!RowReader.isXMLCharacter(Unicode.Scalar(value)!)) }
  }

  @Test func writesEveryErrorAsCSV() {
    let report = InputErrorReport(errors: [Self.error(2, .badValue)], limit: 1)
    #expect(
      String(decoding: report.csv(), as: UTF8.self)
        == "\u{FEFF}datei;zeile;spalte;art;kategorie;betrifft;meldung\r\n"
        + "in/buchungen.csv;2;3;Wert;ungültiger Wert;G;\"netto: Wert fehlt; erwartet eine ganze Zahl\"\r\n")
    #expect(
      String(decoding: report.csv(.english), as: UTF8.self)
        == "\u{FEFF}file;line;column;kind;category;scope;message\r\n"
        + "in/buchungen.csv;2;3;value;bad value;G;\"netto: value missing; expected a whole number\"\r\n")
  }
}

@Suite struct CheckJobTests {
  static func check(_ input: String, asOf: String = "2026-09-30", csv: String? = nil) -> (RunStatus, [String], [String])
  {
    var output: [String] = []
    var errors: [String] = []
    let job = CheckJob(
      inputDirectory: input, asOf: CalendarDate(iso: asOf) ?? CalendarDate(dayNumber: 0), errorsCSV: csv)
    let status = job.run(report: { output.append($0) }, warn: { errors.append($0) })
    return (status, output, errors)
  }

  @Test func summarizesACleanExport() {
    let (status, output, errors) = Self.check(Paths.export)
    #expect(status == .success)
    #expect(errors.isEmpty)
    #expect(output.first == "Export \(Paths.export), Stichtag 30.09.2026")
    #expect(output.contains("buchungen.csv            4182  Windows-1252  ;"))
    #expect(output.contains { $0.hasPrefix("MPSC-2021-WUP-A        191       0          1         0  R-ZEITRAUM 1") })
    #expect(output.last == "Außerhalb jeder Zuwendung: 3600 von 4182 Buchungen, davon 0 mit ungültigen Werten")
  }

  @Test func exitsOneOnFehlerAnd65OnInputErrors() throws {
    #expect(Self.check(Paths.defect("konto")).0 == .findingsWithErrors)
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let (status, _, errors) = Self.check(Paths.defect("bad-date"), csv: directory + "/errors.csv")
    #expect(status == .dataError)
    #expect(errors.filter { !InputFileTests.isAbsentOptionalNote($0) }.count == 1)
    let csv = try String(contentsOfFile: directory + "/errors.csv", encoding: .utf8)
    #expect(csv.contains("buchungen.csv;8;5;Wert;ungültiger Wert;FKZ-T1;"))
  }

  /// A missing required file is 66 in `check` as in `report` (the README's table), said once.
  @Test func aMissingRequiredFileIsExit66() {
    let (status, _, errors) = Self.check(Paths.defect("missing-file"))
    #expect(status == .inputMissing)
    let input = Paths.defect("missing-file")
    #expect(
      errors == [
        "\(input)/sachkonten.csv: Fehler: die Eingabedatei fehlt; sie ist erforderlich",
        "\(input)/mittelabrufe.csv: Hinweis: die Datei fehlt (sie ist optional): keine Mittelabrufe, also "
          + "AbgerufenKumuliert 0,00 €, Kassenbestand = −Bundesanteil und keine Zinsen",
        "\(input)/indikatoren.csv: Hinweis: die Datei fehlt (sie ist optional): die Berichte nennen keine Indikatoren",
        "\(input)/basiszinssatz.csv: Hinweis: die Datei fehlt (sie ist optional): ohne Basiszinssatz können Zinsen "
          + "auf Mittelabrufe nicht berechnet werden; fallen welche an, ist das ein Eingabefehler",
      ])
  }

  @Test func countsBadOutOfScopeRows() {
    let (status, output, _) = Self.check(Paths.defect("ausser-scope"))
    #expect(status == .success)
    #expect(output.last == "Außerhalb jeder Zuwendung: 2 von 6 Buchungen, davon 1 mit ungültigen Werten")
  }
}

@Suite struct DeadlineTableTests {
  /// Only zuwendung.csv is read: a broken ledger (or none) does not matter to the due dates.
  @Test func readsOnlyTheGrants() throws {
    let root = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.copyItem(atPath: Paths.defect("clean") + "/zuwendung.csv", toPath: root + "/zuwendung.csv")
    try "kaputt\"\r\n".write(toFile: root + "/buchungen.csv", atomically: true, encoding: .utf8)
    var output: [String] = []
    var errors: [String] = []
    let status = DeadlineTable.run(
      inputDirectory: root, asOf: try #require(CalendarDate(iso: "2026-11-26")), report: { output.append($0) },
      warn: { errors.append($0) })
    #expect(status == .success)
    #expect(errors.isEmpty)
    #expect(output.count == 4)
    #expect(output.first?.hasPrefix("Förderkennzeichen  Bericht") == true)
  }

  @Test func listsEveryDueDateWithItsState() throws {
    let export = ExportLoader(directory: Paths.export).load().export
    let rows = DeadlineTable.rows(export: export, asOf: try #require(CalendarDate(iso: "2026-11-26")))
    #expect(rows.first == ["Förderkennzeichen", "Bericht", "Zeitraum", "fällig am", "Stand"])
    #expect(rows.count == 12)
    #expect(rows[1] == ["MPSC-2021-WUP-A", "Zwischennachweis", "2021", "30.04.2022", "seit 1671 Tagen fällig"])
    #expect(rows[6] == ["MPSC-2021-WUP-A", "Verwendungsnachweis", "gesamt", "30.09.2027", "in 308 Tagen"])
    #expect(rows[10] == ["MPSC-2021-WUP-B", "Zwischennachweis", "2026", "30.04.2027", "in 155 Tagen"])
    #expect(rows[11] == ["MPSC-2021-WUP-B", "Verwendungsnachweis", "gesamt", "31.12.2028", "in 766 Tagen"])
  }
}

/// The CSV reports' field rules (outputs.md, "CSV reports").
@Suite struct CSVWriterTests {
  @Test(arguments: [
    ("Müller & Söhne", false, "Müller & Söhne"),
    ("zwei\r\nZeilen\nund\tTab", false, "zwei Zeilen und Tab"),
    ("a;b", false, "\"a;b\""),
    ("Zoll 5\" lang", false, "\"Zoll 5\"\" lang\""),
    (" vorn", false, "\" vorn\""),
    ("hinten\r", false, "\"hinten \""),
    ("=SUMME(A1)", true, "'=SUMME(A1)"),
    ("-12,50", true, "'-12,50"),
    ("-12,50", false, "-12,50"),
    ("@x;\"y\"", true, "\"'@x;\"\"y\"\"\""),
    ("\r\n", false, "\" \""),
    ("€ 5;ß", false, "\"€ 5;ß\""),
    // What the spreadsheet sees decides: a line break or tab before the formula becomes a space.
    ("\r=1+1", true, "' =1+1"),
    ("\t\n+A1", true, "'  +A1"),
    ("  @SUM(A1)", true, "'  @SUM(A1)"),
    ("\r=1+1", false, "\" =1+1\""),
    ("a =1", true, "a =1"),
  ])
  func writesAFieldAsTheInterfaceSays(value: String, isFreeText: Bool, expected: String) {
    #expect(CSVWriter.field(value, isFreeText: isFreeText) == expected)
  }
}
