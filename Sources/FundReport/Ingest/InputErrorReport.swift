/// How a run's input errors are shown: every error up to `limit` per
/// category, then "and M more", then the counts per category (issue: a city's
/// ledger can hold thousands of the same mistake).
struct InputErrorReport: Sendable {
  /// The errors held in full, in display order.
  var errors: [InputError]
  /// Errors only counted (see ``HeldErrors``); they come after the held ones
  /// of their category, so they are never among those listed.
  var notHeld: [InputError.Group: Int]
  /// At most this many errors of one category are listed; nil lists all.
  var limit: Int?

  init(errors: [InputError], notHeld: [InputError.Group: Int] = [:], limit: Int? = 20) {
    self.errors = errors.sorted(by: InputError.displayOrder)
    self.notHeld = notHeld
    self.limit = limit
  }

  init(_ diagnostics: InputDiagnostics, limit: Int? = 20) {
    self.init(errors: diagnostics.errors, notHeld: diagnostics.notHeld, limit: limit)
  }

  /// Errors per category, in the order of `InputError.Category.allCases`.
  var counts: [(category: InputError.Category, count: Int)] {
    InputError.Category.allCases.compactMap { category in
      let count =
        errors.count { $0.category == category }
        + notHeld.reduce(0) { $0 + ($1.key.category == category ? $1.value : 0) }
      return count > 0 ? (category, count) : nil
    }
  }

  /// Every error, held or only counted.
  var total: Int { errors.count + notHeld.values.reduce(0, +) }

  /// How many errors of a category there are.
  struct CategoryCount: Sendable, Equatable {
    var category: InputError.Category
    var count: Int
  }

  /// The errors to list (at most `limit` per category), then for each
  /// category cut short how many were not listed, then the total per
  /// category when there is more than one error.
  func listing() -> (listed: [InputError], notListed: [CategoryCount], total: [CategoryCount]) {
    var shown: [InputError.Category: Int] = [:]
    var listed: [InputError] = []
    for error in errors {
      let count = shown[error.category, default: 0]
      shown[error.category] = count + 1
      if let limit, count >= limit { continue }
      listed.append(error)
    }
    let all = counts.map { CategoryCount(category: $0.category, count: $0.count) }
    let notListed = limit.map { limit in
      all.filter { $0.count > limit }.map { CategoryCount(category: $0.category, count: $0.count - limit) }
    }
    return (listed, notListed ?? [], total > 1 ? all : [])
  }
}
