/// How far a single cost item may exceed its plan when savings elsewhere make up for it
/// (ANBest-P Nr. 1.2 / ANBest-Gk): R-POSITION-20 and R-POSITION-AUSGLEICH share it.
enum CostItemTolerance {
  /// 20 %.
  static let percent: Int64 = 20

  /// IstKumuliert > (100 + 20) % of PlanGesamt, exactly in cents: 100 × Ist > 120 × Plan.
  static func isExceeded(actual: Money, plan: Money) -> Bool {
    actual.cents * 100 > plan.cents * (100 + percent)
  }
}

/// R-POSITION-20: a cost item exceeded by more than 20 % of its plan.
struct CostItemOverrunRule: ComplianceRule {
  let id = RuleID.position20
  let severity = Severity.fehler
  let legalReference: String? = "ANBest-P Nr. 1.2 / ANBest-Gk"

  func findings(in context: RuleContext) -> [Finding] {
    context.ledger.costItems.compactMap { item in
      guard let figures = context.figures.byCostItem[item] else { return nil }
      let plan = figures.planTotal
      let actual = figures.actualCumulative
      guard CostItemTolerance.isExceeded(actual: actual, plan: plan) else { return nil }
      let overrun = actual - plan
      return finding(
        "Kostenposition \(item): Ist \(actual.display) überschreitet den Plan \(plan.display) um "
          + "\(overrun.display), mehr als die zulässigen \(CostItemTolerance.percent) %. Änderung des Finanzierungsplans beantragen; "
          + "ohne Zustimmung ist die Überschreitung nicht förderfähig.",
        costItem: item, amount: overrun)
    }
  }
}
