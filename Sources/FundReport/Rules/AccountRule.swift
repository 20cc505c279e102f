/// R-KONTO: grant rows whose `sachkonto` matches no prefix of `sachkonten.csv`.
struct AccountRule: ComplianceRule {
  let id = RuleID.konto
  let severity = Severity.fehler
  let legalReference: String? = "Finanzierungsplan"

  func findings(in context: RuleContext) -> [Finding] {
    let rows = context.presentDefects(.noAccountPrefix)
    guard !rows.isEmpty else { return [] }
    let total = rows.sum(\.amount)
    let accounts = Set(rows.map(context.ledger.rows.label(of:))).sorted(by: codePointOrder).map {
      $0.isEmpty ? "(leer)" : $0
    }
    return [
      finding(
        "\(rows.count.counted("Buchung", "Buchungen")) über \(total.display) brutto auf Sachkonten ohne Zuordnung "
          + "zu einer Kostenposition (\(accounts.joined(separator: ", "))). Sachkonten in sachkonten.csv zuordnen "
          + "oder die Buchungen umbuchen.",
        amount: total, places: rows.map(context.place))
    ]
  }
}
