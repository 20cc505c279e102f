import ArgumentParser
import Foundation
import FundReport

#if canImport(Glibc)
  import Glibc
#endif

extension FundReportCommand {
  struct Deadlines: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List every grant's due dates (Zwischennachweise, Verwendungsnachweis), past and coming.")

    @Option(
      name: .long, help: ArgumentHelp("The export directory (default: the configuration's export).", valueName: "dir"))
    var input: String?

    @OptionGroup var source: ConfigOptions

    @Option(
      name: .customLong("as-of"),
      help: ArgumentHelp(
        "The day to count from, e.g. 2026-10-15 or 15.10.2026 (default: today, UTC).", valueName: "date"))
    var asOf: CalendarDate?

    @OptionGroup var languageOption: LanguageOption

    func run() throws {
      let today = asOf ?? Timestamp.now.date
      let (directory, _) = try source.resolve(input: input, language: languageOption.language)
      let status = DeadlineTable.run(
        inputDirectory: directory, asOf: today, language: languageOption.language, report: { print($0) },
        warn: writeToStandardError)
      if status != .success { throw ExitCode(status.rawValue) }
    }
  }
}
