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
    let interval = input.period.interval
    let figures = input.figures
    ReportDocument.appendKopf(to: root, input: input)

    // Einnahmen: money received in the period, and the municipality's own share of the period's spending.
    let received = ledger.drawdowns.filter { drawdown in
      drawdown.receiptDate.map { interval.contains($0) } ?? false
    }.sum(\.amount)
    let shareOfPeriod = ledger.federalShare(at: interval.end) - ledger.federalShare(at: interval.start.adding(days: -1))
    let ownFunds = figures.total.actualPeriod - shareOfPeriod
    let income = root.append("Einnahmen")
    income.append("Zuwendung", text: received.xmlValue)
    income.append("Eigenmittel", text: ownFunds.xmlValue)
    income.append("Summe", text: (received + ownFunds).xmlValue)

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
      for (year, amounts) in yearly(input) {
        let element = years.append("Jahr", attributes: ["jahr": String(format4: year)])
        element.append("Plan", text: amounts.plan.xmlValue)
        element.append("Ist", text: amounts.actual.xmlValue)
      }
    }

    let funds = root.append("Mittel")
    funds.append("AbgerufenKumuliert", text: figures.drawnCumulative.xmlValue)
    funds.append("BundesanteilKumuliert", text: figures.federalShareCumulative.xmlValue)
    funds.append("Kassenbestand", text: figures.cash.xmlValue)
    funds.append("ZinsenAufgelaufen", text: input.interest.total.xmlValue)

    let rows = CSVReports.voucherRows(input)
    root.append(
      "Belegliste",
      attributes: [
        "datei": voucherList.name, "sha256": voucherList.sha256, "anzahl": String(rows.count),
        "summe": rows.sum { ledger.eligibleAmount(of: $0.booking) }.xmlValue,
      ])
    ReportDocument.appendFindings(to: root, findings: input.findings)
    return tree
  }

  private static func appendPlanActual(_ plan: Money, _ actual: Money, to element: XMLTree.Element) {
    element.append("Plan", text: plan.xmlValue)
    element.append("Ist", text: actual.xmlValue)
    element.append("Abweichung", text: (actual - plan).xmlValue)
  }

  /// Plan and Ist per year of the plan or with Ist in the period, ascending.
  static func yearly(_ input: ReportInput) -> [(Int, (plan: Money, actual: Money))] {
    var years: [Int: (plan: Money, actual: Money)] = [:]
    for entry in input.ledger.plan { years[entry.year, default: (.zero, .zero)].plan += entry.amount }
    input.ledger.forEachEligibleDay(through: input.period.stichtag) { _, paid, amount in
      guard input.period.interval.contains(paid) else { return }
      years[paid.year, default: (.zero, .zero)].actual += amount
    }
    return years.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }
}

/// The Mittelabruf (outputs.md "Mittelabruf", computation.md "Drawdown request").
enum DrawdownRequestReport {
  struct Figures: Equatable {
    var eligiblePaid: Money
    var sharePaid: Money
    var drawnSoFar: Money
    var need: Money
    var shareOfNeed: Money
    var request: Money
    var useBy: CalendarDate
  }

  static func figures(_ input: ReportInput, need: Money) -> Figures {
    let ledger = input.ledger
    let stichtag = input.period.stichtag
    let grant = ledger.grant
    let eligible = input.figures.total.actualCumulative
    let share = ledger.federalShare(at: stichtag)
    let drawn = ledger.drawdowns.filter { $0.requestDate <= stichtag }.sum(\.amount)
    let shareOfNeed = need.share(grant.fundingRate)
    let request = max(.zero, min(share + shareOfNeed - drawn, grant.cap - drawn))
    return Figures(
      eligiblePaid: eligible, sharePaid: share, drawnSoFar: drawn, need: need, shareOfNeed: shareOfNeed,
      request: request, useBy: grant.spendingWindow.end(from: stichtag))
  }

  static func makeDocument(_ input: ReportInput, need: Money) -> XMLTree {
    let tree = ReportDocument.makeTree(root: .mittelabruf)
    let root = tree.root
    ReportDocument.appendKopf(to: root, input: input)
    let values = figures(input, need: need)
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
