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
    // The due dates come from zuwendung.csv alone: the ledger is neither read nor hashed.
    var loader = ExportLoader(directory: inputDirectory)
    loader.files = [.zuwendung]
    let loaded = loader.load()
    let errors = loaded.diagnostics.errors
    for error in errors.sorted(by: InputError.displayOrder) { warn(error.description) }
    if errors.contains(where: { $0.kind == .fileAccess }) { return .inputMissing }
    for line in TextTable.render(rows(export: loaded.export, asOf: asOf)) { report(line) }
    return errors.isEmpty ? .success : .dataError
  }
}
