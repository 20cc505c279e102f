extension English {
  static func text(_ view: ViewText) -> String {
    switch view {
    case .reportHeading(let kind, let period, let grant, let stichtag):
      return "\(kind.rawValue) \(period), \(grant), Stichtag \(stichtag.german)"
    case .figure(let figure):
      let name = figure.name.hasPrefix("@") ? String(figure.name.dropFirst()) : figure.name
      switch figure.scope {
      case .grant: return name
      case .costItem(let item): return "\(name) of cost item \(item)"
      case .measure(let measure): return "\(name) of measure \(measure)"
      case .year(let year): return "\(name) of year \(year)"
      case .milestone(let measure, let id): return "\(name) of milestone \(id) (measure \(measure))"
      case .indicator(let measure, let id): return "\(name) of indicator \(id) (measure \(measure))"
      case .drawdown(let number): return "\(name) of drawdown \(number)"
      case .voucherList: return "\(name) of the Belegliste"
      case .findings: return "\(name) of the findings"
      }
    case .sumOfLedger(let selection, let rows):
      return "sum of the eligible amounts (net with input-tax deduction, else gross) of "
        + (rows.map { counted($0, .booking) } ?? "the bookings")
        + " paid from \(selection.paid.start.german) to \(selection.paid.end.german)"
        + (selection.costItem.map { ", cost item \($0)" } ?? "") + (selection.measure.map { ", measure \($0)" } ?? "")
        + "; a paid booking counts when its cost item is in the financing plan and it was paid within the "
        + "Bewilligungszeitraum"
    case .sumOfPlan(let filter, let rows):
      var parts = ["sum of \(rows) plan \(rows == 1 ? "row" : "rows") of finanzplan.csv"]
      if let item = filter.costItem { parts.append("cost item \(item)") }
      if let measure = filter.measure { parts.append("measure \(measure)") }
      if let years = filter.years {
        parts.append(years.lowerBound == years.upperBound ? "year \(years.upperBound)" : "years to \(years.upperBound)")
      } else {
        parts.append("all years")
      }
      return parts.joined(separator: ", ")
    case .sumOfDrawdowns(let filter, let rows):
      let what = "sum of \(rows) \(rows == 1 ? "drawdown" : "drawdowns") of mittelabrufe.csv"
      switch filter {
      case .receivedBy(let day): return what + " received by \(day.german) (repayments negative)"
      case .receivedWithin(let interval):
        return what + " received from \(interval.start.german) to \(interval.end.german)"
      case .requestedBy(let day): return what + " requested by \(day.german), received or not"
      }
    case .inputValue(let value):
      guard let place = value.place else { return "given on the command line (\(value.column))" }
      return "from \(Self.text(ViewText.recordPlace(place))), column \(value.column)"
    case .countOf(let items):
      return items.isEmpty ? "none" : "counted: " + items.joined(separator: ", ")
    case .milestoneStatusRule(let planned, let actual, let stichtag):
      let rule = "erreicht when istdatum ≤ Stichtag; ueberfaellig when plandatum < Stichtag and not reached; else offen"
      return "\(rule) (plandatum \(planned.german), istdatum \(actual?.german ?? "empty"), Stichtag \(stichtag.german))"
    case .voucherListFile:
      return "this delivery's Belegliste (named as outputs.md says, SHA-256 over its bytes)"
    case .more(let count): return "… and \(count) more (all with --all)"
    case .beyondSpreadsheet(let count, let limit):
      return "note: \(counted(count, .booking)) \(count == 1 ? "lies" : "lie") beyond the \(limit) rows Excel shows; "
        + "find them by file and line in a text editor, or open the output of --format csv, which holds only this "
        + "sum's rows."
    case .rowsTotal(let count): return "total (\(count) \(count == 1 ? "row" : "rows"))"
    case .interestRule:
      return "interest under § 49a (4) VwVfG: base rate + 5 points a year, 1/365 a day, from the day of receipt "
        + "to the day before use (unused: to the Stichtag); summed exactly per drawdown and rounded to cents once"
    case .interestDrawdown(let number, let amount, let received, let place, let windowEnd, let window):
      return "drawdown \(number) of \(amount.display), received \(received?.german ?? "?") "
        + "(\(Self.text(ViewText.recordPlace(place)))); Verwendungsfrist \(window), window end \(windowEnd.german)"
    case .interestNone(let numbers):
      return "Without interest (used in time, or the window is still open): \(numbers.count) "
        + "\(numbers.count == 1 ? "drawdown" : "drawdowns"): " + numbers.joined(separator: ", ")
    case .unusedAtStichtag: return "not yet used"
    case .interestRounded(let exact, let rounded):
      return "exactly \(exact), rounded half away from zero to cents: \(rounded.display)"
    case .interestPortionsSummed(let number, let count, let exact, let rounded):
      return "\(number): sum of the \(count) portions above (amount × rate × days/365) = \(exact) = \(rounded.grouped)"
    case .queueInterval(let from, let to): return "in the queue of drawn money from \(from) to \(to)"
    case .recordPlace(let place):
      return "\(place.file) line \(place.line)" + (place.spreadsheetRow.map { ", spreadsheet row \($0)" } ?? "")
    case .column(let column): return heading(column)
    case .findingHeading(let rule, let severity, let amount):
      return "\(rule) (\(severity))" + (amount.map { ", amount \($0.display)" } ?? "")
    case .noFindings: return "No findings."
    case .placeWithoutRecord: return "(no booking of a grant)"
    case .unpaidRowsListed(let count): return "\(counted(count, .booking)) without a payment date by the Stichtag:"
    case .outlookHeading(let grant, let recipient, let asOf):
      return "Outlook for \(grant) (\(recipient)) as of \(asOf.german); projections are marked \"projection\""
    case .outlookNotStarted(let grant, let start):
      return "\(grant): the Bewilligungszeitraum begins on \(start.german); no outlook yet."
    case .outlookSection(let section):
      switch section {
      case .drawdowns: return "Drawn money not yet used"
      case .year(let year): return "Budget year \(year)"
      case .costItems: return "Cost items against the financing plan"
      case .dues(let days): return "Reports due in the next \(days) days"
      case .request: return "Mittelabruf"
      }
    case .outlookNoUnusedMoney: return "All drawn money is used."
    case .windowState(let windowEnd, let asOf):
      let days = asOf.days(to: windowEnd)
      if days >= 0 { return "window open for \(days) more \(days == 1 ? "day" : "days")" }
      return "window ended \(-days) \(days == -1 ? "day" : "days") ago: interest runs"
    case .yearPlan(let year, let plan, let actual):
      let share =
        plan.cents > 0
        ? " (\(Hundredths(Rounding.divideRoundingHalfAwayFromZero(actual.cents * 10_000, by: plan.cents)).display))"
        : ""
      return "PlanJahr \(year): \(plan.display); IstJahr so far: \(actual.display)\(share)"
    case .yearTarget(let target):
      let goal = "\(target.percent) % (\(target.amount.display)) by \(target.by.german)"
      if target.missing == .zero { return "\(goal): reached" }
      guard let perMonth = target.perMonth else { return "\(goal): not reached, \(target.missing.display) short" }
      return "\(goal): \(target.missing.display) missing, \(perMonth.display) a month for \(target.months) "
        + "\(target.months == 1 ? "month" : "months")"
    case .yearProjection(let year, let projected, let plan):
      let share =
        plan.cents > 0
        ? " = \(Hundredths(Rounding.divideRoundingHalfAwayFromZero(projected.cents * 10_000, by: plan.cents)).display) of PlanJahr"
        : ""
      return
        "projection at the pace so far (IstJahr per day passed): IstJahr on 31.12.\(year) ≈ \(projected.display)\(share)"
    case .lapseRule(let applies):
      return applies
        ? "R-MITTELVERFALL (§ 45 BHO) checks from 30.09. whether IstJahr reaches 50 % of PlanJahr."
        : "The year is not wholly inside the Bewilligungszeitraum: R-MITTELVERFALL does not apply."
    case .projection(let projection):
      switch projection {
      case .passed: return "passed already"
      case .never: return "not at this pace"
      case .month(let year, let month, let afterEnd):
        return "projection: \(month < 10 ? "0" : "")\(month).\(year)" + (afterEnd ? ", after the grant ends" : "")
      }
    case .noDues(let days): return "No report due in the next \(days) days."
    case .requestToday(let request, let asOf):
      return "A Mittelabruf on \(asOf.german) would give \(request.request.display) (Bedarf \(request.need.display); "
        + "to be used by \(request.useBy.german)). The computation: fundreport explain mittelabruf --period "
        + "\(asOf.iso) Abruf/Abrufbetrag"
    case .dashboard(let label): return dashboard(label)
    case .outlookBlocked(let grant, let errors):
      return "error: no outlook for \(grant): \(counted(errors, .inputError)) concern the grant (see above)"
    case .unknownPlace(let place, let suggestions):
      return "error: \(place.quotedForMessage) is no figure of this report"
        + (suggestions.isEmpty ? "" : "; perhaps " + suggestions.joined(separator: ", "))
        + ". explain --list shows all."
    case .grantNeeded(let grants):
      return "error: the export holds several grants; choose one with --grant: " + grants.joined(separator: ", ")
    case .unknownRule(let rule):
      return "error: \(rule.quotedForMessage) is no rule of rules.md, e.g. R-KONTO or R-ZINSEN"
    case .explanationDisagrees(let place, let reported, let explained):
      return "\(place): the explanation gives \(explained), the report states \(reported); nothing is shown "
        + "(a defect of fundreport, please report it)"
    }
  }

  static func dashboard(_ label: DashboardLabel) -> String {
    switch label {
    case .siteTitle(let asOf): return "Grants at a glance, as of \(asOf.german)"
    case .grantTitle(let grant, let recipient, let asOf): return "\(grant) (\(recipient)), as of \(asOf.german)"
    case .madeBy(let version): return "Made by fundreport \(version) from the export; the deliveries are not changed."
    case .figure(let name):
      switch name {
      case "Hoechstbetrag": return "cap"
      case "BundesanteilKumuliert": return "federal share"
      case "AbgerufenKumuliert": return "drawn"
      case "ZinsenAufgelaufen": return "interest"
      default: return name
      }
    case .programme: return "programme"
    case .period: return "Bewilligungszeitraum"
    case .findings: return "findings"
    case .nextDue: return "next due"
    case .none: return "none"
    case .red: return "Red"
    case .yellow: return "Yellow"
    case .green: return "Green"
    case .allClear: return "no findings, no interest, nothing due within 30 days"
    case .reasonErrors(let rules): return "Fehler: " + rules.joined(separator: ", ")
    case .reasonWarnings(let rules): return "Warnungen: " + rules.joined(separator: ", ")
    case .reasonInterest(let amount): return "interest \(amount.display)"
    case .backToIndex: return "Back to the overview"
    case .deadlines: return "Due dates"
    case .action: return "Needs action"
    case .funds: return "Funds"
    case .howComputed: return "computation"
    case .costItems: return "Cost items: plan and actual"
    case .chartCostItems:
      return "Bars per cost item: PlanGesamt (grey) and IstKumuliert (black), lines at 100 % and 120 % of the plan"
    case .chartLegend: return "grey: plan, black: actual; line: 100 %, dashed: 120 %"
    case .places(let count): return "\(count) \(count == 1 ? "place" : "places")"
    case .years: return "Spending and plan, cumulative by year"
    case .chartYears: return "Per year: the plan to the year's end (grey) and eligible spending to then (black)"
    case .year: return "year"
    case .planCumulative: return "plan, cumulative"
    case .actualCumulative: return "actual, cumulative"
    case .cash: return "Kassenbestand over time"
    case .chartCash:
      return
        "Kassenbestand (drawn − federal share) at every month's end; ticks: a drawdown received; red: periods in which drawn money bore interest"
    case .chartCashLegend: return "line: Kassenbestand (zero line grey); ticks below: drawdowns; red: interest ran"
    case .chartAsTable: return "The values as a table"
    case .monthEnd: return "month end"
    case .chartMilestones: return "Milestones on a time line: planned and reached, with the Stichtag"
    case .chartMilestonesLegend: return "ring: planned; filled square: reached; dashed line: Stichtag"
    case .chartIndicators:
      return "Indicators: the actual value as a share of the target (bar), line at 100 % of the target"
    case .progress: return "Milestones and indicators"
    case .milestones: return "Milestones: planned and reached"
    case .measure: return "measure"
    case .milestone: return "milestone"
    case .planned: return "planned"
    case .reached: return "reached"
    case .progressPercent: return "progress"
    case .status: return "status"
    case .indicators: return "Indicators: target and actual"
    case .indicator: return "indicator"
    case .target: return "target"
    case .actual: return "actual"
    case .asOfDate: return "as of"
    case .deliveries: return "Deliveries in the register"
    case .noDeliveries: return "The register knows no delivery of this grant yet."
    case .compareVersions: return "What a correction changed: fundreport diff FOLDER_v1 FOLDER_v2 (figure by figure)."
    case .calendarFile: return "All due dates as a calendar file (fristen.ics, for Outlook or Thunderbird)"
    case .morePlaces(let count, let rule):
      return "… and \(count) more; all of them: fundreport explain … --finding \(rule) --format csv"
    case .vouchers: return "vouchers"
    case .voucherList(let count): return "\(counted(count, .booking)) (CSV)"
    case .changes: return "Changes between versions"
    case .changedFigure: return "figure"
    case .oldValue: return "before"
    case .newValue: return "after"
    case .difference: return "difference"
    case .change(let kind, let period, let old, let new): return "\(kind.rawValue) \(period): \(old) → \(new)"
    case .version(let version, let created, let replaced):
      return replaced ? "v\(version), draft of \(created.german) (replaced)" : "v\(version) of \(created.german)"
    case .moreChanges(let count): return "… and \(count) more; all of them: fundreport diff (figure by figure)"
    }
  }

  static func heading(_ column: ViewColumn) -> String {
    switch column {
    case .place: return "place"
    case .value: return "value"
    case .name: return "name"
    case .file: return "file"
    case .line: return "line"
    case .spreadsheetRow: return "spreadsheet row"
    case .voucher: return "voucher"
    case .postingDate: return "posted"
    case .paymentDate: return "paid"
    case .costObject: return "cost object"
    case .account: return "account"
    case .measure: return "measure"
    case .costItem: return "cost item"
    case .payee: return "payee"
    case .purpose: return "purpose"
    case .eligible: return "eligible"
    case .gross: return "gross"
    case .year: return "year"
    case .planAmount: return "plan"
    case .drawdownNumber: return "drawdown"
    case .requestDate: return "requested"
    case .receiptDate: return "received"
    case .amount: return "amount"
    case .usedOn: return "used on"
    case .daysFrom: return "interest from"
    case .daysThrough: return "to"
    case .days: return "days"
    case .rate: return "rate"
    case .interest: return "interest"
    case .rule: return "rule"
    case .severity: return "severity"
    case .unused: return "unused"
    case .dailyInterest: return "interest a day"
    case .windowEnd: return "window end"
    case .state: return "state"
    case .utilization: return "used"
    case .lastTwelveMonths: return "last 12 months"
    case .passes100: return "over 100 %"
    case .passes120: return "over 120 %"
    }
  }
}
