/// R-POSITION-UNBEKANNT: grant rows whose cost item is not in the grant's financing plan.
struct UnknownCostItemRule: ComplianceRule {
  let id = "R-POSITION-UNBEKANNT"
  let severity = Severity.fehler
  let legalReference: String? = "Finanzierungsplan"

  func findings(in context: RuleContext) -> [Finding] {
    var items: Set<String> = []
    let rows = context.presentRows.filter {
      guard case .unknownCostItem(let item) = $0.outcome else { return false }
      items.insert(item)
      return true
    }
    guard !rows.isEmpty else { return [] }
    let total = rows.sum(\.booking.gross)
    return [
      finding(
        "\(rows.count.counted("Buchung", "Buchungen")) über \(total.display) brutto auf Kostenpositionen, die der "
          + "Finanzierungsplan von \(context.grant.id) nicht enthält (\(items.sorted(by: codePointOrder).joined(separator: ", "))). "
          + "Buchungen umbuchen oder eine Änderung des Finanzierungsplans beantragen.",
        amount: total, places: rows.map(context.place))
    ]
  }
}
