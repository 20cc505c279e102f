import Foundation
import Testing

@testable import FundReport

/// `fundreport explain`: every figure traced to its formula, numbers and records.
@Suite struct ExplainTests {
  /// A report of the in-memory scenario, as explain makes it.
  func report(_ scenario: Scenario, kind: ReportKind = .quartalsbericht, period: String, created: String)
    throws -> ExplainedReport
  {
    var export = scenario.export
    // Quelldaten needs a file: the scenario's rows "come from" one.
    export.sourceFiles = [
      SourceFile(
        name: "buchungen.csv", sha256: String(repeating: "0", count: 64), records: 4, encoding: .utf8,
        delimiter: UInt8(ascii: ";"))
    ]
    return try ExplainedReport(
      export: export, grantID: "G", kind: kind, periodID: period,
      created: try #require(Timestamp(iso: created)), need: .zero)
  }

  func text(_ report: ExplainedReport, _ place: String, language: Language = .german) throws -> String {
    let explanation = try report.explanation(of: place)
    return String(
      decoding: ExplainView(report: report, language: language, showsAll: false).figure(explanation, .table),
      as: UTF8.self)
  }

  /// computation.md, "Worked example": A1 and A2 line by line.
  @Test func theWorkedInterestExampleLineByLine() throws {
    var scenario = Scenario()
    scenario.draw("A1", received: "15.01.2024", 100_000)
    scenario.draw("A2", received: "01.06.2024", 50_000)
    scenario.pay("20.02.2024", 50_000)
    scenario.pay("10.04.2024", 30_000)
    scenario.pay("20.06.2024", 40_000)
    scenario.pay("15.09.2024", 50_000)
    let made = try report(scenario, period: "2024-Q3", created: "2024-10-15T06:00:00Z")
    let expected: [String] = [
      "Quartalsbericht 2024-Q3, G, Stichtag 30.09.2024",
      "",
      "Mittel/ZinsenAufgelaufen = 2.616,09 €",
      "Zinsen nach § 49a Abs. 4 VwVfG: Basiszinssatz + 5 Prozentpunkte je Jahr, je Tag 1/365, vom Eingangstag bis "
        + "zum Tag vor der Verwendung (noch nicht verwendet: bis zum Stichtag); je Abruf exakt summiert und einmal "
        + "auf Cent gerundet",
      "ZinsenAufgelaufen = 1.586,55 + 1.029,54 = 2.616,09",
      "",
      "Abruf A1 über 100.000,00 €, eingegangen am 15.01.2024 (mittelabrufe.csv Zeile 2); Verwendungsfrist 2M, "
        + "Fristende 15.03.2024",
      "in der Warteschlange der abgerufenen Mittel von 0,00 bis 100.000,00",
      "     Betrag  verwendet am  Zinstage von  bis         Tage  Zinssatz       Zinsen",
      "  27.000,00  10.04.2024    15.01.2024    09.04.2024    86    8,62 %    548,3737…",
      "  28.000,00  20.06.2024    15.01.2024    19.06.2024   157    8,62 %  1.038,1786…",
      "A1: 27.000,00 × 8,62 % × 86/365 + 28.000,00 × 8,62 % × 157/365 = 548,3737… + 1.038,1786… = 1.586,55",
      "exakt 1.586,5523…, kaufmännisch auf Cent gerundet: 1.586,55 €",
      "",
      "Abruf A2 über 50.000,00 €, eingegangen am 01.06.2024 (mittelabrufe.csv Zeile 3); Verwendungsfrist 2M, "
        + "Fristende 01.08.2024",
      "in der Warteschlange der abgerufenen Mittel von 100.000,00 bis 150.000,00",
      "     Betrag  verwendet am  Zinstage von  bis         Tage  Zinssatz     Zinsen",
      "  42.000,00  15.09.2024    01.06.2024    30.06.2024    30    8,62 %  297,5671…",
      "                           01.07.2024    14.09.2024    76    8,37 %  731,9737…",
      "A2: 42.000,00 × (8,62 % × 30 + 8,37 % × 76)/365 = 1.029,5408… = 1.029,54",
      "exakt 1.029,5408…, kaufmännisch auf Cent gerundet: 1.029,54 €",
    ]
    #expect(try text(made, "Mittel/ZinsenAufgelaufen") == expected.joined(separator: "\n") + "\n")
    // The other figures of the example, each as its formula with the numbers put in.
    let share = try made.explanation(of: "Mittel/BundesanteilKumuliert")
    guard case .formula(let formula) = share.method else {
      Issue.record("BundesanteilKumuliert is no formula")
      return
    }
    #expect(
      FormulaText.calculation(formula, result: share.value)
        == "min(round(170.000,00 × 90,00 %), 100.000.000,00) = 153.000,00")
    #expect(try made.explanation(of: "Mittel/AbgerufenKumuliert").value == .amount(Money(cents: 15_000_000)))
    #expect(try made.explanation(of: "Mittel/Kassenbestand").value == .amount(Money(cents: -300_000)))
  }

  /// computation.md, "Second case": 6W, nothing spent, provisional interest over two rates.
  @Test func theSecondWorkedCaseIsProvisionalOverTwoRates() throws {
    var scenario = Scenario(window: .weeks(6))
    scenario.draw("A1", received: "02.05.2025", 10_000)
    let made = try report(scenario, period: "2025-Q3", created: "2025-10-15T06:00:00Z")
    let lines = try text(made, "Mittel/ZinsenAufgelaufen").split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      Array(lines.suffix(6)) == [
        "     Betrag  verwendet am          Zinstage von  bis         Tage  Zinssatz     Zinsen",
        "  10.000,00  noch nicht verwendet  02.05.2025    30.06.2025    60    7,27 %  119,5068…",
        "                                   01.07.2025    30.09.2025    92    6,27 %  158,0384…",
        "A1: 10.000,00 × (7,27 % × 60 + 6,27 % × 92)/365 = 277,5452… = 277,55",
        "exakt 277,5452…, kaufmännisch auf Cent gerundet: 277,55 €",
        "",
      ])
  }
}
