import Foundation
import Logging

#if canImport(Glibc)
  import Glibc
#endif

/// `fundreport run`: the nightly batch. Produces every due delivery that is
/// missing or whose inputs changed since its last unsubmitted version, skips
/// what is up to date, and never touches a submitted one (it says when one
/// may need a correction). Two runs never overlap: a lock file beside the
/// deliveries holds the running process's pid.
public struct ScheduledRun: Sendable {
  var configuration: Configuration
  var configurationPath: String
  var asOf: CalendarDate
  var created: Timestamp
  /// The language of the log messages (their keys stay English).
  public var language = Language.german

  public init(configuration: Configuration, configurationPath: String, asOf: CalendarDate, created: Timestamp) {
    self.configuration = configuration
    self.configurationPath = configurationPath
    self.asOf = asOf
    self.created = created
  }

  public func run(logger: Logger) -> RunStatus {
    /// An event at its level: results with --verbose, notes as warnings, failures as errors.
    func log(_ event: JobEvent, job: String? = nil) {
      let metadata: Logger.Metadata? = job.map { ["job": "\($0)"] }
      // An optional file the export never has is no news for a nightly run: said with --verbose only.
      if case .inputNote(let note) = event, case .optionalFileAbsent = note.kind {
        logger.info("\(event.logMessage(language))", metadata: metadata)
        return
      }
      switch event.level {
      case .result: logger.info("\(event.logMessage(language))", metadata: metadata)
      case .note: logger.warning("\(event.logMessage(language))", metadata: metadata)
      case .error: logger.error("\(event.logMessage(language))", metadata: metadata)
      }
    }
    func configurationError(_ problem: Configuration.Invalid.Problem) {
      log(.failed(.configuration(Configuration.Invalid(file: configurationPath, line: 0, problem: problem))))
    }
    guard let export = configuration.exportDirectory else {
      configurationError(.noExportDirectory)
      return .usage
    }
    func resolve(_ path: String) -> String {
      DeliveryStore.absolutePath(Configuration.resolve(path, relativeTo: configurationPath))
    }
    let exportDirectory = resolve(export)
    let output = resolve(configuration.outputDirectory ?? "reports")
    let register = configuration.registerPath.map(resolve) ?? output + "/register.sqlite"
    guard !configuration.jobs.isEmpty else {
      configurationError(.noJobs)
      return .usage
    }

    // The lock is held, and what an interrupted command left is settled, before the export is read.
    let store: DeliveryStore
    do {
      store = try DeliveryStore(outDirectory: output, registerPath: register, mode: .write)
    } catch {
      if case .locked(let held) = error {
        log(.failed(.runLocked(held)))
        return .temporaryFailure
      }
      log(.failed(.store(error)))
      return .cannotWrite
    }
    for action in store.settled { log(.settled(action)) }

    guard ExportLoader.directoryExists(exportDirectory) else {
      log(.failed(.inputDirectoryMissing(exportDirectory)))
      return .inputMissing
    }
    // Grant rows are kept whole only for the Beleglisten of the periods due.
    var options = configuration.ingest
    options.retentionOfGrant = Self.retentionOfGrant(jobs: configuration.jobs, asOf: asOf)
    let loaded = ExportLoader(directory: exportDirectory, options: options).load()
    let inputErrors = loaded.diagnostics.errors
    _ = ReportJob.reportInputErrors(
      loaded.diagnostics, limit: 20, csvPath: nil, language: language, events: { log($0) })
    if loaded.diagnostics.blocksEverything {
      log(.failed(.inputErrorsAffectEveryGrant(loaded.diagnostics.count)))
      return inputErrors.contains { $0.kind == .fileAccess } ? .inputMissing : .dataError
    }
    var failures: [FailedJob] = []
    var status = RunStatus.success
    for job in configuration.jobs {
      let grants = job.grants ?? loaded.export.grantIDs
      var byPeriod: [String: [String]] = [:]
      for id in grants {
        guard let grant = loaded.export.grants[id] else {
          failures.append(
            loaded.diagnostics.blocks(grant: id)
              ? .grantHasErrors(kind: job.kind, grant: id) : .grantUnknown(kind: job.kind, grant: id))
          status = RunStatus.mostSevere(status, .dataError)
          continue
        }
        // Not due: a period outside the grant, or a report that cannot be right yet (or any more, as a
        // Mittelabruf with a need after the grant has ended).
        guard let period = job.duePeriod(for: grant, asOf: asOf),
          let resolved = try? ReportPeriod.resolve(kind: job.kind, id: period, grant: grant),
          (try? ReportPeriod.checkPlausible(resolved, grant: grant, created: created.date, need: job.need)) != nil
        else { continue }
        byPeriod[period, default: []].append(id)
      }
      for (period, ids) in byPeriod.sorted(by: { $0.key < $1.key }) {
        let name = "\(job.kind.rawValue) \(period)"
        var report = ReportJob(
          kind: job.kind, inputDirectory: exportDirectory, periodID: period, grantIDs: ids, outDirectory: output,
          created: created, options: configuration.ingest, need: job.need)
        report.registerPath = register
        report.onlyWhenChanged = true
        report.preloaded = loaded
        report.store = store
        report.reportInputErrors = false
        report.language = language
        let result = report.run { log($0, job: name) }
        switch result {
        case .success: break
        case .findingsWithErrors:
          log(.failed(.deliveredWithFehler(kind: job.kind, period: period)), job: name)
          status = RunStatus.mostSevere(status, .findingsWithErrors)
        default:
          failures.append(.exited(kind: job.kind, period: period, grants: ids, status: result))
          status = RunStatus.mostSevere(status, result)
        }
      }
    }
    if !failures.isEmpty {
      log(.failed(.jobsFailed(failures)))
    }
    if !inputErrors.isEmpty { status = RunStatus.mostSevere(status, .dataError) }
    return status
  }
}

extension ScheduledRun {
  /// The rows to keep whole for a grant: those the Beleglisten of the
  /// reports due at `asOf` list (the union over `jobs`), so that a city's
  /// ledger is not held in memory for a nightly run.
  static func retentionOfGrant(jobs: [ScheduledJob], asOf: CalendarDate) -> @Sendable (Grant) -> RowRetention {
    { grant in
      RowRetention.union(
        jobs.compactMap { job in
          guard job.grants?.contains(grant.id) ?? true, let period = job.duePeriod(for: grant, asOf: asOf) else {
            return nil
          }
          return ReportPeriod.retention(kind: job.kind, id: period)
        })
    }
  }
}
