import Foundation
import Testing

@testable import FundReport

/// Paths of the package, found from this file.
enum Paths {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
  static let fixtures = root + "/fixtures"
  static let export = fixtures + "/export"
  static func defect(_ name: String) -> String { fixtures + "/defects/" + name }
  static let golden = root + "/Tests/FundReportTests/Golden"
  static let binary = root + "/.build/debug/fundreport"
}

/// A fresh temporary directory, removed by the caller's `defer`.
func makeTemporaryDirectory() throws -> String {
  let path = NSTemporaryDirectory() + "fundreport-tests-" + UUID().uuidString
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

let fixedCreated = Timestamp(iso: "2026-10-15T06:00:00Z") ?? .epoch

/// Runs a Quartalsbericht job and captures its output.
struct JobRun {
  var status: RunStatus
  var output: [String]
  var errors: [String]
}

func runQuarterly(
  input: String, period: String = "2026-Q3", grants: [String]? = nil, out: String, language: Language = .german
) -> JobRun {
  var output: [String] = []
  var errors: [String] = []
  var job = ReportJob(
    kind: .quartalsbericht, inputDirectory: input, periodID: period, grantIDs: grants, outDirectory: out,
    created: fixedCreated)
  job.language = language
  let status = job.run(report: { output.append($0) }, warn: { errors.append($0) })
  return JobRun(status: status, output: output, errors: errors)
}

/// The findings of the Quartalsbericht 2026-Q3 of `grant` in `input`.
func quarterlyFindings(input: String, grant: String = "FKZ-T1") throws -> [Finding] {
  let loaded = ExportLoader(directory: input).load()
  #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics.errors)")
  let generator = try ReportGenerator(export: loaded.export)
  return try generator.makeDelivery(kind: .quartalsbericht, grantID: grant, periodID: "2026-Q3", created: fixedCreated)
    .findings
}

/// Writes `text` as `name` into `directory`.
func write(_ text: String, to directory: String, as name: String, encoding: TextEncoding = .utf8) throws {
  let bytes = encoding.encode(text) ?? []
  _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(bytes))
}

/// Reads one CSV file with the project's reader; returns records as strings and structural errors.
func readCSV(_ bytes: [UInt8], columns: [String]) throws -> (
  rows: [[String]], lines: [Int], errors: [InputError], records: Int
) {
  let directory = try makeTemporaryDirectory()
  defer { try? FileManager.default.removeItem(atPath: directory) }
  _ = FileManager.default.createFile(atPath: directory + "/t.csv", contents: Data(bytes))
  var errors: [InputError] = []
  guard
    let table = TableReader.open(
      directory: directory, displayDirectory: "in", name: "t.csv", columns: columns.map(ColumnSpec.required),
      isRequired: true, options: IngestOptions(), errors: &errors)
  else { return ([], [], errors, 0) }
  var rows: [[String]] = []
  var lines: [Int] = []
  table.forEachRecord { row in
    rows.append(columns.map { row.text(ResolvedColumn(TestColumn(name: $0), in: table)) })
    lines.append(row.line)
    for problem in row.problems {
      errors.append(
        InputError(
          kind: .value, category: problem.category, scope: .run, file: "in/t.csv", line: problem.line,
          column: problem.column, problem: problem.problem))
    }
  }
  return (rows, lines, errors + table.structuralErrors.errors, table.records)
}

/// A column named by string, for the reader tests' made-up files (the product names columns by enums).
struct TestColumn: ColumnReference {
  var name: String
  func index(in table: TableReader) -> Int? { table.columnIndex[name] }
}
