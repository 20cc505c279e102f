/// A problem with the export directory's data (inputs.md, "Bad input").
///
/// Input errors are not findings: they stop the reports they affect.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
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
  public enum Scope: Hashable, Sendable {
    /// Every grant's reports.
    case run
    /// The reports of one grant.
    case grant(String)
  }

  /// What exactly is wrong, for counting errors by kind.
  public enum Category: String, Sendable, CaseIterable {
    case missingFile = "missing file"
    case unreadableFile = "unreadable file"
    case emptyFile = "empty file"
    case unclosedQuote = "unclosed quote"
    case strayQuote = "stray quote"
    case tooManyFields = "too many fields"
    case invalidByte = "invalid byte"
    case missingColumn = "missing column"
    case duplicateHeader = "duplicate header"
    case shortRow = "short row"
    case missingValue = "missing value"
    case badValue = "bad value"
    case unknownReference = "unknown reference"
    case duplicateKey = "duplicate key"
    case missingPlan = "grant without plan"
    case missingBaseRate = "missing base rate"
  }

  public var kind: Kind
  public var category: Category
  public var scope: Scope
  /// The file as the user named it (the input directory joined with the file name).
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String

  public var description: String {
    line > 0 ? "\(file):\(line):\(column): error: \(message)" : "\(file): error: \(message)"
  }
}

/// All input errors of a run, in the order they were found per file.
public struct InputDiagnostics: Sendable {
  public var errors: [InputError] = []

  public init() {}

  /// Whether `grant`'s reports are stopped.
  public func blocks(grant: String) -> Bool {
    errors.contains { $0.scope == .run || $0.scope == .grant(grant) }
  }

  public var blocksEverything: Bool { errors.contains { $0.scope == .run } }
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
