import Foundation
import GRDB
import SystemPackage

/// The submission register: every delivery fundreport wrote, its status,
/// and the SHA-256 of every input and output file, in an SQLite database.
///
/// A delivery is recorded after its folder is in place, in one transaction,
/// so the register never points at a folder that is missing or half-written.
public final class Register: Sendable {
  public enum Status: String, Codable, Sendable, DatabaseValueConvertible {
    case draft = "entwurf"
    case submitted = "eingereicht"
  }

  /// One delivery.
  struct Entry: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "lieferung"
    var id: Int64?
    var grant: String
    var kind: ReportKind
    var period: String
    var version: Int
    var status: Status
    /// Erstellt, as written in the report.
    var created: Timestamp
    var softwareVersion: String
    /// The delivery folder's absolute path.
    var folder: String
    var fehler: Int
    var warnungen: Int
    var hinweise: Int
    var correctionReason: String?
    var submittedBy: String?
    var submittedAt: String?
    var justification: String?
    /// For `bedarf` of a Mittelabruf, in cents.
    var needCents: Int64
    /// Whether the inputs are in the archive beside the register (nil: the
    /// entry was made before fundreport kept them).
    var inputsArchived: Bool?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The columns, for requests (GRDB's recommended form: no column name typed twice).
    enum Columns {
      static let id = Column(CodingKeys.id)
      static let grant = Column(CodingKeys.grant)
      static let kind = Column(CodingKeys.kind)
      static let period = Column(CodingKeys.period)
      static let version = Column(CodingKeys.version)
      static let folder = Column(CodingKeys.folder)
    }
  }

  /// An input or output file of a delivery.
  struct FileHash: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "datei"
    enum Role: String, Codable, Sendable, DatabaseValueConvertible {
      case input = "eingabe"
      case output = "ausgabe"
    }
    var deliveryId: Int64
    var role: Role
    var name: String
    var sha256: String

    enum Columns {
      static let deliveryId = Column(CodingKeys.deliveryId)
      static let role = Column(CodingKeys.role)
      static let name = Column(CodingKeys.name)
    }
  }

  /// A draft that a newer one of the same version replaced: what it was
  /// (its columns and the hashes of its files), when it was replaced, and which inputs changed.
  struct Replaced: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "ersetzt"
    var id: Int64?
    var grant: String
    var kind: ReportKind
    var period: String
    var version: Int
    /// Erstellt of the replaced draft.
    var created: Timestamp
    /// Erstellt of the draft that replaced it.
    var replacedBy: Timestamp
    var fehler: Int
    var warnungen: Int
    var hinweise: Int
    var correctionReason: String?
    var needCents: Int64
    /// The input and output files of the replaced draft.
    var files: [FileHash]
    /// The names of the inputs that differ in the successor (added, removed or changed).
    var changedInputs: [String]

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum Columns {
      static let grant = Column(CodingKeys.grant)
      static let kind = Column(CodingKeys.kind)
      static let period = Column(CodingKeys.period)
      static let version = Column(CodingKeys.version)
      static let id = Column(CodingKeys.id)
    }
  }

  /// The register could not be opened or written.
  public struct Failure: Error, Sendable, Equatable {
    enum Problem: Sendable, Equatable {
      /// The register (or its journal) is a symbolic link.
      case symbolicLink
      /// There is no register at the path.
      case missing
      /// A folder or a device, not a register file.
      case notAFile
      case cannotCreateFolder(FileSystemError)
      case cannotOpen(DatabaseProblem)
      case cannotRead(DatabaseProblem)
      case cannotWrite(DatabaseProblem)
      /// This version is submitted and cannot be replaced.
      case submitted(version: Int)
      /// A row of the register does not have the form fundreport writes.
      case damaged(String)
    }

    /// What SQLite said, in kinds a controller can act on.
    enum DatabaseProblem: Sendable, Equatable {
      case busy, full, damaged, cannotOpen, readOnly, inputOutput
      /// The disk refused, for the system's reason (a test seam, or a full disk).
      case system(Errno)
      /// Another SQLite error, in SQLite's words.
      case other(String)
    }

    var path: String
    var problem: Problem
  }

  /// A delivery being published: its folder is about to be swapped (or
  /// was, if the process died), and the entry it will have once confirmed.
  /// See docs/decisions.md, "The register is true at every instant".
  struct Pending: Sendable, Equatable {
    var id: Int64
    /// The delivery folder's absolute path.
    var folder: String
    /// Where the new folder is staged (`.tmp-…`) and where the version it
    /// replaces is moved aside (`.old-…`).
    var staging: String
    var retired: String
    var entry: Entry
    var inputs: [FileHash]
    var outputs: [FileHash]
  }

  /// A pending row as stored: the entry and the hashes as JSON.
  private struct PendingRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "ausstehend"
    var id: Int64?
    var folder: String
    var staging: String
    var retired: String
    var entry: String
    var inputs: String
    var outputs: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum Columns {
      static let id = Column(CodingKeys.id)
      static let folder = Column(CodingKeys.folder)
    }
  }

  let path: String
  /// The register's folder with every link resolved: folders are stored
  /// relative to it, so that the register and its deliveries can be copied,
  /// moved, restored or reached through a link together.
  let directory: String
  private let queue: DatabaseQueue

  /// Opens (and, with `create`, creates) the register at `path` and migrates it.
  ///
  /// - Throws: ``Failure`` when the register cannot be opened, when `path`
  ///   is a symbolic link, or when it does not exist and `create` is false.
  init(path: String, create: Bool = true) throws(Failure) {
    self.path = path
    for file in [path, path + "-journal"] where FileSystem.kind(of: file) == .symbolicLink {
      throw Failure(path: file, problem: .symbolicLink)
    }
    switch FileSystem.kind(of: path) {
    case .missing:
      guard create else { throw Failure(path: path, problem: .missing) }
    case .file: break
    default: throw Failure(path: path, problem: .notAFile)
    }
    let folder = (path as NSString).deletingLastPathComponent
    do throws(FileSystemError) {
      if create && !folder.isEmpty { try FileSystem.makeDirectories(folder) }
    } catch {
      throw Failure(path: path, problem: .cannotCreateFolder(error))
    }
    let directory = FileSystem.resolved(folder.isEmpty ? "." : folder) ?? folder
    self.directory = directory
    do {
      var configuration = GRDB.Configuration()
      configuration.busyMode = .timeout(10)
      queue = try DatabaseQueue(path: path, configuration: configuration)
      try Self.migrator(directory: directory).migrate(queue)
    } catch {
      throw Failure(path: path, problem: .cannotOpen(Self.plainWords(error)))
    }
  }

  /// What an SQLite error means, for a controller.
  static func plainWords(_ error: any Error) -> Failure.DatabaseProblem {
    if let error = error as? FileSystemError, let code = error.errno { return .system(code) }
    guard let error = error as? DatabaseError else { return .other("\(error)") }
    switch error.resultCode.primaryResultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
    case .SQLITE_FULL: return .full
    case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .damaged
    case .SQLITE_CANTOPEN: return .cannotOpen
    case .SQLITE_READONLY, .SQLITE_PERM: return .readOnly
    case .SQLITE_IOERR: return .inputOutput
    default: return .other(error.message ?? "SQLite \(error.resultCode.rawValue)")
    }
  }

  /// The schema, from its first version on. A migration is frozen once it
  /// has shipped (registers in the field were made by it): changes are new
  /// migrations, and tables and columns are named by string, not by the
  /// record types, which may change.
  /// - Parameter directory: the register's folder, against which v3 makes stored folders relative.
  static func migrator(directory: String) -> DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.create(table: "lieferung") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("grant", .text).notNull()
        table.column("kind", .text).notNull()
        table.column("period", .text).notNull()
        table.column("version", .integer).notNull()
        table.column("status", .text).notNull()
        table.column("created", .text).notNull()
        table.column("softwareVersion", .text).notNull()
        table.column("folder", .text).notNull()
        table.column("fehler", .integer).notNull()
        table.column("warnungen", .integer).notNull()
        table.column("hinweise", .integer).notNull()
        table.column("correctionReason", .text)
        table.column("submittedBy", .text)
        table.column("submittedAt", .text)
        table.column("justification", .text)
        table.column("needCents", .integer).notNull().defaults(to: 0)
        table.uniqueKey(["grant", "kind", "period", "version"])
      }
      try db.create(table: "datei") { table in
        table.column("deliveryId", .integer).notNull().references("lieferung", onDelete: .cascade)
        table.column("role", .text).notNull()
        table.column("name", .text).notNull()
        table.column("sha256", .text).notNull()
        table.primaryKey(["deliveryId", "role", "name"])
      }
    }
    // Frozen since it shipped; tables named by string, as GRDB's migration guide advises.
    migrator.registerMigration("v2-ausstehend") { db in
      try db.create(table: "ausstehend") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("folder", .text).notNull().unique()
        table.column("staging", .text).notNull()
        table.column("retired", .text).notNull()
        table.column("entry", .text).notNull()
        table.column("inputs", .text).notNull()
        table.column("outputs", .text).notNull()
      }
    }
    // Folders relative to the register's folder (they were absolute): a copied,
    // moved or restored reports folder keeps its register true.
    migrator.registerMigration("v3-relative-folders") { db in
      for row in try Row.fetchAll(db, sql: "SELECT id, folder FROM lieferung") {
        let id: Int64 = row["id"]
        let folder: String = row["folder"]
        try db.execute(
          sql: "UPDATE lieferung SET folder = ? WHERE id = ?",
          arguments: [RegisterPath.relative(folder, to: directory), id])
      }
      for row in try Row.fetchAll(db, sql: "SELECT id, folder, staging, retired, entry FROM ausstehend") {
        let id: Int64 = row["id"]
        var entry: String = row["entry"]
        if var decoded = try? JSONDecoder().decode(Entry.self, from: Data(entry.utf8)) {
          decoded.folder = RegisterPath.relative(decoded.folder, to: directory)
          let encoder = JSONEncoder()
          encoder.outputFormatting = [.sortedKeys]
          entry = String(decoding: try encoder.encode(decoded), as: UTF8.self)
        }
        let paths: [String] = [row["folder"], row["staging"], row["retired"]]
        try db.execute(
          sql: "UPDATE ausstehend SET folder = ?, staging = ?, retired = ?, entry = ? WHERE id = ?",
          arguments: [
            RegisterPath.relative(paths[0], to: directory), RegisterPath.relative(paths[1], to: directory),
            RegisterPath.relative(paths[2], to: directory), entry, id,
          ])
      }
    }
    // The archive beside the register (FileArchive): which entries have their inputs there, and the drafts
    // that newer ones replaced.
    migrator.registerMigration("v4-archiv") { db in
      try db.alter(table: "lieferung") { table in table.add(column: "inputsArchived", .boolean) }
      try db.create(table: "ersetzt") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("grant", .text).notNull()
        table.column("kind", .text).notNull()
        table.column("period", .text).notNull()
        table.column("version", .integer).notNull()
        table.column("created", .text).notNull()
        table.column("replacedBy", .text).notNull()
        table.column("fehler", .integer).notNull()
        table.column("warnungen", .integer).notNull()
        table.column("hinweise", .integer).notNull()
        table.column("correctionReason", .text)
        table.column("needCents", .integer).notNull()
        table.column("files", .text).notNull()
        table.column("changedInputs", .text).notNull()
      }
    }
    return migrator
  }

  /// `folder` as stored: relative to ``directory``.
  func stored(_ folder: String) -> String { RegisterPath.relative(folder, to: directory) }

  /// A stored folder as an absolute path, wherever the register is now.
  func located(_ folder: String) -> String { RegisterPath.absolute(folder, in: directory) }

  private func stored(_ entry: Entry) -> Entry {
    var entry = entry
    entry.folder = stored(entry.folder)
    return entry
  }

  private func located(_ entry: Entry) -> Entry {
    var entry = entry
    entry.folder = located(entry.folder)
    return entry
  }

  private func read<T>(_ body: (Database) throws -> T) throws(Failure) -> T {
    do {
      return try queue.read(body)
    } catch let error as Failure {
      throw error
    } catch {
      throw Failure(path: path, problem: .cannotRead(Self.plainWords(error)))
    }
  }

  /// One transaction: all of `body` is written, or nothing.
  private func write<T>(_ body: (Database) throws -> T) throws(Failure) -> T {
    do {
      try FaultInjection.step(path, .write)
      return try queue.write(body)
    } catch let error as Failure {
      throw error
    } catch {
      throw Failure(path: path, problem: .cannotWrite(Self.plainWords(error)))
    }
  }

  /// The newest version of a report, if any.
  func latest(grant: String, kind: ReportKind, period: String) throws(Failure) -> Entry? {
    try read { db in
      try Entry.filter(Entry.Columns.grant == grant && Entry.Columns.kind == kind && Entry.Columns.period == period)
        .order(Entry.Columns.version.desc).fetchOne(db)
    }.map(located)
  }

  /// The entry whose folder is `folder` (an absolute path with its links resolved).
  func entry(folder: String) throws(Failure) -> Entry? {
    let key = stored(folder)
    return try read { db in
      try Entry.filter(Entry.Columns.folder == key).order(Entry.Columns.version.desc).fetchOne(db)
    }.map(located)
  }

  func files(of entry: Entry, role: FileHash.Role) throws(Failure) -> [FileHash] {
    try read { db in
      try FileHash.filter(FileHash.Columns.deliveryId == entry.id && FileHash.Columns.role == role)
        .order(FileHash.Columns.name).fetchAll(db)
    }
  }

  /// All entries, filtered, ordered by grant, kind, period and version.
  func entries(grant: String? = nil, kind: ReportKind? = nil, period: String? = nil) throws(Failure) -> [Entry] {
    try read { db in
      var request = Entry.all()
      if let grant { request = request.filter(Entry.Columns.grant == grant) }
      if let kind { request = request.filter(Entry.Columns.kind == kind) }
      if let period { request = request.filter(Entry.Columns.period == period) }
      return try request.order(Entry.Columns.grant, Entry.Columns.kind, Entry.Columns.period, Entry.Columns.version)
        .fetchAll(db)
    }.map(located)
  }

  // MARK: Publishing

  /// Records that `entry`'s folder is about to be put in place from
  /// `staging` (the version there moved aside to `retired`), before any of
  /// it happens; ``confirm(_:)`` makes it the entry once it is in place.
  func beginPublishing(
    _ entry: Entry, inputs: [FileHash], outputs: [FileHash], staging: String, retired: String
  ) throws(Failure) -> Pending {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let row: PendingRow
    do {
      row = PendingRow(
        id: nil, folder: stored(entry.folder), staging: stored(staging), retired: stored(retired),
        entry: String(decoding: try encoder.encode(stored(entry)), as: UTF8.self),
        inputs: String(decoding: try encoder.encode(inputs), as: UTF8.self),
        outputs: String(decoding: try encoder.encode(outputs), as: UTF8.self))
    } catch {
      throw Failure(path: path, problem: .damaged("\(error)"))
    }
    let id = try write { db -> Int64? in
      if let existing = try Entry.filter(Entry.Columns.folder == row.folder).fetchOne(db), existing.status != .draft {
        throw Failure(path: path, problem: .submitted(version: entry.version))
      }
      try PendingRow.filter(PendingRow.Columns.folder == row.folder).deleteAll(db)
      var row = row
      try row.insert(db)
      return row.id
    }
    guard let id else { throw Failure(path: path, problem: .damaged("no id for the pending entry")) }
    return Pending(
      id: id, folder: entry.folder, staging: staging, retired: retired, entry: entry, inputs: inputs, outputs: outputs)
  }

  /// The deliveries whose publishing has begun and not been settled.
  func pending() throws(Failure) -> [Pending] {
    let rows = try read { db in try PendingRow.order(PendingRow.Columns.id).fetchAll(db) }
    let decoder = JSONDecoder()
    var result: [Pending] = []
    for row in rows {
      guard let id = row.id,
        let entry = try? decoder.decode(Entry.self, from: Data(row.entry.utf8)),
        let inputs = try? decoder.decode([FileHash].self, from: Data(row.inputs.utf8)),
        let outputs = try? decoder.decode([FileHash].self, from: Data(row.outputs.utf8))
      else { throw Failure(path: path, problem: .damaged("pending entry of \(row.folder)")) }
      result.append(
        Pending(
          id: id, folder: located(row.folder), staging: located(row.staging), retired: located(row.retired),
          entry: located(entry), inputs: inputs, outputs: outputs))
    }
    return result
  }

  /// The folder of `pending` is in place: its entry replaces the one it
  /// had, in the same transaction that removes the pending row.
  @discardableResult
  func confirm(_ pending: Pending) throws(Failure) -> Entry {
    try write { db in
      let entry = try Self.record(
        stored(pending.entry), inputs: pending.inputs, outputs: pending.outputs, in: db, path: path)
      try PendingRow.deleteOne(db, key: pending.id)
      return located(entry)
    }
  }

  /// The folder of `pending` was not put in place: its pending row goes.
  func abandon(_ pending: Pending) throws(Failure) {
    try write { db in _ = try PendingRow.deleteOne(db, key: pending.id) }
  }

  /// Records a written delivery: a new version, or an unsubmitted one replaced.
  @discardableResult
  func record(_ entry: Entry, inputs: [FileHash], outputs: [FileHash]) throws(Failure) -> Entry {
    try write { db in located(try Self.record(stored(entry), inputs: inputs, outputs: outputs, in: db, path: path)) }
  }

  private static func record(
    _ entry: Entry, inputs: [FileHash], outputs: [FileHash], in db: Database, path: String
  ) throws -> Entry {
    var entry = entry
    if let existing = try Entry.filter(
      Entry.Columns.grant == entry.grant && Entry.Columns.kind == entry.kind
        && Entry.Columns.period == entry.period && Entry.Columns.version == entry.version
    ).fetchOne(db) {
      guard existing.status == .draft else {
        throw Failure(path: path, problem: .submitted(version: entry.version))
      }
      entry.id = existing.id
      let previous = try FileHash.filter(FileHash.Columns.deliveryId == existing.id).fetchAll(db)
      let previousInputs = Dictionary(
        previous.filter { $0.role == .input }.map { ($0.name, $0.sha256) }, uniquingKeysWith: { first, _ in first })
      let newInputs = Dictionary(inputs.map { ($0.name, $0.sha256) }, uniquingKeysWith: { first, _ in first })
      var replaced = Replaced(
        id: nil, grant: existing.grant, kind: existing.kind, period: existing.period, version: existing.version,
        created: existing.created, replacedBy: entry.created, fehler: existing.fehler,
        warnungen: existing.warnungen, hinweise: existing.hinweise, correctionReason: existing.correctionReason,
        needCents: existing.needCents, files: previous,
        changedInputs: Set(previousInputs.keys).union(newInputs.keys).filter { previousInputs[$0] != newInputs[$0] }
          .sorted())
      try replaced.insert(db)
      try entry.update(db)
      try FileHash.filter(FileHash.Columns.deliveryId == existing.id).deleteAll(db)
    } else {
      try entry.insert(db)
    }
    guard let id = entry.id else { throw Failure(path: path, problem: .damaged("no id for the new entry")) }
    for var file in inputs + outputs {
      file.deliveryId = id
      try file.insert(db)
    }
    return entry
  }

  /// The drafts that were replaced, filtered, in the order of ``entries(grant:kind:period:)``, oldest first.
  func replaced(grant: String? = nil, kind: ReportKind? = nil, period: String? = nil) throws(Failure) -> [Replaced] {
    try read { db in
      var request = Replaced.all()
      if let grant { request = request.filter(Replaced.Columns.grant == grant) }
      if let kind { request = request.filter(Replaced.Columns.kind == kind) }
      if let period { request = request.filter(Replaced.Columns.period == period) }
      return try request.order(
        Replaced.Columns.grant, Replaced.Columns.kind, Replaced.Columns.period, Replaced.Columns.version,
        Replaced.Columns.id
      ).fetchAll(db)
    }
  }

  /// What the archive must keep: the inputs of every entry and pending
  /// delivery, and the outputs of every replaced draft.
  func archivedHashes() throws(Failure) -> Set<String> {
    let (inputs, replaced) = try read { db in
      (
        try String.fetchAll(
          db, sql: "SELECT DISTINCT sha256 FROM datei WHERE role = ?", arguments: [FileHash.Role.input.rawValue]),
        try Replaced.fetchAll(db)
      )
    }
    var keep = Set(inputs)
    for draft in replaced { keep.formUnion(draft.files.filter { $0.role == .output }.map(\.sha256)) }
    for pending in try pending() { keep.formUnion(pending.inputs.map(\.sha256)) }
    return keep
  }

  /// Marks an entry as submitted.
  func markSubmitted(_ entry: Entry, by: String, at: String, justification: String?) throws(Failure) {
    try write { db in
      var entry = stored(entry)
      entry.status = .submitted
      entry.submittedBy = by
      entry.submittedAt = at
      entry.justification = justification
      try entry.update(db)
    }
  }
}
