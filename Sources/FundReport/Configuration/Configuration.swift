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
  /// Where `fundreport run` writes deliveries (relative to the configuration file's folder).
  public var outputDirectory: String?
  /// The submission register (default: `<output>/register.sqlite`).
  public var registerPath: String?
  /// Where `run` writes the dashboard (`dashboard:`); nil: it writes none.
  public var dashboardDirectory: String?
  /// What `fundreport run` produces, and when.
  var jobs: [ScheduledJob] = []

  public init(exportDirectory: String? = nil, ingest: IngestOptions = IngestOptions()) {
    self.exportDirectory = exportDirectory
    self.ingest = ingest
  }

  /// A configuration file that cannot be used, with the place of the problem.
  public struct Invalid: Error, Sendable, Equatable {
    var file: String
    var line: Int
    var problem: Problem

    /// What is wrong; `key` is the key path (`buchungen.csv.encoding`), nil for the top level.
    public enum Problem: Sendable, Equatable {
      case unreadable
      /// Not YAML; `detail` is the YAML parser's own (English) words.
      case notYAML(column: Int?, detail: String)
      case duplicateKeys([String])
      case notAnInputFile(String, expected: [String])
      case expectedText(key: String)
      case expectedMapping(key: String?)
      case unknownKey(String, in: String?, allowed: [String])
      case expectedJobList
      case jobWithoutKind
      case notAReportKind(String)
      case expectedGrantList
      case numberOutOfRange(key: String, ClosedRange<Int>)
      case badNeed(limit: Money)
      case unsupportedEncoding(key: String, String)
      case unsupportedDelimiter(key: String, String)
      case badDecimalSeparator(key: String)
      case badHeaderLine(key: String, String)
      /// `known` is empty for a file no profile describes.
      case unknownProfile(key: String, String, known: [String])
      case notAColumn(String, file: String, expected: [String])
      /// `fundreport run`: no `export:`.
      case noExportDirectory
      /// `fundreport run`: no `jobs:`.
      case noJobs
    }
  }

  /// A YAML syntax error in one line: the place and the problem, never
  /// the whole offending line (which may be megabytes long).
  static func invalid(_ error: YamlError, file: String) -> Invalid {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let during = context.map { " (\($0.text.prefix(80)))" } ?? ""
      return Invalid(
        file: file, line: mark.line, problem: .notYAML(column: mark.column, detail: "\(problem.prefix(200))\(during)"))
    case .reader(let problem, _, _, _):
      return Invalid(file: file, line: 0, problem: .notYAML(column: nil, detail: String(problem.prefix(200))))
    case .duplicatedKeysInMapping(let duplicates, let context):
      return Invalid(
        file: file, line: context.mark.line,
        problem: .duplicateKeys(duplicates.prefix(5).map { String($0.prefix(60)) }))
    default:
      return Invalid(file: file, line: 0, problem: .notYAML(column: nil, detail: ""))
    }
  }

  /// Reads and checks the configuration file `path`.
  public static func load(path: String) throws(Invalid) -> Configuration {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Invalid(file: path, line: 0, problem: .unreadable)
    }
    let text = String(decoding: data, as: UTF8.self)
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw Self.invalid(error, file: path)
    } catch {
      throw Invalid(file: path, line: 0, problem: .notYAML(column: nil, detail: "\(error)"))
    }
    var configuration = Configuration()
    guard let root else { return configuration }
    let reader = NodeReader(file: path)
    let top = try reader.mapping(root, allowed: ["export", "files"] + reservedKeys, context: nil)
    if let export = top["export"] {
      configuration.exportDirectory = try reader.string(export, context: "export")
    }
    if let output = top["output"] { configuration.outputDirectory = try reader.string(output, context: "output") }
    if let register = top["register"] { configuration.registerPath = try reader.string(register, context: "register") }
    if let jobs = top["jobs"] { configuration.jobs = try reader.jobs(jobs) }
    if let dashboard = top["dashboard"] {
      configuration.dashboardDirectory = try reader.string(dashboard, context: "dashboard")
    }
    if let files = top["files"] {
      for (key, node) in try reader.entries(files, context: "files") {
        guard let file = ExportLoader.InputFile(rawValue: key.value) else {
          throw Invalid(
            file: path, line: key.line,
            problem: .notAnInputFile(key.value, expected: ExportLoader.InputFile.allCases.map(\.rawValue)))
        }
        configuration.ingest.dialects[file.rawValue] = try reader.dialect(node, file: file)
      }
    }
    return configuration
  }

  /// Keys of the scheduled-run settings.
  static let reservedKeys = ["output", "register", "jobs", "dashboard"]

  /// `path` resolved against the folder of the configuration file `file`.
  public static func resolve(_ path: String, relativeTo file: String) -> String {
    if path.hasPrefix("/") { return path }
    let base = file.contains("/") ? String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)]) : "."
    return path == "." ? base : base + "/" + path
  }
}

/// A job of `fundreport run`: a report kind, the grants, and when a period is due.
struct ScheduledJob: Sendable, Equatable {
  var kind: ReportKind
  /// nil: every grant of the export.
  var grants: [String]?
  /// Quartalsbericht: due this many days after the quarter's end.
  var afterDays = 15
  /// Zwischennachweis, Verwendungsnachweis: produced from this many days before the due date.
  var leadDays = 30
  /// Mittelabruf: on this day of every month (the last day for shorter months).
  var dayOfMonth = 1
  /// Mittelabruf: `bedarf`.
  var need = Money.zero
  /// The line of the job in the configuration file.
  var line = 0

  /// The period due at `asOf` for `grant`, if any.
  func duePeriod(for grant: Grant, asOf: CalendarDate) -> String? {
    switch kind {
    case .quartalsbericht:
      // The latest quarter whose end lies `afterDays` days or more before asOf.
      let latestEnd = asOf.adding(days: -afterDays)
      let quarter = (latestEnd.month - 1) / 3
      var end = CalendarDate.lastDay(ofYear: latestEnd.year, month: quarter * 3 + 3)
      if end > latestEnd {
        end = CalendarDate.firstDay(ofYear: latestEnd.year, month: quarter * 3 + 1).adding(days: -1)
      }
      return "\(end.year)-Q\((end.month - 1) / 3 + 1)"
    case .zwischennachweis:
      let due = DueDates.of(grant).filter { $0.kind == .zwischennachweis && $0.date.adding(days: -leadDays) <= asOf }
      return due.last?.period
    case .verwendungsnachweis:
      return grant.finalStatementDue.adding(days: -leadDays) <= asOf ? "gesamt" : nil
    case .mittelabruf:
      var month = CalendarDate.firstDay(ofYear: asOf.year, month: asOf.month)
      func day(in month: CalendarDate) -> CalendarDate {
        CalendarDate.lastDay(ofYear: month.year, month: month.month).day >= dayOfMonth
          ? month.adding(days: dayOfMonth - 1) : CalendarDate.lastDay(ofYear: month.year, month: month.month)
      }
      if day(in: month) > asOf { month = month.adding(months: -1) }
      return day(in: month).iso
    }
  }
}

/// Walks YAML nodes with line numbers in every message.
struct NodeReader {
  let file: String

  func line(of node: Node) -> Int { (node.mark?.line ?? 0) }

  func fail(_ node: Node, _ problem: Configuration.Invalid.Problem) -> Configuration.Invalid {
    Configuration.Invalid(file: file, line: line(of: node), problem: problem)
  }

  func string(_ node: Node, context: String) throws(Configuration.Invalid) -> String {
    guard case .scalar(let scalar) = node else { throw fail(node, .expectedText(key: context)) }
    return scalar.string
  }

  /// The entries of a mapping keyed by the columns of `input` (`columns:`, `defaults:`); a key that is
  /// no column of the file is refused at its line.
  func columnEntries(_ node: Node, of input: ExportLoader.InputFile, context: String) throws(Configuration.Invalid)
    -> [(column: String, node: Node)]
  {
    let columns = ExportLoader.columns(of: input).map(\.name)
    var result: [(column: String, node: Node)] = []
    for (key, value) in try entries(node, context: context) {
      guard columns.contains(key.value) else {
        throw Configuration.Invalid(
          file: file, line: key.line, problem: .notAColumn(key.value, file: input.rawValue, expected: columns))
      }
      result.append((key.value, value))
    }
    return result
  }

  /// A text, or a list of texts (a column's headers, in the order they are looked for).
  func strings(_ node: Node, context: String) throws(Configuration.Invalid) -> [String] {
    if case .sequence(let sequence) = node {
      var values: [String] = []
      for item in sequence { values.append(try string(item, context: context)) }
      guard !values.isEmpty else { throw fail(node, .expectedText(key: context)) }
      return values
    }
    return [try string(node, context: context)]
  }

  func entries(_ node: Node, context: String?) throws(Configuration.Invalid) -> [(
    key: (value: String, line: Int), node: Node
  )] {
    guard case .mapping(let mapping) = node else {
      throw fail(node, .expectedMapping(key: context))
    }
    var result: [(key: (value: String, line: Int), node: Node)] = []
    for (key, value) in mapping {
      result.append(((try string(key, context: context ?? "?"), line(of: key)), value))
    }
    return result
  }

  func mapping(_ node: Node, allowed: [String], context: String?) throws(Configuration.Invalid) -> [String: Node] {
    var result: [String: Node] = [:]
    for (key, value) in try entries(node, context: context) {
      guard allowed.contains(key.value) else {
        throw Configuration.Invalid(
          file: file, line: key.line, problem: .unknownKey(key.value, in: context, allowed: allowed))
      }
      result[key.value] = value
    }
    return result
  }

  func jobs(_ node: Node) throws(Configuration.Invalid) -> [ScheduledJob] {
    guard case .sequence(let sequence) = node else { throw fail(node, .expectedJobList) }
    var jobs: [ScheduledJob] = []
    for item in sequence {
      let keys = try mapping(
        item, allowed: ["kind", "grants", "after_days", "lead_days", "day", "bedarf"], context: "jobs")
      guard let kindNode = keys["kind"] else { throw fail(item, .jobWithoutKind) }
      let name = try string(kindNode, context: "kind")
      guard let kind = ReportKind.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
        throw fail(kindNode, .notAReportKind(name))
      }
      var job = ScheduledJob(kind: kind)
      job.line = line(of: item)
      if let grants = keys["grants"] {
        guard case .sequence(let list) = grants else {
          throw fail(grants, .expectedGrantList)
        }
        var ids: [String] = []
        for grant in list { ids.append(try string(grant, context: "grants")) }
        job.grants = ids
      }
      func number(_ key: String, _ range: ClosedRange<Int>) throws(Configuration.Invalid) -> Int? {
        guard let node = keys[key] else { return nil }
        guard let value = Int(try string(node, context: key)), range.contains(value) else {
          throw fail(node, .numberOutOfRange(key: key, range))
        }
        return value
      }
      job.afterDays = try number("after_days", 0...366) ?? job.afterDays
      job.leadDays = try number("lead_days", 0...366) ?? job.leadDays
      job.dayOfMonth = try number("day", 1...31) ?? job.dayOfMonth
      if let need = keys["bedarf"] {
        guard let amount = Money(germanAmount: try string(need, context: "bedarf")), amount >= .zero,
          amount <= Money.magnitudeLimit
        else {
          throw fail(need, .badNeed(limit: Money.magnitudeLimit))
        }
        job.need = amount
      }
      jobs.append(job)
    }
    return jobs
  }

  func dialect(_ node: Node, file input: ExportLoader.InputFile) throws(Configuration.Invalid) -> FileDialect {
    let context = input.rawValue
    let keys = try mapping(
      node,
      allowed: [
        "profile", "path", "sheet", "encoding", "delimiter", "decimal_separator", "header_line", "columns", "defaults",
      ],
      context: context)
    var dialect = FileDialect()
    if let profile = keys["profile"] {
      let value = try string(profile, context: "\(context).profile")
      guard input == .buchungen, let known = ERPProfile.named(value) else {
        throw fail(
          profile,
          .unknownProfile(
            key: "\(context).profile", value, known: input == .buchungen ? ERPProfile.all.map(\.name) : []))
      }
      dialect.profile = known
    }
    if let path = keys["path"] { dialect.fileName = try string(path, context: "\(context).path") }
    if let sheet = keys["sheet"] { dialect.sheet = try string(sheet, context: "\(context).sheet") }
    if let encoding = keys["encoding"] {
      let value = try string(encoding, context: "\(context).encoding")
      guard let parsed = TextEncoding.allCases.first(where: { $0.rawValue.lowercased() == value.lowercased() }) else {
        throw fail(encoding, .unsupportedEncoding(key: "\(context).encoding", value))
      }
      dialect.encoding = parsed
    }
    if let delimiter = keys["delimiter"] {
      let value = try string(delimiter, context: "\(context).delimiter")
      switch value {
      case ";", ",", "|": dialect.delimiter = UInt8(ascii: value.unicodeScalars.first ?? ";")
      case "tab", "\t": dialect.delimiter = 0x09
      default:
        throw fail(delimiter, .unsupportedDelimiter(key: "\(context).delimiter", value))
      }
    }
    if let line = keys["header_line"] {
      let value = try string(line, context: "\(context).header_line")
      guard let number = Int(value), number >= 1 else {
        throw fail(line, .badHeaderLine(key: "\(context).header_line", value))
      }
      dialect.headerLine = number
    }
    if let separator = keys["decimal_separator"] {
      let value = try string(separator, context: "\(context).decimal_separator")
      guard value == "," || value == "." else {
        throw fail(separator, .badDecimalSeparator(key: "\(context).decimal_separator"))
      }
      dialect.decimalSeparator = UInt8(ascii: value == "," ? "," : ".")
    }
    if let columns = keys["columns"] {
      for (column, value) in try columnEntries(columns, of: input, context: "\(context).columns") {
        dialect.columnNames[column] = try strings(value, context: "\(context).columns.\(column)")
      }
    }
    if let defaults = keys["defaults"] {
      for (column, value) in try columnEntries(defaults, of: input, context: "\(context).defaults") {
        dialect.defaults[column] = try string(value, context: "\(context).defaults.\(column)")
      }
    }
    return dialect
  }
}
