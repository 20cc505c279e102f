import ArgumentParser
import Foundation
import FundReport

#if canImport(Glibc)
  import Glibc
#endif

extension FundReportCommand {
  struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Regenerate a delivery from the inputs it was made from (archived beside the register) and compare every byte.")

    @Argument(help: ArgumentHelp("The delivery folder.", valueName: "folder"))
    var folder: String

    @Option(
      name: .long,
      help: ArgumentHelp(
        "An export directory whose files match the recorded inputs (default: the archive beside the register).",
        valueName: "dir"))
    var input: String?

    @OptionGroup var source: ConfigOptions

    @OptionGroup var register: RegisterOption

    @OptionGroup var languageOption: LanguageOption

    func run() throws {
      // The archive is the default source: the export named by a configuration may have changed since.
      let options = try source.load(language: languageOption.language).ingest
      let directory = input
      try finish(
        RegisterCommands(
          registerPath: try register.path(forDelivery: folder, source: source, language: languageOption.language),
          language: languageOption.language
        ).reproduce(
          folder: folder, inputDirectory: directory, options: options, report: { print($0) }, warn: writeToStandardError
        ))
    }
  }
}
