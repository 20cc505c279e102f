import ArgumentParser
import Foundation
import FundReport

#if canImport(Glibc)
  import Glibc
#endif

extension FundReportCommand {
  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Compare two deliveries of a report figure by figure: changed figures, findings, Belegliste rows.",
      discussion: """
        A delivery is its folder; a draft that a newer one replaced is its folder followed by @ and its Erstellt \
        as fundreport history shows it, e.g. reports/FKZ/Quartalsbericht_2026-Q3_v1@2026-10-15T06:00:00Z. With \
        --input and one delivery, it is compared with what that export gives now (same Erstellt and version).

        Exit codes: 0 no differences, 1 differences, 64/65/66 as for the other commands.
        """)

    @Argument(
      help: ArgumentHelp("The older delivery (a folder, or FOLDER@ERSTELLT of a replaced draft).", valueName: "a"))
    var old: String

    @Argument(
      help: ArgumentHelp("The newer delivery (default with --input: what the export gives now).", valueName: "b"))
    var new: String?

    @Option(
      name: .long,
      help: ArgumentHelp("An export directory to compare the delivery with (instead of b).", valueName: "dir"))
    var input: String?

    @OptionGroup var source: ConfigOptions

    @OptionGroup var register: RegisterOption

    @OptionGroup var languageOption: LanguageOption

    func run() throws {
      let language = languageOption.language
      let options = try source.load(language: language).ingest
      let folder = old.split(separator: "@", omittingEmptySubsequences: false).first.map(String.init) ?? old
      let status = RegisterCommands(
        registerPath: try register.path(forDelivery: folder, source: source, language: language), language: language
      ).diff(
        old: old, new: new, inputDirectory: input, options: options, report: { print($0) },
        warn: writeToStandardError)
      if status != .success { throw ExitCode(status.rawValue) }
    }
  }
}
