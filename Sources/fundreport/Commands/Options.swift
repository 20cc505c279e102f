import ArgumentParser
import Foundation
import FundReport

/// The configuration file, for ERPs that write their exports differently.
struct ConfigOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "A fundreport.yaml with per-file names, sheets, column names, encodings, delimiters, decimal separators (see README).",
      valueName: "file"))
  var config: String?

  /// The configuration, or an empty one without `--config`; a bad file is said and exits 64.
  func load(language: Language) throws -> Configuration {
    guard let config else { return Configuration() }
    do {
      return try Configuration.load(path: config)
    } catch {
      writeToStandardError(error.text(language))
      throw ExitCode(RunStatus.usage.rawValue)
    }
  }

  /// A path of the configuration, relative to its file's folder.
  func resolved(_ path: String) -> String {
    guard let config else { return path }
    return Configuration.resolve(path, relativeTo: config)
  }

  /// The register a view reads: `--register`, else the configuration's `register:`, else the one in its
  /// `output:` (default `reports`).
  func registerPath(_ register: String?, language: Language) throws -> String {
    let configuration = try load(language: language)
    return register ?? configuration.registerPath.map(resolved)
      ?? (configuration.outputDirectory.map(resolved) ?? "reports") + "/register.sqlite"
  }

  /// The export directory and the reading options: `--input` wins over the configuration's `export`.
  func resolve(input: String?, language: Language) throws -> (String, IngestOptions) {
    let configuration = try load(language: language)
    if let input { return (input, configuration.ingest) }
    guard let export = configuration.exportDirectory, config != nil else {
      throw ValidationError(language.text(.inputRequired))
    }
    return (resolved(export), configuration.ingest)
  }
}

/// How input errors are shown.
struct ErrorOptions: ParsableArguments {
  @Option(
    name: .customLong("max-errors"),
    help: ArgumentHelp("List at most this many input errors of each kind (0: all).", valueName: "n"))
  var maxErrors: Int = 20

  @Option(
    name: .customLong("errors-csv"),
    help: ArgumentHelp("Also write every input error to this CSV file.", valueName: "file"))
  var errorsCSV: String?

  var limit: Int? { maxErrors > 0 ? maxErrors : nil }

  /// Called by the commands' `validate()`, which know the language.
  func check(_ language: Language) throws {
    if maxErrors < 0 { throw ValidationError(language.text(.maxErrorsNegative)) }
  }
}

/// The register option of the commands that work on written deliveries.
struct RegisterOption: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The submission register (default: the configuration's register, else register.sqlite in the folder above "
        + "<FKZ>/).", valueName: "file"))
  var register: String?

  /// `--register`, else the configuration's `register:`, else the one beside the delivery's grant folder.
  func path(forDelivery folder: String, source: ConfigOptions, language: Language) throws -> String {
    if let register { return register }
    if let path = try source.load(language: language).registerPath { return source.resolved(path) }
    return RegisterCommands.defaultRegister(forDelivery: folder)
  }
}

/// The register a view or the calendar reads, to show which due dates have a delivery.
struct DueDateRegisterOption: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The submission register whose deliveries are matched to the due dates (default: the configuration's "
        + "register, else reports/register.sqlite).", valueName: "file"))
  var register: String?

  func path(source: ConfigOptions, language: Language) throws -> String {
    try source.registerPath(register, language: language)
  }
}

/// `--lang`: the language of everything the command says (not of the deliveries).
struct LanguageOption: ParsableArguments {
  @Option(
    name: .customLong("lang"),
    help: ArgumentHelp(
      "de or en: the language of messages and tables (default: en when LC_ALL, LC_MESSAGES or LANG starts "
        + "with en, else de). Deliveries are always German.",
      valueName: "language"))
  var lang: Language?

  var language: Language { lang ?? .preferred(environment: ProcessInfo.processInfo.environment) }
}
