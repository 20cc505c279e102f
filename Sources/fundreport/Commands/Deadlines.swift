import ArgumentParser
import Foundation
import FundReport

#if canImport(Glibc)
  import Glibc
#endif

extension FundReportCommand {
  struct Deadlines: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "List every grant's due dates (Zwischennachweise, Verwendungsnachweis, the configuration's "
        + "Quartalsberichte) with what the register knows of them; --ics writes them as a calendar.")

    @Option(
      name: .long, help: ArgumentHelp("The export directory (default: the configuration's export).", valueName: "dir"))
    var input: String?

    @OptionGroup var source: ConfigOptions

    @Option(
      name: .customLong("as-of"),
      help: ArgumentHelp(
        "The day to count from, e.g. 2026-10-15 or 15.10.2026 (default: today, UTC).", valueName: "date"))
    var asOf: CalendarDate?

    @OptionGroup var register: DueDateRegisterOption

    @Option(
      name: .customLong("ics"),
      help: ArgumentHelp(
        "Also write the due dates as an iCalendar file (RFC 5545) for Outlook or Thunderbird: one all-day event "
          + "each, with a reminder 14 days before.", valueName: "file"))
    var iCalendar: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The calendar's time stamp (DTSTAMP), UTC, e.g. 2026-10-15T06:00:00Z (default: SOURCE_DATE_EPOCH, else "
          + "now).", valueName: "time"))
    var created: String?

    @OptionGroup var languageOption: LanguageOption

    func validate() throws {
      _ = try generationTime(created: created, language: languageOption.language)
    }

    func run() throws {
      let language = languageOption.language
      let today = asOf ?? Timestamp.now.date
      let (directory, _) = try source.resolve(input: input, language: language)
      let configuration = try source.load(language: language)
      let registerPath = try register.path(source: source, language: language)
      let status = DeadlineTable.run(
        inputDirectory: directory, asOf: today, jobs: ScheduledJobs(configuration), registerPath: registerPath,
        iCalendarPath: iCalendar, stamp: (try? generationTime(created: created, language: language)) ?? .now,
        language: language, report: { print($0) }, warn: writeToStandardError)
      if status != .success { throw ExitCode(status.rawValue) }
    }
  }
}
