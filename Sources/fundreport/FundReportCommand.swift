import ArgumentParser
import Foundation
import FundReport
import Logging

#if canImport(Glibc)
  import Glibc
#endif

@main
struct FundReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fundreport",
    abstract: "Compliance reports for grants of the programme \"Modellprojekte Smart Cities\" (MPSC-Berichte 1.0).",
    discussion: """
      fundreport reads a municipality's ERP and project CSV exports (an export directory), \
      computes spending, progress and the compliance findings of the reporting interface, and \
      writes validated deliveries (XML, CSV, SHA256SUMS).

      Exit codes:
        0   delivered, no finding of severity Fehler
        1   delivered, with Fehler findings (fix the data, or justify them)
        64  usage error (bad option, unknown grant, period outside the grant)
        65  bad input data (every error is listed as file:line:column)
        66  an input file or the input directory is missing
        70  internal error (a report failed its XSD; nothing was delivered)
        73  a delivery or the register cannot be written
        75  another fundreport run holds the lock
        77  refused: a submitted report is never changed (use --correction),
            or Fehler findings without --justification
      """,
    version: FundReportVersion.current,
    subcommands: [
      Check.self, Report.self, Run.self, Submit.self, History.self, Verify.self, Reproduce.self, Deadlines.self,
      Schema.self,
    ]
  )
}

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
      "The export directory with zuwendung.csv, buchungen.csv, ... (default: the configuration's export).",
      valueName: "dir"))
  var input: String?

  @OptionGroup var source: ConfigOptions

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The grant's Förderkennzeichen; repeat for several (default: every grant of the export).", valueName: "fkz"))
  var grant: [String] = []

  @Option(
    name: .long, help: ArgumentHelp("The folder that receives <FKZ>/<Berichtsart>_<period>_v<N>/.", valueName: "dir"))
  var out: String = "reports"

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The generation time written as Erstellt, UTC, e.g. 2026-10-15T06:00:00Z (default: SOURCE_DATE_EPOCH, else now).",
      valueName: "time"))
  var created: String?

  @Option(
    name: .long,
    help: ArgumentHelp("The submission register (default: <out>/register.sqlite).", valueName: "file"))
  var register: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Correct a submitted report: writes version N+1 with this reason as Berichtigungsgrund.", valueName: "reason"))
  var correction: String?

  @OptionGroup var errorOptions: ErrorOptions

  func validate() throws {
    if let correction, correction.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      throw ValidationError("--correction needs a reason, e.g. --correction \"Storno Beleg 4711 nachgebucht\"")
    }
    _ = try generationTime(created: created)
  }

  var timestamp: Timestamp { (try? generationTime(created: created)) ?? .now }

  func run(kind: ReportKind, period: String, need: Money = .zero) throws {
    let (directory, options) = try source.resolve(input: input)
    var job = ReportJob(
      kind: kind, inputDirectory: directory, periodID: period, grantIDs: grant.isEmpty ? nil : grant,
      outDirectory: out, created: timestamp, options: options, need: need)
    job.errorLimit = errorOptions.limit
    job.errorsCSV = errorOptions.errorsCSV
    job.registerPath = register
    job.correctionReason = correction?.trimmingCharacters(in: .whitespacesAndNewlines)
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
    abstract: "The interim statement of a budget year (Zwischennachweis), with Belegliste, Finanzuebersicht, Befunde.")

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
      "Eligible payments planned within the Verwendungsfrist, e.g. 120000,00 (default 0).", valueName: "amount"))
  var bedarf: String?

  @OptionGroup var options: ReportOptions

  var need: Money? {
    guard let bedarf else { return .zero }
    return Money(germanAmount: bedarf)
  }

  func validate() throws {
    guard let need, need >= .zero else {
      throw ValidationError("--bedarf \(bedarf ?? "") is not an amount of 0 or more; write it like 120000,00")
    }
  }

  func run() throws { try options.run(kind: .mittelabruf, period: period, need: need ?? .zero) }
}

/// The configuration file, for ERPs that write their exports differently.
struct ConfigOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "A fundreport.yaml with per-file column names, encodings, delimiters, decimal separators (see README).",
      valueName: "file"))
  var config: String?

  /// The export directory and the reading options: `--input` wins over the configuration's `export`.
  func resolve(input: String?) throws -> (String, IngestOptions) {
    var configuration = Configuration()
    if let config {
      do {
        configuration = try Configuration.load(path: config)
      } catch {
        writeToStandardError(error.description)
        throw ExitCode(RunStatus.usage.rawValue)
      }
    }
    if let input { return (input, configuration.ingest) }
    guard let export = configuration.exportDirectory, let config else {
      throw ValidationError("--input is required (or a --config whose export names the export directory)")
    }
    let base = config.contains("/") ? String(config[..<(config.lastIndex(of: "/") ?? config.endIndex)]) : "."
    if export.hasPrefix("/") { return (export, configuration.ingest) }
    return (export == "." ? base : base + "/" + export, configuration.ingest)
  }
}

/// How input errors are shown.
struct ErrorOptions: ParsableArguments {
  @Option(
    name: .customLong("max-errors"),
    help: ArgumentHelp("List at most this many input errors of each kind (0: all).", valueName: "n"))
  var maxErrors: Int = 20

  @Option(
    name: .customLong("errors-csv"),
    help: ArgumentHelp("Also write every input error to this CSV file.", valueName: "file"))
  var errorsCSV: String?

  var limit: Int? { maxErrors > 0 ? maxErrors : nil }

  func validate() throws {
    if maxErrors < 0 { throw ValidationError("--max-errors must be 0 (all) or more") }
  }
}

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Read and validate the whole export and evaluate the rules, without writing deliveries.",
    discussion: """
      Prints the rows read per file, the grant rows and findings per grant, and every input error. \
      Exits 0 when all is well, 1 when a grant has Fehler findings, 65 when the export has input errors.
      """)

  @Option(
    name: .long, help: ArgumentHelp("The export directory (default: the configuration's export).", valueName: "dir"))
  var input: String?

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp("The Stichtag for the rules, e.g. 2026-09-30 (default: today, UTC).", valueName: "date"))
  var asOf: String?

  @OptionGroup var source: ConfigOptions

  @OptionGroup var errorOptions: ErrorOptions

  func validate() throws {
    if let asOf, CalendarDate(iso: asOf) == nil {
      throw ValidationError("--as-of \(asOf) is not a date; write it like 2026-09-30")
    }
  }

  func run() throws {
    let today = asOf.flatMap(CalendarDate.init(iso:)) ?? Timestamp.now.date
    let (directory, options) = try source.resolve(input: input)
    let job = CheckJob(
      inputDirectory: directory, asOf: today, options: options, errorLimit: errorOptions.limit,
      errorsCSV: errorOptions.errorsCSV)
    let status = job.run(report: { print($0) }, warn: writeToStandardError)
    if status != .success { throw ExitCode(status.rawValue) }
  }
}

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
    help: ArgumentHelp("The day the run acts for, e.g. 2026-10-15 (default: today, UTC).", valueName: "date"))
  var asOf: String?

  @Flag(name: .long, help: "Also log what was written and what was up to date.")
  var verbose = false

  @Option(
    name: .customLong("log-format"),
    help: ArgumentHelp("text (default) or json (one object per line).", valueName: "format"))
  var logFormat: String = "text"

  @Option(
    name: .long,
    help: ArgumentHelp("Erstellt of the deliveries (default: SOURCE_DATE_EPOCH, else now).", valueName: "time"))
  var created: String?

  func validate() throws {
    if let asOf, CalendarDate(iso: asOf) == nil {
      throw ValidationError("--as-of \(asOf) is not a date; write it like 2026-10-15")
    }
    if FundReportLogHandler.Format(rawValue: logFormat) == nil {
      throw ValidationError("--log-format \(logFormat) is not supported; expected text or json")
    }
    _ = try generationTime(created: created)
  }

  func run() throws {
    let format = FundReportLogHandler.Format(rawValue: logFormat) ?? .text
    let logger = Logger(label: "fundreport") { _ in
      FundReportLogHandler(format: format, logLevel: verbose ? .info : .warning)
    }
    let configuration: Configuration
    do {
      configuration = try Configuration.load(path: config)
    } catch {
      logger.error("\(error.description)")
      throw ExitCode(RunStatus.usage.rawValue)
    }
    let today = asOf.flatMap(CalendarDate.init(iso:)) ?? Timestamp.now.date
    let stamp = try generationTime(created: created)
    try finish(
      ScheduledRun(configuration: configuration, configurationPath: config, asOf: today, created: stamp)
        .run(logger: logger))
  }
}

/// The register option of the commands that work on written deliveries.
struct RegisterOption: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The submission register (default: register.sqlite in the folder above <FKZ>/).", valueName: "file"))
  var register: String?

  func path(forDelivery folder: String) -> String {
    register ?? RegisterCommands.defaultRegister(forDelivery: folder)
  }
}

/// The OS user: `$USER`, else the password database's name for the uid.
func currentUserName() -> String {
  if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
  if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
  return "uid \(getuid())"
}

/// Erstellt of the deliveries: `--created`, else `SOURCE_DATE_EPOCH`, else
/// the clock; either given value must lie within the range a Zeitstempel holds.
func generationTime(created: String?) throws -> Timestamp {
  if let created {
    guard let parsed = Timestamp(iso: created) else {
      throw ValidationError(
        "--created \(created) is not a UTC time from \(Timestamp.rangeDescription); write it like 2026-10-15T06:00:00Z"
      )
    }
    return parsed
  }
  if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] {
    guard let parsed = Timestamp.sourceDateEpoch(epoch) else {
      throw ValidationError(
        "SOURCE_DATE_EPOCH=\(epoch.prefix(40)) is not a whole number of seconds from 0 to "
          + "\(Timestamp.epochSecondsRange.upperBound) (\(Timestamp.rangeDescription))")
    }
    return parsed
  }
  return .now
}

func finish(_ status: RunStatus) throws {
  if status != .success { throw ExitCode(status.rawValue) }
}

struct Submit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Mark a delivery as submitted to the ministry: checks its files, makes the folder read-only.",
    discussion: """
      A delivery with Fehler findings is refused unless --justification says why it is submitted as it stands. \
      A submitted delivery is never changed again; a later correction is a new version (report ... --correction).
      """)

  @Argument(
    help: ArgumentHelp("The delivery folder, e.g. reports/FKZ/Quartalsbericht_2026-Q3_v1.", valueName: "folder"))
  var folder: String

  @Option(name: .long, help: ArgumentHelp("Who submits it (default: the OS user).", valueName: "name"))
  var by: String?

  @Option(name: .long, help: ArgumentHelp("Why it is submitted despite Fehler findings.", valueName: "text"))
  var justification: String?

  @OptionGroup var register: RegisterOption

  func run() throws {
    let user = by ?? currentUserName()
    try finish(
      RegisterCommands(registerPath: register.path(forDelivery: folder)).submit(
        folder: folder, by: user, at: .now, justification: justification, report: { print($0) },
        warn: writeToStandardError))
  }
}

struct History: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the register: every delivery, its version and status.")

  @Option(name: .long, help: ArgumentHelp("The register.", valueName: "file"))
  var register: String = "reports/register.sqlite"

  @Option(name: .long, help: ArgumentHelp("Only this grant.", valueName: "fkz"))
  var grant: String?

  @Option(name: .long, help: ArgumentHelp("Only this report kind, e.g. Quartalsbericht.", valueName: "kind"))
  var kind: ReportKind?

  @Option(name: .long, help: ArgumentHelp("Only this period, e.g. 2026-Q3.", valueName: "period"))
  var period: String?

  @Flag(name: .long, help: "Print JSON instead of a table.")
  var json = false

  func run() throws {
    guard FileManager.default.fileExists(atPath: register) else {
      writeToStandardError("\(register): error: no register here (it is written by fundreport report)")
      throw ExitCode(RunStatus.inputMissing.rawValue)
    }
    do {
      try RegisterCommands(registerPath: register).history(
        grant: grant, kind: kind, period: period, json: json, report: { print($0) })
    } catch {
      writeToStandardError("error: \(error)")
      throw ExitCode(RunStatus.cannotWrite.rawValue)
    }
  }
}

struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Re-check a delivery's files against the register and re-validate its XML against the XSD.")

  @Argument(help: ArgumentHelp("The delivery folder.", valueName: "folder"))
  var folder: String

  @OptionGroup var register: RegisterOption

  func run() throws {
    try finish(
      RegisterCommands(registerPath: register.path(forDelivery: folder)).verify(
        folder: folder, report: { print($0) }, warn: writeToStandardError))
  }
}

struct Reproduce: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Regenerate a delivery from the export it was made from and compare every byte.")

  @Argument(help: ArgumentHelp("The delivery folder.", valueName: "folder"))
  var folder: String

  @Option(
    name: .long, help: ArgumentHelp("The export directory whose files match the recorded inputs.", valueName: "dir"))
  var input: String

  @OptionGroup var source: ConfigOptions

  @OptionGroup var register: RegisterOption

  func run() throws {
    let (directory, options) = try source.resolve(input: input)
    try finish(
      RegisterCommands(registerPath: register.path(forDelivery: folder)).reproduce(
        folder: folder, inputDirectory: directory, options: options, report: { print($0) }, warn: writeToStandardError))
  }
}

struct Deadlines: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List every grant's due dates (Zwischennachweise, Verwendungsnachweis), past and coming.")

  @Option(name: .long, help: ArgumentHelp("The export directory.", valueName: "dir"))
  var input: String

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp("The day to count from, e.g. 2026-10-15 (default: today, UTC).", valueName: "date"))
  var asOf: String?

  func validate() throws {
    if let asOf, CalendarDate(iso: asOf) == nil {
      throw ValidationError("--as-of \(asOf) is not a date; write it like 2026-10-15")
    }
  }

  func run() throws {
    let today = asOf.flatMap(CalendarDate.init(iso:)) ?? Timestamp.now.date
    let status = DeadlineTable.run(
      inputDirectory: input, asOf: today, report: { print($0) }, warn: writeToStandardError)
    if status != .success { throw ExitCode(status.rawValue) }
  }
}

struct Schema: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the interface's XSD (MPSC-Berichte 1.0) that every report is validated against.")

  func run() throws {
    print(String(decoding: InterfaceSchema.bytes, as: UTF8.self), terminator: "")
  }
}
