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

  public var kind: Kind
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
