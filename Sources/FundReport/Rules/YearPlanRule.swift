/// R-JAHR: the year's eligible expenditure exceeds the year's plan.
struct YearPlanRule: ComplianceRule {
  let id = RuleID.jahr
  let severity = Severity.warnung
  let legalReference: String? = "Zuwendungsbescheid, Finanzierungsplan"

  func findings(in context: RuleContext) -> [Finding] {
    let total = context.figures.total
    guard total.actualYear > total.planYear else { return [] }
    let excess = total.actualYear - total.planYear
    return [
      finding(
        "Im Haushaltsjahr \(context.stichtag.year) übersteigen die Ausgaben \(total.actualYear.display) den "
          + "Jahresplan \(total.planYear.display) um \(excess.display). Die Verschiebung von Mitteln zwischen "
          + "Jahren mit dem Zuwendungsgeber abstimmen.",
        amount: excess)
    ]
  }
}
