/// A UTC time stamp to the second (`Zeitstempel`: `2026-10-15T06:00:00Z`).
public struct Timestamp: Hashable, Sendable, CustomStringConvertible {
  public let date: CalendarDate
  public let secondOfDay: Int

  /// Seconds since 1970-01-01T00:00:00Z.
  public init(epochSeconds: Int64) {
    let days = Int(epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400)
    date = CalendarDate(dayNumber: days)
    secondOfDay = Int(epochSeconds - Int64(days) * 86_400)
  }

  /// Parses `YYYY-MM-DDTHH:MM:SSZ`.
  public init?(iso text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
      bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z"),
      let date = ReportPeriod.parseISODate(String(decoding: bytes[0..<10], as: UTF8.self)),
      let hour = Int(String(decoding: bytes[11..<13], as: UTF8.self)),
      let minute = Int(String(decoding: bytes[14..<16], as: UTF8.self)),
      let second = Int(String(decoding: bytes[17..<19], as: UTF8.self)),
      (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second)
    else { return nil }
    self.date = date
    secondOfDay = hour * 3600 + minute * 60 + second
  }

  public var description: String {
    date.iso + "T" + String(format2: secondOfDay / 3600) + ":" + String(format2: secondOfDay / 60 % 60) + ":"
      + String(format2: secondOfDay % 60) + "Z"
  }
}
