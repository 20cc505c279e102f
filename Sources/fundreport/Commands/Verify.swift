import ArgumentParser
import Foundation
import FundReport

#if canImport(Glibc)
  import Glibc
#endif

extension FundReportCommand {
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Re-check a delivery's files against the register and re-validate its XML against the XSD.")

    @Argument(help: ArgumentHelp("The delivery folder.", valueName: "folder"))
    var folder: String

    @OptionGroup var source: ConfigOptions

    @OptionGroup var register: RegisterOption

    @OptionGroup var languageOption: LanguageOption

    func run() throws {
      try finish(
        RegisterCommands(
          registerPath: try register.path(forDelivery: folder, source: source, language: languageOption.language),
          language: languageOption.language
        ).verify(
          folder: folder, report: { print($0) }, warn: writeToStandardError))
    }
  }
}
