/// `fundreport export FOLDER --xlsx FILE`: a delivery's Belegliste, Finanzuebersicht and Befunde as the
/// sheets of one Excel workbook, for authorities that import voucher lists as XLSX and for people who
/// read them in Excel. The delivery is only read; the workbook is written beside it, never inside a
/// delivery, as a new file that is renamed into place once complete.
public enum WorkbookExport {
  /// The sheets, in this order, from the delivery's CSVs (`<FKZ>_<Name>_<Zeitraum>_v<n>.csv`).
  static let sheetNames = ["Belegliste", "Finanzuebersicht", "Befunde"]

  /// Columns whose values are amounts, dates and whole numbers (the interface's CSV names).
  static let amountColumns: Set<String> = [
    "netto", "ust", "brutto", "zuwendungsfaehig", "plan", "ist", "abweichung", "betrag",
  ]
  static let dateColumns: Set<String> = [
    "zahlungsdatum", "buchungsdatum", "abrufdatum", "eingangsdatum", "fristende", "verwendet_am", "zinstage_von",
    "zinstage_bis",
  ]
  static let integerColumns: Set<String> = ["lfd_nr", "jahr", "zeile", "tabellenzeile", "tage"]

  /// A view's CSV (as ``CSVWriter`` writes it: `;`, quoted fields, no line break inside a field) as a
  /// workbook of one sheet, `name`, typed like a delivery's tables (`explain` and `outlook` with
  /// `--format xlsx`); nil only beyond the 4 GiB a workbook can hold.
  static func xlsx(ofCSV bytes: [UInt8], sheet name: String) -> [UInt8]? {
    let records = records(ofCSV: bytes)
    guard let header = records.first else { return nil }
    let sheet = Workbook.Sheet(
      name: name, header: header, rows: records.dropFirst().map { typed($0, header: header) })
    return try? Workbook(sheets: [sheet]).xlsx()
  }

  public static func run(folder: String, file: String, language: Language, warn: (String) -> Void) -> RunStatus {
    let delivery = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    guard FileSystem.kind(of: delivery) == .directory, FileSystem.kind(of: delivery + "/SHA256SUMS") == .file else {
      warn(language.text(.failure(.noSuchDelivery(folder))))
      return .inputMissing
    }
    let workbook: Workbook
    do {
      workbook = try Self.workbook(of: delivery)
    } catch {
      warn(language.text(.failure(.file(error))))
      return .inputMissing
    }
    let bytes: [UInt8]
    do {
      bytes = try workbook.xlsx()
    } catch {
      warn(language.text(.failure(.workbookTooLarge(file))))
      return .cannotWrite
    }
    do {
      // Refused inside a delivery or through a link; a new file renamed into place.
      try OutputGuard.writeFile(file, bytes: bytes)
    } catch {
      warn(language.text(.failure(.file(error))))
      return .cannotWrite
    }
    return .success
  }

  /// The workbook of the delivery in `folder`: a sheet per CSV that it has.
  static func workbook(of folder: String) throws(FileSystemError) -> Workbook {
    let names = try FileSystem.entries(of: folder)
    var sheets: [Workbook.Sheet] = []
    for sheet in sheetNames {
      guard let name = names.first(where: { $0.hasSuffix(".csv") && $0.contains("_" + sheet + "_") }) else { continue }
      let (header, rows) = try table(folder + "/" + name)
      sheets.append(Workbook.Sheet(name: sheet, header: header, rows: rows.map { typed($0, header: header) }))
    }
    return Workbook(sheets: sheets)
  }

  /// A CSV the delivery holds: its header and rows.
  private static func table(_ path: String) throws(FileSystemError) -> (header: [String], rows: [[String]]) {
    let records = records(ofCSV: try FileSystem.readFile(path))
    return (records.first ?? [], Array(records.dropFirst()))
  }

  /// The records of a CSV that ``CSVWriter`` wrote (a delivery's or a view's): UTF-8 with BOM, `;`, a
  /// field quoted where it holds `;` or `"` (doubled), never a line break inside a field, CRLF after each.
  static func records(ofCSV bytes: [UInt8]) -> [[String]] {
    let text = String(
      decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
    return text.split(separator: "\r\n", omittingEmptySubsequences: true).map { line in
      var fields: [String] = []
      var field = ""
      var quoted = false
      var previous: Character?
      for character in line {
        if quoted {
          if character == "\"" {
            quoted = false
          } else {
            field.append(character)
          }
        } else if character == "\"" {
          // A doubled quote inside a quoted field: the first closed it, this one opens it again.
          if previous == "\"" { field.append("\"") }
          quoted = true
        } else if character == ";" {
          fields.append(field)
          field = ""
        } else {
          field.append(character)
        }
        previous = character
      }
      fields.append(field)
      return fields
    }
  }

  /// The cells of a row: amounts, dates and whole numbers typed by their column, text as written
  /// (with the formula guard's `'` removed: a text cell is never a formula).
  static func typed(_ row: [String], header: [String]) -> [Workbook.Cell] {
    row.enumerated().map { index, value in
      guard !value.isEmpty else { return .empty }
      let column = index < header.count ? header[index] : ""
      if amountColumns.contains(column),
        let cents = Array(value.utf8).withUnsafeBufferPointer({
          ValueParser.amount($0, decimalSeparator: UInt8(ascii: ","), encoding: .utf8)
        })
      {
        return .amount(Money(cents: cents))
      }
      if dateColumns.contains(column), let date = Array(value.utf8).withUnsafeBufferPointer(ValueParser.date) {
        return .date(date)
      }
      if integerColumns.contains(column), let number = Int(value) { return .integer(number) }
      if value.hasPrefix("'"), let second = value.dropFirst().first, "=+-@".contains(second) {
        return .text(String(value.dropFirst()))
      }
      return .text(value)
    }
  }
}
