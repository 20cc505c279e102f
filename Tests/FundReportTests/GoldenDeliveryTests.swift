import Foundation
import Testing
import XMLSupport

@testable import FundReport

/// The deliveries of the shipped fixtures, compared whole with the files
/// under Golden/. Regenerate them with `UPDATE_GOLDEN=1 swift test` and
/// review the diff like code.
@Suite(.serialized) struct GoldenDeliveryTests {
  static let grants = ["MPSC-2021-WUP-A", "MPSC-2021-WUP-B"]

  struct Job: Sendable, CustomTestStringConvertible {
    var kind: ReportKind
    var period: String
    var grants: [String]
    var need = Money.zero
    var testDescription: String { "\(kind.rawValue) \(period)" }

    func files(grant: String) -> [String] {
      let kinds: [String]
      switch kind {
      case .mittelabruf: kinds = ["Befunde", kind.rawValue]
      default: kinds = ["Befunde", "Belegliste", "Finanzuebersicht", kind.rawValue]
      }
      return kinds.map { "\(grant)_\($0)_\(period)_v1.\($0 == kind.rawValue ? "xml" : "csv")" } + ["SHA256SUMS"]
    }
  }

  static let jobs: [Job] = [
    Job(kind: .quartalsbericht, period: "2026-Q3", grants: grants),
    Job(kind: .zwischennachweis, period: "2025", grants: grants),
    Job(kind: .verwendungsnachweis, period: "gesamt", grants: ["MPSC-2021-WUP-A"]),
    Job(kind: .mittelabruf, period: "2026-10-15", grants: ["MPSC-2021-WUP-B"], need: Money(cents: 12_000_000)),
  ]

  @Test(arguments: jobs)
  func fixturesGiveTheGoldenDeliveries(_ job: Job) throws {
    let out = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    var errors: [String] = []
    let status = ReportJob(
      kind: job.kind, inputDirectory: Paths.export, periodID: job.period, grantIDs: job.grants, outDirectory: out,
      created: fixedCreated, need: job.need
    ).run(report: { _ in }, warn: { errors.append($0) })
    #expect(status == .success, "\(errors)")
    #expect(errors.isEmpty)
    let manager = FileManager.default
    let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
    for grant in job.grants {
      let folder = "\(grant)/\(job.kind.rawValue)_\(job.period)_v1"
      let produced = try manager.contentsOfDirectory(atPath: "\(out)/\(folder)").sorted()
      #expect(produced == job.files(grant: grant))
      for name in produced {
        let actual = try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(folder)/\(name)"))
        let goldenPath = "\(Paths.golden)/\(folder)/\(name)"
        if update {
          try manager.createDirectory(atPath: "\(Paths.golden)/\(folder)", withIntermediateDirectories: true)
          try actual.write(to: URL(fileURLWithPath: goldenPath))
        }
        let expected = try Data(contentsOf: URL(fileURLWithPath: goldenPath))
        #expect(actual == expected, "\(name) differs from \(goldenPath)")
      }
      let xmlName = job.files(grant: grant).first { $0.hasSuffix(".xml") } ?? ""
      let xml = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(out)/\(folder)/\(xmlName)")))
      try ReportGenerator(export: Export()).schema.validate(xml, documentName: xmlName)
      // An independent second opinion where libxml2's command line tool is installed (CI installs it).
      if FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = [
          "--noout", "--nonet", "--schema", Paths.root + "/Sources/FundReport/Resources/mpsc-berichte-1.0.xsd",
          "\(out)/\(folder)/\(xmlName)",
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "xmllint rejects \(xmlName)")
      }
    }
  }

  @Test func sameInputAndErstelltGiveByteIdenticalDeliveries() throws {
    let first = try makeTemporaryDirectory()
    let second = try makeTemporaryDirectory()
    defer {
      try? FileManager.default.removeItem(atPath: first)
      try? FileManager.default.removeItem(atPath: second)
    }
    #expect(runQuarterly(input: Paths.export, out: first).status == .success)
    #expect(runQuarterly(input: Paths.export, out: second).status == .success)
    // And a third run over the first replaces v1 whole, with the same bytes.
    #expect(runQuarterly(input: Paths.export, out: first).status == .success)
    for grant in Self.grants {
      let folder = "\(grant)/Quartalsbericht_2026-Q3_v1"
      let names = try FileManager.default.contentsOfDirectory(atPath: "\(first)/\(folder)").sorted()
      #expect(names.count == 5)
      for name in names {
        #expect(
          FileManager.default.contentsEqual(
            atPath: "\(first)/\(folder)/\(name)", andPath: "\(second)/\(folder)/\(name)"))
      }
      let leftovers = try FileManager.default.contentsOfDirectory(atPath: "\(first)/\(grant)")
      #expect(leftovers == ["Quartalsbericht_2026-Q3_v1"])
    }
  }

  @Test func everyDeliveryPassesTheInterfaceXSDAndItsChecksums() throws {
    let out = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    #expect(runQuarterly(input: Paths.export, out: out).status == .success)
    let loaded = ExportLoader(directory: Paths.export).load()
    let generator = try ReportGenerator(export: loaded.export)
    for grant in Self.grants {
      let folder = "\(out)/\(grant)/Quartalsbericht_2026-Q3_v1"
      let xml = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(grant)_Quartalsbericht_2026-Q3_v1.xml")))
      try generator.schema.validate(xml, documentName: "report.xml")
      let sums = try String(contentsOfFile: "\(folder)/SHA256SUMS", encoding: .utf8)
      var lines = 0
      for line in sums.split(separator: "\n") {
        let parts = line.split(separator: " ", maxSplits: 1)
        let name = String(parts[1].dropFirst())
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)")))
        #expect(String(parts[0]) == Delivery.sha256Hex(bytes))
        lines += 1
      }
      #expect(lines == 4)
    }
  }

  @Test func aReadOnlyDeliveryIsNeverReplaced() throws {
    let out = try makeTemporaryDirectory()
    defer {
      _ = chmod("\(out)/FKZ-T1/Quartalsbericht_2026-Q3_v1", 0o755)
      try? FileManager.default.removeItem(atPath: out)
    }
    #expect(runQuarterly(input: Paths.defect("clean"), out: out).status == .success)
    let folder = "\(out)/FKZ-T1/Quartalsbericht_2026-Q3_v1"
    let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(chmod(folder, 0o555) == 0)
    let again = runQuarterly(input: Paths.defect("konto"), out: out)
    #expect(again.status == .cannotWrite)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: "\(out)/FKZ-T1") == ["Quartalsbericht_2026-Q3_v1"])
  }
}
