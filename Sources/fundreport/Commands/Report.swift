import ArgumentParser
import Foundation
import FundReport

#if canImport(Glibc)
  import Glibc
#endif

extension FundReportCommand {
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Produce the delivery of one report kind for one period.",
      subcommands: [Quartalsbericht.self, Zwischennachweis.self, Verwendungsnachweis.self, Mittelabruf.self]
    )
  }

  /// Options every report kind takes.
  struct ReportOptions: ParsableArguments {
    @Option(
      name: .long,
      help: ArgumentHelp(
        "The export directory with zuwendung.csv, buchungen.csv, ... (each may be an .xlsx workbook; default: the configuration's export).",
        valueName: "dir"))
    var input: String?

    @OptionGroup var source: ConfigOptions

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The grant's Förderkennzeichen; repeat for several (default: every grant of the export).", valueName: "fkz"))
    var grant: [String] = []

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The folder that receives <FKZ>/<Berichtsart>_<period>_v<N>/ (default: the configuration's output, else reports).",
        valueName: "dir"))
    var out: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The generation time written as Erstellt, UTC, e.g. 2026-10-15T06:00:00Z (default: SOURCE_DATE_EPOCH, else now).",
        valueName: "time"))
    var created: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The submission register (default: the configuration's register, else <out>/register.sqlite).",
        valueName: "file"))
    var register: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Correct a submitted report: writes version N+1 with this reason as Berichtigungsgrund (refused when nothing is submitted).",
        valueName: "reason"))
    var correction: String?

    @OptionGroup var errorOptions: ErrorOptions

    @OptionGroup var languageOption: LanguageOption

    var language: Language { languageOption.language }

    func validate() throws {
      try errorOptions.check(language)
      if let correction, correction.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        throw ValidationError(language.text(.correctionNeedsReason))
      }
      _ = try generationTime(created: created, language: language)
    }

    var timestamp: Timestamp { (try? generationTime(created: created, language: language)) ?? .now }

    func run(kind: ReportKind, period: String, need: Money = .zero) throws {
      let (directory, options) = try source.resolve(input: input, language: language)
      // With --config, the same output folder, register and lock as `fundreport run`; an option wins.
      let configuration = try source.load(language: language)
      var job = ReportJob(
        kind: kind, inputDirectory: directory, periodID: period, grantIDs: grant.isEmpty ? nil : grant,
        outDirectory: out ?? configuration.outputDirectory.map(source.resolved) ?? "reports", created: timestamp,
        options: options, need: need)
      job.errorLimit = errorOptions.limit
      job.errorsCSV = errorOptions.errorsCSV
      job.registerPath = register ?? configuration.registerPath.map(source.resolved)
      job.correctionReason = correction?.trimmingCharacters(in: .whitespacesAndNewlines)
      job.language = language
      let status = job.run(report: { print($0) }, warn: writeToStandardError)
      if status != .success { throw ExitCode(status.rawValue) }
    }
  }

  struct Quartalsbericht: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The quarterly report (Quartalsbericht) with Belegliste, Finanzuebersicht and Befunde.")

    @Option(name: .long, help: ArgumentHelp("The calendar quarter, e.g. 2026-Q3.", valueName: "quarter"))
    var period: String

    @OptionGroup var options: ReportOptions

    func run() throws { try options.run(kind: .quartalsbericht, period: period) }
  }

  struct Zwischennachweis: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The interim statement of a budget year (Zwischennachweis), with Belegliste, Finanzuebersicht, Befunde."
    )

    @Option(name: .long, help: ArgumentHelp("The budget year, e.g. 2025 (Stichtag 31.12.).", valueName: "year"))
    var period: String

    @OptionGroup var options: ReportOptions

    func run() throws { try options.run(kind: .zwischennachweis, period: period) }
  }

  struct Verwendungsnachweis: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "The final statement of the whole grant (Verwendungsnachweis), with Belegliste, Finanzuebersicht, Befunde.")

    @Option(name: .long, help: ArgumentHelp("Always gesamt: the whole Bewilligungszeitraum.", valueName: "gesamt"))
    var period: String = "gesamt"

    @OptionGroup var options: ReportOptions

    func run() throws { try options.run(kind: .verwendungsnachweis, period: period) }
  }

  struct Mittelabruf: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "A drawdown request (Mittelabruf) at a Stichtag, with Befunde.")

    @Option(name: .long, help: ArgumentHelp("The Stichtag, e.g. 2026-10-15.", valueName: "date"))
    var period: String

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Eligible payments planned within the Verwendungsfrist, e.g. 120000,00.", valueName: "amount"))
    var bedarf: Money = .zero

    @OptionGroup var options: ReportOptions

    func validate() throws {
      guard bedarf >= .zero, bedarf <= Money.magnitudeLimit else {
        throw ValidationError(options.language.text(.needOutOfRange(bedarf, limit: Money.magnitudeLimit)))
      }
    }

    func run() throws { try options.run(kind: .mittelabruf, period: period, need: bedarf) }
  }
}
