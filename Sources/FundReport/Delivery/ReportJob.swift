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
public struct ReportJob {
  var kind: ReportKind
  var inputDirectory: String
  var periodID: String
  /// nil: every grant of the export.
  var grantIDs: [String]?
  var outDirectory: String
  var created: Timestamp
  var options: IngestOptions
  /// For a Mittelabruf: `bedarf`.
  var need: Money
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
  var onlyWhenChanged = false
  /// An export loaded already (several jobs of one `fundreport run`).
  var preloaded: ExportLoader.Result?
  /// The output folder opened already, with its lock held (`fundreport run`);
  /// nil: the job opens `outDirectory` itself, after the export is read.
  var store: DeliveryStore?
  /// Whether this job prints the export's input errors (once per run is enough).
  var reportInputErrors = true
  /// The language of what the job says, and of `--errors-csv`.
  public var language = Language.german

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
    run { event in event.level == .result ? report(event.text(language)) : warn(event.text(language)) }
  }

  /// Runs the job; every outcome is one ``JobEvent``.
  func run(events: (JobEvent) -> Void) -> RunStatus {
    do {
      try ReportPeriod.checkForm(kind: kind, id: periodID)
    } catch {
      events(.failed(.period(error)))
      return .usage
    }
    guard preloaded != nil || ExportLoader.directoryExists(inputDirectory) else {
      events(.failed(.inputDirectoryMissing(inputDirectory)))
      return .inputMissing
    }
    var options = options
    options.retention = ReportPeriod.retention(kind: kind, id: periodID)
    options.holdErrors(listing: errorLimit, toCSV: errorsCSV != nil)
    let loaded = preloaded ?? ExportLoader(directory: inputDirectory, options: options).load()
    let diagnostics = loaded.diagnostics
    let export = loaded.export
    if reportInputErrors
      && !Self.reportInputErrors(
        diagnostics, limit: errorLimit, csvPath: errorsCSV, language: language, events: events)
    {
      return .cannotWrite
    }
    if diagnostics.errors.contains(where: { $0.kind == .fileAccess }) {
      events(.failed(.exportIncomplete(inputDirectory)))
      return .inputMissing
    }
    if diagnostics.blocksEverything {
      events(.failed(.inputErrorsAffectEveryGrant(diagnostics.count)))
      return .dataError
    }

    let known = Set(export.grants.keys).union(diagnostics.grantsWithErrors)
    let requested = grantIDs ?? known.sorted(by: codePointOrder)
    if let unknown = requested.first(where: { !known.contains($0) }) {
      events(.failed(.unknownGrant(unknown, known: known.sorted(by: codePointOrder))))
      return .usage
    }

    let generator: ReportGenerator
    do {
      generator = try ReportGenerator(export: export)
    } catch {
      events(.internalError("\(error)"))
      return .internalError
    }
    // A report by hand takes the same lock as `fundreport run` (which holds
    // it already and hands over its store), and settles what an interrupted
    // command left, before anything is decided from the register.
    let store: DeliveryStore
    if let given = self.store {
      store = given
    } else if requested.allSatisfy({ diagnostics.blocks(grant: $0) }) {
      // Nothing can be written: no output folder, lock or register is made.
      for grantID in requested {
        events(.grantBlocked(grant: grantID, kind: kind, errors: diagnostics.count(scope: .grant(grantID))))
      }
      return .dataError
    } else {
      do throws(DeliveryStore.Failure) {
        store = try DeliveryStore(outDirectory: outDirectory, registerPath: registerPath, mode: .write)
      } catch {
        events(.failed(.store(error)))
        if case .locked = error { return .temporaryFailure }
        return .cannotWrite
      }
    }
    if self.store == nil { for line in store.settled { events(.settled(line)) } }

    var status = RunStatus.success
    var delivered = 0
    var skipped: [ReportPeriod.Invalid] = []
    func escalate(_ new: RunStatus) { status = RunStatus.mostSevere(status, new) }
    let inputs = export.sourceFiles.map {
      Register.FileHash(deliveryId: 0, role: .input, name: $0.name, sha256: $0.sha256)
    }
    for grantID in requested {
      if diagnostics.blocks(grant: grantID) {
        events(.grantBlocked(grant: grantID, kind: kind, errors: diagnostics.count(scope: .grant(grantID))))
        escalate(.dataError)
        continue
      }
      do {
        let register = try store.register(create: false)
        let latest = try register?.latest(grant: grantID, kind: kind, period: periodID)
        let sameInputs =
          try latest.map {
            try register?.files(of: $0, role: .input).map(\.sha256) == inputs.map(\.sha256)
              && $0.needCents == need.cents
          } ?? false
        let decision = VersionPolicy.decide(
          latest: latest, sameInputs: sameInputs, correctionReason: correctionReason, onlyWhenChanged: onlyWhenChanged)
        let version: Int
        let reason: String?
        switch decision {
        case .upToDate(let entry):
          events(.upToDate(folder: entry.folder, submitted: entry.status == .submitted))
          delivered += 1
          continue
        case .refuse(let entry, let changed):
          events(
            .refused(
              grant: grantID, kind: kind, period: periodID, version: entry.version, submittedAt: entry.submittedAt,
              inputsChanged: changed))
          // What a correction would change; should the comparison itself fail, the warning above still stands.
          if changed, let changes = try? Self.figuresThatWouldChange(entry, register: register, generator: generator) {
            events(.wouldChange(grant: grantID, kind: kind, period: periodID, version: entry.version, changes: changes))
          }
          escalate(changed ? .success : .refused)
          continue
        case .nothingToCorrect:
          events(.failed(.nothingToCorrect(grant: grantID, kind: kind, period: periodID)))
          escalate(.usage)
          continue
        case .write(let newVersion, let newReason):
          version = newVersion
          reason = newReason
        }
        let delivery = try generator.makeDelivery(
          kind: kind, grantID: grantID, periodID: periodID, created: created, version: version,
          correctionReason: reason, need: need)
        let findings = delivery.findings
        let counts = (
          fehler: findings.count { $0.severity == .fehler }, warnungen: findings.count { $0.severity == .warnung },
          hinweise: findings.count { $0.severity == .hinweis }
        )
        let path = try store.publish(
          delivery,
          as: Register.Entry(
            id: nil, grant: grantID, kind: kind, period: periodID, version: version, status: .draft,
            created: created, softwareVersion: FundReportVersion.current, folder: "",
            fehler: counts.fehler, warnungen: counts.warnungen, hinweise: counts.hinweise, correctionReason: reason,
            submittedBy: nil, submittedAt: nil, justification: nil, needCents: need.cents),
          inputs: export.sourceFiles)
        delivered += 1
        events(
          .delivered(
            folder: DeliveryStore.displayPath(path, root: store.root, as: outDirectory), fehler: counts.fehler,
            warnungen: counts.warnungen, hinweise: counts.hinweise))
        if let grant = export.grants[grantID], ReportPeriod.isFinalYearStatement(kind: kind, id: periodID, grant: grant)
        {
          events(.noStatementDue(grant: grantID, year: periodID, finalStatementDue: grant.finalStatementDue))
        }
        if counts.fehler > 0 { escalate(.findingsWithErrors) }
      } catch let error as ReportError {
        switch error {
        case .period(let invalid):
          if grantIDs == nil {
            skipped.append(invalid)
          } else {
            events(.failed(.period(invalid)))
            escalate(.usage)
          }
        case .missingBaseRate(let grant, let missing):
          events(.failed(.missingBaseRate(file: "\(inputDirectory)/basiszinssatz.csv", grant: grant, missing)))
          events(.grantBlocked(grant: grantID, kind: kind, errors: 1))
          escalate(.dataError)
        case .internalError(let message):
          events(.internalError(message))
          escalate(.internalError)
        }
      } catch let error as DeliveryStore.Failure {
        // The output folder or the register cannot be written: the grants after this one would fail alike.
        events(.failed(.store(error)))
        escalate(.cannotWrite)
        if let rest = requested.drop(while: { $0 != grantID }).dropFirst().first {
          events(.failed(.notWrittenFrom(rest)))
        }
        break
      } catch let error as Register.Failure {
        events(.failed(.register(error)))
        escalate(.cannotWrite)
        break
      } catch {
        events(.internalError("\(error)"))
        escalate(.internalError)
      }
    }
    if delivered == 0 && !skipped.isEmpty && status == .success {
      for invalid in skipped { events(.failed(.period(invalid))) }
      return .usage
    }
    for invalid in skipped { events(.skipped(invalid)) }
    return status
  }
}

/// What to do with a report whose latest version is `latest` (a pure
/// function of the register's state and the request).
enum VersionPolicy {
  enum Decision: Equatable {
    /// Nothing to write: the latest version has the same inputs (`fundreport run`).
    case upToDate(Register.Entry)
    /// The latest version is submitted and is not corrected; `inputsChanged`
    /// for `fundreport run` (a warning, not a failure).
    case refuse(Register.Entry, inputsChanged: Bool)
    /// A correction was asked for, but no version is submitted: there is nothing to correct (exit 64).
    case nothingToCorrect
    /// Write this version with this Berichtigungsgrund.
    case write(version: Int, reason: String?)
  }

  static func decide(latest: Register.Entry?, sameInputs: Bool, correctionReason: String?, onlyWhenChanged: Bool)
    -> Decision
  {
    let correction = onlyWhenChanged ? nil : correctionReason
    guard let latest else {
      return correction == nil ? .write(version: 1, reason: nil) : .nothingToCorrect
    }
    if onlyWhenChanged && sameInputs { return .upToDate(latest) }
    switch latest.status {
    case .draft:
      // A draft v1 corrects nothing; a draft vN (N ≥ 2) is itself a correction of the submitted v(N−1): a new
      // reason replaces its reason, and without one it keeps the reason it has.
      if correction != nil && latest.version == 1 { return .nothingToCorrect }
      return .write(version: latest.version, reason: correction ?? latest.correctionReason)
    case .submitted:
      guard let correction else { return .refuse(latest, inputsChanged: onlyWhenChanged) }
      return .write(version: latest.version + 1, reason: correction)
    }
  }
}

extension ReportJob {
  /// The figures (outside the header) in which `entry`'s delivery differs from what the export gives now,
  /// made with its Erstellt, version and reason so that only the data speaks.
  static func figuresThatWouldChange(_ entry: Register.Entry, register: Register?, generator: ReportGenerator)
    throws -> [DeliveryDiff.FigureChange]
  {
    guard let register,
      let xml = try register.files(of: entry, role: .output).first(where: { $0.name.hasSuffix(".xml") })
    else { return [] }
    let now = try generator.makeDelivery(
      kind: entry.kind, grantID: entry.grant, periodID: entry.period, created: entry.created, version: entry.version,
      correctionReason: entry.correctionReason, need: Money(cents: entry.needCents))
    guard let made = now.files.first(where: { $0.name.hasSuffix(".xml") }) else { return [] }
    let diff = try DeliveryDiff(
      old: try FileSystem.readFile(entry.folder + "/" + xml.name), new: made.bytes, oldVouchers: nil, newVouchers: nil)
    return diff.figures.filter { !$0.place.hasPrefix("Kopf/") }
  }
}

extension RunStatus {
  /// The exit status of several outcomes: internal error 70 > lock held 75 >
  /// cannot write 73 > refused 77 > usage 64 > bad input 65 > Fehler 1 > 0
  /// (docs/decisions.md, "Exit code with several grants").
  public static func mostSevere(_ lhs: RunStatus, _ rhs: RunStatus) -> RunStatus {
    let rank: [RunStatus] = [
      .success, .findingsWithErrors, .dataError, .inputMissing, .usage, .refused, .cannotWrite, .temporaryFailure,
      .internalError,
    ]
    return (rank.firstIndex(of: rhs) ?? 0) > (rank.firstIndex(of: lhs) ?? 0) ? rhs : lhs
  }
}

extension ReportJob {
  /// Prints the input errors (cut per category) and writes them all to
  /// `csvPath` when given; false when that file cannot be written.
  static func reportInputErrors(
    _ diagnostics: InputDiagnostics, limit: Int?, csvPath: String?, language: Language, events: (JobEvent) -> Void
  ) -> Bool {
    let report = InputErrorReport(diagnostics, limit: limit)
    for event in report.events() { events(event) }
    for note in diagnostics.notes { events(.inputNote(note)) }
    guard let csvPath else { return true }
    do {
      try OutputGuard.writeFile(csvPath, bytes: report.csv(language))
      return true
    } catch {
      events(.failed(.errorsCSV(error)))
      return false
    }
  }
}

extension InputErrorReport {
  /// The listing as events: the errors listed, how many of a category were
  /// not, and the total per category.
  func events() -> [JobEvent] {
    let (listed, notListed, total) = listing()
    return listed.map(JobEvent.inputError) + notListed.map { .inputErrorsNotListed($0.count, $0.category) }
      + (total.isEmpty ? [] : [.inputErrorTotal(self.total, total)])
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
