/// How a run's input errors are shown: every error up to `limit` per
/// category, then "and M more", then the counts per category (issue: a city's
/// ledger can hold thousands of the same mistake).
public struct InputErrorReport: Sendable {
  public var errors: [InputError]
  /// At most this many errors of one category are listed; nil lists all.
  public var limit: Int?

  public init(errors: [InputError], limit: Int? = 20) {
    self.errors = errors.sorted(by: InputError.displayOrder)
    self.limit = limit
  }

  /// Errors per category, in the order of `InputError.Category.allCases`.
  public var counts: [(category: InputError.Category, count: Int)] {
    InputError.Category.allCases.compactMap { category in
      let count = errors.count { $0.category == category }
      return count > 0 ? (category, count) : nil
    }
  }

  /// The lines to print.
  public func lines() -> [String] {
    var shown: [InputError.Category: Int] = [:]
    var lines: [String] = []
    for error in errors {
      let count = shown[error.category, default: 0]
      shown[error.category] = count + 1
      if let limit, count >= limit { continue }
      lines.append(error.description)
    }
    if let limit {
      for (category, count) in counts where count > limit {
        lines.append("… and \(count - limit) more \(category.rawValue) error(s) (all of them: --errors-csv FILE)")
      }
    }
    if errors.count > 1 {
      lines.append(
        "\(errors.count) input errors: " + counts.map { "\($0.count) \($0.category.rawValue)" }.joined(separator: ", "))
    }
    return lines
  }

  /// All errors as a CSV file (UTF-8 with BOM, `;`, CRLF), for `--errors-csv`.
  public func csv() -> [UInt8] {
    var writer = CSVWriter(
      header: ["datei", "zeile", "spalte", "art", "kategorie", "betrifft", "meldung"], freeText: ["meldung"])
    for error in errors {
      let scope: String
      switch error.scope {
      case .run: scope = "alle Zuwendungen"
      case .grant(let id): scope = id
      }
      writer.append([
        error.file, error.line > 0 ? String(error.line) : "", error.line > 0 ? String(error.column) : "",
        error.kind.rawValue, error.category.rawValue, scope, error.message,
      ])
    }
    return writer.bytes
  }
}
