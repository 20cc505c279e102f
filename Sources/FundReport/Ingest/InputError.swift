/// A problem with the export directory's data (inputs.md, "Bad input").
///
/// Input errors are not findings: they stop the reports they affect.
public struct InputError: Error, Hashable, Sendable {
  public enum Kind: String, Sendable, CaseIterable {
    /// The file cannot be read at all (missing, unreadable).
    case fileAccess = "file"
    /// A structural CSV defect: the file is unreadable.
    case structure = "structure"
    /// A required column is missing, or two headers fold to the same name.
    case header = "header"
    /// A bad or missing value, unknown reference, duplicate key, short row.
    case value = "value"
  }

  /// Which reports the error stops.
  enum Scope: Hashable, Sendable {
    /// Every grant's reports.
    case run
    /// The reports of one grant.
    case grant(String)
  }

  /// What exactly is wrong, for counting errors by kind.
  enum Category: String, Sendable, CaseIterable {
    case missingFile = "missing file"
    case unreadableFile = "unreadable file"
    case emptyFile = "empty file"
    case unclosedQuote = "unclosed quote"
    case strayQuote = "stray quote"
    case tooManyFields = "too many fields"
    case invalidByte = "invalid byte"
    case missingColumn = "missing column"
    case duplicateHeader = "duplicate header"
    case brokenHeader = "broken header"
    case lineEnds = "line ends"
    case shortRow = "short row"
    case missingValue = "missing value"
    case badValue = "bad value"
    case unknownReference = "unknown reference"
    case duplicateKey = "duplicate key"
    case missingPlan = "grant without plan"
    case missingBaseRate = "missing base rate"
  }

  public var kind: Kind
  var category: Category
  var scope: Scope
  /// The file as the user named it (the input directory joined with the file name).
  var file: String
  public var line: Int
  public var column: Int
  var problem: InputProblem
  /// For a workbook: the sheet, whose row `line` and column `column` are (`Finanzplan!E7`).
  var sheet: String?

  init(
    kind: Kind, category: Category, scope: Scope, file: String, line: Int, column: Int, problem: InputProblem
  ) {
    self.kind = kind
    self.category = category
    self.scope = scope
    self.file = file
    self.line = line
    self.column = column
    self.problem = problem
  }

  /// What errors that are only counted are counted by.
  struct Group: Hashable, Sendable {
    var file: String
    var kind: Kind
    var category: Category
    var scope: Scope
  }

  var group: Group { Group(file: file, kind: kind, category: category, scope: scope) }
}

/// All input errors of a run, in the order they were found per file.
/// Something about an input file that is not an error but that the user
/// should know (printed as `file:line:column: note: …`).
public struct InputNote: Sendable, Hashable {
  var file: String
  var line: Int
  var column: Int
  var kind: InputNoteKind
  /// For a workbook: the sheet, whose row `line` and column `column` are.
  var sheet: String? = nil
}

public struct InputDiagnostics: Sendable {
  /// The errors held in full.
  public var errors: [InputError] = []
  /// Notes, in the order the files are read.
  var notes: [InputNote] = []
  /// Errors only counted: those of a category beyond the first
  /// ``IngestOptions/heldErrorsPerCategory`` in one file (see ``HeldErrors``).
  var notHeld: [InputError.Group: Int] = [:]

  init() {}

  /// Takes over the errors of one file.
  mutating func add(_ held: HeldErrors) {
    errors += held.errors
    notHeld.merge(held.notHeld, uniquingKeysWith: +)
  }

  /// Every error, held or only counted.
  var count: Int { errors.count + notHeld.values.reduce(0, +) }

  /// The errors that stop the reports of `scope`.
  func count(scope: InputError.Scope) -> Int {
    errors.count { $0.scope == scope } + notHeld.reduce(0) { $0 + ($1.key.scope == scope ? $1.value : 0) }
  }

  /// Whether `grant`'s reports are stopped.
  public func blocks(grant: String) -> Bool {
    errors.contains { $0.scope == .run || $0.scope == .grant(grant) }
      || notHeld.keys.contains { $0.scope == .run || $0.scope == .grant(grant) }
  }

  /// The grants that errors name (also grants missing from zuwendung.csv).
  var grantsWithErrors: Set<String> {
    var grants = Set<String>()
    for scope in errors.map(\.scope) + notHeld.keys.map(\.scope) {
      if case .grant(let id) = scope { grants.insert(id) }
    }
    return grants
  }

  var blocksEverything: Bool {
    errors.contains { $0.scope == .run } || notHeld.keys.contains { $0.scope == .run }
  }
}

/// The input errors of one file as a run holds them: of each category the
/// first `cap` in full (more than any listing prints), the others only
/// counted by file, category and scope. A ledger with the same mistake in
/// each of a million rows then takes a few hundred kilobytes of memory, not
/// hundreds of megabytes. With no cap (`--errors-csv`, `--max-errors 0`)
/// every error is held.
struct HeldErrors: Sendable {
  let cap: Int?
  private(set) var errors: [InputError] = []
  private(set) var notHeld: [InputError.Group: Int] = [:]
  private var heldPerCategory: [InputError.Category: Int] = [:]

  init(cap: Int?) {
    self.cap = cap.map { max($0, 1) }
  }

  mutating func append(_ error: InputError) {
    let held = heldPerCategory[error.category, default: 0]
    if let cap, held >= cap {
      notHeld[error.group, default: 0] += 1
    } else {
      heldPerCategory[error.category] = held + 1
      errors.append(error)
    }
  }

  mutating func append(contentsOf errors: some Sequence<InputError>) {
    for error in errors { append(error) }
  }

  /// Appends the errors of `later`, which were found after these.
  mutating func append(_ later: HeldErrors) {
    append(contentsOf: later.errors)
    notHeld.merge(later.notHeld, uniquingKeysWith: +)
  }

  /// Adds `lines` to the line numbers of the held errors (a part read from the middle of a file).
  mutating func shiftLines(by lines: Int) {
    for index in errors.indices where errors[index].line > 0 { errors[index].line += lines }
  }
}

extension String {
  /// The text in double quotes, as an error message shows a value it read:
  /// control characters, which a terminal would not show or would act on
  /// (a carriage return left by an export converted to CRLF twice, a tab, an
  /// escape), are written visibly as `\r`, `\n`, `\t` or `\u{1B}`.
  var quotedForMessage: String {
    var text = "\""
    for scalar in unicodeScalars {
      switch scalar {
      case "\r": text += "\\r"
      case "\n": text += "\\n"
      case "\t": text += "\\t"
      case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}":
        text += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      default: text.unicodeScalars.append(scalar)
      }
    }
    return text + "\""
  }
}
