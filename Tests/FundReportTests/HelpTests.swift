import Foundation
import Testing

/// Every subcommand's whole `--help`, as a user sees it at 80 columns. After a deliberate change,
/// `UPDATE_GOLDEN=1 swift test --filter HelpTests` rewrites `Help/`, whose diff is reviewed like code.
@Suite struct HelpTests {
  static let commands: [[String]] = [
    [], ["check"], ["report"], ["report", "quartalsbericht"], ["report", "zwischennachweis"],
    ["report", "verwendungsnachweis"], ["report", "mittelabruf"], ["run"], ["submit"], ["history"], ["verify"],
    ["reproduce"], ["diff"], ["deadlines"], ["export"], ["config"], ["schema"], ["explain"], ["outlook"], ["dashboard"],
  ]

  @Test(arguments: commands)
  func helpIsExactlyAsWritten(command: [String]) throws {
    let result = try CommandLineTests.run(command + ["--help"], environment: ["COLUMNS": "80"])
    #expect(result.status == 0)
    #expect(result.errors == "")
    let name = (["fundreport"] + command).joined(separator: "-")
    let path = Paths.root + "/Tests/FundReportTests/Help/\(name).txt"
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
      try result.output.write(toFile: path, atomically: true, encoding: .utf8)
    }
    #expect(result.output == (try String(contentsOfFile: path, encoding: .utf8)))
  }
}
