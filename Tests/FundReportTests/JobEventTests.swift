import Testing

@testable import FundReport

/// Each kind of event as the command line prints it and `run` logs it, compared whole.
@Suite struct JobEventTests {
  static let cases: [(JobEvent, JobEvent.Level, String)] = [
    (
      .delivered(folder: "reports/FKZ/Quartalsbericht_2026-Q3_v1", fehler: 0, warnungen: 2, hinweise: 1), .result,
      "reports/FKZ/Quartalsbericht_2026-Q3_v1: 0 Fehler, 2 Warnungen, 1 Hinweise"
    ),
    (
      .upToDate(folder: "/r/FKZ/Mittelabruf_2026-10-15_v1", submitted: false), .result,
      "up to date: /r/FKZ/Mittelabruf_2026-10-15_v1"
    ),
    (.upToDate(folder: "/r/F/Q_v1", submitted: true), .result, "up to date (submitted): /r/F/Q_v1"),
    (
      .refused(
        grant: "FKZ", kind: .quartalsbericht, period: "2026-Q3", version: 1, submittedAt: "2026-10-20T09:00:00Z",
        inputsChanged: false), .note,
      "refused: Quartalsbericht 2026-Q3 v1 of FKZ was submitted on 2026-10-20T09:00:00Z and is never changed; to "
        + "correct it, run again with --correction \"reason\" (gives v2)"
    ),
    (
      .refused(
        grant: "FKZ", kind: .zwischennachweis, period: "2025", version: 2, submittedAt: nil, inputsChanged: true),
      .note,
      "refused: Zwischennachweis 2025 v2 of FKZ was submitted on ? and is never changed; its inputs have changed "
        + "since: a correction may be needed (fundreport report ... --correction \"reason\")"
    ),
    (
      .correctionIgnored(grant: "FKZ", kind: .mittelabruf, period: "2026-10-15"), .note,
      "note: FKZ: nothing submitted yet for Mittelabruf 2026-10-15; --correction is ignored"
    ),
    (
      .grantBlocked(grant: "FKZ", kind: .verwendungsnachweis, errors: 3), .error,
      "error: FKZ: 3 input error(s); no Verwendungsnachweis was written for this grant"
    ),
    (
      .skipped("Quartalsbericht 2020-Q1 does not overlap"), .note,
      "note: skipped: Quartalsbericht 2020-Q1 does not overlap"
    ),
    (.inputError("in/b.csv:2:3: error: x"), .error, "in/b.csv:2:3: error: x"),
    (.inputNote("in/b.csv:2:3: note: x"), .note, "in/b.csv:2:3: note: x"),
    (
      .settled("removed the unfinished delivery /r/F/.tmp-Q_v1-7"), .note,
      "note: removed the unfinished delivery /r/F/.tmp-Q_v1-7"
    ),
    (
      .fileError(path: "in", message: "the input directory does not exist"), .error,
      "in: error: the input directory does not exist"
    ),
    (.error("/dev/null: cannot write deliveries there"), .error, "error: /dev/null: cannot write deliveries there"),
    (.internalError("XSD"), .error, "internal error: XSD"),
  ]

  @Test(arguments: cases.indices)
  func rendersAsPrinted(index: Int) {
    let (event, level, text) = Self.cases[index]
    #expect(event.level == level)
    #expect(event.text == text)
  }

  /// The logger adds its own level: the message loses the "error: " that the command line prints.
  @Test func logsWithoutTheLevelPrefix() {
    #expect(JobEvent.error("x").logMessage == "x")
    #expect(
      JobEvent.grantBlocked(grant: "FKZ", kind: .quartalsbericht, errors: 1).logMessage
        == "FKZ: 1 input error(s); no Quartalsbericht was written for this grant")
    #expect(JobEvent.internalError("x").logMessage == "internal error: x")
    #expect(JobEvent.inputError("a:1:1: error: b").logMessage == "a:1:1: error: b")
  }
}
