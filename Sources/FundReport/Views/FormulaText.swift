/// Formulas as people read them, with names and with the numbers put in
/// (`min(round(1.690.214,90 × 90,00 %), 15.000.000,00) = 1.521.193,41`). The same in both
/// languages: the names are the interface's, the functions `min`, `max`, `round` computation.md's.
enum FormulaText {
  /// `BundesanteilKumuliert = min(round(IstKumuliert × Foerderquote), Hoechstbetrag)`.
  static func definition(_ formula: Formula, result: String) -> String {
    let names = formula.operands.map(\.name)
    return result + " = " + expression(formula.kind, names)
  }

  /// `min(round(1.690.214,90 × 90,00 %), 15.000.000,00) = 1.521.193,41`.
  static func calculation(_ formula: Formula, result: ExplainedValue) -> String {
    expression(formula.kind, formula.operands.map { number($0.value) }) + " = " + number(result)
  }

  private static func expression(_ kind: Formula.Kind, _ terms: [String]) -> String {
    func term(_ index: Int) -> String { index < terms.count ? terms[index] : "?" }
    switch kind {
    case .difference, .cash: return "\(term(0)) − \(term(1))"
    case .utilization: return "round(\(term(0)) × 100 / \(term(1)), 2)"
    case .federalShare: return "min(round(\(term(0)) × \(term(1))), \(term(2)))"
    case .interestTotal: return terms.isEmpty ? "0,00" : terms.joined(separator: " + ")
    case .ownFunds: return "\(term(0)) − (\(term(1)) − \(term(2)))"
    case .incomeTotal: return "\(term(0)) + \(term(1))"
    case .same: return term(0)
    case .shareOfNeed: return "round(\(term(0)) × \(term(1)))"
    case .request: return "max(0, min(\(term(0)) + \(term(1)) − \(term(2)), \(term(3)) − \(term(2))))"
    case .useBy: return "\(term(0)) + \(term(1))"
    }
  }

  /// A value inside a formula: amounts without the euro sign (`1.690.214,90`).
  static func number(_ value: ExplainedValue) -> String {
    switch value {
    case .amount(let money): return money.grouped
    default: return value.display
    }
  }
}

/// The interest of a drawdown written out (computation.md's worked example:
/// `A1: 27.000,00 × 8,62 % × 86/365 + 28.000,00 × 8,62 % × 157/365 = 548,3737… + 1.038,1786… = 1.586,55`).
enum InterestText {
  /// 1/10 000 cent per euro, and the denominator that turns a portion's numerator into euros.
  static let unitsPerEuro: Int128 = 1_000_000
  static let numeratorPerEuro: Int128 = 100 * 10_000 * 10_000 * 365

  /// `27.000,00 × 8,62 % × 86/365`, or `42.000,00 × (8,62 % × 30 + 8,37 % × 76)/365`.
  static func term(_ portion: DrawdownInterest.Portion) -> String {
    let amount = exact(Int128(portion.amount), per: unitsPerEuro, digits: 6, ellipsis: false)
    let segments = portion.segments
    if segments.count == 1, let only = segments.first {
      return "\(amount) × \(rate(only.basisPoints)) × \(only.days)/365"
    }
    let inner = segments.map { "\(rate($0.basisPoints)) × \($0.days)" }.joined(separator: " + ")
    return "\(amount) × (\(inner))/365"
  }

  /// A portion's exact interest in euros, four decimals: `548,3737…`.
  static func value(_ portion: DrawdownInterest.Portion) -> String {
    exact(portion.numerator, per: numeratorPerEuro, digits: 4, ellipsis: true)
  }

  /// One rate period's exact interest: `amount × rate × days / 365`.
  static func value(_ portion: DrawdownInterest.Portion, _ segment: DrawdownInterest.RateSegment) -> String {
    exact(
      Int128(portion.amount) * Int128(segment.basisPoints) * Int128(segment.days), per: numeratorPerEuro, digits: 4,
      ellipsis: true)
  }

  /// The drawdown's exact interest before rounding.
  static func exactTotal(_ entry: DrawdownInterest.Entry) -> String {
    exact(entry.portions.reduce(Int128(0)) { $0 + $1.numerator }, per: numeratorPerEuro, digits: 4, ellipsis: true)
  }

  /// `A1: … = … = 1.586,55`.
  static func line(_ entry: DrawdownInterest.Entry) -> String {
    let terms = entry.portions.map(term).joined(separator: " + ")
    let values = entry.portions.map(value).joined(separator: " + ")
    guard !entry.portions.isEmpty else { return "\(entry.drawdown.number): 0,00" }
    return "\(entry.drawdown.number): \(terms) = \(values) = \(entry.interest.grouped)"
  }

  /// For programs (JSON, CSV): an exact amount in 1/10 000 cent as `7107.525`.
  static func machineAmount(_ units: Int64) -> String {
    exact(Int128(units), per: unitsPerEuro, digits: 6, ellipsis: false, machine: true)
  }

  /// For programs: an exact interest numerator as euros rounded to four decimals, `548.3737`.
  static func machineInterest(_ numerator: Int128) -> String {
    exact(numerator, per: numeratorPerEuro, digits: 4, ellipsis: false, machine: true)
  }

  /// The drawdown's interest in one line: up to four portions written out as computation.md's worked
  /// example does, more summed (their table lists them).
  static func summary(_ entry: DrawdownInterest.Entry, language: Language) -> String {
    entry.portions.count <= 4
      ? line(entry)
      : language.text(
        .interestPortionsSummed(
          number: entry.drawdown.number, count: entry.portions.count, exact: exactTotal(entry), rounded: entry.interest)
      )
  }

  /// `8,62 %`.
  static func rate(_ basisPoints: Int64) -> String { Hundredths(basisPoints).display }

  /// A money amount in 1/10 000 cent, exactly: `27.000,00`, `111,105`.
  static func amount(_ units: Int64) -> String { exact(Int128(units), per: unitsPerEuro, digits: 6, ellipsis: false) }

  /// `numerator / per` euros in German form with two to `digits` decimals: rounded half away
  /// from zero at `digits` and marked `…` when that is not exact (`ellipsis`), else trailing zeros
  /// beyond the cents dropped.
  static func exact(_ numerator: Int128, per denominator: Int128, digits: Int, ellipsis: Bool, machine: Bool = false)
    -> String
  {
    var scale: Int128 = 1
    for _ in 0..<digits { scale *= 10 }
    let scaled = numerator * scale
    var quotient = scaled / denominator
    let remainder = scaled % denominator
    if remainder.magnitude * 2 >= denominator.magnitude { quotient += numerator < 0 ? -1 : 1 }
    let negative = quotient < 0
    let magnitude = quotient.magnitude
    let euros = magnitude / UInt128(scale)
    var fraction = String(magnitude % UInt128(scale))
    fraction = String(repeating: "0", count: digits - fraction.count) + fraction
    if remainder == 0 || !ellipsis {
      while fraction.count > 2 && fraction.hasSuffix("0") { fraction.removeLast() }
    }
    if machine { return (negative ? "-" : "") + String(euros) + "." + fraction }
    let whole = Money.groupThousands(String(euros))
    return (negative ? "-" : "") + whole + "," + fraction + (remainder != 0 && ellipsis ? "…" : "")
  }
}
