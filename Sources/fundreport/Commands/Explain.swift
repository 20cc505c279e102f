import ArgumentParser
import Foundation
import FundReport

#if canImport(Glibc)
  import Glibc
#endif

extension FundReportCommand {
  struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Explain a figure of a report: its formula with the numbers, and the input records it sums.",
      discussion: """
        The report is made as fundreport report makes it (in memory; nothing is written), and every \
        explanation is checked against the figure in it. A figure is named by its place in the report, \
        as --list prints them, e.g. Finanzen/Position[kostenposition=personal]/IstKumuliert, \
        Massnahmen/Massnahme[kennung=M-02]/IstQuartal, Mittel/ZinsenAufgelaufen, Einnahmen/Eigenmittel, \
        Abruf/Abrufbetrag. Records are named by file (as the export names it), line and spreadsheet row \
        (Tabellenzeile: the row Excel shows, header row 1).

        Examples (each with --input DIR or --config FILE):
          fundreport explain quartalsbericht --period 2026-Q3 --list
          fundreport explain quartalsbericht --period 2026-Q3 Mittel/ZinsenAufgelaufen
          fundreport explain quartalsbericht --period 2026-Q3 --finding R-KONTO

        Exit codes: 0 explained; 64 no such figure, rule or period, or several grants without --grant; \
        65, 66 as for report; 70 an explanation that does not give the report's figure (never shown).
        """)

    @Argument(
      help: ArgumentHelp(
        "The report kind: Quartalsbericht, Zwischennachweis, Verwendungsnachweis or Mittelabruf.", valueName: "kind"))
    var kind: ReportKind

    @Argument(
      help: ArgumentHelp("The figure's place in the report (see --list).", valueName: "place"))
    var place: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The period: a quarter (2026-Q3), a budget year (2025), gesamt, or a Mittelabruf's Stichtag (2026-10-15).",
        valueName: "period"))
    var period: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The export directory (default: the configuration's export).", valueName: "dir"))
    var input: String?

    @OptionGroup var source: ConfigOptions

    @Option(
      name: .long,
      help: ArgumentHelp("The grant's Förderkennzeichen (needed when the export holds several).", valueName: "fkz"))
    var grant: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "For a Mittelabruf: eligible payments planned within the Verwendungsfrist.", valueName: "amount"))
    var bedarf: Money = .zero

    @Flag(name: .long, help: "Print every figure of the report with its value.")
    var list = false

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Explain the findings of one rule (e.g. R-KONTO) with the records they name.", valueName: "rule"))
    var finding: String?

    @Flag(name: .long, help: "Explain every finding with the records it names.")
    var findings = false

    @Option(
      name: .long,
      help: ArgumentHelp(
        "table (for people), csv or json (for programs), xlsx (an Excel workbook of the CSV's table, typed: "
          + "redirect it into a file).", valueName: "format"))
    var format: ViewFormat = .table

    @Flag(name: .long, help: "Show long lists whole in the table (CSV and JSON always are).")
    var all = false

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The generation time the report is made with, UTC (default: SOURCE_DATE_EPOCH, else now).", valueName: "time"))
    var created: String?

    @OptionGroup var languageOption: LanguageOption

    var language: Language { languageOption.language }

    var target: ExplainJob.Target? {
      switch (place, list, finding, findings) {
      case (let place?, false, nil, false): return .figure(place)
      case (nil, true, nil, false): return .list
      case (nil, false, let rule?, false): return .findings(rule: rule)
      case (nil, false, nil, true): return .findings(rule: nil)
      default: return nil
      }
    }

    func validate() throws {
      guard target != nil else { throw ValidationError(language.text(.explainNeedsOneTarget)) }
      if period == nil && kind != .verwendungsnachweis {
        throw ValidationError(language.text(.explainNeedsPeriod(kind)))
      }
      guard bedarf >= .zero, bedarf <= Money.magnitudeLimit else {
        throw ValidationError(language.text(.needOutOfRange(bedarf, limit: Money.magnitudeLimit)))
      }
      _ = try generationTime(created: created, language: language)
      try ViewOutput.check(format, language: language)
    }

    func run() throws {
      let (directory, options) = try source.resolve(input: input, language: language)
      var job = ExplainJob(
        kind: kind, periodID: period ?? "gesamt", inputDirectory: directory, grantID: grant, options: options,
        need: bedarf, target: target ?? .list, format: format,
        created: (try? generationTime(created: created, language: language)) ?? .now)
      job.showsAll = all
      job.language = language
      var output = ViewOutput(format: format, language: language)
      let status = job.run(output: { output.write($0) }, warn: writeToStandardError)
      try output.finish()
      try finish(status)
    }
  }
}

extension ViewFormat: ExpressibleByArgument {}
