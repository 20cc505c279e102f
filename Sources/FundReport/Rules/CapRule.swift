/// R-HOECHSTBETRAG: the federal share before the cap exceeds the Höchstbetrag.
struct CapRule: ComplianceRule {
  let id = RuleID.hoechstbetrag
  let severity = Severity.warnung
  let legalReference: String? = "Zuwendungsbescheid"

  func findings(in context: RuleContext) -> [Finding] {
    let share = context.figures.total.actualCumulative.share(context.grant.fundingRate)
    guard share > context.grant.cap else { return [] }
    let excess = share - context.grant.cap
    return [
      finding(
        "Der Bundesanteil \(share.display) (\(context.grant.fundingRate.display) der zuwendungsfähigen Ausgaben) "
          + "übersteigt den Höchstbetrag \(context.grant.cap.display) um \(excess.display); gefördert wird "
          + "höchstens der Höchstbetrag, der Rest ist aus Eigenmitteln zu tragen.",
        amount: excess)
    ]
  }
}
