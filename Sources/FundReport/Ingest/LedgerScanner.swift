#if canImport(Glibc)
  import Glibc
#endif

/// What a pass over (part of) the ledger yields.
struct LedgerPart: Sendable {
  var rows: [String: GrantRows] = [:]
  var counts: [String: Int] = [:]
  var errors: HeldErrors
  var outOfScope = OutOfScopeDefects()
  /// How many readers' results this part combines.
  var readers = 1
  /// Whether a reader found the file is not UTF-8 after all (see `CSVReader`).
  var encodingMismatch = false

  /// Adds `lines` to every line number and `records` to every spreadsheet row (a part read from
  /// the middle of the file).
  mutating func shiftLines(by lines: Int, records: Int) {
    for grant in Array(rows.keys) { rows[grant]?.shiftLines(by: lines, records: records) }
    errors.shiftLines(by: lines)
    outOfScope.firstLines = outOfScope.firstLines.map { $0 + lines }
  }

  /// Appends `later`, which covers the lines after this part's.
  mutating func append(_ later: LedgerPart) {
    for (grant, rows) in later.rows {
      if self.rows[grant] == nil {
        self.rows[grant] = rows
      } else {
        self.rows[grant]?.append(rows)
      }
    }
    counts.merge(later.counts, uniquingKeysWith: +)
    encodingMismatch = encodingMismatch || later.encodingMismatch
    errors.append(later.errors)
    outOfScope.count += later.outOfScope.count
    outOfScope.rowsOutOfScope += later.outOfScope.rowsOutOfScope
    outOfScope.firstLines = Array((outOfScope.firstLines + later.outOfScope.firstLines).prefix(10))
  }
}

/// Reads the ledger (`buchungen.csv`): rows of funded cost objects are
/// folded into their grant's ``GrantRows``, every other row is only checked,
/// from its bytes.
struct LedgerScanner: Sendable {
  /// A funded cost object as the scan needs it: found by its bytes, with
  /// its grant's slot in the scan's per-grant arrays (no lookup by name per row).
  final class FundedObject: Sendable {
    let costObject: CostObject
    let slot: Int
    /// How the grant's rows are classified and kept; nil for a grant whose
    /// row in zuwendung.csv has errors (its rows are only counted).
    let classifier: GrantRows.Classifier?
    let scope: InputError.Scope

    init(costObject: CostObject, slot: Int, classifier: GrantRows.Classifier?, scope: InputError.Scope) {
      self.costObject = costObject
      self.slot = slot
      self.classifier = classifier
      self.scope = scope
    }
  }

  let funded: ByteKeyTable<FundedObject>
  /// The grant ids of the slots.
  let grantSlots: [String]
  /// Whether bookings keep payee and purpose (only the Belegliste needs them).
  var keepsTexts = true

  /// Reads the rest of `table`, split in two halves read at the same time
  /// when the file is large. The second half starts at a line that the
  /// first half's reader must reach exactly as a record start; if it does
  /// not (the guess fell inside a quoted field), the second half's result is
  /// dropped and the first reader simply reads on.
  func scanInParallel(_ table: TableReader) -> LedgerPart {
    guard let split = table.splitOffset(minimumSize: table.parallelThreshold),
      let second = try? table.chunk(startingAt: split)
    else { return scan(table) }
    table.csv.stopOffset = split
    // The second reader's lines count from the split (line 1 there) until
    // the first reader, which reaches the split, knows the split's line.
    var (part, later) = Concurrently.both({ scan(table) }, { scan(second) })
    table.csv.stopOffset = nil
    if table.csv.stoppedAt == split {
      let linesBefore = table.csv.currentLine - 1
      later.shiftLines(by: linesBefore, records: table.spreadsheetRowsBefore)
      second.shiftLines(by: linesBefore)
      part.append(later)
      part.readers = 2
      table.absorb(second)
    } else {
      // The split fell inside a record: read on sequentially.
      part.append(scan(table))
    }
    return part
  }

  /// Reads `table` from where it stands to its stop (or the end).
  func scan(_ table: TableReader) -> LedgerPart {
    var part = LedgerPart(errors: HeldErrors(cap: table.heldErrorsPerCategory))
    let csv = table.csv
    let costObjectIndex = LedgerColumn.kostenobjekt.index(in: table)
    let required = RequiredValues(table)
    let columns = LedgerColumns(table)
    var rows = [GrantRows?](repeating: nil, count: grantSlots.count)
    var counts = [Int](repeating: 0, count: grantSlots.count)
    // Per reader: the two halves of a split ledger add up to at most twice the limit, still exact.
    var budgets = [AmountBudget](repeating: AmountBudget(), count: grantSlots.count)
    funded.withLookup { lookup in
      table.forEachRecord { row in
        var found: FundedObject?
        if let costObjectIndex, costObjectIndex < csv.fields.count {
          found = csv.withField(costObjectIndex) { lookup.value(for: $0) }
        }
        guard let funded = found else {
          // Out of scope: check the values without building strings.
          part.outOfScope.rowsOutOfScope += 1
          if !required.areValid(in: csv) { part.outOfScope.record(line: row.line) }
          return
        }
        var booking = Self.booking(from: &row, columns: columns, costObject: funded.costObject, keepsTexts: false)
        counts[funded.slot] += 1
        // Gross and eligible (net or gross) amounts are summed apart: the larger bounds both sums.
        if let found = booking, !budgets[funded.slot].take(max(found.gross.magnitude, found.net.magnitude)) {
          row.report(columns.gross, .amountLimit(limit: Money.magnitudeLimit))
          booking = nil
        }
        if let booking, let classifier = funded.classifier {
          if rows[funded.slot] == nil {
            rows[funded.slot] = GrantRows(period: classifier.grant.period, retention: classifier.retention)
          }
          let kept = rows[funded.slot]?.add(booking, offset: csv.recordOffset, classifier: classifier) ?? false
          // Payee and purpose only for the rows kept whole (a Belegliste shows them).
          if kept && keepsTexts {
            rows[funded.slot]?.setTextsOfLastKept(payee: row.text(columns.payee), purpose: row.text(columns.purpose))
          }
        }
        if !row.problems.isEmpty { part.errors.append(contentsOf: row.inputErrors(scope: funded.scope)) }
      }
    }
    for (slot, grant) in grantSlots.enumerated() {
      if counts[slot] > 0 { part.counts[grant] = counts[slot] }
      if var grantRows = rows[slot] {
        rows[slot] = nil
        grantRows.finish()  // sorted here, by each reader for its rows
        part.rows[grant] = grantRows
      }
    }
    part.encodingMismatch = csv.encodingMismatch
    return part
  }
}

/// The values every ledger row must have, checked from the bytes of a row
/// that no grant uses: a bad one is counted (R-AUSSER-SCOPE), never an
/// error (inputs.md, "Bad input"). The usual forms are recognised from the
/// field's bytes in the buffer; anything else goes through the parsers.
struct RequiredValues {
  private let fieldCount: Int
  private let postingDate: Int?
  private let paymentDate: Int?
  private let amounts: [Int]
  private let decimalSeparator: UInt8
  private let encoding: TextEncoding

  init(_ table: TableReader) {
    fieldCount = table.headerFieldCount
    postingDate = LedgerColumn.buchungsdatum.index(in: table)
    paymentDate = LedgerColumn.zahlungsdatum.index(in: table)
    amounts = [LedgerColumn.netto, .ust, .brutto].compactMap { $0.index(in: table) }
    decimalSeparator = table.dialect.decimalSeparator
    encoding = table.inspection.encoding
  }

  /// Whether the current record of `csv` has every field of the header and
  /// valid values where every row needs them.
  @inline(__always)
  func areValid(in csv: CSVReader) -> Bool {
    // A short row is bad; with every field there, every index is in range.
    guard csv.fields.count >= fieldCount else { return false }
    if let postingDate, !isDate(csv, postingDate, orEmpty: false) { return false }
    if let paymentDate, !isDate(csv, paymentDate, orEmpty: true) { return false }
    for index in amounts where !isAmount(csv, index) { return false }
    return true
  }

  @inline(__always)
  private func isDate(_ csv: CSVReader, _ index: Int, orEmpty: Bool) -> Bool {
    if let bytes = csv.plainField(index), ValueParser.isUsualDate(bytes) { return true }
    return csv.withField(index) { $0.isEmpty ? orEmpty : ValueParser.date($0) != nil }
  }

  @inline(__always)
  private func isAmount(_ csv: CSVReader, _ index: Int) -> Bool {
    if let bytes = csv.plainField(index), ValueParser.isUsualAmount(bytes, decimalSeparator: decimalSeparator) {
      return true
    }
    return csv.withField(index) {
      !$0.isEmpty && ValueParser.amount($0, decimalSeparator: decimalSeparator, encoding: encoding) != nil
    }
  }
}

/// The ledger columns a grant row is read from, looked up once per file.
struct LedgerColumns {
  let voucher, postingDate, paymentDate, account, payee, purpose, net, vat, gross: ResolvedColumn

  init(_ table: TableReader) {
    voucher = ResolvedColumn(LedgerColumn.belegNr, in: table)
    postingDate = ResolvedColumn(LedgerColumn.buchungsdatum, in: table)
    paymentDate = ResolvedColumn(LedgerColumn.zahlungsdatum, in: table)
    account = ResolvedColumn(LedgerColumn.sachkonto, in: table)
    payee = ResolvedColumn(LedgerColumn.empfaenger, in: table)
    purpose = ResolvedColumn(LedgerColumn.verwendungszweck, in: table)
    net = ResolvedColumn(LedgerColumn.netto, in: table)
    vat = ResolvedColumn(LedgerColumn.ust, in: table)
    gross = ResolvedColumn(LedgerColumn.brutto, in: table)
  }
}

extension LedgerScanner {
  /// The grant row that `row` holds, or nil when a value is bad (then `row`
  /// has the problems).
  static func booking(
    from row: inout RowReader, columns: LedgerColumns, costObject: CostObject, keepsTexts: Bool
  ) -> Booking? {
    let voucher = row.identifierText(columns.voucher)
    let posting = row.date(columns.postingDate, required: true)
    let payment = row.date(columns.paymentDate, required: false)
    let account = row.identifierText(columns.account, required: false)
    let payee = keepsTexts ? row.text(columns.payee) : ""
    let purpose = keepsTexts ? row.text(columns.purpose) : ""
    let net = row.amount(columns.net, required: true)
    let vat = row.amount(columns.vat, required: true)
    let gross = row.amount(columns.gross, required: true)
    guard row.problems.isEmpty, let posting, let net, let vat, let gross else { return nil }
    return Booking(
      line: row.line, voucher: voucher, postingDate: posting, paymentDate: payment, costObject: costObject.id,
      account: account, payee: payee, purpose: purpose, net: net, vat: vat, gross: gross, grant: costObject.grant,
      measure: costObject.measure, spreadsheetRow: row.spreadsheetRow)
  }
}

extension LedgerFile {
  /// The grant row whose record starts at `offset`, read again (its line is
  /// not known there: 0); nil when it cannot be read or is no longer one.
  func booking(at offset: Int) -> Booking? {
    guard let table = try? TableReader.reopen(self, at: offset) else { return nil }
    table.csv.stopOffset = offset + 1
    var result: Booking?
    var done = false
    table.forEachRecord { row in
      guard !done else { return }
      done = true
      guard let index = LedgerColumn.kostenobjekt.index(in: table), index < table.csv.fields.count,
        let costObject = costObjects[table.csv.string(index)]
      else { return }
      result = LedgerScanner.booking(
        from: &row, columns: LedgerColumns(table), costObject: costObject, keepsTexts: false)
    }
    return result
  }
}
