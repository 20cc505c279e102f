/// R-OFFEN: grant rows booked but not paid by the Stichtag.
struct UnpaidRule: ComplianceRule {
  let id = "R-OFFEN"
  let severity = Severity.hinweis
  let legalReference: String? = nil

  func findings(in context: RuleContext) -> [Finding] {
    let rows = context.presentRows.filter { row in
      guard let paid = row.booking.paymentDate else { return true }
      return paid > context.stichtag
    }
    guard !rows.isEmpty else { return [] }
    let total = rows.sum(\.booking.gross)
    return [
      finding(
        "\(rows.count.counted("Buchung", "Buchungen")) über \(total.display) brutto sind zum "
          + "\(context.stichtag.german) gebucht, aber nicht bezahlt; sie zählen erst mit der Zahlung als Ausgabe.",
        amount: total)
    ]
  }
}
