/// What a report job or a scheduled run has to tell, as a value: the
/// command line prints it (results on stdout, the rest on stderr) and
/// `fundreport run` logs it at its level, each in the language the user
/// reads (Messages/). No one reads a message back to learn what happened.
enum JobEvent: Sendable, Equatable {
  /// A delivery was written; `folder` as the user named the output folder.
  case delivered(folder: String, fehler: Int, warnungen: Int, hinweise: Int)
  /// Nothing to write: the latest version has the same inputs (`run`).
  case upToDate(folder: String, submitted: Bool)
  /// A submitted version stays as it is; `inputsChanged` when `run` found newer inputs.
  case refused(
    grant: String, kind: ReportKind, period: String, version: Int, submittedAt: String?, inputsChanged: Bool)
  /// `run`: what a correction of the submitted version `version` would change, figure by figure
  /// (the header and Quelldaten left out).
  case wouldChange(grant: String, kind: ReportKind, period: String, version: Int, changes: [DeliveryDiff.FigureChange])
  /// Input errors stop this grant's report.
  case grantBlocked(grant: String, kind: ReportKind, errors: Int)
  /// A grant whose Bewilligungszeitraum does not overlap the period (all grants requested).
  case skipped(ReportPeriod.Invalid)
  /// A Zwischennachweis was written for the grant's final year, for which
  /// none is due: the Verwendungsnachweis (due `finalStatementDue`) covers it.
  case noStatementDue(grant: String, year: String, finalStatementDue: CalendarDate)
  /// One input error (`file:line:column: Fehler: …`).
  case inputError(InputError)
  /// The errors of a category beyond those listed.
  case inputErrorsNotListed(Int, InputError.Category)
  /// The count of all input errors, per category (when there are several).
  case inputErrorTotal(Int, [InputErrorReport.CategoryCount])
  /// A note about an input file (`file:line:column: Hinweis: …`).
  case inputNote(InputNote)
  /// What settling the output folder did (an interrupted command's leftovers).
  case settled(DeliveryStore.SettleAction)
  /// A failure that stops the job or a grant's report.
  case failed(JobProblem)
  /// A defect of fundreport itself; `detail` is technical (English).
  case internalError(String)

  enum Level: Sendable, Comparable {
    /// What the command made (stdout; `run` logs it with --verbose).
    case result
    /// Worth knowing; not a failure.
    case note
    /// A failure.
    case error
  }

  var level: Level {
    switch self {
    case .delivered, .upToDate: return .result
    case .refused, .wouldChange, .skipped, .noStatementDue, .inputNote, .settled: return .note
    case .failed(.deliveredWithFehler): return .note
    case .grantBlocked, .inputError, .inputErrorsNotListed, .inputErrorTotal, .failed, .internalError: return .error
    }
  }

  /// The line the command line prints, in `language`.
  func text(_ language: Language) -> String { language.line(self) }

  /// The message `fundreport run` logs (its logger adds the level).
  func logMessage(_ language: Language) -> String { language.logText(self) }
}

/// Why a job, or one grant's report, failed.
public enum JobProblem: Sendable, Equatable {
  case inputDirectoryMissing(String)
  /// An input file is missing or unreadable: no report.
  case exportIncomplete(String)
  case inputErrorsAffectEveryGrant(Int)
  /// A requested grant that zuwendung.csv does not have.
  case unknownGrant(String, known: [String])
  /// The period cannot be reported on.
  case period(ReportPeriod.Invalid)
  case store(DeliveryStore.Failure)
  case register(Register.Failure)
  /// `--errors-csv` cannot be written.
  case errorsCSV(FileSystemError)
  /// Interest needs a base rate that basiszinssatz.csv lacks.
  case missingBaseRate(file: String, grant: String, DrawdownInterest.MissingBaseRate)
  /// `--correction` where no version is submitted: there is nothing to correct.
  case nothingToCorrect(grant: String, kind: ReportKind, period: String)
  /// After a failure of the output folder, the grants from this one on were not written.
  case notWrittenFrom(String)
  case configuration(Configuration.Invalid)
  /// `run`: another process holds the lock; the run did not start.
  case runLocked(RunLock.Held)
  /// `run`: a job's deliveries were made, with Fehler findings.
  case deliveredWithFehler(kind: ReportKind, period: String)
  /// `run`: how many jobs failed, each with its exit status.
  case jobsFailed([FailedJob])
}

/// A job of `fundreport run` that failed.
public enum FailedJob: Sendable, Equatable {
  /// A grant of the job has input errors.
  case grantHasErrors(kind: ReportKind, grant: String)
  /// The job names a grant that the export lacks.
  case grantUnknown(kind: ReportKind, grant: String)
  /// The job's report for `period` ended with `status`.
  case exited(kind: ReportKind, period: String, grants: [String], status: RunStatus)
}
