/// An amount of euros, held exactly as integer cents.
///
/// Arithmetic is Swift's checked integer arithmetic: an overflow stops the
/// program instead of producing a wrong figure. Input amounts are limited to
/// 13 integer digits (see `ValueParser.amount`), so sums of realistic ledgers stay
/// far inside `Int64`.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
  var cents: Int64

  /// The most that the amounts of one grant in one input file may add up
  /// to, counted by magnitude: 1.000.000.000.000,00 € (10^14 cents). Below it
  /// every sum, share (× 10 000 in 1/10 000 cent) and difference fundreport
  /// computes stays exact in 64 bits; an input beyond it is a bad value at
  /// the row that crosses it, not an overflow.
  public static let magnitudeLimit = Money(cents: 100_000_000_000_000)

  init(cents: Int64) { self.cents = cents }

  public static let zero = Money(cents: 0)

  static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
  static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
  static func += (lhs: inout Money, rhs: Money) { lhs.cents += rhs.cents }
  static func -= (lhs: inout Money, rhs: Money) { lhs.cents -= rhs.cents }
  static prefix func - (value: Money) -> Money { Money(cents: -value.cents) }
  public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

  var magnitude: Money { Money(cents: cents < 0 ? -cents : cents) }

  /// `self × percent / 100`, rounded once, half away from zero
  /// (computation.md: a derived amount is rounded once, "kaufmännisch").
  func share(_ percent: Hundredths) -> Money {
    Money(cents: Rounding.divideRoundingHalfAwayFromZero(cents * percent.value, by: 10_000))
  }

  /// The interface's XML form: `-1234.50`, never `-0.00`.
  var xmlValue: String { Self.format(cents, separator: ".") }

  /// The CSV reports' form: `-1234,50`.
  var csvValue: String { Self.format(cents, separator: ",") }

  /// The German display form used in messages: `-1.234,50 €`.
  public var display: String { grouped + " €" }

  /// The German number alone: `-1.234,50` (`fundreport diff`, where a figure may be a percentage).
  var grouped: String {
    let negative = cents < 0
    let magnitude = cents.magnitude
    let fraction = magnitude % 100
    return (negative ? "-" : "") + Self.groupThousands(String(magnitude / 100)) + "," + (fraction < 10 ? "0" : "")
      + String(fraction)
  }

  /// `1690214` as `1.690.214`.
  static func groupThousands(_ digits: String) -> String {
    var grouped = ""
    for (index, character) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(".") }
      grouped.append(character)
    }
    return grouped
  }

  public var description: String { display }

  static func format(_ cents: Int64, separator: Character) -> String {
    let negative = cents < 0
    let magnitude = cents.magnitude
    let fraction = magnitude % 100
    return (negative ? "-" : "") + String(magnitude / 100) + String(separator)
      + (fraction < 10 ? "0" : "") + String(fraction)
  }
}

extension Sequence {
  /// The exact sum of the amounts `amount` selects.
  func sum(_ amount: (Element) -> Money) -> Money {
    reduce(into: Money.zero) { $0 += amount($1) }
  }
}

/// A quantity with two decimals held as an integer count of hundredths:
/// percentages (`foerderquote`, `fortschritt`, `satz`) and `AuslastungProzent`.
struct Hundredths: Hashable, Comparable, Sendable {
  var value: Int64
  init(_ value: Int64) { self.value = value }
  static func < (lhs: Hundredths, rhs: Hundredths) -> Bool { lhs.value < rhs.value }

  /// `12.50`, `-0.88`: the interface's Prozent form.
  var xmlValue: String { Money.format(value, separator: ".") }
  /// `90,00 %` for messages.
  var display: String { Money.format(value, separator: ",") + " %" }
}

/// A decimal with up to four fraction digits, held as ten-thousandths
/// (indicator values, inputs.md "decimal").
struct Decimal4: Hashable, Sendable {
  var scaled: Int64
  init(scaled: Int64) { self.scaled = scaled }

  /// The interface's Dezimal form: up to four fraction digits, no trailing zeros.
  var xmlValue: String {
    let negative = scaled < 0
    let magnitude = scaled.magnitude
    var text = (negative ? "-" : "") + String(magnitude / 10_000)
    var fraction = magnitude % 10_000
    if fraction != 0 {
      var digits = 4
      while fraction % 10 == 0 {
        fraction /= 10
        digits -= 1
      }
      let raw = String(fraction)
      text += "." + String(repeating: "0", count: digits - raw.count) + raw
    }
    return text
  }
}

enum Rounding {
  /// `numerator / denominator` rounded half away from zero; `denominator > 0`.
  static func divideRoundingHalfAwayFromZero(_ numerator: Int64, by denominator: Int64) -> Int64 {
    let quotient = numerator / denominator
    let remainder = numerator % denominator
    if remainder.magnitude * 2 >= denominator.magnitude {
      return numerator < 0 ? quotient - 1 : quotient + 1
    }
    return quotient
  }
}

extension Money {
  /// Parses an amount as the CLI takes it: `120000,00`, `120.000,00`, `120000`.
  public init?(germanAmount text: String) {
    let bytes = Array(text.utf8)
    guard
      let cents = bytes.withUnsafeBufferPointer({
        ValueParser.amount(CSVReader.trimmed($0), decimalSeparator: UInt8(ascii: ","), encoding: .utf8)
      })
    else { return nil }
    self.init(cents: cents)
  }
}
