import Testing

@testable import FundReport

@Suite struct AmountTests {
  static func cents(_ text: String, separator: Character = ",", encoding: TextEncoding = .utf8) -> Int64? {
    let bytes = encoding.encode(text) ?? []
    return bytes.withUnsafeBufferPointer {
      ValueParser.amount($0, decimalSeparator: UInt8(ascii: separator.unicodeScalars.first ?? ","), encoding: encoding)
    }
  }

  @Test(
    arguments: [
      ("1.234,56", 123_456), ("1234,56", 123_456), ("-1.234,56", -123_456), ("1.234,56-", -123_456),
      ("12,5", 1_250), ("1234", 123_400), ("1.234", 123_400), ("0,00", 0), ("-0,00", 0), ("1.234,56 EUR", 123_456),
      ("1.234,56EUR", 123_456), ("1.234,56 €", 123_456), ("1.234,56€", 123_456), ("-5 €", -500),
      ("12.345.678,90", 1_234_567_890), ("0,01", 1),
    ] as [(String, Int64)])
  func readsGermanAmounts(text: String, expected: Int64) {
    #expect(Self.cents(text) == expected)
  }

  @Test(arguments: [
    "1.23.4", "12,345", "abc", "", "1,", ",5", "1.2345,00", "1234.5", "1.234,56- EUR", "--1", "1 234,56", "+5",
    "12345678901234",
  ])
  func rejectsWhatIsNotAnAmount(text: String) {
    #expect(Self.cents(text) == nil)
  }

  @Test func readsTheEuroSignOfSingleByteEncodings() {
    #expect(Self.cents("7,00 €", encoding: .windows1252) == 700)
    #expect(Self.cents("7,00 €", encoding: .iso885915) == 700)
  }

  @Test func swapsSeparatorsWhenTheDecimalPointIsConfigured() {
    #expect(Self.cents("1,234.56", separator: ".") == 123_456)
    #expect(Self.cents("1234.56", separator: ".") == 123_456)
    #expect(Self.cents("1.234,56", separator: ".") == nil)
  }
}

@Suite struct DateAndNumberTests {
  static func date(_ text: String) -> CalendarDate? {
    Array(text.utf8).withUnsafeBufferPointer { ValueParser.date($0) }
  }

  @Test func readsTheThreeDateForms() {
    let expected = CalendarDate(year: 2025, month: 3, day: 31)
    #expect(Self.date("31.03.2025") == expected)
    #expect(Self.date("2025-03-31") == expected)
    #expect(Self.date("20250331") == expected)
  }

  @Test(arguments: ["31.02.2025", "29.02.2025", "2025-13-01", "1.3.2025", "31/03/2025", "", "2025033", "00.01.2025"])
  func rejectsImpossibleOrForeignDates(text: String) {
    #expect(Self.date(text) == nil)
  }

  @Test func acceptsLeapDays() {
    #expect(Self.date("29.02.2024") == CalendarDate(year: 2024, month: 2, day: 29))
  }

  @Test func readsPercentagesAndDecimals() {
    func fixed(_ text: String, digits: Int, percent: Bool) -> Int64? {
      Array(text.utf8).withUnsafeBufferPointer {
        ValueParser.fixedPoint(
          $0, decimalSeparator: UInt8(ascii: ","), fractionDigits: digits, allowPercentSign: percent)
      }
    }
    #expect(fixed("90", digits: 2, percent: true) == 9_000)
    #expect(fixed("90,5 %", digits: 2, percent: true) == 9_050)
    #expect(fixed("-0,88", digits: 2, percent: true) == -88)
    #expect(fixed("1,234", digits: 2, percent: true) == nil)
    #expect(fixed("99,87", digits: 4, percent: false) == 998_700)
    #expect(fixed("1.000", digits: 4, percent: false) == nil)
    #expect(fixed("5%", digits: 4, percent: false) == nil)
  }

  @Test func foldsHeaderNames() {
    #expect(HeaderName.fold("  Zahlungsdatum ") == "zahlungsdatum")
    #expect(HeaderName.fold("Empfänger") == "empfaenger")
    #expect(HeaderName.fold("USt") == "ust")
    #expect(HeaderName.fold("Beleg-Nr.") == "beleg_nr")
    #expect(HeaderName.fold("Sachkonto-Präfix") == "sachkonto_praefix")
    #expect(HeaderName.fold("Zuwendung  Höchstbetrag") == "zuwendung_hoechstbetrag")
    #expect(HeaderName.fold("_Maßnahme_") == "massnahme")
    #expect(HeaderName.fold("Kosten - Position") == "kosten_position")
  }

  @Test func formatsMoneyAndDecimals() {
    #expect(Money(cents: -123_450).xmlValue == "-1234.50")
    #expect(Money(cents: 0).xmlValue == "0.00")
    #expect(Money(cents: -5).csvValue == "-0,05")
    #expect(Money(cents: 123_456_789).display == "1.234.567,89 €")
    #expect(Decimal4(scaled: 125_000).xmlValue == "12.5")
    #expect(Decimal4(scaled: 120_000).xmlValue == "12")
    #expect(Decimal4(scaled: -5).xmlValue == "-0.0005")
  }

  @Test func roundsHalfAwayFromZeroOnce() {
    #expect(Money(cents: 1).share(Hundredths(5_000)) == Money(cents: 1))  // 0.5 → 1
    #expect(Money(cents: -1).share(Hundredths(5_000)) == Money(cents: -1))
    #expect(Money(cents: 1_257_000).share(Hundredths(6_500)) == Money(cents: 817_050))
    #expect(Money(cents: 333).share(Hundredths(9_000)) == Money(cents: 300))  // 299.7 → 300
  }

  @Test func addsCalendarMonthsClampingToTheMonthEnd() throws {
    let date = try #require(CalendarDate(year: 2025, month: 12, day: 31))
    #expect(date.adding(months: 2) == CalendarDate(year: 2026, month: 2, day: 28))
    #expect(date.adding(days: 60) == CalendarDate(year: 2026, month: 3, day: 1))
    #expect(
      try #require(CalendarDate(year: 2024, month: 1, day: 15)).days(
        to: try #require(CalendarDate(year: 2024, month: 4, day: 10))) == 86)
  }
}

/// The fast validity checks for out-of-scope rows agree with the parsers.
@Suite struct FastCheckTests {
  static func agree(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      // The fast forms never take what the parsers reject.
      (!ValueParser.isUsualDate(buffer) || ValueParser.date(buffer) != nil)
        && (!ValueParser.isUsualAmount(buffer, decimalSeparator: UInt8(ascii: ","))
          || ValueParser.amount(buffer, decimalSeparator: UInt8(ascii: ","), encoding: .utf8) != nil)
    }
  }

  @Test(arguments: [
    "01.01.2026", "28.02.2026", "29.02.2024", "29.02.2025", "31.04.2026", "00.01.2026", "01.00.2026", "01.13.2026",
    "01.01.0000", "1.01.2026", "01.01.26", "0a.01.2026", "01.01.2026 ", "2026-01-01", "20260101", "", "12,50",
    "-12,50", "1234,56", "1.234,56", "-1.234,56", "1.234,56-", "12,5", "1234", ",50", "-,50", "1234567890123,45",
    "12345678901234,56", "12a4,56", "1234,5a", "--12,50", "-", "12,50 EUR", "12,50€", "12.50", "1,234,56",
  ])
  func fastChecksAgreeWithTheParsers(text: String) {
    #expect(Self.agree(text))
  }

  @Test func fastChecksAgreeOnEveryShortStringOfTheRelevantBytes() {
    // Every string of up to four of these bytes, and every date-shaped one with a digit changed.
    let alphabet = Array("09-.,1 ")
    var texts = [""]
    var frontier = [""]
    for _ in 1...4 {
      frontier = frontier.flatMap { prefix in alphabet.map { prefix + String($0) } }
      texts += frontier
    }
    for day in ["00", "01", "28", "29", "30", "31", "32", "9x"] {
      for month in ["00", "01", "02", "03", "04", "06", "07", "08", "09", "11", "12", "13"] {
        for year in ["0000", "2024", "2025", "2100", "2000", "9999"] { texts.append("\(day).\(month).\(year)") }
      }
    }
    #expect(texts.count > 3_000)
    for text in texts { #expect(Self.agree(text), "\(text)") }
  }

  @Test func theUsualDateFormTakesEveryDayButTheLeapDayWithoutTheParser() throws {
    var date = try #require(CalendarDate(year: 2023, month: 1, day: 1))
    let end = try #require(CalendarDate(year: 2025, month: 1, day: 1))
    var days = 0
    while date < end {
      func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
      let text = "\(two(date.day)).\(two(date.month)).\(date.year)"
      let usual = Array(text.utf8).withUnsafeBufferPointer { ValueParser.isUsualDate($0) }
      #expect(usual == !(date.month == 2 && date.day == 29), "\(text)")
      date = date.adding(days: 1)
      days += 1
    }
    #expect(days == 731)
    // The usual amounts are taken, without the parser.
    for text in ["1234,56", "-0,01", "1234567890123,45"] {
      #expect(
        Array(text.utf8).withUnsafeBufferPointer {
          ValueParser.isUsualAmount($0, decimalSeparator: UInt8(ascii: ","))
        }, "\(text)")
    }
    // The days a month does not have are never taken.
    for text in ["31.04.2026", "31.06.2026", "31.09.2026", "31.11.2026", "30.02.2026", "31.02.2026", "32.01.2026"] {
      #expect(!Array(text.utf8).withUnsafeBufferPointer { ValueParser.isUsualDate($0) }, "\(text)")
    }
  }
}

/// The validator of a large file checks only the encoding its start decided;
/// what it finds must be what the whole-file pass finds for that encoding.
@Suite struct ValidatorModeTests {
  static func run(_ bytes: [UInt8], _ mode: UTF8Validator.Mode, chunk: Int) -> UTF8Validator {
    var validator = UTF8Validator(mode: mode)
    var offset = 0
    while offset < bytes.count {
      let end = min(offset + chunk, bytes.count)
      bytes[offset..<end].withUnsafeBytes { validator.consume($0, at: offset) }
      offset = end
    }
    validator.finish()
    return validator
  }

  @Test func eachModeFindsWhatTheFullPassFinds() {
    var generator = SplitMix64(seed: 436)
    // Text-like bytes: mostly ASCII, German two-byte characters, some three-byte ones, stray high bytes.
    let pieces: [[UInt8]] = [
      Array("Müller ".utf8), Array("Straße;".utf8), Array("€ 12,50".utf8), [0xC3], [0xBC], [0xFC], [0x81], [0x9D],
      [0xE2, 0x82], [0xF0, 0x9F, 0x98, 0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF], Array("abc\r\n".utf8),
      Array(String(repeating: "x", count: 70).utf8),  // longer than a block of the ASCII skip
    ]
    for round in 0..<300 {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 1...60, using: &generator) {
        bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
      }
      for chunk in [1, 3, 7, 4096] {
        let full = Self.run(bytes, .utf8AndWindows1252, chunk: chunk)
        #expect(Self.run(bytes, .utf8, chunk: chunk).invalidOffsets == full.invalidOffsets, "round \(round)")
        #expect(
          Self.run(bytes, .windows1252, chunk: chunk).undefinedWindows1252Offsets == full.undefinedWindows1252Offsets,
          "round \(round)")
      }
    }
  }
}

extension ValidatorModeTests {
  /// German text is skipped sixteen bytes a step, two-byte characters
  /// included, also where one is cut by a block's end; a bad byte anywhere in
  /// it is still found at its offset.
  @Test func findsEachBadByteInTextOfTwoByteCharacters() {
    let text = Array("Müller;Straße;Größe;Äpfel;Öl;Übung;süß;Fuß".utf8)
    #expect(Self.run(text + text + text, .utf8, chunk: 4096).invalidOffsets == [])
    for position in text.indices {
      for bad: UInt8 in [0xFF, 0x80, 0xC3, 0xE2] {
        var bytes = text + text
        bytes.insert(bad, at: position + 5)
        // The bad byte, or the character it cut or completed wrongly (a lead
        // right before it, a continuation right after it), is reported.
        let expected = Self.run(bytes, .utf8AndWindows1252, chunk: 4096).invalidOffsets
        #expect(!expected.isEmpty && expected.allSatisfy { (position + 4)...(position + 6) ~= $0 })
        for chunk in [16, 17, 4096] {
          #expect(Self.run(bytes, .utf8, chunk: chunk).invalidOffsets == expected, "\(bad) at \(position), \(chunk)")
        }
      }
    }
  }
}

/// A seeded generator: the same bytes on every run.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
