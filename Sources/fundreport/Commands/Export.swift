import ArgumentParser
import Foundation
import FundReport

extension FundReportCommand {
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Write a delivery's Belegliste, Finanzuebersicht and Befunde as the sheets of one Excel workbook (amounts "
        + "as numbers in euros, dates as dates, the header row frozen and filtered), beside the delivery.")

    @Argument(help: ArgumentHelp("The delivery folder (<FKZ>/<Bericht>_<Zeitraum>_v<n>).", valueName: "folder"))
    var folder: String

    @Option(
      name: .customLong("xlsx"),
      help: ArgumentHelp("The workbook to write (never inside a delivery folder).", valueName: "file"))
    var xlsx: String

    @OptionGroup var languageOption: LanguageOption

    func run() throws {
      let status = WorkbookExport.run(
        folder: folder, file: xlsx, language: languageOption.language, warn: writeToStandardError)
      if status != .success { throw ExitCode(status.rawValue) }
    }
  }
}
