/// Counts the magnitude of the amounts of one grant in one file against
/// ``Money/magnitudeLimit``, so that no sum of them can overflow.
struct AmountBudget {
  private(set) var used: Int64 = 0

  /// Takes `amounts` when they fit; false (and nothing taken) when they would cross the limit.
  mutating func take(_ amounts: Money...) -> Bool {
    var total = used
    for amount in amounts {
      // A parsed amount has at most 13 integer digits (< 10^15 cents), and `used` stays below 10^14: no overflow.
      total += amount.magnitude.cents
      if total > Money.magnitudeLimit.cents { return false }
    }
    used = total
    return true
  }
}
