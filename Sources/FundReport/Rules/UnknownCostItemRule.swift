/// R-POSITION-UNBEKANNT: grant rows whose cost item is not in the grant's financing plan.
struct UnknownCostItemRule: ComplianceRule {
  let id = RuleID.positionUnbekannt
  let severity = Severity.fehler
  let legalReference: String? = "Finanzierungsplan"

  func findings(in context: RuleContext) -> [Finding] {
    let rows = context.presentDefects(.unknownCostItem)
    guard !rows.isEmpty else { return [] }
    let total = rows.sum(\.amount)
    let items = Set(rows.map(context.ledger.rows.label(of:))).sorted(by: codePointOrder)
    return [
      finding(
        "\(rows.count.counted("Buchung", "Buchungen")) über \(total.display) brutto auf Kostenpositionen, die der "
          + "Finanzierungsplan von \(context.grant.id) nicht enthält (\(items.joined(separator: ", "))). "
          + "Buchungen umbuchen oder eine Änderung des Finanzierungsplans beantragen.",
        amount: total, places: rows.map(context.place))
    ]
  }
}
