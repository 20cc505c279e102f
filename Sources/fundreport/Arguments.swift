import ArgumentParser
import Foundation
import FundReport

#if canImport(Glibc)
  import Glibc
#endif

// The values the command line takes, parsed once by swift-argument-parser
// (ExpressibleByArgument) instead of as strings checked in validate() and
// parsed again in run().

extension ReportKind: ExpressibleByArgument {
  /// `Quartalsbericht`, also `quartalsbericht` as the report subcommands write it.
  public init?(argument: String) {
    guard let kind = ReportKind.allCases.first(where: { $0.rawValue.lowercased() == argument.lowercased() }) else {
      return nil
    }
    self = kind
  }

  public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension CalendarDate: ExpressibleByArgument {
  /// `2026-10-15`, or as controllers type it, `15.10.2026`.
  public init?(argument: String) {
    guard let date = CalendarDate(iso: argument) ?? CalendarDate(german: argument) else { return nil }
    self = date
  }
}

extension Money: ExpressibleByArgument {
  /// `120000,00`, `120.000,00` or `120000`, as controllers write amounts.
  public init?(argument: String) {
    guard let amount = Money(germanAmount: argument) else { return nil }
    self = amount
  }

  public var defaultValueDescription: String { display }
}

extension FundReportLogHandler.Format: ExpressibleByArgument {}

extension Language: ExpressibleByArgument {}

/// Where `explain` and `outlook` write their view: standard output. A workbook (`--format xlsx`) is
/// refused on a terminal (it would garble it) and is an error when it cannot be made (beyond 4 GiB).
struct ViewOutput {
  let format: ViewFormat
  let language: Language
  private var failed = false

  init(format: ViewFormat, language: Language) {
    self.format = format
    self.language = language
  }

  static func check(_ format: ViewFormat, language: Language) throws {
    if format == .xlsx && isatty(STDOUT_FILENO) == 1 { throw ValidationError(language.text(.workbookToTerminal)) }
  }

  mutating func write(_ bytes: [UInt8]) {
    if format == .xlsx && bytes.isEmpty {
      failed = true
      return
    }
    FileHandle.standardOutput.write(Data(bytes))
  }

  func finish() throws {
    guard failed else { return }
    writeToStandardError(language.text(.failure(.workbookTooLarge("-"))))
    throw ExitCode(RunStatus.cannotWrite.rawValue)
  }
}
