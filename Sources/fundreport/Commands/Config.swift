import ArgumentParser
import Foundation
import FundReport

extension FundReportCommand {
  struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Show the effective configuration: each input file's profile, name, encoding, delimiter, header line, the "
        + "headers every column is looked for under and the values of absent columns, as YAML that fundreport.yaml "
        + "accepts.",
      discussion:
        "Profiles for the ledger (buchungen.csv, `profile:` in fundreport.yaml): "
        + ERPProfile.all.map(\.name).joined(separator: ", ") + ".")

    @Flag(name: .long, help: "Print the effective configuration.")
    var show = false

    @OptionGroup var source: ConfigOptions

    @OptionGroup var languageOption: LanguageOption

    func validate() throws {
      if !show { throw ValidationError(languageOption.language.text(.configNeedsShow)) }
    }

    func run() throws {
      let language = languageOption.language
      let configuration = try source.load(language: language)
      print(configuration.effectiveYAML(source: source.config, language: language), terminator: "")
    }
  }
}
