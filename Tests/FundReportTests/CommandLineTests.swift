import Foundation
import Testing

/// Runs the built `fundreport` binary like a user or cron would.
@Suite struct CommandLineTests {
  struct Result {
    var status: Int32
    var output: String
    var errors: String
  }

  static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Paths.binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: Paths.root)
    var merged = ProcessInfo.processInfo.environment
    merged.removeValue(forKey: "SOURCE_DATE_EPOCH")
    // The messages' language follows the locale: the tests fix it (German, the default).
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] { merged.removeValue(forKey: key) }
    for (key, value) in environment { merged[key] = value }
    process.environment = merged
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
      errors: String(decoding: errData, as: UTF8.self))
  }

  @Test func helpExplainsCommandsAndExitCodes() throws {
    let help = try Self.run(["--help"])
    #expect(help.status == 0)
    #expect(help.output.contains("report"))
    #expect(help.output.contains("65  bad input data"))
    for command in [
      "check", "report", "run", "submit", "history", "verify", "reproduce", "diff", "deadlines", "schema",
    ] {
      #expect(help.output.contains("\n  \(command) "), "\(command) missing in --help")
    }
    #expect(!help.output.split(separator: "\n").contains { $0.count > 80 })
    let quarterly = try Self.run(["report", "quartalsbericht", "--help"])
    for option in ["--input", "--period", "--grant", "--out", "--created"] {
      #expect(quarterly.output.contains(option))
    }
  }

  @Test func reportsTheDeliveryAndExitsZero() throws {
    let out = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try Self.run(
      [
        "report", "quartalsbericht", "--input", "fixtures/defects/clean", "--period", "2026-Q3", "--out", out,
      ], environment: ["SOURCE_DATE_EPOCH": "1792044000"])
    #expect(result.status == 0)
    // The export has no optional files: said once each, with what it means.
    let input = "fixtures/defects/clean"
    #expect(
      result.errors
        == "\(input)/mittelabrufe.csv: Hinweis: die Datei fehlt (sie ist optional): keine Mittelabrufe, also "
        + "AbgerufenKumuliert 0,00 €, Kassenbestand = −Bundesanteil und keine Zinsen\n"
        + "\(input)/indikatoren.csv: Hinweis: die Datei fehlt (sie ist optional): die Berichte nennen keine Indikatoren\n"
        + "\(input)/basiszinssatz.csv: Hinweis: die Datei fehlt (sie ist optional): ohne Basiszinssatz können Zinsen "
        + "auf Mittelabrufe nicht berechnet werden; fallen welche an, ist das ein Eingabefehler\n")
    #expect(result.output == "\(out)/FKZ-T1/Quartalsbericht_2026-Q3_v1: 0 Fehler, 1 Warnung, 0 Hinweise\n")
    let xml = try String(
      contentsOfFile: "\(out)/FKZ-T1/Quartalsbericht_2026-Q3_v1/FKZ-T1_Quartalsbericht_2026-Q3_v1.xml", encoding: .utf8)
    #expect(xml.contains("<Erstellt>2026-10-15T06:00:00Z</Erstellt>"))
  }

  /// German by default; English with `--lang en` or an English locale; `--lang` wins over the locale.
  @Test func badInputExits65WithFileLineColumn() throws {
    let out = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let arguments = [
      "report", "quartalsbericht", "--input", "fixtures/defects/bad-amount", "--period", "2026-Q3", "--out", out,
    ]
    let german =
      "fixtures/defects/bad-amount/buchungen.csv:8:58: Fehler: netto: \"12,345\" ist ungültig; erwartet einen Betrag "
      + "wie 1.234,56 mit höchstens zwei Nachkommastellen\n"
      + "Fehler: FKZ-T1: 1 Eingabefehler; für diese Zuwendung wurde kein Quartalsbericht geschrieben\n"
    let english =
      "fixtures/defects/bad-amount/buchungen.csv:8:58: error: netto: \"12,345\" is not valid; expected an amount like "
      + "1.234,56 with at most two decimals\n"
      + "error: FKZ-T1: 1 input error; no Quartalsbericht was written for this grant\n"
    func said(_ result: Result) -> String {
      result.errors.split(separator: "\n").filter { !InputFileTests.isAbsentOptionalNote(String($0)) }
        .map { $0 + "\n" }.joined()
    }
    let result = try Self.run(arguments)
    #expect(result.status == 65)
    #expect(result.output == "")
    #expect(said(result) == german)
    #expect(said(try Self.run(arguments + ["--lang", "en"])) == english)
    #expect(said(try Self.run(arguments, environment: ["LANG": "en_US.UTF-8"])) == english)
    #expect(said(try Self.run(arguments + ["--lang", "de"], environment: ["LC_ALL": "en_GB.UTF-8"])) == german)
    let unknown = try Self.run(arguments + ["--lang", "fr"])
    #expect(unknown.status == 64)
    #expect(unknown.errors.hasPrefix("Error: The value 'fr' is invalid for '--lang <language>'"))
  }

  /// With --config, deadlines reads the configuration's export, as run does, and adds the Quartalsbericht
  /// dates of its jobs (15 days after each quarter of each grant).
  @Test func deadlinesTakeTheExportAndTheJobsOfTheConfiguration() throws {
    let none = "--register=/nonexistent/register.sqlite"
    let byConfig = try Self.run([
      "deadlines", "--config", "fixtures/cron/fundreport.yaml", "--as-of", "2026-11-26", none,
    ])
    let byInput = try Self.run(["deadlines", "--input", "fixtures/export", "--as-of", "2026-11-26", none])
    #expect(byConfig.status == 0)
    #expect(byInput.status == 0)
    let rows = byConfig.output.split(separator: "\n")
    // 11 due dates of zuwendung.csv, and 21 quarters of MPSC-2021-WUP-A and 20 of MPSC-2021-WUP-B.
    #expect(rows.count == 1 + 11 + 21 + 20)
    #expect(byInput.output.split(separator: "\n").count == 12)
    #expect(
      rows.contains(
        "MPSC-2021-WUP-B    Quartalsbericht      2026-Q3   15.10.2026  seit 42 Tagen fällig    unbekannt"))
  }

  @Test func missingInputExits66() throws {
    let result = try Self.run([
      "report", "quartalsbericht", "--input", "fixtures/nowhere", "--period", "2026-Q3", "--out", "/tmp/unused",
    ])
    #expect(result.status == 66)
    #expect(result.errors == "fixtures/nowhere: Fehler: das Eingabeverzeichnis existiert nicht\n")
  }

  @Test func badUsageExits64() throws {
    let result = try Self.run([
      "report", "quartalsbericht", "--input", "fixtures/export", "--period", "2026-Q3", "--created", "gestern",
    ])
    #expect(result.status == 64)
    #expect(
      result.errors.hasPrefix(
        "Error: --created gestern ist keine UTC-Zeit von 1970-01-01T00:00:00Z … 9999-12-31T23:59:59Z; "
          + "bitte so schreiben: 2026-10-15T06:00:00Z\n"))
    let period = try Self.run(["report", "quartalsbericht", "--input", "fixtures/export", "--period", "2026-Q5"])
    #expect(period.status == 64)
    #expect(period.errors == "Fehler: \"2026-Q5\" ist kein Quartal; erwartet z. B. 2026-Q3\n")
  }
}
