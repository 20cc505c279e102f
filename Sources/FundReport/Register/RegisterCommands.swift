import Foundation
import XMLSupport

#if canImport(Glibc)
  import Glibc
#endif

/// `fundreport submit`, `history`, `verify` and `reproduce`: what a
/// controller does with deliveries after they are written.
public struct RegisterCommands: Sendable {
  var registerPath: String
  /// The language of what the commands say.
  var language: Language

  public init(registerPath: String, language: Language = .german) {
    self.registerPath = registerPath
    self.language = language
  }

  private func say(_ text: UserText) -> String { language.text(text) }
  private func failure(_ text: UserText) -> String { language.text(.failure(text)) }

  /// Any error a command meets, as a text.
  private func described(_ error: any Error) -> UserText {
    switch error {
    case let error as FileSystemError: return .file(error)
    case let error as Register.Failure: return .registerFailure(error)
    case let error as DeliveryStore.Failure: return .store(error)
    case let error as ReportError:
      switch error {
      case .period(let invalid): return .period(invalid)
      case .missingBaseRate(let grant, let missing): return .missingBaseRate(grant: grant, missing)
      case .internalError(let detail): return .internalError(detail)
      }
    default: return .internalError("\(error)")
    }
  }

  /// `Fehler: …` for any error (an internal error says itself so).
  private func failure(_ error: any Error) -> String {
    let text = described(error)
    if case .internalError = text { return say(text) }
    return failure(text)
  }

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
    for action in store.settled { warn(language.line(.settled(action))) }
    guard entry.status == .draft else {
      warn(say(.alreadySubmitted(folder: folder, at: entry.submittedAt, by: entry.submittedBy)))
      return .refused
    }
    do {
      let problems = try Self.compare(folder: entry.folder, with: register.files(of: entry, role: .output))
      guard problems.isEmpty else {
        for problem in problems { warn(failure(.deliveryFile(problem))) }
        warn(failure(.doesNotMatchGenerated(folder)))
        return .dataError
      }
      let reason = justification?.trimmingCharacters(in: .whitespacesAndNewlines)
      if entry.fehler > 0 && (reason ?? "").isEmpty {
        warn(say(.needsJustification(folder: folder, fehler: entry.fehler)))
        return .refused
      }
      // The register first: it is what protects a submitted delivery. A
      // folder left writable by a failure here is made read-only by the
      // next command that opens the store.
      try register.markSubmitted(
        entry, by: by, at: at.description, justification: reason?.isEmpty == false ? reason : nil)
    } catch {
      warn(failure(.nothingSubmitted(described(error))))
      return .cannotWrite
    }
    do {
      try DeliveryStore.makeReadOnly(entry.folder)
    } catch {
      warn(failure(.submittedButWritable(folder: entry.folder, error)))
      return .cannotWrite
    }
    report(
      say(.submitted(folder: entry.folder, kind: entry.kind, period: entry.period, version: entry.version, by: by)))
    return .success
  }

  /// Differences between a folder's files and the recorded hashes.
  static func compare(folder: String, with recorded: [Register.FileHash]) throws -> [DeliveryFileProblem] {
    var problems: [DeliveryFileProblem] = []
    let present = Set(try FileSystem.entries(of: folder))
    for file in recorded {
      guard present.contains(file.name) else {
        problems.append(.missing(file.name))
        continue
      }
      let bytes = try FileSystem.readFile(folder + "/" + file.name)
      if Delivery.sha256Hex(bytes) != file.sha256 { problems.append(.changed(file.name)) }
    }
    for name in present.subtracting(recorded.map(\.name)).sorted() {
      problems.append(.foreign(name))
    }
    return problems
  }

  // MARK: history

  public func history(grant: String?, kind: ReportKind?, period: String?, json: Bool, report: (String) -> Void)
    throws(Register.Failure)
  {
    let register = try Register(path: registerPath, create: false)
    let entries = try register.entries(grant: grant, kind: kind, period: period)
    let replaced = try register.replaced(grant: grant, kind: kind, period: period)
    let rows = HistoryRow.merged(entries: entries, replaced: replaced)
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      let data = (try? encoder.encode(rows)) ?? Data("[]".utf8)
      report(String(decoding: data, as: UTF8.self))
      return
    }
    for line in TextTable.render(HistoryRow.table(rows, language: language)) { report(line) }
  }

  /// A delivery folder looked up in its register.
  enum Lookup {
    case found(DeliveryStore, Register, Register.Entry)
    /// A delivery folder with no register beside it (its absolute path).
    case unregistered(String)
    /// Said through `warn` already; the command exits with this status.
    case failed(RunStatus)

    var status: RunStatus {
      switch self {
      case .failed(let status): return status
      case .unregistered: return .inputMissing
      case .found: return .success
      }
    }
  }

  /// The store, the register and the entry of `folder`. Creates nothing: a
  /// mistyped path is an error, not a new folder with an empty register.
  func delivery(
    _ folder: String, mode: DeliveryStore.Mode, withoutRegister: Bool = false, warn: (String) -> Void
  ) -> Lookup {
    func isFolder(_ path: String) -> Bool {
      FileSystem.resolved(path).map { FileSystem.kind(of: $0) == .directory } == true
    }
    let out = Self.outDirectory(ofDelivery: folder)
    guard isFolder(out) else {
      warn(failure(.noSuchFolder(folder)))
      return .failed(.inputMissing)
    }
    do {
      // Opened first: settling may put back the folder that an interrupted replacement had moved aside.
      let store = try DeliveryStore(outDirectory: out, registerPath: registerPath, mode: mode)
      guard isFolder(folder) else {
        warn(failure(.noSuchFolder(folder)))
        return .failed(.inputMissing)
      }
      guard let register = try store.register(create: false) else {
        if withoutRegister { return .unregistered(DeliveryStore.absolutePath(folder)) }
        warn(failure(.noRegisterAt(registerPath)))
        return .failed(.inputMissing)
      }
      let absolute = DeliveryStore.absolutePath(folder)
      if !store.isLocked, try register.pending().contains(where: { $0.folder == absolute }) {
        warn(failure(.beingWritten(folder)))
        return .failed(.temporaryFailure)
      }
      guard let entry = try register.entry(folder: absolute) else {
        warn(failure(.notInRegister(folder: folder, register: registerPath)))
        return .failed(.usage)
      }
      return .found(store, register, entry)
    } catch let error as DeliveryStore.Failure {
      warn(failure(error))
      if case .locked = error { return .failed(.temporaryFailure) }
      return .failed(.cannotWrite)
    } catch {
      warn(failure(error))
      return .failed(.cannotWrite)
    }
  }

  // MARK: verify

  /// Re-checks a delivery's files against the register and re-validates its XML.
  /// Without a register beside the folder (a delivery sent on its own),
  /// its files are checked against its SHA256SUMS and its XML against the
  /// XSD, and it is said that status and inputs were not checked.
  public func verify(folder: String, report: (String) -> Void, warn: (String) -> Void) -> RunStatus {
    let found = delivery(folder, mode: .read, withoutRegister: true, warn: warn)
    if case .unregistered(let path) = found { return verifyWithoutRegister(path, report: report, warn: warn) }
    guard case .found(_, let register, let entry) = found else { return found.status }
    do {
      var problems = try Self.compare(folder: entry.folder, with: register.files(of: entry, role: .output)).map {
        failure(.deliveryFile($0))
      }
      problems += try schemaProblems(of: entry.folder)
      let inputs = try register.files(of: entry, role: .input)
      if let listed = try Self.quelldaten(of: entry.folder) {
        let recorded = Dictionary(inputs.map { ($0.name, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        for (name, sha256) in listed where recorded[name] != sha256 {
          problems.append(failure(.deliveryFile(.quelldatenDiffer(name))))
        }
        for input in inputs where !listed.contains(where: { $0.name == input.name }) {
          problems.append(failure(.deliveryFile(.quelldatenLack(input.name))))
        }
      }
      if entry.inputsArchived == true {
        let archive = FileArchive(registerPath: registerPath)
        problems += inputs.compactMap { input in archive.check(input.sha256).map { failure(.archive($0)) } }
      }
      guard problems.isEmpty else {
        for problem in problems { warn(problem) }
        return .dataError
      }
      report(
        say(
          .verified(
            folder: entry.folder, kind: entry.kind, period: entry.period, version: entry.version,
            status: entry.status, archivedInputs: entry.inputsArchived == true ? inputs.count : nil)))
      return .success
    } catch {
      warn(failure(error))
      return .cannotWrite
    }
  }

  /// The files the `Quelldaten` of the folder's XML name, with their SHA-256 (nil: no XML that parses, which
  /// the XSD check says).
  static func quelldaten(of folder: String) throws -> [(name: String, sha256: String)]? {
    guard let name = try FileSystem.entries(of: folder).first(where: { $0.hasSuffix(".xml") }),
      let root = try? ParsedXMLElement.parse(try FileSystem.readFile(folder + "/" + name), documentName: name)
    else { return nil }
    let files = root.children.first { $0.name == "Kopf" }?.children.first { $0.name == "Quelldaten" }?.children ?? []
    return files.map { file in
      let value = { (key: String) in file.attributes.first { $0.name == key }?.value ?? "" }
      return (value("name"), value("sha256"))
    }
  }

  /// The XSD's verdict on every XML file of `folder`.
  private func schemaProblems(of folder: String) throws -> [String] {
    let generator = try ReportGenerator(export: Export())
    var problems: [String] = []
    for name in try FileSystem.entries(of: folder) where name.hasSuffix(".xml") {
      let bytes = try FileSystem.readFile(folder + "/" + name)
      do {
        try generator.schema.validate(bytes, documentName: name)
      } catch {
        problems.append(failure(.schemaInvalid("\(error)")))
      }
    }
    return problems
  }

  private func verifyWithoutRegister(_ folder: String, report: (String) -> Void, warn: (String) -> Void)
    -> RunStatus
  {
    do {
      guard FileSystem.kind(of: folder + "/SHA256SUMS") == .file else {
        warn(failure(.noChecksums(folder)))
        return .dataError
      }
      let sums = try FileSystem.readFile(folder + "/SHA256SUMS")
      var recorded: [Register.FileHash] = [
        Register.FileHash(deliveryId: 0, role: .output, name: "SHA256SUMS", sha256: Delivery.sha256Hex(sums))
      ]
      for line in String(decoding: sums, as: UTF8.self).split(separator: "\n") {
        let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].count == 64 else {
          warn(failure(.noChecksums(folder)))
          return .dataError
        }
        recorded.append(
          Register.FileHash(
            deliveryId: 0, role: .output, name: String(parts[1].drop { $0 == " " }), sha256: String(parts[0])))
      }
      var problems =
        try Self.compare(folder: folder, with: recorded).map { failure(.deliveryFile($0)) }
        + schemaProblems(of: folder)
      // Quelldaten: inputs of the interface, each checked in an archive beside the folder when there is one.
      let listed = try Self.quelldaten(of: folder) ?? []
      let names = Set(ExportLoader.InputFile.allCases.map(\.rawValue))
      for (name, _) in listed where !names.contains(name) {
        problems.append(failure(.deliveryFile(.quelldatenNotAnInput(name))))
      }
      let archive = FileArchive(registerPath: registerPath)
      let archived = FileSystem.kind(of: archive.directory) == .directory
      if archived {
        problems += listed.compactMap { archive.check($0.sha256).map { failure(.archive($0)) } }
      }
      guard problems.isEmpty else {
        for problem in problems { warn(problem) }
        return .dataError
      }
      report(
        say(
          .verifiedWithoutRegister(
            folder: folder, register: registerPath, sourceFiles: listed.count, archived: archived)))
      return .success
    } catch {
      warn(failure(error))
      return .cannotWrite
    }
  }

  // MARK: reproduce

  /// Regenerates a delivery with the recorded inputs, Erstellt and software
  /// version, and compares every byte. The inputs come from `inputDirectory`
  /// when given, else from the archive beside the register (restored into a
  /// private temporary folder, removed afterwards).
  public func reproduce(
    folder: String, inputDirectory: String?, options: IngestOptions, report: (String) -> Void, warn: (String) -> Void
  ) -> RunStatus {
    let found = delivery(folder, mode: .read, warn: warn)
    guard case .found(_, let register, let entry) = found else { return found.status }
    var restored: String?
    defer { if let restored { try? FileSystem.remove(restored) } }
    do {
      guard entry.softwareVersion == FundReportVersion.current else {
        warn(
          failure(
            .madeByOtherVersion(folder: folder, made: entry.softwareVersion, current: FundReportVersion.current)))
        return .refused
      }
      let recordedInputs = try register.files(of: entry, role: .input)
      var options = options
      let directory: String
      if let inputDirectory {
        guard ExportLoader.directoryExists(inputDirectory) else {
          warn(say(.inputDirectoryMissing(inputDirectory)))
          return .inputMissing
        }
        directory = inputDirectory
      } else {
        guard entry.inputsArchived == true else {
          warn(failure(.inputsNotArchived(folder)))
          return .inputMissing
        }
        let scratch = try FileSystem.makeTemporaryDirectory(prefix: "fundreport-reproduce")
        restored = scratch
        let archive = FileArchive(registerPath: registerPath)
        for input in recordedInputs {
          do {
            try archive.restore(input.sha256, to: scratch + "/" + input.name)
          } catch {
            warn(failure(.archive(error)))
            return .dataError
          }
        }
        // Restored under the interface's names: a mapping's file name no longer applies, its columns do.
        options.forgetFileNames()
        directory = scratch
      }
      let loaded = ExportLoader(directory: directory, options: options).load()
      // A required file missing from the export (a misnamed one said as what it is): exit 66, as everywhere.
      let missing = loaded.diagnostics.errors.filter { $0.kind == .fileAccess }
      guard missing.isEmpty else {
        for error in missing.sorted(by: InputError.displayOrder) { warn(error.text(language)) }
        return .inputMissing
      }
      let actual = Dictionary(uniqueKeysWithValues: loaded.export.sourceFiles.map { ($0.name, $0.sha256) })
      var mismatches: [DeliveryFileProblem] = []
      for file in recordedInputs where actual[file.name] != file.sha256 {
        mismatches.append(actual[file.name] == nil ? .inputMissing(file.name) : .inputDiffers(file.name))
      }
      for name in actual.keys.sorted() where !recordedInputs.contains(where: { $0.name == name }) {
        mismatches.append(.notAnInput(name))
      }
      guard mismatches.isEmpty else {
        for mismatch in mismatches { warn(failure(.deliveryFile(mismatch))) }
        warn(failure(.notTheExport(inputDirectory ?? FileArchive(registerPath: registerPath).directory)))
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
        warn(failure(.notIdentical(differences)))
        return .findingsWithErrors
      }
      report(say(.reproduced(folder: entry.folder, files: files.count, fromArchive: inputDirectory == nil)))
      return .success
    } catch {
      warn(failure(error))
      return .internalError
    }
  }
}

/// A line of `history`: a delivery as the register has it, or a draft that a newer one replaced.
enum HistoryRow: Encodable {
  case current(Register.Entry)
  case replaced(Register.Replaced)

  /// Per report and version, the replaced drafts (oldest first) before the entry that replaced them.
  static func merged(entries: [Register.Entry], replaced: [Register.Replaced]) -> [HistoryRow] {
    var rows = entries.map(HistoryRow.current) + replaced.map(HistoryRow.replaced)
    rows.sort { lhs, rhs in
      if lhs.key != rhs.key { return lhs.key.lexicographicallyPrecedes(rhs.key) }
      return lhs.created.description < rhs.created.description
    }
    return rows
  }

  private var key: [String] {
    switch self {
    case .current(let entry):
      return [entry.grant, entry.kind.rawValue, entry.period, String(format: "%09d", entry.version)]
    case .replaced(let draft):
      return [draft.grant, draft.kind.rawValue, draft.period, String(format: "%09d", draft.version)]
    }
  }

  private var created: Timestamp {
    switch self {
    case .current(let entry): return entry.created
    case .replaced(let draft): return draft.created
    }
  }

  /// `history`'s table (the dashboard shows it too): a heading row, then a row per line.
  static func table(_ rows: [HistoryRow], language: Language) -> [[String]] {
    let headings: [TableColumn] = [
      .foerderkennzeichen, .report, .period, .version, .status, .created, .counts, .submitted, .reason,
    ]
    var table = [headings.map { language.text(.column($0)) }]
    for row in rows {
      switch row {
      case .replaced(let draft):
        table.append([
          draft.grant, draft.kind.rawValue, draft.period, "v\(draft.version)", language.text(.replacedStatus),
          draft.created.german, "\(draft.fehler)/\(draft.warnungen)/\(draft.hinweise)", "",
          language.text(.replaced(at: draft.replacedBy, changedInputs: draft.changedInputs)),
        ])
      case .current(let entry):
        let submitted =
          entry.submittedAt.map { "\(Timestamp(iso: $0)?.german ?? $0) \(entry.submittedBy ?? "")" } ?? ""
        let reason = [
          entry.correctionReason.map { language.text(.correctionReason($0)) },
          entry.justification.map { language.text(.justification($0)) },
        ]
        .compactMap { $0 }.joined(separator: "; ")
        table.append([
          entry.grant, entry.kind.rawValue, entry.period, "v\(entry.version)", language.text(.status(entry.status)),
          entry.created.german, "\(entry.fehler)/\(entry.warnungen)/\(entry.hinweise)", submitted, reason,
        ])
      }
    }
    return table
  }

  /// The XML report of the line: from the delivery folder, or for a replaced draft from the archive
  /// (nil when it is not there).
  func reportXML(register: Register, archive: FileArchive) throws -> [UInt8]? {
    switch self {
    case .current(let entry):
      guard let xml = try register.files(of: entry, role: .output).first(where: { $0.name.hasSuffix(".xml") }),
        FileSystem.kind(of: entry.folder + "/" + xml.name) == .file
      else { return nil }
      return try FileSystem.readFile(entry.folder + "/" + xml.name)
    case .replaced(let draft):
      guard let xml = draft.files.first(where: { $0.role == .output && $0.name.hasSuffix(".xml") }) else { return nil }
      var bytes: [UInt8] = []
      do {
        try archive.read(xml.sha256) { bytes += $0 }
      } catch {
        return nil
      }
      return bytes
    }
  }

  private enum StatusKey: String, CodingKey { case status }

  /// An entry as the register has it; a replaced draft with its columns and status `ersetzt`.
  func encode(to encoder: any Encoder) throws {
    switch self {
    case .current(let entry): try entry.encode(to: encoder)
    case .replaced(let draft):
      try draft.encode(to: encoder)
      var container = encoder.container(keyedBy: StatusKey.self)
      try container.encode("ersetzt", forKey: .status)
    }
  }
}

// MARK: diff

extension RegisterCommands {
  /// One side of `fundreport diff`: a delivery folder, or a draft of it that was replaced (`FOLDER@Erstellt`).
  struct DiffSide {
    var label: String
    var entry: Register.Entry
    var xml: [UInt8]
    /// nil for a replaced draft, which keeps none.
    var vouchers: [UInt8]?
  }

  /// Compares two deliveries figure by figure (`old` and `new` each a folder or
  /// `FOLDER@Erstellt` of a replaced draft), or, with `inputDirectory` and no
  /// `new`, a delivery with what that export gives now (same Erstellt and version).
  ///
  /// - Returns: 0 when nothing differs, 1 when something does (as diff(1) does).
  public func diff(
    old: String, new: String?, inputDirectory: String?, options: IngestOptions, report: (String) -> Void,
    warn: (String) -> Void
  ) -> RunStatus {
    let before: DiffSide
    switch side(old, warn: warn) {
    case .success(let side): before = side
    case .failure(let failed): return failed.status
    }
    let after: DiffSide
    if let new {
      switch side(new, warn: warn) {
      case .success(let side): after = side
      case .failure(let failed): return failed.status
      }
    } else if let inputDirectory {
      guard ExportLoader.directoryExists(inputDirectory) else {
        warn(say(.inputDirectoryMissing(inputDirectory)))
        return .inputMissing
      }
      let loaded = ExportLoader(directory: inputDirectory, options: options).load()
      guard loaded.diagnostics.errors.isEmpty else {
        for error in loaded.diagnostics.errors.sorted(by: InputError.displayOrder).prefix(20) {
          warn(error.text(language))
        }
        return loaded.diagnostics.errors.contains { $0.kind == .fileAccess } ? .inputMissing : .dataError
      }
      let entry = before.entry
      do {
        let delivery = try ReportGenerator(export: loaded.export).makeDelivery(
          kind: entry.kind, grantID: entry.grant, periodID: entry.period, created: entry.created,
          version: entry.version, correctionReason: entry.correctionReason, need: Money(cents: entry.needCents))
        guard let xml = delivery.files.first(where: { $0.name.hasSuffix(".xml") }) else { return .internalError }
        after = DiffSide(
          label: inputDirectory, entry: entry, xml: xml.bytes,
          vouchers: delivery.files.first { $0.name.contains("_Belegliste_") }?.bytes)
      } catch {
        warn(failure(error))
        return .usage
      }
    } else {
      warn(failure(.diffNeedsSecond))
      return .usage
    }
    let difference: DeliveryDiff
    do {
      difference = try DeliveryDiff(
        old: before.xml, new: after.xml, oldVouchers: before.vouchers, newVouchers: after.vouchers)
    } catch {
      warn(failure(.schemaInvalid("\(error)")))
      return .dataError
    }
    report(say(.diffHeading(old: before.label, new: after.label)))
    guard !difference.isEmpty else {
      report(say(.diffIdentical))
      return .success
    }
    report(say(.diffFigures(difference.figures.count)))
    for change in difference.figures {
      report(say(.diffFigure(place: change.place, old: change.old, new: change.new, difference: change.difference)))
    }
    report(say(.diffFindings(added: difference.findingsAdded.count, removed: difference.findingsRemoved.count)))
    for (added, lines) in [(true, difference.findingsAdded), (false, difference.findingsRemoved)] {
      for line in lines {
        report(say(.diffFinding(added: added, rule: line.rule, severity: line.severity, message: line.message)))
      }
    }
    if let added = difference.voucherRowsAdded, let removed = difference.voucherRowsRemoved {
      report(say(.diffVouchers(added: added.count, removed: removed.count)))
      for row in added { report(say(.diffVoucher(added: true, row: row))) }
      for row in removed { report(say(.diffVoucher(added: false, row: row))) }
    } else {
      report(say(.diffVouchersNotCompared))
    }
    return .findingsWithErrors
  }

  /// A side that could not be read, said through `warn` already; the command exits with `status`.
  struct SideFailed: Error {
    var status: RunStatus
  }

  private func side(_ reference: String, warn: (String) -> Void) -> Result<DiffSide, SideFailed> {
    var folder = reference
    var created: Timestamp?
    if let at = reference.lastIndex(of: "@"),
      let stamp = Timestamp(iso: String(reference[reference.index(after: at)...]))
    {
      folder = String(reference[..<at])
      created = stamp
    }
    let found = delivery(folder, mode: .read, warn: warn)
    guard case .found(_, let register, let entry) = found else { return .failure(SideFailed(status: found.status)) }
    do {
      let outputs = try register.files(of: entry, role: .output)
      guard let created, created != entry.created else {
        guard let xml = outputs.first(where: { $0.name.hasSuffix(".xml") }) else {
          return .failure(SideFailed(status: .dataError))
        }
        let vouchers = outputs.first { $0.name.contains("_Belegliste_") }
        return .success(
          DiffSide(
            label: reference, entry: entry, xml: try FileSystem.readFile(entry.folder + "/" + xml.name),
            vouchers: try vouchers.map { try FileSystem.readFile(entry.folder + "/" + $0.name) }))
      }
      guard
        let draft = try register.replaced(grant: entry.grant, kind: entry.kind, period: entry.period).first(where: {
          $0.version == entry.version && $0.created == created
        })
      else {
        warn(failure(.noReplacedDraft(folder: folder, created: created.description)))
        return .failure(SideFailed(status: .usage))
      }
      guard
        let bytes = try HistoryRow.replaced(draft).reportXML(
          register: register, archive: FileArchive(registerPath: registerPath))
      else {
        warn(failure(.replacedDraftNotArchived(folder: folder, created: created.description)))
        return .failure(SideFailed(status: .dataError))
      }
      var replaced = entry
      replaced.created = draft.created
      return .success(DiffSide(label: reference, entry: replaced, xml: bytes, vouchers: nil))
    } catch {
      warn(failure(error))
      return .failure(SideFailed(status: .cannotWrite))
    }
  }
}
