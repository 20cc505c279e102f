/// The dashboard's pages: `index.html` (a card per grant) and `<FKZ>.html` per grant. Figures carry
/// `data-figure` (and `data-cost-item`) attributes with the interface's value, so that a test or a
/// program can compare the page with the deliveries.
struct DashboardPages {
  let dashboard: Dashboard
  let language: Language

  private func say(_ label: DashboardLabel) -> String { language.text(.dashboard(label)) }

  /// The file of a grant's page.
  static func pageName(_ grantID: String) -> String { GrantFolder.name(of: grantID) + ".html" }

  /// The calendar file of every due date.
  static let calendarName = "fristen.ics"

  /// Every file of the site by name: the pages, the calendar, and per finding with more places than a
  /// page shows a CSV of all of them.
  func pages() -> [(name: String, bytes: [UInt8])] {
    // A grant's files are its own work: two halves of the grants at the same time.
    func files(_ views: ArraySlice<Dashboard.GrantView>) -> [(name: String, bytes: [UInt8])] {
      views.flatMap { view in
        [(Self.pageName(view.grant.id), grantPage(view))]
          + view.findings.enumerated().filter { $0.element.places.count > Dashboard.placesShown }.map { index, item in
            (
              Self.placesName(view.grant.id, index: index, rule: item.finding.rule.rawValue),
              ExplainedFinding.Place.csv(item.places)
            )
          }
          + view.vouchers.enumerated().filter { !$0.element.rows.isEmpty }.map { index, list in
            (
              Self.vouchersName(view.grant.id, index: index, costItem: list.costItem),
              ExplainedBooking.csv(list.rows, files: SourcePlaceFinder(export: view.input.export))
            )
          }
      }
    }
    let grants = dashboard.grants
    let middle = grants.count / 2
    let (first, second) = Concurrently.both({ files(grants[..<middle]) }, { files(grants[middle...]) })
    var files: [(name: String, bytes: [UInt8])] = [("index.html", index())] + first + second
    files.append(
      (
        Self.calendarName,
        DeadlineTable.iCalendar(dashboard.dues, stamp: Timestamp(startOf: dashboard.asOf), language: language)
      ))
    return files
  }

  /// `MPSC-2021-WUP-B_R-KONTO_1.csv`: the places of a grant's `index`-th finding.
  static func placesName(_ grantID: String, index: Int, rule: String) -> String {
    GrantFolder.name(of: grantID) + "_" + rule + "_" + String(index + 1) + ".csv"
  }

  /// `MPSC-2021-WUP-B_Belege_1_personal.csv`: the vouchers of a grant's `index`-th cost item (numbered,
  /// as two cost items may differ only in letters a file name cannot hold).
  static func vouchersName(_ grantID: String, index: Int, costItem: String) -> String {
    GrantFolder.name(of: grantID) + "_Belege_" + String(index + 1) + "_" + GrantFolder.name(of: costItem) + ".csv"
  }

  // MARK: Start page

  func index() -> [UInt8] {
    let title = say(.siteTitle(asOf: dashboard.asOf))
    var body = "<h1>\(HTML.escape(title))</h1>\n<div class=\"cards\">\n"
    for view in dashboard.grants { body += card(view) }
    body += "</div>\n"
    for (grant, start) in dashboard.notStarted {
      body += "<p>\(HTML.escape(language.text(.outlookNotStarted(grant: grant, start: start))))</p>\n"
    }
    body += "<p>\(HTML.escape(say(.madeBy(FundReportVersion.current))))</p>"
    return HTML.page(language: language, title: title, body: body)
  }

  private func figure(_ name: String, _ value: Money) -> String {
    "<dt>\(HTML.escape(say(.figure(name))))</dt><dd class=\"num\" data-figure=\"\(name)\" data-value=\"\(value.xmlValue)\">"
      + "\(HTML.escape(value.display))</dd>"
  }

  private func card(_ view: Dashboard.GrantView) -> String {
    let grant = view.grant
    let figures = view.figures
    let id = GrantFolder.name(of: grant.id)
    var html = "<article class=\"card\" aria-labelledby=\"g-\(id)\" data-grant=\"\(HTML.escape(grant.id))\">"
    html +=
      "<h2 id=\"g-\(id)\" class=\"first\"><a href=\"\(Self.pageName(grant.id))\">\(HTML.escape(grant.id))</a></h2>"
    html += "<p>\(light(view))</p><dl>"
    html += "<dt>\(HTML.escape(say(.programme)))</dt><dd>\(HTML.escape(grant.programme))</dd>"
    html += "<dt>\(HTML.escape(say(.period)))</dt><dd>\(grant.period.start.german) – \(grant.period.end.german)</dd>"
    html += figure("Hoechstbetrag", grant.cap) + figure("BundesanteilKumuliert", figures.federalShareCumulative)
    html += figure("AbgerufenKumuliert", figures.drawnCumulative) + figure("Kassenbestand", figures.cash)
    html += figure("ZinsenAufgelaufen", figures.interest.total)
    html += "<dt>\(HTML.escape(say(.findings)))</dt><dd>" + severityCounts(view) + "</dd>"
    let next = view.dues.first.map { "\($0.kind.rawValue) \($0.period): \($0.due.german)" } ?? say(.none)
    html += "<dt>\(HTML.escape(say(.nextDue)))</dt><dd>\(HTML.escape(next))</dd>"
    return html + "</dl></article>\n"
  }

  private func severityCounts(_ view: Dashboard.GrantView) -> String {
    [Severity.fehler, .warnung, .hinweis].map { severity in
      "<span data-severity=\"\(severity.name)\" data-count=\"\(view.count(severity))\">"
        + HTML.escape(language.counted(view.count(severity), severity.countedNoun)) + "</span>"
    }.joined(separator: ", ")
  }

  /// The traffic light, in words as well as colour, with why it is not green.
  private func light(_ view: Dashboard.GrantView) -> String {
    let (style, label): (String, DashboardLabel)
    switch view.light {
    case .red: (style, label) = ("rot", .red)
    case .yellow: (style, label) = ("gelb", .yellow)
    case .green: (style, label) = ("gruen", .green)
    }
    var reasons: [String] = []
    let rules = { (severity: Severity) in
      Array(Set(view.input.findings.filter { $0.severity == severity }.map(\.rule.rawValue))).sorted()
    }
    if view.count(.fehler) > 0 { reasons.append(say(.reasonErrors(rules(.fehler)))) }
    if view.count(.warnung) > 0 { reasons.append(say(.reasonWarnings(rules(.warnung)))) }
    if view.figures.interest.total > .zero { reasons.append(say(.reasonInterest(view.figures.interest.total))) }
    return "<span class=\"light \(style)\">\(HTML.escape(say(label)))</span> "
      + HTML.escape(reasons.isEmpty ? say(.allClear) : reasons.joined(separator: "; "))
  }

  // MARK: Grant page

  func grantPage(_ view: Dashboard.GrantView) -> [UInt8] {
    let grant = view.grant
    let title = say(.grantTitle(grant: grant.id, recipient: grant.recipient, asOf: dashboard.asOf))
    var body = "<nav><a href=\"index.html\">\(HTML.escape(say(.backToIndex)))</a></nav>\n"
    body += "<h1>\(HTML.escape(title))</h1>\n<p>\(light(view))</p>\n"
    body += findingsSection(view)
    body += fundsSection(view)
    body += costItemSection(view)
    body += yearsSection(view)
    body += cashSection(view)
    body += progressSection(view)
    body += "<h2>\(HTML.escape(language.text(.outlookSection(.drawdowns))))</h2>\n"
    let outlook = OutlookView(
      outlook: Outlook(grants: [view.outlook], notStarted: []), language: language
    ).table().dropFirst(2)
    body += "<pre>\(HTML.escape(outlook.joined(separator: "\n")))</pre>\n"
    body += deliveriesSection(view)
    body += "<h2>\(HTML.escape(say(.deadlines)))</h2>\n"
    body += "<p><a href=\"\(Self.calendarName)\">\(HTML.escape(say(.calendarFile)))</a></p>\n"
    body += HTML.table(
      caption: say(.deadlines),
      header: [TableColumn.report, .period, .dueOn, .delivery].map { language.text(.column($0)) },
      rows: view.dues.map {
        [$0.kind.rawValue, $0.period, $0.due.german, language.text(.deliveryState($0.state))]
      })
    return HTML.page(language: language, title: title, body: body)
  }

  /// The register's deliveries of the grant, as `history` lists them, with how to compare two versions.
  private func deliveriesSection(_ view: Dashboard.GrantView) -> String {
    var html = "<h2>\(HTML.escape(say(.deliveries)))</h2>\n"
    guard !view.history.isEmpty else { return html + "<p>\(HTML.escape(say(.noDeliveries)))</p>\n" }
    let table = HistoryRow.table(view.history, language: language)
    html += HTML.table(
      caption: say(.deliveries), header: Array(table[0].dropFirst()),
      rows: table.dropFirst().map { Array($0.dropFirst()) })
    html += "<p>\(HTML.escape(say(.compareVersions)))</p>\n"
    return html + changesSection(view.changes)
  }

  /// A change's figures shown on the page; the rest are counted (`fundreport diff` lists them all).
  static let changesShown = 40

  /// Per pair of consecutive versions of a report, the figures and findings that differ.
  private func changesSection(_ changes: [VersionChange]) -> String {
    guard !changes.isEmpty else { return "" }
    var html = "<h3>\(HTML.escape(say(.changes)))</h3>\n"
    func name(_ label: HistoryRow.Label) -> String {
      say(.version(label.version, created: label.created, replaced: label.replaced))
    }
    for change in changes {
      let difference = change.difference
      let caption = say(.change(kind: change.kind, period: change.period, old: name(change.old), new: name(change.new)))
      html += "<section class=\"change\">"
      if !difference.figures.isEmpty {
        let shown = difference.figures.prefix(Self.changesShown)
        html += HTML.table(
          caption: caption, header: [say(.changedFigure), say(.oldValue), say(.newValue), say(.difference)],
          rows: shown.map { figure in
            [
              figure.place, figure.old.map(DeliveryDiff.FigureChange.display) ?? "–",
              figure.new.map(DeliveryDiff.FigureChange.display) ?? "–",
              figure.difference.map { ($0.cents > 0 ? "+" : "") + $0.grouped } ?? "",
            ]
          }, numeric: [1, 2, 3])
        if shown.count < difference.figures.count {
          html += "<p>\(HTML.escape(say(.moreChanges(difference.figures.count - shown.count))))</p>"
        }
      } else {
        html += "<p>\(HTML.escape(caption))</p>"
      }
      let findings =
        difference.findingsAdded.map { (true, $0) } + difference.findingsRemoved.map { (false, $0) }
      if !findings.isEmpty {
        html += "<ul>"
        for (added, line) in findings {
          let text = language.text(
            .diffFinding(added: added, rule: line.rule, severity: line.severity, message: line.message))
          html += "<li>\(HTML.escape(String(text.drop { $0 == " " })))</li>"
        }
        html += "</ul>"
      }
      html += "</section>\n"
    }
    return html
  }

  private func findingsSection(_ view: Dashboard.GrantView) -> String {
    var html = "<h2 class=\"first\">\(HTML.escape(say(.action)))</h2>\n"
    if view.findings.isEmpty { return html + "<p>\(HTML.escape(language.text(.noFindings)))</p>\n" }
    for item in view.findings {
      let finding = item.finding
      html += "<section class=\"finding \(finding.severity.name)\" data-rule=\"\(finding.rule.rawValue)\">"
      html +=
        "<h3>"
        + HTML.escape(
          language.text(
            .findingHeading(rule: finding.rule.rawValue, severity: finding.severity.name, amount: finding.amount)))
        + "</h3>"
      html += "<p>\(HTML.escape(finding.message))</p>"
      if let reference = finding.legalReference { html += "<p>\(HTML.escape(reference))</p>" }
      if !item.places.isEmpty {
        let shown = item.places.prefix(Dashboard.placesShown)
        let header = [ViewColumn.file, .line, .spreadsheetRow, .voucher, .paymentDate, .payee, .purpose, .gross]
        html += HTML.table(
          caption: say(.places(item.places.count)), header: header.map { language.text(.column($0)) },
          rows: shown.map(placeCells), numeric: [1, 2, 7])
        if shown.count < item.places.count {
          let index = view.findings.firstIndex { $0.finding == item.finding } ?? 0
          html +=
            "<p><a href=\"\(Self.placesName(view.grant.id, index: index, rule: finding.rule.rawValue))\">"
            + "\(HTML.escape(say(.morePlaces(item.places.count - shown.count, rule: finding.rule.rawValue))))</a></p>"
        }
      }
      html += "</section>\n"
    }
    return html
  }

  /// A place as the page's table shows it: file, line, Tabellenzeile, beleg_nr, Zahlungsdatum, payee, purpose, brutto.
  private func placeCells(_ place: ExplainedFinding.Place) -> [String] {
    let cells = place.cells(amount: \.display)
    return [0, 1, 2, 3, 5, 8, 9, 10].map { cells[$0] }
  }

  /// The Mittel figures, each with its explanation as `explain` gives it.
  private func fundsSection(_ view: Dashboard.GrantView) -> String {
    var explainer = Explainer(input: view.input, need: .zero)
    explainer.listsRows = false
    var html = "<h2>\(HTML.escape(say(.funds)))</h2>\n<table><caption>\(HTML.escape(say(.funds)))</caption><thead><tr>"
    html += "<th scope=\"col\">\(HTML.escape(language.text(.column(.name))))</th>"
    html += "<th scope=\"col\" class=\"num\">\(HTML.escape(language.text(.column(.value))))</th>"
    html += "<th scope=\"col\">\(HTML.escape(say(.howComputed)))</th></tr></thead><tbody>"
    for name in [
      "Foerderquote", "Hoechstbetrag", "ZuwendungsfaehigKumuliert", "BundesanteilKumuliert", "AbgerufenKumuliert",
      "Kassenbestand", "ZinsenAufgelaufen",
    ] {
      guard let explanation = explainer.explain("Mittel/" + name) else { continue }
      html += "<tr id=\"\(name)\"><th scope=\"row\">\(HTML.escape(name))</th>"
      html +=
        "<td class=\"num\" data-figure=\"\(name)\" data-value=\"\(HTML.escape(explanation.value.xmlValue))\">"
        + "\(HTML.escape(explanation.value.display))</td><td>\(explain(explanation))"
      if name == "ZuwendungsfaehigKumuliert" {
        let links = view.vouchers.indices.map { index in
          (view.vouchers[index].costItem, voucherLink(view, index))
        }.filter { !$0.1.isEmpty }
        html += links.map { "<br>" + HTML.escape($0.0) + ": " + $0.1 }.joined()
      }
      html += "</td></tr>"
    }
    return html + "</tbody></table>\n"
  }

  /// An explanation in a few lines: the formula with its numbers, the rows' description, or the interest per drawdown.
  private func explain(_ explanation: Explanation) -> String {
    switch explanation.method {
    case .formula(let formula):
      return HTML.escape(FormulaText.definition(formula, result: explanation.figure.name)) + "<br>"
        + HTML.escape("= " + FormulaText.calculation(formula, result: explanation.value))
    case .ledgerSum(let selection, _):
      // The rows are in the voucher lists that the figure links to.
      return HTML.escape(language.text(.sumOfLedger(selection, rows: nil)))
    case .drawdownSum(let filter, let rows):
      return HTML.escape(language.text(.sumOfDrawdowns(filter, rows: rows.count)))
    case .planSum(let filter, let rows):
      return HTML.escape(language.text(.sumOfPlan(filter, rows: rows.count)))
    case .interest(let entries, _):
      let charged = entries.filter { !$0.portions.isEmpty }
      guard !charged.isEmpty else { return HTML.escape(language.text(.interestNone(entries.map(\.drawdown.number)))) }
      return charged.map { HTML.escape(InterestText.summary($0, language: language)) }.joined(separator: "<br>")
    case .input(let value): return HTML.escape(language.text(.inputValue(value)))
    case .count(let items): return HTML.escape(language.text(.countOf(items)))
    case .milestoneStatus(let planned, let actual, let stichtag):
      return HTML.escape(language.text(.milestoneStatusRule(planned: planned, actual: actual, stichtag: stichtag)))
    case .voucherListFile: return HTML.escape(language.text(.voucherListFile))
    }
  }

  /// The link to the CSV of the `index`-th cost item's vouchers, with how many there are.
  private func voucherLink(_ view: Dashboard.GrantView, _ index: Int) -> String {
    guard index < view.vouchers.count, !view.vouchers[index].rows.isEmpty else { return "" }
    let list = view.vouchers[index]
    return "<a href=\"\(HTML.escape(Self.vouchersName(view.grant.id, index: index, costItem: list.costItem)))\">"
      + HTML.escape(say(.voucherList(list.rows.count))) + "</a>"
  }

  /// Plan against Ist per cost item: a table, and a bar chart with the 100 % and 120 % marks whose
  /// text alternative is that table.
  private func costItemSection(_ view: Dashboard.GrantView) -> String {
    let items = view.input.ledger.costItems
    let rows = items.map { item -> (String, Money, Money) in
      let values = view.figures.byCostItem[item] ?? Figures()
      return (item, values.planTotal, values.actualCumulative)
    }
    var html = "<h2>\(HTML.escape(say(.costItems)))</h2>\n"
    let largest = rows.map { max($0.1.cents * 12 / 10, $0.2.cents) }.max() ?? 0
    let width = 600
    let left = 140
    let barHeight = 18
    let height = rows.count * (barHeight * 2 + 12) + 30
    html +=
      HTML.chartStart(label: say(.chartCostItems), width: left + width + 20, height: height)
    func x(_ cents: Int64) -> Int { largest > 0 ? Int(cents * Int64(width) / largest) : 0 }
    for (index, (item, plan, actual)) in rows.enumerated() {
      let top = index * (barHeight * 2 + 12) + 10
      html += "<text x=\"0\" y=\"\(top + barHeight)\">\(HTML.escape(item))</text>"
      html +=
        "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(x(plan.cents))\" height=\"\(barHeight)\" fill=\"#bbb\" stroke=\"#333\"/>"
      html +=
        "<rect x=\"\(left)\" y=\"\(top + barHeight)\" width=\"\(x(actual.cents))\" height=\"\(barHeight)\" "
        + "fill=\"#1a1a1a\"/>"
      for (percent, dash) in [(100, "none"), (120, "4 3")] {
        let mark = left + x(plan.cents * Int64(percent) / 100)
        html +=
          "<line x1=\"\(mark)\" x2=\"\(mark)\" y1=\"\(top - 3)\" y2=\"\(top + barHeight * 2 + 3)\" stroke=\"#8b0000\" "
          + "stroke-width=\"2\" stroke-dasharray=\"\(dash)\"/>"
      }
    }
    html += "</svg><figcaption>\(HTML.escape(say(.chartLegend)))</figcaption></figure>\n"
    html += "<table><caption>\(HTML.escape(say(.costItems)))</caption><thead><tr>"
    for (index, heading) in [ViewColumn.costItem, .planAmount, .eligible, .utilization].enumerated() {
      html +=
        "<th scope=\"col\"\(index > 0 ? " class=\"num\"" : "")>\(HTML.escape(language.text(.column(heading))))</th>"
    }
    html += "<th scope=\"col\">\(HTML.escape(say(.vouchers)))</th></tr></thead><tbody>"
    for (index, (item, plan, actual)) in rows.enumerated() {
      let share =
        plan.cents > 0
        ? Hundredths(Rounding.divideRoundingHalfAwayFromZero(actual.cents * 10_000, by: plan.cents)).display : ""
      html += "<tr><th scope=\"row\">\(HTML.escape(item))</th>"
      html +=
        "<td class=\"num\" data-figure=\"PlanGesamt\" data-cost-item=\"\(HTML.escape(item))\" "
        + "data-value=\"\(plan.xmlValue)\">\(HTML.escape(plan.display))</td>"
      html +=
        "<td class=\"num\" data-figure=\"IstKumuliert\" data-cost-item=\"\(HTML.escape(item))\" "
        + "data-value=\"\(actual.xmlValue)\">\(HTML.escape(actual.display))</td>"
      html += "<td class=\"num\">\(HTML.escape(share))</td><td>\(voucherLink(view, index))</td></tr>"
    }
    return html + "</tbody></table>\n"
  }
}

extension Severity {
  var countedNoun: CountedNoun {
    switch self {
    case .fehler: return .fehler
    case .warnung: return .warnung
    case .hinweis: return .hinweis
    }
  }
}

extension DashboardPages {
  /// Cumulative eligible spending against the cumulative plan, year by year: a chart and its table.
  fileprivate func yearsSection(_ view: Dashboard.GrantView) -> String {
    var planned = Money.zero
    var spent = Money.zero
    let rows = view.figures.years.map { year -> (Int, Money, Money) in
      planned += year.plan
      spent += year.actual
      return (year.year, planned, spent)
    }
    let largest = rows.map { max($0.1.cents, $0.2.cents) }.max() ?? 0
    let (left, height, column) = (60, 220, 70)
    let width = left + rows.count * column + 20
    func y(_ cents: Int64) -> Int { largest > 0 ? Int(cents * Int64(height - 40) / largest) : 0 }
    var svg =
      HTML.chartStart(label: say(.chartYears), width: width, height: height)
    for (index, (year, plan, actual)) in rows.enumerated() {
      let x = left + index * column
      svg +=
        "<rect x=\"\(x)\" y=\"\(height - 20 - y(plan.cents))\" width=\"24\" height=\"\(y(plan.cents))\" fill=\"#bbb\" "
        + "stroke=\"#333\"/>"
      svg +=
        "<rect x=\"\(x + 26)\" y=\"\(height - 20 - y(actual.cents))\" width=\"24\" height=\"\(y(actual.cents))\" "
        + "fill=\"#1a1a1a\"/>"
      svg += "<text x=\"\(x)\" y=\"\(height - 5)\">\(year)</text>"
    }
    svg += "</svg><figcaption>\(HTML.escape(say(.chartYears)))</figcaption></figure>\n"
    let table = HTML.table(
      caption: say(.chartYears), header: [say(.year), say(.planCumulative), say(.actualCumulative)],
      rows: rows.map { [String($0.0), $0.1.display, $0.2.display] }, numeric: [1, 2])
    return "<h2>\(HTML.escape(say(.years)))</h2>\n" + svg + table + "\n"
  }

  /// Kassenbestand at every month's end, with the drawdowns' days of receipt and the periods in which
  /// drawn money bore interest: a chart and its table.
  fileprivate func cashSection(_ view: Dashboard.GrantView) -> String {
    let ledger = view.input.ledger
    let grant = view.grant
    let asOf = view.input.period.stichtag
    // IstKumuliert at every month's end from one pass over the day sums.
    var byMonth: [Int: Money] = [:]
    ledger.forEachEligibleDay(through: asOf) { _, paid, amount in
      byMonth[paid.year * 12 + paid.month, default: .zero] += amount
    }
    var points: [(CalendarDate, Money)] = []
    var eligible = Money.zero
    var month = CalendarDate.lastDay(ofYear: grant.period.start.year, month: grant.period.start.month)
    while month < asOf {
      eligible += byMonth[month.year * 12 + month.month] ?? .zero
      points.append((month, ledger.drawnTotal(at: month) - grant.federalShare(of: eligible)))
      let next = month.adding(days: 1)
      month = CalendarDate.lastDay(ofYear: next.year, month: next.month)
    }
    points.append((asOf, view.figures.cash))
    let first = grant.period.start
    let span = max(1, first.days(to: asOf))
    let magnitude = max(points.map { $0.1.magnitude.cents }.max() ?? 0, 1)
    let (left, width, height) = (20, 700, 220)
    let middle = height / 2
    func x(_ day: CalendarDate) -> Int { left + Int(Int64(first.days(to: day)) * Int64(width) / Int64(span)) }
    func y(_ money: Money) -> Int { middle - Int(money.cents * Int64(middle - 20) / magnitude) }
    var svg =
      HTML.chartStart(label: say(.chartCash), width: left + width + 20, height: height)
    // The periods in which drawn money bore interest: from the day after a window end to its last use, or the Stichtag.
    for entry in view.figures.interest.entries where !entry.portions.isEmpty {
      let start = entry.windowEnd.adding(days: 1)
      let end = entry.portions.map { $0.usedOn ?? asOf }.max() ?? asOf
      svg +=
        "<rect x=\"\(x(start))\" y=\"10\" width=\"\(max(1, x(end) - x(start)))\" height=\"\(height - 30)\" "
        + "fill=\"#f2d0d0\"/>"
    }
    svg += "<line x1=\"\(left)\" x2=\"\(left + width)\" y1=\"\(middle)\" y2=\"\(middle)\" stroke=\"#777\"/>"
    svg +=
      "<polyline fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"2\" points=\""
      + points.map { "\(x($0.0)),\(y($0.1))" }.joined(separator: " ") + "\"/>"
    for drawdown in ledger.drawdowns {
      guard let received = drawdown.receiptDate, received <= asOf, received >= first else { continue }
      svg +=
        "<line x1=\"\(x(received))\" x2=\"\(x(received))\" y1=\"\(height - 20)\" y2=\"\(height - 10)\" stroke=\"#1a1a1a\"/>"
    }
    svg += "</svg><figcaption>\(HTML.escape(say(.chartCashLegend)))</figcaption></figure>\n"
    let table = HTML.table(
      caption: say(.chartCash), header: [say(.monthEnd), say(.figure("Kassenbestand"))],
      rows: points.map { [$0.0.german, $0.1.display] }, numeric: [1])
    return "<h2>\(HTML.escape(say(.cash)))</h2>\n" + svg
      + "<details><summary>\(HTML.escape(say(.chartAsTable)))</summary>"
      + table + "</details>\n"
  }

  /// Milestones planned against reached, and indicators' targets against their latest values.
  fileprivate func progressSection(_ view: Dashboard.GrantView) -> String {
    let stichtag = view.input.period.stichtag
    let milestones = view.input.ledger.milestones.sorted {
      ($0.plannedDate, $0.measure, $0.id) < ($1.plannedDate, $1.measure, $1.id)
    }
    var html = "<h2>\(HTML.escape(say(.progress)))</h2>\n"
    html += milestoneTimeline(milestones, stichtag: stichtag)
    html += HTML.table(
      caption: say(.milestones),
      header: [say(.measure), say(.milestone), say(.planned), say(.reached), say(.progressPercent), say(.status)],
      rows: milestones.map { milestone in
        [
          milestone.measure, milestone.id + " " + milestone.title, milestone.plannedDate.german,
          milestone.actualDate.map { $0 <= stichtag ? $0.german : "" } ?? "", milestone.progress.display,
          MilestoneStatus(of: milestone, at: stichtag).rawValue,
        ]
      }, numeric: [4])
    let indicators = view.input.ledger.measures.flatMap { measure in
      QuarterlyReport.latestIndicators(view.input.ledger.indicators, measure: measure.id, at: stichtag)
    }
    html += indicatorChart(indicators)
    html += HTML.table(
      caption: say(.indicators), header: [say(.measure), say(.indicator), say(.target), say(.actual), say(.asOfDate)],
      rows: indicators.map { value in
        [
          value.measure, value.id + " " + value.title,
          ExplainedValue.decimal(value.target).display + " " + value.unit,
          ExplainedValue.decimal(value.actual).display + " " + value.unit, value.date.german,
        ]
      }, numeric: [2, 3])
    return html
  }

  /// Milestones on a time line: a ring at the planned day, a filled square at the day reached, a
  /// vertical line at the Stichtag (the table below holds the same).
  fileprivate func milestoneTimeline(_ milestones: [Milestone], stichtag: CalendarDate) -> String {
    let days = milestones.flatMap { [$0.plannedDate] + ($0.actualDate.map { [$0] } ?? []) } + [stichtag]
    guard !milestones.isEmpty, let first = days.min(), let last = days.max() else { return "" }
    let span = max(1, first.days(to: last))
    let (left, width, row) = (170, 520, 22)
    let height = milestones.count * row + 30
    func x(_ day: CalendarDate) -> Int { left + Int(Int64(first.days(to: day)) * Int64(width) / Int64(span)) }
    var svg =
      HTML.chartStart(label: say(.chartMilestones), width: left + width + 20, height: height)
    for (index, milestone) in milestones.enumerated() {
      let y = index * row + 15
      svg += "<text x=\"0\" y=\"\(y + 4)\">\(HTML.escape(milestone.measure + " " + milestone.id))</text>"
      svg +=
        "<circle cx=\"\(x(milestone.plannedDate))\" cy=\"\(y)\" r=\"5\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>"
      if let reached = milestone.actualDate, reached <= stichtag {
        svg += "<rect x=\"\(x(reached) - 4)\" y=\"\(y - 4)\" width=\"8\" height=\"8\" fill=\"#1a1a1a\"/>"
      }
    }
    svg +=
      "<line x1=\"\(x(stichtag))\" x2=\"\(x(stichtag))\" y1=\"0\" y2=\"\(height - 20)\" stroke=\"#8b0000\" "
      + "stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"
    svg += "<text x=\"\(left)\" y=\"\(height - 4)\">\(first.german)</text>"
    svg += "<text x=\"\(left + width - 70)\" y=\"\(height - 4)\">\(last.german)</text></svg>"
    return svg + "<figcaption>\(HTML.escape(say(.chartMilestonesLegend)))</figcaption></figure>\n"
  }

  /// Each indicator's latest value as a share of its target: a bar against a mark at 100 %.
  fileprivate func indicatorChart(_ indicators: [IndicatorValue]) -> String {
    guard !indicators.isEmpty else { return "" }
    let (left, width, row) = (170, 400, 22)
    let height = indicators.count * row + 10
    // The bar's length: Istwert / Zielwert, drawn up to 150 % (a larger share is said in the table).
    func length(_ value: IndicatorValue) -> Int {
      guard value.target.scaled > 0 else { return 0 }
      let share = max(0, min(value.actual.scaled * 100 / value.target.scaled, 150))
      return Int(share) * width / 150
    }
    var svg =
      HTML.chartStart(label: say(.chartIndicators), width: left + width + 20, height: height)
    for (index, value) in indicators.enumerated() {
      let y = index * row + 5
      svg += "<text x=\"0\" y=\"\(y + 13)\">\(HTML.escape(value.measure + " " + value.id))</text>"
      svg += "<rect x=\"\(left)\" y=\"\(y)\" width=\"\(length(value))\" height=\"16\" fill=\"#1a1a1a\"/>"
    }
    let mark = left + 100 * width / 150
    svg += "<line x1=\"\(mark)\" x2=\"\(mark)\" y1=\"0\" y2=\"\(height)\" stroke=\"#8b0000\" stroke-width=\"2\"/></svg>"
    return svg + "<figcaption>\(HTML.escape(say(.chartIndicators)))</figcaption></figure>\n"
  }
}
