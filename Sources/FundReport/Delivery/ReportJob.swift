import Foundation

/// The exit status of a fundreport command (sysexits style).
public enum RunStatus: Int32, Sendable {
  /// Delivered, without Fehler findings.
  case success = 0
  /// Delivered, with Fehler findings.
  case findingsWithErrors = 1
  case usage = 64
  /// Bad input data.
  case dataError = 65
  /// An input file or the input directory is missing.
  case inputMissing = 66
  case internalError = 70
  /// Output cannot be written.
  case cannotWrite = 73
  /// Another run holds the lock.
  case temporaryFailure = 75
  /// Refused: a submitted report is never changed (a correction needs a reason),
  /// or a delivery with Fehler findings is submitted without a justification.
  case refused = 77
}

/// One `fundreport report <kind>` invocation: load the export, build every
/// requested grant's delivery, validate and write it.
public struct ReportJob: Sendable {
  public var kind: ReportKind
  public var inputDirectory: String
  public var periodID: String
  /// nil: every grant of the export.
  public var grantIDs: [String]?
  public var outDirectory: String
  public var created: Timestamp
  public var options: IngestOptions
  /// For a Mittelabruf: `bedarf`.
  public var need: Money
  /// At most this many input errors of one category are printed (nil: all).
  public var errorLimit: Int? = 20
  /// Where all input errors are written as CSV, if anywhere.
  public var errorsCSV: String?
  /// The submission register (default: `<out>/register.sqlite`).
  public var registerPath: String?
  /// The reason for a correction of a submitted report (a new version).
  public var correctionReason: String?
  /// Only regenerate when the inputs changed since the last unsubmitted
  /// version, and only report a changed submitted one (for `fundreport run`).
  public var onlyWhenChanged = false
  /// An export loaded already (several jobs of one `fundreport run`).
  public var preloaded: ExportLoader.Result?
  /// Whether this job prints the export's input errors (once per run is enough).
  public var reportInputErrors = true

  public init(
    kind: ReportKind, inputDirectory: String, periodID: String, grantIDs: [String]?, outDirectory: String,
    created: Timestamp, options: IngestOptions = IngestOptions(), need: Money = .zero
  ) {
    self.need = need
    self.kind = kind
    self.inputDirectory = inputDirectory
    self.periodID = periodID
    self.grantIDs = grantIDs
    self.outDirectory = outDirectory
    self.created = created
    self.options = options
  }

  /// Runs the job; `report` receives lines for stdout, `warn` lines for stderr.
  public func run(report: (String) -> Void, warn: (String) -> Void) -> RunStatus {
    do {
      try ReportPeriod.checkForm(kind: kind, id: periodID)
    } catch {
      warn("error: \(error)")
      return .usage
    }
    guard preloaded != nil || ExportLoader.directoryExists(inputDirectory) else {
      warn("\(inputDirectory): error: the input directory does not exist")
      return .inputMissing
    }
    var options = options
    options.retention = ReportPeriod.retention(kind: kind, id: periodID)
    options.holdErrors(listing: errorLimit, toCSV: errorsCSV != nil)
    let loaded = preloaded ?? ExportLoader(directory: inputDirectory, options: options).load()
    let diagnostics = loaded.diagnostics
    let export = loaded.export
    if reportInputErrors && !Self.reportInputErrors(diagnostics, limit: errorLimit, csvPath: errorsCSV, warn: warn) {
      return .cannotWrite
    }
    if diagnostics.errors.contains(where: { $0.kind == .fileAccess }) {
      warn("error: the export directory \(inputDirectory) is incomplete; no report was written")
      return .inputMissing
    }
    if diagnostics.blocksEverything {
      warn("error: \(diagnostics.count) input error(s) affect every grant; no report was written")
      return .dataError
    }

    let known = Set(export.grants.keys).union(diagnostics.grantsWithErrors)
    let requested = grantIDs ?? known.sorted(by: codePointOrder)
    if let unknown = requested.first(where: { !known.contains($0) }) {
      warn(
        "error: grant \(unknown) is not in zuwendung.csv; the export has: \(known.sorted(by: codePointOrder).joined(separator: ", "))"
      )
      return .usage
    }

    let generator: ReportGenerator
    do {
      generator = try ReportGenerator(export: export)
    } catch {
      warn("internal error: \(error)")
      return .internalError
    }
    // Opened on first use: a run that writes nothing creates no register.
    // A report by hand takes the same lock as `fundreport run` (which holds it
    // already when it hands over a preloaded export).
    var openedRegister: Register?
    var lock: RunLock?
    defer { lock?.release() }
    func register() throws -> Register {
      if let openedRegister { return openedRegister }
      if preloaded == nil { lock = try RunLock(path: outDirectory + "/.fundreport.lock") }
      let opened = try Register(path: registerPath ?? outDirectory + "/register.sqlite")
      openedRegister = opened
      return opened
    }
    var status = RunStatus.success
    var delivered = 0
    var skipped: [String] = []
    func escalate(_ new: RunStatus) {
      let rank: [RunStatus] = [
        .success, .findingsWithErrors, .dataError, .usage, .refused, .cannotWrite, .temporaryFailure, .internalError,
      ]
      if (rank.firstIndex(of: new) ?? 0) > (rank.firstIndex(of: status) ?? 0) { status = new }
    }
    for grantID in requested {
      if diagnostics.blocks(grant: grantID) {
        let count = diagnostics.count(scope: .grant(grantID))
        warn("error: \(grantID): \(count) input error(s); no \(kind.rawValue) was written for this grant")
        escalate(.dataError)
        continue
      }
      do {
        let inputs = export.sourceFiles.map {
          Register.FileHash(deliveryId: 0, role: .input, name: $0.name, sha256: $0.sha256)
        }
        let latest = try register().latest(grant: grantID, kind: kind, period: periodID)
        var version = 1
        var reason: String?
        if let latest {
          let sameInputs =
            try register().files(of: latest, role: .input).map(\.sha256) == inputs.map(\.sha256)
            && latest.needCents == need.cents
          switch latest.status {
          case .draft:
            if onlyWhenChanged && sameInputs {
              report("up to date: \(latest.folder)")
              delivered += 1
              continue
            }
            version = latest.version
            reason = latest.correctionReason
          case .submitted:
            if onlyWhenChanged && sameInputs {
              report("up to date (submitted): \(latest.folder)")
              delivered += 1
              continue
            }
            guard let correctionReason, !onlyWhenChanged else {
              warn(
                "refused: \(kind.rawValue) \(periodID) v\(latest.version) of \(grantID) was submitted on "
                  + "\(latest.submittedAt ?? "?") and is never changed; "
                  + (onlyWhenChanged
                    ? "its inputs have changed since: a correction may be needed (fundreport report ... --correction \"reason\")"
                    : "to correct it, run again with --correction \"reason\" (gives v\(latest.version + 1))"))
              escalate(onlyWhenChanged ? .success : .refused)
              continue
            }
            version = latest.version + 1
            reason = correctionReason
          }
        } else if correctionReason != nil {
          warn("note: \(grantID): nothing submitted yet for \(kind.rawValue) \(periodID); --correction is ignored")
        }
        let delivery = try generator.makeDelivery(
          kind: kind, grantID: grantID, periodID: periodID, created: created, version: version,
          correctionReason: reason, need: need)
        let path = try DeliveryWriter.write(delivery, into: outDirectory)
        let findings = delivery.findings
        let outputs = delivery.filesWithChecksums.map {
          Register.FileHash(deliveryId: 0, role: .output, name: $0.name, sha256: $0.sha256)
        }
        try register().record(
          Register.Entry(
            id: nil, grant: grantID, kind: kind.rawValue, period: periodID, version: version, status: .draft,
            created: created.description, softwareVersion: FundReportVersion.current,
            folder: DeliveryWriter.absolutePath(path), fehler: findings.count { $0.severity == .fehler },
            warnungen: findings.count { $0.severity == .warnung }, hinweise: findings.count { $0.severity == .hinweis },
            correctionReason: reason, submittedBy: nil, submittedAt: nil, justification: nil, needCents: need.cents),
          inputs: inputs, outputs: outputs)
        delivered += 1
        report(
          "\(path): \(findings.count { $0.severity == .fehler }) Fehler, "
            + "\(findings.count { $0.severity == .warnung }) Warnungen, \(findings.count { $0.severity == .hinweis }) Hinweise"
        )
        if delivery.findings.contains(where: { $0.severity == .fehler }) { escalate(.findingsWithErrors) }
      } catch let error as ReportError {
        switch error {
        case .period(let message):
          if grantIDs == nil {
            skipped.append(message)
          } else {
            warn("error: \(message)")
            escalate(.usage)
          }
        case .missingBaseRate:
          warn("\(inputDirectory)/basiszinssatz.csv: error: \(error)")
          warn("error: \(grantID): 1 input error(s); no \(kind.rawValue) was written for this grant")
          escalate(.dataError)
        case .internalError(let message):
          warn("internal error: \(message)")
          escalate(.internalError)
        }
      } catch let error as DeliveryError {
        warn("error: \(error)")
        escalate(.cannotWrite)
      } catch let error as Register.Failure {
        warn("error: \(error)")
        escalate(.cannotWrite)
      } catch let error as RunLock.Held {
        warn("error: another fundreport run (pid \(error.pid)) holds the lock \(error.path); try again when it is done")
        escalate(.temporaryFailure)
        break
      } catch {
        warn("internal error: \(error)")
        escalate(.internalError)
      }
    }
    if delivered == 0 && !skipped.isEmpty && status == .success {
      for message in skipped { warn("error: \(message)") }
      return .usage
    }
    for message in skipped { warn("note: skipped: \(message)") }
    return status
  }
}

extension ReportJob {
  /// Prints the input errors (cut per category) and writes them all to
  /// `csvPath` when given; false when that file cannot be written.
  static func reportInputErrors(
    _ diagnostics: InputDiagnostics, limit: Int?, csvPath: String?, warn: (String) -> Void
  ) -> Bool {
    let report = InputErrorReport(diagnostics, limit: limit)
    for line in report.lines() { warn(line) }
    guard let csvPath else { return true }
    do {
      try DeliveryWriter.writeAtomically(csvPath, bytes: report.csv())
      return true
    } catch {
      warn("error: \(error)")
      return false
    }
  }
}

extension InputError {
  /// Errors are listed by file, then line and column.
  static func displayOrder(_ lhs: InputError, _ rhs: InputError) -> Bool {
    if lhs.file != rhs.file { return codePointOrder(lhs.file, rhs.file) }
    if lhs.line != rhs.line { return lhs.line < rhs.line }
    return lhs.column < rhs.column
  }
}
