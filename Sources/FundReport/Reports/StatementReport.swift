import XMLSupport

/// The Zwischennachweis and the Verwendungsnachweis (outputs.md,
/// "Zwischennachweis and Verwendungsnachweis").
enum StatementReport {
  /// - Parameter voucherList: the delivery's Belegliste: its file name and bytes.
  static func makeDocument(_ input: ReportInput, voucherList: Delivery.File) -> XMLTree {
    let isFinal = input.period.kind == .verwendungsnachweis
    let tree = ReportDocument.makeTree(root: input.period.kind)
    let root = tree.root
    let ledger = input.ledger
    let figures = input.figures
    ReportDocument.appendKopf(to: root, input: input)

    // Einnahmen: money received in the period, and the municipality's own share of the period's spending.
    let income = root.append("Einnahmen")
    income.append("Zuwendung", text: figures.receivedInPeriod.xmlValue)
    income.append("Eigenmittel", text: figures.ownFundsOfPeriod.xmlValue)
    income.append("Summe", text: (figures.receivedInPeriod + figures.ownFundsOfPeriod).xmlValue)

    func plan(_ figures: Figures) -> Money { isFinal ? figures.planTotal : figures.planYear }
    let spending = root.append("Ausgaben")
    for item in ledger.costItems {
      let itemFigures = figures.byCostItem[item] ?? Figures()
      appendPlanActual(
        plan(itemFigures), itemFigures.actualPeriod,
        to: spending.append("Position", attributes: ["kostenposition": item]))
    }
    appendPlanActual(plan(figures.total), figures.total.actualPeriod, to: spending.append("Summe"))

    if isFinal {
      let measures = root.append("Massnahmen")
      for measure in ledger.measures {
        let measureFigures = figures.byMeasure[measure.id] ?? Figures()
        let element = measures.append(
          "Massnahme", attributes: ["kennung": measure.id, "phase": measure.phase.rawValue])
        element.append("Bezeichnung", text: measure.title)
        appendPlanActual(measureFigures.planTotal, measureFigures.actualPeriod, to: element)
      }
      let years = root.append("Jahre")
      for year in figures.years {
        let element = years.append("Jahr", attributes: ["jahr": String(format4: year.year)])
        element.append("Plan", text: year.plan.xmlValue)
        element.append("Ist", text: year.actual.xmlValue)
      }
    }

    let funds = root.append("Mittel")
    funds.append("AbgerufenKumuliert", text: figures.drawnCumulative.xmlValue)
    funds.append("BundesanteilKumuliert", text: figures.federalShareCumulative.xmlValue)
    funds.append("Kassenbestand", text: figures.cash.xmlValue)
    funds.append("ZinsenAufgelaufen", text: figures.interest.total.xmlValue)

    root.append(
      "Belegliste",
      attributes: [
        "datei": voucherList.name, "sha256": voucherList.sha256, "anzahl": String(figures.periodRows.count),
        "summe": figures.periodRowsTotal.xmlValue,
      ])
    ReportDocument.appendFindings(to: root, findings: input.findings)
    return tree
  }

  private static func appendPlanActual(_ plan: Money, _ actual: Money, to element: XMLTree.Element) {
    element.append("Plan", text: plan.xmlValue)
    element.append("Ist", text: actual.xmlValue)
    element.append("Abweichung", text: (actual - plan).xmlValue)
  }
}

/// The Mittelabruf (outputs.md "Mittelabruf", computation.md "Drawdown request").
enum DrawdownRequestReport {
  static func makeDocument(_ input: ReportInput, need: Money) -> XMLTree {
    let tree = ReportDocument.makeTree(root: .mittelabruf)
    let root = tree.root
    ReportDocument.appendKopf(to: root, input: input)
    let values = input.figures.drawdownRequest(grant: input.grant, stichtag: input.period.stichtag, need: need)
    let request = root.append("Abruf")
    request.append("ZuwendungsfaehigBezahlt", text: values.eligiblePaid.xmlValue)
    request.append("BundesanteilBezahlt", text: values.sharePaid.xmlValue)
    request.append("BisherAbgerufen", text: values.drawnSoFar.xmlValue)
    request.append("Bedarf", text: values.need.xmlValue)
    request.append("BundesanteilBedarf", text: values.shareOfNeed.xmlValue)
    request.append("Abrufbetrag", text: values.request.xmlValue)
    request.append("Verwendungsfrist", text: input.grant.spendingWindow.description)
    request.append("VerwendenBis", text: values.useBy.iso)
    ReportDocument.appendFindings(to: root, findings: input.findings)
    return tree
  }
}
