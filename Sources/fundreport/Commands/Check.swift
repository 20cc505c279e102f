import ArgumentParser
import Foundation
import FundReport

#if canImport(Glibc)
  import Glibc
#endif

extension FundReportCommand {
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Read and validate the whole export and evaluate the rules, without writing deliveries.",
      discussion: """
        Prints the rows read per file, the grant rows and findings per grant, and every input error. \
        Exits 0 when all is well, 1 when a grant has Fehler findings, 65 when the export has input errors, 66 when \
        an input file is missing.
        """)

    @Option(
      name: .long, help: ArgumentHelp("The export directory (default: the configuration's export).", valueName: "dir"))
    var input: String?

    @Option(
      name: .customLong("as-of"),
      help: ArgumentHelp(
        "The Stichtag for the rules, e.g. 2026-09-30 or 30.09.2026 (default: today, UTC).", valueName: "date"))
    var asOf: CalendarDate?

    @OptionGroup var source: ConfigOptions

    @OptionGroup var errorOptions: ErrorOptions

    @OptionGroup var languageOption: LanguageOption

    func validate() throws {
      try errorOptions.check(languageOption.language)
    }

    func run() throws {
      let language = languageOption.language
      let today = asOf ?? Timestamp.now.date
      let (directory, options) = try source.resolve(input: input, language: language)
      var job = CheckJob(
        inputDirectory: directory, asOf: today, options: options, errorLimit: errorOptions.limit,
        errorsCSV: errorOptions.errorsCSV)
      job.language = language
      let status = job.run(report: { print($0) }, warn: writeToStandardError)
      if status != .success { throw ExitCode(status.rawValue) }
    }
  }
}
