/// How a grant row's account maps to a cost item (rules.md, "One cost-item
/// outcome per row", before the date check).
enum CostItemOutcome: Hashable, Sendable {
  /// No `sachkonto_praefix` matches (R-KONTO).
  case noAccountPrefix
  /// The account's cost item is `nicht_foerderfaehig`: never eligible, no finding.
  case notEligible
  /// The cost item is not in the grant's financing plan (R-POSITION-UNBEKANNT).
  case unknownCostItem(String)
  /// A cost item of the grant's financing plan.
  case costItem(String)
}

/// A grant row with its cost-item outcome.
struct ClassifiedBooking: Sendable {
  var booking: Booking
  var outcome: CostItemOutcome

  var costItem: String? {
    if case .costItem(let item) = outcome { return item }
    return nil
  }
}

/// Assigns accounts to cost items by the longest matching prefix
/// (inputs.md `sachkonten.csv`, computation.md step 2).
struct AccountMap: Sendable {
  private let prefixes: [AccountPrefix]

  init(_ prefixes: [AccountPrefix]) {
    self.prefixes = prefixes.sorted { $0.prefix.count > $1.prefix.count }
  }

  func costItem(forAccount account: String) -> String? {
    prefixes.first { account.hasPrefix($0.prefix) }?.costItem
  }
}

/// One grant's data, classified once and evaluated for any Stichtag.
struct GrantLedger: Sendable {
  let grant: Grant
  let measures: [Measure]
  let plan: [PlanEntry]
  /// The grant's ledger rows: sums, and the rows kept one by one.
  let rows: GrantRows
  let drawdowns: [Drawdown]
  let milestones: [Milestone]
  let indicators: [IndicatorValue]
  /// The grant's cost items: exactly the `kostenposition` values of its plan, sorted.
  let costItems: [String]

  init(grant: Grant, export: Export) {
    self.grant = grant
    let id = grant.id
    measures = (export.measures[id] ?? []).sorted { codePointOrder($0.id, $1.id) }
    plan = export.plan[id] ?? []
    drawdowns = export.drawdowns[id] ?? []
    milestones = export.milestones[id] ?? []
    indicators = export.indicators[id] ?? []
    costItems = Set(plan.map(\.costItem)).sorted(by: codePointOrder)
    if let read = export.grantRows[id] {
      rows = read  // its R-DOPPELT candidates were resolved where the ledger was read
    } else {
      var folded = GrantRows(
        export.bookings[id] ?? [], classifier: Self.classifier(for: grant, export: export, retention: .every))
      folded.resolveDuplicateCandidates { _ in nil }  // rows from memory: every one is kept
      rows = folded
    }
  }

  /// The rows whose R-DOPPELT fingerprints meet, in line order.
  var duplicateCandidates: [Booking] { rows.duplicateCandidates }
  /// How many of those could not be read again: no report may rely on this ledger then.
  var unreadableCandidates: Int { rows.unreadableCandidates }

  /// How rows of `grant` are classified and kept.
  static func classifier(for grant: Grant, export: Export, retention: RowRetention) -> GrantRows.Classifier {
    GrantRows.Classifier(
      grant: grant, costItems: Set((export.plan[grant.id] ?? []).map(\.costItem)),
      accounts: AccountMap(export.accountPrefixes), retention: retention)
  }

  /// The rows kept one by one, in line order.
  var bookings: [ClassifiedBooking] { rows.kept }

  /// The eligible amount of a row: `netto` with Vorsteuerabzug, else `brutto`.
  func eligibleAmount(of booking: Booking) -> Money {
    grant.deductsInputTax ? booking.net : booking.gross
  }

  /// Whether the row counts as eligible expenditure at Stichtag `stichtag`
  /// (computation.md, steps 3 and 4).
  func isEligible(_ row: ClassifiedBooking, at stichtag: CalendarDate) -> Bool {
    guard row.costItem != nil, let paid = row.booking.paymentDate, paid <= stichtag else { return false }
    return grant.period.contains(paid)
  }

  /// A row is present at E when it was booked or paid by E (rules.md).
  func isPresent(_ row: ClassifiedBooking, at stichtag: CalendarDate) -> Bool {
    row.booking.isPresent(at: stichtag)
  }

  /// Calls `body` with the eligible amount of every measure, cost item and
  /// payment day up to `stichtag` (in no particular order).
  func forEachEligibleDay(
    through stichtag: CalendarDate, _ body: (GrantRows.EligibleKey, CalendarDate, Money) -> Void
  ) {
    let last = Int32(stichtag.dayNumber)
    for (key, days) in rows.eligible {
      days.forEachDay { day, cents in
        guard day <= last else { return }
        body(key, CalendarDate(dayNumber: Int(day)), Money(cents: cents))
      }
    }
  }

  /// IstKumuliert of the whole grant at `date`.
  func eligibleTotal(at date: CalendarDate) -> Money {
    var total = Money.zero
    forEachEligibleDay(through: date) { _, _, amount in total += amount }
    return total
  }

  /// BundesanteilKumuliert: min(round(IstKumuliert × q), Höchstbetrag).
  func federalShare(at date: CalendarDate) -> Money {
    grant.federalShare(of: eligibleTotal(at: date))
  }

  /// AbgerufenKumuliert: drawdowns received by `date` (repayments negative).
  func drawnTotal(at date: CalendarDate) -> Money {
    drawdowns.filter { $0.receiptDate.map { $0 <= date } ?? false }.sum(\.amount)
  }
}
