import Testing

@testable import FundReport

/// A grant built in memory, for computations that need no files.
struct Scenario {
  var grant: Grant
  var export = Export()
  var nextLine = 2

  init(
    rate: Int64 = 9_000, window: SpendingWindow = .months(2), deductsInputTax: Bool = false,
    period: (CalendarDate, CalendarDate) = (day("01.01.2023"), day("31.12.2027")), cap: Int64 = 100_000_000_00
  ) {
    grant = Grant(
      id: "G", recipient: "Stadt", programme: "MPSC", period: DateInterval(start: period.0, end: period.1),
      fundingRate: Hundredths(rate), eligibleExpenditure: Money(cents: cap), cap: Money(cents: cap),
      deductsInputTax: deductsInputTax, spendingWindow: window, interimStatementMonths: 4,
      finalStatementDue: period.1.adding(months: 12), line: 2)
    export.grants["G"] = grant
    export.plan["G"] = [
      PlanEntry(grant: "G", measure: "M", costItem: "k", year: 2024, amount: Money(cents: 100_000_000), line: 2)
    ]
    export.measures["G"] = [Measure(grant: "G", id: "M", title: "Maßnahme", phase: .b, start: nil, end: nil, line: 2)]
    export.accountPrefixes = [AccountPrefix(prefix: "5", costItem: "k", line: 2)]
    export.baseRates = [
      ("01.07.2016", -88), ("01.01.2023", 162), ("01.07.2023", 312), ("01.01.2024", 362), ("01.07.2024", 337),
      ("01.01.2025", 227), ("01.07.2025", 127),
    ].map { BaseRate(validFrom: day($0.0), rate: Hundredths($0.1), line: 2) }
  }

  mutating func pay(_ date: String, _ euros: Int64, account: String = "5000") {
    let cents = euros * 100
    export.bookings["G", default: []].append(
      Booking(
        line: nextLine, voucher: "B\(nextLine)", postingDate: day(date), paymentDate: day(date), costObject: "K",
        account: account, payee: "P", purpose: "Z", net: Money(cents: cents), vat: .zero, gross: Money(cents: cents),
        grant: "G", measure: "M"))
    nextLine += 1
  }

  mutating func draw(_ number: String, received: String, _ euros: Int64, requested: String? = nil) {
    export.drawdowns["G", default: []].append(
      Drawdown(
        grant: "G", number: number, requestDate: day(requested ?? received), receiptDate: day(received),
        amount: Money(cents: euros * 100), line: (export.drawdowns["G"]?.count ?? 0) + 2))
  }

  var ledger: GrantLedger { GrantLedger(grant: grant, export: export) }

  /// computation.md, "Worked example": A1 and A2, four payments, Stichtag 30.09.2024.
  static func workedExample() -> Scenario {
    var scenario = Scenario()
    scenario.draw("A1", received: "15.01.2024", 100_000)
    scenario.draw("A2", received: "01.06.2024", 50_000)
    scenario.pay("20.02.2024", 50_000)
    scenario.pay("10.04.2024", 30_000)
    scenario.pay("20.06.2024", 40_000)
    scenario.pay("15.09.2024", 50_000)
    return scenario
  }

  func interest(at stichtag: String) throws -> DrawdownInterest {
    try DrawdownInterest(ledger: ledger, baseRates: export.baseRates, stichtag: day(stichtag))
  }
}

func day(_ text: String) -> CalendarDate {
  Array(text.utf8).withUnsafeBufferPointer { ValueParser.date($0) } ?? CalendarDate(dayNumber: 0)
}

@Suite struct InterestTests {
  /// computation.md, "Worked example".
  @Test func workedExampleOne() throws {
    let scenario = Scenario.workedExample()
    let interest = try scenario.interest(at: "30.09.2024")
    #expect(interest.entries.map(\.interest) == [Money(cents: 158_655), Money(cents: 102_954)])
    #expect(interest.total == Money(cents: 261_609))
    #expect(interest.entries.map(\.windowEnd) == [day("15.03.2024"), day("01.08.2024")])
    let ledger = scenario.ledger
    #expect(ledger.drawnTotal(at: day("30.09.2024")) == Money(cents: 15_000_000))
    #expect(ledger.federalShare(at: day("30.09.2024")) == Money(cents: 15_300_000))
  }

  /// computation.md, "Second case": 6W, nothing spent, provisional.
  @Test func workedExampleTwo() throws {
    var scenario = Scenario(window: .weeks(6))
    scenario.draw("A1", received: "02.05.2025", 10_000)
    let interest = try scenario.interest(at: "30.09.2025")
    #expect(interest.entries.first?.windowEnd == day("13.06.2025"))
    #expect(interest.total == Money(cents: 27_755))
    #expect(interest.entries.first?.unusedAmount == Money(cents: 1_000_000))
  }

  @Test func noInterestWhileTheWindowIsOpen() throws {
    var scenario = Scenario(window: .weeks(6))
    scenario.draw("A1", received: "02.05.2025", 10_000)
    #expect(try scenario.interest(at: "13.06.2025").total == .zero)
    // One day after the window end the whole period from receipt counts.
    #expect(try scenario.interest(at: "14.06.2025").total > .zero)
  }

  @Test func windowEndOnThe31stFallsOnTheShorterMonthsLastDay() throws {
    var scenario = Scenario(rate: 10_000, window: .months(1))
    scenario.draw("A1", received: "31.01.2024", 36_500)
    // Window end 29.02.2024 (leap year): use on 29.02. is in time, on 01.03. late.
    scenario.pay("29.02.2024", 10_000)
    scenario.pay("01.03.2024", 26_500)
    let interest = try scenario.interest(at: "31.03.2024")
    #expect(interest.entries.first?.windowEnd == day("29.02.2024"))
    // 26.500 € × 8,62 % × 30 days (31.01.–29.02.) / 365 = 187,75 €.
    #expect(interest.total == Money(cents: 18_775))
  }

  @Test func aCreditNoteAfterUseDoesNotUnuseMoney() throws {
    var scenario = Scenario(rate: 10_000)
    scenario.draw("A1", received: "15.01.2024", 10_000)
    scenario.pay("01.02.2024", 10_000)
    scenario.pay("01.03.2024", -4_000)  // credit note: U falls, M stays
    scenario.pay("01.06.2024", 4_000)  // back to the old maximum: no new use
    let interest = try scenario.interest(at: "30.09.2024")
    #expect(interest.total == .zero)
    #expect(interest.entries.first?.lateAmount == .zero)
  }

  @Test func aRepaymentUsesMoneyOnTheDayItLeaves() throws {
    var scenario = Scenario(rate: 10_000)
    scenario.draw("A1", received: "15.01.2024", 10_000)
    scenario.draw("R1", received: "25.04.2024", -10_000)
    let interest = try scenario.interest(at: "30.09.2024")
    #expect(interest.entries.count == 1)
    // Late by repayment on 25.04.: 10.000 € × 8,62 % × 101 days (15.01.–24.04.) / 365 = 238,53 €.
    #expect(interest.total == Money(cents: 23_853))
    #expect(interest.entries.first?.unusedAmount == .zero)
  }

  @Test func moneyDrawnBeforeTheGrantPeriodBearsInterestAlike() throws {
    var scenario = Scenario(rate: 10_000, period: (day("01.03.2024"), day("31.12.2025")))
    scenario.draw("A0", received: "15.01.2024", 10_000)
    scenario.pay("10.04.2024", 10_000)
    let interest = try scenario.interest(at: "30.06.2024")
    // Used on 10.04., window end 15.03.: 86 days at 8,62 % → 203,10 €.
    #expect(interest.total == Money(cents: 20_310))
  }

  @Test func preFinancedMoneyIsUsedOnArrival() throws {
    var scenario = Scenario(rate: 10_000)
    scenario.pay("01.02.2024", 5_000)
    scenario.draw("A1", received: "15.03.2024", 5_000)
    let interest = try scenario.interest(at: "30.09.2024")
    #expect(interest.total == .zero)
    #expect(interest.entries.first?.unusedAmount == .zero)
  }

  @Test func aDayWithoutBaseRateIsAnInputError() throws {
    var scenario = Scenario()
    scenario.export.baseRates = [BaseRate(validFrom: day("01.07.2024"), rate: Hundredths(337), line: 2)]
    scenario.draw("A1", received: "15.01.2024", 10_000)
    #expect(throws: DrawdownInterest.MissingBaseRate(day: day("15.01.2024"), drawdown: "A1")) {
      try scenario.interest(at: "30.09.2024")
    }
  }

  @Test func ratesChangeOnFirstJanuaryAndFirstJuly() throws {
    let table = RateTable(Scenario().export.baseRates)
    // 30.06.2024 at 8,62 % and 01.07.2024 at 8,37 %.
    #expect(
      try table.segments(from: day("30.06.2024"), through: day("01.07.2024"), drawdown: "x") == [
        DrawdownInterest.RateSegment(from: day("30.06.2024"), through: day("30.06.2024"), days: 1, basisPoints: 862),
        DrawdownInterest.RateSegment(from: day("01.07.2024"), through: day("01.07.2024"), days: 1, basisPoints: 837),
      ])
    #expect(
      try table.segments(from: day("31.12.2024"), through: day("01.01.2025"), drawdown: "x").map(\.basisPoints) == [
        837, 727,
      ])
    #expect(try table.segments(from: day("02.01.2025"), through: day("01.01.2025"), drawdown: "x") == [])
  }
}
