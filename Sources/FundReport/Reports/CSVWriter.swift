/// Writes the CSV reports as outputs.md defines them ("CSV reports"): UTF-8
/// with BOM, `;`, CRLF after every record, line breaks and tabs in text
/// turned into spaces, formula-like free text defused with `'`, and quoting
/// only where a field needs it.
struct CSVWriter {
  private(set) var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
  private let columnCount: Int
  private let freeTextColumns: Set<Int>

  /// - Parameter freeText: the columns (by name) whose values may be written
  ///   by people and get the formula guard.
  init(header: [String], freeText: Set<String> = []) {
    columnCount = header.count
    freeTextColumns = Set(header.indices.filter { freeText.contains(header[$0]) })
    append(header, guardFormulas: false)
  }

  mutating func append(_ row: [String]) {
    precondition(row.count == columnCount, "CSV row has \(row.count) fields, header \(columnCount)")
    append(row, guardFormulas: true)
  }

  /// The encoded fields of columns `firstColumn`... joined by `;` (for rows
  /// that share parts; see ``appendBytes(_:)``).
  func encode(_ values: [String], firstColumn: Int = 0) -> String {
    values.enumerated().map { Self.field($0.element, isFreeText: freeTextColumns.contains(firstColumn + $0.offset)) }
      .joined(separator: ";")
  }

  /// Appends bytes of a record whose fields ``encode(_:firstColumn:)`` made;
  /// ``endRecord()`` ends it.
  mutating func appendBytes(_ encoded: [UInt8]) {
    bytes.append(contentsOf: encoded)
  }

  mutating func appendByte(_ byte: UInt8) {
    bytes.append(byte)
  }

  /// Appends a whole number's decimal digits.
  mutating func appendDecimal(_ value: Int) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    appendDecimal(UInt64(value.magnitude))
  }

  private mutating func appendDecimal(_ value: UInt64) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var start = 20
      var rest = value
      repeat {
        start -= 1
        digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
      } while rest > 0
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
    }
  }

  /// Appends the field of column `column` (quoted, defused as ``append(_:)`` would), without a separator.
  mutating func appendField(_ value: String, column: Int) {
    bytes.append(contentsOf: Self.field(value, isFreeText: freeTextColumns.contains(column)).utf8)
  }

  /// Appends `;` between two fields.
  mutating func appendSeparator() {
    bytes.append(UInt8(ascii: ";"))
  }

  /// Appends a date as `15.10.2026` (what ``CalendarDate/german`` says, without making a string).
  mutating func appendDate(_ date: CalendarDate) {
    func two(_ value: Int) {
      bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value / 10 % 10))
      bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10))
    }
    two(date.day)
    bytes.append(UInt8(ascii: "."))
    two(date.month)
    bytes.append(UInt8(ascii: "."))
    two(date.year / 100)
    two(date.year)
  }

  /// Appends an amount as `-1234,50` (what ``Money/csvValue`` says, without making a string).
  mutating func appendAmount(_ money: Money) {
    if money.cents < 0 { bytes.append(UInt8(ascii: "-")) }
    let magnitude = money.cents.magnitude
    appendDecimal(magnitude / 100)
    bytes.append(UInt8(ascii: ","))
    bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 100 / 10))
    bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10))
  }

  mutating func endRecord() {
    bytes.append(0x0D)
    bytes.append(0x0A)
  }

  mutating func reserveCapacity(_ additional: Int) {
    bytes.reserveCapacity(bytes.count + additional)
  }

  private mutating func append(_ row: [String], guardFormulas: Bool) {
    for (index, value) in row.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ";")) }
      bytes.append(contentsOf: Self.field(value, isFreeText: guardFormulas && freeTextColumns.contains(index)).utf8)
    }
    bytes.append(contentsOf: [0x0D, 0x0A])
  }

  static func field(_ value: String, isFreeText: Bool) -> String {
    // Fast path: most values need no change at all.
    var plain = true
    for byte in value.utf8 where byte == 0x0D || byte == 0x0A || byte == 0x09 || byte == 0x3B || byte == 0x22 {
      plain = false
      break
    }
    if plain, value.utf8.first != 0x20, value.utf8.last != 0x20,
      !(isFreeText && value.utf8.first.map { "=+-@".utf8.contains($0) } == true)
    {
      return value
    }
    // Byte by byte: CR, LF and TAB are ASCII and never part of a longer UTF-8 sequence.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(value.utf8.count + 8)
    var iterator = value.utf8.makeIterator()
    var pending = iterator.next()
    while let byte = pending {
      pending = iterator.next()
      switch byte {
      case 0x0D:
        if pending == 0x0A { pending = iterator.next() }
        bytes.append(0x20)
      case 0x0A, 0x09:
        bytes.append(0x20)
      default:
        bytes.append(byte)
      }
    }
    // The guard looks at what a spreadsheet sees: the text after line breaks
    // and tabs became spaces, from its first character that is not a space
    // (`"\r=1+1"` is ` =1+1`, which Excel still runs).
    if isFreeText, let first = bytes.first(where: { $0 != 0x20 }), "=+-@".utf8.contains(first) {
      bytes.insert(UInt8(ascii: "'"), at: 0)
    }
    guard bytes.contains(0x3B) || bytes.contains(0x22) || bytes.first == 0x20 || bytes.last == 0x20 else {
      return String(decoding: bytes, as: UTF8.self)
    }
    var quoted: [UInt8] = [0x22]
    quoted.reserveCapacity(bytes.count + 8)
    for byte in bytes {
      quoted.append(byte)
      if byte == 0x22 { quoted.append(0x22) }
    }
    quoted.append(0x22)
    return String(decoding: quoted, as: UTF8.self)
  }
}
