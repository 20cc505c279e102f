import XMLSupport

/// The Quartalsbericht XML (outputs.md, "Quartalsbericht").
enum QuarterlyReport {
  static func makeDocument(_ input: ReportInput) -> XMLTree {
    let tree = ReportDocument.makeTree(root: .quartalsbericht)
    let root = tree.root
    ReportDocument.appendKopf(to: root, input: input)
    appendFinances(to: root, input: input)
    appendMeasures(to: root, input: input)
    appendFunds(to: root, input: input)
    ReportDocument.appendFindings(to: root, findings: input.findings)
    return tree
  }

  private static func appendFinances(to root: XMLTree.Element, input: ReportInput) {
    let finances = root.append("Finanzen")
    for item in input.ledger.costItems {
      appendFigures(
        input.figures.byCostItem[item] ?? Figures(),
        to: finances.append("Position", attributes: ["kostenposition": item]))
    }
    appendFigures(input.figures.total, to: finances.append("Summe"))
  }

  private static func appendFigures(_ figures: Figures, to element: XMLTree.Element) {
    element.append("PlanGesamt", text: figures.planTotal.xmlValue)
    element.append("PlanJahr", text: figures.planYear.xmlValue)
    element.append("PlanBisJahr", text: figures.planToYear.xmlValue)
    element.append("IstQuartal", text: figures.actualPeriod.xmlValue)
    element.append("IstJahr", text: figures.actualYear.xmlValue)
    element.append("IstKumuliert", text: figures.actualCumulative.xmlValue)
    element.append("Abweichung", text: figures.deviation.xmlValue)
    element.appendIfPresent("AuslastungProzent", text: figures.utilization?.xmlValue)
  }

  private static func appendMeasures(to root: XMLTree.Element, input: ReportInput) {
    let stichtag = input.period.stichtag
    let measures = root.append("Massnahmen")
    for measure in input.ledger.measures {
      let figures = input.figures.byMeasure[measure.id] ?? Figures()
      let element = measures.append("Massnahme", attributes: ["kennung": measure.id, "phase": measure.phase.rawValue])
      element.append("Bezeichnung", text: measure.title)
      element.append("PlanGesamt", text: figures.planTotal.xmlValue)
      element.append("IstQuartal", text: figures.actualPeriod.xmlValue)
      element.append("IstKumuliert", text: figures.actualCumulative.xmlValue)

      let milestones = input.ledger.milestones.filter { $0.measure == measure.id }.sorted {
        $0.plannedDate != $1.plannedDate ? $0.plannedDate < $1.plannedDate : codePointOrder($0.id, $1.id)
      }
      let statuses = milestones.map { MilestoneStatus(of: $0, at: stichtag) }
      let list = element.append(
        "Meilensteine",
        attributes: [
          "anzahl": String(milestones.count),
          "erreicht": String(statuses.count { $0 == .reached }),
          "ueberfaellig": String(statuses.count { $0 == .overdue }),
        ])
      for (milestone, status) in zip(milestones, statuses) {
        let item = list.append("Meilenstein", attributes: ["kennung": milestone.id])
        item.append("Bezeichnung", text: milestone.title)
        item.append("Plandatum", text: milestone.plannedDate.iso)
        if let actual = milestone.actualDate, actual <= stichtag { item.append("Istdatum", text: actual.iso) }
        item.append("Fortschritt", text: milestone.progress.xmlValue)
        item.append("Status", text: status.rawValue)
      }

      let indicators = element.append("Indikatoren")
      for value in latestIndicators(input.ledger.indicators, measure: measure.id, at: stichtag) {
        let item = indicators.append("Indikator", attributes: ["kennung": value.id])
        item.append("Bezeichnung", text: value.title)
        item.append("Einheit", text: value.unit)
        item.append("Zielwert", text: value.target.xmlValue)
        item.append("Istwert", text: value.actual.xmlValue)
        item.append("Stichtag", text: value.date.iso)
      }
    }
  }

  /// Per indicator of `measure`, its latest value with stichtag ≤ `date`, sorted by kennung.
  static func latestIndicators(_ values: [IndicatorValue], measure: String, at date: CalendarDate) -> [IndicatorValue] {
    var latest: [String: IndicatorValue] = [:]
    for value in values where value.measure == measure && value.date <= date {
      if let current = latest[value.id], current.date >= value.date { continue }
      latest[value.id] = value
    }
    return latest.values.sorted { codePointOrder($0.id, $1.id) }
  }

  private static func appendFunds(to root: XMLTree.Element, input: ReportInput) {
    let stichtag = input.period.stichtag
    let grant = input.grant
    let figures = input.figures
    let funds = root.append("Mittel")
    funds.append("Foerderquote", text: grant.fundingRate.xmlValue)
    funds.append("Hoechstbetrag", text: grant.cap.xmlValue)
    funds.append("ZuwendungsfaehigKumuliert", text: figures.total.actualCumulative.xmlValue)
    funds.append("BundesanteilKumuliert", text: figures.federalShareCumulative.xmlValue)
    funds.append("AbgerufenKumuliert", text: figures.drawnCumulative.xmlValue)
    funds.append("Kassenbestand", text: figures.cash.xmlValue)
    funds.append("ZinsenAufgelaufen", text: figures.interest.total.xmlValue)
    let requests = funds.append("Abrufe")
    for drawdown in figures.requestedDrawdowns {
      let element = requests.append("Abruf", attributes: ["nr": drawdown.number])
      element.append("Abrufdatum", text: drawdown.requestDate.iso)
      if let received = drawdown.receiptDate, received <= stichtag {
        element.append("Eingangsdatum", text: received.iso)
      }
      element.append("Betrag", text: drawdown.amount.xmlValue)
    }
  }
}

/// A milestone's status at a Stichtag (outputs.md).
enum MilestoneStatus: String {
  case reached = "erreicht"
  case overdue = "ueberfaellig"
  case open = "offen"

  init(of milestone: Milestone, at stichtag: CalendarDate) {
    if let actual = milestone.actualDate, actual <= stichtag {
      self = .reached
    } else if milestone.plannedDate < stichtag {
      self = .overdue
    } else {
      self = .open
    }
  }
}
