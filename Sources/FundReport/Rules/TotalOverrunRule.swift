/// R-GESAMT: the grant's eligible expenditure exceeds the financing plan's total.
struct TotalOverrunRule: ComplianceRule {
  let id = RuleID.gesamt
  let severity = Severity.fehler
  let legalReference: String? = "ANBest-P Nr. 1.2 / ANBest-Gk"

  func findings(in context: RuleContext) -> [Finding] {
    let total = context.figures.total
    guard total.actualCumulative > total.planTotal else { return [] }
    let overrun = total.actualCumulative - total.planTotal
    return [
      finding(
        "Die zuwendungsfähigen Ausgaben \(total.actualCumulative.display) übersteigen den Gesamtplan "
          + "\(total.planTotal.display) um \(overrun.display). Der Finanzierungsplan ist im Gesamtergebnis "
          + "verbindlich: Mehrausgaben aus Eigenmitteln tragen oder eine Aufstockung beantragen.",
        amount: overrun)
    ]
  }
}
