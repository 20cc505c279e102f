/// The texts of the views for people (`explain`, `outlook`): headings, what a figure is, how it
/// is computed, table columns. Said by `German` and `English` (`text(_: ViewText)`), exhaustively.
enum ViewText: Sendable {
  // MARK: explain
  /// `Quartalsbericht 2026-Q3, MPSC-2021-WUP-B, Stichtag 30.09.2026`.
  case reportHeading(kind: ReportKind, period: String, grant: String, stichtag: CalendarDate)
  /// What the figure is: `IstKumuliert der Kostenposition auftraege`.
  case figure(FigureName)
  case sumOfLedger(RowSelection, rows: Int)
  case sumOfPlan(PlanFilter, rows: Int)
  case sumOfDrawdowns(DrawdownFilter, rows: Int)
  case inputValue(InputValue)
  case countOf([String])
  case milestoneStatusRule(planned: CalendarDate, actual: CalendarDate?, stichtag: CalendarDate)
  case voucherListFile
  /// `… und 12 weitere (alle mit --all)`.
  case more(Int)
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
  case recordPlace(RecordPlace)
  case column(ViewColumn)
  case findingHeading(rule: String, severity: String, amount: Money?)
  case noFindings
  case placeWithoutRecord
  case unpaidRowsListed(Int)
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
}

extension Language {
  func text(_ text: ViewText) -> String { catalog.text(text) }
}
