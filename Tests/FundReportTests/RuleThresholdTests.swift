import Testing

@testable import FundReport

extension Scenario {
  /// The findings of `rule` in a Quartalsbericht (or `kind`) for `periodID`.
  func findings(_ rule: RuleID, kind: ReportKind = .quartalsbericht, period periodID: String) throws -> [Finding] {
    let ledger = self.ledger
    let period = try ReportPeriod.resolve(kind: kind, id: periodID, grant: grant)
    let figures = try GrantFigures(ledger: ledger, period: period.interval, baseRates: export.baseRates)
    let context = RuleContext(ledger: ledger, period: period, figures: figures, outOfScope: export.outOfScopeDefects)
    return RuleBook.evaluate(context).filter { $0.rule == rule }
  }

  /// A plan of one cost item per (item, year, euros).
  mutating func plan(_ rows: [(String, Int, Int64)]) {
    export.plan["G"] = rows.map {
      PlanEntry(grant: "G", measure: "M", costItem: $0.0, year: $0.1, amount: Money(cents: $0.2 * 100), line: 2)
    }
    export.accountPrefixes = Set(rows.map(\.0)).sorted().enumerated().map {
      AccountPrefix(prefix: String($0.offset + 1), costItem: $0.element, line: 2)
    }
  }

  mutating func pay(_ date: String, cents: Int64, item index: Int) {
    export.bookings["G", default: []].append(
      Booking(
        line: nextLine, voucher: "B\(nextLine)", postingDate: day(date), paymentDate: day(date), costObject: "K",
        account: "\(index)000", payee: "P", purpose: "Z", net: Money(cents: cents), vat: .zero,
        gross: Money(cents: cents), grant: "G", measure: "M"))
    nextLine += 1
  }
}

@Suite struct RuleThresholdTests {
  /// Cost items: 1 = a (plan 1.000), 2 = b (plan 10.000).
  func scenario(spendOnA cents: Int64) -> Scenario {
    var scenario = Scenario()
    scenario.plan([("a", 2026, 1_000), ("b", 2026, 10_000)])
    scenario.pay("01.08.2026", cents: cents, item: 1)
    return scenario
  }

  @Test func twentyPercentExactlyIsStillCompensated() throws {
    let scenario = scenario(spendOnA: 120_000)
    #expect(try scenario.findings(.position20, period: "2026-Q3").isEmpty)
    let finding = try #require(try scenario.findings(.positionAusgleich, period: "2026-Q3").first)
    #expect(finding.severity == .warnung)
    #expect(finding.costItem == "a")
    #expect(finding.amount == Money(cents: 20_000))
    #expect(finding.legalReference == "ANBest-P Nr. 1.2 / ANBest-Gk")
  }

  @Test func oneCentMoreThanTwentyPercentIsAnError() throws {
    let scenario = scenario(spendOnA: 120_001)
    let finding = try #require(try scenario.findings(.position20, period: "2026-Q3").first)
    #expect(finding.severity == .fehler)
    #expect(finding.costItem == "a")
    #expect(finding.amount == Money(cents: 20_001))
    #expect(finding.places.isEmpty)
    #expect(try scenario.findings(.positionAusgleich, period: "2026-Q3").isEmpty)
  }

  @Test func spendingExactlyThePlanIsNoOverrun() throws {
    let scenario = scenario(spendOnA: 100_000)
    #expect(try scenario.findings(.positionAusgleich, period: "2026-Q3").isEmpty)
    #expect(try scenario.findings(.position20, period: "2026-Q3").isEmpty)
  }

  @Test func aCostItemWithoutPlanIsOverrunByAnyCent() throws {
    var scenario = Scenario()
    scenario.plan([("a", 2026, 0), ("b", 2026, 10_000)])
    scenario.pay("01.08.2026", cents: 1, item: 1)
    let finding = try #require(try scenario.findings(.position20, period: "2026-Q3").first)
    #expect(finding.amount == Money(cents: 1))
  }

  @Test func totalOverrunIsAnErrorAndStopsCompensation() throws {
    var scenario = scenario(spendOnA: 110_000)
    scenario.pay("02.08.2026", cents: 1_000_000 - 10_000 + 1, item: 2)  // total 11.000,01 > 11.000,00
    let finding = try #require(try scenario.findings(.gesamt, period: "2026-Q3").first)
    #expect(finding.severity == .fehler)
    #expect(finding.amount == Money(cents: 1))
    #expect(try scenario.findings(.positionAusgleich, period: "2026-Q3").isEmpty)
    var exact = scenario
    exact.export.bookings["G"]?[1].gross = Money(cents: 990_000)
    exact.export.bookings["G"]?[1].net = Money(cents: 990_000)
    #expect(try exact.findings(.gesamt, period: "2026-Q3").isEmpty)
  }

  @Test func capIsExceededByTheRoundedShare() throws {
    var scenario = Scenario(rate: 9_000, cap: 9_000)  // cap 90,00 €
    scenario.plan([("a", 2026, 1_000)])
    scenario.pay("01.08.2026", cents: 10_000, item: 1)  // share 90,00: at the cap
    #expect(try scenario.findings(.hoechstbetrag, period: "2026-Q3").isEmpty)
    scenario.pay("02.08.2026", cents: 1, item: 1)  // share 90,009 → 90,01
    let finding = try #require(try scenario.findings(.hoechstbetrag, period: "2026-Q3").first)
    #expect(finding.amount == Money(cents: 1))
    #expect(scenario.ledger.federalShare(at: day("30.09.2026")) == Money(cents: 9_000))
  }

  @Test func yearPlanExceeded() throws {
    var scenario = Scenario()
    scenario.plan([("a", 2026, 1_000), ("a", 2027, 9_000)])
    scenario.pay("01.08.2026", cents: 100_000, item: 1)
    #expect(try scenario.findings(.jahr, period: "2026-Q3").isEmpty)
    scenario.pay("02.08.2026", cents: 1, item: 1)
    #expect(try scenario.findings(.jahr, period: "2026-Q3").first?.amount == Money(cents: 1))
  }

  @Test func lapseRiskFromThirtiethSeptember() throws {
    var scenario = Scenario()
    scenario.plan([("a", 2026, 1_000)])
    scenario.pay("01.08.2026", cents: 49_999, item: 1)
    let finding = try #require(try scenario.findings(.mittelverfall, period: "2026-Q3").first)
    #expect(finding.amount == Money(cents: 50_001))
    #expect(try scenario.findings(.mittelverfall, period: "2026-Q2").isEmpty)  // before 30.09.
    scenario.pay("02.08.2026", cents: 1, item: 1)  // exactly 50 %: no finding
    #expect(try scenario.findings(.mittelverfall, period: "2026-Q3").isEmpty)
  }

  @Test func lapseIsNotEvaluatedInTheGrantsLastPartialYearNorInAVerwendungsnachweis() throws {
    var scenario = Scenario(period: (day("01.01.2023"), day("30.11.2026")))
    scenario.plan([("a", 2026, 1_000)])
    #expect(try scenario.findings(.mittelverfall, period: "2026-Q3").isEmpty)
    var whole = Scenario(period: (day("01.01.2023"), day("31.12.2026")))
    whole.plan([("a", 2026, 1_000)])
    #expect(try whole.findings(.mittelverfall, period: "2026-Q4").count == 1)
    #expect(try whole.findings(.mittelverfall, kind: .verwendungsnachweis, period: "gesamt").isEmpty)
  }

  @Test func cashOnHandIsANote() throws {
    var scenario = Scenario(rate: 10_000)
    scenario.plan([("a", 2026, 1_000)])
    scenario.draw("A1", received: "01.09.2026", 100)
    scenario.pay("02.09.2026", cents: 9_999, item: 1)
    let finding = try #require(try scenario.findings(.kasse, period: "2026-Q3").first)
    #expect(finding.severity == .hinweis)
    #expect(finding.amount == Money(cents: 1))
    scenario.pay("03.09.2026", cents: 1, item: 1)
    #expect(try scenario.findings(.kasse, period: "2026-Q3").isEmpty)
  }

  @Test func interestFindingPerDrawdownWithItsLine() throws {
    var scenario = Scenario(window: .weeks(6))
    scenario.plan([("a", 2025, 1_000)])
    scenario.draw("A1", received: "02.05.2025", 10_000)
    let finding = try #require(try scenario.findings(.zinsen, period: "2025-Q3").first)
    #expect(finding.severity == .warnung)
    #expect(finding.amount == Money(cents: 27_755))
    #expect(finding.places == [SourcePlace(file: "mittelabrufe.csv", line: 2)])
    #expect(finding.legalReference == "§ 49a Abs. 4 VwVfG")
  }

  @Test func dueDatesWithinNinetyDays() throws {
    var scenario = Scenario(period: (day("01.01.2023"), day("31.12.2027")))
    scenario.plan([("a", 2026, 1_000)])
    // Zwischennachweis 2025 is due 30.04.2026; from Stichtag 31.01.2026 that is 89 days.
    let grant = scenario.grant
    let period = ReportPeriod(
      kind: .mittelabruf, id: "2026-01-31", interval: DateInterval(start: grant.period.start, end: day("31.01.2026")))
    let ledger = scenario.ledger
    let context = RuleContext(
      ledger: ledger, period: period,
      figures: try GrantFigures(ledger: ledger, period: period.interval, baseRates: scenario.export.baseRates),
      outOfScope: OutOfScopeDefects())
    let findings = RuleBook.evaluate(context).filter { $0.rule == .frist }
    #expect(findings.map(\.dueDate) == [day("30.04.2026")])
    #expect(findings.first?.message.hasPrefix("Der Zwischennachweis 2025 ist am 30.04.2026 fällig") == true)
    #expect(try scenario.findings(.frist, period: "2025-Q4").isEmpty)  // 31.12.2025 + 90 = 31.03.2026
  }
}

/// Thresholds of the row rules: one day or one field decides.
@Suite struct RowRuleThresholdTests {
  func scenario(_ rows: [(voucher: String, posted: String, paid: String?, account: String, gross: Int64, net: Int64)])
    -> Scenario
  {
    var scenario = Scenario(period: (day("01.07.2026"), day("31.12.2027")))
    scenario.plan([("a", 2026, 100_000)])
    for row in rows {
      scenario.export.bookings["G", default: []].append(
        Booking(
          line: scenario.nextLine, voucher: row.voucher, postingDate: day(row.posted),
          paymentDate: row.paid.map(day), costObject: "K", account: row.account, payee: "P", purpose: "Z",
          net: Money(cents: row.net), vat: Money(cents: row.gross - row.net), gross: Money(cents: row.gross),
          grant: "G", measure: "M"))
      scenario.nextLine += 1
    }
    return scenario
  }

  @Test func paymentOnTheFirstDayOfTheGrantPeriodIsEligibleTheDayBeforeIsNot() throws {
    let scenario = scenario([
      ("V1", "25.06.2026", "30.06.2026", "1000", 10_000, 10_000),
      ("V2", "25.06.2026", "01.07.2026", "1000", 20_000, 20_000),
    ])
    let finding = try #require(try scenario.findings(.zeitraum, period: "2026-Q3").first)
    #expect(finding.amount == Money(cents: 10_000))
    #expect(finding.places == [SourcePlace(file: "buchungen.csv", line: 2)])
    #expect(scenario.ledger.eligibleTotal(at: day("30.09.2026")) == Money(cents: 20_000))
  }

  @Test func aPaymentOnTheStichtagIsPaidOneDayLaterIsOpen() throws {
    let scenario = scenario([
      ("V1", "01.09.2026", "30.09.2026", "1000", 10_000, 10_000),
      ("V2", "01.09.2026", "01.10.2026", "1000", 7_000, 7_000),
      ("V3", "01.10.2026", nil, "1000", 5_000, 5_000),
    ])
    let finding = try #require(try scenario.findings(.offen, period: "2026-Q3").first)
    // V3 is booked after the Stichtag: not present, not counted.
    #expect(finding.amount == Money(cents: 7_000))
    #expect(finding.message.hasPrefix("1 Buchung über 70,00 € brutto"))
  }

  @Test func anUnpaidRowBookedAfterTheStichtagIsNotListed() throws {
    // Account 9… has no prefix (R-KONTO). V2 is booked after the Stichtag and
    // not paid: it is not present yet, neither is V3, paid after it.
    let scenario = scenario([
      ("V1", "30.09.2026", nil, "9000", 1_000, 1_000),
      ("V2", "01.10.2026", nil, "9000", 2_000, 2_000),
      ("V3", "01.10.2026", "02.10.2026", "9000", 4_000, 4_000),
    ])
    let finding = try #require(try scenario.findings(.konto, period: "2026-Q3").first)
    #expect(finding.places.map(\.line) == [2])
    #expect(finding.amount == Money(cents: 1_000))
  }

  @Test func splitBookingsOnOtherAccountsAreNoDuplicates() throws {
    let split = scenario([
      ("V1", "01.09.2026", "05.09.2026", "1000", 10_000, 10_000),
      ("V1", "01.09.2026", "05.09.2026", "1001", 10_000, 10_000),
    ])
    #expect(try split.findings(.doppelt, period: "2026-Q3").isEmpty)
    let twice = scenario([
      ("V1", "01.09.2026", "05.09.2026", "1000", 10_000, 10_000),
      ("V1", "02.09.2026", "05.09.2026", "1000", 10_000, 10_000),
    ])
    let finding = try #require(try twice.findings(.doppelt, period: "2026-Q3").first)
    #expect(finding.amount == Money(cents: 10_000))
    #expect(finding.places.map(\.line) == [2, 3])
  }

  @Test func bruttoOneCentOffIsRSumme() throws {
    let scenario = scenario([("V1", "01.09.2026", "05.09.2026", "1000", 11_900, 10_000)])
    #expect(try scenario.findings(.summe, period: "2026-Q3").isEmpty)
    var off = scenario
    off.export.bookings["G"]?[0].gross = Money(cents: 11_901)
    let finding = try #require(try off.findings(.summe, period: "2026-Q3").first)
    #expect(finding.places == [SourcePlace(file: "buchungen.csv", line: 2)])
  }

  @Test func aMilestonePlannedOnTheStichtagIsNotYetOverdue() throws {
    var scenario = scenario([])
    scenario.export.milestones["G"] = [
      Milestone(
        grant: "G", measure: "M", id: "MS-1", title: "Start", plannedDate: day("30.09.2026"), actualDate: nil,
        progress: Hundredths(5_000), line: 2),
      Milestone(
        grant: "G", measure: "M", id: "MS-2", title: "Beta", plannedDate: day("29.09.2026"),
        actualDate: day("01.10.2026"),
        progress: Hundredths(9_000), line: 3),
    ]
    let findings = try scenario.findings(.meilenstein, period: "2026-Q3")
    // MS-1 is due on the Stichtag (not overdue); MS-2 was reached only after it (overdue at E).
    #expect(findings.map(\.places) == [[SourcePlace(file: "meilensteine.csv", line: 3)]])
    #expect(findings.first?.measure == "M")
  }

  @Test func outOfScopeDefectsListTheFirstTenPlaces() throws {
    var scenario = scenario([])
    for line in 2...14 { scenario.export.outOfScopeDefects.record(line: line) }
    let finding = try #require(try scenario.findings(.ausserScope, period: "2026-Q3").first)
    #expect(finding.places.map(\.line) == Array(2...11))
    #expect(
      finding.message.hasPrefix(
        "13 Zeilen von buchungen.csv außerhalb jeder Zuwendung enthalten ungültige Werte (die ersten 10 genannt)"))
  }
}
