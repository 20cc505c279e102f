// How the typed values of the stages read, for people: each says itself
// through the catalog of a language. `description` is the German text, for
// logs of a library user and for debugging; the command line passes the
// language it was asked for.

extension InputError: CustomStringConvertible {
  /// `file:line:column: Fehler: …` (editors and CI tools read the place).
  func text(_ language: Language) -> String { language.text(.inputError(self)) }
  /// What is wrong, without the place.
  func message(_ language: Language) -> String { language.text(problem) }
  public var description: String { text(.german) }
}

extension InputNote: CustomStringConvertible {
  /// `file:line:column: Hinweis: …`.
  func text(_ language: Language) -> String { language.text(.inputNote(self)) }
  public var description: String { text(.german) }
}

extension Configuration.Invalid: CustomStringConvertible {
  /// `file:line: Fehler: …`.
  public func text(_ language: Language) -> String { language.text(.configurationError(self)) }
  public var description: String { text(.german) }
}

extension FileSystemError: CustomStringConvertible {
  public var description: String { Language.german.text(self) }
}

extension Register.Failure: CustomStringConvertible {
  public var description: String { Language.german.text(.registerFailure(self)) }
}

extension DeliveryStore.Failure: CustomStringConvertible {
  public var description: String { Language.german.text(.store(self)) }
}

extension ReportPeriod.Invalid: CustomStringConvertible {
  public var description: String { Language.german.text(.period(self)) }
}

extension JobProblem {
  /// Problems whose text starts with a path and its own `Fehler:` label.
  var isPlaced: Bool {
    switch self {
    case .inputDirectoryMissing, .missingBaseRate, .configuration: return true
    default: return false
    }
  }
}

extension InputErrorReport {
  /// The lines to print, in `language`.
  func lines(_ language: Language = .german) -> [String] {
    events().map { language.line($0) }
  }

  /// All errors as a CSV file (UTF-8 with BOM, `;`, CRLF), for `--errors-csv`
  /// (which has every error held: ``IngestOptions/heldErrorsPerCategory`` nil).
  func csv(_ language: Language = .german) -> [UInt8] {
    var writer = CSVWriter(
      header: ErrorsCSVColumn.allCases.map { language.text(.errorsCSVHeader($0)) },
      freeText: [language.text(.errorsCSVHeader(.message))])
    for error in errors {
      let scope: String
      switch error.scope {
      case .run: scope = language.text(.allGrants)
      case .grant(let id): scope = id
      }
      writer.append([
        error.file, error.line > 0 ? String(error.line) : "", error.line > 0 ? String(error.column) : "",
        language.name(of: error.kind), language.name(of: error.category), scope, error.message(language),
      ])
    }
    return writer.bytes
  }
}

extension Language {
  func name(of kind: InputError.Kind) -> String { catalog.name(kind) }
  func name(of category: InputError.Category) -> String { catalog.name(category) }
  /// What `fundreport run` logs for `event` (the logger adds the level).
  func logText(_ event: JobEvent) -> String { catalog.logText(event) }
}

extension ReportError: CustomStringConvertible {
  /// The German text, or the technical detail of an internal error.
  public var description: String {
    switch self {
    case .period(let invalid): return Language.german.text(.period(invalid))
    case .missingBaseRate(let grant, let missing): return Language.german.text(.missingBaseRate(grant: grant, missing))
    case .internalError(let detail): return detail
    }
  }
}
