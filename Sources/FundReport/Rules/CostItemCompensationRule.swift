/// R-POSITION-AUSGLEICH: a cost item exceeded by at most 20 %, made up by
/// savings elsewhere (the grant's total is kept).
struct CostItemCompensationRule: ComplianceRule {
  let id = RuleID.positionAusgleich
  let severity = Severity.warnung
  let legalReference: String? = "ANBest-P Nr. 1.2 / ANBest-Gk"

  func findings(in context: RuleContext) -> [Finding] {
    let total = context.figures.total
    guard total.actualCumulative <= total.planTotal else { return [] }
    return context.ledger.costItems.compactMap { item in
      guard let figures = context.figures.byCostItem[item] else { return nil }
      let plan = figures.planTotal
      let actual = figures.actualCumulative
      guard plan < actual, !CostItemTolerance.isExceeded(actual: actual, plan: plan) else { return nil }
      let overrun = actual - plan
      return finding(
        "Kostenposition \(item): Ist \(actual.display) überschreitet den Plan \(plan.display) um "
          + "\(overrun.display) (bis \(CostItemTolerance.percent) %), ausgeglichen durch Einsparungen in anderen Positionen. "
          + "Den Zuwendungsgeber über die Verschiebung unterrichten.",
        costItem: item, amount: overrun)
    }
  }
}
