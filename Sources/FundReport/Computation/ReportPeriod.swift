/// The four report kinds of outputs.md.
public enum ReportKind: String, Sendable, CaseIterable, Codable {
  case quartalsbericht = "Quartalsbericht"
  case zwischennachweis = "Zwischennachweis"
  case verwendungsnachweis = "Verwendungsnachweis"
  case mittelabruf = "Mittelabruf"
}

/// A report's period: its id (`2026-Q3`), its days [B, E] and its Stichtag E.
public struct ReportPeriod: Hashable, Sendable {
  var kind: ReportKind
  /// The period id as outputs.md writes it.
  var id: String
  var interval: DateInterval
  var stichtag: CalendarDate { interval.end }

  init(kind: ReportKind, id: String, interval: DateInterval) {
    self.kind = kind
    self.id = id
    self.interval = interval
  }

  /// A period id that cannot be used for a report.
  public enum Invalid: Error, Sendable, Equatable {
    case notAQuarter(String)
    case notABudgetYear(String)
    case notGesamt(String)
    case notAStichtag(String)
    /// The period does not overlap the grant's Bewilligungszeitraum.
    case outsideGrantPeriod(
      kind: ReportKind, id: String, interval: DateInterval, grant: String, grantPeriod: DateInterval)
    /// A Mittelabruf whose VerwendenBis lies after 31.12.9999.
    case spendingWindowBeyondCalendar(id: String, stichtag: CalendarDate, window: SpendingWindow)
    /// A Stichtag before the Bewilligungszeitraum starts (`check`).
    case beforeGrantPeriod(grant: String, start: CalendarDate)
    /// The grant is not in zuwendung.csv.
    case unknownGrant(String)
    /// A report whose Stichtag lies after the day it is made (`Erstellt`):
    /// it would show as final what is not yet booked.
    case stichtagAfterCreation(kind: ReportKind, id: String, stichtag: CalendarDate, created: CalendarDate)
    /// A Verwendungsnachweis before the Bewilligungszeitraum has ended.
    case grantNotEnded(grant: String, end: CalendarDate)
    /// A Mittelabruf with a `bedarf` after the Bewilligungszeitraum has ended:
    /// money drawn then can no longer be spent eligibly.
    case needAfterGrantEnd(grant: String, id: String, end: CalendarDate)
  }

  /// Refuses a report that cannot be right on the day `created` it is made
  /// (docs/decisions.md, "Reports that cannot be right are refused"):
  /// a Verwendungsnachweis before the grant has ended, a Stichtag after
  /// `created`, a Mittelabruf with a `need` after the grant has ended.
  static func checkPlausible(_ period: ReportPeriod, grant: Grant, created: CalendarDate, need: Money)
    throws(Invalid)
  {
    if period.kind == .verwendungsnachweis && created <= grant.period.end {
      throw .grantNotEnded(grant: grant.id, end: grant.period.end)
    }
    if period.stichtag > created {
      throw .stichtagAfterCreation(kind: period.kind, id: period.id, stichtag: period.stichtag, created: created)
    }
    if period.kind == .mittelabruf && need > .zero && period.stichtag > grant.period.end {
      throw .needAfterGrantEnd(grant: grant.id, id: period.id, end: grant.period.end)
    }
  }

  /// Whether `id` of `kind` is a Zwischennachweis for the year in which the grant
  /// ends, for which none is due (computation.md, "Due dates").
  static func isFinalYearStatement(kind: ReportKind, id: String, grant: Grant) -> Bool {
    kind == .zwischennachweis && Int(id) == grant.period.end.year
  }

  /// Checks the form of a period id for `kind`, before any grant is known.
  static func checkForm(kind: ReportKind, id: String) throws(Invalid) {
    // The grant period only shapes a valid id's interval, not its form.
    _ = try interval(
      kind: kind, id: id, grantPeriod: DateInterval(start: .firstDay(ofYear: 1), end: .firstDay(ofYear: 1)))
  }

  /// The grant rows a report of `kind` and `id` lists one by one (its
  /// Belegliste), for any grant: the quarter's or the year's payments; every
  /// row for a Verwendungsnachweis; none for a Mittelabruf, which has no
  /// Belegliste. Rows with a defect are always kept.
  static func retention(kind: ReportKind, id: String) -> RowRetention {
    let anyGrant = DateInterval(start: .firstDay(ofYear: 1), end: .firstDay(ofYear: 1))
    switch kind {
    case .verwendungsnachweis: return .every
    case .mittelabruf: return .defects
    case .quartalsbericht, .zwischennachweis:
      guard let interval = try? interval(kind: kind, id: id, grantPeriod: anyGrant) else { return .every }
      return .paidWithin([interval])
    }
  }

  /// Resolves `id` for `kind` and `grant`.
  ///
  /// - Throws: ``Invalid`` for an id of the wrong form, or a period that does
  ///   not overlap the grant's Bewilligungszeitraum (outputs.md: refused, not clipped).
  static func resolve(kind: ReportKind, id: String, grant: Grant) throws(Invalid) -> ReportPeriod {
    let interval = try interval(kind: kind, id: id, grantPeriod: grant.period)
    guard interval.overlaps(grant.period) else {
      throw .outsideGrantPeriod(kind: kind, id: id, interval: interval, grant: grant.id, grantPeriod: grant.period)
    }
    if kind == .mittelabruf, grant.spendingWindow.end(from: interval.end).year > 9999 {
      throw .spendingWindowBeyondCalendar(id: id, stichtag: interval.end, window: grant.spendingWindow)
    }
    return ReportPeriod(kind: kind, id: id, interval: interval)
  }

  /// The days a period id stands for; the Verwendungsnachweis and the
  /// Mittelabruf take theirs from the grant's Bewilligungszeitraum.
  private static func interval(kind: ReportKind, id: String, grantPeriod: DateInterval) throws(Invalid)
    -> DateInterval
  {
    let interval: DateInterval
    switch kind {
    case .quartalsbericht:
      guard let quarter = parseQuarter(id) else {
        throw .notAQuarter(id)
      }
      interval = quarter
    case .zwischennachweis:
      guard id.count == 4, let year = Int(id), year >= 1 else {
        throw .notABudgetYear(id)
      }
      interval = DateInterval(start: .firstDay(ofYear: year), end: .lastDay(ofYear: year, month: 12))
    case .verwendungsnachweis:
      guard id == "gesamt" else {
        throw .notGesamt(id)
      }
      interval = grantPeriod
    case .mittelabruf:
      guard let date = parseISODate(id) else {
        throw .notAStichtag(id)
      }
      interval = DateInterval(start: grantPeriod.start, end: date)
    }
    return interval
  }

  static func parseQuarter(_ id: String) -> DateInterval? {
    let parts = id.split(separator: "-Q", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 1, let year = Int(parts[0]), year >= 1,
      let quarter = Int(parts[1]), (1...4).contains(quarter)
    else { return nil }
    let firstMonth = (quarter - 1) * 3 + 1
    return DateInterval(
      start: .firstDay(ofYear: year, month: firstMonth), end: .lastDay(ofYear: year, month: firstMonth + 2))
  }

  static func parseISODate(_ text: String) -> CalendarDate? {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-") else { return nil }
    return bytes.withUnsafeBufferPointer { ValueParser.date($0) }
  }
}

extension ReportKind {
  /// A period id of this kind, for messages.
  var examplePeriod: String {
    switch self {
    case .quartalsbericht: return "2026-Q3"
    case .zwischennachweis: return "2025"
    case .verwendungsnachweis: return "gesamt"
    case .mittelabruf: return "2026-10-15"
    }
  }
}
