import Foundation
import GRDB

/// The submission register: every delivery fundreport wrote, its status,
/// and the SHA-256 of every input and output file, in an SQLite database.
///
/// A delivery is recorded after its folder is in place, in one transaction,
/// so the register never points at a folder that is missing or half-written.
public final class Register: Sendable {
  public enum Status: String, Codable, Sendable {
    case draft = "entwurf"
    case submitted = "eingereicht"
  }

  /// One delivery.
  public struct Entry: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "lieferung"
    public var id: Int64?
    public var grant: String
    public var kind: String
    public var period: String
    public var version: Int
    public var status: Status
    /// Erstellt, as written in the report.
    public var created: String
    public var softwareVersion: String
    /// The delivery folder's absolute path.
    public var folder: String
    public var fehler: Int
    public var warnungen: Int
    public var hinweise: Int
    public var correctionReason: String?
    public var submittedBy: String?
    public var submittedAt: String?
    public var justification: String?
    /// For `bedarf` of a Mittelabruf, in cents.
    public var needCents: Int64

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
  }

  /// An input or output file of a delivery.
  public struct FileHash: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "datei"
    public enum Role: String, Codable, Sendable {
      case input = "eingabe"
      case output = "ausgabe"
    }
    public var deliveryId: Int64
    public var role: Role
    public var name: String
    public var sha256: String
  }

  /// The register could not be opened or written.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
  }

  public let path: String
  private let queue: DatabaseQueue

  /// Opens (and creates or migrates) the register at `path`.
  public init(path: String) throws(Failure) {
    self.path = path
    do {
      let directory = (path as NSString).deletingLastPathComponent
      if !directory.isEmpty {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      }
      var configuration = GRDB.Configuration()
      configuration.busyMode = .timeout(10)
      queue = try DatabaseQueue(path: path, configuration: configuration)
      try Self.migrator.migrate(queue)
    } catch {
      throw Failure(path: path, message: "cannot open the register: \(error)")
    }
  }

  /// The schema, from its first version on.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.create(table: Entry.databaseTableName) { table in
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
      try db.create(table: FileHash.databaseTableName) { table in
        table.column("deliveryId", .integer).notNull().references(Entry.databaseTableName, onDelete: .cascade)
        table.column("role", .text).notNull()
        table.column("name", .text).notNull()
        table.column("sha256", .text).notNull()
        table.primaryKey(["deliveryId", "role", "name"])
      }
    }
    return migrator
  }

  private func read<T>(_ body: (Database) throws -> T) throws(Failure) -> T {
    do {
      return try queue.read(body)
    } catch {
      throw Failure(path: path, message: "cannot read the register: \(error)")
    }
  }

  private func write<T>(_ body: (Database) throws -> T) throws(Failure) -> T {
    do {
      return try queue.write(body)
    } catch {
      throw Failure(path: path, message: "cannot write the register: \(error)")
    }
  }

  /// The newest version of a report, if any.
  public func latest(grant: String, kind: ReportKind, period: String) throws(Failure) -> Entry? {
    try read { db in
      try Entry.filter(Column("grant") == grant && Column("kind") == kind.rawValue && Column("period") == period)
        .order(Column("version").desc).fetchOne(db)
    }
  }

  /// The entry whose folder is `folder` (an absolute path).
  public func entry(folder: String) throws(Failure) -> Entry? {
    try read { db in try Entry.filter(Column("folder") == folder).order(Column("version").desc).fetchOne(db) }
  }

  public func files(of entry: Entry, role: FileHash.Role) throws(Failure) -> [FileHash] {
    try read { db in
      try FileHash.filter(Column("deliveryId") == entry.id && Column("role") == role.rawValue)
        .order(Column("name")).fetchAll(db)
    }
  }

  /// All entries, filtered, ordered by grant, kind, period and version.
  public func entries(grant: String? = nil, kind: String? = nil, period: String? = nil) throws(Failure) -> [Entry] {
    try read { db in
      var request = Entry.all()
      if let grant { request = request.filter(Column("grant") == grant) }
      if let kind { request = request.filter(Column("kind") == kind) }
      if let period { request = request.filter(Column("period") == period) }
      return try request.order(Column("grant"), Column("kind"), Column("period"), Column("version")).fetchAll(db)
    }
  }

  /// Records a written delivery: a new version, or an unsubmitted one replaced.
  @discardableResult
  public func record(_ entry: Entry, inputs: [FileHash], outputs: [FileHash]) throws(Failure) -> Entry {
    try write { db in
      var entry = entry
      if let existing = try Entry.filter(
        Column("grant") == entry.grant && Column("kind") == entry.kind && Column("period") == entry.period
          && Column("version") == entry.version
      ).fetchOne(db) {
        guard existing.status == .draft else {
          throw Failure(path: path, message: "version \(entry.version) is submitted and cannot be replaced")
        }
        entry.id = existing.id
        try entry.update(db)
        try FileHash.filter(Column("deliveryId") == existing.id).deleteAll(db)
      } else {
        try entry.insert(db)
      }
      guard let id = entry.id else { throw Failure(path: path, message: "no id for the new entry") }
      for var file in inputs + outputs {
        file.deliveryId = id
        try file.insert(db)
      }
      return entry
    }
  }

  /// Marks an entry as submitted.
  public func markSubmitted(_ entry: Entry, by: String, at: String, justification: String?) throws(Failure) {
    try write { db in
      var entry = entry
      entry.status = .submitted
      entry.submittedBy = by
      entry.submittedAt = at
      entry.justification = justification
      try entry.update(db)
    }
  }
}
