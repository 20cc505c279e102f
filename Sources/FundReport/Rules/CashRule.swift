/// R-KASSE: drawn grant money not yet spent at the Stichtag.
struct CashRule: ComplianceRule {
  let id = RuleID.kasse
  let severity = Severity.hinweis
  let legalReference: String? = "ANBest-P Nr. 1.4 / ANBest-Gk"

  func findings(in context: RuleContext) -> [Finding] {
    let cash = context.figures.cash
    guard cash > .zero else { return [] }
    return [
      finding(
        "Kassenbestand \(cash.display) zum \(context.stichtag.german): abgerufene Mittel, die noch nicht "
          + "verausgabt sind. Innerhalb der Verwendungsfrist (\(context.grant.spendingWindow)) verwenden oder "
          + "zurückzahlen.",
        amount: cash)
    ]
  }
}
