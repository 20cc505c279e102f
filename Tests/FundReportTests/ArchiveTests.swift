import Foundation
import Testing

@testable import FundReport

/// The archive beside the register (docs/decisions.md, "The archive"): every registered delivery's inputs,
/// once each by their SHA-256, as gzip files any gunzip reads; `reproduce` needs no export; what no delivery
/// needs any more goes; every replaced draft is traced.
@Suite(.serialized) struct ArchiveTests {
  typealias Workspace = RegisterTests.Workspace

  static func archived(_ space: Workspace) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: space.out + "/register-archiv").sorted()
  }

  static func inputHashes(_ space: Workspace) throws -> [String] {
    let register = try Register(path: space.register, create: false)
    return try register.entries().flatMap { try register.files(of: $0, role: .input).map(\.sha256) }
  }

  @Test func eachInputIsKeptOnceAsAGzipFileNamedByItsHash() throws {
    let space = try Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    // A second report of the same export (another period) stores nothing new.
    #expect(space.report("2026-Q2").0 == .success)
    let names = try Self.archived(space)
    let inputs = Set(try Self.inputHashes(space))
    #expect(inputs.count == 10)
    #expect(Set(names) == Set(inputs.map { $0 + ".gz" }))
    // Standard gzip: the system's gunzip reads it back to the bytes of the export file.
    let ledger = try #require(
      try FileManager.default.contentsOfDirectory(atPath: space.input).first { $0 == "buchungen.csv" })
    let bytes = try FileSystem.readFile(space.input + "/" + ledger)
    let hash = Delivery.sha256Hex(bytes)
    let gunzip = Process()
    gunzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
    gunzip.arguments = ["-dc", space.out + "/register-archiv/" + hash + ".gz"]
    let pipe = Pipe()
    gunzip.standardOutput = pipe
    try gunzip.run()
    let unpacked = pipe.fileHandleForReading.readDataToEndOfFile()
    gunzip.waitUntilExit()
    #expect(gunzip.terminationStatus == 0)
    #expect([UInt8](unpacked) == bytes)
  }

  @Test func reproduceNeedsNoExportAndWorksAfterItWasDeletedAndTheReportsMoved() throws {
    let space = try Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    try FileManager.default.removeItem(atPath: space.input)
    try FileManager.default.moveItem(atPath: space.out, toPath: space.root + "/archiv")
    let folder = space.root + "/archiv/FKZ-T1/Quartalsbericht_2026-Q3_v1"
    let reproduce = try BinaryRun(["reproduce", folder])
    #expect(reproduce.status == 0, "\(reproduce.stderr)")
    #expect(reproduce.stdout == "reproduziert aus dem Archiv: \(folder): alle 5 Dateien Byte für Byte identisch\n")
    #expect(reproduce.stderr.isEmpty)
    let verify = try BinaryRun(["verify", folder])
    #expect(verify.status == 0)
    #expect(
      verify.stdout
        == "geprüft: \(folder) (Quartalsbericht 2026-Q3 v1, Entwurf); Eingaben: 10 Dateien im Archiv geprüft\n")
  }

  @Test func aDamagedOrMissingArchivedInputFailsVerifyAndReproduce() throws {
    let space = try Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    let ledger = Delivery.sha256Hex(try FileSystem.readFile(space.input + "/buchungen.csv"))
    let path = space.out + "/register-archiv/" + ledger + ".gz"
    var bytes = try FileSystem.readFile(path)
    bytes[bytes.count / 2] ^= 0xFF
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let folder = space.folder(1)
    let verify = try BinaryRun(["verify", folder])
    #expect(verify.status == 65)
    #expect(
      verify.stderr
        == "Fehler: Eingabe: \(path): die archivierte Datei ist beschädigt (kein gzip-Strom, oder ihr Inhalt hat "
        + "nicht den SHA-256 ihres Namens)\n")
    let reproduce = try BinaryRun(["reproduce", folder])
    #expect(reproduce.status == 65)
    try FileManager.default.removeItem(atPath: path)
    let missing = try BinaryRun(["verify", folder])
    #expect(missing.status == 65)
    #expect(missing.stderr == "Fehler: Eingabe: im Archiv fehlt \(ledger).gz\n")
  }

  @Test func aReplacedDraftsInputsGoUnlessAnotherDeliveryHasThemAndTheDraftIsTraced() throws {
    let space = try Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    let oldLedger = Delivery.sha256Hex(try FileSystem.readFile(space.input + "/buchungen.csv"))
    try space.changeInputs()
    #expect(space.report(created: "2026-10-16T06:00:00Z").0 == .success)
    let newLedger = Delivery.sha256Hex(try FileSystem.readFile(space.input + "/buchungen.csv"))
    let names = Set(try Self.archived(space))
    #expect(!names.contains(oldLedger + ".gz"))
    #expect(names.contains(newLedger + ".gz"))
    // The replaced draft's XML, Finanzuebersicht, Befunde and SHA256SUMS stay (its figures), not its Belegliste.
    let register = try Register(path: space.register, create: false)
    let replaced = try #require(try register.replaced().first)
    #expect(replaced.changedInputs == ["buchungen.csv"])
    #expect(replaced.created == fixedCreated)
    let kept = replaced.files.filter { $0.role == .output && !$0.name.contains("_Belegliste_") }
    #expect(kept.count == 4)
    for file in kept { #expect(names.contains(file.sha256 + ".gz"), "\(file.name)") }
    #expect(names.count == 10 + Set(kept.map(\.sha256)).count)
    // Both drafts in history, the replaced one first, with when and what changed.
    var lines: [String] = []
    try space.commands.history(grant: nil, kind: nil, period: nil, json: false) { lines.append($0) }
    #expect(
      lines == [
        "Förderkennzeichen  Bericht          Zeitraum  Version  Status   Erstellt              F/W/H  eingereicht  Grund",
        "FKZ-T1             Quartalsbericht  2026-Q3   v1       ersetzt  15.10.2026 06:00 UTC  0/1/0               "
          + "ersetzt am 16.10.2026 06:00 UTC; geänderte Eingaben: buchungen.csv",
        "FKZ-T1             Quartalsbericht  2026-Q3   v1       Entwurf  16.10.2026 06:00 UTC  0/1/0",
      ])
    // In JSON: the replaced draft with its columns and status `ersetzt`, then the entry.
    var json: [String] = []
    try space.commands.history(grant: nil, kind: nil, period: nil, json: true) { json.append($0) }
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(json.joined().utf8)) as? [[String: Any]])
    #expect(rows.map { $0["status"] as? String } == ["ersetzt", "entwurf"])
    #expect(rows.first?["replacedBy"] as? String == "2026-10-16T06:00:00Z")
    #expect(rows.first?["changedInputs"] as? [String] == ["buchungen.csv"])
  }

  @Test func aDeliveryOlderThanTheArchiveSaysSoAndReproduceAsksForTheExport() throws {
    let space = try Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    let register = try Register(path: space.register, create: false)
    var entry = try #require(try register.entries().first)
    entry.inputsArchived = nil
    _ = try register.record(
      entry, inputs: try register.files(of: entry, role: .input), outputs: try register.files(of: entry, role: .output))
    let folder = space.folder(1)
    let verify = try BinaryRun(["verify", folder])
    #expect(verify.status == 0)
    #expect(verify.stdout.hasSuffix("; Eingaben: nicht im Archiv (die Lieferung ist älter als das Archiv)\n"))
    let reproduce = try BinaryRun(["reproduce", folder])
    #expect(reproduce.status == 66)
    #expect(
      reproduce.stderr
        == "Fehler: die Eingaben von \(folder) sind nicht im Archiv (die Lieferung ist älter als das Archiv); "
        + "reproduce braucht --input mit dem Export, aus dem sie erzeugt wurde\n")
    #expect(try BinaryRun(["reproduce", folder, "--input", space.input]).status == 0)
  }

  @Test func aFileThatChangesWhileItIsArchivedIsNotArchived() throws {
    let root = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try "neu\n".write(toFile: root + "/datei.csv", atomically: true, encoding: .utf8)
    let archive = FileArchive(registerPath: root + "/register.sqlite")
    #expect(archive.directory == root + "/register-archiv")
    #expect(throws: FileArchive.Failure.changedWhileRead(path: root + "/datei.csv")) {
      try archive.store(root + "/datei.csv", sha256: String(repeating: "0", count: 64))
    }
    #expect(try archive.hashes().isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: archive.directory).isEmpty)
    // An empty file, and a stored one found again.
    try "".write(toFile: root + "/leer.csv", atomically: true, encoding: .utf8)
    let empty = Delivery.sha256Hex([])
    #expect(try archive.store(root + "/leer.csv", sha256: empty))
    #expect(try !archive.store(root + "/leer.csv", sha256: empty))
    #expect(archive.check(empty) == nil)
    #expect(try archive.prune(keeping: []) == [empty])
  }
}
