/// How a run's input errors are shown: every error up to `limit` per
/// category, then "and M more", then the counts per category (issue: a city's
/// ledger can hold thousands of the same mistake).
public struct InputErrorReport: Sendable {
  /// The errors held in full, in display order.
  public var errors: [InputError]
  /// Errors only counted (see ``HeldErrors``); they come after the held ones
  /// of their category, so they are never among those listed.
  public var notHeld: [InputError.Group: Int]
  /// At most this many errors of one category are listed; nil lists all.
  public var limit: Int?

  public init(errors: [InputError], notHeld: [InputError.Group: Int] = [:], limit: Int? = 20) {
    self.errors = errors.sorted(by: InputError.displayOrder)
    self.notHeld = notHeld
    self.limit = limit
  }

  public init(_ diagnostics: InputDiagnostics, limit: Int? = 20) {
    self.init(errors: diagnostics.errors, notHeld: diagnostics.notHeld, limit: limit)
  }

  /// Errors per category, in the order of `InputError.Category.allCases`.
  public var counts: [(category: InputError.Category, count: Int)] {
    InputError.Category.allCases.compactMap { category in
      let count =
        errors.count { $0.category == category }
        + notHeld.reduce(0) { $0 + ($1.key.category == category ? $1.value : 0) }
      return count > 0 ? (category, count) : nil
    }
  }

  /// Every error, held or only counted.
  public var total: Int { errors.count + notHeld.values.reduce(0, +) }

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
    if total > 1 {
      lines.append(
        "\(total) input errors: " + counts.map { "\($0.count) \($0.category.rawValue)" }.joined(separator: ", "))
    }
    return lines
  }

  /// All errors as a CSV file (UTF-8 with BOM, `;`, CRLF), for `--errors-csv`
  /// (which has every error held: ``IngestOptions/heldErrorsPerCategory`` nil).
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
