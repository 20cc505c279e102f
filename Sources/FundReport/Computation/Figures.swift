/// Plan and actual figures of a cost item, a measure or the whole grant
/// for one report period (computation.md, "Aggregates").
public struct Figures: Sendable, Equatable {
  public var planTotal = Money.zero
  public var planYear = Money.zero
  public var planToYear = Money.zero
  /// IstZeitraum (IstQuartal in a Quartalsbericht).
  public var actualPeriod = Money.zero
  public var actualYear = Money.zero
  public var actualCumulative = Money.zero

  public init() {}

  /// Abweichung: IstKumuliert − PlanBisJahr.
  public var deviation: Money { actualCumulative - planToYear }

  /// AuslastungProzent: IstKumuliert × 100 / PlanGesamt, rounded to two
  /// decimals; nil when PlanGesamt is 0.
  public var utilization: Hundredths? {
    guard planTotal.cents != 0 else { return nil }
    return Hundredths(
      Rounding.divideRoundingHalfAwayFromZero(actualCumulative.cents * 10_000, by: planTotal.cents))
  }
}

/// All figures of one grant for one period.
public struct GrantFigures: Sendable {
  public var byCostItem: [String: Figures] = [:]
  public var byMeasure: [String: Figures] = [:]
  public var total = Figures()
  /// The eligible rows paid within the period (the Belegliste), from the
  /// rows the ledger kept (``RowRetention``).
  public var periodRows: [ClassifiedBooking] = []
  /// AbgerufenKumuliert: drawdowns received by the Stichtag (repayments negative).
  public var drawnCumulative = Money.zero
  /// BundesanteilKumuliert: min(round(IstKumuliert × Förderquote), Höchstbetrag).
  public var federalShareCumulative = Money.zero
  /// Kassenbestand: AbgerufenKumuliert − BundesanteilKumuliert (computation.md), the one
  /// definition every report and R-KASSE read.
  public var cash: Money { drawnCumulative - federalShareCumulative }

  public init(ledger: GrantLedger, period: DateInterval) {
    let stichtag = period.end
    let year = stichtag.year
    let yearStart = CalendarDate.firstDay(ofYear: year)
    for item in ledger.costItems { byCostItem[item] = Figures() }
    for measure in ledger.measures { byMeasure[measure.id] = Figures() }

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
    }
    ledger.forEachEligibleDay(through: stichtag) { key, paid, amount in
      add(
        { figures in
          figures.actualCumulative += amount
          if paid >= yearStart { figures.actualYear += amount }
          if period.contains(paid) { figures.actualPeriod += amount }
        }, costItem: key.costItem, measure: key.measure)
    }
    drawnCumulative = ledger.drawnTotal(at: stichtag)
    federalShareCumulative = ledger.grant.federalShare(of: total.actualCumulative)
    periodRows = ledger.bookings.filter { row in
      guard ledger.isEligible(row, at: stichtag), let paid = row.booking.paymentDate else { return false }
      return period.contains(paid)
    }
  }
}
