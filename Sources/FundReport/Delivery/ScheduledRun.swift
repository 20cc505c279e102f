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
  public var configuration: Configuration
  public var configurationPath: String
  public var asOf: CalendarDate
  public var created: Timestamp

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
      switch event.level {
      case .result: logger.info("\(event.logMessage)", metadata: metadata)
      case .note: logger.warning("\(event.logMessage)", metadata: metadata)
      case .error: logger.error("\(event.logMessage)", metadata: metadata)
      }
    }
    guard let export = configuration.exportDirectory else {
      logger.error("\(configurationPath): the configuration names no export directory (export: ...)")
      return .usage
    }
    func resolve(_ path: String) -> String {
      DeliveryStore.absolutePath(Configuration.resolve(path, relativeTo: configurationPath))
    }
    let exportDirectory = resolve(export)
    let output = resolve(configuration.outputDirectory ?? "reports")
    let register = configuration.registerPath.map(resolve) ?? output + "/register.sqlite"
    guard !configuration.jobs.isEmpty else {
      logger.error("\(configurationPath): the configuration has no jobs")
      return .usage
    }

    // The lock is held, and what an interrupted command left is settled, before the export is read.
    let store: DeliveryStore
    do {
      store = try DeliveryStore(outDirectory: output, registerPath: register, mode: .write)
    } catch {
      if case .locked(let held) = error {
        logger.error("another fundreport run (pid \(held.pid)) holds the lock \(held.path); not started")
        return .temporaryFailure
      }
      logger.error("\(error)")
      return .cannotWrite
    }
    for message in store.settled { logger.notice("\(message)") }

    guard ExportLoader.directoryExists(exportDirectory) else {
      logger.error("\(exportDirectory): the export directory does not exist")
      return .inputMissing
    }
    // Grant rows are kept whole only for the Beleglisten of the periods due.
    var options = configuration.ingest
    options.retentionOfGrant = Self.retentionOfGrant(jobs: configuration.jobs, asOf: asOf)
    let loaded = ExportLoader(directory: exportDirectory, options: options).load()
    let inputErrors = loaded.diagnostics.errors
    _ = ReportJob.reportInputErrors(loaded.diagnostics, limit: 20, csvPath: nil, events: { log($0) })
    if loaded.diagnostics.blocksEverything {
      logger.error("no delivery written: the export's input errors affect every grant")
      return inputErrors.contains { $0.kind == .fileAccess } ? .inputMissing : .dataError
    }
    var failures: [String] = []
    var status = RunStatus.success
    for job in configuration.jobs {
      let grants = job.grants ?? loaded.export.grantIDs
      var byPeriod: [String: [String]] = [:]
      for id in grants {
        guard let grant = loaded.export.grants[id] else {
          failures.append(
            loaded.diagnostics.blocks(grant: id)
              ? "\(job.kind.rawValue): \(id) has input errors"
              : "\(job.kind.rawValue): grant \(id) is not in the export")
          status = RunStatus.mostSevere(status, .dataError)
          continue
        }
        guard let period = job.duePeriod(for: grant, asOf: asOf),
          (try? ReportPeriod.resolve(kind: job.kind, id: period, grant: grant)) != nil
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
        let result = report.run { log($0, job: name) }
        switch result {
        case .success: break
        case .findingsWithErrors:
          logger.warning("delivered with Fehler findings", metadata: ["job": "\(name)"])
          status = RunStatus.mostSevere(status, .findingsWithErrors)
        default:
          failures.append("\(name) (\(ids.joined(separator: ", "))): exit \(result.rawValue)")
          status = RunStatus.mostSevere(status, result)
        }
      }
    }
    if !failures.isEmpty {
      logger.error("\(failures.count) job(s) failed: \(failures.joined(separator: "; "))")
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
