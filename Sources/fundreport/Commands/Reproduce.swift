import ArgumentParser
import Foundation
import FundReport

#if canImport(Glibc)
  import Glibc
#endif

extension FundReportCommand {
  struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Regenerate a delivery from the export it was made from and compare every byte.")

    @Argument(help: ArgumentHelp("The delivery folder.", valueName: "folder"))
    var folder: String

    @Option(
      name: .long, help: ArgumentHelp("The export directory whose files match the recorded inputs.", valueName: "dir"))
    var input: String

    @OptionGroup var source: ConfigOptions

    @OptionGroup var register: RegisterOption

    @OptionGroup var languageOption: LanguageOption

    func run() throws {
      let (directory, options) = try source.resolve(input: input, language: languageOption.language)
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
