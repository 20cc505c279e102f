/// Sums per calendar day (day number), for the hundreds of thousands of
/// rows a grant's ledger adds to them.
///
/// The days around the grant are an array indexed by day, so adding a row
/// costs an index, not a hash; a bitset remembers which days have rows at
/// all (a day whose rows sum to zero still has rows, and the reports list
/// what has rows). The rare day outside that range goes to a dictionary.
struct DaySums<Value: AdditiveArithmetic & Sendable>: Sendable {
  /// The day of index 0 of the dense part.
  private let first: Int32
  private let length: Int
  /// Allocated with the first row on a day of the dense part.
  private var values: [Value] = []
  private var hasRows: [UInt64] = []
  private var outside: [Int32: Value] = [:]

  /// The longest dense part: about 45 years of days.
  static var maximumDenseDays: Int { 1 << 14 }

  /// Sums whose dense part covers `days` (at most ``maximumDenseDays`` of them).
  init(days: ClosedRange<Int32>) {
    first = days.lowerBound
    length = min(Int(days.upperBound) - Int(days.lowerBound) + 1, Self.maximumDenseDays)
  }

  /// Adds `value` on `day`.
  @inline(__always)
  mutating func add(_ value: Value, on day: Int32) {
    let index = Int(day) &- Int(first)
    guard index >= 0 && index < length else {
      outside[day, default: .zero] += value
      return
    }
    if values.isEmpty {
      values = Array(repeating: .zero, count: length)
      hasRows = Array(repeating: 0, count: (length + 63) >> 6)
    }
    values[index] += value
    hasRows[index >> 6] |= 1 << UInt64(index & 63)
  }

  /// Calls `body` with every day that has rows and its sum (the dense part in
  /// ascending order, then the other days in no particular order).
  func forEachDay(_ body: (Int32, Value) -> Void) {
    for (word, bits) in hasRows.enumerated() {
      var remaining = bits
      while remaining != 0 {
        let index = word << 6 + remaining.trailingZeroBitCount
        remaining &= remaining - 1
        body(first + Int32(index), values[index])
      }
    }
    for (day, value) in outside { body(day, value) }
  }

  /// Adds the sums of `other`, which covers the same days.
  mutating func merge(_ other: Self) {
    other.forEachDay { day, value in add(value, on: day) }
  }
}
