/// Interest on drawn money not used in time (§ 49a Abs. 4 VwVfG), exactly as
/// computation.md defines it ("Interest on drawn money not used in time").
///
/// Money is tracked exactly: a federal share is `amount × Förderquote`, held
/// in units of 1/10 000 cent, so no fraction is lost before the single
/// rounding per drawdown.
public struct DrawdownInterest: Sendable {
  /// The interest of one drawdown.
  struct Entry: Sendable, Equatable {
    var drawdown: Drawdown
    var windowEnd: CalendarDate
    /// Rounded once, half away from zero.
    var interest: Money
    /// Money of this drawdown used after its window end, in cents (rounded for display).
    var lateAmount: Money
    /// Money of this drawdown still unused at the Stichtag after its window end.
    var unusedAmount: Money
    /// Every part of the money that bears interest: used late, or still unused at the Stichtag.
    var portions: [Portion] = []
    /// The drawdown's interval [start, end) of cumulative money in the queue, in 1/10 000 cent.
    var queue: Range<Int64> = 0..<0
    /// Its money not yet used at the Stichtag, window end passed or not, in 1/10 000 cent (`outlook`).
    var unusedUnits: Int64 = 0

    static func == (lhs: Entry, rhs: Entry) -> Bool {
      lhs.drawdown.number == rhs.drawdown.number && lhs.interest == rhs.interest && lhs.windowEnd == rhs.windowEnd
        && lhs.lateAmount == rhs.lateAmount && lhs.unusedAmount == rhs.unusedAmount
    }
  }

  /// A part of a drawdown's money that bears interest, and for which days (`fundreport explain`).
  struct Portion: Sendable, Equatable {
    /// The money, exactly, in units of 1/10 000 cent (a federal share need not be whole cents).
    var amount: Int64
    /// The day the money was used, after the window end; nil: still unused at the Stichtag.
    var usedOn: CalendarDate?
    /// The days that bear interest: from the day of receipt up to and including this day.
    var from: CalendarDate
    var through: CalendarDate
    /// The days per rate period.
    var segments: [RateSegment]

    /// amount × Σ(rate × days), in 1/10 000 cent × basis-point-days (÷ 10⁸ × 365 gives cents).
    var numerator: Int128 { Int128(amount) * Int128(segments.reduce(0) { $0 + Int64($1.days) * $1.basisPoints }) }
  }

  /// The days of a portion at one rate.
  struct RateSegment: Sendable, Equatable {
    var from: CalendarDate
    var through: CalendarDate
    var days: Int
    /// Basiszinssatz + 5 points, in basis points (862: 8,62 %).
    var basisPoints: Int64
  }

  /// A day on which interest runs is not covered by `basiszinssatz.csv`.
  public struct MissingBaseRate: Error, Sendable, Equatable {
    var day: CalendarDate
    var drawdown: String
  }

  var entries: [Entry]

  /// ZinsenAufgelaufen: the sum over the drawdowns.
  var total: Money { entries.sum(\.interest) }

  /// Computes the interest of every drawdown of `ledger` received by `stichtag`.
  ///
  /// - Throws: ``MissingBaseRate`` for the first day that needs a rate and has none.
  init(ledger: GrantLedger, baseRates: [BaseRate], stichtag: CalendarDate) throws(MissingBaseRate) {
    let rate = ledger.grant.fundingRate.value  // hundredths of a percent: q = rate / 10 000
    let window = ledger.grant.spendingWindow
    // U(t): exact federal share of eligible payments paid by t, plus repayments received by t.
    var increments: [CalendarDate: Int64] = [:]
    ledger.forEachEligibleDay(through: stichtag) { _, paid, amount in
      increments[paid, default: 0] += amount.cents * rate
    }
    for drawdown in ledger.drawdowns where drawdown.amount.cents < 0 {
      guard let received = drawdown.receiptDate, received <= stichtag else { continue }
      increments[received, default: 0] += -drawdown.amount.cents * 10_000
    }
    // The queue of positive drawdowns received by the Stichtag.
    let queue = ledger.drawdowns.filter { drawdown in
      drawdown.amount.cents > 0 && (drawdown.receiptDate.map { $0 <= stichtag } ?? false)
    }.sorted { lhs, rhs in
      if lhs.receiptDate != rhs.receiptDate { return (lhs.receiptDate ?? stichtag) < (rhs.receiptDate ?? stichtag) }
      return codePointOrder(lhs.number, rhs.number)
    }
    var days = Set(increments.keys)
    for drawdown in queue { if let received = drawdown.receiptDate { days.insert(received) } }

    struct Slot {
      var drawdown: Drawdown
      var received: CalendarDate
      var windowEnd: CalendarDate
      var start: Int64
      var end: Int64
      var usedUpTo: Int64
      /// Σ portion × Σ(rate × day), in 1/10 000 cent × basis-point-days.
      var numerator: Int128 = 0
      var late: Int64 = 0
      var portions: [Portion] = []
    }
    var slots: [Slot] = []
    var position: Int64 = 0
    for drawdown in queue {
      guard let received = drawdown.receiptDate else { continue }
      let size = drawdown.amount.cents * 10_000
      slots.append(
        Slot(
          drawdown: drawdown, received: received, windowEnd: window.end(from: received), start: position,
          end: position + size, usedUpTo: position))
      position += size
    }

    let rates = RateTable(baseRates)
    var used: Int64 = 0  // U(t)
    var maximum: Int64 = 0  // M(t)
    for day in days.sorted() {
      used += increments[day] ?? 0
      maximum = max(maximum, used)
      for index in slots.indices where slots[index].received <= day {
        let slot = slots[index]
        let reached = min(max(maximum, slot.start), slot.end)
        let portion = reached - slot.usedUpTo
        guard portion > 0 else { continue }
        slots[index].usedUpTo = reached
        if day > slot.windowEnd {
          // Late: interest from the day of receipt up to and including the day before use.
          let through = day.adding(days: -1)
          let segments = try rates.segments(from: slot.received, through: through, drawdown: slot.drawdown.number)
          let part = Portion(amount: portion, usedOn: day, from: slot.received, through: through, segments: segments)
          slots[index].numerator += part.numerator
          slots[index].late += portion
          slots[index].portions.append(part)
        }
      }
    }
    var entries: [Entry] = []
    for var slot in slots {
      let unused = slot.end - slot.usedUpTo
      if unused > 0 && stichtag > slot.windowEnd {
        // Still unused after the window: provisional interest up to and including the Stichtag.
        let segments = try rates.segments(from: slot.received, through: stichtag, drawdown: slot.drawdown.number)
        let part = Portion(amount: unused, usedOn: nil, from: slot.received, through: stichtag, segments: segments)
        slot.numerator += part.numerator
        slot.portions.append(part)
      }
      // numerator / (10 000 [share units] × 10 000 [basis points] × 365 [days]) cents.
      let interest = Self.roundHalfAwayFromZero(slot.numerator, by: 10_000 * 10_000 * 365)
      entries.append(
        Entry(
          drawdown: slot.drawdown, windowEnd: slot.windowEnd, interest: Money(cents: interest),
          lateAmount: Money(cents: Self.roundHalfAwayFromZero(Int128(slot.late), by: 10_000)),
          unusedAmount: Money(
            cents: stichtag > slot.windowEnd ? Self.roundHalfAwayFromZero(Int128(unused), by: 10_000) : 0),
          portions: slot.portions, queue: slot.start..<slot.end, unusedUnits: unused))
    }
    self.entries = entries
  }

  static func roundHalfAwayFromZero(_ numerator: Int128, by denominator: Int128) -> Int64 {
    let quotient = numerator / denominator
    let remainder = numerator % denominator
    let rounded = remainder.magnitude * 2 >= denominator.magnitude ? quotient + (numerator < 0 ? -1 : 1) : quotient
    return Int64(rounded)
  }
}

/// The interest rate per day: Basiszinssatz + 5 percentage points, in basis points.
struct RateTable {
  private let periods: [(from: CalendarDate, basisPoints: Int64)]

  init(_ baseRates: [BaseRate]) {
    periods = baseRates.sorted { $0.validFrom < $1.validFrom }.map {
      ($0.validFrom, $0.rate.value + BaseRate.pointsForInterest.value)
    }
  }

  /// The days `from`...`through` per rate period, with the rate in basis points (none for an empty range).
  func segments(from: CalendarDate, through: CalendarDate, drawdown: String) throws(DrawdownInterest.MissingBaseRate)
    -> [DrawdownInterest.RateSegment]
  {
    guard from <= through else { return [] }
    guard let first = periods.first, first.from <= from else {
      throw DrawdownInterest.MissingBaseRate(day: from, drawdown: drawdown)
    }
    var segments: [DrawdownInterest.RateSegment] = []
    for (index, period) in periods.enumerated() {
      let periodEnd = index + 1 < periods.count ? periods[index + 1].from.adding(days: -1) : through
      let start = max(from, period.from)
      let end = min(through, periodEnd)
      if start <= end {
        segments.append(
          DrawdownInterest.RateSegment(
            from: start, through: end, days: start.days(to: end) + 1, basisPoints: period.basisPoints))
      }
    }
    return segments
  }

  /// The rate in basis points on `day` (Basiszinssatz + 5 points); nil before the first base rate.
  func basisPoints(on day: CalendarDate) -> Int64? {
    periods.last { $0.from <= day }?.basisPoints
  }
}
