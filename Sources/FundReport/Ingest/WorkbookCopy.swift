import Crypto
import SystemPackage
import XMLSupport

/// One sheet of an Excel workbook (`.xlsx`, Office Open XML) as a private CSV copy that the readers
/// read like any UTF-8 file, so that every rule of inputs.md holds unchanged: header folding, mapping,
/// required columns, values. The sheet is streamed (ZIP entry inflated chunk by chunk, parsed by
/// libxml2's push parser): a sheet of a million rows takes bounded memory; only the shared strings are
/// held (compactly, as one byte string).
///
/// Line N of the copy is row N of the sheet (rows without a value are empty lines, which the reader
/// skips), field K its column K; a line break inside a cell is written as a carriage return, which no
/// reader counts as a line and which ``CSVReader`` gives back as a line feed. So every place a reader
/// names is the cell's (`Finanzplan!E7`). Numbers are written as the decimal text the sheet stores,
/// rounded to Excel's 15 significant digits; a number in a date format as `DD.MM.YYYY`, in a percent
/// format with `%`; booleans as `ja`/`nein`. A cell that holds no value (an Excel error such as
/// `#NV`, a number that is none) is written empty and listed in ``problems``.
final class WorkbookCopy: Sendable {
  /// The copy (`;`, UTF-8, LF).
  let path: String
  /// The SHA-256 of the workbook's bytes ("" when not asked for).
  let sha256: String
  /// The sheet the copy holds.
  let sheet: String
  /// Cells without a value, in sheet order (at most ``heldProblems``).
  let problems: [CellProblem]
  private let problemCells: Set<CellPlace>
  private let folder: String

  /// A cell's place: row and column, both from 1.
  struct CellPlace: Sendable, Hashable {
    var row: Int
    var column: Int
  }

  struct CellProblem: Sendable, Hashable {
    var place: CellPlace
    var kind: CellProblemKind
  }

  static let heldProblems = 10_000

  /// Why the workbook or its sheet cannot be read.
  enum Failure: Error, Sendable, Hashable {
    /// A ZIP archive without a workbook (another Office document, or any ZIP).
    case notWorkbook
    case zip(ZipReader.Failure)
    /// A part is no well-formed XML (or has a DOCTYPE).
    case xml(part: String, line: Int, message: String)
    /// The configured sheet is not in the workbook (or it has none).
    case noSheet(wanted: String?, available: [String])
    /// The copy could not be written.
    case write(Errno)
  }

  private init(
    path: String, sha256: String, sheet: String, problems: [CellProblem], folder: String
  ) {
    self.path = path
    self.sha256 = sha256
    self.sheet = sheet
    self.problems = problems
    problemCells = Set(problems.map(\.place))
    self.folder = folder
  }

  deinit { try? FileSystem.remove(folder) }

  /// Whether the cell at `row` and `column` holds no value (its problem is said once, by the table).
  func isProblemCell(row: Int, column: Int) -> Bool {
    !problemCells.isEmpty && problemCells.contains(CellPlace(row: row, column: column))
  }

  /// Converts the sheet `wanted` of the workbook `file` (nil: the sheet named like `fileStem`, else
  /// the first), writing numbers with `decimalSeparator`.
  static func make(
    of file: ReadOnlyFile, sheet wanted: String?, fileStem: String, decimalSeparator: UInt8, hashing: Bool
  ) throws(Failure) -> WorkbookCopy {
    let zip = try wrapped { () throws(ZipReader.Failure) in try ZipReader(file: file) }
    let package = try Package.read(zip)
    guard !package.sheets.isEmpty else { throw .noSheet(wanted: wanted, available: []) }
    let chosen: Package.Sheet
    if let wanted {
      guard
        let match = package.sheets.first(where: { $0.name == wanted })
          ?? package.sheets.first(where: { $0.name.lowercased() == wanted.lowercased() })
      else { throw .noSheet(wanted: wanted, available: package.sheets.map(\.name)) }
      chosen = match
    } else {
      let stem = HeaderName.fold(fileStem)
      chosen = package.sheets.first { HeaderName.fold($0.name) == stem } ?? package.sheets[0]
    }
    guard let entry = zip.entry(named: chosen.part) else { throw .zip(.damaged(entry: chosen.part)) }
    let strings = try package.sharedStrings(zip)

    let folder: String
    do {
      folder = try FileSystem.makeTemporaryDirectory(prefix: "fundreport-xlsx")
    } catch {
      throw .write(error.errno ?? .ioError)
    }
    let path = folder + "/copy.csv"
    do throws(Failure) {
      let descriptor: FileDescriptor
      do {
        descriptor = try FileSystem.createNew(path, permissions: [.ownerReadWrite])
      } catch {
        throw Failure.write(error.errno ?? .ioError)
      }
      defer { try? descriptor.close() }
      let converter = SheetConverter(
        strings: strings, styles: package.styles, date1904: package.date1904, decimalSeparator: decimalSeparator
      ) { bytes in
        do throws(FileSystemError) {
          try FileSystem.writeAll(descriptor, bytes, path: path)
          return nil
        } catch {
          return error.errno ?? .ioError
        }
      }
      try parse(entry, of: zip, with: converter)
      converter.flush()
      if let failed = converter.writeFailure { throw Failure.write(failed) }
      var sha256 = ""
      if hashing {
        var hasher = SHA256()
        do {
          try file.seek(to: 0)
          try file.readChunks { hasher.update(bufferPointer: $0) }
          try file.seek(to: 0)
        } catch {
          throw Failure.zip(.unreadable(error.errno))
        }
        sha256 = Delivery.hex(hasher.finalize())
      }
      return WorkbookCopy(
        path: path, sha256: sha256, sheet: chosen.name, problems: converter.problems, folder: folder)
    } catch {
      try? FileSystem.remove(folder)
      throw error
    }
  }

  private static func wrapped<T>(_ body: () throws(ZipReader.Failure) -> T) throws(Failure) -> T {
    do { return try body() } catch { throw .zip(error) }
  }

  /// Streams `entry` through `handler`.
  fileprivate static func parse(
    _ entry: ZipReader.Entry, of zip: ZipReader, with handler: some XMLStreamHandler
  ) throws(Failure) {
    let parser: XMLStreamParser
    do {
      parser = try XMLStreamParser(handler: handler, documentName: entry.name)
    } catch {
      throw xmlFailure(error, part: entry.name)
    }
    var failure: XMLValidationError?
    try wrapped { () throws(ZipReader.Failure) in
      try zip.read(entry) { chunk in
        do throws(XMLValidationError) {
          try parser.feed(chunk)
          return true
        } catch {
          failure = error
          return false
        }
      }
    }
    if let failure { throw xmlFailure(failure, part: entry.name) }
    do {
      try parser.finish()
    } catch {
      throw xmlFailure(error, part: entry.name)
    }
  }

  private static func xmlFailure(_ error: XMLValidationError, part: String) -> Failure {
    let issue = error.issues.first
    return .xml(part: part, line: issue?.line ?? 0, message: issue?.message ?? "not well-formed")
  }
}

/// What a cell holds instead of a value.
enum CellProblemKind: Sendable, Hashable {
  /// An Excel error value as the file stores it (`#N/A`, `#DIV/0!`, `#VALUE!`).
  case excelError(String)
  /// A numeric cell whose stored text is no number.
  case notANumber(String)
  /// A shared-string cell whose index is not in the table.
  case missingSharedString(Int)
}

extension WorkbookCopy {
  /// The workbook's structure: its sheets (by `workbook.xml` and its relationships, never by
  /// assuming `sheet1.xml`), the date system, the cell styles' number formats.
  fileprivate struct Package {
    struct Sheet {
      var name: String
      /// The sheet's part (`xl/worksheets/sheet1.xml`).
      var part: String
    }

    var sheets: [Sheet] = []
    var date1904 = false
    var styles: [CellStyle] = []
    var sharedStringsPart: String?

    static func read(_ zip: ZipReader) throws(Failure) -> Package {
      // The package's relationships name the workbook (`xl/workbook.xml` as Excel writes it).
      var workbookPart = "xl/workbook.xml"
      if let rels = try relationships(zip, part: "_rels/.rels", base: "") {
        if let target = rels.first(where: { $0.type.hasSuffix("/officeDocument") })?.target {
          workbookPart = target
        }
      }
      guard let workbookEntry = zip.entry(named: workbookPart) else { throw .notWorkbook }
      let workbook = WorkbookHandler()
      try WorkbookCopy.parse(workbookEntry, of: zip, with: workbook)
      let directory = workbookPart.split(separator: "/").dropLast().joined(separator: "/")
      let relsPart =
        (directory.isEmpty ? "" : directory + "/") + "_rels/"
        + (workbookPart.split(separator: "/").last.map(String.init) ?? "workbook.xml") + ".rels"
      let rels = try relationships(zip, part: relsPart, base: directory) ?? []
      var package = Package()
      package.date1904 = workbook.date1904
      for sheet in workbook.sheets {
        guard let target = rels.first(where: { $0.id == sheet.relationship })?.target else { continue }
        package.sheets.append(Sheet(name: sheet.name, part: target))
      }
      package.sharedStringsPart = rels.first { $0.type.hasSuffix("/sharedStrings") }?.target
      if let stylesPart = rels.first(where: { $0.type.hasSuffix("/styles") })?.target,
        let entry = zip.entry(named: stylesPart)
      {
        let styles = StylesHandler()
        try WorkbookCopy.parse(entry, of: zip, with: styles)
        package.styles = styles.cellStyles
      }
      return package
    }

    func sharedStrings(_ zip: ZipReader) throws(Failure) -> SharedStrings {
      guard let part = sharedStringsPart, let entry = zip.entry(named: part) else { return SharedStrings() }
      let handler = SharedStringsHandler()
      try WorkbookCopy.parse(entry, of: zip, with: handler)
      return handler.strings
    }

    struct Relationship {
      var id: String
      var type: String
      var target: String
    }

    /// A relationships part, its targets resolved against `base` (the folder of the part they belong to).
    static func relationships(_ zip: ZipReader, part: String, base: String) throws(Failure) -> [Relationship]? {
      guard let entry = zip.entry(named: part) else { return nil }
      let handler = RelationshipsHandler()
      try WorkbookCopy.parse(entry, of: zip, with: handler)
      return handler.relationships.map { relationship in
        var resolved = relationship
        resolved.target = resolve(relationship.target, base: base)
        return resolved
      }
    }

    /// `worksheets/sheet1.xml` against `xl` is `xl/worksheets/sheet1.xml`; `/xl/…` is absolute;
    /// `../` goes up.
    static func resolve(_ target: String, base: String) -> String {
      var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
      for piece in target.split(separator: "/") {
        if piece == ".." {
          if !parts.isEmpty { parts.removeLast() }
        } else if piece != "." {
          parts.append(piece)
        }
      }
      return parts.joined(separator: "/")
    }
  }
}

/// How a cell style shows a number.
enum CellStyle: Sendable {
  case number, date, percent
}

/// The shared strings of a workbook, as one byte string and where each ends.
struct SharedStrings {
  private var bytes: [UInt8] = []
  private var ends: [UInt32] = []

  var count: Int { ends.count }

  mutating func append(_ string: [UInt8]) -> Bool {
    guard bytes.count + string.count < Int(UInt32.max) else { return false }
    bytes += string
    ends.append(UInt32(bytes.count))
    return true
  }

  func withString<R>(_ index: Int, _ body: (ArraySlice<UInt8>) -> R) -> R? {
    guard index >= 0, index < ends.count else { return nil }
    let start = index == 0 ? 0 : Int(ends[index - 1])
    return body(bytes[start..<Int(ends[index])])
  }
}

private func attributeText(_ bytes: UnsafeBufferPointer<UInt8>?) -> String? {
  bytes.map { String(decoding: $0, as: UTF8.self) }
}

private final class RelationshipsHandler: XMLStreamHandler {
  var relationships: [WorkbookCopy.Package.Relationship] = []

  func start(_ tag: XMLStartTag) {
    guard tag.named("Relationship"), let id = attributeText(tag.attribute("Id")),
      let target = attributeText(tag.attribute("Target"))
    else { return }
    relationships.append(.init(id: id, type: attributeText(tag.attribute("Type")) ?? "", target: target))
  }

  func end(_ localName: UnsafeBufferPointer<UInt8>) {}
  func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

private final class WorkbookHandler: XMLStreamHandler {
  var sheets: [(name: String, relationship: String)] = []
  var date1904 = false

  func start(_ tag: XMLStartTag) {
    if tag.named("sheet"), let name = attributeText(tag.attribute("name")), let id = attributeText(tag.attribute("id"))
    {
      sheets.append((name, id))
    } else if tag.named("workbookPr"), let value = attributeText(tag.attribute("date1904")) {
      date1904 = value == "1" || value == "true"
    }
  }

  func end(_ localName: UnsafeBufferPointer<UInt8>) {}
  func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

private final class StylesHandler: XMLStreamHandler {
  private var formats: [Int: String] = [:]
  private var formatIDs: [Int] = []
  private var inCellFormats = false

  var cellStyles: [CellStyle] {
    formatIDs.map { id in
      if WorkbookText.isDateFormat(id: id, code: formats[id]) { return .date }
      if WorkbookText.isPercentFormat(id: id, code: formats[id]) { return .percent }
      return .number
    }
  }

  func start(_ tag: XMLStartTag) {
    if tag.named("numFmt"), let id = tag.attribute("numFmtId").flatMap(WorkbookText.integer) {
      formats[id] = attributeText(tag.attribute("formatCode"))
    } else if tag.named("cellXfs") {
      inCellFormats = true
    } else if inCellFormats && tag.named("xf") {
      formatIDs.append(tag.attribute("numFmtId").flatMap(WorkbookText.integer) ?? 0)
    }
  }

  func end(_ localName: UnsafeBufferPointer<UInt8>) {
    if localName.isName("cellXfs") { inCellFormats = false }
  }

  func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

/// Collects the text of `t` elements of a string item (`si`, `is`): plain or in rich-text runs
/// (`r`), never the phonetic guide (`rPh`).
private struct StringItem {
  var bytes: [UInt8] = []
  private var collecting = false
  private var phonetic = 0

  mutating func start(_ tag: XMLStartTag) {
    if tag.named("rPh") {
      phonetic += 1
    } else if tag.named("t") && phonetic == 0 {
      collecting = true
    }
  }

  mutating func end(_ localName: UnsafeBufferPointer<UInt8>) {
    if localName.isName("rPh") {
      phonetic -= 1
    } else if localName.isName("t") {
      collecting = false
    }
  }

  mutating func characters(_ text: UnsafeBufferPointer<UInt8>) {
    if collecting { bytes.append(contentsOf: text) }
  }

  mutating func take() -> [UInt8] {
    defer { bytes.removeAll(keepingCapacity: true) }
    return WorkbookText.unescaped(bytes)
  }
}

private final class SharedStringsHandler: XMLStreamHandler {
  var strings = SharedStrings()
  private var item = StringItem()
  private var inItem = false

  func start(_ tag: XMLStartTag) {
    if tag.named("si") {
      inItem = true
    } else if inItem {
      item.start(tag)
    }
  }

  func end(_ localName: UnsafeBufferPointer<UInt8>) {
    if localName.isName("si") {
      inItem = false
      _ = strings.append(item.take())
    } else if inItem {
      item.end(localName)
    }
  }

  func characters(_ text: UnsafeBufferPointer<UInt8>) {
    if inItem { item.characters(text) }
  }
}

/// The sheet's rows as CSV lines (see ``WorkbookCopy``).
private final class SheetConverter: XMLStreamHandler {
  private enum CellType {
    case number, sharedString, inlineString, formulaString, boolean, error, isoDate
  }

  private let strings: SharedStrings
  private let styles: [CellStyle]
  private let date1904: Bool
  private let separator: UInt8
  private let write: ([UInt8]) -> Errno?
  private(set) var writeFailure: Errno?
  private(set) var problems: [WorkbookCopy.CellProblem] = []

  private var out: [UInt8] = []
  private var lastRow = 0
  private var row = 0
  private var rowStart = 0
  private var delimiters = 0
  private var fields = 0
  private var width = 0
  private var rowHasValue = false

  private var column = 0
  private var type = CellType.number
  private var style = CellStyle.number
  private var value: [UInt8] = []
  private var inValue = false
  private var inInline = false
  private var item = StringItem()

  init(
    strings: SharedStrings, styles: [CellStyle], date1904: Bool, decimalSeparator: UInt8,
    write: @escaping ([UInt8]) -> Errno?
  ) {
    self.strings = strings
    self.styles = styles
    self.date1904 = date1904
    separator = decimalSeparator
    self.write = write
    out.reserveCapacity(1 << 20 + 4096)
  }

  func start(_ tag: XMLStartTag) {
    if inInline {
      item.start(tag)
      return
    }
    if tag.named("c") {
      let place = tag.attribute("r").flatMap(WorkbookText.cellReference)
      column = max(place?.column ?? fields + 1, fields + 1)
      type = Self.type(tag.attribute("t"))
      style =
        tag.attribute("s").flatMap(WorkbookText.integer).flatMap { $0 < styles.count ? styles[$0] : nil } ?? .number
      value.removeAll(keepingCapacity: true)
    } else if tag.named("v") {
      inValue = true
    } else if tag.named("is") {
      inInline = true
    } else if tag.named("row") {
      let number = tag.attribute("r").flatMap(WorkbookText.integer) ?? lastRow + 1
      row = max(number, lastRow + 1)
      if row > lastRow + 1 { out += [UInt8](repeating: 0x0A, count: row - lastRow - 1) }
      rowStart = out.count
      delimiters = 0
      fields = 0
      rowHasValue = false
    }
  }

  func end(_ localName: UnsafeBufferPointer<UInt8>) {
    if inInline {
      if localName.isName("is") {
        inInline = false
        value = item.take()
      } else {
        item.end(localName)
      }
      return
    }
    if localName.isName("v") {
      inValue = false
    } else if localName.isName("c") {
      endCell()
    } else if localName.isName("row") {
      endRow()
    }
  }

  func characters(_ text: UnsafeBufferPointer<UInt8>) {
    if inInline {
      item.characters(text)
    } else if inValue {
      value.append(contentsOf: text)
    }
  }

  private static func type(_ attribute: UnsafeBufferPointer<UInt8>?) -> CellType {
    guard let attribute else { return .number }
    if attribute.isName("s") { return .sharedString }
    if attribute.isName("inlineStr") { return .inlineString }
    if attribute.isName("str") { return .formulaString }
    if attribute.isName("b") { return .boolean }
    if attribute.isName("e") { return .error }
    if attribute.isName("d") { return .isoDate }
    return .number
  }

  private func problem(_ kind: CellProblemKind) {
    if problems.count < WorkbookCopy.heldProblems {
      problems.append(.init(place: .init(row: row, column: column), kind: kind))
    }
  }

  private func endCell() {
    // The delimiters up to this cell's field.
    while delimiters < column - 1 {
      out.append(UInt8(ascii: ";"))
      delimiters += 1
    }
    fields = column
    switch type {
    case .sharedString:
      let index = value.withUnsafeBufferPointer { WorkbookText.integer(CSVReader.trimmed($0)) }
      if let index, strings.withString(index, { appendText($0) }) != nil { break }
      problem(.missingSharedString(index ?? -1))
    case .inlineString, .formulaString:
      appendText(WorkbookText.unescaped(value)[...])
    case .boolean:
      appendText(Array((value.first == UInt8(ascii: "1") ? "ja" : "nein").utf8)[...])
    case .error:
      problem(.excelError(String(decoding: value, as: UTF8.self)))
    case .isoDate:
      appendText(value.prefix(10))
    case .number:
      appendNumber()
    }
  }

  private func appendNumber() {
    let trimmed = value.withUnsafeBufferPointer { CSVReader.trimmed($0) }
    guard !trimmed.isEmpty else { return }
    guard let number = WorkbookText.Number(trimmed) else {
      problem(.notANumber(String(decoding: trimmed, as: UTF8.self)))
      return
    }
    switch style {
    case .date:
      if let days = number.wholeDays, let date = WorkbookText.date(serial: days, date1904: date1904) {
        appendText(Array(date.german.utf8)[...])
        return
      }
      // Serial 60 is the 29.02.1900 that Excel shows but that never was: said as that.
      if !date1904, number.wholeDays == 60 {
        appendText(Array("29.02.1900".utf8)[...])
        return
      }
      appendText(number.rounded().text(decimalSeparator: separator)[...])
    case .percent:
      appendText((number.percent.rounded().text(decimalSeparator: separator) + [UInt8(ascii: "%")])[...])
    case .number:
      appendText(number.rounded().text(decimalSeparator: separator)[...])
    }
  }

  /// The field, quoted when it holds `;`, `"` or a line break, or starts with `=`; line breaks as CR.
  private func appendText(_ text: ArraySlice<UInt8>) {
    guard !text.isEmpty else { return }
    if !text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { rowHasValue = true }
    let needsQuotes =
      text.first == UInt8(ascii: "=")
      || text.contains { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
    guard needsQuotes else {
      out.append(contentsOf: text)
      return
    }
    out.append(UInt8(ascii: "\""))
    var previous: UInt8 = 0
    for byte in text {
      switch byte {
      case UInt8(ascii: "\""): out += [UInt8(ascii: "\""), UInt8(ascii: "\"")]
      case 0x0A where previous == 0x0D: break
      case 0x0A: out.append(0x0D)
      default: out.append(byte)
      }
      previous = byte
    }
    out.append(UInt8(ascii: "\""))
  }

  private func endRow() {
    if rowHasValue {
      width = max(width, fields)
      while delimiters < width - 1 {
        out.append(UInt8(ascii: ";"))
        delimiters += 1
      }
    } else {
      out.removeSubrange(rowStart...)
    }
    out.append(0x0A)
    lastRow = row
    if out.count >= 1 << 20 { flush() }
  }

  func flush() {
    guard writeFailure == nil, !out.isEmpty else { return }
    writeFailure = write(out)
    out.removeAll(keepingCapacity: true)
  }
}
