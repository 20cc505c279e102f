/// What a report job has to tell, as a value: the command line prints it
/// (results on stdout, the rest on stderr) and `fundreport run` logs it at
/// its level. No one reads a message back to learn what happened.
public enum JobEvent: Sendable, Equatable {
  /// A delivery was written; `folder` as the user named the output folder.
  case delivered(folder: String, fehler: Int, warnungen: Int, hinweise: Int)
  /// Nothing to write: the latest version has the same inputs (`run`).
  case upToDate(folder: String, submitted: Bool)
  /// A submitted version stays as it is; `inputsChanged` when `run` found newer inputs.
  case refused(
    grant: String, kind: ReportKind, period: String, version: Int, submittedAt: String?, inputsChanged: Bool)
  /// A correction was asked for where nothing is submitted.
  case correctionIgnored(grant: String, kind: ReportKind, period: String)
  /// Input errors stop this grant's report.
  case grantBlocked(grant: String, kind: ReportKind, errors: Int)
  /// A grant whose Bewilligungszeitraum does not overlap the period (all grants requested).
  case skipped(String)
  /// One line of the input-error listing (`file:line:column: error: …`, the counts).
  case inputError(String)
  /// A note about an input file (`file:line:column: note: …`).
  case inputNote(String)
  /// What settling the output folder did (an interrupted command's leftovers).
  case settled(String)
  /// A problem with a file: `path: error: message`.
  case fileError(path: String, message: String)
  /// Usage, a missing input, a folder or register that cannot be written, the lock.
  case error(String)
  /// A defect of fundreport itself.
  case internalError(String)

  public enum Level: Sendable, Comparable {
    /// What the command made (stdout; `run` logs it with --verbose).
    case result
    /// Worth knowing; not a failure.
    case note
    /// A failure.
    case error
  }

  public var level: Level {
    switch self {
    case .delivered, .upToDate: return .result
    case .refused, .correctionIgnored, .skipped, .inputNote, .settled: return .note
    case .grantBlocked, .inputError, .fileError, .error, .internalError: return .error
    }
  }

  /// The line the command line prints.
  public var text: String {
    switch self {
    case .delivered(let folder, let fehler, let warnungen, let hinweise):
      return "\(folder): \(fehler) Fehler, \(warnungen) Warnungen, \(hinweise) Hinweise"
    case .upToDate(let folder, let submitted):
      return submitted ? "up to date (submitted): \(folder)" : "up to date: \(folder)"
    case .refused(let grant, let kind, let period, let version, let submittedAt, let inputsChanged):
      return "refused: \(kind.rawValue) \(period) v\(version) of \(grant) was submitted on \(submittedAt ?? "?") "
        + "and is never changed; "
        + (inputsChanged
          ? "its inputs have changed since: a correction may be needed (fundreport report ... --correction \"reason\")"
          : "to correct it, run again with --correction \"reason\" (gives v\(version + 1))")
    case .correctionIgnored(let grant, let kind, let period):
      return "note: \(grant): nothing submitted yet for \(kind.rawValue) \(period); --correction is ignored"
    case .grantBlocked(let grant, let kind, let errors):
      return "error: \(grant): \(errors) input error(s); no \(kind.rawValue) was written for this grant"
    case .skipped(let message): return "note: skipped: \(message)"
    case .inputError(let line), .inputNote(let line): return line
    case .settled(let line): return "note: \(line)"
    case .fileError(let path, let message): return "\(path): error: \(message)"
    case .error(let message): return "error: \(message)"
    case .internalError(let message): return "internal error: \(message)"
    }
  }

  /// The message `fundreport run` logs (its logger adds the level).
  public var logMessage: String {
    switch self {
    case .error(let message): return message
    case .grantBlocked(let grant, let kind, let errors):
      return "\(grant): \(errors) input error(s); no \(kind.rawValue) was written for this grant"
    default: return text
    }
  }
}
