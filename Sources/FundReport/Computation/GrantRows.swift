/// Which grant rows the ledger keeps one by one (with their texts); every
/// other row only adds to the sums of ``GrantRows``.
public enum RowRetention: Sendable, Equatable {
  /// Every grant row (small exports, tests, the nightly run).
  case every
  /// Rows with a defect, and the eligible rows paid within these intervals
  /// (the Belegliste of a report).
  case paidWithin([DateInterval])
  /// Only rows with a defect (`fundreport check`).
  case defects
}

/// One grant's ledger rows, folded while the ledger is read.
///
/// A city's ledger has millions of rows and a grant hundreds of thousands;
/// none of the figures needs them one by one. So each row adds to sums
/// keyed by measure, cost item and day, and is kept whole only when a rule
/// lists it (R-KONTO, R-POSITION-UNBEKANNT, R-ZEITRAUM, R-SUMME) or a
/// Belegliste will (``RowRetention``). R-DOPPELT needs every row's key: a
/// 24-byte fingerprint per row, whose rare collisions are read again from
/// the file and compared exactly. Memory is bounded by measures × cost
/// items × days, plus the kept rows and the fingerprints.
public struct GrantRows: Sendable {
  /// Decides each row's cost-item outcome (rules.md) and whether it is kept.
  struct Classifier: Sendable {
    let grant: Grant
    let costItems: Set<String>
    let accounts: AccountMap
    let retention: RowRetention
  }

  /// Eligible amounts are summed per measure, cost item and payment day.
  public struct EligibleKey: Hashable, Sendable {
    public var measure: String
    public var costItem: String
  }

  /// How many rows and how much brutto fall on a day.
  struct Tally: Sendable {
    var rows = 0
    var gross: Int64 = 0
  }

  /// A row's R-DOPPELT key in 24 bytes: the hash of beleg_nr, kostenobjekt,
  /// sachkonto, zahlungsdatum and brutto, and where to find the row again.
  struct VoucherKey: Sendable {
    var fingerprint: Int
    /// The record's byte offset in the ledger, or its index in ``kept``.
    var offset: Int
    var line: UInt32
    var postingDay: Int32
  }

  /// Rows kept one by one, in line order.
  public internal(set) var kept: [ClassifiedBooking] = []
  /// Grant rows read with valid values.
  public internal(set) var count = 0
  /// Eligible cents per measure and cost item, per payment day (day number):
  /// rows with a cost item of the plan, paid within the Bewilligungszeitraum.
  public internal(set) var eligible: [EligibleKey: [Int32: Int64]] = [:]
  /// R-OFFEN: rows by posting day, and by the day they are settled
  /// (the later of posting and payment; unpaid rows never are).
  var posted: [Int32: Tally] = [:]
  var settled: [Int32: Tally] = [:]
  /// Every row's R-DOPPELT key; sorted by fingerprint once the ledger is read.
  var voucherKeys: [VoucherKey] = []
  /// Whether ``VoucherKey/offset`` indexes ``kept`` (rows folded from memory)
  /// instead of the ledger file.
  var keysIndexKept = false

  private var outcomes: [String: CostItemOutcome] = [:]

  init() {}

  /// Adds one grant row.
  ///
  /// - Parameter offset: the record's byte offset in the ledger, or nil for
  ///   a row that does not come from a file (it is then kept).
  mutating func add(_ booking: Booking, offset: Int?, classifier: Classifier) {
    let outcome: CostItemOutcome
    if let known = outcomes[booking.account] {
      outcome = known
    } else {
      switch classifier.accounts.costItem(forAccount: booking.account) {
      case nil: outcome = .noAccountPrefix
      case AccountPrefix.notEligible?: outcome = .notEligible
      case let item? where classifier.costItems.contains(item): outcome = .costItem(item)
      case let item?: outcome = .unknownCostItem(item)
      }
      outcomes[booking.account] = outcome
    }
    count += 1
    let posting = Int32(booking.postingDate.dayNumber)
    posted[posting, default: Tally()].add(booking.gross)
    if let paid = booking.paymentDate {
      settled[max(posting, Int32(paid.dayNumber)), default: Tally()].add(booking.gross)
    }

    var keep = false
    switch outcome {
    case .noAccountPrefix, .unknownCostItem: keep = true
    case .notEligible: break
    case .costItem(let item):
      if let paid = booking.paymentDate {
        if classifier.grant.period.contains(paid) {
          let amount = classifier.grant.deductsInputTax ? booking.net : booking.gross
          eligible[EligibleKey(measure: booking.measure, costItem: item), default: [:]][
            Int32(paid.dayNumber), default: 0] += amount.cents
          if case .paidWithin(let intervals) = classifier.retention {
            keep = intervals.contains { $0.contains(paid) }
          }
        } else {
          keep = true  // R-ZEITRAUM
        }
      }
    }
    if booking.gross != booking.net + booking.vat { keep = true }  // R-SUMME
    if offset == nil || classifier.retention == .every { keep = true }

    if offset == nil { keysIndexKept = true }
    voucherKeys.append(
      VoucherKey(
        fingerprint: Self.fingerprint(booking), offset: offset ?? kept.count, line: UInt32(clamping: booking.line),
        postingDay: posting))
    if keep { kept.append(ClassifiedBooking(booking: booking, outcome: outcome)) }
  }

  static func fingerprint(_ booking: Booking) -> Int {
    var hasher = Hasher()
    hasher.combine(booking.voucher)
    hasher.combine(booking.costObject)
    hasher.combine(booking.account)
    hasher.combine(booking.paymentDate)
    hasher.combine(booking.gross)
    return hasher.finalize()
  }

  /// Appends `later`, which holds the rows after this one's (the second
  /// half of a ledger read by two threads).
  mutating func append(_ later: GrantRows) {
    count += later.count
    kept += later.kept
    for (key, days) in later.eligible {
      eligible[key, default: [:]].merge(days, uniquingKeysWith: +)
    }
    posted.merge(later.posted) { $0.merged($1) }
    settled.merge(later.settled) { $0.merged($1) }
    voucherKeys += later.voucherKeys
    for (account, outcome) in later.outcomes { outcomes[account] = outcome }
  }

  /// Sorts the R-DOPPELT keys so that equal fingerprints are neighbours.
  mutating func finish() {
    voucherKeys.sort { ($0.fingerprint, $0.line) < ($1.fingerprint, $1.line) }
    outcomes = [:]
  }

  /// Folds rows that are already in memory (tests, ``Export/bookings``).
  init(_ bookings: [Booking], classifier: Classifier) {
    for booking in bookings.sorted(by: { $0.line < $1.line }) {
      add(booking, offset: nil, classifier: classifier)
    }
    finish()
  }
}

extension GrantRows.Tally {
  mutating func add(_ gross: Money) {
    rows += 1
    self.gross += gross.cents
  }

  func merged(_ other: Self) -> Self { Self(rows: rows + other.rows, gross: gross + other.gross) }
}

extension GrantRows {
  /// R-OFFEN at `stichtag`: rows booked by then and not paid by then.
  /// (Booked by E minus booked and paid by E, which is settled by E.)
  func unpaid(at stichtag: CalendarDate) -> (rows: Int, gross: Money) {
    let last = Int32(stichtag.dayNumber)
    var rows = 0
    var gross: Int64 = 0
    for (day, tally) in posted where day <= last {
      rows += tally.rows
      gross += tally.gross
    }
    for (day, tally) in settled where day <= last {
      rows -= tally.rows
      gross -= tally.gross
    }
    return (rows, Money(cents: gross))
  }
}

extension GrantRows {
  /// The keys whose fingerprint another row shares (``finish()`` sorted them).
  func fingerprintCollisions() -> [VoucherKey] {
    var result: [VoucherKey] = []
    var index = 0
    while index < voucherKeys.count {
      var end = index + 1
      while end < voucherKeys.count && voucherKeys[end].fingerprint == voucherKeys[index].fingerprint { end += 1 }
      if end - index > 1 { result += voucherKeys[index..<end] }
      index = end
    }
    return result
  }
}

extension GrantLedger {
  /// The row behind an R-DOPPELT key: kept in memory, or read again from
  /// the ledger file; nil when the file cannot be read again.
  func row(for key: GrantRows.VoucherKey) -> Booking? {
    if rows.keysIndexKept { return rows.kept[key.offset].booking }
    let line = Int(key.line)
    let kept = rows.kept
    var low = 0
    var high = kept.count
    while low < high {
      let middle = (low + high) / 2
      if kept[middle].booking.line < line { low = middle + 1 } else { high = middle }
    }
    if low < kept.count && kept[low].booking.line == line { return kept[low].booking }
    guard var booking = ledgerFile?.booking(at: key.offset) else { return nil }
    booking.line = line
    return booking
  }
}
