import Foundation
import FundReportFuzzing
import Testing

/// The fuzz target over the committed seed corpus (and whatever `make fuzz`
/// found and was added to it): what libFuzzer checks, checked by every `make test`.
@Suite struct FuzzCorpusTests {
  static let corpus = Paths.root + "/Fuzz/corpus"

  @Test func everySeedHoldsTheTargetsPromises() throws {
    let harness = try ExportFuzzing(fixture: Paths.defect("clean"))
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus).sorted()
    #expect(names.count >= 40)
    for name in names {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.corpus + "/" + name)))
      do {
        try harness.run(bytes)
      } catch {
        Issue.record("\(name): \(error)")
      }
    }
  }

}
