import Foundation
import Logging
import Testing

@testable import FundReport

/// Submission register, versions, corrections, reproduction.
@Suite(.serialized) struct RegisterTests {
  struct Workspace {
    var root: String
    var input: String { root + "/export" }
    var out: String { root + "/out" }
    var register: String { out + "/register.sqlite" }

    /// A copy of `fixture`; the optional files it lacks are added with their header only (no rows: the same
    /// figures), so that these tests are not about the notes that say an optional file is absent.
    init(from fixture: String = Paths.defect("clean")) throws {
      root = try makeTemporaryDirectory()
      try FileManager.default.copyItem(atPath: fixture, toPath: input)
      let headers = [
        "mittelabrufe.csv": "foerderkennzeichen;abruf_nr;abrufdatum;eingangsdatum;betrag",
        "meilensteine.csv": "foerderkennzeichen;massnahme;meilenstein;bezeichnung;plandatum;istdatum;fortschritt",
        "indikatoren.csv": "foerderkennzeichen;massnahme;indikator;bezeichnung;einheit;zielwert;istwert;stichtag",
        "basiszinssatz.csv": "gueltig_ab;satz",
      ]
      for (name, header) in headers where !FileManager.default.fileExists(atPath: input + "/" + name) {
        try (header + "\r\n").write(toFile: input + "/" + name, atomically: true, encoding: .utf8)
      }
    }

    func report(_ period: String = "2026-Q3", created: String = "2026-10-15T06:00:00Z", correction: String? = nil)
      -> (RunStatus, [String], [String])
    {
      var output: [String] = []
      var errors: [String] = []
      var job = ReportJob(
        kind: .quartalsbericht, inputDirectory: input, periodID: period, grantIDs: nil, outDirectory: out,
        created: Timestamp(iso: created) ?? fixedCreated)
      job.correctionReason = correction
      let status = job.run(report: { output.append($0) }, warn: { errors.append($0) })
      return (status, output, errors)
    }

    var commands: RegisterCommands { RegisterCommands(registerPath: register) }

    func submit(_ folder: String, justification: String? = nil) -> (RunStatus, [String]) {
      var errors: [String] = []
      let status = commands.submit(
        folder: folder, by: "K. Kämmerer", at: fixedCreated, justification: justification, report: { _ in },
        warn: { errors.append($0) })
      return (status, errors)
    }

    func folder(_ version: Int, grant: String = "FKZ-T1") -> String {
      "\(out)/\(grant)/Quartalsbericht_2026-Q3_v\(version)"
    }

    /// Appends a grant booking to the ledger (an input change).
    func changeInputs(_ line: String = "B-9;01.08.2026;05.08.2026;PSP-1;5011000;X;neu;100,00;0,00;100,00") throws {
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: input + "/buchungen.csv"))
      try handle.seekToEnd()
      try handle.write(contentsOf: Data((line + "\r\n").utf8))
      try handle.close()
    }

    func remove() {
      for path in (try? FileManager.default.subpathsOfDirectory(atPath: out)) ?? [] { chmod(out + "/" + path, 0o755) }
      try? FileManager.default.removeItem(atPath: root)
    }
  }

  @Test func regeneratingADraftReplacesItAndRecordsEveryHash() throws {
    let space = try Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    #expect(space.report(created: "2026-10-16T06:00:00Z").0 == .success)
    let register = try Register(path: space.register)
    let entries = try register.entries()
    #expect(entries.count == 1)
    #expect(entries.first?.version == 1)
    #expect(entries.first?.created.description == "2026-10-16T06:00:00Z")
    #expect(entries.first?.status == .draft)
    let entry = try #require(entries.first)
    #expect(
      try register.files(of: entry, role: .input).map(\.name) == [
        "basiszinssatz.csv", "buchungen.csv", "finanzplan.csv", "indikatoren.csv", "kostenobjekte.csv",
        "massnahmen.csv", "meilensteine.csv", "mittelabrufe.csv", "sachkonten.csv", "zuwendung.csv",
      ])
    #expect(try register.files(of: entry, role: .output).count == 5)
    var verified: [String] = []
    #expect(space.commands.verify(folder: space.folder(1), report: { verified.append($0) }, warn: { _ in }) == .success)
    #expect(
      verified == [
        "geprüft: \(space.folder(1)) (Quartalsbericht 2026-Q3 v1, Entwurf); Eingaben: 10 Dateien im Archiv geprüft"
      ])
    var submitted: [String] = []
    #expect(
      space.commands.submit(
        folder: space.folder(1), by: "K. Kämmerer", at: fixedCreated, justification: nil,
        report: { submitted.append($0) }, warn: { _ in }) == .success)
    #expect(submitted == ["eingereicht: \(space.folder(1)) (Quartalsbericht 2026-Q3 v1, von K. Kämmerer)"])
  }

  /// The auditor's path survives archiving: `verify` and `reproduce` of a delivery after the reports folder
  /// (with its register) was copied with `cp -a`, moved, or is reached through a symbolic link.
  @Test(arguments: ["copy", "move", "link"])
  func verifyAndReproduceWorkWhereverTheReportsFolderGoes(how: String) throws {
    let space = try Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    #expect(space.submit(space.folder(1)).0 == .success)
    let archive = space.root + "/archiv"
    switch how {
    case "copy":
      let copy = Process()
      copy.executableURL = URL(fileURLWithPath: "/bin/cp")
      copy.arguments = ["-a", space.out, archive]
      try copy.run()
      copy.waitUntilExit()
      #expect(copy.terminationStatus == 0)
    case "move": try FileManager.default.moveItem(atPath: space.out, toPath: archive)
    default: try FileManager.default.createSymbolicLink(atPath: archive, withDestinationPath: space.out)
    }
    let folder = archive + "/FKZ-T1/Quartalsbericht_2026-Q3_v1"
    let verify = try BinaryRun(["verify", folder])
    #expect(verify.status == 0, "\(verify.stderr)")
    #expect(verify.stdout.hasPrefix("geprüft: "))
    #expect(
      verify.stdout.hasSuffix(
        "Quartalsbericht_2026-Q3_v1 (Quartalsbericht 2026-Q3 v1, eingereicht); Eingaben: 10 Dateien im Archiv geprüft\n"
      ))
    let reproduce = try BinaryRun(["reproduce", folder, "--input", space.input])
    #expect(reproduce.status == 0, "\(reproduce.stderr)")
    #expect(reproduce.stdout.hasSuffix(": alle 5 Dateien Byte für Byte identisch\n"))
    // The register names the folder where it is now, not where it was written.
    let entries = try Register(path: archive + "/register.sqlite", create: false).entries()
    #expect(entries.map(\.folder) == [DeliveryStore.absolutePath(folder)])
  }

  /// A delivery sent on its own (no register beside it) is still checked against its SHA256SUMS and the XSD,
  /// and `verify` says what it could not check; a changed file is found.
  @Test func verifyWithoutARegisterChecksTheChecksumsAndTheXSD() throws {
    let space = try Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    let alone = space.root + "/post/FKZ-T1/Quartalsbericht_2026-Q3_v1"
    try FileManager.default.createDirectory(atPath: space.root + "/post/FKZ-T1", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: space.folder(1), toPath: alone)
    let resolved = try #require(FileSystem.resolved(alone))
    let verify = try BinaryRun(["verify", alone])
    #expect(verify.status == 0, "\(verify.stderr)")
    #expect(
      verify.stdout
        == "geprüft ohne Register: \(resolved): die Dateien stimmen mit SHA256SUMS überein, das XML mit der XSD, "
        + "Quelldaten nennt 10 Dateien der Schnittstelle (ohne Archiv nicht geprüft); Status und Version sind nicht "
        + "geprüft, weil es \(space.root)/post/register.sqlite nicht gibt\n")
    #expect(!FileManager.default.fileExists(atPath: space.root + "/post/register.sqlite"))
    // With the archive beside it (the register lost), the Quelldaten are checked there.
    try FileManager.default.copyItem(
      atPath: space.out + "/register-archiv", toPath: space.root + "/post/register-archiv")
    let withArchive = try BinaryRun(["verify", alone])
    #expect(withArchive.status == 0, "\(withArchive.stderr)")
    #expect(withArchive.stdout.contains("Quelldaten nennt 10 Dateien der Schnittstelle, alle im Archiv geprüft; "))
    let ledger = Delivery.sha256Hex(try FileSystem.readFile(space.input + "/buchungen.csv"))
    try FileManager.default.removeItem(atPath: space.root + "/post/register-archiv/\(ledger).gz")
    let lacking = try BinaryRun(["verify", alone])
    #expect(lacking.status == 65)
    #expect(lacking.stderr == "Fehler: Eingabe: im Archiv fehlt \(ledger).gz\n")
    try FileManager.default.removeItem(atPath: space.root + "/post/register-archiv")
    let csv = alone + "/FKZ-T1_Befunde_2026-Q3_v1.csv"
    try "manipuliert\r\n".write(toFile: csv, atomically: false, encoding: .utf8)
    let changed = try BinaryRun(["verify", alone])
    #expect(changed.status == 65)
    #expect(changed.stderr == "Fehler: FKZ-T1_Befunde_2026-Q3_v1.csv wurde nach dem Erzeugen geändert\n")
  }

  /// `history`'s table, whole, in German and in English.
  @Test func historyListsEveryVersionForPeople() throws {
    let space = try Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    #expect(
      space.commands.submit(
        folder: space.folder(1), by: "K. Kämmerer", at: fixedCreated, justification: nil, report: { _ in },
        warn: { _ in }) == .success)
    #expect(space.report(created: "2026-10-20T08:30:00Z", correction: "Storno B-3 nachgebucht").0 == .success)
    func table(_ language: Language) throws -> [String] {
      var lines: [String] = []
      try RegisterCommands(registerPath: space.register, language: language).history(
        grant: nil, kind: nil, period: nil, json: false, report: { lines.append($0) })
      return lines
    }
    #expect(
      try table(.german) == [
        "Förderkennzeichen  Bericht          Zeitraum  Version  Status       Erstellt              F/W/H  "
          + "eingereicht                       Grund",
        "FKZ-T1             Quartalsbericht  2026-Q3   v1       eingereicht  15.10.2026 06:00 UTC  0/1/0  "
          + "15.10.2026 06:00 UTC K. Kämmerer",
        "FKZ-T1             Quartalsbericht  2026-Q3   v2       Entwurf      20.10.2026 08:30 UTC  0/1/0"
          + String(repeating: " ", count: 36) + "Berichtigung: Storno B-3 nachgebucht",
      ])
    #expect(
      try table(.english) == [
        "Förderkennzeichen  Report           Period   Version  Status     Created               F/W/H  "
          + "submitted                         Reason",
        "FKZ-T1             Quartalsbericht  2026-Q3  v1       submitted  15.10.2026 06:00 UTC  0/1/0  "
          + "15.10.2026 06:00 UTC K. Kämmerer",
        "FKZ-T1             Quartalsbericht  2026-Q3  v2       draft      20.10.2026 08:30 UTC  0/1/0"
          + String(repeating: " ", count: 36) + "correction: Storno B-3 nachgebucht",
      ])
  }

  @Test func submittedReportsAreFrozenAndCorrectedAsNewVersions() throws {
    let space = try Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    #expect(space.submit(space.folder(1)).0 == .success)
    var status = stat()
    #expect(stat(space.folder(1), &status) == 0 && status.st_mode & 0o222 == 0)
    // Without a reason: refused, nothing changes.
    let before = try FileManager.default.contentsOfDirectory(atPath: space.folder(1)).sorted()
    let refused = space.report(created: "2026-10-20T06:00:00Z")
    #expect(refused.0 == .refused)
    #expect(refused.2.first?.hasPrefix("abgelehnt: Quartalsbericht 2026-Q3 v1 von FKZ-T1 wurde am") == true)
    #expect(try FileManager.default.contentsOfDirectory(atPath: space.folder(1)).sorted() == before)
    // With a reason: v2 with Berichtigungsgrund.
    try space.changeInputs()
    let corrected = space.report(created: "2026-10-20T06:00:00Z", correction: "Beleg B-9 nachgebucht")
    #expect(corrected.0 == .success)
    let xml = try String(
      contentsOfFile: space.folder(2) + "/FKZ-T1_Quartalsbericht_2026-Q3_v2.xml", encoding: .utf8)
    #expect(
      xml.contains(
        "<Berichtsversion>2</Berichtsversion>\n    <Berichtigungsgrund>Beleg B-9 nachgebucht</Berichtigungsgrund>"))
    let entries = try Register(path: space.register).entries()
    #expect(entries.map(\.version) == [1, 2])
    #expect(entries.map(\.status) == [.submitted, .draft])
    #expect(entries.first?.submittedBy == "K. Kämmerer")
  }

  /// A correction needs something submitted to correct; a correction that is still a draft takes a new reason,
  /// and keeps the one it has when regenerated without one.
  @Test func correctionsAreRefusedWhereNothingIsSubmittedAndTheirReasonIsKept() throws {
    let space = try Workspace()
    defer { space.remove() }
    let none = space.report(correction: "Storno")
    #expect(none.0 == .usage)
    #expect(none.1.isEmpty)
    #expect(
      none.2 == [
        "Fehler: FKZ-T1: von Quartalsbericht 2026-Q3 ist keine Version eingereicht, also nichts zu berichtigen; "
          + "ohne --correction aufrufen (eine Berichtigung ersetzt nur eine eingereichte Version)"
      ])
    #expect(space.report().0 == .success)
    #expect(space.report(correction: "Storno").0 == .usage)
    #expect(space.submit(space.folder(1)).0 == .success)
    func reason(_ version: Int) throws -> (xml: String?, register: String?) {
      let xml = try String(
        contentsOfFile: space.folder(version) + "/FKZ-T1_Quartalsbericht_2026-Q3_v\(version).xml", encoding: .utf8)
      let element = xml.components(separatedBy: "<Berichtigungsgrund>").dropFirst().first?
        .components(separatedBy: "</Berichtigungsgrund>").first
      let entry = try Register(path: space.register).entries().first { $0.version == version }
      return (element, entry?.correctionReason)
    }
    #expect(space.report(correction: "Storno B-3").0 == .success)
    #expect(try reason(2) == ("Storno B-3", "Storno B-3"))
    #expect(space.report(correction: "Storno B-3 und Nachbuchung B-4").0 == .success)
    #expect(try reason(2) == ("Storno B-3 und Nachbuchung B-4", "Storno B-3 und Nachbuchung B-4"))
    #expect(space.report().0 == .success)
    #expect(try reason(2) == ("Storno B-3 und Nachbuchung B-4", "Storno B-3 und Nachbuchung B-4"))
    #expect(try Register(path: space.register).entries().map(\.version) == [1, 2])
  }

  @Test func fehlerFindingsNeedAJustificationToSubmit() throws {
    let space = try Workspace(from: Paths.defect("konto"))
    defer { space.remove() }
    #expect(space.report().0 == .findingsWithErrors)
    let refused = space.submit(space.folder(1))
    #expect(refused.0 == .refused)
    #expect(
      refused.1 == [
        "abgelehnt: \(space.folder(1)) hat einen Befund der Schwere Fehler; bitte die Daten korrigieren und neu "
          + "erzeugen oder mit --justification \"warum es so eingereicht wird\" einreichen"
      ])
    #expect(try Register(path: space.register).entries().first?.status == .draft)
    #expect(space.submit(space.folder(1), justification: "Konto 6100000 wird im Q4 umgebucht").0 == .success)
    #expect(try Register(path: space.register).entries().first?.justification == "Konto 6100000 wird im Q4 umgebucht")
  }

  @Test func aChangedFileIsNotSubmitted() throws {
    let space = try Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    let csv = space.folder(1) + "/FKZ-T1_Befunde_2026-Q3_v1.csv"
    _ = FileManager.default.createFile(atPath: csv, contents: Data("manipuliert".utf8))
    let result = space.submit(space.folder(1))
    #expect(result.0 == .dataError)
    #expect(result.1.first == "Fehler: FKZ-T1_Befunde_2026-Q3_v1.csv wurde nach dem Erzeugen geändert")
    var errors: [String] = []
    #expect(space.commands.verify(folder: space.folder(1), report: { _ in }, warn: { errors.append($0) }) == .dataError)
  }

  @Test func reproductionIsByteIdenticalFromTheRecordedInputs() throws {
    let space = try Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    #expect(space.submit(space.folder(1)).0 == .success)
    var lines: [String] = []
    #expect(
      space.commands.reproduce(
        folder: space.folder(1), inputDirectory: space.input, options: IngestOptions(), report: { lines.append($0) },
        warn: { lines.append($0) }) == .success)
    #expect(lines == ["reproduziert: \(space.folder(1)): alle 5 Dateien Byte für Byte identisch"])
    try space.changeInputs()
    var errors: [String] = []
    #expect(
      space.commands.reproduce(
        folder: space.folder(1), inputDirectory: space.input, options: IngestOptions(), report: { _ in },
        warn: { errors.append($0) }) == .dataError)
    #expect(errors.first == "Fehler: buchungen.csv unterscheidet sich von der aufgezeichneten Eingabe")
    // A required file missing from the export given: exit 66, as in every command, with the file named.
    try FileManager.default.removeItem(atPath: space.input + "/zuwendung.csv")
    var missing: [String] = []
    #expect(
      space.commands.reproduce(
        folder: space.folder(1), inputDirectory: space.input, options: IngestOptions(), report: { _ in },
        warn: { missing.append($0) }) == .inputMissing)
    #expect(missing == ["\(space.input)/zuwendung.csv: Fehler: die Eingabedatei fehlt; sie ist erforderlich"])
    var diffed: [String] = []
    #expect(
      space.commands.diff(
        old: space.folder(1), new: nil, inputDirectory: space.input, options: IngestOptions(), report: { _ in },
        warn: { diffed.append($0) }) == .inputMissing)
    #expect(diffed == missing)
  }
}

/// `fundreport run`: the nightly batch.
@Suite(.serialized) struct ScheduledRunTests {
  final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var all: [String] { lock.withLock { stored } }
  }

  static func configuration(root: String) throws -> String {
    let path = root + "/fundreport.yaml"
    let text = """
      export: export
      output: out
      jobs:
        - kind: quartalsbericht
          after_days: 15
        - kind: mittelabruf
          day: 15
          bedarf: "1000,00"
      """
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
  }

  static func run(_ config: String, asOf: String = "2026-10-16", verbose: Bool = false) throws -> (RunStatus, [String])
  {
    let lines = Lines()
    let logger = Logger(label: "test") { _ in
      FundReportLogHandler(format: .text, logLevel: verbose ? .info : .warning, sink: { lines.append($0) })
    }
    let configuration = try Configuration.load(path: config)
    let status = ScheduledRun(
      configuration: configuration, configurationPath: config, asOf: try #require(CalendarDate(iso: asOf)),
      created: fixedCreated
    ).run(logger: logger)
    return (status, lines.all)
  }

  /// `report --config` uses the configuration's output folder and register, as `run` does: a correction by
  /// hand lands beside the nightly deliveries, in the same register (one lock), and `run` finds it up to date.
  @Test func aReportByHandWithTheConfigurationWritesWhereTheRunWrites() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    let config = try Self.configuration(root: space.root)
    try (String(contentsOfFile: config, encoding: .utf8) + "\nregister: out/verzeichnis.sqlite\n").write(
      toFile: config, atomically: true, encoding: .utf8)
    let report = try BinaryRun(
      ["report", "quartalsbericht", "--config", config, "--period", "2026-Q3", "--created", "2026-10-16T06:00:00Z"],
      directory: space.root + "/..")
    #expect(report.status == 0, "\(report.stderr)")
    #expect(report.stdout == "\(space.root)/out/FKZ-T1/Quartalsbericht_2026-Q3_v1: 0 Fehler, 1 Warnung, 0 Hinweise\n")
    #expect(try Register(path: space.out + "/verzeichnis.sqlite", create: false).entries().count == 1)
    #expect(!FileManager.default.fileExists(atPath: space.out + "/register.sqlite"))
    let run = try Self.run(config, verbose: true)
    #expect(run.0 == .success)
    #expect(
      run.1.contains { $0.hasPrefix("fundreport: info: aktuell: \(space.root)/out/FKZ-T1/Quartalsbericht_2026-Q3_v1") })
  }

  @Test func aSecondRunIsSilentAndRewritesNothing() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    let config = try Self.configuration(root: space.root)
    let first = try Self.run(config)
    #expect(first.0 == .success)
    #expect(first.1.isEmpty)
    let files = try FileManager.default.subpathsOfDirectory(atPath: space.out).filter { $0.hasSuffix(".xml") }.sorted()
    #expect(
      files == [
        "FKZ-T1/Mittelabruf_2026-10-15_v1/FKZ-T1_Mittelabruf_2026-10-15_v1.xml",
        "FKZ-T1/Quartalsbericht_2026-Q3_v1/FKZ-T1_Quartalsbericht_2026-Q3_v1.xml",
      ])
    let before =
      try FileManager.default.attributesOfItem(atPath: space.out + "/" + files[0])[.modificationDate] as? Date
    let second = try Self.run(config, verbose: true)
    #expect(second.0 == .success)
    // With --verbose the absent optional files are said too, as info.
    let said = second.1.filter { !InputFileTests.isAbsentOptionalNote($0) }
    #expect(said.allSatisfy { $0.hasPrefix("fundreport: info: aktuell: ") })
    #expect(said.count == 2)
    #expect(second.1.filter(InputFileTests.isAbsentOptionalNote).allSatisfy { $0.hasPrefix("fundreport: info: ") })
    let after = try FileManager.default.attributesOfItem(atPath: space.out + "/" + files[0])[.modificationDate] as? Date
    #expect(before == after)
  }

  @Test func changedInputsRegenerateADraftButOnlyWarnForASubmittedReport() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    let config = try Self.configuration(root: space.root)
    #expect(try Self.run(config).0 == .success)
    try space.changeInputs()
    let regenerated = try Self.run(config, verbose: true)
    #expect(regenerated.1.filter { $0.contains(": 0 Fehler") }.count == 2)
    #expect(space.submit(space.folder(1)).0 == .success)
    try space.changeInputs("B-10;01.08.2026;06.08.2026;PSP-1;5011000;X;neu;50,00;0,00;50,00")
    let warned = try Self.run(config)
    #expect(warned.0 == .success)
    #expect(warned.1.count == 2)
    #expect(
      warned.1.first?.contains("seine Eingaben haben sich seitdem geändert: vielleicht ist eine Berichtigung nötig")
        == true)
    // And what a correction would change, figure by figure.
    let figures: [String] = [
      "Finanzen/Position[kostenposition=personal]/IstQuartal: 4.100,00 → 4.150,00 (+50,00)",
      "Finanzen/Position[kostenposition=personal]/IstJahr: 9.100,00 → 9.150,00 (+50,00)",
      "Finanzen/Position[kostenposition=personal]/IstKumuliert: 9.100,00 → 9.150,00 (+50,00)",
      "Finanzen/Position[kostenposition=personal]/Abweichung: -25.900,00 → -25.850,00 (+50,00)",
      "Finanzen/Position[kostenposition=personal]/AuslastungProzent: 26,00 → 26,14 (+0,14)",
    ]
    let expected: String =
      "fundreport: warning: FKZ-T1: eine Berichtigung von Quartalsbericht 2026-Q3 v1 würde 15 Kennzahlen ändern: "
      + figures.joined(separator: "; ")
      + "; … und 10 weitere (alle: fundreport diff ORDNER --input EXPORT) [job=Quartalsbericht 2026-Q3]"
    #expect(warned.1.last == expected)
    #expect(try Register(path: space.register).entries(kind: .quartalsbericht).map(\.version) == [1])
  }

  @Test func aSecondRunWaitsForNoneAndSaysWhoHoldsTheLock() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    let config = try Self.configuration(root: space.root)
    try FileManager.default.createDirectory(atPath: space.out, withIntermediateDirectories: true)
    let lock = try RunLock(path: space.out + "/.fundreport.lock")
    defer { withExtendedLifetime(lock) {} }
    // The real binary, as cron starts it, while this process holds the lock.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Paths.binary)
    process.arguments = ["run", "--config", config, "--as-of", "2026-10-16"]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 75)
    #expect(text.contains("ein anderer fundreport-Lauf (PID \(getpid())) hält die Sperre"))
  }

  @Test func aFailingJobIsLoudWithASummary() throws {
    let space = try RegisterTests.Workspace(from: Paths.defect("bad-date"))
    defer { space.remove() }
    let config = try Self.configuration(root: space.root)
    let (status, lines) = try Self.run(config)
    #expect(status == .dataError)
    #expect(
      lines.first?.hasPrefix("fundreport: error: \(space.input)/buchungen.csv:8:5: Fehler: buchungsdatum") == true)
    #expect(
      lines.contains(
        "fundreport: error: FKZ-T1: 1 Eingabefehler; für diese Zuwendung wurde kein Quartalsbericht geschrieben "
          + "[job=Quartalsbericht 2026-Q3]"))
    #expect(
      lines.last
        == "fundreport: error: 2 Aufträge fehlgeschlagen: Quartalsbericht 2026-Q3 (FKZ-T1): Exit-Code 65; "
        + "Mittelabruf 2026-10-15 (FKZ-T1): Exit-Code 65")
  }

  @Test func aReportByHandWaitsForNoRunningBatch() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    try FileManager.default.createDirectory(atPath: space.out, withIntermediateDirectories: true)
    var lock: RunLock? = try RunLock(path: space.out + "/.fundreport.lock")
    let (status, output, errors) = space.report()
    #expect(status == .temporaryFailure)
    #expect(output.isEmpty)
    #expect(
      errors == [
        "Fehler: ein anderer fundreport-Prozess (PID \(getpid())) hält die Sperre \(space.out)/.fundreport.lock; "
          + "bitte erneut versuchen, wenn er fertig ist"
      ])
    #expect(lock != nil)
    lock = nil
    #expect(space.report().0 == .success)
  }

  /// A process killed after it staged a delivery but before it made the register: the next one removes
  /// the staging folder all the same (found when the kill test ran on a loaded machine).
  @Test func stagingLeftBeforeTheRegisterExistedIsRemoved() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    let staging = space.out + "/FKZ-T1/.tmp-Quartalsbericht_2026-Q3_v1-99999"
    try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
    try Data("halb".utf8).write(to: URL(fileURLWithPath: staging + "/FKZ-T1_Quartalsbericht_2026-Q3_v1.xml"))
    // Another program's folder of the same form of name stays (without a register the folder may not be ours).
    let foreign = space.out + "/Fotos/.tmp-urlaub"
    try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
    #expect(!FileManager.default.fileExists(atPath: space.register))
    #expect(space.report().0 == .success)
    #expect(!FileManager.default.fileExists(atPath: staging))
    #expect(FileManager.default.fileExists(atPath: foreign))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: space.out + "/FKZ-T1") == ["Quartalsbericht_2026-Q3_v1"])
  }

  @Test func aRunKilledAtAnyMomentLeavesNoPartialDelivery() throws {
    let space = try RegisterTests.Workspace(from: Paths.export)
    defer { space.remove() }
    let config = try Self.configuration(root: space.root)
    for attempt in 0..<12 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: Paths.binary)
      process.arguments = [
        "run", "--config", config, "--as-of", "2026-10-16", "--created", "2026-10-16T0\(attempt % 10):00:00Z",
      ]
      process.standardError = FileHandle.nullDevice
      try process.run()
      usleep(UInt32(20_000 + attempt * 23_000))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      try Self.expectOnlyCompleteDeliveries(in: space.out)
      // The register never names a folder that is not there.
      if FileManager.default.fileExists(atPath: space.register) {
        for entry in try Register(path: space.register).entries() {
          #expect(FileManager.default.fileExists(atPath: entry.folder), "\(entry.folder)")
        }
      }
    }
    // A run to the end cleans up what the killed ones left and completes everything.
    let final = try Self.run(config)
    #expect(final.0 == .success)
    try Self.expectOnlyCompleteDeliveries(in: space.out)
    let hidden = try FileManager.default.subpathsOfDirectory(atPath: space.out).filter {
      $0.contains("/.tmp-") || $0.contains("/.old-")
    }
    #expect(hidden.isEmpty)
    // MPSC-2021-WUP-A ended on 30.09.2026: a Mittelabruf with a need is not due for it any more.
    #expect(
      try Register(path: space.register).entries().map { "\($0.kind.rawValue) \($0.grant)" }.sorted() == [
        "Mittelabruf MPSC-2021-WUP-B", "Quartalsbericht MPSC-2021-WUP-A", "Quartalsbericht MPSC-2021-WUP-B",
      ])
  }

  /// Every visible delivery folder is complete: SHA256SUMS lists every other file and matches.
  static func expectOnlyCompleteDeliveries(in out: String) throws {
    let manager = FileManager.default
    guard manager.fileExists(atPath: out) else { return }
    for grant in try manager.contentsOfDirectory(atPath: out)
    where !grant.hasPrefix(".") && !grant.hasSuffix(".sqlite") && grant != "register-archiv" {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: out + "/" + grant, isDirectory: &isDirectory), isDirectory.boolValue else {
        continue
      }
      for folder in try manager.contentsOfDirectory(atPath: out + "/" + grant) where !folder.hasPrefix(".") {
        let path = out + "/" + grant + "/" + folder
        let sums = try String(contentsOfFile: path + "/SHA256SUMS", encoding: .utf8)
        let names = try manager.contentsOfDirectory(atPath: path).filter { $0 != "SHA256SUMS" }.sorted()
        var listed: [String] = []
        for line in sums.split(separator: "\n") {
          let hash = String(line.prefix(64))
          let name = String(line.dropFirst(66))
          listed.append(name)
          let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path + "/" + name)))
          #expect(Delivery.sha256Hex(bytes) == hash, "\(path)/\(name)")
        }
        #expect(listed == names, "\(path)")
      }
    }
  }
}
