import ArgumentParser
import Foundation
import FundReport
import Logging

#if canImport(Glibc)
  import Glibc
#endif

@main
struct FundReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fundreport",
    abstract: "Compliance reports for grants of the programme \"Modellprojekte Smart Cities\" (MPSC-Berichte 1.0).",
    discussion: """
      fundreport reads a municipality's ERP and project CSV exports (an export directory), \
      computes spending, progress and the compliance findings of the reporting interface, and \
      writes validated deliveries (XML, CSV, SHA256SUMS).

      Exit codes:
        0   delivered, no finding of severity Fehler
        1   delivered, with Fehler findings (fix the data, or justify them)
        64  usage error (bad option, unknown grant, period outside the grant)
        65  bad input data (every error is listed as file:line:column)
        66  an input file or the input directory is missing
        70  internal error (a report failed its XSD; nothing was delivered)
        73  a delivery, the register or an output file cannot be written
            (the message names the path and the cause)
        75  another fundreport process holds the lock
        77  refused: a submitted report is never changed (use --correction),
            or Fehler findings without --justification
      """,
    version: FundReportVersion.current,
    subcommands: [
      Check.self, Report.self, Explain.self, Outlook.self, Dashboard.self, Run.self, Submit.self, History.self,
      Verify.self,
      Reproduce.self,
      Diff.self, Deadlines.self, Export.self, Config.self, Schema.self,
    ]
  )
}

/// The OS user: `$USER`, else the password database's name for the uid.
func currentUserName() -> String {
  if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
  if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
  return "uid \(getuid())"
}

/// Erstellt of the deliveries: `--created`, else `SOURCE_DATE_EPOCH`, else
/// the clock; either given value must lie within the range a Zeitstempel holds.
func generationTime(created: String?, language: Language) throws -> Timestamp {
  if let created {
    guard let parsed = Timestamp(iso: created) else {
      throw ValidationError(language.text(.createdInvalid(created, range: Timestamp.rangeDescription)))
    }
    return parsed
  }
  if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] {
    guard let parsed = Timestamp.sourceDateEpoch(epoch) else {
      throw ValidationError(
        language.text(
          .sourceDateEpochInvalid(
            String(epoch.prefix(40)), maximum: Timestamp.epochSecondsRange.upperBound,
            range: Timestamp.rangeDescription)))
    }
    return parsed
  }
  return .now
}

func finish(_ status: RunStatus) throws {
  if status != .success { throw ExitCode(status.rawValue) }
}
