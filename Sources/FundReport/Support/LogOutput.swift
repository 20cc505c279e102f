import Foundation
import Logging

#if canImport(Glibc)
  import Glibc
#endif

/// The log of `fundreport run`: human-readable lines, or one JSON object per
/// line, on standard error; only what reaches `threshold`.
public struct FundReportLogHandler: LogHandler {
  public enum Format: String, Sendable, CaseIterable {
    case text
    case json
  }

  var format: Format
  public var metadata: Logger.Metadata = [:]
  public var logLevel: Logger.Level
  /// Where lines go (tests collect them).
  var sink: @Sendable (String) -> Void

  public init(format: Format, logLevel: Logger.Level, sink: @escaping @Sendable (String) -> Void = writeToStandardError)
  {
    self.format = format
    self.logLevel = logLevel
    self.sink = sink
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    let merged = metadata.merging(event.metadata ?? [:]) { $1 }
    switch format {
    case .text:
      let context = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
      sink("fundreport: \(event.level): \(event.message)" + (context.isEmpty ? "" : " [\(context)]"))
    case .json:
      var object: [String: String] = [
        "time": Timestamp.now.description, "level": event.level.rawValue, "message": "\(event.message)",
      ]
      for (key, value) in merged { object[key] = "\(value)" }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      if let data = try? encoder.encode(object) { sink(String(decoding: data, as: UTF8.self)) }
    }
  }
}

/// Writes one line to standard error (a failure to write it is not reported anywhere).
@Sendable public func writeToStandardError(_ line: String) {
  FileSystem.writeToStandardError(Array((line + "\n").utf8))
}
