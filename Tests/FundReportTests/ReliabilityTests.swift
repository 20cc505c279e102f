import Foundation
import Testing

@testable import FundReport

/// The real binary, run as cron or a controller runs it, with its output in files.
struct BinaryRun {
  var status: Int32
  /// Ended by a signal (the fault seam's SIGKILL) rather than by exit.
  var killed: Bool
  var stdout: String
  var stderr: String

  init(
    _ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
    executable: String = Paths.binary
  ) throws {
    let scratch = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    // The messages' language follows the locale: the tests fix it (German, the default).
    var inherited = ProcessInfo.processInfo.environment
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] { inherited.removeValue(forKey: key) }
    process.environment = inherited.merging(environment) { $1 }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    _ = FileManager.default.createFile(atPath: scratch + "/out", contents: nil)
    _ = FileManager.default.createFile(atPath: scratch + "/err", contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/out"))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/err"))
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    status = process.terminationStatus
    killed = process.terminationReason == .uncaughtSignal
    stdout = (try? String(contentsOfFile: scratch + "/out", encoding: .utf8)) ?? ""
    stderr = (try? String(contentsOfFile: scratch + "/err", encoding: .utf8)) ?? ""
  }
}

/// The register invariant of docs/decisions.md ("The register is true at
/// every instant"), checked from outside: the delivery folders on disk
/// against the register's entries and pending rows.
enum RegisterInvariant {
  /// What breaks the invariant. `settled: false` is the form that holds at
  /// every instant (each folder holds its entry's files or its pending
  /// row's); `settled: true` the form after a command has settled (each
  /// folder exactly its entry's, every visible folder has an entry, nothing
  /// pending, nothing hidden left over).
  static func problems(out: String, settled: Bool) throws -> [String] {
    let manager = FileManager.default
    var visible: [String] = []
    var hidden: [String] = []
    if manager.fileExists(atPath: out) {
      // The archive beside the register is no grant folder; its own invariant is checked below.
      for grant in try manager.contentsOfDirectory(atPath: out).sorted()
      where !grant.hasPrefix(".") && grant != "register-archiv" {
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: out + "/" + grant, isDirectory: &isDirectory), isDirectory.boolValue else {
          continue
        }
        for name in try manager.contentsOfDirectory(atPath: out + "/" + grant).sorted() {
          if name.hasPrefix(".") {
            hidden.append(out + "/" + grant + "/" + name)
          } else {
            visible.append(out + "/" + grant + "/" + name)
          }
        }
      }
    }
    let registerPath = out + "/register.sqlite"
    guard manager.fileExists(atPath: registerPath) else {
      return visible.map { "\($0) is visible, but there is no register" }
    }
    let register = try Register(path: registerPath, create: false)
    let root = try #require(FileSystem.resolved(out))
    let entries = try register.entries()
    let pending = try register.pending()
    var problems: [String] = []
    func holds(_ entry: Register.Entry, _ folder: String) throws -> Bool {
      DeliveryStore.holdsExactly(try register.files(of: entry, role: .output), folder: folder)
    }
    for folder in visible {
      let path = root + folder.dropFirst(out.count)
      let entry = entries.first { $0.folder == path }
      let row = pending.first { $0.folder == path }
      if settled {
        if let entry {
          if try !holds(entry, path) { problems.append("\(path) does not hold its entry's files") }
        } else {
          problems.append("\(path) is visible, but no entry names it")
        }
      } else {
        let ok =
          try (entry.map { try holds($0, path) } ?? false)
          || (row.map { DeliveryStore.holdsExactly($0.outputs, folder: path) } ?? false)
        if !ok { problems.append("\(path) holds neither its entry's nor its pending row's files") }
      }
    }
    for entry in entries where !visible.contains(where: { root + $0.dropFirst(out.count) == entry.folder }) {
      // Between moving the old version aside and renaming the new one in.
      let aside = pending.first { $0.folder == entry.folder }.map { try? holds(entry, $0.retired) } ?? false
      if settled || aside != true { problems.append("\(entry.folder) is in the register but not on disk") }
    }
    // Every input of an entry (or a pending row) that says its inputs are archived is in the archive.
    let archive = FileArchive(registerPath: registerPath)
    for entry in entries where entry.inputsArchived == true {
      for input in try register.files(of: entry, role: .input) where !archive.contains(input.sha256) {
        problems.append("\(entry.folder): its input \(input.name) is not in the archive")
      }
    }
    for row in pending {
      for input in row.inputs where !archive.contains(input.sha256) {
        problems.append("\(row.folder): its pending input \(input.name) is not in the archive")
      }
    }
    if settled {
      problems += pending.map { "\($0.folder) is still pending" }
      problems += hidden.map { "\($0) is left over" }
    }
    return problems
  }
}

/// Kills and write errors at every step of `report` and `run`, fresh and
/// replacing: the register stays true (issue: no delivery lost or changed).
@Suite(.serialized) struct FaultInjectionTests {
  enum Command: String, CaseIterable {
    case report, run
  }

  /// A workspace with the clean one-grant export; `replacing` has the
  /// drafts of an earlier export in place, so every delivery is replaced.
  struct Scenario {
    var root: String
    var snapshot: String
    var out: String { root + "/out" }
    var command: Command

    init(command: Command, replacing: Bool) throws {
      self.command = command
      root = try makeTemporaryDirectory()
      snapshot = root + "/snapshot"
      try FileManager.default.copyItem(atPath: Paths.defect("clean"), toPath: root + "/export")
      try Self.configuration(at: root)
      if replacing {
        let first = try BinaryRun(arguments(created: "2026-10-15T06:00:00Z"))
        #expect(first.status == 0, "\(first.stderr)")
        // A changed ledger: `run` regenerates too.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/export/buchungen.csv"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("B-9;01.08.2026;05.08.2026;PSP-1;5011000;X;neu;100,00;0,00;100,00\r\n".utf8))
        try handle.close()
      }
      if FileManager.default.fileExists(atPath: out) {
        try FileManager.default.copyItem(atPath: out, toPath: snapshot)
      }
    }

    static func configuration(at root: String) throws {
      let text = """
        export: export
        output: out
        jobs:
          - kind: quartalsbericht
          - kind: mittelabruf
            day: 15
            bedarf: "1000,00"
        """
      try text.write(toFile: root + "/fundreport.yaml", atomically: true, encoding: .utf8)
    }

    func arguments(created: String = "2026-10-16T06:00:00Z") -> [String] {
      switch command {
      case .report:
        return [
          "report", "quartalsbericht", "--input", root + "/export", "--period", "2026-Q3", "--out", out,
          "--created", created,
        ]
      case .run:
        return ["run", "--config", root + "/fundreport.yaml", "--as-of", "2026-10-16", "--created", created]
      }
    }

    /// Puts the output folder back as it was before the command.
    func reset() throws {
      for path in (try? FileManager.default.subpathsOfDirectory(atPath: out)) ?? [] { chmod(out + "/" + path, 0o755) }
      try? FileManager.default.removeItem(atPath: out)
      if FileManager.default.fileExists(atPath: snapshot) {
        try FileManager.default.copyItem(atPath: snapshot, toPath: out)
      }
    }

    func remove() {
      for path in (try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? [] { chmod(root + "/" + path, 0o755) }
      try? FileManager.default.removeItem(atPath: root)
    }
  }

  @Test(arguments: Command.allCases, [false, true])
  func aKillAtEveryStepLeavesTheRegisterTrue(command: Command, replacing: Bool) throws {
    let scenario = try Scenario(command: command, replacing: replacing)
    defer { scenario.remove() }
    var step = 1
    var kills = 0
    while step < 500 {
      try scenario.reset()
      let killed = try BinaryRun(scenario.arguments(), environment: ["FUNDREPORT_FAULT": "kill:\(step)"])
      guard killed.killed else {
        #expect(killed.status == 0, "\(killed.stderr)")
        break
      }
      kills += 1
      let atOnce = try RegisterInvariant.problems(out: scenario.out, settled: false)
      #expect(atOnce.isEmpty, "kill at step \(step): \(atOnce)")
      // The next command that opens the output folder settles it: here `verify` of the
      // delivery being replaced (before, it failed with a Foundation error when the kill
      // fell between moving the old version aside and renaming the new one in).
      if command == .report && replacing {
        let verify = try BinaryRun(["verify", scenario.out + "/FKZ-T1/Quartalsbericht_2026-Q3_v1"])
        #expect(verify.status == 0, "kill at step \(step), verify: \(verify.stderr)")
      } else {
        _ = try DeliveryStore(outDirectory: scenario.out, registerPath: nil, mode: .write)
      }
      let afterwards = try RegisterInvariant.problems(out: scenario.out, settled: true)
      #expect(afterwards.isEmpty, "kill at step \(step), settled: \(afterwards)")
      step += 1
    }
    // Every step of writing a delivery was reached: files, syncs, renames, register.
    #expect(kills >= (command == .run ? 35 : 15), "\(kills) steps")
    // And the command then completes.
    let final = try BinaryRun(scenario.arguments())
    #expect(final.status == 0, "\(final.stderr)")
    #expect(try RegisterInvariant.problems(out: scenario.out, settled: true).isEmpty)
  }

  @Test(arguments: Command.allCases, [false, true])
  func aWriteErrorAtEveryStepLeavesTheRegisterTrue(command: Command, replacing: Bool) throws {
    let scenario = try Scenario(command: command, replacing: replacing)
    defer { scenario.remove() }
    let steps = try Self.stepCount(of: scenario)
    var failures = 0
    for step in 1...steps {
      try scenario.reset()
      let failed = try BinaryRun(scenario.arguments(), environment: ["FUNDREPORT_FAULT": "fail:\(step)"])
      #expect(!failed.killed)
      // A failed clean-up of the moved-aside version is not reported (the next command removes it).
      guard failed.stderr.contains("kein Platz mehr auf dem Gerät") else { continue }
      failures += 1
      // The failing command has put everything back itself: nothing to settle.
      #expect([0, 73].contains(failed.status), "fail at step \(step): exit \(failed.status) \(failed.stderr)")
      let problems = try RegisterInvariant.problems(out: scenario.out, settled: true)
        .filter { !$0.hasSuffix("is left over") || !$0.contains("/.old-") }
      #expect(problems.isEmpty, "fail at step \(step): \(problems)")
      let messages = failed.stderr.split(separator: "\n").filter { $0.contains("kein Platz mehr auf dem Gerät") }
      #expect(Set(messages).count == messages.count, "a message printed twice: \(failed.stderr)")
      #expect(!failed.stderr.contains("NSCocoaErrorDomain"))
    }
    #expect(failures >= (command == .run ? 35 : 15), "\(failures) of \(steps) steps")
  }

  /// How many durable steps the command takes: the first step a kill does
  /// not reach, found by doubling and halving.
  static func stepCount(of scenario: Scenario) throws -> Int {
    func reached(_ step: Int) throws -> Bool {
      try scenario.reset()
      return try BinaryRun(scenario.arguments(), environment: ["FUNDREPORT_FAULT": "kill:\(step)"]).killed
    }
    var high = 16
    while try reached(high) { high *= 2 }
    var low = high / 2
    while high - low > 1 {
      let middle = (low + high) / 2
      if try reached(middle) { low = middle } else { high = middle }
    }
    return low
  }
}

/// The reproducers of the reliability issue, one test each.
@Suite(.serialized) struct OutputSafetyTests {
  /// A copy of the clean one-grant export whose grant is renamed, and a second grant added when `second` is given.
  static func export(grant: String, second: String? = nil) throws -> String {
    let root = try makeTemporaryDirectory()
    let input = root + "/export"
    try FileManager.default.copyItem(atPath: Paths.defect("clean"), toPath: input)
    for name in try FileManager.default.contentsOfDirectory(atPath: input) {
      let path = input + "/" + name
      var text = try String(contentsOfFile: path, encoding: .utf8)
      // "\r\n" is one Character: split the lines as strings.
      let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
      var copied: [String] = []
      if let second, name == "zuwendung.csv" || name == "finanzplan.csv" {
        copied = lines.filter { $0.hasPrefix("FKZ-T1;") }.map { second + $0.dropFirst("FKZ-T1".count) }
      }
      text =
        lines.map { $0.replacingOccurrences(of: "FKZ-T1", with: grant) }.joined(separator: "\r\n") + "\r\n"
        + copied.map { $0 + "\r\n" }.joined()
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    return root
  }

  @Test(arguments: [("FKZ/1", "FKZ_1"), ("FKZ\u{A0}T1", "FKZ T1"), ("Ä-1", "_-1")])
  func twoGrantsThatWouldShareAFolderAreAnInputErrorAndNothingIsWritten(first: String, second: String) throws {
    let root = try Self.export(grant: first, second: second)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let run = try BinaryRun([
      "report", "quartalsbericht", "--input", root + "/export", "--period", "2026-Q3", "--out", root + "/out",
      "--created", "2026-10-15T06:00:00Z",
    ])
    #expect(run.status == 65)
    #expect(run.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: root + "/out"))
    let folder = GrantFolder.name(of: first)
    let message =
      "foerderkennzeichen: die Zuwendungen \"\(first)\" (Zeile 2) und \"\(second)\" (Zeile 3) würden beide in den "
      + "Ordner \"\(folder)\" geschrieben (jedes Zeichen außer A-Z a-z 0-9 . _ - wird zu _); bitte einer von ihnen ein "
      + "Förderkennzeichen geben, das sich in diesen Zeichen unterscheidet"
    #expect(run.stderr.contains("\(root)/export/zuwendung.csv:2:1: Fehler: \(message)\n"))
    #expect(run.stderr.contains("\(root)/export/zuwendung.csv:3:1: Fehler: \(message)\n"))
    // check agrees.
    let check = try BinaryRun(["check", "--input", root + "/export", "--as-of", "2026-09-30"])
    #expect(check.status == 65)
  }

  @Test(arguments: [".", ".."])
  func aGrantNamedDotOrDotDotIsAnInputError(grant: String) throws {
    let root = try Self.export(grant: grant)
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(atPath: root + "/reports/out", withIntermediateDirectories: true)
    let run = try BinaryRun([
      "report", "quartalsbericht", "--input", root + "/export", "--period", "2026-Q3", "--out", root + "/reports/out",
    ])
    #expect(run.status == 65)
    #expect(
      run.stderr.hasPrefix(
        "\(root)/export/zuwendung.csv:2:1: Fehler: foerderkennzeichen: \"\(grant)\" kann keinen Lieferordner benennen "
          + "(er hieße \"\(grant)\", wie der Ausgabeordner selbst oder der darüber)\n"))
    #expect(try FileManager.default.subpathsOfDirectory(atPath: root + "/reports") == ["out"])
  }

  @Test func aSymlinkedLockFileIsNeverFollowed() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    try FileManager.default.createDirectory(atPath: space.out, withIntermediateDirectories: true)
    let victim = space.root + "/victim.txt"
    try "keep me".write(toFile: victim, atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: space.out + "/.fundreport.lock", withDestinationPath: victim)
    let (status, output, errors) = space.report()
    #expect(status == .cannotWrite)
    #expect(output.isEmpty)
    #expect(
      errors == [
        "Fehler: \(space.out)/.fundreport.lock: die Sperre kann nicht genommen werden: es ist ein symbolischer Link, "
          + "und fundreport schreibt durch keinen Link, den es nicht selbst angelegt hat"
      ])
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me")
  }

  @Test func aSymlinkedGrantFolderIsNeverWrittenThrough() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    try FileManager.default.createDirectory(atPath: space.out, withIntermediateDirectories: true)
    let elsewhere = space.root + "/elsewhere"
    try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: space.out + "/FKZ-T1", withDestinationPath: elsewhere)
    let (status, _, errors) = space.report()
    #expect(status == .cannotWrite)
    #expect(
      errors == [
        "Fehler: \(space.out)/FKZ-T1: abgelehnt: es ist ein symbolischer Link, und fundreport schreibt durch keinen "
          + "Link, den es nicht selbst angelegt hat"
      ])
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
  }

  @Test func noOutputOfAnyCommandLandsInsideASubmittedDelivery() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    #expect(space.submit(space.folder(1)).0 == .success)
    let xml = space.folder(1) + "/FKZ-T1_Quartalsbericht_2026-Q3_v1.xml"
    let before = try Data(contentsOf: URL(fileURLWithPath: xml))
    let bad = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: bad) }
    try FileManager.default.removeItem(atPath: bad)
    try FileManager.default.copyItem(atPath: Paths.defect("bad-date"), toPath: bad)
    // Run as root, as cron often is: the mode bits would not stop it.
    let check = try BinaryRun(["check", "--input", bad, "--as-of", "2026-09-30", "--errors-csv", xml])
    #expect(check.status == 73)
    #expect(
      check.stderr.hasSuffix(
        "Fehler: \(xml): abgelehnt: es liegt in der Lieferung \(space.folder(1)), und eine Lieferung enthält nur ihre "
          + "eigenen Dateien\n"))
    let report = try BinaryRun([
      "report", "quartalsbericht", "--input", space.input, "--period", "2026-Q2", "--out", space.folder(1),
    ])
    #expect(report.status == 73)
    #expect(
      report.stderr
        == "Fehler: \(space.folder(1)): liegt in der Lieferung \(space.folder(1)); eine Lieferung enthält nur ihre "
        + "eigenen Dateien\n")
    #expect(try Data(contentsOf: URL(fileURLWithPath: xml)) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: space.folder(1)).count == 5)
  }

  @Test(arguments: [
    "9223372036854775807", "-9223372036854775808", "1e17", "253402300800", "-1", "-62135596801", "", " 5",
  ])
  func aSourceDateEpochOutsideTheRangeIsAUsageError(epoch: String) throws {
    let out = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let run = try BinaryRun(
      ["report", "quartalsbericht", "--input", Paths.defect("clean"), "--period", "2026-Q3", "--out", out + "/o"],
      environment: ["SOURCE_DATE_EPOCH": epoch])
    #expect(run.status == 64)
    #expect(
      run.stderr.hasPrefix(
        "Error: SOURCE_DATE_EPOCH=\(epoch) ist keine ganze Zahl von Sekunden von 0 bis 253402300799 "
          + "(1970-01-01T00:00:00Z … 9999-12-31T23:59:59Z)\n"))
    #expect(!FileManager.default.fileExists(atPath: out + "/o"))
  }

  @Test func theEdgesOfTheTimestampRange() throws {
    #expect(Timestamp.sourceDateEpoch("0")?.description == "1970-01-01T00:00:00Z")
    #expect(Timestamp.sourceDateEpoch("253402300799")?.description == "9999-12-31T23:59:59Z")
    #expect(Timestamp(epochSeconds: 253_402_300_800) == nil)
    #expect(Timestamp(epochSeconds: -1) == nil)
    #expect(Timestamp(epochSeconds: .max) == nil)
    #expect(Timestamp(iso: "1969-12-31T23:59:59Z") == nil)
    #expect(Timestamp(iso: "9999-12-31T23:59:59Z")?.description == "9999-12-31T23:59:59Z")
    let run = try BinaryRun([
      "run", "--config", "/nonexistent.yaml", "--created", "1969-12-31T23:59:59Z",
    ])
    #expect(run.status == 64)
    #expect(run.stderr.hasPrefix("Error: --created 1969-12-31T23:59:59Z ist keine UTC-Zeit von 1970-01-01T00:00:00Z"))
  }

  @Test func aMittelabrufWhoseVerwendenBisPassesTheYear9999IsAUsageError() throws {
    let run = try BinaryRun([
      "report", "mittelabruf", "--input", Paths.defect("clean"), "--period", "9999-12-31", "--out", "/nonexistent/o",
      "--created", "2026-10-15T06:00:00Z",
    ])
    #expect(run.status == 64)
    #expect(
      run.stderr.split(separator: "\n").filter { !InputFileTests.isAbsentOptionalNote(String($0)) } == [
        "Fehler: Mittelabruf 9999-12-31: sein VerwendenBis (31.12.9999 plus 2M) liegt nach dem 31.12.9999, den ein "
          + "Datum der Schnittstelle nicht fassen kann"
      ])
  }

  /// `]]>` in every text of the inputs that reaches the XML: escaped, valid, and `check` agrees.
  @Test func textWithTheEndOfACDATAMarkerReachesTheXMLEscaped() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    for name in try FileManager.default.contentsOfDirectory(atPath: space.input) {
      let path = space.input + "/" + name
      let text = try String(contentsOfFile: path, encoding: .utf8)
        .replacingOccurrences(of: "Stadt Teststadt", with: "Stadt ]]> Test")
        .replacingOccurrences(of: "Modellprojekte Smart Cities", with: "MPSC ]]>")
        .replacingOccurrences(of: ";Datenplattform;", with: ";Daten ]]> plattform;")
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    try space.changeInputs("B-9;01.08.2026;05.08.2026;PSP-1;5]]>;X;neu;100,00;0,00;100,00")
    let (status, _, errors) = space.report()
    #expect(status == .findingsWithErrors, "\(errors)")
    let xml = try String(
      contentsOfFile: space.folder(1) + "/FKZ-T1_Quartalsbericht_2026-Q3_v1.xml", encoding: .utf8)
    #expect(xml.contains("<Zuwendungsempfaenger>Stadt ]]&gt; Test</Zuwendungsempfaenger>"))
    #expect(xml.contains("<Programm>MPSC ]]&gt; (KfW 436)</Programm>"))
    #expect(xml.contains("<Bezeichnung>Daten ]]&gt; plattform</Bezeichnung>"))
    #expect(xml.contains("5]]&gt;"))
    #expect(!xml.contains("]]>"))
    let (checked, _, _) = CheckJobTests.check(space.input)
    #expect(checked == .findingsWithErrors)
  }

  @Test func identifiersThatStartLikeAFormulaAreBadValues() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    try space.changeInputs("=HYPERLINK(1);01.08.2026;05.08.2026;PSP-1;5011000;X;neu;100,00;0,00;100,00")
    try space.changeInputs("B-10;01.08.2026;05.08.2026;PSP-1;@5011000;X;neu;100,00;0,00;100,00")
    let (status, output, errors) = space.report()
    #expect(status == .dataError)
    #expect(output.isEmpty)
    let lines = errors.filter { $0.contains("als Formel") }
    #expect(lines.count == 2)
    #expect(
      lines.first?.hasSuffix(
        "Fehler: beleg_nr: \"=HYPERLINK(1)\" beginnt mit \"=\", was eine Tabellenkalkulation als Formel ausführen "
          + "würde; erwartet eine Kennung, die mit einem Buchstaben oder einer Ziffer beginnt") == true)
    #expect(lines.last?.contains("Fehler: sachkonto: \"@5011000\" beginnt mit \"@\"") == true)
    #expect(CheckJobTests.check(space.input).0 == .dataError)
  }
}

/// Exit codes and messages as the README's table says, one message each.
@Suite(.serialized) struct ExitCodeTests {
  static func report(out: String, input: String = Paths.export, register: String? = nil) throws -> BinaryRun {
    try BinaryRun(
      [
        "report", "quartalsbericht", "--input", input, "--period", "2026-Q3", "--out", out, "--created",
        "2026-10-15T06:00:00Z",
      ] + (register.map { ["--register", $0] } ?? []))
  }

  @Test func aDamagedRegisterIsExit73OnceEvenWithTwoGrants() throws {
    let root = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
    try String(repeating: "not a database ", count: 100).write(
      toFile: root + "/out/register.sqlite", atomically: true, encoding: .utf8)
    let run = try Self.report(out: root + "/out")
    #expect(run.status == 73)
    #expect(
      run.stderr
        == "Fehler: \(root)/out/register.sqlite: das Register kann nicht geöffnet werden: die Datei ist beschädigt "
        + "oder kein Register\n")
  }

  @Test func anOutputThatIsAFileADeviceOrTooLongIsExit73() throws {
    let root = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try "x".write(toFile: root + "/file", atomically: true, encoding: .utf8)
    let file = try Self.report(out: root + "/file")
    #expect(file.status == 73)
    #expect(
      file.stderr
        == "Fehler: \(root)/file: dort können keine Lieferungen geschrieben werden: es ist eine Datei, kein Ordner\n")
    let device = try Self.report(out: "/dev/null")
    #expect(device.status == 73)
    #expect(
      device.stderr
        == "Fehler: /dev/null: dort können keine Lieferungen geschrieben werden: es ist eine Datei, kein Ordner\n")
    let long = root + "/" + String(repeating: "a", count: 300) + "/b"
    let tooLong = try Self.report(out: long)
    #expect(tooLong.status == 73)
    #expect(
      tooLong.stderr.hasPrefix(
        "Fehler: \(root)/\(String(repeating: "a", count: 300)): der Ordner kann nicht angelegt "
          + "werden: der Name ist zu lang\n"))
    let inFile = try Self.report(out: root + "/file/below")
    #expect(inFile.status == 73)
    #expect(
      inFile.stderr
        == "Fehler: \(root)/file: der Ordner kann nicht angelegt werden: eine Datei dieses Namens ist im Weg\n"
    )
  }

  /// A read-only output folder: exit 73, one message with the path and the cause. Root may write anywhere, so
  /// the binary runs as `nobody` (setpriv); where the tests do not run as root, there is nothing to test.
  @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
  func aReadOnlyOutputFolderIsExit73WithOneMessage() throws {
    let root = try makeTemporaryDirectory()
    defer {
      chmod(root + "/nur-lesen", 0o755)
      try? FileManager.default.removeItem(atPath: root)
    }
    try FileManager.default.createDirectory(atPath: root + "/nur-lesen", withIntermediateDirectories: false)
    chmod(root, 0o755)
    chmod(root + "/nur-lesen", 0o555)
    let run = try BinaryRun(
      [
        "--reuid=65534", "--regid=65534", "--clear-groups", Paths.binary, "report", "quartalsbericht", "--input",
        Paths.export, "--period", "2026-Q3", "--out", root + "/nur-lesen", "--created", "2026-10-15T06:00:00Z",
      ], executable: "/usr/bin/setpriv")
    #expect(run.status == 73)
    #expect(
      run.stderr
        == "Fehler: \(root)/nur-lesen/.fundreport.lock: die Sperrdatei kann nicht angelegt werden: keine Berechtigung\n"
    )
    #expect(run.stdout.isEmpty)
  }

  @Test func aFailedSubmitLeavesTheDraftAsItWas() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    // The register write fails (as when another process holds it locked, or the disk is full).
    let submit = try BinaryRun(
      ["submit", space.folder(1), "--by", "K. Kämmerer"], environment: ["FUNDREPORT_FAULT": "fail:1"])
    #expect(submit.status == 73)
    #expect(
      submit.stderr
        == "Fehler: \(space.register): das Register kann nicht geschrieben werden: kein Platz mehr auf dem Gerät (die "
        + "Platte ist voll); es wurde nichts eingereicht\n")
    #expect(FileSystem.ownerMayWrite(space.folder(1)))
    #expect(try Register(path: space.register).entries().map(\.status) == [.draft])
    #expect(space.report(created: "2026-10-16T06:00:00Z").0 == .success)
    let again = try BinaryRun(["submit", space.folder(1), "--by", "K. Kämmerer"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(!FileSystem.ownerMayWrite(space.folder(1)))
  }

  @Test func verifyOfAMistypedPathCreatesNothing() throws {
    let root = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let run = try BinaryRun(["verify", root + "/reports/FKZ/Quartalsbericht_2026-Q3_v9"])
    #expect(run.status == 66)
    #expect(run.stderr == "Fehler: \(root)/reports/FKZ/Quartalsbericht_2026-Q3_v9: diesen Ordner gibt es nicht\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
    // A folder that is no delivery, without a register beside it: said, and nothing is created.
    try FileManager.default.createDirectory(atPath: root + "/a/b/c", withIntermediateDirectories: true)
    let unregistered = try BinaryRun(["verify", root + "/a/b/c"])
    #expect(unregistered.status == 65)
    let resolved = try #require(FileSystem.resolved(root + "/a/b/c"))
    #expect(
      unregistered.stderr
        == "Fehler: \(resolved) hat keine lesbare SHA256SUMS-Datei; es ist keine Lieferung von fundreport\n")
    #expect(try FileManager.default.subpathsOfDirectory(atPath: root + "/a").sorted() == ["b", "b/c"])
  }

  @Test func aQuoteInTheHeaderLineIsReportedThereNotAsMissingColumns() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    let path = space.input + "/buchungen.csv"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    try text.replacingOccurrences(of: "beleg_nr;buchungsdatum", with: "beleg_nr;buch\"ungsdatum").write(
      toFile: path, atomically: true, encoding: .utf8)
    let (status, _, errors) = CheckJobTests.check(space.input)
    #expect(status == .dataError)
    #expect(
      errors.prefix(2) == [
        "\(space.input)/buchungen.csv:1:14: Fehler: überzähliges Anführungszeichen: ein Feld, das ein "
          + "Anführungszeichen enthält, muss in Anführungszeichen stehen, das Anführungszeichen verdoppelt",
        "\(space.input)/buchungen.csv:1:14: Fehler: die Kopfzeile kann nicht gelesen werden (siehe den Fehler davor); "
          + "bitte korrigieren, die Zeilen wurden nicht geprüft",
      ])
    #expect(!errors.contains { $0.contains("Pflichtspalte") })
  }

  @Test func loneCarriageReturnLineEndsAreSaidOnce() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    let path = space.input + "/buchungen.csv"
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    var lone: [UInt8] = []
    for (index, byte) in bytes.enumerated() where !(byte == 0x0A && index > 0 && bytes[index - 1] == 0x0D) {
      lone.append(byte == 0x0A ? 0x0D : byte)
    }
    try Data(lone).write(to: URL(fileURLWithPath: path))
    let (status, _, errors) = CheckJobTests.check(space.input)
    #expect(status == .dataError)
    #expect(
      errors == [
        "\(space.input)/buchungen.csv:1:105: Fehler: die Kopfzeile enthält einen Wagenrücklauf (CR), dem kein "
          + "Zeilenvorschub folgt: die Zeilen der Datei enden nur mit CR (ein alter Mac-Export); bitte mit CRLF- oder "
          + "LF-Zeilenenden speichern. Die Datei wurde nicht weiter gelesen"
      ])
  }

  /// A runaway header of a million fields is read (in linear time: `make bench` measures it) and said in one line.
  @Test func aMillionFieldHeaderIsReadAndSaidInOneLine() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    let header = (0..<1_000_000).map { "x\($0 % 500_000)" }.joined(separator: ";")
    try (header + "\r\n1;2\r\n").write(toFile: space.input + "/massnahmen.csv", atomically: true, encoding: .utf8)
    let (status, _, errors) = CheckJobTests.check(space.input)
    #expect(status == .dataError)
    let file = errors.filter { $0.contains("/massnahmen.csv:") }
    let listed: String = (0..<20).map { "\"x\($0)\"" }.joined(separator: ", ")
    let expected: String =
      "\(space.input)/massnahmen.csv:1:1: Fehler: die Pflichtspalte \"foerderkennzeichen\" fehlt; die Kopfzeile "
      + "enthält: \(listed) … und 999980 weitere"
    #expect(file.first == expected)
    #expect(
      file.contains(
        "\(space.input)/massnahmen.csv:1:3888891: Fehler: die Spaltenköpfe \"x0\" und \"x0\" meinen beide die Spalte "
          + "\"x0\""))
    #expect(errors.contains("… und 499980 weitere der Art \"doppelter Spaltenkopf\" (alle: --errors-csv DATEI)"))
  }

  @Test func aYAMLErrorNamesItsPlaceWithoutTheLine() throws {
    let root = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try ("export: " + String(repeating: "x", count: 50_000) + " : y: z\n").write(
      toFile: root + "/fundreport.yaml", atomically: true, encoding: .utf8)
    let run = try BinaryRun(["check", "--config", root + "/fundreport.yaml"])
    #expect(run.status == 64)
    #expect(
      run.stderr
        == "\(root)/fundreport.yaml:1: Fehler: kein gültiges YAML in Spalte 50010: mapping values are not allowed in "
        + "this context\n")
  }

  /// One stray byte in a large UTF-8 ledger: read as Windows-1252 (inputs.md), and said.
  @Test func aUTF8LedgerWithAStrayByteGetsANote() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    try space.changeInputs("B-9;01.08.2026;;PSP-1;5011000;Agentur S\u{FC}d;Zahlung f\u{FC}r M\u{E4}rz;1,00;0,00;1,00")
    let path = space.input + "/buchungen.csv"
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    bytes += Array("B-10;01.08.2026;;PSP-1;5011000;S".utf8) + [0xFF] + Array(";x;1,00;0,00;1,00\r\n".utf8)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    for threshold in [1_000, 8 << 20] {
      var options = IngestOptions()
      options.parallelThreshold = threshold
      options.sniffSize = 256
      let loaded = ExportLoader(directory: space.input, options: options).load()
      #expect(loaded.export.sourceFiles.first { $0.name == "buchungen.csv" }?.encoding == .windows1252)
      #expect(
        loaded.diagnostics.notes.map { $0.text(.english) } == [
          "\(space.input)/buchungen.csv:9:33: note: read as Windows-1252, because the byte 0xFF here is not UTF-8 (the "
            + "only such byte); but 5 other characters are valid UTF-8, so it may be a UTF-8 export with stray bytes, "
            + "whose umlauts now read as \"Ã¼\". Fix the bytes and export again, or set encoding: UTF-8 for the file in "
            + "fundreport.yaml"
        ], "threshold \(threshold)")
    }
    // A real Windows-1252 file gets no note.
    let windows = ExportLoader(directory: Paths.export).load()
    #expect(windows.diagnostics.notes.isEmpty)
  }
}

extension OutputSafetyTests {
  /// Every text column of the small files that a report's XML shows ends in `]]>` (the full fixture
  /// export: measures, milestones, indicators with units, the grants): every report kind is
  /// written and valid, its XML never holds `]]>` as it stands, and `check` agrees.
  @Test func everyTextThatReachesTheXMLMayEndACDATAMarker() throws {
    let root = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let input = root + "/export"
    try FileManager.default.copyItem(atPath: Paths.export, toPath: input)
    let texts = [
      "zuwendung.csv": ["zuwendungsempfaenger", "programm"], "massnahmen.csv": ["bezeichnung"],
      "meilensteine.csv": ["bezeichnung"], "indikatoren.csv": ["bezeichnung", "einheit"],
    ]
    for (name, columns) in texts {
      let path = input + "/" + name
      var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n")
      // Headers as people write them ("Zuwendungsempfänger"): matched after folding, as the reader does.
      let header = lines[0].replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: ";").map {
        HeaderName.fold(String($0))
      }
      let indices = columns.compactMap { header.firstIndex(of: $0) }
      #expect(indices.count == columns.count)
      for row in 1..<lines.count where !lines[row].isEmpty {
        var fields = lines[row].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        for index in indices { fields[index] += " ]]>" }
        lines[row] = fields.joined(separator: ";")
      }
      try lines.joined(separator: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
    let out = root + "/out"
    for (kind, period) in [
      ("quartalsbericht", "2026-Q3"), ("zwischennachweis", "2025"), ("mittelabruf", "2026-10-15"),
    ] {
      let run = try BinaryRun([
        "report", kind, "--input", input, "--period", period, "--out", out, "--created", "2026-10-15T06:00:00Z",
      ])
      #expect([0, 1].contains(run.status), "\(kind): \(run.stderr)")
    }
    var xmlFiles = 0
    for path in try FileManager.default.subpathsOfDirectory(atPath: out) where path.hasSuffix(".xml") {
      let xml = try String(contentsOfFile: out + "/" + path, encoding: .utf8)
      #expect(!xml.contains("]]>"), "\(path)")
      #expect(xml.contains(" ]]&gt;</Zuwendungsempfaenger>"), "\(path)")
      xmlFiles += 1
    }
    #expect(xmlFiles == 6)
    let quarterly = try String(
      contentsOfFile: out
        + "/MPSC-2021-WUP-B/Quartalsbericht_2026-Q3_v1/MPSC-2021-WUP-B_Quartalsbericht_2026-Q3_v1.xml",
      encoding: .utf8)
    #expect(quarterly.contains("<Einheit>Anzahl ]]&gt;</Einheit>"))
    #expect(quarterly.components(separatedBy: "]]&gt;</Bezeichnung>").count > 10)
    let check = try BinaryRun(["check", "--input", input, "--as-of", "2026-09-30"])
    #expect([0, 1].contains(check.status), "\(check.stderr)")
  }
}

/// No input of any size traps: amounts whose sums would leave 64 bits are bad values at the row that crosses
/// the limit (1.000.000.000.000,00 € per grant and file, by magnitude), not an overflow.
@Suite struct AmountLimitTests {
  static let big = "900.000.000.000,00"

  @Test func aLedgerWhoseSumsWouldOverflowIsAnInputError() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    for index in 0..<3 {
      try space.changeInputs("O-\(index);01.08.2026;05.08.2026;PSP-1;5011000;X;y;\(Self.big);0,00;\(Self.big)")
    }
    let run = try BinaryRun(["check", "--input", space.input, "--as-of", "2026-09-30"])
    #expect(run.status == 65)
    #expect(!run.killed)
    let message =
      "Fehler: brutto: die Beträge dieser Zuwendung in dieser Datei ergeben zusammen (dem Betrag nach) mehr als "
      + "1.000.000.000.000,00 €, mehr als fundreport genau summiert; bitte den Export prüfen"
    #expect(run.stderr.split(separator: "\n").filter { $0.hasSuffix(message) }.count == 2)
    #expect(run.stderr.hasPrefix("\(space.input)/buchungen.csv:9:69: Fehler: brutto: die Beträge"))
  }

  @Test func planRowsAndDrawdownsAreCountedToo() throws {
    let space = try RegisterTests.Workspace()
    defer { space.remove() }
    var plan = try String(contentsOfFile: space.input + "/finanzplan.csv", encoding: .utf8)
    plan += "FKZ-T1;M-1;personal;2027;\(Self.big)\r\nFKZ-T1;M-1;personal;2028;\(Self.big)\r\n"
    try plan.write(toFile: space.input + "/finanzplan.csv", atomically: true, encoding: .utf8)
    try
      ("foerderkennzeichen;abruf_nr;abrufdatum;eingangsdatum;betrag\r\n"
      + "FKZ-T1;1;01.02.2026;05.02.2026;\(Self.big)\r\nFKZ-T1;2;01.03.2026;05.03.2026;\(Self.big)\r\n").write(
        toFile: space.input + "/mittelabrufe.csv", atomically: true, encoding: .utf8)
    try "gueltig_ab;satz\r\n01.01.2020;1000000,00\r\n".write(
      toFile: space.input + "/basiszinssatz.csv", atomically: true, encoding: .utf8)
    let run = try BinaryRun(["check", "--input", space.input, "--as-of", "2026-09-30"])
    #expect(run.status == 65)
    #expect(
      run.stderr.contains("finanzplan.csv:") && run.stderr.contains("Fehler: planbetrag: die Beträge dieser Zuwendung"))
    #expect(
      run.stderr.contains("mittelabrufe.csv:3:") && run.stderr.contains("Fehler: betrag: die Beträge dieser Zuwendung"))
    #expect(
      run.stderr.contains(
        "basiszinssatz.csv:2:12: Fehler: satz: 1000000,00 % liegt außerhalb des Bereichs; erwartet mehr als -100 und "
          + "höchstens 100"))
  }

  @Test func aNeedBeyondTheLimitIsAUsageError() throws {
    let run = try BinaryRun([
      "report", "mittelabruf", "--input", Paths.defect("clean"), "--period", "2026-10-15", "--bedarf",
      "9999999999999,99", "--out", "/nonexistent",
    ])
    #expect(run.status == 64)
    #expect(
      run.stderr.hasPrefix(
        "Error: --bedarf 9.999.999.999.999,99 € liegt außerhalb des Bereichs; bitte einen Betrag von 0 bis "
          + "1.000.000.000.000,00 € angeben, wie 120000,00"))
  }
}
