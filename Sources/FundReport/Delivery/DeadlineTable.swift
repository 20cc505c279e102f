import Foundation

/// `fundreport deadlines`: every grant's due dates as a table.
public enum DeadlineTable {
  static func rows(export: Export, asOf: CalendarDate, language: Language = .german) -> [[String]] {
    let headings: [TableColumn] = [.foerderkennzeichen, .report, .period, .dueOn, .state]
    var rows: [[String]] = [headings.map { language.text(.column($0)) }]
    for id in export.grantIDs {
      guard let grant = export.grants[id] else { continue }
      for due in DueDates.of(grant) {
        let state = language.text(.due(inDays: asOf.days(to: due.date)))
        rows.append([id, due.kind.rawValue, due.period, due.date.german, state])
      }
    }
    return rows
  }

  public static func run(
    inputDirectory: String, asOf: CalendarDate, language: Language = .german, report: (String) -> Void,
    warn: (String) -> Void
  ) -> RunStatus {
    guard ExportLoader.directoryExists(inputDirectory) else {
      warn(language.text(.inputDirectoryMissing(inputDirectory)))
      return .inputMissing
    }
    // The due dates come from zuwendung.csv alone: the ledger is neither read nor hashed.
    var loader = ExportLoader(directory: inputDirectory)
    loader.files = [.zuwendung]
    let loaded = loader.load()
    let errors = loaded.diagnostics.errors
    for error in errors.sorted(by: InputError.displayOrder) { warn(error.text(language)) }
    if errors.contains(where: { $0.kind == .fileAccess }) { return .inputMissing }
    for line in TextTable.render(rows(export: loaded.export, asOf: asOf, language: language)) { report(line) }
    return errors.isEmpty ? .success : .dataError
  }
}
