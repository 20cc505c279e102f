import ArgumentParser
import Foundation
import FundReport
import Logging

#if canImport(Glibc)
  import Glibc
#endif

extension FundReportCommand {
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The scheduled batch (cron): produce every due delivery of the configuration's jobs.",
      discussion: """
        Writes each due delivery that is missing or whose inputs changed since its last unsubmitted version, \
        skips what is up to date, and never touches a submitted one (it warns when its inputs changed: a \
        correction may be needed). Silent on success unless --verbose; non-zero with a summary when a job fails; \
        exits 75 when another run holds the lock.
        """)

    @Option(
      name: .long, help: ArgumentHelp("The fundreport.yaml with export, output, register and jobs.", valueName: "file"))
    var config: String

    @Option(
      name: .customLong("as-of"),
      help: ArgumentHelp(
        "The day the run acts for, e.g. 2026-10-15 or 15.10.2026 (default: today, UTC).", valueName: "date"))
    var asOf: CalendarDate?

    @Flag(name: .long, help: "Also log what was written and what was up to date.")
    var verbose = false

    @Option(
      name: .customLong("log-format"),
      help: ArgumentHelp("text or json (one object per line).", valueName: "format"))
    var logFormat: FundReportLogHandler.Format = .text

    @Option(
      name: .long,
      help: ArgumentHelp("Erstellt of the deliveries (default: SOURCE_DATE_EPOCH, else now).", valueName: "time"))
    var created: String?

    @OptionGroup var languageOption: LanguageOption

    func validate() throws {
      _ = try generationTime(created: created, language: languageOption.language)
    }

    func run() throws {
      let language = languageOption.language
      let format = logFormat
      let logger = Logger(label: "fundreport") { _ in
        FundReportLogHandler(format: format, logLevel: verbose ? .info : .warning)
      }
      let configuration: Configuration
      do {
        configuration = try Configuration.load(path: config)
      } catch {
        logger.error("\(error.text(language))")
        throw ExitCode(RunStatus.usage.rawValue)
      }
      let today = asOf ?? Timestamp.now.date
      let stamp = try generationTime(created: created, language: language)
      var run = ScheduledRun(configuration: configuration, configurationPath: config, asOf: today, created: stamp)
      run.language = language
      var status = run.run(logger: logger)
      // The dashboard, when the configuration names its folder, from the same export and register, as of the
      // same day; silent on success like the rest of the run.
      if let folder = configuration.dashboardDirectory, status.rawValue < RunStatus.usage.rawValue,
        let export = configuration.exportDirectory
      {
        let resolve = { (path: String) in Configuration.resolve(path, relativeTo: config) }
        let output = resolve(configuration.outputDirectory ?? "reports")
        var dashboard = DashboardJob(
          inputDirectory: resolve(export), outDirectory: resolve(folder), asOf: today, options: configuration.ingest,
          jobs: ScheduledJobs(configuration),
          registerPath: configuration.registerPath.map(resolve) ?? output + "/register.sqlite")
        dashboard.language = language
        dashboard.reportsInputErrors = false
        let written = dashboard.run(
          report: { logger.info("\($0)") }, warn: { logger.warning("\($0)") })
        status = RunStatus.mostSevere(status, written == .dataError ? .success : written)
      }
      try finish(status)
    }
  }
}
