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
    outDirectory(ofDelivery: folder) + "/register.sqlite"
  }

  /// `<out>` of a delivery folder `<out>/<FKZ>/<folder>`.
  static func outDirectory(ofDelivery folder: String) -> String {
    let absolute = DeliveryStore.absolutePath(folder)
    return URL(fileURLWithPath: absolute).deletingLastPathComponent().deletingLastPathComponent().path
  }

  // MARK: submit

  /// Marks a delivery as submitted after checking its files against the
  /// register, and makes its folder read-only.
  public func submit(
    folder: String, by: String, at: Timestamp, justification: String?, report: (String) -> Void,
    warn: (String) -> Void
  ) -> RunStatus {
    let found = delivery(folder, mode: .write, warn: warn)
    guard case .found(let store, let register, let entry) = found else { return found.status }
    for line in store.settled { warn("note: \(line)") }
    guard entry.status == .draft else {
      warn("refused: \(folder) was submitted on \(entry.submittedAt ?? "?") by \(entry.submittedBy ?? "?")")
      return .refused
    }
    do {
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
      // The register first: it is what protects a submitted delivery. A
      // folder left writable by a failure here is made read-only by the
      // next command that opens the store.
      try register.markSubmitted(
        entry, by: by, at: at.description, justification: reason?.isEmpty == false ? reason : nil)
    } catch {
      warn("error: \(error); nothing was submitted")
      return .cannotWrite
    }
    do {
      try DeliveryStore.makeReadOnly(entry.folder)
    } catch {
      warn(
        "error: \(entry.folder) is submitted in the register, but its files could not be made read-only "
          + "(\(error.reason)); the next fundreport command tries again")
      return .cannotWrite
    }
    report("submitted: \(entry.folder) (\(entry.kind.rawValue) \(entry.period) v\(entry.version), by \(by))")
    return .success
  }

  /// Differences between a folder's files and the recorded hashes.
  static func compare(folder: String, with recorded: [Register.FileHash]) throws -> [String] {
    var problems: [String] = []
    let present = Set(try FileSystem.entries(of: folder))
    for file in recorded {
      guard present.contains(file.name) else {
        problems.append("\(file.name) is missing")
        continue
      }
      let bytes = try FileSystem.readFile(folder + "/" + file.name)
      if Delivery.sha256Hex(bytes) != file.sha256 { problems.append("\(file.name) was changed after it was generated") }
    }
    for name in present.subtracting(recorded.map(\.name)).sorted() {
      problems.append("\(name) does not belong to the delivery")
    }
    return problems
  }

  // MARK: history

  public func history(grant: String?, kind: ReportKind?, period: String?, json: Bool, report: (String) -> Void)
    throws(Register.Failure)
  {
    let entries = try Register(path: registerPath, create: false).entries(grant: grant, kind: kind, period: period)
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
        entry.grant, entry.kind.rawValue, entry.period, "v\(entry.version)", entry.status.rawValue,
        entry.created.description,
        "\(entry.fehler)/\(entry.warnungen)/\(entry.hinweise)", submitted, reason,
      ])
    }
    for line in TextTable.render(rows) { report(line) }
  }

  /// A delivery folder looked up in its register.
  enum Lookup {
    case found(DeliveryStore, Register, Register.Entry)
    /// Said through `warn` already; the command exits with this status.
    case failed(RunStatus)

    var status: RunStatus {
      if case .failed(let status) = self { return status }
      return .success
    }
  }

  /// The store, the register and the entry of `folder`. Creates nothing: a
  /// mistyped path is an error, not a new folder with an empty register.
  func delivery(_ folder: String, mode: DeliveryStore.Mode, warn: (String) -> Void) -> Lookup {
    func isFolder(_ path: String) -> Bool {
      FileSystem.resolved(path).map { FileSystem.kind(of: $0) == .directory } == true
    }
    let out = Self.outDirectory(ofDelivery: folder)
    guard isFolder(out) else {
      warn("error: \(folder): there is no such folder")
      return .failed(.inputMissing)
    }
    do {
      // Opened first: settling may put back the folder that an interrupted replacement had moved aside.
      let store = try DeliveryStore(outDirectory: out, registerPath: registerPath, mode: mode)
      guard isFolder(folder) else {
        warn("error: \(folder): there is no such folder")
        return .failed(.inputMissing)
      }
      guard let register = try store.register(create: false) else {
        warn("error: \(registerPath): there is no register here (it is written by fundreport report and run)")
        return .failed(.inputMissing)
      }
      let absolute = DeliveryStore.absolutePath(folder)
      if !store.isLocked, try register.pending().contains(where: { $0.folder == absolute }) {
        warn("error: \(folder) is being written by another fundreport process; try again when it is done")
        return .failed(.temporaryFailure)
      }
      guard let entry = try register.entry(folder: absolute) else {
        warn("error: \(folder) is not a delivery in the register \(registerPath)")
        return .failed(.usage)
      }
      return .found(store, register, entry)
    } catch let error as DeliveryStore.Failure {
      warn("error: \(error)")
      if case .locked = error { return .failed(.temporaryFailure) }
      return .failed(.cannotWrite)
    } catch {
      warn("error: \(error)")
      return .failed(.cannotWrite)
    }
  }

  // MARK: verify

  /// Re-checks a delivery's files against the register and re-validates its XML.
  public func verify(folder: String, report: (String) -> Void, warn: (String) -> Void) -> RunStatus {
    let found = delivery(folder, mode: .read, warn: warn)
    guard case .found(_, let register, let entry) = found else { return found.status }
    do {
      var problems = try Self.compare(folder: entry.folder, with: register.files(of: entry, role: .output))
      let generator = try ReportGenerator(export: Export())
      for name in try FileSystem.entries(of: entry.folder)
      where name.hasSuffix(".xml") {
        let bytes = try FileSystem.readFile(entry.folder + "/" + name)
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
      report(
        "verified: \(entry.folder) (\(entry.kind.rawValue) \(entry.period) v\(entry.version), \(entry.status.rawValue))"
      )
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
    let found = delivery(folder, mode: .read, warn: warn)
    guard case .found(_, let register, let entry) = found else { return found.status }
    do {
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
      let delivery = try ReportGenerator(export: loaded.export).makeDelivery(
        kind: entry.kind, grantID: entry.grant, periodID: entry.period, created: entry.created, version: entry.version,
        correctionReason: entry.correctionReason, need: Money(cents: entry.needCents))
      var differences: [String] = []
      let files = delivery.filesWithChecksums
      for file in files {
        let path = entry.folder + "/" + file.name
        let existing = try? FileSystem.readFile(path)
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
