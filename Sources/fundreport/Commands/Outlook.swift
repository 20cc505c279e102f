import ArgumentParser
import Foundation
import FundReport

extension FundReportCommand {
  struct Outlook: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Foresee interest and lapse (Vorschau): unused drawn money and its interest per day, the year's pace, "
        + "cost items heading past their plan, the next due dates, a Mittelabruf today.",
      discussion: """
        Every projected figure is marked as a projection; docs/decisions.md ("Outlook") gives the method: the \
        year's pace is its IstJahr per day passed, a cost item's pace its eligible spending of the last twelve \
        months; a needed pace is rounded up to cents. Nothing is written.

        Exit codes: 0 shown; 64 unknown grant; 65, 66 as for check.
        """)

    @Option(
      name: .long, help: ArgumentHelp("The export directory (default: the configuration's export).", valueName: "dir"))
    var input: String?

    @OptionGroup var source: ConfigOptions

    @Option(
      name: .customLong("as-of"),
      help: ArgumentHelp("The Stichtag, e.g. 2026-10-15 or 15.10.2026 (default: today, UTC).", valueName: "date"))
    var asOf: CalendarDate?

    @Option(
      name: .long, help: ArgumentHelp("Only this grant's Förderkennzeichen (default: every grant).", valueName: "fkz"))
    var grant: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "For the Mittelabruf today: eligible payments planned within the Verwendungsfrist.", valueName: "amount"))
    var bedarf: Money = .zero

    @OptionGroup var register: DueDateRegisterOption

    @Option(
      name: .long,
      help: ArgumentHelp(
        "table (for people), csv or json (for programs), xlsx (an Excel workbook of the CSV's table, typed: "
          + "redirect it into a file).", valueName: "format"))
    var format: ViewFormat = .table

    @OptionGroup var languageOption: LanguageOption

    func validate() throws {
      guard bedarf >= .zero, bedarf <= Money.magnitudeLimit else {
        throw ValidationError(languageOption.language.text(.needOutOfRange(bedarf, limit: Money.magnitudeLimit)))
      }
      try ViewOutput.check(format, language: languageOption.language)
    }

    func run() throws {
      let language = languageOption.language
      let (directory, options) = try source.resolve(input: input, language: language)
      let configuration = try source.load(language: language)
      let registerPath = try register.path(source: source, language: language)
      var job = OutlookJob(
        inputDirectory: directory, grantID: grant, asOf: asOf ?? Timestamp.now.date, options: options, need: bedarf,
        jobs: ScheduledJobs(configuration), registerPath: registerPath, format: format)
      job.language = language
      var output = ViewOutput(format: format, language: language)
      let status = job.run(output: { output.write($0) }, warn: writeToStandardError)
      try output.finish()
      try finish(status)
    }
  }
}
