#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A UTC time stamp to the second (`Zeitstempel`: `2026-10-15T06:00:00Z`),
/// from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z: the range a
/// `Zeitstempel` of four-digit years can hold after the Unix epoch.
public struct Timestamp: Hashable, Sendable, CustomStringConvertible {
  public let date: CalendarDate
  let secondOfDay: Int

  /// The seconds since 1970-01-01T00:00:00Z that a time stamp may have.
  public static let epochSecondsRange: ClosedRange<Int64> = 0...253_402_300_799

  /// The range in words, for messages.
  public static let rangeDescription = "1970-01-01T00:00:00Z … 9999-12-31T23:59:59Z"

  /// Seconds since 1970-01-01T00:00:00Z; nil outside ``epochSecondsRange``.
  init?(epochSeconds: Int64) {
    guard Self.epochSecondsRange.contains(epochSeconds) else { return nil }
    let days = Int(epochSeconds / 86_400)
    date = CalendarDate(dayNumber: days)
    secondOfDay = Int(epochSeconds - Int64(days) * 86_400)
  }

  /// Parses `YYYY-MM-DDTHH:MM:SSZ` from 1970 on.
  public init?(iso text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
      bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z"),
      let date = ReportPeriod.parseISODate(String(decoding: bytes[0..<10], as: UTF8.self)),
      date.year >= 1970,
      let hour = Int(String(decoding: bytes[11..<13], as: UTF8.self)),
      let minute = Int(String(decoding: bytes[14..<16], as: UTF8.self)),
      let second = Int(String(decoding: bytes[17..<19], as: UTF8.self)),
      (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second)
    else { return nil }
    self.date = date
    secondOfDay = hour * 3600 + minute * 60 + second
  }

  /// `SOURCE_DATE_EPOCH` (reproducible builds): a whole number of seconds
  /// within ``epochSecondsRange``.
  public static func sourceDateEpoch(_ text: String) -> Timestamp? {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty, bytes.count <= 19, bytes.allSatisfy({ (0x30...0x39).contains($0) }),
      let seconds = Int64(text)
    else { return nil }
    return Timestamp(epochSeconds: seconds)
  }

  /// The current time, to the second; the epoch when the clock is outside the range.
  public static var now: Timestamp {
    Timestamp(epochSeconds: Int64(time(nil))) ?? epoch
  }

  /// 1970-01-01T00:00:00Z.
  public static let epoch = Timestamp(date: CalendarDate(dayNumber: 0), secondOfDay: 0)

  /// The first second of `date`, UTC (the dashboard's calendar stamp: the day it is made for).
  init(startOf date: CalendarDate) { self.init(date: date, secondOfDay: 0) }

  private init(date: CalendarDate, secondOfDay: Int) {
    self.date = date
    self.secondOfDay = secondOfDay
  }

  /// As people read it: `15.10.2026 06:00 UTC`.
  var german: String {
    date.german + " " + String(format2: secondOfDay / 3600) + ":" + String(format2: secondOfDay / 60 % 60) + " UTC"
  }

  public var description: String {
    date.iso + "T" + String(format2: secondOfDay / 3600) + ":" + String(format2: secondOfDay / 60 % 60) + ":"
      + String(format2: secondOfDay % 60) + "Z"
  }
}

extension Timestamp: Codable {
  /// As written in a report: `2026-10-15T06:00:00Z`.
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let parsed = Timestamp(iso: text) else {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "not a Zeitstempel: \(text)"))
    }
    self = parsed
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
