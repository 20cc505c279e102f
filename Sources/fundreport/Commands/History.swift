import ArgumentParser
import Foundation
import FundReport

#if canImport(Glibc)
  import Glibc
#endif

extension FundReportCommand {
  struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the register: every delivery, its version and status.")

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The register (default: the configuration's register, else reports/register.sqlite).", valueName: "file"))
    var register: String?

    @OptionGroup var source: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("Only this grant.", valueName: "fkz"))
    var grant: String?

    @Option(name: .long, help: ArgumentHelp("Only this report kind, e.g. Quartalsbericht.", valueName: "kind"))
    var kind: ReportKind?

    @Option(name: .long, help: ArgumentHelp("Only this period, e.g. 2026-Q3.", valueName: "period"))
    var period: String?

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var languageOption: LanguageOption

    func run() throws {
      let language = languageOption.language
      let configuration = try source.load(language: language)
      let register =
        self.register ?? configuration.registerPath.map(source.resolved)
        ?? configuration.outputDirectory.map { source.resolved($0) + "/register.sqlite" } ?? "reports/register.sqlite"
      guard FileManager.default.fileExists(atPath: register) else {
        writeToStandardError(language.text(.noRegister(register)))
        throw ExitCode(RunStatus.inputMissing.rawValue)
      }
      do {
        try RegisterCommands(registerPath: register, language: language).history(
          grant: grant, kind: kind, period: period, json: json, report: { print($0) })
      } catch {
        writeToStandardError(language.text(.failure(.registerFailure(error))))
        throw ExitCode(RunStatus.cannotWrite.rawValue)
      }
    }
  }
}
