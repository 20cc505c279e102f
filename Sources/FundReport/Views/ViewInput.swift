/// Reads the export for a view (`explain`, `outlook`) as the reports read it, and says what stops it.
enum ViewInput {
  enum Outcome {
    case loaded(ExportLoader.Result)
    /// The export cannot be used; the reason was said.
    case failed(RunStatus)
  }

  /// Loads `directory`, prints its input errors and notes as `report` does, and fails with 66 when a
  /// required file is missing, 65 when a shared file's errors stop every grant.
  static func load(_ directory: String, options: IngestOptions, language: Language, warn: (String) -> Void) -> Outcome {
    var options = options
    options.holdErrors(listing: 20, toCSV: false)
    let loaded = ExportLoader(directory: directory, options: options).load()
    let diagnostics = loaded.diagnostics
    _ = ReportJob.reportInputErrors(diagnostics, limit: 20, csvPath: nil, language: language) {
      warn(language.line($0))
    }
    if diagnostics.errors.contains(where: { $0.kind == .fileAccess }) {
      warn(language.line(.failed(.exportIncomplete(directory))))
      return .failed(.inputMissing)
    }
    if diagnostics.blocksEverything {
      warn(language.line(.failed(.inputErrorsAffectEveryGrant(diagnostics.count))))
      return .failed(.dataError)
    }
    return .loaded(loaded)
  }
}
