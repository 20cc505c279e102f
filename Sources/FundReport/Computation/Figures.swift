/// Plan and actual figures of a cost item, a measure or the whole grant
/// for one report period (computation.md, "Aggregates").
struct Figures: Sendable, Equatable {
  var planTotal = Money.zero
  var planYear = Money.zero
  var planToYear = Money.zero
  /// IstZeitraum (IstQuartal in a Quartalsbericht).
  var actualPeriod = Money.zero
  var actualYear = Money.zero
  var actualCumulative = Money.zero

  init() {}

  /// Abweichung: IstKumuliert − PlanBisJahr.
  var deviation: Money { actualCumulative - planToYear }

  /// AuslastungProzent: IstKumuliert × 100 / PlanGesamt, rounded to two
  /// decimals; nil when PlanGesamt is 0.
  var utilization: Hundredths? {
    guard planTotal.cents != 0 else { return nil }
    return Hundredths(
      Rounding.divideRoundingHalfAwayFromZero(actualCumulative.cents * 10_000, by: planTotal.cents))
  }
}

/// Plan and Ist of one measure, cost item and year (a Finanzuebersicht row).
struct OverviewRow: Sendable, Equatable {
  var measure: String
  var costItem: String
  var year: Int
  var plan: Money
  /// Eligible payments of the year up to the Stichtag.
  var actual: Money
  var deviation: Money { actual - plan }
}

/// Plan and Ist of one year (a statement's `Jahr`).
struct YearFigures: Sendable, Equatable {
  var year: Int
  /// The year's plan.
  var plan: Money
  /// Eligible payments of the year within the report period.
  var actual: Money
}

/// The one model of a grant at a Stichtag: every figure of computation.md
/// that a report, a rule or a view needs, computed once from the ledger.
/// Reports write these figures and rules judge them; neither computes one.
struct GrantFigures: Sendable {
  var byCostItem: [String: Figures] = [:]
  var byMeasure: [String: Figures] = [:]
  var total = Figures()
  /// The eligible rows paid within the period (the Belegliste), from the
  /// rows the ledger kept (``RowRetention``).
  var periodRows: [ClassifiedBooking] = []
  /// The sum of the period rows' eligible amounts (the Belegliste's `summe`).
  var periodRowsTotal = Money.zero
  /// Plan and Ist per measure, cost item and year (Finanzuebersicht), in the interface's order.
  var overview: [OverviewRow] = []
  /// Plan and Ist per year of the plan or with Ist in the period, ascending (a statement's `Jahre`).
  var years: [YearFigures] = []
  /// AbgerufenKumuliert: drawdowns received by the Stichtag (repayments negative).
  var drawnCumulative = Money.zero
  /// The drawdowns requested by the Stichtag, by request date and number (a Quartalsbericht's `Abrufe`).
  var requestedDrawdowns: [Drawdown] = []
  /// BisherAbgerufen: the sum of the drawdowns requested by the Stichtag.
  var requestedCumulative = Money.zero
  /// Zuwendung received within the period (a statement's `Einnahmen`).
  var receivedInPeriod = Money.zero
  /// BundesanteilKumuliert: min(round(IstKumuliert × Förderquote), Höchstbetrag).
  var federalShareCumulative = Money.zero
  /// The federal share of the period's spending: the share at its end less the share the day before it began.
  var federalShareOfPeriod = Money.zero
  /// Interest on drawdowns used late or not at all, with its parts per drawdown (computation.md, "Interest").
  var interest: DrawdownInterest
  /// Kassenbestand: AbgerufenKumuliert − BundesanteilKumuliert (computation.md), the one
  /// definition every report and R-KASSE read.
  var cash: Money { drawnCumulative - federalShareCumulative }
  /// Eigenmittel of the period: its eligible spending less its federal share.
  var ownFundsOfPeriod: Money { total.actualPeriod - federalShareOfPeriod }

  /// - Throws: when the interest needs a base rate that `baseRates` lacks.
  init(ledger: GrantLedger, period: DateInterval, baseRates: [BaseRate]) throws(DrawdownInterest.MissingBaseRate) {
    let stichtag = period.end
    let year = stichtag.year
    let yearStart = CalendarDate.firstDay(ofYear: year)
    interest = try DrawdownInterest(ledger: ledger, baseRates: baseRates, stichtag: stichtag)
    for item in ledger.costItems { byCostItem[item] = Figures() }
    for measure in ledger.measures { byMeasure[measure.id] = Figures() }

    struct OverviewKey: Hashable {
      var measure: String
      var costItem: String
      var year: Int
    }
    var overviewPlan: [OverviewKey: Money] = [:]
    var overviewActual: [OverviewKey: Money] = [:]
    var yearly: [Int: (plan: Money, actual: Money)] = [:]

    func add(_ change: (inout Figures) -> Void, costItem: String, measure: String) {
      change(&total)
      change(&byCostItem[costItem, default: Figures()])
      change(&byMeasure[measure, default: Figures()])
    }
    for entry in ledger.plan {
      add(
        { figures in
          figures.planTotal += entry.amount
          if entry.year == year { figures.planYear += entry.amount }
          if entry.year <= year { figures.planToYear += entry.amount }
        }, costItem: entry.costItem, measure: entry.measure)
      overviewPlan[OverviewKey(measure: entry.measure, costItem: entry.costItem, year: entry.year), default: .zero] +=
        entry.amount
      yearly[entry.year, default: (.zero, .zero)].plan += entry.amount
    }
    // IstKumuliert the day before the period began, for the federal share of the period (same pass).
    var actualBeforePeriod = Money.zero
    ledger.forEachEligibleDay(through: stichtag) { key, paid, amount in
      add(
        { figures in
          figures.actualCumulative += amount
          if paid >= yearStart { figures.actualYear += amount }
          if period.contains(paid) { figures.actualPeriod += amount }
        }, costItem: key.costItem, measure: key.measure)
      overviewActual[OverviewKey(measure: key.measure, costItem: key.costItem, year: paid.year), default: .zero] +=
        amount
      if period.contains(paid) { yearly[paid.year, default: (.zero, .zero)].actual += amount }
      if paid < period.start { actualBeforePeriod += amount }
    }
    overview = Set(overviewPlan.keys).union(overviewActual.keys).sorted { lhs, rhs in
      if lhs.measure != rhs.measure { return codePointOrder(lhs.measure, rhs.measure) }
      if lhs.costItem != rhs.costItem { return codePointOrder(lhs.costItem, rhs.costItem) }
      return lhs.year < rhs.year
    }.map { key in
      OverviewRow(
        measure: key.measure, costItem: key.costItem, year: key.year, plan: overviewPlan[key] ?? .zero,
        actual: overviewActual[key] ?? .zero)
    }
    years = yearly.sorted { $0.key < $1.key }.map {
      YearFigures(year: $0.key, plan: $0.value.plan, actual: $0.value.actual)
    }

    drawnCumulative = ledger.drawnTotal(at: stichtag)
    requestedDrawdowns = ledger.drawdowns.filter { $0.requestDate <= stichtag }.sorted {
      $0.requestDate != $1.requestDate ? $0.requestDate < $1.requestDate : codePointOrder($0.number, $1.number)
    }
    requestedCumulative = requestedDrawdowns.sum(\.amount)
    receivedInPeriod = ledger.drawdowns.filter { drawdown in
      drawdown.receiptDate.map { period.contains($0) } ?? false
    }.sum(\.amount)
    federalShareCumulative = ledger.grant.federalShare(of: total.actualCumulative)
    federalShareOfPeriod = federalShareCumulative - ledger.grant.federalShare(of: actualBeforePeriod)
    periodRows = ledger.bookings.filter { row in
      guard ledger.isEligible(row, at: stichtag), let paid = row.booking.paymentDate else { return false }
      return period.contains(paid)
    }
    periodRowsTotal = periodRows.sum { ledger.eligibleAmount(of: $0.booking) }
  }

  /// The Mittelabruf's figures for a `bedarf` of `need` (computation.md, "Drawdown request").
  func drawdownRequest(grant: Grant, stichtag: CalendarDate, need: Money) -> DrawdownRequest {
    let shareOfNeed = need.share(grant.fundingRate)
    let drawn = requestedCumulative
    let request = max(.zero, min(federalShareCumulative + shareOfNeed - drawn, grant.cap - drawn))
    return DrawdownRequest(
      eligiblePaid: total.actualCumulative, sharePaid: federalShareCumulative, drawnSoFar: drawn, need: need,
      shareOfNeed: shareOfNeed, request: request, useBy: grant.spendingWindow.end(from: stichtag))
  }
}

/// The figures of a Mittelabruf (outputs.md "Mittelabruf").
struct DrawdownRequest: Sendable, Equatable {
  /// ZuwendungsfaehigBezahlt.
  var eligiblePaid: Money
  /// BundesanteilBezahlt.
  var sharePaid: Money
  /// BisherAbgerufen.
  var drawnSoFar: Money
  /// Bedarf.
  var need: Money
  /// BundesanteilBedarf.
  var shareOfNeed: Money
  /// Abrufbetrag.
  var request: Money
  /// VerwendenBis.
  var useBy: CalendarDate
}
