import Foundation
import GRDB
import Testing

@testable import FundReport

/// A register written by the previous release (schema `v1`, before the pending rows) opens, migrates and
/// keeps its entries; the schema it migrates to is the one a new register has.
@Suite struct RegisterMigrationTests {
  /// Exactly what release 051037d wrote (`sqlite3 register.sqlite .schema`, and its one delivery).
  static let previousRelease = """
    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
    INSERT INTO grdb_migrations VALUES ('v1');
    CREATE TABLE "lieferung" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "grant" TEXT NOT NULL, "kind" TEXT NOT NULL, \
    "period" TEXT NOT NULL, "version" INTEGER NOT NULL, "status" TEXT NOT NULL, "created" TEXT NOT NULL, \
    "softwareVersion" TEXT NOT NULL, "folder" TEXT NOT NULL, "fehler" INTEGER NOT NULL, "warnungen" INTEGER NOT NULL, \
    "hinweise" INTEGER NOT NULL, "correctionReason" TEXT, "submittedBy" TEXT, "submittedAt" TEXT, \
    "justification" TEXT, "needCents" INTEGER NOT NULL DEFAULT 0, UNIQUE ("grant", "kind", "period", "version"));
    CREATE TABLE "datei" ("deliveryId" INTEGER NOT NULL REFERENCES "lieferung"("id") ON DELETE CASCADE, \
    "role" TEXT NOT NULL, "name" TEXT NOT NULL, "sha256" TEXT NOT NULL, PRIMARY KEY ("deliveryId", "role", "name"));
    INSERT INTO lieferung VALUES (1, 'FKZ-T1', 'Quartalsbericht', '2026-Q3', 1, 'eingereicht', \
    '2026-10-15T06:00:00Z', '0.9.0', '/srv/reports/FKZ-T1/Quartalsbericht_2026-Q3_v1', 0, 1, 2, NULL, \
    'K. Kämmerer', '2026-10-20T09:00:00Z', NULL, 0);
    INSERT INTO datei VALUES (1, 'ausgabe', 'SHA256SUMS', '\(String(repeating: "a", count: 64))');
    INSERT INTO datei VALUES (1, 'eingabe', 'buchungen.csv', '\(String(repeating: "b", count: 64))');
    """

  static func schema(_ path: String) throws -> [String] {
    try DatabaseQueue(path: path).read { db in
      try String.fetchAll(
        db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name != 'sqlite_sequence' ORDER BY name")
    }
  }

  @Test func aRegisterOfThePreviousReleaseMigratesAndKeepsItsEntries() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let old = directory + "/old.sqlite"
    try DatabaseQueue(path: old).write { try $0.execute(sql: Self.previousRelease) }

    let register = try Register(path: old, create: false)
    let entries = try register.entries()
    #expect(entries.count == 1)
    let entry = try #require(entries.first)
    #expect(entry.kind == .quartalsbericht)
    #expect(entry.status == .submitted)
    #expect(entry.created.description == "2026-10-15T06:00:00Z")
    #expect(entry.submittedBy == "K. Kämmerer")
    #expect((entry.fehler, entry.warnungen, entry.hinweise) == (0, 1, 2))
    #expect(try register.files(of: entry, role: .output).map(\.name) == ["SHA256SUMS"])
    #expect(try register.files(of: entry, role: .input).map(\.name) == ["buchungen.csv"])
    #expect(try register.pending().isEmpty)
    let migrations = try DatabaseQueue(path: old).read { try String.fetchAll($0, sql: "SELECT * FROM grdb_migrations") }
    #expect(migrations == ["v1", "v2-ausstehend", "v3-relative-folders", "v4-archiv"])
    // An entry of the previous release has no archived inputs, and says so.
    #expect(entry.inputsArchived == nil)
    // The absolute folder of the previous release is now stored relative to the register's folder.
    #expect(entry.folder == "/srv/reports/FKZ-T1/Quartalsbericht_2026-Q3_v1")
    let stored = try DatabaseQueue(path: old).read { try String.fetchOne($0, sql: "SELECT folder FROM lieferung") }
    let depth = try #require(FileSystem.resolved(directory)).split(separator: "/").count
    #expect(
      stored == String(repeating: "../", count: depth) + "srv/reports/FKZ-T1/Quartalsbericht_2026-Q3_v1")

    // The same schema as a register made new.
    let new = directory + "/new.sqlite"
    _ = try Register(path: new)
    #expect(
      try Self.schema(old).map { $0.replacingOccurrences(of: "CREATE TABLE IF NOT EXISTS", with: "CREATE TABLE") }
        == Self.schema(new).map { $0.replacingOccurrences(of: "CREATE TABLE IF NOT EXISTS", with: "CREATE TABLE") })
  }

  @Test(arguments: [
    ("/srv/reports/FKZ/Q_v1", "/srv/reports", "FKZ/Q_v1"),
    ("/srv/reports/FKZ/Q_v1", "/srv/register", "../reports/FKZ/Q_v1"),
    ("/srv/reports", "/srv/reports", "."),
    ("/a/b", "/", "a/b"),
    ("FKZ/Q_v1", "/srv/reports", "FKZ/Q_v1"),
  ])
  func foldersAreStoredRelativeToTheRegister(folder: String, directory: String, stored: String) {
    #expect(RegisterPath.relative(folder, to: directory) == stored)
    #expect(RegisterPath.absolute(stored, in: directory) == (folder.hasPrefix("/") ? folder : directory + "/" + folder))
  }

  @Test func anEntryRoundTripsWithTypedValues() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let register = try Register(path: directory + "/r.sqlite")
    let entry = VersionPolicyTests.entry(version: 1, status: .draft)
    try register.record(entry, inputs: [], outputs: [])
    let raw = try DatabaseQueue(path: directory + "/r.sqlite").read { db in
      try Row.fetchOne(db, sql: "SELECT kind, created, status FROM lieferung")
    }
    #expect(raw?["kind"] == "Quartalsbericht")
    #expect(raw?["created"] == "2026-10-15T06:00:00Z")
    #expect(raw?["status"] == "entwurf")
    #expect(try register.latest(grant: "FKZ-T1", kind: .quartalsbericht, period: "2026-Q3")?.version == 1)
  }
}
