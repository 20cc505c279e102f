/// A calendar date without time or time zone (proleptic Gregorian calendar).
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// year << 9 | month << 5 | day: four bytes, ordered like the date (a
  /// ledger keeps hundreds of thousands of them).
  private let packed: Int32

  var year: Int { Int(packed >> 9) }
  var month: Int { Int((packed >> 5) & 0xF) }
  var day: Int { Int(packed & 0x1F) }

  /// Creates the date, or nil when it does not exist (`31.02.2025`).
  init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CalendarDate.daysInMonth(year: year, month: month)).contains(day)
    else { return nil }
    self.init(unchecked: year, month, day)
  }

  private init(unchecked year: Int, _ month: Int, _ day: Int) {
    packed = Int32(year) << 9 | Int32(month) << 5 | Int32(day)
  }

  static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.packed < rhs.packed }

  /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
  var dayNumber: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The date `dayNumber` days after 1970-01-01 (`civil_from_days`).
  init(dayNumber: Int) {
    let z = dayNumber + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    self.init(unchecked: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

  /// The same day `months` calendar months later, or that month's last day
  /// when it is shorter (computation.md, window end for `<n>M`).
  func adding(months: Int) -> CalendarDate {
    let index = year * 12 + (month - 1) + months
    let newYear = index / 12
    let newMonth = index % 12 + 1
    let newDay = min(day, CalendarDate.daysInMonth(year: newYear, month: newMonth))
    return CalendarDate(unchecked: newYear, newMonth, newDay)
  }

  /// The number of days from `self` to `other` (positive when `other` is later).
  func days(to other: CalendarDate) -> Int { other.dayNumber - dayNumber }

  static func lastDay(ofYear year: Int, month: Int) -> CalendarDate {
    CalendarDate(unchecked: year, month, daysInMonth(year: year, month: month))
  }

  static func firstDay(ofYear year: Int, month: Int = 1) -> CalendarDate {
    CalendarDate(unchecked: year, month, 1)
  }

  /// `2026-09-30`: the interface's Datum form.
  var iso: String {
    String(format4: year) + "-" + String(format2: month) + "-" + String(format2: day)
  }

  /// `30.09.2026`: the CSV reports' and messages' form.
  var german: String {
    String(format2: day) + "." + String(format2: month) + "." + String(format4: year)
  }

  public var description: String { iso }
}

extension String {
  init(format2 value: Int) {
    self = value < 10 ? "0" + String(value) : String(value)
  }

  init(format4 value: Int) {
    let raw = String(value)
    let padding = Swift.max(0, 4 - raw.count)
    self = String(repeating: "0", count: padding) + raw
  }
}

/// A closed range of calendar dates.
public struct DateInterval: Hashable, Sendable {
  var start: CalendarDate
  var end: CalendarDate

  func contains(_ date: CalendarDate) -> Bool { start <= date && date <= end }

  func overlaps(_ other: DateInterval) -> Bool { start <= other.end && other.start <= end }
}

extension CalendarDate {
  /// Parses `YYYY-MM-DD`.
  public init?(iso text: String) {
    guard let date = ReportPeriod.parseISODate(text) else { return nil }
    self = date
  }

  /// Parses `DD.MM.YYYY`, as controllers write dates.
  public init?(german text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[2] == UInt8(ascii: "."), bytes[5] == UInt8(ascii: "."),
      let date = bytes.withUnsafeBufferPointer({ ValueParser.date($0) })
    else { return nil }
    self = date
  }
}
