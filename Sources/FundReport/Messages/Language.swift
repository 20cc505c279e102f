import SystemPackage

/// The language of everything fundreport writes for people: input errors,
/// notes, refusals, tables. German unless asked for English (`--lang en`,
/// or a locale `LC_ALL`/`LC_MESSAGES`/`LANG` that starts with `en`).
///
/// Deliveries are not affected: their texts are the interface's (German).
public enum Language: String, Sendable, CaseIterable {
  case german = "de"
  case english = "en"

  /// The language the environment asks for: the first of `LC_ALL`,
  /// `LC_MESSAGES` and `LANG` that is set and not empty decides, as POSIX
  /// orders them; English when it starts with `en`, otherwise German.
  public static func preferred(environment: [String: String]) -> Language {
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      if let value = environment[name], !value.isEmpty {
        return value.lowercased().hasPrefix("en") ? .english : .german
      }
    }
    return .german
  }

  /// The catalog that says things in this language.
  var catalog: any MessageCatalog.Type {
    switch self {
    case .german: return German.self
    case .english: return English.self
    }
  }
}

/// Every text fundreport writes for people, for one language. German and
/// English each implement all of it, and each switch over a message type
/// is exhaustive, so that a new message that one of them lacks does not compile.
protocol MessageCatalog {
  static func text(_ problem: InputProblem) -> String
  static func text(_ note: InputNoteKind) -> String
  /// The line `fundreport run` logs (the logger adds the level).
  static func logText(_ event: JobEvent) -> String
  static func text(_ error: FileSystemError) -> String
  static func systemReason(_ error: Errno) -> String
  static func text(_ text: UserText) -> String
  /// The word after a place: `file:line:column: Fehler: …`.
  static func label(_ label: MessageLabel) -> String
  static func counted(_ count: Int, _ noun: CountedNoun) -> String
  static func name(_ kind: InputError.Kind) -> String
  static func name(_ category: InputError.Category) -> String
  /// The views for people (`explain`, `outlook`).
  static func text(_ text: ViewText) -> String
}

extension MessageCatalog {
  /// The line the command line prints: `logText` with `Fehler:`/`Hinweis:` before it where it has no place
  /// of its own (the same in every language).
  static func line(_ event: JobEvent) -> String {
    switch event {
    case .delivered, .upToDate, .refused, .inputError, .inputErrorsNotListed, .inputErrorTotal, .inputNote:
      return logText(event)
    case .skipped, .noStatementDue, .wouldChange, .settled: return "\(label(.note)): \(logText(event))"
    case .grantBlocked: return "\(label(.error)): \(logText(event))"
    case .failed(.deliveredWithFehler): return "\(label(.note)): \(logText(event))"
    case .failed(let problem): return problem.isPlaced ? logText(event) : "\(label(.error)): \(logText(event))"
    case .internalError: return "\(label(.internalError)): \(logText(event))"
    }
  }

  /// `file:line:column: Fehler: message`, the place as editors and CI tools read it (line 0: the file alone).
  static func placed(
    _ file: String, _ line: Int, _ column: Int?, _ kind: MessageLabel, _ message: String, sheet: String? = nil
  ) -> String {
    guard line > 0 else { return "\(file): \(label(kind)): \(message)" }
    // A workbook's cell as Excel names it: `finanzplan.xlsx:Finanzplan!E7:`.
    if let sheet {
      return
        "\(file):\(WorkbookText.cellName(sheet: sheet, column: column ?? 1, row: line)): \(label(kind)): \(message)"
    }
    return "\(file):\(line):" + (column.map { "\($0):" } ?? "") + " \(label(kind)): \(message)"
  }
}

/// The words after a place: `file:line:column: Fehler: …`.
enum MessageLabel: Sendable {
  case error, note, internalError
}

/// Nouns that are counted in messages ("1 Warnung", "2 Warnungen").
enum CountedNoun: Sendable {
  /// The severities keep their interface names in both languages.
  case fehler, warnung, hinweis
  case inputError, booking, finding, file, field, job
  /// `fundreport diff`: figures, and rows of a Belegliste.
  case figure, row
  /// German "seit 1 Tag", "in 3 Tagen".
  case dayDative
}

extension Language {
  func text(_ problem: InputProblem) -> String { catalog.text(problem) }
  func text(_ note: InputNoteKind) -> String { catalog.text(note) }
  /// The line the command line prints for `event`.
  func line(_ event: JobEvent) -> String { catalog.line(event) }
  func text(_ error: FileSystemError) -> String { catalog.text(error) }
  public func text(_ text: UserText) -> String { catalog.text(text) }
  func systemReason(_ error: Errno) -> String { catalog.systemReason(error) }
  func label(_ label: MessageLabel) -> String { catalog.label(label) }
  /// `1 Warnung`, `2 Warnungen`; `1 input error`, `2 input errors`.
  func counted(_ count: Int, _ noun: CountedNoun) -> String { catalog.counted(count, noun) }
}

/// A byte as the messages of both languages show it: `0x1F`.
func hex(_ byte: UInt8) -> String {
  let digits = String(byte, radix: 16, uppercase: true)
  return "0x" + (digits.count < 2 ? "0" + digits : digits)
}
