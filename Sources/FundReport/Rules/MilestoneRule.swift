/// R-MEILENSTEIN: a milestone planned before the Stichtag and not reached.
struct MilestoneRule: ComplianceRule {
  let id = RuleID.meilenstein
  let severity = Severity.warnung
  let legalReference: String? = "Zuwendungsbescheid (Zeitplan)"

  func findings(in context: RuleContext) -> [Finding] {
    context.ledger.milestones.compactMap { milestone in
      guard milestone.plannedDate < context.stichtag,
        !(milestone.actualDate.map { $0 <= context.stichtag } ?? false)
      else { return nil }
      let late = milestone.plannedDate.days(to: context.stichtag)
      return finding(
        "Meilenstein \(milestone.id) „\(milestone.title)“ der Maßnahme \(milestone.measure) war für "
          + "\(milestone.plannedDate.german) geplant und ist zum \(context.stichtag.german) nicht erreicht "
          + "(\(late) Tage überfällig, Fortschritt \(milestone.progress.display)). Zeitplan mit dem "
          + "Zuwendungsgeber abstimmen.",
        measure: milestone.measure,
        places: [SourcePlace(file: "meilensteine.csv", line: milestone.line)])
    }
  }
}
