import Foundation
import XMLSupport

#if canImport(Glibc)
  import Glibc
#endif

/// `fundreport submit`, `history`, `verify` and `reproduce`: what a
/// controller does with deliveries after they are written.
public struct RegisterCommands: Sendable {
  public var registerPath: String

  public init(registerPath: String) { self.registerPath = registerPath }

  /// The register beside a delivery folder `<out>/<FKZ>/<folder>`, unless given.
  public static func defaultRegister(forDelivery folder: String) -> String {
    let absolute = DeliveryWriter.absolutePath(folder)
    let out = URL(fileURLWithPath: absolute).deletingLastPathComponent().deletingLastPathComponent().path
    return out + "/register.sqlite"
  }

  // MARK: submit

  /// Marks a delivery as submitted after checking its files against the
  /// register, and makes its folder read-only.
  public func submit(
    folder: String, by: String, at: Timestamp, justification: String?, report: (String) -> Void,
    warn: (String) -> Void
  ) -> RunStatus {
    do {
      guard let (register, entry) = try delivery(folder, warn: warn) else { return .usage }
      guard entry.status == .draft else {
        warn("refused: \(folder) was submitted on \(entry.submittedAt ?? "?") by \(entry.submittedBy ?? "?")")
        return .refused
      }
      let problems = try Self.compare(folder: entry.folder, with: register.files(of: entry, role: .output))
      guard problems.isEmpty else {
        for problem in problems { warn("error: \(problem)") }
        warn("error: \(folder) does not match what was generated; nothing was submitted")
        return .dataError
      }
      let reason = justification?.trimmingCharacters(in: .whitespacesAndNewlines)
      if entry.fehler > 0 && (reason ?? "").isEmpty {
        warn(
          "refused: \(folder) has \(entry.fehler) Fehler finding(s); fix the data and generate again, "
            + "or submit with --justification \"why it is submitted as it stands\"")
        return .refused
      }
      try Self.makeReadOnly(entry.folder)
      try register.markSubmitted(
        entry, by: by, at: at.description, justification: reason?.isEmpty == false ? reason : nil)
      report("submitted: \(entry.folder) (\(entry.kind) \(entry.period) v\(entry.version), by \(by))")
      return .success
    } catch {
      warn("error: \(error)")
      return .cannotWrite
    }
  }

  /// Differences between a folder's files and the recorded hashes.
  static func compare(folder: String, with recorded: [Register.FileHash]) throws -> [String] {
    var problems: [String] = []
    let present = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
    for file in recorded {
      guard present.contains(file.name) else {
        problems.append("\(file.name) is missing")
        continue
      }
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/" + file.name)))
      if Delivery.sha256Hex(bytes) != file.sha256 { problems.append("\(file.name) was changed after it was generated") }
    }
    for name in present.subtracting(recorded.map(\.name)).sorted() {
      problems.append("\(name) does not belong to the delivery")
    }
    return problems
  }

  static func makeReadOnly(_ folder: String) throws {
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
      guard chmod(folder + "/" + name, 0o444) == 0 else {
        throw DeliveryError(path: folder + "/" + name, message: "cannot make read-only")
      }
    }
    guard chmod(folder, 0o555) == 0 else { throw DeliveryError(path: folder, message: "cannot make read-only") }
  }

  // MARK: history

  public func history(grant: String?, kind: String?, period: String?, json: Bool, report: (String) -> Void)
    throws(Register.Failure)
  {
    let entries = try Register(path: registerPath).entries(grant: grant, kind: kind, period: period)
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      let data = (try? encoder.encode(entries)) ?? Data("[]".utf8)
      report(String(decoding: data, as: UTF8.self))
      return
    }
    var rows = [
      ["Förderkennzeichen", "Bericht", "Zeitraum", "Version", "Status", "Erstellt", "F/W/H", "eingereicht", "Grund"]
    ]
    for entry in entries {
      let submitted = entry.submittedAt.map { "\($0) \(entry.submittedBy ?? "")" } ?? ""
      let reason = [
        entry.correctionReason.map { "Berichtigung: \($0)" }, entry.justification.map { "Begründung: \($0)" },
      ]
      .compactMap { $0 }.joined(separator: "; ")
      rows.append([
        entry.grant, entry.kind, entry.period, "v\(entry.version)", entry.status.rawValue, entry.created,
        "\(entry.fehler)/\(entry.warnungen)/\(entry.hinweise)", submitted, reason,
      ])
    }
    for line in TextTable.render(rows) { report(line) }
  }

  /// The register and its entry for `folder`; nil (said through `warn`)
  /// when the register does not know the folder.
  private func delivery(_ folder: String, warn: (String) -> Void) throws -> (Register, Register.Entry)? {
    let register = try Register(path: registerPath)
    guard let entry = try register.entry(folder: DeliveryWriter.absolutePath(folder)) else {
      warn("error: \(folder) is not a delivery in the register \(registerPath)")
      return nil
    }
    return (register, entry)
  }

  // MARK: verify

  /// Re-checks a delivery's files against the register and re-validates its XML.
  public func verify(folder: String, report: (String) -> Void, warn: (String) -> Void) -> RunStatus {
    do {
      guard let (register, entry) = try delivery(folder, warn: warn) else { return .usage }
      var problems = try Self.compare(folder: entry.folder, with: register.files(of: entry, role: .output))
      let generator = try ReportGenerator(export: Export())
      for name in try FileManager.default.contentsOfDirectory(atPath: entry.folder).sorted()
      where name.hasSuffix(".xml") {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: entry.folder + "/" + name)))
        do {
          try generator.schema.validate(bytes, documentName: name)
        } catch {
          problems.append("\(error)")
        }
      }
      guard problems.isEmpty else {
        for problem in problems { warn("error: \(problem)") }
        return .dataError
      }
      report("verified: \(entry.folder) (\(entry.kind) \(entry.period) v\(entry.version), \(entry.status.rawValue))")
      return .success
    } catch {
      warn("error: \(error)")
      return .cannotWrite
    }
  }

  // MARK: reproduce

  /// Regenerates a delivery from an export directory with the recorded
  /// inputs, Erstellt and software version, and compares every byte.
  public func reproduce(
    folder: String, inputDirectory: String, options: IngestOptions, report: (String) -> Void, warn: (String) -> Void
  ) -> RunStatus {
    do {
      guard let (register, entry) = try delivery(folder, warn: warn) else { return .usage }
      guard entry.softwareVersion == FundReportVersion.current else {
        warn(
          "error: \(folder) was made by fundreport \(entry.softwareVersion); this is \(FundReportVersion.current). "
            + "Reproduce it with that version.")
        return .refused
      }
      guard ExportLoader.directoryExists(inputDirectory) else {
        warn("\(inputDirectory): error: the input directory does not exist")
        return .inputMissing
      }
      let loaded = ExportLoader(directory: inputDirectory, options: options).load()
      let recordedInputs = try register.files(of: entry, role: .input)
      let actual = Dictionary(uniqueKeysWithValues: loaded.export.sourceFiles.map { ($0.name, $0.sha256) })
      var mismatches: [String] = []
      for file in recordedInputs where actual[file.name] != file.sha256 {
        mismatches.append(
          actual[file.name] == nil ? "\(file.name) is missing" : "\(file.name) differs from the recorded input")
      }
      for name in actual.keys.sorted() where !recordedInputs.contains(where: { $0.name == name }) {
        mismatches.append("\(name) was not an input of the delivery")
      }
      guard mismatches.isEmpty else {
        for mismatch in mismatches { warn("error: \(mismatch)") }
        warn("error: \(inputDirectory) is not the export the delivery was made from")
        return .dataError
      }
      guard let kind = ReportKind(rawValue: entry.kind), let created = Timestamp(iso: entry.created) else {
        warn("error: the register entry of \(folder) is damaged")
        return .internalError
      }
      let delivery = try ReportGenerator(export: loaded.export).makeDelivery(
        kind: kind, grantID: entry.grant, periodID: entry.period, created: created, version: entry.version,
        correctionReason: entry.correctionReason, need: Money(cents: entry.needCents))
      var differences: [String] = []
      let files = delivery.filesWithChecksums
      for file in files {
        let path = entry.folder + "/" + file.name
        let existing = FileManager.default.contents(atPath: path).map { [UInt8]($0) }
        if existing != file.bytes { differences.append(file.name) }
      }
      guard differences.isEmpty else {
        warn("error: not identical: \(differences.joined(separator: ", "))")
        return .findingsWithErrors
      }
      report("reproduced: \(entry.folder): all \(files.count) files identical, byte for byte")
      return .success
    } catch {
      warn("error: \(error)")
      return .internalError
    }
  }
}

extension Timestamp {
  /// The current time, to the second.
  public static var now: Timestamp { Timestamp(epochSeconds: Int64(time(nil))) }
}
