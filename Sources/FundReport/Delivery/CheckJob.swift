import Foundation

/// `fundreport check`: reads and validates the whole export and evaluates
/// the rules at a Stichtag, without writing any delivery.
public struct CheckJob: Sendable {
  var inputDirectory: String
  var asOf: CalendarDate
  var options: IngestOptions
  var errorLimit: Int?
  var errorsCSV: String?
  /// The language of the tables and messages.
  public var language = Language.german

  public init(
    inputDirectory: String, asOf: CalendarDate, options: IngestOptions = IngestOptions(), errorLimit: Int? = 20,
    errorsCSV: String? = nil
  ) {
    self.inputDirectory = inputDirectory
    self.asOf = asOf
    self.options = options
    self.errorLimit = errorLimit
    self.errorsCSV = errorsCSV
  }

  /// Prints the summary through `report`, errors through `warn`.
  /// - Returns: `.success`, `.findingsWithErrors` (Fehler findings), `.dataError`
  ///   (input errors) or `.inputMissing`.
  public func run(report: (String) -> Void, warn: (String) -> Void) -> RunStatus {
    guard ExportLoader.directoryExists(inputDirectory) else {
      warn(language.text(.inputDirectoryMissing(inputDirectory)))
      return .inputMissing
    }
    var options = options
    options.hashing = false
    options.keepsVoucherTexts = false
    options.retention = .defects
    options.holdErrors(listing: errorLimit, toCSV: errorsCSV != nil)
    let loaded = ExportLoader(directory: inputDirectory, options: options).load()
    let export = loaded.export
    if !ReportJob.reportInputErrors(
      loaded.diagnostics, limit: errorLimit, csvPath: errorsCSV, language: language,
      events: { warn($0.text(language)) })
    {
      return .cannotWrite
    }

    func heading(_ columns: TableColumn...) -> [String] { columns.map { language.text(.column($0)) } }
    report(language.text(.checkHeading(directory: inputDirectory, asOf: asOf)))
    var files: [[String]] = []
    for file in export.sourceFiles {
      if let sheet = file.sheet {
        // A workbook as the export names it (`finanzplan.xlsx`), with the sheet that was read.
        let name = file.path.split(separator: "/").last.map(String.init) ?? file.name
        files.append([name, String(file.records), file.encodingName, language.text(.sheet(sheet))])
        continue
      }
      let delimiter = file.delimiter == 0x09 ? language.text(.tabDelimiter) : String(UnicodeScalar(file.delimiter))
      files.append([file.name, String(file.records), file.encodingName, delimiter])
    }
    // An optional file the export does not have is listed too: its note says what that means.
    for note in loaded.diagnostics.notes {
      if case .optionalFileAbsent(let input) = note.kind {
        files.append([input.rawValue, "–", language.text(.absentOptional), ""])
      }
    }
    files.sort { codePointOrder($0[0], $1[0]) }
    files.insert(heading(.file, .records, .encoding, .delimiter), at: 0)
    for line in TextTable.render(files, rightAligned: [1]) { report(line) }

    var status = RunStatus.success
    var grants: [[String]] = [heading(.grant, .bookings, .fehler, .warnungen, .hinweise, .findings)]
    let generator: ReportGenerator
    do {
      generator = try ReportGenerator(export: export)
    } catch {
      warn(language.text(.internalError("\(error)")))
      return .internalError
    }
    let ids = Set(export.grants.keys).union(loaded.diagnostics.grantsWithErrors).sorted(by: codePointOrder)
    for id in ids {
      let bookings = export.ledgerRowCounts[id] ?? 0
      if loaded.diagnostics.blocks(grant: id) {
        grants.append([id, String(bookings), "–", "–", "–", language.text(.inputErrorsNoReport)])
        continue
      }
      do {
        let findings = try generator.findings(grantID: id, stichtag: asOf)
        let byRule = Dictionary(grouping: findings, by: \.rule).map { "\($0.key.rawValue) \($0.value.count)" }
        grants.append([
          id, String(bookings), String(findings.count { $0.severity == .fehler }),
          String(findings.count { $0.severity == .warnung }), String(findings.count { $0.severity == .hinweis }),
          byRule.sorted().joined(separator: ", "),
        ])
        if findings.contains(where: { $0.severity == .fehler }) {
          status = RunStatus.mostSevere(status, .findingsWithErrors)
        }
      } catch ReportError.period(let invalid) {
        grants.append([id, String(bookings), "–", "–", "–", language.text(.period(invalid))])
      } catch ReportError.missingBaseRate(let grant, let missing) {
        warn(
          language.text(
            .job(.missingBaseRate(file: "\(inputDirectory)/basiszinssatz.csv", grant: grant, missing))))
        grants.append([id, String(bookings), "–", "–", "–", language.text(.baseRateMissing)])
        status = RunStatus.mostSevere(status, .dataError)
      } catch {
        warn(language.text(.internalError("\(error)")))
        return .internalError
      }
    }
    for line in TextTable.render(grants, rightAligned: [1, 2, 3, 4]) { report(line) }
    let ledger = export.outOfScopeDefects
    report(language.text(.outOfScope(rows: ledger.rowsOutOfScope, of: ledger.rowsRead, invalid: ledger.count)))
    // A missing or unreadable input file is 66 in every command, as the README's table says.
    if loaded.diagnostics.errors.contains(where: { $0.kind == .fileAccess }) {
      return RunStatus.mostSevere(status, .inputMissing)
    }
    return loaded.diagnostics.count > 0 ? RunStatus.mostSevere(status, .dataError) : status
  }
}

/// Plain text tables for the terminal.
enum TextTable {
  static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
    guard let columns = rows.map(\.count).max() else { return [] }
    var widths = Array(repeating: 0, count: columns)
    for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
    return rows.map { row in
      row.enumerated().map { index, cell in
        let padding = String(repeating: " ", count: widths[index] - cell.count)
        if rightAligned.contains(index) { return padding + cell }
        return index == row.count - 1 ? cell : cell + padding
      }.joined(separator: "  ")
    }.map { line in
      // Empty cells at the end leave no trailing blanks.
      var line = line
      while line.last == " " { line.removeLast() }
      return line
    }
  }
}
