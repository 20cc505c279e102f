/// R-MITTELVERFALL: late in a budget year, less than half of its plan is spent.
struct LapseRule: ComplianceRule {
  /// The share of the year's plan that must be spent by 30 September: 50 %.
  static let thresholdPercent: Int64 = 50

  let id = RuleID.mittelverfall
  let severity = Severity.warnung
  let legalReference: String? = "§ 45 BHO (Jährlichkeit)"

  func findings(in context: RuleContext) -> [Finding] {
    let stichtag = context.stichtag
    let year = stichtag.year
    guard context.period.kind != .verwendungsnachweis,
      stichtag >= CalendarDate.lastDay(ofYear: year, month: 9),
      context.grant.period.contains(.firstDay(ofYear: year)),
      context.grant.period.contains(.lastDay(ofYear: year, month: 12))
    else { return [] }
    let total = context.figures.total
    guard total.actualYear.cents * 100 < total.planYear.cents * Self.thresholdPercent else { return [] }
    let missing = total.planYear - total.actualYear
    return [
      finding(
        "Zum \(stichtag.german) sind erst \(total.actualYear.display) von \(total.planYear.display) des "
          + "Jahresplans \(year) ausgegeben (unter \(Self.thresholdPercent) %). Nicht verausgabte Mittel verfallen mit dem "
          + "Haushaltsjahr: Ausgaben beschleunigen oder die Übertragung beantragen.",
        amount: missing)
    ]
  }
}
