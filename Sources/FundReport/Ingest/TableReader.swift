#if canImport(Glibc)
  import Glibc
#endif

/// How one input file is written, where it differs from the defaults.
public struct FileDialect: Sendable, Hashable {
  /// nil: detected (UTF-8 if valid, else Windows-1252).
  var encoding: TextEncoding?
  /// nil: detected from the header line.
  var delimiter: UInt8?
  var decimalSeparator: UInt8
  /// Interface column name → the headers the file may use instead (the first the header has wins).
  var columnNames: [String: [String]]
  /// Interface column name → its value when the file has no such column (`defaults:`; over the profile's).
  var defaults: [String: String] = [:]
  /// The file's name in the export directory, when it is not the interface's.
  var fileName: String?
  /// The header's line (`header_line:`); nil: the first line that has every required column.
  var headerLine: Int?
  /// The ERP profile the dialect starts from (`profile:`), whose headers and defaults apply.
  var profile: ERPProfile?
  /// The sheet of a workbook (`sheet:`); nil: the sheet named like the file, else the first.
  var sheet: String?

  /// The headers an interface column is looked for under, in order: the configured one, else the
  /// profile's (German and English layouts), then its own name.
  func headers(of column: String) -> [String] {
    if let configured = columnNames[column] { return configured }
    return (profile?.headers[column] ?? []) + [column]
  }

  /// The value of a column that the file does not have (a profile's `ust` of an SAP line item).
  func defaultValue(of column: String) -> String? { defaults[column] ?? profile?.defaults[column] }

  init(
    encoding: TextEncoding? = nil, delimiter: UInt8? = nil, decimalSeparator: UInt8 = UInt8(ascii: ","),
    columnNames: [String: [String]] = [:], headerLine: Int? = nil
  ) {
    self.headerLine = headerLine
    self.encoding = encoding
    self.delimiter = delimiter
    self.decimalSeparator = decimalSeparator
    self.columnNames = columnNames
  }
}

/// Reading options for a whole export directory.
public struct IngestOptions: Sendable {
  /// Per input file name (`buchungen.csv`).
  var dialects: [String: FileDialect]

  /// Whether input files are hashed (SHA-256 for `Quelldaten`); `check` skips it.
  var hashing = true
  /// Files from this size on are read by two threads and validated while
  /// they are read (tests lower it).
  package var parallelThreshold = 8 << 20
  /// How much of such a file decides its encoding before it is read: a
  /// later byte that is not UTF-8 makes the reader start again (tests lower it).
  package var sniffSize = 1 << 20
  /// Whether grant rows keep `empfaenger` and `verwendungszweck`, which only
  /// the Belegliste shows; `check` drops them to save time and memory.
  var keepsVoucherTexts = true
  /// Which grant rows are kept one by one (the others only add to sums).
  var retention = RowRetention.every
  /// Of each category of errors in one file, this many are held in full,
  /// the others only counted (nil: all held, as `--errors-csv` needs).
  var heldErrorsPerCategory: Int? = 1_000
  /// Per grant, when it differs between grants (`fundreport run`: the
  /// periods due depend on the grant); `retention` otherwise.
  var retentionOfGrant: (@Sendable (Grant) -> RowRetention)?

  public init(dialects: [String: FileDialect] = [:]) { self.dialects = dialects }

  /// Files are read under the interface's names (restored from the archive): mapped names no longer apply.
  mutating func forgetFileNames() {
    for name in dialects.keys { dialects[name]?.fileName = nil }
  }

  /// Holds every error when all of them are listed or written to a CSV
  /// file; else enough of each category to list `limit` of them.
  mutating func holdErrors(listing limit: Int?, toCSV: Bool) {
    heldErrorsPerCategory = toCSV ? nil : limit.map { max($0, 1_000) }
  }

  func dialect(for file: String) -> FileDialect { dialects[file] ?? FileDialect() }
}

/// A column of an input file (inputs.md, "Columns").
struct ColumnSpec {
  var name: String
  /// Whether the column must be in the header.
  var isRequired: Bool

  static func required(_ name: String) -> ColumnSpec { ColumnSpec(name: name, isRequired: true) }
  static func optional(_ name: String) -> ColumnSpec { ColumnSpec(name: name, isRequired: false) }
}

/// An input file that was read, as far as reading one of its records again needs.
struct LedgerFile: Sendable {
  let name: String
  let path: String
  let displayPath: String
  let dialect: FileDialect
  let inspection: InputFileInspection
  let delimiter: UInt8
  let columnIndex: [String: Int]
  let headerFieldCount: Int
  /// The UTF-8 copy `path` names, for a UTF-16 ledger (kept while the file may be read again).
  var utf16: UTF16Copy?
  /// The CSV copy `path` names, for a ledger in a workbook.
  var workbook: WorkbookCopy?
  /// The funded cost objects, to read a grant row again.
  var costObjects: [String: CostObject] = [:]
}

/// One open input file: its header matched to the interface's columns, and
/// its records read one at a time.
final class TableReader {
  let name: String
  let displayPath: String
  let dialect: FileDialect
  let inspection: InputFileInspection
  let csv: CSVReader
  private(set) var columnIndex: [String: Int] = [:]
  private(set) var headerFieldCount = 0
  /// The line of the header; the lines before it (an ERP's title lines) were skipped.
  private(set) var headerLine = 1
  /// Rows after the header that are no records (an SAP list's rule lines): a spreadsheet shows them.
  private(set) var skippedRows = 0
  /// What a spreadsheet row of this reader's records is shifted by from its record count.
  var spreadsheetRowsBefore: Int { records + skippedRows }
  /// Data records read so far (structurally defective ones included).
  private(set) var records = 0
  /// The first line of every data record, when ``tracksRecordLines`` (the small files: a
  /// person finds a row by its spreadsheet row, which is not its line once a field holds a line break).
  private(set) var recordLines: [Int32] = []
  /// Whether ``recordLines`` is kept (not for the ledger: its rows carry their spreadsheet row).
  var tracksRecordLines = false

  /// The file the records are read from: the input, or its UTF-8 copy.
  let path: String
  /// The input file itself (for the archive).
  private(set) var sourcePath = ""
  /// The UTF-8 copy of a UTF-16 input, kept while a reader needs it.
  private(set) var utf16: UTF16Copy?
  /// The CSV copy of a workbook's sheet, kept while a reader needs it; its places are cells.
  private(set) var workbook: WorkbookCopy?
  /// From this size on, the ledger is read by two threads.
  private(set) var parallelThreshold = 8 << 20

  private init(
    name: String, path: String, displayPath: String, dialect: FileDialect, inspection: InputFileInspection,
    csv: CSVReader
  ) {
    self.name = name
    self.path = path
    self.displayPath = displayPath
    self.dialect = dialect
    self.inspection = inspection
    self.csv = csv
  }

  /// Opens `name` and reads its header.
  ///
  /// - Returns: nil when the file cannot be used; the reason is in `errors`
  ///   (nothing is added for a missing optional file).
  static func open(
    directory: String, displayDirectory: String, name: String, columns: [ColumnSpec], isRequired: Bool,
    options: IngestOptions, errors: inout [InputError], encoding: TextEncoding? = nil, foundAs: String? = nil
  ) -> TableReader? {
    let dialect = options.dialect(for: name)
    let fileName = dialect.fileName ?? foundAs ?? name
    let path = directory + "/" + fileName
    let displayPath = displayDirectory + "/" + fileName
    var reader: TableReader
    do {
      var file = try ReadOnlyFile(path: path)
      let head = try file.firstBytes(8)
      // An Excel workbook is read from a CSV copy of its sheet.
      var workbook: WorkbookCopy?
      if ForeignContent(firstBytes: head) == .zip {
        do throws(WorkbookCopy.Failure) {
          workbook = try WorkbookCopy.make(
            of: file, sheet: dialect.sheet, fileStem: InputFileFinder.split(name).stem,
            decimalSeparator: dialect.decimalSeparator, hashing: options.hashing)
        } catch {
          errors.append(
            InputError(
              kind: .fileAccess, category: .unreadableFile, scope: .run, file: displayPath, line: 0, column: 0,
              problem: error == .notWorkbook ? .notCSV(.zip) : .workbook(error)))
          return nil
        }
      }
      // An old Excel workbook or UTF-16 text without a byte order mark is said as what it is, before anything else.
      if workbook == nil, let foreign = ForeignContent(firstBytes: head) {
        errors.append(
          InputError(
            kind: .fileAccess, category: .unreadableFile, scope: .run, file: displayPath, line: 0, column: 0,
            problem: .notCSV(foreign)))
        return nil
      }
      if let workbook { file = try ReadOnlyFile(path: workbook.path) }
      // UTF-16 with a byte order mark is read from a private UTF-8 copy of it.
      var copy: UTF16Copy?
      if let order = UTF16Order(byteOrderMark: head) {
        let made = try UTF16Copy.make(of: file, order: order, hashing: options.hashing)
        if let offset = made.firstInvalidOffset {
          errors.append(
            InputError(
              kind: .structure, category: .invalidByte, scope: .run, file: displayPath, line: 0, column: 0,
              problem: .invalidUTF16(order: order, units: made.invalidUnits, firstOffset: offset)))
        }
        file = try ReadOnlyFile(path: made.path)
        copy = made
      }
      let size = try file.size()
      // A large file is read once: validated while it is parsed.
      var inspection =
        size >= options.parallelThreshold
        ? try InputFileInspection.sniff(
          file: file, size: size, configured: encoding ?? dialect.encoding, hashing: options.hashing,
          sniffSize: options.sniffSize)
        : try InputFileInspection.inspect(
          file: file, size: size, configured: encoding ?? dialect.encoding, hashing: options.hashing)
      // Read again as Windows-1252 after its start looked like UTF-8: see how much of it is UTF-8.
      if encoding != nil { inspection.countsUTF8Evidence = true }
      if let copy {
        // The copy is UTF-8 (with U+FFFD where the original was no UTF-16); the original's bytes are hashed.
        inspection.encoding = .utf8
        inspection.isUTF8Assumed = false
        inspection.sha256 = copy.sha256
        inspection.pendingDigest = nil
      }
      if let workbook {
        // The copy is UTF-8 that fundreport wrote; the workbook's bytes are hashed.
        inspection.encoding = .utf8
        inspection.isUTF8Assumed = false
        inspection.sha256 = workbook.sha256
        inspection.pendingDigest = nil
      }
      let readPath = workbook?.path ?? copy?.path ?? path
      // A sheet's copy is always `;`-delimited.
      var dialect = dialect
      if workbook != nil { dialect.delimiter = UInt8(ascii: ";") }
      // A reader whose header is the record after `recordsBefore` others (title lines skipped).
      func makeReader(_ file: ReadOnlyFile, header: (line: Int, recordsBefore: Int)) throws(FileAccessError)
        -> TableReader
      {
        let csv = try CSVReader(file: file, inspection: inspection)
        csv.readsSheetCopy = workbook != nil
        for _ in 0..<header.recordsBefore {
          try csv.detectDelimiter(configured: dialect.delimiter)
          guard try csv.nextRecord(onStructuralError: { _ in }) else { break }
        }
        try csv.detectDelimiter(configured: dialect.delimiter)
        let table = TableReader(
          name: name, path: readPath, displayPath: displayPath, dialect: dialect, inspection: inspection, csv: csv)
        table.utf16 = copy
        table.workbook = workbook
        table.sourcePath = path
        table.headerLine = header.line
        // A sheet is read by one thread: its conversion, not the copy's reading, is what takes time.
        table.parallelThreshold = workbook == nil ? options.parallelThreshold : .max
        table.structuralErrors = HeldErrors(cap: options.heldErrorsPerCategory)
        return table
      }
      if dialect.headerLine != nil {
        reader = try makeReader(
          file, header: try findHeader(file: readPath, inspection: inspection, dialect: dialect, columns: columns))
      } else {
        reader = try makeReader(file, header: (1, 0))
      }
      var headerErrors: [InputError] = []
      guard try reader.readHeader(columns: columns, errors: &headerErrors) else {
        errors += headerErrors
        return nil
      }
      // Title lines above the header (an SAP list's report name, company code, date): the header is
      // looked for further down only when the first line lacks a required column, so a usual file is
      // read as before.
      if dialect.headerLine == nil, headerErrors.contains(where: { $0.category == .missingColumn }) {
        let found = try findHeader(
          file: readPath, inspection: inspection, dialect: dialect, columns: columns, afterFirst: true)
        if found.line > 1 {
          reader = try makeReader(try ReadOnlyFile(path: readPath), header: found)
          headerErrors = []
          guard try reader.readHeader(columns: columns, errors: &headerErrors) else {
            errors += headerErrors
            return nil
          }
        }
      }
      errors += headerErrors
      errors += reader.cellProblemErrors()
    } catch {
      if error.isMissing && !isRequired { return nil }
      errors.append(
        InputError(
          kind: .fileAccess, category: error.isMissing ? .missingFile : .unreadableFile, scope: .run, file: displayPath,
          line: 0, column: 0,
          problem: error.isMissing ? .missingFile : .unreadable(error.errno)))
      return nil
    }
    return reader
  }

  /// How many lines are looked at for the header before the first one is taken as it.
  static let headerSearchLines = 30

  /// The header: the line `header_line:` names, else the first of the file's first lines that has
  /// every required column of `columns` (after folding and mapping), else the first line (whose
  /// errors are then said); with how many records (empty lines are none) come before it.
  /// - Parameter afterFirst: the first line is known to lack a column: it is only read past.
  private static func findHeader(
    file path: String, inspection: InputFileInspection, dialect: FileDialect, columns: [ColumnSpec],
    afterFirst: Bool = false
  ) throws(FileAccessError) -> (line: Int, recordsBefore: Int) {
    let required = columns.filter { $0.isRequired && dialect.defaultValue(of: $0.name) == nil }.map {
      dialect.headers(of: $0.name).map(HeaderName.fold)
    }
    let probe = try CSVReader(file: ReadOnlyFile(path: path), inspection: inspection)
    for before in 0..<(dialect.headerLine ?? headerSearchLines) {
      try probe.detectDelimiter(configured: dialect.delimiter)
      var broken = false
      guard try probe.nextRecord(onStructuralError: { _ in broken = true }) else { break }
      if let configured = dialect.headerLine {
        if probe.recordLine >= configured { return (probe.recordLine, before) }
        continue
      }
      if broken { break }
      if afterFirst && before == 0 { continue }
      let names = Set((0..<probe.fields.count).map { HeaderName.fold(probe.string($0)) })
      if required.allSatisfy({ $0.contains(where: names.contains) }) { return (probe.recordLine, before) }
    }
    return (1, 0)
  }

  /// The cells of the header's columns below it that hold no value (an Excel error such as `#NV`):
  /// each an input error at its cell, which stops every report (the row's grant may be the cell).
  func cellProblemErrors() -> [InputError] {
    guard let workbook, !workbook.problems.isEmpty else { return [] }
    var names: [Int: String] = [:]
    for (name, index) in columnIndex { names[index + 1] = name }
    return workbook.problems.compactMap { problem in
      guard problem.place.row > headerLine, let name = names[problem.place.column] else { return nil }
      return InputError(
        kind: .value, category: .badValue, scope: .run, file: displayPath, line: problem.place.row,
        column: problem.place.column, problem: .value(column: name, .cellProblem(problem.kind)))
    }
  }

  /// A note when lines before the header were skipped.
  func skippedLinesNote() -> InputNote? {
    guard headerLine > 1 else { return nil }
    return InputNote(file: displayPath, line: headerLine, column: 1, kind: .titleLinesSkipped(headerLine - 1))
  }

  /// Reads the header line and matches it to `columns`, in time
  /// proportional to its bytes (a runaway header may have a million fields).
  ///
  /// - Returns: false when the header line itself is broken (a stray or
  ///   unclosed quote, lone CR line ends): the file is then not read further,
  ///   since its rows cannot be matched to columns.
  private func readHeader(columns: [ColumnSpec], errors: inout [InputError]) throws(FileAccessError) -> Bool {
    var structural: [InputError] = []
    let found = try csv.nextRecord { error in
      structural.append(self.structuralError(error))
    }
    errors.append(contentsOf: structural)
    if let first = structural.first {
      // The reader skipped the broken line: what it found next is a data row, not the header.
      errors.append(
        InputError(
          kind: .header, category: .brokenHeader, scope: .run, file: displayPath, line: first.line,
          column: first.column,
          problem: .headerUnreadable))
      return false
    }
    guard found else {
      errors.append(
        InputError(
          kind: .header, category: .emptyFile, scope: .run, file: displayPath, line: 1, column: 1,
          problem: .emptyFile))
      return true
    }
    if workbook == nil, let index = csv.firstLoneCarriageReturn() {
      let place = csv.location(of: index)
      errors.append(
        InputError(
          kind: .structure, category: .lineEnds, scope: .run, file: displayPath, line: place.line,
          column: place.column,
          problem: .headerLoneCarriageReturn))
      return false
    }
    let places = csv.fieldLocations()
    headerFieldCount = csv.fields.count
    // A cell right of the header's columns is in no column (a sheet's notes): only a CSV's is a defect.
    if workbook == nil { csv.expectedFieldCount = headerFieldCount }
    var headers: [String] = []
    headers.reserveCapacity(csv.fields.count)
    var folded: [String: Int] = [:]
    folded.reserveCapacity(csv.fields.count)
    let named = (0..<csv.fields.count).filter { csv.withField($0) { !$0.allSatisfy { $0 == 0x20 } } }
    let firstNamed = named.first ?? 0
    let lastNamed = (named.last ?? 0) + 1
    for index in 0..<csv.fields.count {
      let header = csv.string(index)
      headers.append(header)
      let key = HeaderName.fold(header)
      // Empty columns at the end (as Excel leaves them) or at either end of an SAP list's `|…|` line name nothing.
      if key.isEmpty && (index >= lastNamed || index < firstNamed) { continue }
      if let first = folded[key] {
        errors.append(
          InputError(
            kind: .header, category: .duplicateHeader, scope: .run, file: displayPath, line: places[index].line,
            column: places[index].column,
            problem: .duplicateHeader(first: headers[first], second: header, column: key)))
      } else {
        folded[key] = index
      }
    }
    for column in columns {
      let candidates = dialect.headers(of: column.name)
      if let index = candidates.lazy.compactMap({ folded[HeaderName.fold($0)] }).first {
        columnIndex[column.name] = index
      } else if column.isRequired && dialect.defaultValue(of: column.name) == nil {
        // What was looked for besides the interface's name (the configuration's or the profile's headers).
        let alternatives = dialect.columnNames[column.name] ?? dialect.profile?.headers[column.name]
        errors.append(
          InputError(
            kind: .header, category: .missingColumn, scope: .run, file: displayPath, line: headerLine, column: 1,
            problem: .missingColumn(
              column: column.name, configuredAs: alternatives?.joined(separator: " / "),
              header: Array(headers.prefix(20)), more: max(headers.count - 20, 0))))
      }
    }
    return true
  }

  /// Structural defects met while reading the records (scope `.run`).
  private(set) var structuralErrors = HeldErrors(cap: nil)
  /// How many errors of one category this file's readers hold in full.
  var heldErrorsPerCategory: Int? { structuralErrors.cap }

  /// Reads every data record; `body` sees each one through `row`.
  /// Structural errors are collected in ``structuralErrors``.
  func forEachRecord(_ body: (inout RowReader) -> Void) {
    var structural = HeldErrors(cap: heldErrorsPerCategory)
    do {
      while try csv.nextRecord(onStructuralError: {
        structural.append(self.structuralError($0))
        self.records += 1
      }) {
        // An SAP list's rule lines (`|-----|-----|`) between its rows are no records.
        if csv.delimiter == UInt8(ascii: "|") && isRuleLine() {
          skippedRows += 1
          continue
        }
        records += 1
        if tracksRecordLines { recordLines.append(Int32(clamping: csv.recordLine)) }
        var row = RowReader(table: self)
        if csv.fields.count < headerFieldCount {
          let place = csv.locationOfRecordEnd()
          row.problems.append(
            RowProblem(
              category: .shortRow, line: place.line, column: place.column,
              problem: .shortRow(fields: csv.fields.count, header: headerFieldCount)))
        }
        body(&row)
      }
    } catch {
      structural.append(
        InputError(
          kind: .fileAccess, category: .unreadableFile, scope: .run, file: displayPath, line: 0, column: 0,
          problem: .unreadable(error.errno)))
    }
    structuralErrors.append(structural)
  }

  /// Whether the record holds only dashes and spaces (a rule line of an SAP list).
  private func isRuleLine() -> Bool {
    (0..<csv.fields.count).allSatisfy { index in
      csv.withField(index) { bytes in bytes.allSatisfy { $0 == UInt8(ascii: "-") || $0 == 0x20 } }
    }
  }

  /// A second reader of the same file that starts at `offset` (a record
  /// start), with this reader's header.
  func chunk(startingAt offset: Int) throws(FileAccessError) -> TableReader {
    let csv = try CSVReader(file: ReadOnlyFile(path: path), inspection: inspection, startOffset: offset)
    try csv.detectDelimiter(configured: self.csv.delimiter)
    csv.expectedFieldCount = self.csv.expectedFieldCount
    csv.readsSheetCopy = self.csv.readsSheetCopy
    let reader = TableReader(
      name: name, path: path, displayPath: displayPath, dialect: dialect, inspection: inspection, csv: csv)
    reader.parallelThreshold = parallelThreshold
    reader.structuralErrors = HeldErrors(cap: heldErrorsPerCategory)
    reader.columnIndex = columnIndex
    reader.headerFieldCount = headerFieldCount
    reader.headerLine = headerLine
    reader.utf16 = utf16
    reader.workbook = workbook
    reader.sourcePath = sourcePath
    return reader
  }

  /// What it takes to read a record of this file again later.
  var reopenable: LedgerFile {
    LedgerFile(
      name: name, path: path, displayPath: displayPath, dialect: dialect, inspection: inspection,
      delimiter: csv.delimiter, columnIndex: columnIndex, headerFieldCount: headerFieldCount, utf16: utf16,
      workbook: workbook)
  }

  /// A reader of `file` positioned at `offset` (a record start), with a
  /// small buffer: it reads one record or a few.
  static func reopen(_ file: LedgerFile, at offset: Int) throws(FileAccessError) -> TableReader {
    let csv = try CSVReader(
      file: ReadOnlyFile(path: file.path), inspection: file.inspection, chunkSize: 16 << 10, startOffset: offset)
    try csv.detectDelimiter(configured: file.delimiter)
    if file.workbook == nil {
      csv.expectedFieldCount = file.headerFieldCount
    } else {
      csv.readsSheetCopy = true
    }
    let reader = TableReader(
      name: file.name, path: file.path, displayPath: file.displayPath, dialect: file.dialect,
      inspection: file.inspection, csv: csv)
    reader.columnIndex = file.columnIndex
    reader.headerFieldCount = file.headerFieldCount
    reader.utf16 = file.utf16
    reader.workbook = file.workbook
    return reader
  }

  /// Adds `lines` to the line numbers of the structural errors found so far.
  func shiftLines(by lines: Int) {
    structuralErrors.shiftLines(by: lines)
  }

  /// Takes over the records and structural errors of `chunk`, which read the
  /// part of the file after this reader's.
  func absorb(_ chunk: TableReader) {
    records += chunk.records
    skippedRows += chunk.skippedRows
    recordLines += chunk.recordLines
    structuralErrors.append(chunk.structuralErrors)
  }

  /// A record start near the middle of the rest of the file, where a second
  /// thread can start reading; nil for small files or when no line there
  /// looks like a record start.
  func splitOffset(minimumSize: Int) -> Int? {
    guard let size = try? csv.file.size() else { return nil }
    let start = csv.absolutePosition
    guard size - start >= minimumSize else { return nil }
    let target = start + (size - start) / 2
    let windowSize = 1 << 20
    var window = [UInt8](repeating: 0, count: windowSize)
    guard let read = try? window.withUnsafeMutableBytes({ try csv.file.read(at: target, into: $0) }), read > 0 else {
      return nil
    }
    return window.withUnsafeBufferPointer { bytes -> Int? in
      let bytes = UnsafeBufferPointer(rebasing: bytes[0..<read])
      var index = 0
      while index < bytes.count {
        guard let lineFeed = bytes[index...].firstIndex(of: 0x0A) else { return nil }
        let candidate = lineFeed + 1
        // Two complete records in a row from here: almost surely a real record start.
        if let first = Self.recordEnd(bytes, from: candidate, fields: headerFieldCount, delimiter: csv.delimiter),
          Self.recordEnd(bytes, from: first, fields: headerFieldCount, delimiter: csv.delimiter) != nil
        {
          return target + candidate
        }
        index = candidate
      }
      return nil
    }
  }

  /// Where a record of exactly `fields` fields that starts at `start` ends
  /// (after its line feed), or nil when the bytes there are no such record.
  static func recordEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, fields: Int, delimiter: UInt8) -> Int? {
    var index = start
    var count = 1
    var fieldStart = true
    while index < bytes.count {
      let byte = bytes[index]
      if fieldStart && byte == UInt8(ascii: "\"") {
        index += 1
        while index < bytes.count {
          if bytes[index] == UInt8(ascii: "\"") {
            if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
              index += 2
              continue
            }
            break
          }
          index += 1
        }
        index += 1
        guard index < bytes.count else { return nil }
        let next = bytes[index]
        guard next == delimiter || next == 0x0A || next == 0x0D else { return nil }
        fieldStart = false
        continue
      }
      fieldStart = false
      switch byte {
      case delimiter:
        count += 1
        fieldStart = true
      case 0x0A:
        return count == fields ? index + 1 : nil
      case UInt8(ascii: "\""):
        return nil
      default:
        break
      }
      index += 1
    }
    return nil
  }

  func structuralError(_ error: CSVReader.StructuralError) -> InputError {
    InputError(
      kind: .structure, category: error.category, scope: .run, file: displayPath, line: error.line,
      column: error.column, problem: error.problem)
  }

  /// A note when the file was read as Windows-1252 but most of its
  /// non-ASCII characters are valid UTF-8: a UTF-8 export with stray bytes,
  /// whose umlauts would show as `Ã¼` (inputs.md's rule is kept; it is said).
  func mixedEncodingNote() -> InputNote? {
    guard inspection.encoding == .windows1252,
      let evidence = csv.utf8Evidence ?? inspection.utf8Evidence, evidence.looksLikeUTF8,
      let place = InputFileInspection.place(ofOffset: evidence.firstInvalid, path: path)
    else { return nil }
    return InputNote(
      file: displayPath, line: place.line, column: place.column,
      kind: .mixedEncoding(byte: place.byte, invalidBytes: evidence.invalid, validSequences: evidence.validSequences))
  }

  /// What the register and `Quelldaten` record of the file, once it is read.
  func sourceFile() throws(FileAccessError) -> SourceFile {
    SourceFile(
      name: name, sha256: try inspection.digest(), records: records, encoding: inspection.encoding,
      delimiter: csv.delimiter, path: sourcePath.isEmpty ? path : sourcePath, utf16: utf16?.order,
      sheet: workbook?.sheet)
  }
}

struct RowProblem {
  var category: InputError.Category
  var line: Int
  var column: Int
  var problem: InputProblem
}

/// A column of a table, by name (looked up per use) or resolved once per
/// file (``ResolvedColumn``, for the ledger's millions of rows).
protocol ColumnReference {
  /// The column's name in messages.
  var name: String { get }
  /// The column's field index in `table`, nil when its header lacks it.
  func index(in table: TableReader) -> Int?
}

/// A column whose field index was looked up once, for a table's every row.
struct ResolvedColumn: ColumnReference {
  let name: String
  private let index: Int?

  init(_ column: some ColumnReference, in table: TableReader) {
    name = column.name
    index = column.index(in: table)
  }

  func index(in table: TableReader) -> Int? { index }
}

/// Typed access to the current record's fields; every bad value becomes a
/// `RowProblem` with its place, the value and what was expected.
struct RowReader {
  // The table outlives every row reader (rows exist only inside forEachRecord).
  unowned(unsafe) let table: TableReader
  var problems: [RowProblem] = []

  var line: Int { table.csv.recordLine }
  /// The row a spreadsheet shows the record in: the header is row 1, the first record row 2
  /// (counted from this reader's start; a second reader of the ledger is shifted when it is joined).
  var spreadsheetRow: Int {
    table.workbook == nil ? table.spreadsheetRowsBefore + table.headerLine : table.csv.recordLine
  }
  private var csv: CSVReader { table.csv }

  /// The field index of `column`, when the header has it and the row reaches it.
  func index(_ column: some ColumnReference) -> Int? {
    guard let index = column.index(in: table), index < csv.fields.count else { return nil }
    return index
  }

  func isEmpty(_ column: some ColumnReference) -> Bool {
    guard let index = index(column) else { return true }
    return csv.withField(index) { $0.isEmpty }
  }

  /// The trimmed text; "" when absent.
  func text(_ column: some ColumnReference) -> String {
    guard let index = index(column) else { return "" }
    return csv.string(index)
  }

  /// A required text value. A column missing from the header or a short
  /// row has been reported once already and is not reported again per value.
  mutating func requiredText(_ column: some ColumnReference) -> String {
    let value = checkedText(column)
    if value.isEmpty && index(column) != nil { missing(column, expected: .text) }
    return value
  }

  /// A text value that a report's XML may carry: a control character that
  /// XML 1.0 cannot hold (U+0000…U+001F but tab, line feed and carriage
  /// return; U+FFFE, U+FFFF) is a bad value, reported here, not a document
  /// that fails its validation later.
  mutating func checkedText(_ column: some ColumnReference) -> String {
    let value = text(column)
    if let bad = value.unicodeScalars.first(where: { !Self.isXMLCharacter($0) }) {
      let code = String(bad.value, radix: 16, uppercase: true)
      report(column, .controlCharacter(value: value, code: String(repeating: "0", count: 4 - code.count) + code))
    }
    return value
  }

  /// Whether XML 1.0 allows `scalar` in a document (its `Char` production).
  static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0D, 0x20...0xFFFD, 0x10000...: return true
    default: return false
    }
  }

  /// A text (required unless `required` is false) that the CSV reports show as an identifier (beleg_nr,
  /// sachkonto, kostenobjekt, massnahme, kostenposition, ...): one that starts
  /// with `=`, `+`, `-` or `@` would be run as a formula by a spreadsheet, and
  /// no ERP writes such an identifier, so it is a bad value here.
  mutating func identifierText(_ column: some ColumnReference, required: Bool = true) -> String {
    let value = required ? requiredText(column) : checkedText(column)
    if let first = value.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) {
      report(column, .formulaStart(value: value, first: String(first)))
    }
    return value
  }

  /// A required identifier (Kennung): 1 to 64 characters.
  mutating func identifier(_ column: some ColumnReference) -> String {
    let value = identifierText(column)
    if value.count > 64 {
      report(column, .tooLong(value: value, length: value.count))
    }
    return value
  }

  mutating func date(_ column: some ColumnReference, required: Bool) -> CalendarDate? {
    parse(column, required: required, expected: .date) {
      ValueParser.date($0)
    }
  }

  mutating func amount(_ column: some ColumnReference, required: Bool) -> Money? {
    let separator = table.dialect.decimalSeparator
    let encoding = table.inspection.encoding
    return parse(
      column, required: required,
      expected: .amount(decimalSeparator: Character(Unicode.Scalar(separator)))
    ) {
      ValueParser.amount($0, decimalSeparator: separator, encoding: encoding).map { Money(cents: $0) }
    }
  }

  mutating func percent(_ column: some ColumnReference, required: Bool) -> Hundredths? {
    let separator = table.dialect.decimalSeparator
    return parse(
      column, required: required,
      expected: .percentage(decimalSeparator: Character(Unicode.Scalar(separator)))
    ) {
      ValueParser.fixedPoint($0, decimalSeparator: separator, fractionDigits: 2, allowPercentSign: true)
        .map(Hundredths.init)
    }
  }

  mutating func decimal(_ column: some ColumnReference, required: Bool) -> Decimal4? {
    let separator = table.dialect.decimalSeparator
    return parse(column, required: required, expected: .decimal) {
      ValueParser.fixedPoint($0, decimalSeparator: separator, fractionDigits: 4, allowPercentSign: false)
        .map(Decimal4.init(scaled:))
    }
  }

  mutating func integer(_ column: some ColumnReference, required: Bool) -> Int? {
    parse(column, required: required, expected: .wholeNumber) { ValueParser.integer($0) }
  }

  mutating func flag(_ column: some ColumnReference, required: Bool) -> Bool? {
    parse(column, required: required, expected: .flag) {
      ValueParser.flag($0, allowCross: !required)
    }
  }

  /// The row's problems as input errors of `scope`.
  func inputErrors(scope: InputError.Scope) -> [InputError] {
    problems.map { problem in
      InputError(
        kind: .value, category: problem.category, scope: scope, file: table.displayPath, line: problem.line,
        column: problem.column, problem: problem.problem)
    }
  }

  /// Where `column`'s field starts (the row's end when it has none).
  func place(of column: some ColumnReference) -> (line: Int, column: Int) {
    index(column).map { csv.location(ofField: $0) } ?? csv.locationOfRecordEnd()
  }

  /// Records a problem at the start of `column`'s field.
  mutating func report(
    _ column: some ColumnReference, _ problem: ValueProblem, as category: InputError.Category = .badValue
  ) {
    let place = place(of: column)
    problems.append(
      RowProblem(
        category: category, line: place.line, column: place.column, problem: .value(column: column.name, problem)))
  }

  private mutating func missing(_ column: some ColumnReference, expected: ValueForm) {
    // A cell that holds an Excel error is said as that, once, by the table.
    if let workbook = table.workbook, let index = column.index(in: table),
      workbook.isProblemCell(row: line, column: index + 1)
    {
      return
    }
    report(column, .missing(expected: expected), as: .missingValue)
  }

  private mutating func parse<Value>(
    _ column: some ColumnReference, required: Bool, expected: @autoclosure () -> ValueForm,
    _ parser: (UnsafeBufferPointer<UInt8>) -> Value?
  ) -> Value? {
    // A column missing from the header, or a short row, is reported once already; a profile may give
    // a column the file does not have its value.
    guard let index = index(column) else {
      guard column.index(in: table) == nil, let value = table.dialect.defaultValue(of: column.name) else { return nil }
      return Array(value.utf8).withUnsafeBufferPointer(parser)
    }
    let outcome: Value?? = csv.withField(index) { bytes in
      bytes.isEmpty ? .some(nil) : parser(bytes).map { .some($0) } ?? nil
    }
    switch outcome {
    case .some(.some(let value)):
      return value
    case .some(.none):
      if required { missing(column, expected: expected()) }
      return nil
    case .none:
      report(column, .invalid(value: csv.string(index), expected: expected()))
      return nil
    }
  }
}
