import ArgumentParser
import Foundation
import FundReport

extension FundReportCommand {
  struct Dashboard: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the controller's pages (a start page, a page per grant) as HTML a browser opens offline.",
      discussion: """
        The pages are self-contained (inline CSS and SVG, no script, no request leaving the folder) and German \
        unless --lang en. The folder is written beside its place and renamed into it: the old pages stay whole \
        until the new ones are complete. Nothing in a delivery changes.

        Exit codes: 0 written; 65, 66 as for check; 73 the folder cannot be written.
        """)

    @Option(
      name: .long, help: ArgumentHelp("The export directory (default: the configuration's export).", valueName: "dir"))
    var input: String?

    @OptionGroup var source: ConfigOptions

    @Option(
      name: .customLong("as-of"),
      help: ArgumentHelp("The Stichtag, e.g. 2026-09-30 or 30.09.2026 (default: today, UTC).", valueName: "date"))
    var asOf: CalendarDate?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The folder for the pages (default: the configuration's output, else reports, with /uebersicht).",
        valueName: "dir"))
    var out: String?

    @OptionGroup var register: DueDateRegisterOption

    @OptionGroup var languageOption: LanguageOption

    func run() throws {
      let language = languageOption.language
      let (directory, options) = try source.resolve(input: input, language: language)
      let configuration = try source.load(language: language)
      let output = configuration.outputDirectory.map(source.resolved) ?? "reports"
      let registerPath = try register.path(source: source, language: language)
      var job = DashboardJob(
        inputDirectory: directory, outDirectory: out ?? output + "/uebersicht", asOf: asOf ?? Timestamp.now.date,
        options: options, jobs: ScheduledJobs(configuration), registerPath: registerPath)
      job.language = language
      try finish(job.run(report: { _ in }, warn: writeToStandardError))
    }
  }
}
