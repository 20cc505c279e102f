import SystemPackage
import Testing

@testable import FundReport

/// Each kind of event as the command line prints it, in German and in
/// English, compared whole.
@Suite struct JobEventTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var event: JobEvent
    var level: JobEvent.Level
    var german: String
    var english: String
    var testDescription: String { german }
  }

  static let grant = "FKZ-1"
  static let place = InputError(
    kind: .value, category: .badValue, scope: .grant("FKZ-1"), file: "in/buchungen.csv", line: 2, column: 3,
    problem: .value(column: "netto", .invalid(value: "1,2,3", expected: .amount(decimalSeparator: ","))))

  static let cases: [Case] = [
    Case(
      event: .delivered(folder: "reports/FKZ/Quartalsbericht_2026-Q3_v1", fehler: 1, warnungen: 2, hinweise: 1),
      level: .result,
      german: "reports/FKZ/Quartalsbericht_2026-Q3_v1: 1 Fehler, 2 Warnungen, 1 Hinweis",
      english: "reports/FKZ/Quartalsbericht_2026-Q3_v1: 1 Fehler, 2 Warnungen, 1 Hinweis"),
    Case(
      event: .delivered(folder: "r/F/Q_v1", fehler: 0, warnungen: 1, hinweise: 2), level: .result,
      german: "r/F/Q_v1: 0 Fehler, 1 Warnung, 2 Hinweise", english: "r/F/Q_v1: 0 Fehler, 1 Warnung, 2 Hinweise"),
    Case(
      event: .upToDate(folder: "/r/FKZ/Mittelabruf_2026-10-15_v1", submitted: false), level: .result,
      german: "aktuell: /r/FKZ/Mittelabruf_2026-10-15_v1", english: "up to date: /r/FKZ/Mittelabruf_2026-10-15_v1"),
    Case(
      event: .upToDate(folder: "/r/F/Q_v1", submitted: true), level: .result,
      german: "aktuell (eingereicht): /r/F/Q_v1", english: "up to date (submitted): /r/F/Q_v1"),
    Case(
      event: .refused(
        grant: "FKZ", kind: .quartalsbericht, period: "2026-Q3", version: 1, submittedAt: "2026-10-20T09:00:00Z",
        inputsChanged: false), level: .note,
      german: "abgelehnt: Quartalsbericht 2026-Q3 v1 von FKZ wurde am 2026-10-20T09:00:00Z eingereicht und wird nie "
        + "geändert; für eine Berichtigung erneut mit --correction \"Grund\" aufrufen (ergibt v2)",
      english: "refused: Quartalsbericht 2026-Q3 v1 of FKZ was submitted on 2026-10-20T09:00:00Z and is never changed; "
        + "to correct it, run again with --correction \"reason\" (gives v2)"),
    Case(
      event: .refused(
        grant: "FKZ", kind: .zwischennachweis, period: "2025", version: 2, submittedAt: nil, inputsChanged: true),
      level: .note,
      german: "abgelehnt: Zwischennachweis 2025 v2 von FKZ wurde am ? eingereicht und wird nie geändert; seine "
        + "Eingaben haben sich seitdem geändert: vielleicht ist eine Berichtigung nötig (fundreport report ... "
        + "--correction \"Grund\")",
      english: "refused: Zwischennachweis 2025 v2 of FKZ was submitted on ? and is never changed; its inputs have "
        + "changed since: a correction may be needed (fundreport report ... --correction \"reason\")"),
    Case(
      event: .failed(.nothingToCorrect(grant: "FKZ", kind: .mittelabruf, period: "2026-10-15")), level: .error,
      german: "Fehler: FKZ: von Mittelabruf 2026-10-15 ist keine Version eingereicht, also nichts zu berichtigen; "
        + "ohne --correction aufrufen (eine Berichtigung ersetzt nur eine eingereichte Version)",
      english: "error: FKZ: no version of Mittelabruf 2026-10-15 is submitted, so there is nothing to correct; run "
        + "without --correction (a correction replaces a submitted version only)"),
    Case(
      event: .grantBlocked(grant: "FKZ", kind: .verwendungsnachweis, errors: 1), level: .error,
      german: "Fehler: FKZ: 1 Eingabefehler; für diese Zuwendung wurde kein Verwendungsnachweis geschrieben",
      english: "error: FKZ: 1 input error; no Verwendungsnachweis was written for this grant"),
    Case(
      event: .grantBlocked(grant: "FKZ", kind: .quartalsbericht, errors: 3), level: .error,
      german: "Fehler: FKZ: 3 Eingabefehler; für diese Zuwendung wurde kein Quartalsbericht geschrieben",
      english: "error: FKZ: 3 input errors; no Quartalsbericht was written for this grant"),
    Case(
      event: .skipped(
        .outsideGrantPeriod(
          kind: .quartalsbericht, id: "2020-Q1",
          interval: DateInterval(start: date(2020, 1, 1), end: date(2020, 3, 31)), grant: "FKZ",
          grantPeriod: DateInterval(start: date(2024, 1, 1), end: date(2027, 12, 31)))), level: .note,
      german: "Hinweis: übersprungen: Quartalsbericht 2020-Q1 (01.01.2020–31.03.2020) liegt nicht im "
        + "Bewilligungszeitraum von FKZ (01.01.2024–31.12.2027)",
      english: "note: skipped: Quartalsbericht 2020-Q1 (01.01.2020–31.03.2020) does not overlap the "
        + "Bewilligungszeitraum of FKZ (01.01.2024–31.12.2027)"),
    Case(
      event: .inputError(place), level: .error,
      german: "in/buchungen.csv:2:3: Fehler: netto: \"1,2,3\" ist ungültig; erwartet einen Betrag wie 1.234,56 mit "
        + "höchstens zwei Nachkommastellen",
      english: "in/buchungen.csv:2:3: error: netto: \"1,2,3\" is not valid; expected an amount like 1.234,56 with at "
        + "most two decimals"),
    Case(
      event: .inputErrorsNotListed(3, .badValue), level: .error,
      german: "… und 3 weitere der Art \"ungültiger Wert\" (alle: --errors-csv DATEI)",
      english: "… and 3 more bad value errors (all of them: --errors-csv FILE)"),
    Case(
      event: .inputErrorTotal(
        6, [.init(category: .strayQuote, count: 1), .init(category: .badValue, count: 5)]), level: .error,
      german: "6 Eingabefehler: 1 × überzähliges Anführungszeichen, 5 × ungültiger Wert",
      english: "6 input errors: 1 stray quote, 5 bad value"),
    Case(
      event: .inputNote(
        InputNote(
          file: "in/b.csv", line: 4, column: 9, kind: .mixedEncoding(byte: 0xE4, invalidBytes: 1, validSequences: 12))
      ), level: .note,
      german: "in/b.csv:4:9: Hinweis: als Windows-1252 gelesen, weil das Byte 0xE4 hier kein UTF-8 ist (das einzige "
        + "solche Byte); aber 12 andere Zeichen sind gültiges UTF-8, es kann also ein UTF-8-Export mit einzelnen "
        + "fremden Bytes sein, dessen Umlaute jetzt als \"Ã¼\" erscheinen. Bitte die Bytes korrigieren und neu "
        + "exportieren oder in fundreport.yaml für die Datei encoding: UTF-8 setzen",
      english: "in/b.csv:4:9: note: read as Windows-1252, because the byte 0xE4 here is not UTF-8 (the only such "
        + "byte); but 12 other characters are valid UTF-8, so it may be a UTF-8 export with stray bytes, whose "
        + "umlauts now read as \"Ã¼\". Fix the bytes and export again, or set encoding: UTF-8 for the file in "
        + "fundreport.yaml"),
    Case(
      event: .settled(.removedUnfinished("/r/F/.tmp-Q_v1-7")), level: .note,
      german: "Hinweis: die unfertige Lieferung /r/F/.tmp-Q_v1-7 entfernt",
      english: "note: removed the unfinished delivery /r/F/.tmp-Q_v1-7"),
    Case(
      event: .settled(.restored("/r/F/Q_v1")), level: .note,
      german: "Hinweis: /r/F/Q_v1 wiederhergestellt, dessen Ersetzung unterbrochen wurde",
      english: "note: restored /r/F/Q_v1, whose replacement was interrupted"),
    Case(
      event: .failed(.inputDirectoryMissing("in")), level: .error,
      german: "in: Fehler: das Eingabeverzeichnis existiert nicht",
      english: "in: error: the input directory does not exist"),
    Case(
      event: .failed(.inputErrorsAffectEveryGrant(1)), level: .error,
      german: "Fehler: 1 Eingabefehler betrifft alle Zuwendungen; es wurde kein Bericht geschrieben",
      english: "error: 1 input error affects every grant; no report was written"),
    Case(
      event: .failed(.unknownGrant("X", known: ["A", "B"])), level: .error,
      german: "Fehler: die Zuwendung X steht nicht in zuwendung.csv; der Export enthält: A, B",
      english: "error: grant X is not in zuwendung.csv; the export has: A, B"),
    Case(
      event: .failed(.period(.notAQuarter("2026-Q5"))), level: .error,
      german: "Fehler: \"2026-Q5\" ist kein Quartal; erwartet z. B. 2026-Q3",
      english: "error: \"2026-Q5\" is not a quarter; expected e.g. 2026-Q3"),
    Case(
      event: .failed(.store(.cannotWrite(.outputIsFile("/dev/null")))), level: .error,
      german: "Fehler: /dev/null: dort können keine Lieferungen geschrieben werden: es ist eine Datei, kein Ordner",
      english: "error: /dev/null: cannot write deliveries there: it is a file, not a folder"),
    Case(
      event: .failed(.store(.locked(RunLock.Held(path: "r/.fundreport.lock", pid: "42")))), level: .error,
      german: "Fehler: ein anderer fundreport-Prozess (PID 42) hält die Sperre r/.fundreport.lock; bitte erneut "
        + "versuchen, wenn er fertig ist",
      english: "error: another fundreport process (pid 42) holds the lock r/.fundreport.lock; try again when it is done"
    ),
    Case(
      event: .failed(
        .store(
          .cannotWrite(
            .file(FileSystemError(path: "r/F/.tmp-Q/SHA256SUMS", action: .write, cause: .system(.noSpace)))))),
      level: .error,
      german: "Fehler: r/F/.tmp-Q/SHA256SUMS: kann nicht geschrieben werden: kein Platz mehr auf dem Gerät (die "
        + "Platte ist voll)",
      english: "error: r/F/.tmp-Q/SHA256SUMS: cannot write: No space left on device"),
    Case(
      event: .failed(
        .register(Register.Failure(path: "r/register.sqlite", problem: .cannotWrite(.busy)))), level: .error,
      german: "Fehler: r/register.sqlite: das Register kann nicht geschrieben werden: ein anderer Prozess hält es "
        + "gesperrt (10 Sekunden gewartet)",
      english: "error: r/register.sqlite: cannot write the register: another process holds it locked (waited 10 "
        + "seconds)"),
    Case(
      event: .failed(
        .missingBaseRate(
          file: "in/basiszinssatz.csv", grant: "FKZ",
          DrawdownInterest.MissingBaseRate(day: date(2019, 5, 2), drawdown: "MA-1"))), level: .error,
      german: "in/basiszinssatz.csv: Fehler: basiszinssatz.csv hat keinen Satz für den 02.05.2019, den die Zinsen "
        + "auf den Mittelabruf MA-1 von FKZ brauchen",
      english: "in/basiszinssatz.csv: error: basiszinssatz.csv has no rate for 02.05.2019, which the interest on "
        + "drawdown MA-1 of FKZ needs"),
    Case(
      event: .failed(.configuration(Configuration.Invalid(file: "f.yaml", line: 0, problem: .noJobs))),
      level: .error,
      german: "f.yaml: Fehler: die Konfiguration hat keine Aufträge (jobs:)",
      english: "f.yaml: error: the configuration has no jobs"),
    Case(
      event: .failed(.deliveredWithFehler(kind: .quartalsbericht, period: "2026-Q3")), level: .note,
      german: "Hinweis: Quartalsbericht 2026-Q3: geliefert, mit Befunden der Schwere Fehler",
      english: "note: Quartalsbericht 2026-Q3: delivered with Fehler findings"),
    Case(
      event: .failed(
        .jobsFailed([
          .grantUnknown(kind: .quartalsbericht, grant: "X"),
          .exited(kind: .mittelabruf, period: "2026-10-15", grants: ["A", "B"], status: .cannotWrite),
        ])), level: .error,
      german: "Fehler: 2 Aufträge fehlgeschlagen: Quartalsbericht: die Zuwendung X steht nicht im Export; "
        + "Mittelabruf 2026-10-15 (A, B): Exit-Code 73",
      english: "error: 2 jobs failed: Quartalsbericht: grant X is not in the export; Mittelabruf 2026-10-15 (A, B): "
        + "exit 73"),
    Case(
      event: .internalError("XSD"), level: .error, german: "interner Fehler: XSD", english: "internal error: XSD"),
  ]

  @Test(arguments: cases)
  func rendersInGermanAndEnglish(_ example: Case) {
    #expect(example.event.level == example.level)
    #expect(example.event.text(.german) == example.german)
    #expect(example.event.text(.english) == example.english)
  }

  /// The logger adds its own level: the message loses the label that the command line prints.
  @Test func logsWithoutTheLabel() {
    #expect(JobEvent.failed(.notWrittenFrom("B")).logMessage(.german) == "ab B wurde keine Lieferung geschrieben")
    #expect(
      JobEvent.grantBlocked(grant: "FKZ", kind: .quartalsbericht, errors: 1).logMessage(.english)
        == "FKZ: 1 input error; no Quartalsbericht was written for this grant")
    #expect(JobEvent.internalError("x").logMessage(.german) == "x")
    #expect(
      JobEvent.settled(.madeReadOnly("/r/F/Q_v1")).logMessage(.german)
        == "/r/F/Q_v1 wieder schreibgeschützt (die Lieferung ist eingereicht)")
  }

  @Test func languageFollowsTheLocale() {
    #expect(Language.preferred(environment: [:]) == .german)
    #expect(Language.preferred(environment: ["LANG": "en_GB.UTF-8"]) == .english)
    #expect(Language.preferred(environment: ["LANG": "de_DE.UTF-8"]) == .german)
    #expect(Language.preferred(environment: ["LANG": "C.UTF-8"]) == .german)
    #expect(Language.preferred(environment: ["LC_ALL": "de_AT", "LANG": "en_US"]) == .german)
    #expect(Language.preferred(environment: ["LC_ALL": "", "LC_MESSAGES": "en", "LANG": "de_DE"]) == .english)
  }

  static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
    CalendarDate(year: year, month: month, day: day) ?? .firstDay(ofYear: year)
  }
}
