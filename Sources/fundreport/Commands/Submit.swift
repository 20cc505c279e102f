import ArgumentParser
import Foundation
import FundReport

#if canImport(Glibc)
  import Glibc
#endif

extension FundReportCommand {
  struct Submit: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Mark a delivery as submitted to the ministry: checks its files, makes the folder read-only.",
      discussion: """
        A delivery with Fehler findings is refused unless --justification says why it is submitted as it stands. \
        A submitted delivery is never changed again; a later correction is a new version (report ... --correction).
        """)

    @Argument(
      help: ArgumentHelp("The delivery folder, e.g. reports/FKZ/Quartalsbericht_2026-Q3_v1.", valueName: "folder"))
    var folder: String

    @Option(name: .long, help: ArgumentHelp("Who submits it (default: the OS user).", valueName: "name"))
    var by: String?

    @Option(name: .long, help: ArgumentHelp("Why it is submitted despite Fehler findings.", valueName: "text"))
    var justification: String?

    @OptionGroup var source: ConfigOptions

    @OptionGroup var register: RegisterOption

    @OptionGroup var languageOption: LanguageOption

    func validate() throws {
      if let by, by.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        throw ValidationError(languageOption.language.text(.noUser))
      }
    }

    func run() throws {
      let user = by ?? currentUserName()
      try finish(
        RegisterCommands(
          registerPath: try register.path(forDelivery: folder, source: source, language: languageOption.language),
          language: languageOption.language
        ).submit(
          folder: folder, by: user, at: .now, justification: justification, report: { print($0) },
          warn: writeToStandardError))
    }
  }
}
