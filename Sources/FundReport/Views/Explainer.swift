/// Builds the explanation of any figure of one report from the model it was made from.
struct Explainer: Sendable {
  let input: ReportInput
  /// For a Mittelabruf: `bedarf`.
  let need: Money
  /// Whether a sum of ledger rows lists them (the dashboard has them in its voucher lists already).
  var listsRows = true

  private var figures: GrantFigures { input.figures }
  private var grant: Grant { input.grant }
  private var ledger: GrantLedger { input.ledger }
  private var period: ReportPeriod { input.period }
  private var stichtag: CalendarDate { period.stichtag }
  private var isFinal: Bool { period.kind == .verwendungsnachweis }
  var files: SourcePlaceFinder { SourcePlaceFinder(export: input.export) }

  /// The rows a sum at `place` lists, to be kept whole when the ledger is read; nil when the
  /// figure is no sum of ledger rows.
  static func rowSelection(place: String, grant: Grant, period: DateInterval) -> RowSelection? {
    guard let path = FigurePath(place) else { return nil }
    let stichtag = period.end
    let since = grant.period.start
    let yearStart = CalendarDate.firstDay(ofYear: stichtag.year)
    func scope() -> (costItem: String?, measure: String?) {
      switch (path.segment(0)?.name, path.segment(1)?.key) {
      case ("Finanzen", ("kostenposition", let item)?), ("Ausgaben", ("kostenposition", let item)?): return (item, nil)
      case ("Massnahmen", ("kennung", let measure)?): return (nil, measure)
      default: return (nil, nil)
      }
    }
    let (costItem, measure) = scope()
    func selection(_ start: CalendarDate, _ end: CalendarDate) -> RowSelection {
      RowSelection(paid: DateInterval(start: start, end: end), costItem: costItem, measure: measure)
    }
    let inYear = path.segment(0)?.name == "Jahre"
    switch path.last {
    case "IstQuartal": return selection(period.start, stichtag)
    case "Ist" where !inYear: return selection(period.start, stichtag)
    case "IstJahr": return selection(yearStart, stichtag)
    case "IstKumuliert", "ZuwendungsfaehigKumuliert", "ZuwendungsfaehigBezahlt": return selection(since, stichtag)
    case "Ist":
      guard case ("jahr", let text)? = path.segment(1)?.key, let year = Int(text) else { return nil }
      return selection(
        max(period.start, CalendarDate.firstDay(ofYear: year)),
        min(stichtag, CalendarDate.lastDay(ofYear: year, month: 12)))
    default: return nil
    }
  }

  /// The explanation of the figure at `place`; nil when the report has no such figure.
  func explain(_ place: String) -> Explanation? {
    guard let path = FigurePath(place) else { return nil }
    func make(_ scope: FigureScope, _ value: ExplainedValue, _ method: Explanation.Method) -> Explanation {
      Explanation(place: place, figure: FigureName(name: path.last, scope: scope), value: value, method: method)
    }
    switch path.segment(0)?.name {
    case "Finanzen", "Ausgaben":
      guard let scope = costItemScope(path.segment(1)) else { return nil }
      return figureOfScope(path.last, scope: scope, place: place, path: path).map { make(scope, $0.0, $0.1) }
    case "Massnahmen":
      guard case ("kennung", let id)? = path.segment(1)?.key,
        let measure = ledger.measures.first(where: { $0.id == id })
      else { return nil }
      if path.count == 3 {
        switch path.last {
        case "@phase":
          return make(
            .measure(id), .text(measure.phase.rawValue), .input(inputValue(.massnahmen, measure.line, "phase")))
        case "Bezeichnung":
          return make(.measure(id), .text(measure.title), .input(inputValue(.massnahmen, measure.line, "bezeichnung")))
        default:
          return figureOfScope(path.last, scope: .measure(id), place: place, path: path).map {
            make(.measure(id), $0.0, $0.1)
          }
        }
      }
      return milestoneOrIndicator(path, measure: id, make: make)
    case "Jahre":
      guard case ("jahr", let text)? = path.segment(1)?.key, let year = Int(text) else { return nil }
      return figureOfScope(path.last, scope: .year(year), place: place, path: path).map {
        make(.year(year), $0.0, $0.1)
      }
    case "Mittel":
      if path.segment(1)?.name == "Abrufe" { return drawdownValue(path, make: make) }
      return funds(path.last, place: place).map { make(.grant, $0.0, $0.1) }
    case "Einnahmen":
      return income(path.last).map { make(.grant, $0.0, $0.1) }
    case "Abruf":
      return request(path.last).map { make(.grant, $0.0, $0.1) }
    case "Belegliste":
      return voucherList(path.last).map { make(.voucherList, $0.0, $0.1) }
    case "Pruefergebnisse":
      let severity: Severity
      switch path.last {
      case "@fehler": severity = .fehler
      case "@warnungen": severity = .warnung
      case "@hinweise": severity = .hinweis
      default: return nil
      }
      let listed = input.findings.filter { $0.severity == severity }.map(\.rule.rawValue)
      return make(.findings, .count(listed.count), .count(listed))
    default:
      return nil
    }
  }

  // MARK: Plan and Ist of a cost item, a measure, a year or the whole grant

  private func costItemScope(_ segment: FigurePath.Segment?) -> FigureScope? {
    guard let segment else { return nil }
    if segment.name == "Summe" { return .grant }
    guard case ("kostenposition", let item)? = segment.key, ledger.costItems.contains(item) else { return nil }
    return .costItem(item)
  }

  private func figuresOf(_ scope: FigureScope) -> Figures {
    switch scope {
    case .costItem(let item): return figures.byCostItem[item] ?? Figures()
    case .measure(let measure): return figures.byMeasure[measure] ?? Figures()
    default: return figures.total
    }
  }

  private func filterParts(_ scope: FigureScope) -> (costItem: String?, measure: String?) {
    switch scope {
    case .costItem(let item): return (item, nil)
    case .measure(let measure): return (nil, measure)
    default: return (nil, nil)
    }
  }

  /// A plan, Ist, Abweichung or Auslastung figure of `scope`.
  private func figureOfScope(_ name: String, scope: FigureScope, place: String, path: FigurePath)
    -> (ExplainedValue, Explanation.Method)?
  {
    let (costItem, measure) = filterParts(scope)
    let year = stichtag.year
    let sibling = { (name: String) in path.sibling(name) }
    let statement = period.kind == .zwischennachweis || period.kind == .verwendungsnachweis
    switch name {
    case "PlanGesamt": return planSum(PlanFilter(costItem: costItem, measure: measure, years: nil))
    case "PlanJahr": return planSum(PlanFilter(costItem: costItem, measure: measure, years: year...year))
    case "PlanBisJahr": return planSum(PlanFilter(costItem: costItem, measure: measure, years: Int.min...year))
    case "Plan":
      if case .year(let planYear) = scope {
        return planSum(PlanFilter(costItem: nil, measure: nil, years: planYear...planYear))
      }
      // Zwischennachweis: PlanJahr; Verwendungsnachweis: PlanGesamt (a measure's Plan is always PlanGesamt).
      let wholePlan = isFinal || !statement
      return planSum(PlanFilter(costItem: costItem, measure: measure, years: wholePlan ? nil : year...year))
    case "IstQuartal", "IstJahr", "IstKumuliert", "Ist":
      guard let selection = Self.rowSelection(place: place, grant: grant, period: period.interval)
      else { return nil }
      return ledgerSum(selection)
    case "Abweichung":
      // The operands' values come from the figures (the ledger's day sums): only the figure explained has its
      // rows kept, so an operand's rows may not all be at hand.
      let plan = statement ? "Plan" : "PlanBisJahr"
      let actual = statement ? "Ist" : "IstKumuliert"
      let values = figuresOf(scope)
      guard let (planValue, _) = figureOfScope(plan, scope: scope, place: sibling(plan), path: path),
        case .amount(let planMoney) = planValue
      else { return nil }
      let actualMoney = statement ? values.actualPeriod : values.actualCumulative
      let actualValue = ExplainedValue.amount(actualMoney)
      return (
        .amount(actualMoney - planMoney),
        .formula(
          Formula(
            kind: .difference,
            operands: [
              Operand(place: sibling(actual), name: actual, value: actualValue),
              Operand(place: sibling(plan), name: plan, value: planValue),
            ]))
      )
    case "AuslastungProzent":
      let values = figuresOf(scope)
      guard let utilization = values.utilization else { return nil }
      return (
        .percent(utilization),
        .formula(
          Formula(
            kind: .utilization,
            operands: [
              Operand(place: sibling("IstKumuliert"), name: "IstKumuliert", value: .amount(values.actualCumulative)),
              Operand(place: sibling("PlanGesamt"), name: "PlanGesamt", value: .amount(values.planTotal)),
            ]))
      )
    default:
      return nil
    }
  }

  private func planSum(_ filter: PlanFilter) -> (ExplainedValue, Explanation.Method) {
    let rows = ledger.plan.filter { entry in
      (filter.costItem.map { $0 == entry.costItem } ?? true) && (filter.measure.map { $0 == entry.measure } ?? true)
        && (filter.years.map { $0.contains(entry.year) } ?? true)
    }.sorted { lhs, rhs in lhs.line < rhs.line }
    let records = rows.map {
      SourceRecord(value: $0, place: files.place(ExportLoader.InputFile.finanzplan.rawValue, line: $0.line))
    }
    return (.amount(rows.sum(\.amount)), .planSum(filter, rows: records))
  }

  /// The sum of the eligible amounts that `selection` takes, from the ledger's day sums (complete
  /// however the ledger was read), with the rows kept whole that it takes (complete when the ledger
  /// was read keeping them: ``ExplainedReport`` checks that they add up to the sum).
  private func ledgerSum(_ selection: RowSelection) -> (ExplainedValue, Explanation.Method) {
    var total = Money.zero
    ledger.forEachEligibleDay(through: stichtag) { key, paid, amount in
      if selection.selects(paid: paid, costItem: key.costItem, measure: key.measure) { total += amount }
    }
    return (.amount(total), .ledgerSum(selection, rows: listsRows ? eligibleRows(selection) : []))
  }

  /// The eligible rows kept whole that `selection` takes, in the Belegliste's order (kostenposition,
  /// zahlungsdatum, beleg_nr, line).
  func eligibleRows(_ selection: RowSelection) -> [ExplainedBooking] {
    let byCostItem = eligibleRowsByCostItem(selection)
    return byCostItem.keys.sorted(by: codePointOrder).flatMap { byCostItem[$0] ?? [] }
  }

  /// ``eligibleRows(_:)`` per cost item, each in zahlungsdatum, beleg_nr, line order.
  func eligibleRowsByCostItem(_ selection: RowSelection) -> [String: [ExplainedBooking]] {
    var byCostItem: [String: [ExplainedBooking]] = [:]
    for row in ledger.bookings {
      guard let item = row.costItem, ledger.isEligible(row, at: stichtag), let paid = row.booking.paymentDate,
        selection.selects(paid: paid, costItem: item, measure: row.booking.measure)
      else { continue }
      byCostItem[item, default: []].append(
        ExplainedBooking(booking: row.booking, costItem: item, eligibleAmount: ledger.eligibleAmount(of: row.booking)))
    }
    // Sorted per cost item: the dates compare as numbers, the vouchers only on the same day.
    for item in byCostItem.keys {
      byCostItem[item]?.sort { lhs, rhs in
        let left = lhs.booking.paymentDate ?? stichtag
        let right = rhs.booking.paymentDate ?? stichtag
        if left != right { return left < right }
        if lhs.booking.voucher != rhs.booking.voucher {
          return codePointOrder(lhs.booking.voucher, rhs.booking.voucher)
        }
        return lhs.booking.line < rhs.booking.line
      }
    }
    return byCostItem
  }

  // MARK: Milestones, indicators, drawdowns

  private func milestoneOrIndicator(
    _ path: FigurePath, measure: String, make: (FigureScope, ExplainedValue, Explanation.Method) -> Explanation
  ) -> Explanation? {
    let milestones = ledger.milestones.filter { $0.measure == measure }
    switch (path.segment(2)?.name, path.count) {
    case ("Meilensteine", 4):
      let statuses = milestones.map { ($0, MilestoneStatus(of: $0, at: stichtag)) }
      let listed: [Milestone]
      switch path.last {
      case "@anzahl": listed = milestones
      case "@erreicht": listed = statuses.filter { $0.1 == .reached }.map(\.0)
      case "@ueberfaellig": listed = statuses.filter { $0.1 == .overdue }.map(\.0)
      default: return nil
      }
      let ids = listed.sorted { codePointOrder($0.id, $1.id) }.map(\.id)
      return make(.measure(measure), .count(ids.count), .count(ids))
    case ("Meilensteine", 5):
      guard case ("kennung", let id)? = path.segment(3)?.key, let milestone = milestones.first(where: { $0.id == id })
      else { return nil }
      let scope = FigureScope.milestone(measure: measure, id: id)
      let line = milestone.line
      switch path.last {
      case "Bezeichnung":
        return make(scope, .text(milestone.title), .input(inputValue(.meilensteine, line, "bezeichnung")))
      case "Plandatum":
        return make(scope, .date(milestone.plannedDate), .input(inputValue(.meilensteine, line, "plandatum")))
      case "Istdatum":
        guard let actual = milestone.actualDate, actual <= stichtag else { return nil }
        return make(scope, .date(actual), .input(inputValue(.meilensteine, line, "istdatum")))
      case "Fortschritt":
        return make(scope, .percent(milestone.progress), .input(inputValue(.meilensteine, line, "fortschritt")))
      case "Status":
        return make(
          scope, .text(MilestoneStatus(of: milestone, at: stichtag).rawValue),
          .milestoneStatus(planned: milestone.plannedDate, actual: milestone.actualDate, stichtag: stichtag))
      default: return nil
      }
    case ("Indikatoren", 5):
      guard case ("kennung", let id)? = path.segment(3)?.key,
        let value = QuarterlyReport.latestIndicators(ledger.indicators, measure: measure, at: stichtag).first(where: {
          $0.id == id
        })
      else { return nil }
      let scope = FigureScope.indicator(measure: measure, id: id)
      let line = value.line
      switch path.last {
      case "Bezeichnung": return make(scope, .text(value.title), .input(inputValue(.indikatoren, line, "bezeichnung")))
      case "Einheit": return make(scope, .text(value.unit), .input(inputValue(.indikatoren, line, "einheit")))
      case "Zielwert": return make(scope, .decimal(value.target), .input(inputValue(.indikatoren, line, "zielwert")))
      case "Istwert": return make(scope, .decimal(value.actual), .input(inputValue(.indikatoren, line, "istwert")))
      case "Stichtag": return make(scope, .date(value.date), .input(inputValue(.indikatoren, line, "stichtag")))
      default: return nil
      }
    default:
      return nil
    }
  }

  private func drawdownValue(
    _ path: FigurePath, make: (FigureScope, ExplainedValue, Explanation.Method) -> Explanation
  ) -> Explanation? {
    guard path.count == 4, case ("nr", let number)? = path.segment(2)?.key,
      let drawdown = figures.requestedDrawdowns.first(where: { $0.number == number })
    else { return nil }
    let line = drawdown.line
    switch path.last {
    case "Abrufdatum":
      return make(.drawdown(number), .date(drawdown.requestDate), .input(inputValue(.mittelabrufe, line, "abrufdatum")))
    case "Eingangsdatum":
      guard let received = drawdown.receiptDate, received <= stichtag else { return nil }
      return make(.drawdown(number), .date(received), .input(inputValue(.mittelabrufe, line, "eingangsdatum")))
    case "Betrag":
      return make(.drawdown(number), .amount(drawdown.amount), .input(inputValue(.mittelabrufe, line, "betrag")))
    default: return nil
    }
  }

  private func drawdownSum(_ filter: DrawdownFilter) -> (ExplainedValue, Explanation.Method) {
    let rows = ledger.drawdowns.filter { drawdown in
      switch filter {
      case .receivedBy(let day): return drawdown.receiptDate.map { $0 <= day } ?? false
      case .receivedWithin(let interval): return drawdown.receiptDate.map { interval.contains($0) } ?? false
      case .requestedBy(let day): return drawdown.requestDate <= day
      }
    }.sorted { lhs, rhs in lhs.line < rhs.line }
    let records = rows.map {
      SourceRecord(value: $0, place: files.place(ExportLoader.InputFile.mittelabrufe.rawValue, line: $0.line))
    }
    return (.amount(rows.sum(\.amount)), .drawdownSum(filter, rows: records))
  }

  private func inputValue(_ file: ExportLoader.InputFile, _ line: Int, _ column: String) -> InputValue {
    InputValue(place: files.place(file.rawValue, line: line), column: column)
  }

  // MARK: Mittel, Einnahmen, Abruf, Belegliste

  private func funds(_ name: String, place: String) -> (ExplainedValue, Explanation.Method)? {
    let ist = period.kind == .quartalsbericht ? "Mittel/ZuwendungsfaehigKumuliert" : nil
    switch name {
    case "Foerderquote":
      return (.percent(grant.fundingRate), .input(inputValue(.zuwendung, grant.line, "foerderquote")))
    case "Hoechstbetrag":
      return (.amount(grant.cap), .input(inputValue(.zuwendung, grant.line, "zuwendung_hoechstbetrag")))
    case "ZuwendungsfaehigKumuliert":
      return ledgerSum(RowSelection(paid: DateInterval(start: grant.period.start, end: stichtag)))
    case "BundesanteilKumuliert":
      return federalShare(istPlace: ist, ist: figures.total.actualCumulative, result: figures.federalShareCumulative)
    case "AbgerufenKumuliert":
      return drawdownSum(.receivedBy(stichtag))
    case "Kassenbestand":
      return (
        .amount(figures.drawnCumulative - figures.federalShareCumulative),
        .formula(
          Formula(
            kind: .cash,
            operands: [
              Operand(
                place: "Mittel/AbgerufenKumuliert", name: "AbgerufenKumuliert", value: .amount(figures.drawnCumulative)),
              Operand(
                place: "Mittel/BundesanteilKumuliert", name: "BundesanteilKumuliert",
                value: .amount(figures.federalShareCumulative)),
            ]))
      )
    case "ZinsenAufgelaufen":
      let entries = figures.interest.entries
      return (.amount(entries.sum(\.interest)), .interest(entries, files: files))
    default:
      return nil
    }
  }

  private func federalShare(istPlace: String?, ist: Money, result: Money) -> (ExplainedValue, Explanation.Method) {
    (
      .amount(min(ist.share(grant.fundingRate), grant.cap)),
      .formula(
        Formula(
          kind: .federalShare,
          operands: [
            Operand(place: istPlace, name: "IstKumuliert", value: .amount(ist)),
            Operand(
              place: period.kind == .quartalsbericht ? "Mittel/Foerderquote" : nil, name: "Foerderquote",
              value: .percent(grant.fundingRate)),
            Operand(
              place: period.kind == .quartalsbericht ? "Mittel/Hoechstbetrag" : nil, name: "Hoechstbetrag",
              value: .amount(grant.cap)),
          ]))
    )
  }

  private func income(_ name: String) -> (ExplainedValue, Explanation.Method)? {
    switch name {
    case "Zuwendung":
      return drawdownSum(.receivedWithin(period.interval))
    case "Eigenmittel":
      // The federal share the day before the period began, from the ledger's sums (not from the report's figure).
      let before = ledger.federalShare(at: period.interval.start.adding(days: -1))
      return (
        .amount(figures.total.actualPeriod - (figures.federalShareCumulative - before)),
        .formula(
          Formula(
            kind: .ownFunds,
            operands: [
              Operand(place: "Ausgaben/Summe/Ist", name: "Ist", value: .amount(figures.total.actualPeriod)),
              Operand(
                place: "Mittel/BundesanteilKumuliert", name: "BundesanteilKumuliert",
                value: .amount(figures.federalShareCumulative)),
              Operand(place: nil, name: "BundesanteilVorZeitraum", value: .amount(before)),
            ]))
      )
    case "Summe":
      return (
        .amount(figures.receivedInPeriod + figures.ownFundsOfPeriod),
        .formula(
          Formula(
            kind: .incomeTotal,
            operands: [
              Operand(place: "Einnahmen/Zuwendung", name: "Zuwendung", value: .amount(figures.receivedInPeriod)),
              Operand(place: "Einnahmen/Eigenmittel", name: "Eigenmittel", value: .amount(figures.ownFundsOfPeriod)),
            ]))
      )
    default:
      return nil
    }
  }

  private func request(_ name: String) -> (ExplainedValue, Explanation.Method)? {
    let values = figures.drawdownRequest(grant: grant, stichtag: stichtag, need: need)
    switch name {
    case "ZuwendungsfaehigBezahlt":
      return ledgerSum(RowSelection(paid: DateInterval(start: grant.period.start, end: stichtag)))
    case "BundesanteilBezahlt":
      return federalShare(istPlace: "Abruf/ZuwendungsfaehigBezahlt", ist: values.eligiblePaid, result: values.sharePaid)
    case "BisherAbgerufen":
      return drawdownSum(.requestedBy(stichtag))
    case "Bedarf":
      return (.amount(need), .input(InputValue(place: nil, column: "--bedarf")))
    case "BundesanteilBedarf":
      return (
        .amount(need.share(grant.fundingRate)),
        .formula(
          Formula(
            kind: .shareOfNeed,
            operands: [
              Operand(place: "Abruf/Bedarf", name: "Bedarf", value: .amount(need)),
              Operand(place: nil, name: "Foerderquote", value: .percent(grant.fundingRate)),
            ]))
      )
    case "Abrufbetrag":
      let result = max(
        .zero, min(values.sharePaid + values.shareOfNeed - values.drawnSoFar, grant.cap - values.drawnSoFar))
      return (
        .amount(result),
        .formula(
          Formula(
            kind: .request,
            operands: [
              Operand(
                place: "Abruf/BundesanteilBezahlt", name: "BundesanteilBezahlt", value: .amount(values.sharePaid)),
              Operand(
                place: "Abruf/BundesanteilBedarf", name: "BundesanteilBedarf", value: .amount(values.shareOfNeed)),
              Operand(place: "Abruf/BisherAbgerufen", name: "BisherAbgerufen", value: .amount(values.drawnSoFar)),
              Operand(place: nil, name: "Hoechstbetrag", value: .amount(grant.cap)),
            ]))
      )
    case "Verwendungsfrist":
      return (.text(grant.spendingWindow.description), .input(inputValue(.zuwendung, grant.line, "verwendungsfrist")))
    case "VerwendenBis":
      return (
        .date(grant.spendingWindow.end(from: stichtag)),
        .formula(
          Formula(
            kind: .useBy,
            operands: [
              Operand(place: nil, name: "Stichtag", value: .date(stichtag)),
              Operand(
                place: "Abruf/Verwendungsfrist", name: "Verwendungsfrist",
                value: .text(grant.spendingWindow.description)),
            ]))
      )
    default:
      return nil
    }
  }

  private func voucherList(_ name: String) -> (ExplainedValue, Explanation.Method)? {
    let selection = RowSelection(paid: period.interval)
    switch name {
    case "@anzahl":
      guard case .ledgerSum(let selected, let rows) = ledgerSum(selection).1 else { return nil }
      return (.count(rows.count), .ledgerSum(selected, rows: rows))
    case "@summe":
      return ledgerSum(selection)
    case "@datei", "@sha256":
      return (.text(""), .voucherListFile)
    default:
      return nil
    }
  }
}

/// A place in a report, split into its steps: `Finanzen/Position[kostenposition=personal]/IstKumuliert`.
struct FigurePath: Sendable, Equatable {
  struct Segment: Sendable, Equatable {
    var name: String
    /// The key attribute and its value (`kostenposition`, `personal`).
    var key: (String, String)?

    static func == (lhs: Segment, rhs: Segment) -> Bool {
      lhs.name == rhs.name && lhs.key?.0 == rhs.key?.0 && lhs.key?.1 == rhs.key?.1
    }
  }

  var segments: [Segment]

  init?(_ place: String) {
    var segments: [Segment] = []
    // A key's value may hold `/` (a cost item `a/b`): split only outside brackets.
    var current = ""
    var depth = 0
    for character in place {
      switch character {
      case "[": depth += 1
      case "]": depth -= 1
      case "/" where depth == 0:
        segments.append(Segment(current))
        current = ""
        continue
      default: break
      }
      current.append(character)
    }
    segments.append(Segment(current))
    guard depth == 0, !segments.contains(where: { $0.name.isEmpty }) else { return nil }
    self.segments = segments
  }

  var count: Int { segments.count }
  var last: String { segments.last?.name ?? "" }
  func segment(_ index: Int) -> Segment? { index < segments.count ? segments[index] : nil }

  /// The place of the figure `name` beside this one.
  func sibling(_ name: String) -> String {
    (segments.dropLast().map(\.text) + [name]).joined(separator: "/")
  }
}

extension FigurePath.Segment {
  init(_ text: String) {
    if let open = text.firstIndex(of: "["), text.hasSuffix("]") {
      name = String(text[..<open])
      let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
      if let equals = inner.firstIndex(of: "=") {
        key = (String(inner[..<equals]), String(inner[inner.index(after: equals)...]))
      } else {
        key = nil
        name = text
      }
    } else {
      name = text
      key = nil
    }
  }

  var text: String { name + (key.map { "[\($0.0)=\($0.1)]" } ?? "") }
}
