/// How a cell of an Excel sheet becomes the text of a field, as inputs.md reads it: numbers exactly
/// from the digits the sheet stores (never through a binary double), dates from their serial day.
enum WorkbookText {
  /// A cell's number, from the text a sheet stores (`1234.5`, `-0.30000000000000004`, `1.5E-3`):
  /// significand digits × 10^exponent.
  struct Number: Equatable {
    var negative: Bool
    /// Without leading zeros; empty for zero.
    var digits: [UInt8]
    var exponent: Int

    init?(_ text: UnsafeBufferPointer<UInt8>) {
      var index = 0
      func at(_ position: Int) -> UInt8? { position < text.count ? text[position] : nil }
      negative = at(0) == UInt8(ascii: "-")
      if at(0) == UInt8(ascii: "-") || at(0) == UInt8(ascii: "+") { index = 1 }
      digits = []
      exponent = 0
      var sawDigit = false
      var afterPoint = false
      while let byte = at(index) {
        if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
          sawDigit = true
          if !(digits.isEmpty && byte == UInt8(ascii: "0")) { digits.append(byte) }
          if afterPoint { exponent -= 1 }
          // Leading zeros after the point still move it.
          index += 1
        } else if byte == UInt8(ascii: ".") && !afterPoint {
          afterPoint = true
          index += 1
        } else {
          break
        }
      }
      guard sawDigit else { return nil }
      if let mark = at(index), mark == UInt8(ascii: "E") || mark == UInt8(ascii: "e") {
        index += 1
        var sign = 1
        if at(index) == UInt8(ascii: "-") || at(index) == UInt8(ascii: "+") {
          if at(index) == UInt8(ascii: "-") { sign = -1 }
          index += 1
        }
        var power = 0
        var sawPower = false
        while let byte = at(index), byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
          sawPower = true
          power = min(power * 10 + Int(byte - UInt8(ascii: "0")), 10_000)
          index += 1
        }
        guard sawPower else { return nil }
        exponent += sign * power
      }
      guard index == text.count else { return nil }
      // The digits after a zero significand's point mean nothing.
      if digits.isEmpty {
        exponent = 0
        negative = false
      }
      // A double has no more than 309 digits before its point, nor 330 after it.
      guard exponent + digits.count <= 310, exponent >= -400 else { return nil }
      trimTrailingZeros()
    }

    private mutating func trimTrailingZeros() {
      while let last = digits.last, last == UInt8(ascii: "0") {
        digits.removeLast()
        exponent += 1
      }
      if digits.isEmpty { exponent = 0 }
    }

    /// Rounded to `significant` digits, half away from zero: Excel shows and computes with 15, so the
    /// 16th and 17th digit of a stored double are the binary artefacts (`0.30000000000000004` is 0.3).
    func rounded(toSignificantDigits significant: Int = 15) -> Number {
      guard digits.count > significant else { return self }
      var result = self
      let roundUp = digits[significant] >= UInt8(ascii: "5")
      result.digits = Array(digits.prefix(significant))
      result.exponent = exponent + digits.count - significant
      if roundUp {
        var index = result.digits.count - 1
        while index >= 0 {
          if result.digits[index] == UInt8(ascii: "9") {
            result.digits[index] = UInt8(ascii: "0")
            index -= 1
          } else {
            result.digits[index] += 1
            break
          }
        }
        if index < 0 { result.digits.insert(UInt8(ascii: "1"), at: 0) }
      }
      result.trimTrailingZeros()
      return result
    }

    /// The number a hundred times larger (a cell in a percent format: 0.19 shows as 19 %).
    var percent: Number {
      var result = self
      if !digits.isEmpty { result.exponent += 2 }
      return result
    }

    /// The number as plain decimal text with `separator` and no grouping: `1234,5`, `-0,3`, `4711`.
    func text(decimalSeparator separator: UInt8) -> [UInt8] {
      guard !digits.isEmpty else { return [UInt8(ascii: "0")] }
      var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
      if exponent >= 0 {
        out += digits
        out += [UInt8](repeating: UInt8(ascii: "0"), count: exponent)
      } else {
        let whole = digits.count + exponent
        if whole > 0 {
          out += digits[0..<whole]
          out.append(separator)
          out += digits[whole...]
        } else {
          out.append(UInt8(ascii: "0"))
          out.append(separator)
          out += [UInt8](repeating: UInt8(ascii: "0"), count: -whole)
          out += digits
        }
      }
      return out
    }

    /// The whole days of a serial date (its time of day dropped); nil when negative or too large.
    var wholeDays: Int? {
      guard !negative else { return nil }
      guard !digits.isEmpty else { return 0 }
      let whole = digits.count + exponent
      guard whole <= 7 else { return nil }
      guard whole > 0 else { return 0 }
      var value = 0
      for index in 0..<whole {
        value = value * 10 + (index < digits.count ? Int(digits[index] - UInt8(ascii: "0")) : 0)
      }
      return value
    }
  }

  /// The date of serial day `serial`: in the 1904 system days since 01.01.1904; in the 1900 system
  /// 1 is 01.01.1900 and 60 the 29.02.1900 that Excel counts but that never was (nil: no date).
  static func date(serial: Int, date1904: Bool) -> CalendarDate? {
    if date1904 {
      return CalendarDate(year: 1904, month: 1, day: 1)?.adding(days: serial)
    }
    guard serial >= 1, serial != 60 else { return nil }
    let epoch = CalendarDate(year: 1899, month: 12, day: serial < 60 ? 31 : 30)
    return epoch?.adding(days: serial)
  }

  /// Whether a number format shows a date: the built-in formats 14–22, or a format code with a day or
  /// a year outside quotes, brackets and escapes (German Excel's `TT.MM.JJJJ` is stored as
  /// `dd.mm.yyyy`; `_x` and `*x` are a spacer and a fill).
  static func isDateFormat(id: Int, code: String?) -> Bool {
    if (14...22).contains(id) { return true }
    guard let code else { return false }
    var inQuotes = false
    var inBrackets = false
    var escaped = false
    // Only the first section (positive numbers) decides.
    for character in code.lowercased() {
      if escaped {
        escaped = false
        continue
      }
      switch character {
      case "\\", "_", "*": escaped = true
      case "\"": inQuotes.toggle()
      case "[" where !inQuotes: inBrackets = true
      case "]" where !inQuotes: inBrackets = false
      case ";" where !inQuotes && !inBrackets: return false
      case "d", "y": if !inQuotes && !inBrackets { return true }
      default: break
      }
    }
    return false
  }

  /// Whether a number format shows a percentage (built-in 9, 10, or a `%` outside quotes).
  static func isPercentFormat(id: Int, code: String?) -> Bool {
    if id == 9 || id == 10 { return true }
    guard let code else { return false }
    var inQuotes = false
    for character in code {
      if character == "\"" { inQuotes.toggle() }
      if character == "%" && !inQuotes { return true }
    }
    return false
  }

  /// Office's escapes in strings (`_x000D_` for a carriage return, `_x005F_` for `_`) replaced.
  static func unescaped(_ bytes: [UInt8]) -> [UInt8] {
    guard bytes.contains(UInt8(ascii: "_")) else { return bytes }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "_"), index + 6 < bytes.count, bytes[index + 1] == UInt8(ascii: "x"),
        bytes[index + 6] == UInt8(ascii: "_"), let scalar = hex(bytes[(index + 2)..<(index + 6)])
      {
        out += Array(String(Character(scalar)).utf8)
        index += 7
        continue
      }
      out.append(bytes[index])
      index += 1
    }
    return out
  }

  private static func hex(_ bytes: ArraySlice<UInt8>) -> Unicode.Scalar? {
    var value: UInt32 = 0
    for byte in bytes {
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: return nil
      }
      value = value << 4 | digit
    }
    return Unicode.Scalar(value)
  }

  /// `A` is column 1, `AB` 28; with the row of `AB12`. nil for no reference (or beyond XFD1048576).
  static func cellReference(_ bytes: UnsafeBufferPointer<UInt8>) -> (column: Int, row: Int)? {
    var column = 0
    var row = 0
    var index = 0
    while index < bytes.count, let letter = Optional(bytes[index] & 0xDF),
      letter >= UInt8(ascii: "A") && letter <= UInt8(ascii: "Z")
    {
      column = column * 26 + Int(letter - UInt8(ascii: "A") + 1)
      guard column <= 16_384 else { return nil }
      index += 1
    }
    guard column > 0, index < bytes.count else { return nil }
    while index < bytes.count, bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") {
      row = row * 10 + Int(bytes[index] - UInt8(ascii: "0"))
      guard row <= 1_048_576 else { return nil }
      index += 1
    }
    guard index == bytes.count, row > 0 else { return nil }
    return (column, row)
  }

  /// `E` for column 5, `AB` for 28.
  static func columnLetters(_ column: Int) -> String {
    var letters = ""
    var rest = max(column, 1)
    while rest > 0 {
      let digit = (rest - 1) % 26
      letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
      rest = (rest - 1) / 26
    }
    return letters
  }

  /// A cell as Excel names it in a formula: `Finanzplan!E7`, `'Plan 2026'!E7` (a name with other
  /// characters than letters, digits and `_` in single quotes, a quote in it doubled).
  static func cellName(sheet: String, column: Int, row: Int) -> String {
    let plain =
      !sheet.isEmpty
      && sheet.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
    let name =
      plain ? sheet : "'" + sheet.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    return name + "!" + columnLetters(column) + String(row)
  }

  /// An error value as German Excel shows it (the file stores the English name: `#N/A` is `#NV`).
  static func germanErrorName(_ code: String) -> String {
    switch code {
    case "#N/A": return "#NV"
    case "#VALUE!": return "#WERT!"
    case "#REF!": return "#BEZUG!"
    case "#NUM!": return "#ZAHL!"
    case "#SPILL!": return "#ÜBERLAUF!"
    case "#CALC!": return "#KALK!"
    case "#GETTING_DATA": return "#DATEN_ABRUFEN"
    default: return code
    }
  }

  /// A whole number from ASCII digits (an attribute's `s`, `r` or a shared string's index).
  static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
    var value = 0
    for byte in bytes {
      guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }
}
