/// Which grant rows the ledger keeps one by one (with their texts); every
/// other row only adds to the sums of ``GrantRows``.
enum RowRetention: Sendable, Equatable {
  /// Every grant row (small exports, tests, the nightly run).
  case every
  /// Rows with a defect, and the eligible rows paid within these intervals
  /// (the Belegliste of a report).
  case paidWithin([DateInterval])
  /// Only rows with a defect (`fundreport check`).
  case defects
  /// What `.paidWithin(intervals)` keeps, and the eligible rows that `rows` selects
  /// (the rows `fundreport explain` lists for a sum).
  case listing(paidWithin: [DateInterval], rows: RowSelection)

  /// What keeps every row that any of `retentions` keeps (`fundreport run`:
  /// the Beleglisten of all the reports it may write for a grant).
  static func union(_ retentions: [RowRetention]) -> RowRetention {
    var intervals: [DateInterval] = []
    var selection: RowSelection?
    for retention in retentions {
      switch retention {
      case .every: return .every
      case .paidWithin(let more): intervals += more
      case .defects: break
      case .listing(let more, let rows):
        guard selection == nil || selection == rows else { return .every }
        intervals += more
        selection = rows
      }
    }
    if let selection { return .listing(paidWithin: intervals, rows: selection) }
    return intervals.isEmpty ? .defects : .paidWithin(intervals)
  }

  /// Whether an eligible row of `item` and `measure` paid on `paid` is kept whole.
  func keepsEligible(paid: CalendarDate, costItem item: String, measure: String) -> Bool {
    switch self {
    case .every: return true
    case .defects: return false
    case .paidWithin(let intervals): return intervals.contains { $0.contains(paid) }
    case .listing(let intervals, let rows):
      return intervals.contains { $0.contains(paid) } || rows.selects(paid: paid, costItem: item, measure: measure)
    }
  }

  /// Whether every eligible row paid within `interval` is kept (a Belegliste
  /// of that period can be made from the kept rows).
  func keepsEveryRow(paidWithin interval: DateInterval) -> Bool {
    switch self {
    case .every: return true
    case .paidWithin(let intervals), .listing(let intervals, _):
      return intervals.contains { $0.start <= interval.start && interval.end <= $0.end }
    case .defects: return false
    }
  }
}

/// The eligible rows a sum is made of: paid within `paid`, of one cost item and one measure
/// where given (`fundreport explain` lists them).
struct RowSelection: Sendable, Equatable {
  var paid: DateInterval
  var costItem: String?
  var measure: String?

  func selects(paid day: CalendarDate, costItem item: String, measure row: String) -> Bool {
    paid.contains(day) && (costItem.map { $0 == item } ?? true) && (measure.map { $0 == row } ?? true)
  }
}

/// One grant's ledger rows, folded while the ledger is read.
///
/// A city's ledger has millions of rows and a grant hundreds of thousands;
/// none of the figures needs them one by one. So each row adds to sums
/// keyed by measure, cost item and day, and is kept whole only when a rule
/// lists it (R-KONTO, R-POSITION-UNBEKANNT, R-ZEITRAUM, R-SUMME) or a
/// Belegliste will (``RowRetention``). R-DOPPELT needs every row's key: 16
/// bytes per row (a hash and where the row is), whose collisions are read
/// again from the file and compared exactly. Memory is bounded by measures ×
/// cost items × days, plus the kept rows, the defect rows and the keys.
struct GrantRows: Sendable {
  /// Decides each row's cost-item outcome (rules.md) and whether it is kept.
  /// (A class: every grant row of a ledger is handed one, without copying it.)
  final class Classifier: Sendable {
    let grant: Grant
    let costItems: Set<String>
    let accounts: AccountMap
    let retention: RowRetention

    init(grant: Grant, costItems: Set<String>, accounts: AccountMap, retention: RowRetention) {
      self.grant = grant
      self.costItems = costItems
      self.accounts = accounts
      self.retention = retention
    }
  }

  /// Eligible amounts are summed per measure, cost item and payment day.
  struct EligibleKey: Hashable, Sendable {
    var measure: String
    var costItem: String
  }

  /// How many rows and how much brutto fall on a day.
  struct Tally: AdditiveArithmetic, Sendable {
    var rows = 0
    var gross: Int64 = 0

    static var zero: Tally { Tally() }
    static func + (lhs: Tally, rhs: Tally) -> Tally { Tally(rows: lhs.rows + rhs.rows, gross: lhs.gross + rhs.gross) }
    static func - (lhs: Tally, rhs: Tally) -> Tally { Tally(rows: lhs.rows - rhs.rows, gross: lhs.gross - rhs.gross) }
  }

  /// A row's R-DOPPELT key in 16 bytes: a 32-bit hash of beleg_nr,
  /// kostenobjekt, sachkonto, zahlungsdatum and brutto, and where to find
  /// the row again. Rows with equal hashes are read again and compared
  /// field by field, so a collision costs a read, never a false finding.
  struct VoucherKey: Sendable {
    var fingerprint: UInt32
    var line: UInt32
    /// The record's byte offset in the ledger, or its index in ``kept``.
    var offset: Int
  }

  /// A grant row that R-KONTO, R-POSITION-UNBEKANNT or R-ZEITRAUM lists,
  /// in 24 bytes: a ledger's defects can be many.
  struct DefectRow: Sendable {
    enum Kind: UInt8, Sendable {
      case noAccountPrefix, unknownCostItem, outsideGrantPeriod
    }
    var line: UInt32
    var postingDay: Int32
    /// `Int32.min`: not paid.
    var paymentDay: Int32
    var kind: Kind
    /// The account (R-KONTO) or the cost item (R-POSITION-UNBEKANNT), as an
    /// index into ``GrantRows/labels``.
    var label: UInt16
    /// brutto (R-KONTO, R-POSITION-UNBEKANNT), the eligible amount (R-ZEITRAUM).
    var amount: Money

    /// Booked or paid by `stichtag` (rules.md).
    func isPresent(at stichtag: CalendarDate) -> Bool {
      postingDay <= Int32(stichtag.dayNumber) || isPaid(by: stichtag)
    }

    /// Paid by `stichtag`.
    func isPaid(by stichtag: CalendarDate) -> Bool {
      paymentDay != Int32.min && paymentDay <= Int32(stichtag.dayNumber)
    }
  }

  /// Rows with a defect that a rule lists, in line order.
  var defects: [DefectRow] = []
  /// The accounts and cost items that ``DefectRow/label`` indexes.
  private(set) var labels: [String] = []
  private var labelIndex: [String: UInt16] = [:]

  /// The account or cost item of a defect row.
  func label(of row: DefectRow) -> String { labels[Int(row.label)] }

  private mutating func intern(_ label: String) -> UInt16 {
    if let index = labelIndex[label] { return index }
    // More than 65 535 distinct accounts among one grant's defects: the last
    // one stands for the rest (only the message lists them).
    guard labels.count < Int(UInt16.max) else { return UInt16.max - 1 }
    let index = UInt16(labels.count)
    labels.append(label)
    labelIndex[label] = index
    return index
  }

  /// Rows kept one by one, in line order.
  var kept: [ClassifiedBooking] = []
  /// The rows whose R-DOPPELT fingerprints meet, in line order (``resolveDuplicateCandidates(readRow:)``).
  var duplicateCandidates: [Booking] = []
  /// How many of those could not be read again (the ledger changed or went
  /// away while fundreport read it): no report may rely on this ledger then.
  var unreadableCandidates = 0
  /// Grant rows read with valid values.
  var count = 0
  /// Eligible cents per measure and cost item, per payment day (day number):
  /// rows with a cost item of the plan, paid within the Bewilligungszeitraum.
  private(set) var eligible: [EligibleKey: DaySums<Int64>] = [:]
  /// R-OFFEN: rows by posting day, and by the day they are settled
  /// (the later of posting and payment; unpaid rows never are).
  var posted: DaySums<Tally>
  var settled: DaySums<Tally>
  /// The days of the Bewilligungszeitraum (eligible rows are paid within it).
  private let periodDays: ClosedRange<Int32>
  /// Which rows were kept whole.
  let retention: RowRetention
  /// Every row's R-DOPPELT key, one segment per reader (merging them would
  /// copy them all); each sorted by fingerprint once the ledger is read.
  var voucherKeys: [[VoucherKey]] = [[]]
  /// Whether ``VoucherKey/offset`` indexes ``kept`` (rows folded from memory)
  /// instead of the ledger file.
  var keysIndexKept = false

  private var outcomes: [String: CostItemOutcome] = [:]

  /// Sums for the rows of a grant with Bewilligungszeitraum `period`: by
  /// day over the period, and for R-OFFEN over about five and a half years
  /// either side of it (other days cost a hash).
  init(period: DateInterval, retention: RowRetention) {
    self.retention = retention
    periodDays = Int32(period.start.dayNumber)...Int32(max(period.start, period.end).dayNumber)
    let around = Int32(periodDays.lowerBound - 2_048)...Int32(periodDays.upperBound + 2_048)
    posted = DaySums(days: around)
    settled = DaySums(days: around)
  }

  /// Adds one grant row.
  ///
  /// - Parameter offset: the record's byte offset in the ledger, or nil for
  ///   a row that does not come from a file (it is then kept).
  /// - Returns: whether the row was kept (as the last of ``kept``).
  @discardableResult
  mutating func add(_ booking: Booking, offset: Int?, classifier: Classifier) -> Bool {
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
    let tally = Tally(rows: 1, gross: booking.gross.cents)
    posted.add(tally, on: posting)
    if let paid = booking.paymentDate { settled.add(tally, on: max(posting, Int32(paid.dayNumber))) }

    var keep = false
    func defect(_ kind: DefectRow.Kind, _ label: String, _ amount: Money) {
      let label = intern(label)
      defects.append(
        DefectRow(
          line: UInt32(clamping: booking.line), postingDay: posting,
          paymentDay: booking.paymentDate.map { Int32($0.dayNumber) } ?? Int32.min, kind: kind, label: label,
          amount: amount))
    }
    switch outcome {
    case .noAccountPrefix: defect(.noAccountPrefix, booking.account, booking.gross)
    case .unknownCostItem(let item): defect(.unknownCostItem, item, booking.gross)
    case .notEligible: break
    case .costItem(let item):
      if let paid = booking.paymentDate {
        if classifier.grant.period.contains(paid) {
          let amount = classifier.grant.deductsInputTax ? booking.net : booking.gross
          eligible[EligibleKey(measure: booking.measure, costItem: item), default: DaySums(days: periodDays)]
            .add(amount.cents, on: Int32(paid.dayNumber))
          keep = classifier.retention.keepsEligible(paid: paid, costItem: item, measure: booking.measure)
        } else {
          defect(.outsideGrantPeriod, "", classifier.grant.deductsInputTax ? booking.net : booking.gross)
        }
      }
    }
    if booking.gross != booking.net + booking.vat { keep = true }  // R-SUMME
    if offset == nil || classifier.retention == .every { keep = true }

    if offset == nil { keysIndexKept = true }
    voucherKeys[voucherKeys.count - 1].append(
      VoucherKey(
        fingerprint: Self.fingerprint(booking), line: UInt32(clamping: booking.line), offset: offset ?? kept.count))
    if keep { kept.append(ClassifiedBooking(booking: booking, outcome: outcome)) }
    return keep
  }

  /// Sets payee and purpose of the row kept last (they are read only for kept rows).
  mutating func setTextsOfLastKept(payee: String, purpose: String) {
    guard !kept.isEmpty else { return }
    kept[kept.count - 1].booking.payee = payee
    kept[kept.count - 1].booking.purpose = purpose
  }

  /// The R-DOPPELT hash of a row: FNV-1a over the key's bytes, then mixed
  /// (a fast hash, the same in every run; equal hashes are compared exactly).
  static func fingerprint(_ booking: Booking) -> UInt32 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    func mix(_ value: UInt64) { hash = (hash ^ value) &* 0x0000_0100_0000_01B3 }
    func mix(_ text: String) {
      for byte in text.utf8 { mix(UInt64(byte)) }
      mix(0x100)  // ends the text: ("ab", "c") and ("a", "bc") differ
    }
    mix(booking.voucher)
    mix(booking.costObject)
    mix(booking.account)
    mix(UInt64(bitPattern: Int64(booking.paymentDate?.dayNumber ?? -1)))
    mix(UInt64(bitPattern: booking.gross.cents))
    hash ^= hash >> 33
    hash &*= 0xFF51_AFD7_ED55_8CCD
    hash ^= hash >> 33
    return UInt32(truncatingIfNeeded: hash)
  }

  /// Appends `later`, which holds the rows after this one's (the second
  /// half of a ledger read by two threads).
  mutating func append(_ later: GrantRows) {
    count += later.count
    kept += later.kept
    let labelMap = later.labels.map { intern($0) }
    defects += later.defects.lazy.map { row in
      var row = row
      row.label = labelMap[Int(row.label)]
      return row
    }
    for (key, days) in later.eligible {
      eligible[key, default: DaySums(days: periodDays)].merge(days)
    }
    posted.merge(later.posted)
    settled.merge(later.settled)
    voucherKeys += later.voucherKeys
    for (account, outcome) in later.outcomes { outcomes[account] = outcome }
  }

  /// Adds `lines` to every line number and `records` to every spreadsheet row (rows read from
  /// the middle of the file).
  mutating func shiftLines(by lines: Int, records: Int) {
    for index in kept.indices {
      kept[index].booking.line += lines
      kept[index].booking.spreadsheetRow += records
    }
    for index in defects.indices { defects[index].line += UInt32(clamping: lines) }
    for segment in voucherKeys.indices {
      for index in voucherKeys[segment].indices { voucherKeys[segment][index].line += UInt32(clamping: lines) }
    }
  }

  /// Sorts the R-DOPPELT keys so that equal fingerprints are neighbours.
  mutating func finish() {
    for index in voucherKeys.indices {
      voucherKeys[index].sort { ($0.fingerprint, $0.line) < ($1.fingerprint, $1.line) }
    }
    outcomes = [:]
  }

  /// Folds rows that are already in memory (tests, ``Export/bookings``).
  init(_ bookings: [Booking], classifier: Classifier) {
    self.init(period: classifier.grant.period, retention: classifier.retention)
    for booking in bookings.sorted(by: { $0.line < $1.line }) {
      add(booking, offset: nil, classifier: classifier)
    }
    finish()
  }
}

extension GrantRows {
  /// R-OFFEN at `stichtag`: rows booked by then and not paid by then.
  /// (Booked by E minus booked and paid by E, which is settled by E.)
  func unpaid(at stichtag: CalendarDate) -> (rows: Int, gross: Money) {
    let last = Int32(stichtag.dayNumber)
    var rows = 0
    var gross: Int64 = 0
    posted.forEachDay { day, tally in
      guard day <= last else { return }
      rows += tally.rows
      gross += tally.gross
    }
    settled.forEachDay { day, tally in
      guard day <= last else { return }
      rows -= tally.rows
      gross -= tally.gross
    }
    return (rows, Money(cents: gross))
  }
}

extension GrantRows {
  /// The keys whose fingerprint another row shares, over all segments, in
  /// line order: the sorted segments are merged, without a copy of them.
  func fingerprintCollisions() -> [VoucherKey] {
    var heads = Array(repeating: 0, count: voucherKeys.count)
    var result: [VoucherKey] = []
    var run: [VoucherKey] = []
    while true {
      var next: (segment: Int, key: VoucherKey)?
      for (segment, keys) in voucherKeys.enumerated() where heads[segment] < keys.count {
        let key = keys[heads[segment]]
        if next == nil || key.fingerprint < next?.key.fingerprint ?? 0 { next = (segment, key) }
      }
      if let next, next.key.fingerprint == run.first?.fingerprint {
        run.append(next.key)
      } else {
        if run.count > 1 { result += run }
        run.removeAll(keepingCapacity: true)
        if let next { run.append(next.key) }
      }
      guard let next else { break }
      heads[next.segment] += 1
    }
    return result.sorted { $0.line < $1.line }
  }
}

extension GrantRows {
  /// Resolves the rows whose R-DOPPELT fingerprints meet (duplicates, and a few chance
  /// collisions): kept in memory, or read again through `readRow(offset)` (Ingest passes the
  /// ledger file; rows folded from memory never need it). Once, when the ledger is read.
  mutating func resolveDuplicateCandidates(readRow: (Int) -> Booking?) {
    var candidates: [Booking] = []
    var unreadable = 0
    for key in fingerprintCollisions() {
      if let booking = row(for: key, readRow: readRow) {
        candidates.append(booking)
      } else {
        unreadable += 1
      }
    }
    duplicateCandidates = candidates
    unreadableCandidates = unreadable
  }

  /// The row behind an R-DOPPELT key; nil when it cannot be read again.
  private func row(for key: VoucherKey, readRow: (Int) -> Booking?) -> Booking? {
    if keysIndexKept { return kept[key.offset].booking }
    let line = Int(key.line)
    var low = 0
    var high = kept.count
    while low < high {
      let middle = (low + high) / 2
      if kept[middle].booking.line < line { low = middle + 1 } else { high = middle }
    }
    if low < kept.count && kept[low].booking.line == line { return kept[low].booking }
    guard var booking = readRow(key.offset) else { return nil }
    booking.line = line
    return booking
  }
}
