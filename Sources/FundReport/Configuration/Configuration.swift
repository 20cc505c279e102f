import Foundation
import Yams

/// The YAML configuration file (`fundreport.yaml`): how the ERP writes each
/// input file. The scheduled-run settings live in the same file.
///
/// ```yaml
/// export: exports/current
/// files:
///   buchungen.csv:
///     path: FBL3N_Export.csv
///     encoding: ISO-8859-15
///     delimiter: ","
///     decimal_separator: "."
///     columns:
///       kostenobjekt: PSP-Element
///       netto: Betrag netto
/// ```
public struct Configuration: Sendable {
  /// The export directory, relative to the configuration file's folder.
  public var exportDirectory: String?
  public var ingest: IngestOptions

  public init(exportDirectory: String? = nil, ingest: IngestOptions = IngestOptions()) {
    self.exportDirectory = exportDirectory
    self.ingest = ingest
  }

  /// A configuration file that cannot be used, with the place of the problem.
  public struct Invalid: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String {
      line > 0 ? "\(file):\(line): error: \(message)" : "\(file): error: \(message)"
    }
  }

  /// Reads and checks the configuration file `path`.
  public static func load(path: String) throws(Invalid) -> Configuration {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Invalid(file: path, line: 0, message: "cannot read the configuration file")
    }
    let text = String(decoding: data, as: UTF8.self)
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw Invalid(file: path, line: 0, message: "not valid YAML: \(error)")
    } catch {
      throw Invalid(file: path, line: 0, message: "not valid YAML: \(error)")
    }
    var configuration = Configuration()
    guard let root else { return configuration }
    let reader = NodeReader(file: path)
    let top = try reader.mapping(root, allowed: ["export", "files"] + reservedKeys, context: "the configuration")
    if let export = top["export"] {
      configuration.exportDirectory = try reader.string(export, context: "export")
    }
    if let files = top["files"] {
      for (key, node) in try reader.entries(files, context: "files") {
        guard let file = ExportLoader.InputFile(rawValue: key.value) else {
          throw Invalid(
            file: path, line: key.line,
            message: "\"\(key.value)\" is not an input file; expected one of "
              + ExportLoader.InputFile.allCases.map(\.rawValue).joined(separator: ", "))
        }
        configuration.ingest.dialects[file.rawValue] = try reader.dialect(node, file: file)
      }
    }
    return configuration
  }

  /// Keys that the scheduled-run settings use (read by `fundreport run`).
  static let reservedKeys = ["output", "register", "jobs"]
}

/// Walks YAML nodes with line numbers in every message.
struct NodeReader {
  let file: String

  func line(of node: Node) -> Int { (node.mark?.line ?? 0) }

  func fail(_ node: Node, _ message: String) -> Configuration.Invalid {
    Configuration.Invalid(file: file, line: line(of: node), message: message)
  }

  func string(_ node: Node, context: String) throws(Configuration.Invalid) -> String {
    guard case .scalar(let scalar) = node else { throw fail(node, "\(context): expected a text value") }
    return scalar.string
  }

  func entries(_ node: Node, context: String) throws(Configuration.Invalid) -> [(
    key: (value: String, line: Int), node: Node
  )] {
    guard case .mapping(let mapping) = node else {
      throw fail(node, "\(context): expected a mapping of keys to values")
    }
    var result: [(key: (value: String, line: Int), node: Node)] = []
    for (key, value) in mapping {
      result.append(((try string(key, context: context), line(of: key)), value))
    }
    return result
  }

  func mapping(_ node: Node, allowed: [String], context: String) throws(Configuration.Invalid) -> [String: Node] {
    var result: [String: Node] = [:]
    for (key, value) in try entries(node, context: context) {
      guard allowed.contains(key.value) else {
        throw Configuration.Invalid(
          file: file, line: key.line,
          message: "unknown key \"\(key.value)\" in \(context); expected one of \(allowed.joined(separator: ", "))")
      }
      result[key.value] = value
    }
    return result
  }

  func dialect(_ node: Node, file input: ExportLoader.InputFile) throws(Configuration.Invalid) -> FileDialect {
    let context = input.rawValue
    let keys = try mapping(
      node, allowed: ["path", "encoding", "delimiter", "decimal_separator", "columns"], context: context)
    var dialect = FileDialect()
    if let path = keys["path"] { dialect.fileName = try string(path, context: "\(context).path") }
    if let encoding = keys["encoding"] {
      let value = try string(encoding, context: "\(context).encoding")
      guard let parsed = TextEncoding.allCases.first(where: { $0.rawValue.lowercased() == value.lowercased() }) else {
        throw fail(
          encoding, "\(context).encoding: \"\(value)\" is not supported; expected UTF-8, Windows-1252 or ISO-8859-15")
      }
      dialect.encoding = parsed
    }
    if let delimiter = keys["delimiter"] {
      let value = try string(delimiter, context: "\(context).delimiter")
      switch value {
      case ";", ",": dialect.delimiter = UInt8(ascii: value.unicodeScalars.first ?? ";")
      case "tab", "\t": dialect.delimiter = 0x09
      default:
        throw fail(delimiter, "\(context).delimiter: \"\(value)\" is not supported; expected \";\", \",\" or tab")
      }
    }
    if let separator = keys["decimal_separator"] {
      let value = try string(separator, context: "\(context).decimal_separator")
      guard value == "," || value == "." else {
        throw fail(separator, "\(context).decimal_separator: expected \",\" or \".\"")
      }
      dialect.decimalSeparator = UInt8(ascii: value == "," ? "," : ".")
    }
    if let columns = keys["columns"] {
      let known = Set(ExportLoader.columns(of: input).map(\.name))
      for (key, value) in try entries(columns, context: "\(context).columns") {
        guard known.contains(key.value) else {
          throw Configuration.Invalid(
            file: file, line: key.line,
            message: "\(context).columns: \"\(key.value)\" is not a column of \(context); expected one of "
              + ExportLoader.columns(of: input).map(\.name).joined(separator: ", "))
        }
        dialect.columnNames[key.value] = try string(value, context: "\(context).columns.\(key.value)")
      }
    }
    return dialect
  }
}
