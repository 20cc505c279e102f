/// The texts of the views for people (`explain`, `outlook`): headings, what a figure is, how it
/// is computed, table columns. Said by `German` and `English` (`text(_: ViewText)`), exhaustively.
enum ViewText: Sendable {
  // MARK: explain
  /// `Quartalsbericht 2026-Q3, MPSC-2021-WUP-B, Stichtag 30.09.2026`.
  case reportHeading(kind: ReportKind, period: String, grant: String, stichtag: CalendarDate)
  /// What the figure is: `IstKumuliert der Kostenposition auftraege`.
  case figure(FigureName)
  /// `rows` nil: the rows are not listed (the dashboard).
  case sumOfLedger(RowSelection, rows: Int?)
  case sumOfPlan(PlanFilter, rows: Int)
  case sumOfDrawdowns(DrawdownFilter, rows: Int)
  case inputValue(InputValue)
  case countOf([String])
  case milestoneStatusRule(planned: CalendarDate, actual: CalendarDate?, stichtag: CalendarDate)
  case voucherListFile
  /// `… und 12 weitere (alle mit --all)`.
  case more(Int)
  /// Rows beyond what Excel shows.
  case beyondSpreadsheet(Int, limit: Int)
  /// `Summe (33 Buchungen)`.
  case rowsTotal(Int)
  case interestRule
  /// `Abruf A1 über 100.000,00 €, eingegangen am 15.01.2024 (…), Fristende 15.03.2024`.
  case interestDrawdown(
    number: String, amount: Money, received: CalendarDate?, place: RecordPlace, windowEnd: CalendarDate, window: String)
  /// The drawdowns without interest.
  case interestNone([String])
  case unusedAtStichtag
  /// `exakt 1.586,5523…, kaufmännisch auf Cent gerundet: 1.586,55 €`.
  case interestRounded(exact: String, rounded: Money)
  case queueInterval(from: String, to: String)
  /// `B-2026-06V: Summe der 13 Teilbeträge oben = 3.080,9973… = 3.081,00`.
  case interestPortionsSummed(number: String, count: Int, exact: String, rounded: Money)
  case recordPlace(RecordPlace)
  case column(ViewColumn)
  case findingHeading(rule: String, severity: String, amount: Money?)
  case noFindings
  case placeWithoutRecord
  case unpaidRowsListed(Int)
  // MARK: outlook
  case outlookHeading(grant: String, recipient: String, asOf: CalendarDate)
  case outlookNotStarted(grant: String, start: CalendarDate)
  case outlookSection(OutlookSection)
  case outlookNoUnusedMoney
  /// `Frist läuft noch 12 Tage` / `Frist seit 5 Tagen abgelaufen: Zinsen laufen`.
  case windowState(windowEnd: CalendarDate, asOf: CalendarDate)
  case yearPlan(year: Int, plan: Money, actual: Money)
  case yearTarget(Outlook.Target)
  case yearProjection(year: Int, projected: Money, plan: Money)
  case lapseRule(applies: Bool)
  case projection(Outlook.Projection)
  case noDues(days: Int)
  case requestToday(DrawdownRequest, asOf: CalendarDate)
  case outlookBlocked(grant: String, errors: Int)
  // MARK: dashboard
  case dashboard(DashboardLabel)
  // Refusals and failures
  case unknownPlace(String, suggestions: [String])
  case grantNeeded([String])
  case unknownRule(String)
  case explanationDisagrees(place: String, reported: String, explained: String)
}

/// The columns of the views' tables (and, in German, of their CSV output).
enum ViewColumn: Sendable, CaseIterable {
  case place, value, name
  case file, line, spreadsheetRow, voucher, postingDate, paymentDate, costObject, account, measure, costItem
  case payee, purpose, eligible, gross
  case year, planAmount
  case drawdownNumber, requestDate, receiptDate, amount
  case usedOn, daysFrom, daysThrough, days, rate, interest
  case rule, severity
  case unused, dailyInterest, windowEnd, state, utilization, lastTwelveMonths, passes100, passes120
}

/// The words of the dashboard's pages.
enum DashboardLabel: Sendable {
  case siteTitle(asOf: CalendarDate)
  case grantTitle(grant: String, recipient: String, asOf: CalendarDate)
  case madeBy(String)
  /// A figure's name as the card shows it (the interface's name).
  case figure(String)
  case programme, period, findings, nextDue, none
  case red, yellow, green, allClear
  case reasonErrors([String])
  case reasonWarnings([String])
  case reasonInterest(Money)
  case backToIndex, deadlines, action, funds, howComputed, costItems, chartCostItems, chartLegend
  case places(Int)
  case deliveries, noDeliveries, compareVersions, calendarFile
  case years, chartYears, year, planCumulative, actualCumulative
  case cash, chartCash, chartCashLegend, chartAsTable, monthEnd
  case chartMilestones, chartMilestonesLegend, chartIndicators
  case progress, milestones, measure, milestone, planned, reached, progressPercent, status
  case indicators, indicator, target, actual, asOfDate
  case morePlaces(Int, rule: String)
  case changes, changedFigure, oldValue, newValue, difference
  case change(kind: ReportKind, period: String, old: String, new: String)
  case version(Int, created: Timestamp, replaced: Bool)
  case moreChanges(Int)
  case vouchers
  case voucherList(Int)
}

/// The parts of an outlook.
enum OutlookSection: Sendable {
  case drawdowns
  case year(Int)
  case costItems
  case dues(days: Int)
  case request
}

extension Language {
  func text(_ text: ViewText) -> String { catalog.text(text) }
}
