import Testing

@testable import FundReport

/// Per-day sums: dense around the grant, a dictionary beyond it.
@Suite struct DaySumsTests {
  static func days(_ sums: DaySums<Int64>) -> [Int32: Int64] {
    var result: [Int32: Int64] = [:]
    sums.forEachDay { day, value in
      #expect(result[day] == nil, "day \(day) listed twice")
      result[day] = value
    }
    return result
  }

  @Test func listsEveryDayWithRowsAlsoWhenTheySumToZero() {
    var sums = DaySums<Int64>(days: 1_000...1_099)
    sums.add(250, on: 1_000)
    sums.add(-250, on: 1_000)  // a credit note the same day: the day still has rows
    sums.add(7, on: 1_099)
    sums.add(5, on: 999)  // before the dense part
    sums.add(3, on: 1_100)  // after it
    sums.add(4, on: 1_100)
    #expect(Self.days(sums) == [1_000: 0, 1_099: 7, 999: 5, 1_100: 7])
  }

  @Test func mergesTheSumsOfASecondReader() {
    var first = DaySums<Int64>(days: 0...199)
    var second = DaySums<Int64>(days: 0...199)
    first.add(1, on: 64)
    second.add(2, on: 64)
    second.add(3, on: 63)
    second.add(4, on: -5)
    first.merge(second)
    #expect(Self.days(first) == [64: 3, 63: 3, -5: 4])
  }

  @Test func keepsTheDensePartBoundedForAnAbsurdPeriod() {
    var sums = DaySums<Int64>(days: 0...3_000_000)
    sums.add(1, on: 2_999_999)  // beyond the dense part's 16 384 days: a hash
    sums.add(2, on: 16_383)
    #expect(Self.days(sums) == [2_999_999: 1, 16_383: 2])
  }
}
