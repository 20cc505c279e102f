/// R-ZINSEN: a drawdown's money was, or still is, unused after its window end.
struct InterestRule: ComplianceRule {
  let id = RuleID.zinsen
  let severity = Severity.warnung
  let legalReference: String? = "§ 49a Abs. 4 VwVfG"

  func findings(in context: RuleContext) -> [Finding] {
    context.interest.entries.compactMap { entry in
      guard entry.interest > .zero else { return nil }
      let drawdown = entry.drawdown
      var parts: [String] = []
      if entry.lateAmount > .zero { parts.append("\(entry.lateAmount.display) wurden erst nach Fristende verwendet") }
      if entry.unusedAmount > .zero {
        parts.append(
          "\(entry.unusedAmount.display) sind zum \(context.stichtag.german) noch nicht verwendet (vorläufig)")
      }
      return finding(
        "Abruf \(drawdown.number) über \(drawdown.amount.display), eingegangen am "
          + "\(drawdown.receiptDate?.german ?? "?"), war bis \(entry.windowEnd.german) zu verwenden "
          + "(Verwendungsfrist \(context.grant.spendingWindow)): \(parts.joined(separator: "; ")). Zinsen "
          + "(\(BaseRate.pointsForInterest.value / 100) Prozentpunkte über dem Basiszinssatz) \(entry.interest.display). "
          + "Mittel künftig bedarfsgerecht abrufen; "
          + "nicht benötigte Mittel zurückzahlen.",
        amount: entry.interest, places: [SourcePlace(file: "mittelabrufe.csv", line: drawdown.line)])
    }
  }
}
