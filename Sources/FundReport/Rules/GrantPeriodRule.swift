/// R-ZEITRAUM: paid grant rows with a payment date outside the Bewilligungszeitraum.
struct GrantPeriodRule: ComplianceRule {
  let id = "R-ZEITRAUM"
  let severity = Severity.warnung
  let legalReference: String? = "Zuwendungsbescheid"

  func findings(in context: RuleContext) -> [Finding] {
    let period = context.grant.period
    let rows = context.ledger.bookings.filter { row in
      guard row.costItem != nil, let paid = row.booking.paymentDate, paid <= context.stichtag else { return false }
      return !period.contains(paid)
    }
    guard !rows.isEmpty else { return [] }
    let total = rows.sum { context.ledger.eligibleAmount(of: $0.booking) }
    return [
      finding(
        "\(rows.count.counted("Zahlung", "Zahlungen")) über \(total.display) liegen außerhalb des "
          + "Bewilligungszeitraums \(period.start.german)–\(period.end.german) und sind nicht zuwendungsfähig. "
          + "Zahlungsdaten prüfen; Ausgaben außerhalb des Zeitraums aus Eigenmitteln tragen.",
        amount: total, places: rows.map(context.place))
    ]
  }
}
