/// How serious a finding is (rules.md, "Severities").
enum Severity: Int, Comparable, Sendable, CaseIterable {
  /// The report must not be submitted as it stands.
  case fehler
  /// Needs a controller's look; may be submitted.
  case warnung
  /// Information.
  case hinweis

  /// The name the interface uses (`schwere`).
  var name: String {
    switch self {
    case .fehler: return "Fehler"
    case .warnung: return "Warnung"
    case .hinweis: return "Hinweis"
    }
  }

  static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A finding (Befund) of one compliance rule for one grant.
struct Finding: Sendable, Equatable {
  var rule: RuleID
  var severity: Severity
  /// German, with the concrete figures and what to do (rules.md).
  var message: String
  var legalReference: String?
  var measure: String?
  var costItem: String?
  var amount: Money?
  /// Fundstellen: input file and line, in line order.
  var places: [SourcePlace]
  /// For R-FRIST: the due date, which orders the rule's findings.
  var dueDate: CalendarDate?

  init(
    rule: RuleID, severity: Severity, message: String, legalReference: String?, measure: String? = nil,
    costItem: String? = nil, amount: Money? = nil, places: [SourcePlace] = [], dueDate: CalendarDate? = nil
  ) {
    self.rule = rule
    self.severity = severity
    self.message = message
    self.legalReference = legalReference
    self.measure = measure
    self.costItem = costItem
    self.amount = amount
    self.places = places
    self.dueDate = dueDate
  }

  /// The order of rules.md: severity; rule id (bytes); Massnahme; Kostenposition
  /// (absent first); first place; for R-FRIST the due date.
  static func precedes(_ lhs: Finding, _ rhs: Finding) -> Bool {
    if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
    if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
    if let left = lhs.dueDate, let right = rhs.dueDate, left != right { return left < right }
    if lhs.measure != rhs.measure { return optionalPrecedes(lhs.measure, rhs.measure) }
    if lhs.costItem != rhs.costItem { return optionalPrecedes(lhs.costItem, rhs.costItem) }
    switch (lhs.places.first, rhs.places.first) {
    case (nil, nil): return false
    case (nil, _?): return true
    case (_?, nil): return false
    case (let left?, let right?): return left < right
    }
  }

  private static func optionalPrecedes(_ lhs: String?, _ rhs: String?) -> Bool {
    switch (lhs, rhs) {
    case (nil, _): return rhs != nil
    case (_, nil): return false
    case (let left?, let right?): return codePointOrder(left, right)
    }
  }
}

/// What a rule sees: one grant, one report period, its figures.
struct RuleContext: Sendable {
  var ledger: GrantLedger
  var period: ReportPeriod
  var figures: GrantFigures
  var outOfScope: OutOfScopeDefects
  var interest: DrawdownInterest { figures.interest }
  var stichtag: CalendarDate { period.stichtag }
  var grant: Grant { ledger.grant }

  init(ledger: GrantLedger, period: ReportPeriod, figures: GrantFigures, outOfScope: OutOfScopeDefects) {
    self.ledger = ledger
    self.period = period
    self.figures = figures
    self.outOfScope = outOfScope
    self.presentRows = ledger.bookings.filter { ledger.isPresent($0, at: period.stichtag) }
  }

  /// Grant rows present at the Stichtag, in line order (computed once: several rules read them).
  let presentRows: [ClassifiedBooking]

  static let ledgerFile = "buchungen.csv"

  func place(_ row: ClassifiedBooking) -> SourcePlace { place(row.booking) }

  func place(_ booking: Booking) -> SourcePlace {
    SourcePlace(file: Self.ledgerFile, line: booking.line)
  }

  func place(_ row: GrantRows.DefectRow) -> SourcePlace {
    SourcePlace(file: Self.ledgerFile, line: Int(row.line))
  }

  /// The grant's rows with defect `kind` that are present at the Stichtag.
  func presentDefects(_ kind: GrantRows.DefectRow.Kind) -> [GrantRows.DefectRow] {
    ledger.rows.defects.filter { $0.kind == kind && $0.isPresent(at: stichtag) }
  }
}

/// A compliance rule (Prüfregel) of rules.md.
protocol ComplianceRule: Sendable {
  /// The rule id, e.g. `R-KONTO`.
  var id: RuleID { get }
  var severity: Severity { get }
  /// The cell of rules.md's table, verbatim; nil where it is `—`.
  var legalReference: String? { get }
  func findings(in context: RuleContext) -> [Finding]
}

extension ComplianceRule {
  func finding(
    _ message: String, measure: String? = nil, costItem: String? = nil, amount: Money? = nil,
    places: [SourcePlace] = [], dueDate: CalendarDate? = nil
  ) -> Finding {
    Finding(
      rule: id, severity: severity, message: message, legalReference: legalReference, measure: measure,
      costItem: costItem, amount: amount, places: places, dueDate: dueDate)
  }
}

/// The rules every report evaluates, and their ordered findings.
enum RuleBook {
  static let rules: [any ComplianceRule] = [
    AccountRule(), UnknownCostItemRule(), GrantPeriodRule(), GrossSumRule(), DuplicateVoucherRule(),
    UnpaidRule(), OutOfScopeRule(), MilestoneRule(), CostItemOverrunRule(), CostItemCompensationRule(),
    TotalOverrunRule(), CapRule(), YearPlanRule(), LapseRule(), InterestRule(), CashRule(), DeadlineRule(),
  ]

  /// All findings for `context`, in the order of rules.md.
  static func evaluate(_ context: RuleContext) -> [Finding] {
    rules.flatMap { $0.findings(in: context) }.sorted(by: Finding.precedes)
  }
}

extension Int {
  /// `1 Buchung` / `3 Buchungen`.
  func counted(_ singular: String, _ plural: String) -> String {
    "\(self) \(self == 1 ? singular : plural)"
  }
}
