import Foundation

/// `fundreport deadlines`: every grant's due dates as a table.
public enum DeadlineTable {
  public static func rows(export: Export, asOf: CalendarDate) -> [[String]] {
    var rows: [[String]] = [["Förderkennzeichen", "Bericht", "Zeitraum", "fällig am", "Stand"]]
    for id in export.grantIDs {
      guard let grant = export.grants[id] else { continue }
      for due in DueDates.of(grant) {
        let days = asOf.days(to: due.date)
        let state =
          days < 0 ? "seit \(-days) Tagen fällig" : days == 0 ? "heute fällig" : "in \(days) Tagen"
        rows.append([id, due.kind.rawValue, due.period, due.date.german, state])
      }
    }
    return rows
  }

  public static func run(
    inputDirectory: String, asOf: CalendarDate, report: (String) -> Void, warn: (String) -> Void
  ) -> RunStatus {
    guard ExportLoader.directoryExists(inputDirectory) else {
      warn("\(inputDirectory): error: the input directory does not exist")
      return .inputMissing
    }
    let loaded = ExportLoader(directory: inputDirectory).load()
    let grantErrors = loaded.diagnostics.errors.filter { $0.file.hasSuffix("/zuwendung.csv") }
    for error in grantErrors.sorted(by: InputError.displayOrder) { warn(error.description) }
    if loaded.diagnostics.errors.contains(where: { $0.kind == .fileAccess && $0.file.hasSuffix("/zuwendung.csv") }) {
      return .inputMissing
    }
    for line in TextTable.render(rows(export: loaded.export, asOf: asOf)) { report(line) }
    return grantErrors.isEmpty ? .success : .dataError
  }
}
