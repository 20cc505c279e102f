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

  /// The grants of `ids` that have no input error of their own; each blocked one is said, and makes the
  /// status 65 (the others are still shown).
  static func usableGrants(_ ids: [String], diagnostics: InputDiagnostics, language: Language, warn: (String) -> Void)
    -> (grants: [String], status: RunStatus)
  {
    var status = RunStatus.success
    var usable: [String] = []
    for id in ids {
      if diagnostics.blocks(grant: id) {
        warn(language.text(.outlookBlocked(grant: id, errors: diagnostics.count(scope: .grant(id)))))
        status = .dataError
      } else {
        usable.append(id)
      }
    }
    return (usable, status)
  }

  /// Builds a view from the register at `registerPath` (when there is one) and says what stops it:
  /// a missing base rate (65), an unreadable register (73), anything else (70).
  static func build<View>(
    registerPath: String?, inputDirectory: String, language: Language, warn: (String) -> Void,
    _ make: (Register?) throws -> View
  ) -> Result<View, RunStatusFailure> {
    do {
      var register: Register?
      if let registerPath, FileSystem.kind(of: registerPath) == .file {
        register = try Register(path: registerPath, create: false)
      }
      return .success(try make(register))
    } catch let error as DrawdownInterest.MissingBaseRate {
      warn(
        language.line(
          .failed(.missingBaseRate(file: "\(inputDirectory)/basiszinssatz.csv", grant: error.drawdown, error))))
      return .failure(RunStatusFailure(status: .dataError))
    } catch let error as Register.Failure {
      warn(language.text(.failure(.registerFailure(error))))
      return .failure(RunStatusFailure(status: .cannotWrite))
    } catch {
      warn(language.line(.internalError("\(error)")))
      return .failure(RunStatusFailure(status: .internalError))
    }
  }
}

/// A view that could not be built, with the exit status its reason was said with.
struct RunStatusFailure: Error {
  var status: RunStatus
}
