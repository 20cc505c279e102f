/// R-ZEITRAUM: paid grant rows with a payment date outside the Bewilligungszeitraum.
struct GrantPeriodRule: ComplianceRule {
  let id = RuleID.zeitraum
  let severity = Severity.warnung
  let legalReference: String? = "Zuwendungsbescheid"

  func findings(in context: RuleContext) -> [Finding] {
    let period = context.grant.period
    let rows = context.ledger.rows.defects.filter { $0.kind == .outsideGrantPeriod && $0.isPaid(by: context.stichtag) }
    guard !rows.isEmpty else { return [] }
    let total = rows.sum(\.amount)
    return [
      finding(
        "\(rows.count.counted("Zahlung", "Zahlungen")) über \(total.display) liegen außerhalb des "
          + "Bewilligungszeitraums \(period.start.german)–\(period.end.german) und sind nicht zuwendungsfähig. "
          + "Zahlungsdaten prüfen; Ausgaben außerhalb des Zeitraums aus Eigenmitteln tragen.",
        amount: total, places: rows.map(context.place))
    ]
  }
}
