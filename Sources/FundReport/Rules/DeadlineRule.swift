/// R-FRIST: a report falls due within 90 days after the Stichtag.
struct DeadlineRule: ComplianceRule {
  /// How far ahead of the Stichtag a due date is announced: 90 days.
  static let horizonDays = 90

  let id = RuleID.frist
  let severity = Severity.hinweis
  let legalReference: String? = "ANBest-P Nr. 6, ANBest-Gk"

  func findings(in context: RuleContext) -> [Finding] {
    let stichtag = context.stichtag
    let horizon = stichtag.adding(days: Self.horizonDays)
    return DueDates.of(context.grant).compactMap { due in
      guard stichtag < due.date, due.date <= horizon else { return nil }
      return finding(
        "\(due.title) ist am \(due.date.german) fällig (in \(stichtag.days(to: due.date)) Tagen). "
          + "Unterlagen rechtzeitig vorbereiten.",
        dueDate: due.date)
    }
  }
}

/// The due dates of a grant's statements (computation.md, "Due dates").
enum DueDates {
  struct Due: Sendable, Equatable {
    var kind: ReportKind
    var period: String
    var date: CalendarDate
    var title: String {
      kind == .zwischennachweis ? "Der Zwischennachweis \(period)" : "Der Verwendungsnachweis"
    }
  }

  static func of(_ grant: Grant) -> [Due] {
    var dues: [Due] = []
    let lastYear = grant.period.end.year
    for year in grant.period.start.year..<lastYear {
      let month = CalendarDate.firstDay(ofYear: year, month: 12).adding(months: grant.interimStatementMonths)
      dues.append(
        Due(kind: .zwischennachweis, period: String(year), date: .lastDay(ofYear: month.year, month: month.month)))
    }
    dues.append(Due(kind: .verwendungsnachweis, period: "gesamt", date: grant.finalStatementDue))
    return dues.sorted { $0.date < $1.date }
  }
}
