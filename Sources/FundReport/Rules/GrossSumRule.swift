/// R-SUMME: grant rows whose brutto is not netto + ust.
struct GrossSumRule: ComplianceRule {
  let id = RuleID.summe
  let severity = Severity.fehler
  let legalReference: String? = "ANBest-P Nr. 6"

  func findings(in context: RuleContext) -> [Finding] {
    let rows = context.presentRows.filter { $0.booking.gross != $0.booking.net + $0.booking.vat }
    guard let first = rows.first?.booking else { return [] }
    return [
      finding(
        "\(rows.count.counted("Buchung", "Buchungen")) mit brutto ≠ netto + USt, z. B. Zeile \(first.line): "
          + "\(first.net.display) + \(first.vat.display) ≠ \(first.gross.display). Beträge im ERP korrigieren.",
        places: rows.map(context.place))
    ]
  }
}
