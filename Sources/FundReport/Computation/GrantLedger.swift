/// How a grant row's account maps to a cost item (rules.md, "One cost-item
/// outcome per row", before the date check).
public enum CostItemOutcome: Hashable, Sendable {
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
public struct ClassifiedBooking: Sendable {
  public var booking: Booking
  public var outcome: CostItemOutcome

  public var costItem: String? {
    if case .costItem(let item) = outcome { return item }
    return nil
  }
}

/// Assigns accounts to cost items by the longest matching prefix
/// (inputs.md `sachkonten.csv`, computation.md step 2).
public struct AccountMap: Sendable {
  private let prefixes: [AccountPrefix]

  public init(_ prefixes: [AccountPrefix]) {
    self.prefixes = prefixes.sorted { $0.prefix.count > $1.prefix.count }
  }

  public func costItem(forAccount account: String) -> String? {
    prefixes.first { account.hasPrefix($0.prefix) }?.costItem
  }
}

/// One grant's data, classified once and evaluated for any Stichtag.
public struct GrantLedger: Sendable {
  public let grant: Grant
  public let measures: [Measure]
  public let plan: [PlanEntry]
  public let bookings: [ClassifiedBooking]
  public let drawdowns: [Drawdown]
  public let milestones: [Milestone]
  public let indicators: [IndicatorValue]
  /// The grant's cost items: exactly the `kostenposition` values of its plan, sorted.
  public let costItems: [String]

  public init(grant: Grant, export: Export) {
    self.grant = grant
    let id = grant.id
    measures = (export.measures[id] ?? []).sorted { codePointOrder($0.id, $1.id) }
    plan = export.plan[id] ?? []
    drawdowns = export.drawdowns[id] ?? []
    milestones = export.milestones[id] ?? []
    indicators = export.indicators[id] ?? []
    let items = Set(plan.map(\.costItem))
    costItems = items.sorted(by: codePointOrder)
    let accounts = AccountMap(export.accountPrefixes)
    bookings = (export.bookings[id] ?? []).map { booking in
      let outcome: CostItemOutcome
      switch accounts.costItem(forAccount: booking.account) {
      case nil: outcome = .noAccountPrefix
      case AccountPrefix.notEligible?: outcome = .notEligible
      case let item? where items.contains(item): outcome = .costItem(item)
      case let item?: outcome = .unknownCostItem(item)
      }
      return ClassifiedBooking(booking: booking, outcome: outcome)
    }
    .sorted { $0.booking.line < $1.booking.line }
  }

  /// The eligible amount of a row: `netto` with Vorsteuerabzug, else `brutto`.
  public func eligibleAmount(of booking: Booking) -> Money {
    grant.deductsInputTax ? booking.net : booking.gross
  }

  /// Whether the row counts as eligible expenditure at Stichtag `stichtag`
  /// (computation.md, steps 3 and 4).
  public func isEligible(_ row: ClassifiedBooking, at stichtag: CalendarDate) -> Bool {
    guard row.costItem != nil, let paid = row.booking.paymentDate, paid <= stichtag else { return false }
    return grant.period.contains(paid)
  }

  /// A row is present at E when it was booked or paid by E (rules.md).
  public func isPresent(_ row: ClassifiedBooking, at stichtag: CalendarDate) -> Bool {
    row.booking.postingDate <= stichtag || (row.booking.paymentDate.map { $0 <= stichtag } ?? false)
  }

  /// The eligible rows paid by `stichtag`.
  public func eligibleRows(at stichtag: CalendarDate) -> [ClassifiedBooking] {
    bookings.filter { isEligible($0, at: stichtag) }
  }

  /// IstKumuliert of the whole grant at `date`.
  public func eligibleTotal(at date: CalendarDate) -> Money {
    var total = Money.zero
    for row in bookings where isEligible(row, at: date) { total += eligibleAmount(of: row.booking) }
    return total
  }

  /// BundesanteilKumuliert: min(round(IstKumuliert × q), Höchstbetrag).
  public func federalShare(at date: CalendarDate) -> Money {
    grant.federalShare(of: eligibleTotal(at: date))
  }

  /// AbgerufenKumuliert: drawdowns received by `date` (repayments negative).
  public func drawnTotal(at date: CalendarDate) -> Money {
    drawdowns.filter { $0.receiptDate.map { $0 <= date } ?? false }.sum(\.amount)
  }
}
