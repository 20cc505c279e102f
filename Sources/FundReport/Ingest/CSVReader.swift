#if canImport(Glibc)
  import Glibc
#endif

/// A streaming, byte-level reader of RFC 4180 CSV as German ERPs write it
/// (inputs.md, "CSV dialects that must be read without configuration").
///
/// The reader never holds more than the record it is on (plus one read
/// chunk): records are handed to the caller as spans into its buffer, and
/// values are parsed from the bytes, so a row the caller skips costs no
/// string at all.
///
/// Structural defects (a stray quote, an unclosed quote, more fields than the
/// header, bytes invalid in the file's encoding) are reported through
/// `onStructuralError` with the physical line and the character column where
/// they are detected; the reader then resumes at the next physical line.
final class CSVReader {
  struct FieldSpan {
    /// Buffer index of the field's first byte (its opening quote, if any).
    var start: Int
    /// Buffer index just past the field's last byte (its closing quote, if any).
    var end: Int
    var quoting: Quoting
    /// Whether the quoted content holds a doubled quote `""`.
    var hasEscapedQuote: Bool
  }

  enum Quoting: UInt8 { case none, quoted, excel }

  struct StructuralError: Error {
    var category: InputError.Category
    var line: Int
    var column: Int
    var problem: InputProblem
  }

  /// Records longer than this are reported (as an unclosed quote) instead of
  /// buffered, so that memory stays bounded whatever the file holds.
  static let maximumRecordLength = 64 << 20

  let file: ReadOnlyFile
  let encoding: TextEncoding
  private(set) var delimiter: UInt8 = UInt8(ascii: ";") {
    didSet { setStopBytes() }
  }
  /// Number of fields of the header; a longer record is a structural error.
  var expectedFieldCount = Int.max
  /// For a sheet's copy (``WorkbookCopy``): a place's column is the field's number (its cell's
  /// column), and a carriage return inside a field is the cell's line break, given back as a line feed.
  var readsSheetCopy = false

  private var buffer: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private var count = 0
  private var bufferFileOffset = 0
  private var position = 0
  private var atEndOfFile = false
  private var line = 1
  private var lineStartsAfterBOM: Bool
  private var invalidOffsets: [Int] {
    didSet { invalidBytesAhead = invalidCursor < invalidOffsets.count }
  }
  private var invalidCursor = 0
  /// Whether an invalid byte lies ahead: the usual record needs no look at the list.
  private var invalidBytesAhead: Bool
  /// Validates each chunk as it is read, when the inspection did not.
  private var validator: UTF8Validator?
  private var validatorOffsetsTaken = 0
  private let isUTF8Assumed: Bool
  /// Set when a file assumed to be UTF-8 turns out not to be: reading stops,
  /// and the caller reads the file again as Windows-1252.
  private(set) var encodingMismatch = false
  /// What the reader's own check found of UTF-8 (a file read again as Windows-1252).
  var utf8Evidence: UTF8Evidence? { validator?.utf8Evidence }

  private(set) var recordLine = 1
  private var recordStart = 0

  /// Reading stops before the first record that starts at or after this offset.
  var stopOffset: Int?
  /// Where reading stopped because of `stopOffset`: the next record's offset.
  private(set) var stoppedAt: Int?

  /// The physical line the next record starts on.
  var currentLine: Int { line }

  /// The file offset of the current record's first byte.
  var recordOffset: Int { bufferFileOffset + recordStart }

  /// The file offset of the next byte to scan.
  var absolutePosition: Int { bufferFileOffset + position }

  /// - Parameter startOffset: where to start reading, at the start of a
  ///   record (for the second half of a ledger read by two threads).
  init(file: ReadOnlyFile, inspection: InputFileInspection, chunkSize: Int = 1 << 20, startOffset: Int = 0)
    throws(FileAccessError)
  {
    if startOffset > 0 { try file.seek(to: startOffset) }
    self.bufferFileOffset = startOffset
    self.file = file
    self.encoding = inspection.encoding
    self.capacity = chunkSize
    self.buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
    self.invalidOffsets = inspection.invalidByteOffsets
    self.invalidBytesAhead = !inspection.invalidByteOffsets.isEmpty
    self.lineStartsAfterBOM = inspection.hasByteOrderMark && startOffset == 0
    switch (inspection.validatesWhileReading, inspection.encoding) {
    case (true, .utf8): self.validator = UTF8Validator(mode: .utf8)
    case (true, .windows1252):
      self.validator = UTF8Validator(mode: inspection.countsUTF8Evidence ? .utf8AndWindows1252 : .windows1252)
    default: self.validator = nil  // validated already, or ISO-8859-15 (every byte is defined)
    }
    self.isUTF8Assumed = inspection.isUTF8Assumed
    self.stopBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    self.fieldStore = UnsafeMutablePointer<FieldSpan>.allocate(capacity: 32)
    setStopBytes()
  }

  deinit {
    buffer.deallocate()
    stopBytes.deallocate()
    fieldStore.deallocate()
  }

  // MARK: Reading records

  /// Advances to the next record; false at the end of the file.
  ///
  /// After `true`, ``fields`` and ``recordLine`` describe the record and the
  /// field accessors read it. Structural errors met on the way are passed to
  /// `onStructuralError`, and the offending record is skipped.
  ///
  /// Inlined into each record loop: a call per record cost a retain and a
  /// release of the loop's references (~10 % of the ledger scan's CPU time).
  @inline(__always)
  func nextRecord(onStructuralError: (StructuralError) -> Void) throws(FileAccessError) -> Bool {
    while true {
      if let stopOffset, !skippingToLineEnd, bufferFileOffset + position >= stopOffset {
        stoppedAt = bufferFileOffset + position
        return false
      }
      if position == 0 && bufferFileOffset == 0 && count == 0 && !atEndOfFile {
        try fill()
        if lineStartsAfterBOM && count >= 3 { position = 3 }
      }
      switch scanRecord() {
      case .record:
        if invalidBytesAhead, let error = invalidByteError() {
          onStructuralError(error)
          continue
        }
        return true
      case .empty:
        continue
      case .endOfFile:
        return false
      case .needMoreData:
        if count - position > Self.maximumRecordLength {
          recordStart = position
          recordLine = line
          onStructuralError(
            StructuralError(
              category: .unclosedQuote,
              line: line, column: 1,
              problem: .recordTooLong(mebibytes: Self.maximumRecordLength >> 20)))
          position = count
          skippingToLineEnd = true
        }
        try fill()
      case .error(let error, let resumeIndex):
        onStructuralError(error)
        skipLine(from: resumeIndex)
      }
    }
  }

  /// Decides the delimiter from the header line: the most frequent of `;`,
  /// `,` and tab outside quotes (ties go to `;`).
  func detectDelimiter(configured: UInt8?) throws(FileAccessError) {
    if let configured {
      delimiter = configured
      return
    }
    if count == 0 && !atEndOfFile {
      try fill()
      if lineStartsAfterBOM && count >= 3 { position = 3 }
    }
    var counts: [UInt8: Int] = [UInt8(ascii: ";"): 0, UInt8(ascii: ","): 0, 0x09: 0, UInt8(ascii: "|"): 0]
    var inQuotes = false
    var index = position
    // Empty lines before the line (the reader skips them): the delimiter is the next line's.
    while index < count && (buffer[index] == 0x0A || buffer[index] == 0x0D) { index += 1 }
    let lineStart = index
    while index < count {
      let byte = buffer[index]
      if byte == UInt8(ascii: "\"") {
        inQuotes.toggle()
      } else if !inQuotes && (byte == 0x0A || byte == 0x0D) {
        if index > lineStart { break }
      } else if !inQuotes, let current = counts[byte] {
        counts[byte] = current + 1
      }
      index += 1
    }
    let semicolon = counts[UInt8(ascii: ";")] ?? 0
    let comma = counts[UInt8(ascii: ",")] ?? 0
    let tab = counts[0x09] ?? 0
    let bar = counts[UInt8(ascii: "|")] ?? 0
    if comma > semicolon && comma >= tab && comma >= bar {
      delimiter = UInt8(ascii: ",")
    } else if tab > semicolon && tab > comma && tab >= bar {
      delimiter = 0x09
    } else if bar > semicolon && bar > comma && bar > tab {
      // SAP's list format: `|Belegnummer|Buchungsdatum|…|`.
      delimiter = UInt8(ascii: "|")
    } else {
      delimiter = UInt8(ascii: ";")
    }
  }

  private enum ScanResult {
    case record, empty, endOfFile, needMoreData
    case error(StructuralError, resumeIndex: Int)
  }

  private static let quote = UInt8(ascii: "\"")
  private static let lineFeed: UInt8 = 0x0A
  private static let carriageReturn: UInt8 = 0x0D

  private func scanRecord() -> ScanResult {
    // The hot loop works on locals only: no exclusivity checks, no
    // reference counting, one table lookup per byte of an unquoted field.
    let bytes = buffer
    let count = self.count
    let atEnd = atEndOfFile
    let start = position
    guard start < count else { return atEnd ? .endOfFile : .needMoreData }
    // Empty lines are skipped.
    if bytes[start] == Self.lineFeed {
      position = start + 1
      line += 1
      return .empty
    }
    if bytes[start] == Self.carriageReturn {
      guard start + 1 < count else { return atEnd ? endOfLastRecord(start) : .needMoreData }
      if bytes[start + 1] == Self.lineFeed {
        position = start + 2
        line += 1
        return .empty
      }
    }
    fieldCount = 0
    recordStart = start
    recordLine = line
    let delimiter = self.delimiter
    let stops = stopBytes
    let expected = expectedFieldCount
    if let (end, fields, newlines) = Self.wellFormedRecord(
      bytes, from: start, count: count, delimiter: delimiter, expected: min(expected, fieldCapacity),
      into: fieldStore)
    {
      fieldCount = fields
      position = end
      line += newlines + 1
      return .record
    }
    var newlinesInside = 0
    var index = start
    while true {
      // One field starting at `index`.
      let fieldStart = index
      var quoting = Quoting.none
      var escaped = false
      var contentStart = index
      if index < count && bytes[index] == Self.quote {
        quoting = .quoted
        contentStart = index + 1
      } else if index + 1 < count && bytes[index] == UInt8(ascii: "=") && bytes[index + 1] == Self.quote {
        quoting = .excel
        contentStart = index + 2
      } else if index + 1 >= count && !atEnd {
        return .needMoreData
      }
      if quoting != .none {
        var cursor = contentStart
        var closed = false
        let newlinesBefore = newlinesInside
        while cursor < count {
          let byte = bytes[cursor]
          if byte == Self.quote {
            if cursor + 1 >= count && !atEnd { return .needMoreData }
            if cursor + 1 < count && bytes[cursor + 1] == Self.quote && quoting == .quoted {
              escaped = true
              cursor += 2
              continue
            }
            closed = true
            break
          }
          if byte == Self.lineFeed { newlinesInside += 1 }
          cursor += 1
        }
        if !closed {
          if atEnd || cursor - start > Self.maximumRecordLength {
            let place = location(of: fieldStart)
            let problem: InputProblem =
              atEnd ? .unclosedQuoteNeverEnds : .unclosedQuoteTooLong(mebibytes: Self.maximumRecordLength >> 20)
            return .error(
              StructuralError(category: .unclosedQuote, line: place.line, column: place.column, problem: problem),
              resumeIndex: fieldStart)
          }
          return .needMoreData
        }
        index = cursor + 1
        // After the closing quote: a delimiter or the end of the line.
        if index < count {
          let next = bytes[index]
          if next != delimiter && next != Self.lineFeed && next != Self.carriageReturn {
            let place = location(of: cursor)
            if newlinesInside > newlinesBefore {
              // The quote that "closes" the field lies lines further down:
              // the real defect is the quote that opened it.
              let opening = location(of: fieldStart)
              return .error(
                StructuralError(
                  category: .unclosedQuote,
                  line: opening.line, column: opening.column,
                  // Lines relative to here: a reader that starts mid-file
                  // learns the absolute lines only when it is done.
                  problem: .unclosedQuoteRunsOn(lines: place.line - opening.line)),
                resumeIndex: fieldStart)
            }
            return .error(
              StructuralError(
                category: .strayQuote,
                line: place.line, column: place.column,
                problem: .strayQuoteAfterField),
              resumeIndex: cursor)
          }
        }
      } else {
        index = Self.plainFieldEnd(bytes, from: index, count: count, delimiter: delimiter, stops: stops)
        if index < count && bytes[index] == Self.quote {
          let place = location(of: index)
          return .error(
            StructuralError(
              category: .strayQuote,
              line: place.line, column: place.column,
              problem: .strayQuoteInField),
            resumeIndex: index)
        }
        if index >= count && !atEnd { return .needMoreData }
      }
      // `index` is at the delimiter, the line end, or the end of the data.
      var end = index
      if quoting == .none && end > fieldStart && bytes[end - 1] == Self.carriageReturn
        && (end >= count || bytes[end] == Self.lineFeed)
      {
        end -= 1
      }
      if fieldCount == expected {
        // This field is one too many: report the delimiter that opened it.
        let place = location(of: fieldStart - 1)
        return .error(
          StructuralError(
            category: .tooManyFields,
            line: place.line, column: place.column,
            problem: .tooManyFields(header: expected)),
          resumeIndex: fieldStart - 1)
      }
      if fieldCount == fieldCapacity { growFieldStore() }
      fieldStore[fieldCount] = FieldSpan(start: fieldStart, end: end, quoting: quoting, hasEscapedQuote: escaped)
      fieldCount += 1
      if index < count && bytes[index] == delimiter {
        index += 1
        if index >= count && !atEnd { return .needMoreData }
        continue
      }
      // End of record.
      if index < count && bytes[index] == Self.carriageReturn {
        if index + 1 >= count && !atEnd { return .needMoreData }
        index += 1
      }
      if index < count && bytes[index] == Self.lineFeed {
        index += 1
        line += newlinesInside + 1
      } else {
        line += newlinesInside
      }
      position = index
      return .record
    }
  }

  /// The fast path for the usual record: complete in the buffer, no defect,
  /// quoted fields only where a field starts. Sixteen bytes are classified
  /// at a time (``SpecialBytes``) and the delimiters and line feed among them
  /// taken bit by bit; a quoted field is skipped with `memchr`. Anything else
  /// (an Excel cell, a stray quote, too many fields, the end of the buffer)
  /// returns nil, and the general scan reads the record and reports what is
  /// wrong.
  ///
  /// - Returns: the index after the record's line end, its number of fields
  ///   and of line feeds inside quoted fields.
  @inline(__always)
  private static func wellFormedRecord(
    _ bytes: UnsafeMutablePointer<UInt8>, from start: Int, count: Int, delimiter: UInt8, expected: Int,
    into store: UnsafeMutablePointer<FieldSpan>
  ) -> (end: Int, fields: Int, newlines: Int)? {
    let special = SpecialBytes(delimiter: delimiter)
    let raw = UnsafeRawPointer(bytes)
    var fields = 0
    var newlines = 0
    var fieldStart = start
    var index = start
    blocks: while index &+ SpecialBytes.width <= count {
      var found = special.mask(at: raw + index)
      while found != 0 {
        let at = index &+ found.trailingZeroBitCount
        found &= found &- 1
        let byte = bytes[at]
        if byte == delimiter {
          guard fields < expected else { return nil }
          store[fields] = FieldSpan(start: fieldStart, end: at, quoting: .none, hasEscapedQuote: false)
          fields &+= 1
          fieldStart = at &+ 1
          continue
        }
        if byte == Self.lineFeed {
          guard fields < expected else { return nil }
          var end = at
          if end > fieldStart && bytes[end &- 1] == Self.carriageReturn { end &-= 1 }
          store[fields] = FieldSpan(start: fieldStart, end: end, quoting: .none, hasEscapedQuote: false)
          return (at &+ 1, fields &+ 1, newlines)
        }
        // A quote: it must open the field.
        guard at == fieldStart, fields < expected else { return nil }
        var cursor = at &+ 1
        var escaped = false
        while true {
          guard cursor < count, let found = memchr(bytes + cursor, Int32(Self.quote), count &- cursor) else {
            return nil
          }
          let quoteIndex = UnsafeRawPointer(found) - raw
          guard quoteIndex &+ 1 < count else { return nil }
          if bytes[quoteIndex &+ 1] == Self.quote {
            escaped = true
            cursor = quoteIndex &+ 2
            continue
          }
          cursor = quoteIndex
          break
        }
        var scan = at &+ 1
        while scan < cursor, let found = memchr(bytes + scan, Int32(Self.lineFeed), cursor &- scan) {
          newlines &+= 1
          scan = (UnsafeRawPointer(found) - raw) &+ 1
        }
        store[fields] = FieldSpan(start: at, end: cursor &+ 1, quoting: .quoted, hasEscapedQuote: escaped)
        fields &+= 1
        let next = bytes[cursor &+ 1]
        if next == delimiter {
          fieldStart = cursor &+ 2
          index = fieldStart
          continue blocks
        }
        var lineEnd = cursor &+ 1
        if next == Self.carriageReturn { lineEnd &+= 1 }
        guard lineEnd < count, bytes[lineEnd] == Self.lineFeed else { return nil }
        return (lineEnd &+ 1, fields, newlines)
      }
      index &+= SpecialBytes.width
    }
    return nil
  }

  /// The index of the first delimiter, line feed or quote at or after
  /// `start`, or `count`. Sixteen bytes are tested at a time
  /// (``SpecialBytes``), so a field costs one step instead of a step per byte.
  @inline(__always)
  private static func plainFieldEnd(
    _ bytes: UnsafeMutablePointer<UInt8>, from start: Int, count: Int, delimiter: UInt8,
    stops: UnsafeMutablePointer<UInt8>
  ) -> Int {
    let special = SpecialBytes(delimiter: delimiter)
    var index = start
    let raw = UnsafeRawPointer(bytes)
    while index &+ SpecialBytes.width <= count {
      let found = special.mask(at: raw + index)
      if found != 0 { return index &+ found.trailingZeroBitCount }
      index &+= SpecialBytes.width
    }
    while index < count && stops[Int(bytes[index])] == 0 { index += 1 }
    return index
  }

  /// Bytes that end an unquoted field's scan: the delimiter, LF and the quote.
  private var stopBytes: UnsafeMutablePointer<UInt8>
  private var fieldStore: UnsafeMutablePointer<FieldSpan>
  private var fieldCapacity = 32
  private var fieldCount = 0

  /// The fields of the current record.
  var fields: UnsafeBufferPointer<FieldSpan> { UnsafeBufferPointer(start: fieldStore, count: fieldCount) }

  /// The bytes of the current record's field `index` exactly as they stand
  /// in the file, when the field is not quoted (nil when it is): for a
  /// caller that tests the usual forms of a value before it reads the value
  /// through ``withField(_:_:)``.
  @inline(__always)
  func plainField(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
    let span = fieldStore[index]
    guard span.quoting == .none else { return nil }
    return UnsafeBufferPointer(start: buffer + span.start, count: span.end &- span.start)
  }

  private func growFieldStore() {
    let grown = UnsafeMutablePointer<FieldSpan>.allocate(capacity: fieldCapacity * 2)
    grown.moveInitialize(from: fieldStore, count: fieldCount)
    fieldStore.deallocate()
    fieldStore = grown
    fieldCapacity *= 2
  }

  private func setStopBytes() {
    stopBytes.update(repeating: 0, count: 256)
    stopBytes[Int(delimiter)] = 1
    stopBytes[Int(Self.lineFeed)] = 1
    stopBytes[Int(Self.quote)] = 1
  }

  private func endOfLastRecord(_ start: Int) -> ScanResult {
    // A lone CR as the last byte of the file: nothing but a line end.
    position = start + 1
    return .empty
  }

  /// Skips to the physical line after the one holding `index`, which lies in
  /// the current record.
  private func skipLine(from index: Int) {
    let place = location(of: index)
    var cursor = index
    while cursor < count && buffer[cursor] != Self.lineFeed { cursor += 1 }
    if cursor < count {
      position = cursor + 1
      line = place.line + 1
    } else {
      // The rest of the buffer is one line; drop it and go on reading.
      position = count
      line = place.line
      skippingToLineEnd = true
    }
  }

  private var skippingToLineEnd = false

  /// A structural error for the first invalid byte inside the current record.
  private func invalidByteError() -> StructuralError? {
    defer { invalidBytesAhead = invalidCursor < invalidOffsets.count }
    let recordEndOffset = bufferFileOffset + position
    while invalidCursor < invalidOffsets.count && invalidOffsets[invalidCursor] < bufferFileOffset + recordStart {
      invalidCursor += 1
    }
    guard invalidCursor < invalidOffsets.count, invalidOffsets[invalidCursor] < recordEndOffset else {
      return nil
    }
    let index = invalidOffsets[invalidCursor] - bufferFileOffset
    while invalidCursor < invalidOffsets.count && invalidOffsets[invalidCursor] < recordEndOffset {
      invalidCursor += 1
    }
    let place = location(of: index)
    return StructuralError(
      category: .invalidByte, line: place.line, column: place.column,
      problem: .invalidByte(buffer[index], encoding: encoding))
  }

  // MARK: Buffer

  private func fill() throws(FileAccessError) {
    // Keep the unfinished record, which starts at `position`; drop what lies before it.
    let keepFrom = position
    if keepFrom > 0 {
      let kept = count - keepFrom
      buffer.update(from: buffer + keepFrom, count: kept)
      count = kept
      position -= keepFrom
      recordStart = max(0, recordStart - keepFrom)
      bufferFileOffset += keepFrom
    }
    if count == capacity {
      let newCapacity = capacity * 2
      let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
      grown.update(from: buffer, count: count)
      buffer.deallocate()
      buffer = grown
      capacity = newCapacity
    }
    let read = try file.read(into: buffer + count, count: capacity - count)
    if read == 0 { atEndOfFile = true }
    if validator != nil { validate(UnsafeRawBufferPointer(start: buffer + count, count: read)) }
    count += read
    if encodingMismatch {
      // Nothing more is read: the caller starts again with Windows-1252.
      atEndOfFile = true
      position = count
      skippingToLineEnd = false
      return
    }
    if skippingToLineEnd {
      var cursor = position
      while cursor < count && buffer[cursor] != Self.lineFeed { cursor += 1 }
      if cursor < count {
        position = cursor + 1
        line += 1
        skippingToLineEnd = false
      } else {
        position = count
        if atEndOfFile { skippingToLineEnd = false }
      }
    }
  }

  /// Validates bytes just read (at `bufferFileOffset + count`) and takes
  /// the new error offsets, before any record that holds them is scanned.
  private func validate(_ chunk: UnsafeRawBufferPointer) {
    // Mutated in place: a copy would copy its lists of offsets on every chunk.
    validator?.consume(chunk, at: bufferFileOffset + count)
    if atEndOfFile { validator?.finish() }
    guard let offsets = validator?.errorOffsets(in: encoding) else { return }
    if offsets.count > validatorOffsetsTaken {
      if isUTF8Assumed {
        encodingMismatch = true
      } else {
        invalidOffsets += offsets[validatorOffsetsTaken...]
        validatorOffsetsTaken = offsets.count
      }
    }
  }

  // MARK: Places

  /// The physical line and 1-based character column of buffer index
  /// `index`, which lies in the current record: lines are counted from the
  /// record's first line, columns in characters of the file's encoding.
  func location(of index: Int) -> (line: Int, column: Int) {
    var lineNumber = recordLine
    var lineStart = recordStart
    var cursor = recordStart
    while cursor < index && cursor < count {
      if buffer[cursor] == Self.lineFeed {
        lineNumber += 1
        lineStart = cursor + 1
      }
      cursor += 1
    }
    var column = 1
    var scan = lineStart
    while scan < index && scan < count {
      if encoding != .utf8 || buffer[scan] & 0xC0 != 0x80 { column += 1 }
      scan += 1
    }
    return (lineNumber, column)
  }

  /// The places of every field of the current record, in one pass over it
  /// (a header of a million fields is placed in linear time).
  func fieldLocations() -> [(line: Int, column: Int)] {
    if readsSheetCopy { return fields.indices.map { (recordLine, $0 + 1) } }
    var places: [(line: Int, column: Int)] = []
    places.reserveCapacity(fields.count)
    var lineNumber = recordLine
    var column = 1
    var cursor = recordStart
    for field in fields {
      let target = min(field.start, count)
      while cursor < target {
        if buffer[cursor] == Self.lineFeed {
          lineNumber += 1
          column = 1
        } else if encoding != .utf8 || buffer[cursor] & 0xC0 != 0x80 {
          column += 1
        }
        cursor += 1
      }
      places.append((lineNumber, column))
    }
    return places
  }

  /// The buffer index of the first carriage return in the current record
  /// that no line feed follows (lone CR line ends), ignoring one that ends it.
  func firstLoneCarriageReturn() -> Int? {
    let end = min(fields.last?.end ?? recordStart, count)
    var cursor = recordStart
    while cursor < end {
      if buffer[cursor] == Self.carriageReturn && cursor + 1 < end && buffer[cursor + 1] != Self.lineFeed {
        return cursor
      }
      cursor += 1
    }
    return nil
  }

  /// The place of field `index` of the current record (where it starts).
  func location(ofField index: Int) -> (line: Int, column: Int) {
    if readsSheetCopy { return (recordLine, index + 1) }
    return location(of: fields[index].start)
  }

  /// The place just after the current record's last byte on its last line.
  func locationOfRecordEnd() -> (line: Int, column: Int) {
    if readsSheetCopy { return (recordLine, fields.count + 1) }
    var end = fields.last?.end ?? recordStart
    if end > count { end = count }
    return location(of: end)
  }

  // MARK: Field values

  /// Calls `body` with the field's content: quotes removed, `""` undoubled,
  /// and ASCII spaces and tabs trimmed at both ends.
  func withField<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows
    -> Result
  {
    let span = fields[index]
    var start = span.start
    var end = span.end
    switch span.quoting {
    case .none: break
    case .quoted:
      start += 1
      end -= 1
    case .excel:
      start += 2
      end -= 1
    }
    if span.hasEscapedQuote {
      var unescaped: [UInt8] = []
      unescaped.reserveCapacity(end - start)
      var cursor = start
      while cursor < end {
        unescaped.append(buffer[cursor])
        cursor += buffer[cursor] == Self.quote ? 2 : 1
      }
      return try unescaped.withUnsafeBufferPointer { try body(Self.trimmed($0)) }
    }
    return try body(Self.trimmed(UnsafeBufferPointer(start: buffer + start, count: end - start)))
  }

  /// The field's text, decoded and trimmed.
  func string(_ index: Int) -> String {
    let text = withField(index) { encoding.decode($0) }
    guard readsSheetCopy, text.utf8.contains(Self.carriageReturn) else { return text }
    return String(decoding: text.utf8.map { $0 == Self.carriageReturn ? Self.lineFeed : $0 }, as: UTF8.self)
  }

  static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0
    var end = bytes.count
    while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
    while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
  }
}
