/// R-AUSSER-SCOPE: ledger rows of no grant that hold bad values.
struct OutOfScopeRule: ComplianceRule {
  let id = RuleID.ausserScope
  let severity = Severity.hinweis
  let legalReference: String? = nil

  func findings(in context: RuleContext) -> [Finding] {
    let defects = context.outOfScope
    guard defects.count > 0 else { return [] }
    let shown = defects.firstLines.count < defects.count ? " (die ersten \(defects.firstLines.count) genannt)" : ""
    return [
      finding(
        "\(defects.count.counted("Zeile", "Zeilen")) von buchungen.csv außerhalb jeder Zuwendung enthalten "
          + "ungültige Werte\(shown). Sie betreffen diesen Bericht nicht; die ERP-Ausleitung prüfen lassen.",
        places: defects.firstLines.map { SourcePlace(file: RuleContext.ledgerFile, line: $0) })
    ]
  }
}
