/// The controller's dashboard (`fundreport dashboard`): a start page with one card per grant and a
/// page per grant, exception first, made from the same model as the reports, `explain` and `outlook`.
struct Dashboard: Sendable {
  /// One grant at the Stichtag.
  struct GrantView: Sendable {
    /// The grant's figures and findings from the start of its Bewilligungszeitraum to the Stichtag
    /// (the model a Mittelabruf on that day is made from).
    var input: ReportInput
    var findings: [ExplainedFinding]
    var outlook: Outlook.GrantOutlook
    var dues: [DeadlineTable.Item]
    /// The register's deliveries of the grant, with the drafts that newer ones replaced (as `history` lists them).
    var history: [HistoryRow]
    /// What changed from each line of `history` to the next of the same report and period (as `diff` says it).
    var changes: [VersionChange]
    /// Per cost item (the ledger's order), the eligible rows paid from the start of the grant to the
    /// Stichtag: what its IstKumuliert adds up.
    var vouchers: [(costItem: String, rows: [ExplainedBooking])]

    var grant: Grant { input.grant }
    var figures: GrantFigures { input.figures }
    func count(_ severity: Severity) -> Int { input.findings.count { $0.severity == severity } }

    /// Red with a Fehler finding; yellow with a Warnung, interest, or a due date within 30 days; else green.
    var light: Light {
      if count(.fehler) > 0 { return .red }
      let soon = dues.contains { item in
        if case .submitted = item.state { return false }
        return input.period.stichtag.days(to: item.due) <= 30
      }
      if count(.warnung) > 0 || figures.interest.total > .zero || soon { return .yellow }
      return .green
    }
  }

  enum Light: Sendable {
    case red, yellow, green
  }

  /// A finding's places shown on its grant's page; the rest are counted.
  static let placesShown = 50

  var asOf: CalendarDate
  var grants: [GrantView]
  /// Every grant's due dates, for the calendar file (`fristen.ics`, as `deadlines --ics` writes it).
  var dues: [DeadlineTable.Item]
  var notStarted: [(grant: String, start: CalendarDate)]

  /// - Throws: ``ReportError`` when the interest needs a base rate the export lacks.
  init(export: Export, grantIDs: [String], asOf: CalendarDate, jobs: [ScheduledJob], register: Register?) throws {
    self.asOf = asOf
    let generator = try ReportGenerator(export: export)
    let dues = try DeadlineTable.items(export: export, jobs: jobs, register: register)
    var started: [Grant] = []
    var notStarted: [(grant: String, start: CalendarDate)] = []
    for id in grantIDs {
      guard let grant = export.grants[id] else { continue }
      if asOf >= grant.period.start {
        started.append(grant)
      } else {
        notStarted.append((id, grant.period.start))
      }
    }
    // Each grant's view is its own work: two halves of the grants at the same time.
    func views(_ grants: ArraySlice<Grant>) -> Result<[GrantView], any Error> {
      Result {
        try grants.map {
          try Self.view($0, export: export, generator: generator, asOf: asOf, dues: dues, register: register)
        }
      }
    }
    let middle = started.count / 2
    let (first, second) = Concurrently.both({ views(started[..<middle]) }, { views(started[middle...]) })
    self.dues = dues
    self.grants = try first.get() + second.get()
    self.notStarted = notStarted
  }

  /// One grant's view at `asOf`.
  private static func view(
    _ grant: Grant, export: Export, generator: ReportGenerator, asOf: CalendarDate, dues: [DeadlineTable.Item],
    register: Register?
  ) throws -> GrantView {
    let id = grant.id
    let period = ReportPeriod(
      kind: .mittelabruf, id: asOf.iso, interval: DateInterval(start: grant.period.start, end: asOf))
    let input = try generator.prepare(grant: grant, period: period, created: Timestamp.epoch)
    // The outlook from the same figures (computed once).
    let item = Outlook.grant(
      input.ledger, figures: input.figures, baseRates: export.baseRates, asOf: asOf, need: .zero,
      dues: dues.filter { $0.grant == id })
    let history = try register.map { register in
      HistoryRow.merged(entries: try register.entries(grant: id), replaced: try register.replaced(grant: id))
    }
    let explainer = Explainer(input: input, need: .zero)
    // One pass over the kept rows.
    let byCostItem = explainer.eligibleRowsByCostItem(
      RowSelection(paid: DateInterval(start: grant.period.start, end: asOf), costItem: nil, measure: nil))
    let vouchers = input.ledger.costItems.map { costItem in (costItem, byCostItem[costItem] ?? []) }
    return GrantView(
      input: input, findings: ExplainedFinding.of(input), outlook: item,
      dues: dues.filter { $0.grant == id && $0.due > asOf }, history: history ?? [],
      changes: try register.map { try VersionChange.chain(history ?? [], register: $0) } ?? [], vouchers: vouchers)
  }
}

/// What differs between two consecutive deliveries of one report and period in the register: a
/// draft and the one that replaced it, or version n and n + 1.
struct VersionChange: Sendable {
  var kind: ReportKind
  var period: String
  /// `v1`, `v2 (Entwurf vom 15.10.2026 06:00)`: as the history's lines name them.
  var old: HistoryRow.Label
  var new: HistoryRow.Label
  var difference: DeliveryDiff

  /// The changes along `history` (as ``HistoryRow/merged(entries:replaced:)`` orders it), per report and
  /// period; a line whose XML is not at hand (an archive pruned by hand) ends its chain.
  static func chain(_ history: [HistoryRow], register: Register) throws -> [VersionChange] {
    let archive = FileArchive(registerPath: register.path)
    var changes: [VersionChange] = []
    var previous: (row: HistoryRow, xml: [UInt8])?
    for row in history {
      let xml = try row.reportXML(register: register, archive: archive)
      defer { previous = xml.map { (row, $0) } }
      guard let xml, let (before, old) = previous, before.label.kind == row.label.kind,
        before.label.period == row.label.period
      else { continue }
      // Both were validated against the XSD when they were made; a damaged one ends the chain.
      guard let difference = try? DeliveryDiff(old: old, new: xml, oldVouchers: nil, newVouchers: nil),
        !difference.isEmpty
      else { continue }
      changes.append(
        VersionChange(
          kind: row.label.kind, period: row.label.period, old: before.label, new: row.label, difference: difference))
    }
    return changes
  }
}

extension HistoryRow {
  /// Which delivery a line of the history is.
  struct Label: Sendable, Equatable {
    var kind: ReportKind
    var period: String
    var version: Int
    var created: Timestamp
    var replaced: Bool
  }

  var label: Label {
    switch self {
    case .current(let entry):
      return Label(
        kind: entry.kind, period: entry.period, version: entry.version, created: entry.created, replaced: false)
    case .replaced(let draft):
      return Label(
        kind: draft.kind, period: draft.period, version: draft.version, created: draft.created, replaced: true)
    }
  }
}

extension ExplainedFinding {
  /// The findings of `input` with the records of their places (ledger rows kept whole where the
  /// ledger was read keeping them; others by their place).
  static func of(_ input: ReportInput) -> [ExplainedFinding] {
    let ledger = input.ledger
    let files = SourcePlaceFinder(export: input.export)
    let stichtag = input.period.stichtag
    // Where each ledger row that a finding names is among the kept rows (only those: a grant keeps
    // hundreds of thousands).
    let named = Set(input.findings.flatMap { $0.places.filter { $0.file == RuleContext.ledgerFile }.map(\.line) })
    var byLine: [Int: Int] = [:]
    for (index, row) in ledger.bookings.enumerated() where named.contains(row.booking.line) {
      if byLine[row.booking.line] == nil { byLine[row.booking.line] = index }
    }
    return input.findings.map { finding in
      var places: [Place] = finding.places.map { place in
        if place.file == RuleContext.ledgerFile {
          if let index = byLine[place.line] {
            let booking = ledger.bookings[index].booking
            return .booking(booking, files.place(of: booking))
          }
          return .record(
            RecordPlace(file: input.export.userFileName(place.file), line: place.line, spreadsheetRow: nil))
        }
        return .record(files.place(place.file, line: place.line))
      }
      if finding.rule == .offen {
        // R-OFFEN names no places in the delivery; for a person its rows are listed.
        places = ledger.bookings.filter { row in
          row.booking.isPresent(at: stichtag) && !(row.booking.paymentDate.map { $0 <= stichtag } ?? false)
        }.map { .booking($0.booking, files.place(of: $0.booking)) }
      }
      return ExplainedFinding(finding: finding, places: places)
    }
  }
}
