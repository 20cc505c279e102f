/// R-OFFEN: grant rows booked but not paid by the Stichtag.
struct UnpaidRule: ComplianceRule {
  let id = RuleID.offen
  let severity = Severity.hinweis
  let legalReference: String? = nil

  func findings(in context: RuleContext) -> [Finding] {
    let (rows, total) = context.ledger.rows.unpaid(at: context.stichtag)
    guard rows > 0 else { return [] }
    return [
      finding(
        "\(rows.counted("Buchung", "Buchungen")) über \(total.display) brutto sind zum "
          + "\(context.stichtag.german) gebucht, aber nicht bezahlt; sie zählen erst mit der Zahlung als Ausgabe.",
        amount: total)
    ]
  }
}
