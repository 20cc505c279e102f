/// Parsers for the value types of inputs.md ("Columns"), working on a
/// field's trimmed bytes so that no string is built for a row that is only
/// checked. Each returns nil for a value that is not of its type; none guesses.
enum ValueParser {
  /// The largest accepted integer part of an amount: 13 digits (under ten
  /// trillion euros), which keeps every sum of a ledger inside `Int64` cents.
  static let maximumAmountDigits = 13

  /// An amount in cents: `1.234,56`, `1234,56`, `-1.234,56`, `1.234,56-`,
  /// `12,5`, `1234`, `1.234`, with an optional `EUR` or `€` suffix (with or
  /// without a space, not together with a trailing minus). With `.` as the
  /// decimal separator the roles of `.` and `,` swap.
  static func amount(_ bytes: UnsafeBufferPointer<UInt8>, decimalSeparator: UInt8, encoding: TextEncoding)
    -> Int64?
  {
    var end = bytes.count
    guard end > 0 else { return nil }
    var hasSuffix = false
    // Most amounts end in a digit: only then look for a currency suffix.
    let last = bytes[end - 1]
    if last < 0x30 || last > 0x39 {
      if end >= 3 && bytes[end - 3] == UInt8(ascii: "E") && bytes[end - 2] == UInt8(ascii: "U")
        && last == UInt8(ascii: "R")
      {
        end -= 3
        hasSuffix = true
      } else if let euro = euroSign(encoding), end >= euro.count,
        zip(bytes[(end - euro.count)..<end], euro).allSatisfy({ $0 == $1 })
      {
        end -= euro.count
        hasSuffix = true
      }
    }
    if hasSuffix && end > 0 && bytes[end - 1] == 0x20 { end -= 1 }
    var start = 0
    var negative = false
    if start < end && bytes[start] == UInt8(ascii: "-") {
      negative = true
      start += 1
    } else if !hasSuffix && end > start && bytes[end - 1] == UInt8(ascii: "-") {
      negative = true
      end -= 1
    }
    guard start < end else { return nil }
    let groupSeparator: UInt8 = decimalSeparator == UInt8(ascii: ",") ? UInt8(ascii: ".") : UInt8(ascii: ",")
    // Integer part, with or without grouping.
    var euros: Int64 = 0
    var digits = 0
    var digitsInGroup = 0
    var grouped = false
    var index = start
    while index < end {
      let byte = bytes[index]
      if byte >= 0x30 && byte <= 0x39 {
        euros = euros * 10 + Int64(byte - 0x30)
        digits += 1
        digitsInGroup += 1
        guard digits <= maximumAmountDigits else { return nil }
      } else if byte == groupSeparator {
        // The first group has 1 to 3 digits, every later one exactly 3.
        guard digitsInGroup >= 1, digitsInGroup <= 3, !grouped || digitsInGroup == 3 else { return nil }
        grouped = true
        digitsInGroup = 0
      } else {
        break
      }
      index += 1
    }
    guard digits > 0, !grouped || digitsInGroup == 3 else { return nil }
    var cents: Int64 = 0
    if index < end {
      guard bytes[index] == decimalSeparator else { return nil }
      let fractionDigits = end - index - 1
      guard fractionDigits == 1 || fractionDigits == 2 else { return nil }
      for offset in 1...fractionDigits {
        let byte = bytes[index + offset]
        guard byte >= 0x30 && byte <= 0x39 else { return nil }
        cents = cents * 10 + Int64(byte - 0x30)
      }
      if fractionDigits == 1 { cents *= 10 }
    }
    let total = euros * 100 + cents
    return negative ? -total : total
  }

  private static let euroUTF8: [UInt8] = [0xE2, 0x82, 0xAC]

  private static func euroSign(_ encoding: TextEncoding) -> [UInt8]? {
    switch encoding {
    case .utf8: return euroUTF8
    case .windows1252: return [0x80]
    case .iso885915: return [0xA4]
    }
  }

  /// A date `DD.MM.YYYY`, `YYYY-MM-DD` or `YYYYMMDD`; impossible dates are nil.
  static func date(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
    func number(_ from: Int, _ length: Int) -> Int? {
      var value = 0
      for index in from..<(from + length) {
        let byte = bytes[index]
        guard byte >= 0x30 && byte <= 0x39 else { return nil }
        value = value * 10 + Int(byte - 0x30)
      }
      return value
    }
    switch bytes.count {
    case 10 where bytes[2] == UInt8(ascii: ".") && bytes[5] == UInt8(ascii: "."):
      guard let day = number(0, 2), let month = number(3, 2), let year = number(6, 4) else { return nil }
      return CalendarDate(year: year, month: month, day: day)
    case 10 where bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-"):
      guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2) else { return nil }
      return CalendarDate(year: year, month: month, day: day)
    case 8:
      guard let year = number(0, 4), let month = number(4, 2), let day = number(6, 2) else { return nil }
      return CalendarDate(year: year, month: month, day: day)
    default:
      return nil
    }
  }

  /// Whether `bytes` are a valid `DD.MM.YYYY` that needs no leap-year rule
  /// (every date but the 29th of February); false says nothing. The fast
  /// check of an out-of-scope row, which is only checked, millions of times.
  @inline(__always)
  static func isUsualDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard bytes.count == 10 && bytes[2] == UInt8(ascii: ".") && bytes[5] == UInt8(ascii: ".") else {
      return false
    }
    let d0 = bytes[0] &- 0x30
    let d1 = bytes[1] &- 0x30
    let m0 = bytes[3] &- 0x30
    let m1 = bytes[4] &- 0x30
    let y0 = bytes[6] &- 0x30
    let y1 = bytes[7] &- 0x30
    let y2 = bytes[8] &- 0x30
    let y3 = bytes[9] &- 0x30
    guard d0 < 10 && d1 < 10 && m0 < 10 && m1 < 10 && y0 < 10 && y1 < 10 && y2 < 10 && y3 < 10,
      (y0 | y1 | y2 | y3) != 0
    else { return false }
    let day = d0 &* 10 &+ d1
    let month = m0 &* 10 &+ m1
    guard day >= 1 && month >= 1 && month <= 12 else { return false }
    if day <= 28 { return true }
    if month == 2 { return false }  // the 29th: the year decides
    if day <= 30 { return true }
    // The 31st: January, March, May, July, August, October, December.
    return day == 31 && (0b1_0101_1010_1010 as UInt16) >> UInt16(month) & 1 == 1
  }

  /// Whether `bytes` are an amount of the usual form: an optional `-`, one
  /// to ``maximumAmountDigits`` digits, the separator and two digits; false
  /// says nothing.
  @inline(__always)
  static func isUsualAmount(_ bytes: UnsafeBufferPointer<UInt8>, decimalSeparator: UInt8) -> Bool {
    let count = bytes.count
    guard count >= 4 && bytes[count &- 3] == decimalSeparator else { return false }
    var index = bytes[0] == UInt8(ascii: "-") ? 1 : 0
    let integerDigits = count &- 3 &- index
    guard integerDigits >= 1 && integerDigits <= maximumAmountDigits,
      bytes[count &- 2] &- 0x30 < 10 && bytes[count &- 1] &- 0x30 < 10
    else { return false }
    while index < count &- 3 {
      guard bytes[index] &- 0x30 < 10 else { return false }
      index &+= 1
    }
    return true
  }

  /// A number with at most `fractionDigits` decimals, no grouping, an
  /// optional leading `-`, scaled by 10^`fractionDigits`; with `allowPercentSign`
  /// an optional `%` suffix (with or without a space).
  static func fixedPoint(
    _ bytes: UnsafeBufferPointer<UInt8>, decimalSeparator: UInt8, fractionDigits: Int, allowPercentSign: Bool
  ) -> Int64? {
    var end = bytes.count
    if allowPercentSign && end > 0 && bytes[end - 1] == UInt8(ascii: "%") {
      end -= 1
      if end > 0 && bytes[end - 1] == 0x20 { end -= 1 }
    }
    var index = 0
    var negative = false
    if index < end && bytes[index] == UInt8(ascii: "-") {
      negative = true
      index += 1
    }
    var whole: Int64 = 0
    var digits = 0
    while index < end, bytes[index] >= 0x30, bytes[index] <= 0x39 {
      whole = whole * 10 + Int64(bytes[index] - 0x30)
      digits += 1
      guard digits <= 12 else { return nil }
      index += 1
    }
    guard digits > 0 else { return nil }
    var fraction: Int64 = 0
    var fractionCount = 0
    if index < end {
      guard bytes[index] == decimalSeparator else { return nil }
      index += 1
      while index < end, bytes[index] >= 0x30, bytes[index] <= 0x39 {
        fraction = fraction * 10 + Int64(bytes[index] - 0x30)
        fractionCount += 1
        index += 1
      }
      guard fractionCount >= 1, fractionCount <= fractionDigits, index == end else { return nil }
    }
    var scale: Int64 = 1
    for _ in 0..<fractionDigits { scale *= 10 }
    var fractionScale: Int64 = 1
    for _ in 0..<(fractionDigits - fractionCount) { fractionScale *= 10 }
    let value = whole * scale + fraction * fractionScale
    return negative ? -value : value
  }

  /// A non-negative integer.
  static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
    var value = 0
    for byte in bytes {
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      value = value * 10 + Int(byte - 0x30)
    }
    return value
  }

  /// A flag: `ja`/`nein`, `j`/`n`, `1`/`0`, `true`/`false` (any case); for
  /// optional flags also `x` (yes).
  static func flag(_ bytes: UnsafeBufferPointer<UInt8>, allowCross: Bool) -> Bool? {
    let folded = String(decoding: bytes, as: UTF8.self).lowercased()
    switch folded {
    case "ja", "j", "1", "true": return true
    case "nein", "n", "0", "false": return false
    case "x" where allowCross: return true
    default: return nil
    }
  }
}

/// Header names are matched after folding (inputs.md, "Header names").
enum HeaderName {
  static func fold(_ name: String) -> String {
    foldASCII(name) ?? foldCharacters(name)
  }

  /// The folding of inputs.md, character by character.
  static func foldCharacters(_ name: String) -> String {
    var result = ""
    var lastWasUnderscore = false
    for character in name.trimmingWhitespace().lowercased() {
      let replacement: String
      switch character {
      case "ä": replacement = "ae"
      case "ö": replacement = "oe"
      case "ü": replacement = "ue"
      case "ß": replacement = "ss"
      case " ", "-", ".", "_": replacement = "_"
      default: replacement = String(character)
      }
      if replacement == "_" {
        if lastWasUnderscore { continue }
        lastWasUnderscore = true
      } else {
        lastWasUnderscore = false
      }
      result += replacement
    }
    while result.hasPrefix("_") { result.removeFirst() }
    while result.hasSuffix("_") { result.removeLast() }
    return result
  }

  /// The same folding for a name of ASCII bytes only, without a `Character`
  /// in sight (a runaway header line can have a million fields); nil for
  /// any other name.
  private static func foldASCII(_ name: String) -> String? {
    var utf8 = name.utf8[...]
    guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
    // Character.isWhitespace among ASCII: tab, LF, VT, FF, CR, space.
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    while let first = utf8.first, isSpace(first) { utf8.removeFirst() }
    while let last = utf8.last, isSpace(last) { utf8.removeLast() }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(utf8.count)
    for byte in utf8 {
      switch byte {
      case 0x20, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
        if bytes.last != UInt8(ascii: "_") { bytes.append(UInt8(ascii: "_")) }
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 0x20)
      default: bytes.append(byte)
      }
    }
    let start = bytes.firstIndex { $0 != UInt8(ascii: "_") } ?? bytes.endIndex
    let end = (bytes.lastIndex { $0 != UInt8(ascii: "_") }).map { $0 + 1 } ?? start
    return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
  }
}

extension String {
  func trimmingWhitespace() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
