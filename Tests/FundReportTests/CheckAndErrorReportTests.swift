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
      inputDirectory: root, asOf: try #require(CalendarDate(iso: "2026-11-26")), registerPath: nil,
      iCalendarPath: nil, stamp: fixedCreated, report: { output.append($0) }, warn: { errors.append($0) })
    #expect(status == .success)
    #expect(errors.isEmpty)
    #expect(output.count == 4)
    #expect(output.first?.hasPrefix("Förderkennzeichen  Bericht") == true)
  }

  @Test func listsEveryDueDateWithItsState() throws {
    let export = ExportLoader(directory: Paths.export).load().export
    let items = try DeadlineTable.items(export: export, jobs: [], register: nil)
    let rows = DeadlineTable.rows(items, asOf: try #require(CalendarDate(iso: "2026-11-26")))
    #expect(rows.first == ["Förderkennzeichen", "Bericht", "Zeitraum", "fällig am", "Stand", "Lieferung"])
    #expect(rows.count == 12)
    #expect(
      rows[1] == ["MPSC-2021-WUP-A", "Zwischennachweis", "2021", "30.04.2022", "seit 1671 Tagen fällig", "unbekannt"])
    #expect(rows[9] == ["MPSC-2021-WUP-B", "Zwischennachweis", "2026", "30.04.2027", "in 155 Tagen", "unbekannt"])
    #expect(
      rows[10] == ["MPSC-2021-WUP-A", "Verwendungsnachweis", "gesamt", "30.09.2027", "in 308 Tagen", "unbekannt"])
    #expect(
      rows[11] == ["MPSC-2021-WUP-B", "Verwendungsnachweis", "gesamt", "31.12.2028", "in 766 Tagen", "unbekannt"])
  }

  /// The register's state of each due date: submitted (done), a draft, or missing; the configuration's
  /// Quartalsbericht jobs add a date `after_days` after every quarter of the grant.
  @Test func showsWhatTheRegisterKnowsAndTheQuartalsberichtDatesOfTheJobs() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    #expect(space.submit(space.folder(1)).0 == .success)
    #expect(space.report("2026-Q2").0 == .success)
    let export = ExportLoader(directory: space.input).load().export
    let register = try Register(path: space.register, create: false)
    let jobs = [ScheduledJob(kind: .quartalsbericht, afterDays: 20)]
    let items = try DeadlineTable.items(export: export, jobs: jobs, register: register)
    let quarters = items.filter { $0.kind == .quartalsbericht }
    // FKZ-T1 runs from 01.01.2025 to 31.12.2027: twelve quarters.
    #expect(quarters.count == 12)
    #expect(quarters.first?.due == day("20.04.2025"))
    #expect(quarters.last?.due == day("20.01.2028"))
    #expect(
      quarters.first { $0.period == "2026-Q3" }?.state == .submitted(version: 1, at: fixedCreated))
    #expect(quarters.first { $0.period == "2026-Q2" }?.state == .draft(version: 1, created: fixedCreated))
    #expect(quarters.first { $0.period == "2026-Q4" }?.state == .missing)
    let rows = DeadlineTable.rows(items, asOf: day("26.11.2026"))
    #expect(
      rows.contains([
        "FKZ-T1", "Quartalsbericht", "2026-Q3", "20.10.2026", "erledigt", "eingereicht am 15.10.2026 (v1)",
      ]))
    #expect(
      rows.contains([
        "FKZ-T1", "Quartalsbericht", "2026-Q2", "20.07.2026", "seit 129 Tagen fällig", "Entwurf v1 vom 15.10.2026",
      ]))
  }

  /// `--ics`: an iCalendar file (RFC 5545) read back has one event per due date of computation.md, on its day,
  /// with a reminder; lines end in CRLF and are folded at 75 octets.
  @Test func theCalendarFileHoldsEveryDueDate() throws {
    let root = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let run = try BinaryRun([
      "deadlines", "--input", Paths.export, "--as-of", "2026-11-26", "--register", root + "/none.sqlite", "--ics",
      root + "/fristen.ics", "--created", "2026-11-26T06:00:00Z",
    ])
    #expect(run.status == 0)
    #expect(
      run.stderr
        == "Hinweis: kein Register unter \(root)/none.sqlite; ob die Lieferungen eingereicht sind, ist nicht bekannt\n")
    let bytes = try FileSystem.readFile(root + "/fristen.ics")
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.hasSuffix("END:VCALENDAR\r\n"))
    let physical = text.components(separatedBy: "\r\n").dropLast()
    #expect(physical.allSatisfy { $0.utf8.count <= 75 && !$0.contains("\n") })
    // Unfolded (a line that starts with a space continues the one before).
    var lines: [String] = []
    for line in physical {
      if line.hasPrefix(" "), let last = lines.popLast() {
        lines.append(last + line.dropFirst())
      } else {
        lines.append(line)
      }
    }
    var events: [String: String] = [:]
    var uid = ""
    for line in lines {
      if line.hasPrefix("UID:") { uid = String(line.dropFirst(4)) }
      if line.hasPrefix("DTSTART;VALUE=DATE:") { events[uid] = String(line.dropFirst(19)) }
    }
    #expect(
      events == [
        "MPSC-2021-WUP-A-Zwischennachweis-2021@fundreport": "20220430",
        "MPSC-2021-WUP-A-Zwischennachweis-2022@fundreport": "20230430",
        "MPSC-2021-WUP-A-Zwischennachweis-2023@fundreport": "20240430",
        "MPSC-2021-WUP-A-Zwischennachweis-2024@fundreport": "20250430",
        "MPSC-2021-WUP-A-Zwischennachweis-2025@fundreport": "20260430",
        "MPSC-2021-WUP-A-Verwendungsnachweis-gesamt@fundreport": "20270930",
        "MPSC-2021-WUP-B-Zwischennachweis-2023@fundreport": "20240430",
        "MPSC-2021-WUP-B-Zwischennachweis-2024@fundreport": "20250430",
        "MPSC-2021-WUP-B-Zwischennachweis-2025@fundreport": "20260430",
        "MPSC-2021-WUP-B-Zwischennachweis-2026@fundreport": "20270430",
        "MPSC-2021-WUP-B-Verwendungsnachweis-gesamt@fundreport": "20281231",
      ])
    #expect(lines.filter { $0 == "TRIGGER:-P14D" }.count == 11)
    #expect(lines.filter { $0 == "DTSTAMP:20261126T060000Z" }.count == 11)
    #expect(lines.contains("SUMMARY:Zwischennachweis 2026 fällig (MPSC-2021-WUP-B)"))
    #expect(lines.prefix(2) == ["BEGIN:VCALENDAR", "VERSION:2.0"])
  }

  @Test func calendarTextIsEscapedAndFoldedWithoutSplittingACharacter() {
    #expect(DeadlineTable.escaped("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne")
    let long = "SUMMARY:" + String(repeating: "ä", count: 50)
    let folded = DeadlineTable.folded(long)
    #expect(folded.count == 2)
    #expect(folded[0].utf8.count == 74)
    #expect(folded[1].hasPrefix(" ä"))
    #expect(folded[0] + folded[1].dropFirst() == long)
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
