import Foundation
import Testing

@testable import FundReport

/// Each set under fixtures/defects/ plants one defect in a small export.
@Suite struct DefectFixtureTests {
  static func finding(_ rule: RuleID, in name: String) throws -> Finding? {
    try quarterlyFindings(input: Paths.defect(name)).first { $0.rule == rule }
  }

  static let ledger = "buchungen.csv"

  @Test func cleanExportHasExactFigures() throws {
    let loaded = ExportLoader(directory: Paths.defect("clean")).load()
    #expect(loaded.diagnostics.errors.isEmpty)
    let export = loaded.export
    let grant = try #require(export.grants["FKZ-T1"])
    let ledger = GrantLedger(grant: grant, export: export)
    let period = try ReportPeriod.resolve(kind: .quartalsbericht, id: "2026-Q3", grant: grant)
    let figures = try GrantFigures(ledger: ledger, period: period.interval, baseRates: export.baseRates)
    #expect(figures.total.planTotal == Money(cents: 5_000_000))
    #expect(figures.total.planYear == Money(cents: 4_500_000))
    #expect(figures.total.actualPeriod == Money(cents: 638_000))
    #expect(figures.total.actualCumulative == Money(cents: 1_257_000))
    #expect(figures.total.utilization == Hundredths(2_514))
    #expect(figures.byCostItem["auftraege"]?.actualCumulative == Money(cents: 357_000))
    #expect(figures.byMeasure["M-2"]?.actualPeriod == Money(cents: 638_000))
    #expect(ledger.federalShare(at: period.stichtag) == Money(cents: 817_050))
    #expect(export.outOfScopeDefects.count == 0)
    #expect(export.outOfScopeDefects.rowsRead == 5)
    let findings = try quarterlyFindings(input: Paths.defect("clean"))
    #expect(findings.map(\.rule) == [.mittelverfall])
    #expect(findings.first?.amount == Money(cents: 3_243_000))
  }

  @Test func kontoFindsTheRowWithoutAccountPrefix() throws {
    let finding = try #require(try Self.finding(.konto, in: "konto"))
    #expect(finding.severity == .fehler)
    #expect(finding.amount == Money(cents: 11_900))
    #expect(finding.places == [SourcePlace(file: Self.ledger, line: 8)])
    #expect(finding.legalReference == "Finanzierungsplan")
    #expect(
      finding.message
        == "1 Buchung über 119,00 € brutto auf Sachkonten ohne Zuordnung zu einer Kostenposition (6100000). "
        + "Sachkonten in sachkonten.csv zuordnen oder die Buchungen umbuchen.")
  }

  @Test func unknownCostItemIsAnError() throws {
    let finding = try #require(try Self.finding(.positionUnbekannt, in: "position-unbekannt"))
    #expect(finding.severity == .fehler)
    #expect(finding.amount == Money(cents: 11_900))
    #expect(finding.places == [SourcePlace(file: Self.ledger, line: 8)])
    #expect(finding.message.contains("(sachausgaben)"))
  }

  @Test func paymentBeforeTheGrantPeriodIsNotEligible() throws {
    let finding = try #require(try Self.finding(.zeitraum, in: "zeitraum"))
    #expect(finding.severity == .warnung)
    #expect(finding.amount == Money(cents: 30_000))
    #expect(finding.places == [SourcePlace(file: Self.ledger, line: 8)])
  }

  @Test func grossThatIsNotNetPlusVAT() throws {
    let finding = try #require(try Self.finding(.summe, in: "summe"))
    #expect(finding.severity == .fehler)
    #expect(finding.amount == nil)
    #expect(finding.places == [SourcePlace(file: Self.ledger, line: 8)])
  }

  @Test func duplicateVoucherListsBothRows() throws {
    let findings = try quarterlyFindings(input: Paths.defect("doppelt")).filter { $0.rule == .doppelt }
    #expect(findings.count == 1)
    #expect(findings.first?.amount == Money(cents: 119_000))
    #expect(
      findings.first?.places == [SourcePlace(file: Self.ledger, line: 3), SourcePlace(file: Self.ledger, line: 8)])
  }

  @Test func unpaidRowsAreCountedWithoutPlaces() throws {
    let finding = try #require(try Self.finding(.offen, in: "offen"))
    #expect(finding.severity == .hinweis)
    #expect(finding.amount == Money(cents: 59_500))
    #expect(finding.places.isEmpty)
    #expect(finding.legalReference == nil)
    #expect(finding.message.hasPrefix("1 Buchung über 595,00 € brutto"))
  }

  @Test func overdueMilestone() throws {
    let finding = try #require(try Self.finding(.meilenstein, in: "meilenstein"))
    #expect(finding.severity == .warnung)
    #expect(finding.measure == "M-2")
    #expect(finding.places == [SourcePlace(file: "meilensteine.csv", line: 3)])
  }

  @Test func badValueOutsideEveryGrantIsOnlyANote() throws {
    let finding = try #require(try Self.finding(.ausserScope, in: "ausser-scope"))
    #expect(finding.severity == .hinweis)
    #expect(finding.places == [SourcePlace(file: Self.ledger, line: 8)])
  }

  @Test func findingsAreOrderedBySeverityThenRule() throws {
    let findings = try quarterlyFindings(input: Paths.defect("doppelt"))
    #expect(findings.map(\.rule) == [.doppelt, .mittelverfall])
  }

  struct RuleCase: Sendable, CustomTestStringConvertible {
    var fixture: String
    var rule: RuleID
    var severity: Severity
    var amount: Money?
    var costItem: String? = nil
    var places: [SourcePlace] = []
    var testDescription: String { "\(rule.rawValue) in \(fixture)" }
  }

  /// Every rule of rules.md fires in at least one fixture set, with these exact figures.
  static let ruleCases: [RuleCase] = [
    RuleCase(
      fixture: "position-20", rule: .position20, severity: .fehler, amount: Money(cents: 357_000),
      costItem: "auftraege"),
    RuleCase(
      fixture: "position-ausgleich", rule: .positionAusgleich, severity: .warnung, amount: Money(cents: 100_000),
      costItem: "auftraege"),
    RuleCase(fixture: "gesamt", rule: .gesamt, severity: .fehler, amount: Money(cents: 257_000)),
    RuleCase(fixture: "hoechstbetrag", rule: .hoechstbetrag, severity: .warnung, amount: Money(cents: 17_050)),
    RuleCase(fixture: "jahr", rule: .jahr, severity: .warnung, amount: Money(cents: 57_000)),
    RuleCase(fixture: "clean", rule: .mittelverfall, severity: .warnung, amount: Money(cents: 3_243_000)),
    // 1.547,00 € for 74 days, 2.600,00 € for 110 days, 1.829,50 € unused for 152 days, at 6,27 %.
    RuleCase(
      fixture: "zinsen", rule: .zinsen, severity: .warnung, amount: Money(cents: 11_656),
      places: [SourcePlace(file: "mittelabrufe.csv", line: 2)]),
    RuleCase(fixture: "kasse", rule: .kasse, severity: .hinweis, amount: Money(cents: 82_950)),
    RuleCase(fixture: "frist", rule: .frist, severity: .hinweis, amount: nil),
    RuleCase(
      fixture: "konto", rule: .konto, severity: .fehler, amount: Money(cents: 11_900),
      places: [SourcePlace(file: ledger, line: 8)]),
    RuleCase(
      fixture: "position-unbekannt", rule: .positionUnbekannt, severity: .fehler, amount: Money(cents: 11_900),
      places: [SourcePlace(file: ledger, line: 8)]),
    RuleCase(
      fixture: "zeitraum", rule: .zeitraum, severity: .warnung, amount: Money(cents: 30_000),
      places: [SourcePlace(file: ledger, line: 8)]),
    RuleCase(
      fixture: "summe", rule: .summe, severity: .fehler, amount: nil, places: [SourcePlace(file: ledger, line: 8)]),
    RuleCase(
      fixture: "doppelt", rule: .doppelt, severity: .fehler, amount: Money(cents: 119_000),
      places: [SourcePlace(file: ledger, line: 3), SourcePlace(file: ledger, line: 8)]),
    RuleCase(fixture: "offen", rule: .offen, severity: .hinweis, amount: Money(cents: 59_500)),
    RuleCase(
      fixture: "ausser-scope", rule: .ausserScope, severity: .hinweis, amount: nil,
      places: [SourcePlace(file: ledger, line: 8)]),
    RuleCase(
      fixture: "meilenstein", rule: .meilenstein, severity: .warnung, amount: nil,
      places: [SourcePlace(file: "meilensteine.csv", line: 3)]),
  ]

  @Test func everyRuleHasAFixture() {
    #expect(Set(Self.ruleCases.map(\.rule)) == Set(RuleBook.rules.map(\.id)))
  }

  @Test(arguments: ruleCases)
  func ruleFiresInItsFixture(_ testCase: RuleCase) throws {
    let findings = try quarterlyFindings(input: Paths.defect(testCase.fixture)).filter { $0.rule == testCase.rule }
    #expect(findings.count == 1)
    let finding = try #require(findings.first)
    #expect(finding.severity == testCase.severity)
    #expect(finding.amount == testCase.amount)
    #expect(finding.costItem == testCase.costItem)
    #expect(finding.places == testCase.places)
  }

  @Test func deadlineFindingNamesTheReportAndDate() throws {
    let finding = try #require(try Self.finding(.frist, in: "frist"))
    #expect(
      finding.message
        == "Der Verwendungsnachweis ist am 15.12.2026 fällig (in 76 Tagen). Unterlagen rechtzeitig vorbereiten.")
    #expect(finding.legalReference == "ANBest-P Nr. 6, ANBest-Gk")
  }

  struct InputCase: Sendable, CustomTestStringConvertible {
    var name: String
    var status: RunStatus
    /// As printed in German (the default) and in English.
    var german: [String]
    var english: [String]
    var testDescription: String { name }
  }

  static let inputCases: [InputCase] = [
    InputCase(
      name: "bad-amount", status: .dataError,
      german: [
        "buchungen.csv:8:58: Fehler: netto: \"12,345\" ist ungültig; erwartet einen Betrag wie 1.234,56 mit "
          + "höchstens zwei Nachkommastellen"
      ],
      english: [
        "buchungen.csv:8:58: error: netto: \"12,345\" is not valid; expected an amount like 1.234,56 with at most two decimals"
      ]),
    InputCase(
      name: "bad-date", status: .dataError,
      german: [
        "buchungen.csv:8:5: Fehler: buchungsdatum: \"31.02.2026\" ist ungültig; erwartet ein Datum TT.MM.JJJJ (oder "
          + "JJJJ-MM-TT, JJJJMMTT)"
      ],
      english: [
        "buchungen.csv:8:5: error: buchungsdatum: \"31.02.2026\" is not valid; expected a date DD.MM.YYYY (or YYYY-MM-DD, YYYYMMDD)"
      ]),
    InputCase(
      name: "control-character", status: .dataError,
      german: [
        "buchungen.csv:8:1: Fehler: beleg_nr: \"B-\\u{B}9\" enthält das Steuerzeichen U+000B, das XML nicht tragen "
          + "kann; erwartet Text ohne Steuerzeichen",
        "massnahmen.csv:2:12: Fehler: bezeichnung: \"Daten\\u{B}plattform\" enthält das Steuerzeichen U+000B, das "
          + "XML nicht tragen kann; erwartet Text ohne Steuerzeichen",
      ],
      english: [
        "buchungen.csv:8:1: error: beleg_nr: \"B-\\u{B}9\" contains the control character U+000B, which XML cannot "
          + "carry; expected text without control characters",
        "massnahmen.csv:2:12: error: bezeichnung: \"Daten\\u{B}plattform\" contains the control character U+000B, "
          + "which XML cannot carry; expected text without control characters",
      ]),
    InputCase(
      name: "cr-cr-lf", status: .dataError,
      german: [
        "buchungen.csv:2:71: Fehler: brutto: \"5.000,00\\r\" ist ungültig; erwartet einen Betrag wie 1.234,56 mit "
          + "höchstens zwei Nachkommastellen",
        "buchungen.csv:3:55: Fehler: brutto: \"1,00\\r\" ist ungültig; erwartet einen Betrag wie 1.234,56 mit "
          + "höchstens zwei Nachkommastellen",
      ],
      english: [
        "buchungen.csv:2:71: error: brutto: \"5.000,00\\r\" is not valid; expected an amount like 1.234,56 with at most two decimals",
        "buchungen.csv:3:55: error: brutto: \"1,00\\r\" is not valid; expected an amount like 1.234,56 with at most two decimals",
      ]),
    InputCase(
      name: "unclosed-quote", status: .dataError,
      german: [
        "buchungen.csv:3:43: Fehler: offenes Anführungszeichen: das Feld in Anführungszeichen, das hier beginnt, "
          + "endet nie"
      ],
      english: ["buchungen.csv:3:43: error: unclosed quote: the quoted field that starts here never ends"]),
    InputCase(
      name: "stray-quote", status: .dataError,
      german: [
        "buchungen.csv:3:49: Fehler: überzähliges Anführungszeichen: ein Feld, das ein Anführungszeichen enthält, "
          + "muss in Anführungszeichen stehen, das Anführungszeichen verdoppelt"
      ],
      english: [
        "buchungen.csv:3:49: error: stray quote: a field that contains a quote must be quoted, with the quote doubled"
      ]),
    InputCase(
      name: "too-many-fields", status: .dataError,
      german: ["buchungen.csv:3:56: Fehler: zu viele Felder: die Kopfzeile hat 10 Felder"],
      english: ["buchungen.csv:3:56: error: too many fields: the header has 10"]),
    InputCase(
      name: "invalid-byte", status: .dataError,
      german: ["buchungen.csv:3:49: Fehler: ungültiges Byte 0x81 für die Kodierung der Datei (Windows-1252)"],
      english: ["buchungen.csv:3:49: error: invalid byte 0x81 for the file's encoding Windows-1252"]),
    InputCase(
      name: "missing-column", status: .dataError,
      german: [
        "buchungen.csv:1:1: Fehler: die Pflichtspalte \"brutto\" fehlt; die Kopfzeile enthält: \"beleg_nr\", "
          + "\"buchungsdatum\", \"zahlungsdatum\", \"kostenobjekt\", \"sachkonto\", \"empfaenger\", "
          + "\"verwendungszweck\", \"netto\", \"ust\""
      ],
      english: [
        "buchungen.csv:1:1: error: required column \"brutto\" is missing; the header has: \"beleg_nr\", "
          + "\"buchungsdatum\", \"zahlungsdatum\", \"kostenobjekt\", \"sachkonto\", \"empfaenger\", "
          + "\"verwendungszweck\", \"netto\", \"ust\""
      ]),
    InputCase(
      name: "missing-file", status: .inputMissing,
      german: ["sachkonten.csv: Fehler: die Eingabedatei fehlt; sie ist erforderlich"],
      english: ["sachkonten.csv: error: required input file is missing"]),
    InputCase(
      name: "unknown-measure", status: .dataError,
      german: [
        "finanzplan.csv:6:8: Fehler: massnahme: \"M-9\" ist keine Maßnahme der Zuwendung FKZ-T1 in massnahmen.csv"
      ],
      english: ["finanzplan.csv:6:8: error: massnahme: \"M-9\" is not a measure of grant FKZ-T1 in massnahmen.csv"]),
  ]

  @Test(arguments: inputCases)
  func badInputIsReportedWithItsPlaceAndNothingIsDelivered(_ testCase: InputCase) throws {
    let out = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let input = Paths.defect(testCase.name)
    let run = runQuarterly(input: input, out: out)
    #expect(run.status == testCase.status)
    func reported(_ run: JobRun) -> [String] {
      run.errors.filter { $0.hasPrefix(input + "/") && !InputFileTests.isAbsentOptionalNote($0) }
        .map { String($0.dropFirst(input.count + 1)) }
    }
    #expect(reported(run) == testCase.german)
    #expect(reported(runQuarterly(input: input, out: out, language: .english)) == testCase.english)
    #expect(run.output.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
  }

  @Test(arguments: ["konto", "position-unbekannt", "summe", "doppelt"])
  func fehlerFindingsDeliverWithExitStatusOne(name: String) throws {
    let out = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let run = runQuarterly(input: Paths.defect(name), out: out)
    #expect(run.status == .findingsWithErrors)
    #expect(run.output == ["\(out)/FKZ-T1/Quartalsbericht_2026-Q3_v1: 1 Fehler, 1 Warnung, 0 Hinweise"])
  }

  @Test func aPeriodOutsideTheGrantIsRefused() throws {
    let out = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let run = runQuarterly(input: Paths.defect("clean"), period: "2024-Q4", grants: ["FKZ-T1"], out: out)
    #expect(run.status == .usage)
    #expect(
      run.errors.filter { !InputFileTests.isAbsentOptionalNote($0) } == [
        "Fehler: Quartalsbericht 2024-Q4 (01.10.2024–31.12.2024) liegt nicht im Bewilligungszeitraum von "
          + "FKZ-T1 (01.01.2025–31.12.2027)"
      ])
    let unknown = runQuarterly(input: Paths.defect("clean"), grants: ["FKZ-X"], out: out)
    #expect(unknown.status == .usage)
  }
}
