import Foundation
import FundReport

/// The fuzz target of the CSV reader and the export loader, shared by
/// `make fuzz` (libFuzzer, `Fuzz/`) and the test suite, which runs it over
/// the committed seed corpus (`Fuzz/corpus/`).
///
/// An input is one file of an export: its first byte chooses which of the
/// ten input files it replaces in the clean fixture export (`fixtures/defects/clean`),
/// the rest is that file's bytes. Read with small thresholds, so that the
/// two-reader split, the streamed UTF-8 check and the encoding restart run on
/// small inputs too. What must hold for every input:
/// - no trap, no hang;
/// - every error of a file's structure, header or values has a line and a
///   column (`file:line:column`);
/// - a grant that no error stops gets its Quartalsbericht: a report never
///   fails its XSD (an internal error) on input that `check` accepts.
public struct ExportFuzzing {
  public static let fileNames = [
    "zuwendung.csv", "massnahmen.csv", "finanzplan.csv", "kostenobjekte.csv", "sachkonten.csv",
    "mittelabrufe.csv", "meilensteine.csv", "indikatoren.csv", "basiszinssatz.csv", "buchungen.csv",
  ]

  let base: [String: Data]
  let scratch: String

  /// - Parameter fixture: the export whose files the inputs replace one at a time.
  public init(fixture: String) throws {
    var base: [String: Data] = [:]
    for name in Self.fileNames {
      if let data = FileManager.default.contents(atPath: fixture + "/" + name) { base[name] = data }
    }
    self.base = base
    scratch = NSTemporaryDirectory() + "fundreport-fuzz-" + String(ProcessInfo.processInfo.processIdentifier)
    try? FileManager.default.removeItem(atPath: scratch)
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
  }

  /// A violation of what must hold (the fuzzer stops on it, the test reports it).
  public struct Violation: Error, CustomStringConvertible {
    public var description: String
  }

  /// Runs one input.
  public func run(_ input: [UInt8]) throws(Violation) {
    guard let selector = input.first else { return }
    let replaced = Self.fileNames[Int(selector) % Self.fileNames.count]
    for name in Self.fileNames {
      let path = scratch + "/" + name
      let bytes = name == replaced ? Data(input.dropFirst()) : base[name]
      try? FileManager.default.removeItem(atPath: path)
      if let bytes { _ = FileManager.default.createFile(atPath: path, contents: bytes) }
    }
    var options = IngestOptions()
    options.parallelThreshold = 64
    options.sniffSize = 16
    let loaded = ExportLoader(directory: scratch, options: options).load()
    for error in loaded.diagnostics.errors where error.kind != .fileAccess {
      guard error.line >= 1, error.column >= 1 else {
        throw Violation(description: "an error without its place: \(error)")
      }
    }
    guard let generator = try? ReportGenerator(export: loaded.export) else { return }
    for grant in loaded.export.grantIDs where !loaded.diagnostics.blocks(grant: grant) {
      do {
        _ = try generator.makeDelivery(
          kind: .quartalsbericht, grantID: grant, periodID: "2026-Q3",
          created: Timestamp(iso: "2026-10-15T06:00:00Z") ?? .epoch)
      } catch {
        if case .internalError(let message) = error {
          throw Violation(description: "a report of \(grant) failed: \(message)")
        }
      }
    }
  }
}
