/// `fundreport outlook` (Vorschau): what is coming for a grant at a Stichtag — drawn money that
/// must still be spent and the interest it will cost, the year's pace against its plan, cost items
/// heading past their plan, the next due dates, and what a Mittelabruf today would give.
///
/// Every projection is labelled as one; the method is in docs/decisions.md ("Outlook"):
/// - the pace of a year is its IstJahr per day elapsed; the pace of a cost item is its eligible
///   spending of the last twelve months (after the day twelve calendar months before the Stichtag,
///   up to the Stichtag) per month;
/// - a needed pace is rounded up to cents (a pace that reaches the target), a projection half away
///   from zero, both with integer arithmetic.
struct Outlook: Sendable {
  /// How far ahead due dates are listed.
  static let dueDays = 180

  struct GrantOutlook: Sendable {
    var grant: Grant
    var asOf: CalendarDate
    var drawdowns: [UnusedDrawdown]
    var year: YearPace?
    var costItems: [CostItemPace]
    var dues: [DeadlineTable.Item]
    var request: DrawdownRequest
  }

  /// A drawdown with money not yet used at the Stichtag.
  struct UnusedDrawdown: Sendable, Equatable {
    var number: String
    var received: CalendarDate
    var windowEnd: CalendarDate
    /// Exactly, in 1/10 000 cent.
    var unusedUnits: Int64
    /// Basiszinssatz + 5 points valid at the Stichtag (the current rate), in basis points; nil when
    /// `basiszinssatz.csv` has no rate for it.
    var basisPoints: Int64?
    /// The interest the drawdown has cost so far (ZinsenAufgelaufen's part), rounded.
    var interestSoFar: Money

    /// unused × rate / 365, in units × basis points (÷ 10⁸ × 365 gives cents); nil without a rate.
    var dailyInterestNumerator: Int128? { basisPoints.map { Int128(unusedUnits) * Int128($0) } }
  }

  /// The year of the Stichtag against its plan.
  struct YearPace: Sendable, Equatable {
    var year: Int
    var plan: Money
    var actual: Money
    /// Whether the whole year lies inside the Bewilligungszeitraum (R-MITTELVERFALL applies).
    var lapseRuleApplies: Bool
    /// For 50 % by 30.09. and 100 % by 31.12.
    var targets: [Target]
    /// IstJahr at 31.12. at the pace so far (a projection).
    var projectedYearEnd: Money
  }

  struct Target: Sendable, Equatable {
    var percent: Int
    var by: CalendarDate
    /// PlanJahr × percent, rounded up to cents.
    var amount: Money
    /// What is still missing (0 when reached).
    var missing: Money
    /// The calendar months left for it, the Stichtag's own when it is not its last day; 0: the day is past.
    var months: Int
    /// missing / months, rounded up to cents; nil when no month is left.
    var perMonth: Money?
  }

  /// A cost item's IstKumuliert against 100 % and 120 % of its PlanGesamt.
  struct CostItemPace: Sendable, Equatable {
    var costItem: String
    var plan: Money
    var actual: Money
    /// Eligible spending of the last twelve months.
    var lastTwelveMonths: Money
    var passes100: Projection
    var passes120: Projection
  }

  enum Projection: Sendable, Equatable {
    /// Passed already.
    case passed
    /// Passed in this month at the pace of the last twelve months (a projection); `afterGrantEnd`
    /// when that month lies after the Bewilligungszeitraum.
    case month(year: Int, month: Int, afterGrantEnd: Bool)
    /// Not at this pace (nothing spent in the last twelve months).
    case never
  }

  var grants: [GrantOutlook]
  /// Grants whose Bewilligungszeitraum begins after the Stichtag.
  var notStarted: [(grant: String, start: CalendarDate)]

  init(grants: [GrantOutlook], notStarted: [(grant: String, start: CalendarDate)]) {
    self.grants = grants
    self.notStarted = notStarted
  }

  /// - Throws: when the interest needs a base rate that the export lacks.
  init(export: Export, grantIDs: [String], asOf: CalendarDate, need: Money, jobs: [ScheduledJob], register: Register?)
    throws
  {
    let dues = try DeadlineTable.items(export: export, jobs: jobs, register: register)
    var grants: [GrantOutlook] = []
    var notStarted: [(grant: String, start: CalendarDate)] = []
    for id in grantIDs {
      guard let grant = export.grants[id] else { continue }
      guard asOf >= grant.period.start else {
        notStarted.append((id, grant.period.start))
        continue
      }
      let ledger = GrantLedger(grant: grant, export: export)
      let figures = try GrantFigures(
        ledger: ledger, period: DateInterval(start: grant.period.start, end: asOf), baseRates: export.baseRates)
      grants.append(
        Self.grant(
          ledger, figures: figures, baseRates: export.baseRates, asOf: asOf, need: need,
          dues: dues.filter { $0.grant == id }))
    }
    self.grants = grants
    self.notStarted = notStarted
  }

  /// The outlook of one grant from its figures at `asOf` (the period from the grant's start to `asOf`).
  static func grant(
    _ ledger: GrantLedger, figures: GrantFigures, baseRates: [BaseRate], asOf: CalendarDate, need: Money,
    dues: [DeadlineTable.Item]
  ) -> GrantOutlook {
    let rates = RateTable(baseRates)
    let drawdowns = figures.interest.entries.compactMap { entry -> UnusedDrawdown? in
      guard entry.unusedUnits > 0, let received = entry.drawdown.receiptDate else { return nil }
      return UnusedDrawdown(
        number: entry.drawdown.number, received: received, windowEnd: entry.windowEnd,
        unusedUnits: entry.unusedUnits, basisPoints: rates.basisPoints(on: asOf), interestSoFar: entry.interest)
    }
    return GrantOutlook(
      grant: ledger.grant, asOf: asOf, drawdowns: drawdowns,
      year: yearPace(ledger.grant, figures: figures, asOf: asOf),
      costItems: costItems(ledger, figures: figures, asOf: asOf),
      dues: dues.filter { asOf < $0.due && $0.due <= asOf.adding(days: dueDays) },
      request: figures.drawdownRequest(grant: ledger.grant, stichtag: asOf, need: need))
  }

  static func yearPace(_ grant: Grant, figures: GrantFigures, asOf: CalendarDate) -> YearPace? {
    let year = asOf.year
    let first = CalendarDate.firstDay(ofYear: year)
    let last = CalendarDate.lastDay(ofYear: year, month: 12)
    guard DateInterval(start: first, end: last).overlaps(grant.period) else { return nil }
    let plan = figures.total.planYear
    let actual = figures.total.actualYear
    // Money can be spent eligibly only within the Bewilligungszeitraum: a target day after its end is its end.
    let targets = [(50, CalendarDate.lastDay(ofYear: year, month: 9)), (100, last)].map { percent, day in
      let by = min(day, grant.period.end)
      let amount = Money(cents: ceilingDivide(plan.cents * Int64(percent), by: 100))
      let missing = max(.zero, amount - actual)
      let months = monthsLeft(from: asOf, through: by)
      return Target(
        percent: percent, by: by, amount: amount, missing: missing, months: months,
        perMonth: months > 0 ? Money(cents: ceilingDivide(missing.cents, by: Int64(months))) : nil)
    }
    let elapsed = Int64(first.days(to: asOf) + 1)
    let days = Int64(first.days(to: last) + 1)
    return YearPace(
      year: year, plan: plan, actual: actual,
      lapseRuleApplies: grant.period.contains(first) && grant.period.contains(last),
      targets: targets,
      projectedYearEnd: Money(cents: Rounding.divideRoundingHalfAwayFromZero(actual.cents * days, by: elapsed)))
  }

  static func costItems(_ ledger: GrantLedger, figures: GrantFigures, asOf: CalendarDate) -> [CostItemPace] {
    let since = asOf.adding(months: -12)
    var lastTwelve: [String: Money] = [:]
    ledger.forEachEligibleDay(through: asOf) { key, paid, amount in
      if paid > since { lastTwelve[key.costItem, default: .zero] += amount }
    }
    return ledger.costItems.map { item in
      let values = figures.byCostItem[item] ?? Figures()
      let pace = lastTwelve[item] ?? .zero
      func projection(percent: Int64) -> Projection {
        // Passed when IstKumuliert > PlanGesamt × percent (rules.md), compared in 1/100 cent.
        let threshold = values.planTotal.cents * percent
        let actual = values.actualCumulative.cents * 100
        guard actual <= threshold else { return .passed }
        guard pace.cents > 0 else { return .never }
        // The first whole month k with actual + k × pace / 12 > threshold.
        let months = Int((threshold - actual) * 12 / (pace.cents * 100)) + 1
        let day = asOf.adding(months: months)
        return .month(year: day.year, month: day.month, afterGrantEnd: day > ledger.grant.period.end)
      }
      return CostItemPace(
        costItem: item, plan: values.planTotal, actual: values.actualCumulative, lastTwelveMonths: pace,
        passes100: projection(percent: 100), passes120: projection(percent: 120))
    }
  }

  /// The calendar months from `day`'s through `last`'s; `day`'s own counts unless it is its last day.
  static func monthsLeft(from day: CalendarDate, through last: CalendarDate) -> Int {
    guard day < last else { return 0 }
    let months = (last.year - day.year) * 12 + last.month - day.month + 1
    let isLastOfMonth = day == CalendarDate.lastDay(ofYear: day.year, month: day.month)
    return isLastOfMonth ? months - 1 : months
  }

  static func ceilingDivide(_ numerator: Int64, by denominator: Int64) -> Int64 {
    let quotient = numerator / denominator
    return numerator % denominator > 0 ? quotient + 1 : quotient
  }
}
