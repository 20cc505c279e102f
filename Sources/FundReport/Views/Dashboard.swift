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
    return GrantView(
      input: input, findings: ExplainedFinding.of(input), outlook: item,
      dues: dues.filter { $0.grant == id && $0.due > asOf }, history: history ?? [])
  }
}

extension ExplainedFinding {
  /// The findings of `input` with the records of their places (ledger rows kept whole where the
  /// ledger was read keeping them; others by their place).
  static func of(_ input: ReportInput) -> [ExplainedFinding] {
    let ledger = input.ledger
    let files = SourcePlaceFinder(export: input.export)
    let stichtag = input.period.stichtag
    let byLine = Dictionary(
      ledger.bookings.map { ($0.booking.line, $0.booking) }, uniquingKeysWith: { first, _ in first })
    return input.findings.map { finding in
      var places: [Place] = finding.places.map { place in
        if place.file == RuleContext.ledgerFile {
          if let booking = byLine[place.line] { return .booking(booking, files.place(of: booking)) }
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
