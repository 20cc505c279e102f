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

  init(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil) throws {
    let scratch = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Paths.binary)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
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
      for grant in try manager.contentsOfDirectory(atPath: out).sorted() where !grant.hasPrefix(".") {
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
      // The next command that opens the output folder settles it.
      _ = try DeliveryStore(outDirectory: scenario.out, registerPath: nil, mode: .write)
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
      guard failed.stderr.contains("No space left on device") else { continue }
      failures += 1
      // The failing command has put everything back itself: nothing to settle.
      #expect([0, 73].contains(failed.status), "fail at step \(step): exit \(failed.status) \(failed.stderr)")
      let problems = try RegisterInvariant.problems(out: scenario.out, settled: true)
        .filter { !$0.hasSuffix("is left over") || !$0.contains("/.old-") }
      #expect(problems.isEmpty, "fail at step \(step): \(problems)")
      let messages = failed.stderr.split(separator: "\n").filter { $0.contains("No space left on device") }
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
