/// R-POSITION-20: a cost item exceeded by more than 20 % of its plan.
struct CostItemOverrunRule: ComplianceRule {
  let id = "R-POSITION-20"
  let severity = Severity.fehler
  let legalReference: String? = "ANBest-P Nr. 1.2 / ANBest-Gk"

  func findings(in context: RuleContext) -> [Finding] {
    context.ledger.costItems.compactMap { item in
      guard let figures = context.figures.byCostItem[item] else { return nil }
      let plan = figures.planTotal
      let actual = figures.actualCumulative
      // IstKumuliert > 1,2 × PlanGesamt, exactly: 10 × Ist > 12 × Plan.
      guard actual.cents * 10 > plan.cents * 12 else { return nil }
      let overrun = actual - plan
      return finding(
        "Kostenposition \(item): Ist \(actual.display) überschreitet den Plan \(plan.display) um "
          + "\(overrun.display), mehr als die zulässigen 20 %. Änderung des Finanzierungsplans beantragen; "
          + "ohne Zustimmung ist die Überschreitung nicht förderfähig.",
        costItem: item, amount: overrun)
    }
  }
}
