import Foundation
import Testing
import XMLSupport

@testable import FundReport

/// `fundreport diff`: two deliveries of a report compared figure by figure, with the findings and Belegliste
/// rows that differ (issue: every replaced draft traced).
@Suite(.serialized) struct DiffTests {
  typealias Workspace = RegisterTests.Workspace

  static func diff(_ arguments: [String]) throws -> BinaryRun { try BinaryRun(["diff"] + arguments) }

  /// v1 submitted, a booking of 100,00 € added, v2 written as a correction: exactly the figures it moves.
  @Test func aCorrectionAgainstTheVersionItCorrects() throws {
    let space = try Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    #expect(space.submit(space.folder(1)).0 == .success)
    try space.changeInputs()
    #expect(space.report(created: "2026-10-20T06:00:00Z", correction: "Beleg B-9 nachgebucht").0 == .success)
    let run = try Self.diff([space.folder(1), space.folder(2)])
    #expect(run.status == 1)
    #expect(run.stderr.isEmpty)
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "Vergleich von \(space.folder(1)) mit \(space.folder(2))")
    let expected: [String] = [
      "20 Kennzahlen geändert",
      "  Kopf/Berichtsversion: 1 → 2",
      "  Kopf/Berichtigungsgrund: – → Beleg B-9 nachgebucht",
      "  Kopf/Erstellt: 2026-10-15T06:00:00Z → 2026-10-20T06:00:00Z",
      "  Kopf/Quelldaten/Datei[name=buchungen.csv]/@sha256: "
        + "6b98f8e28c21b411a6a2b84439a185ac0860f349cc452e656a63afe8e8f771d7 → "
        + "19422cc25abc0b09245d1c7ba3808d35e03c85bef75bdca183b1c4d7f2db34e0",
      "  Kopf/Quelldaten/Datei[name=buchungen.csv]/@zeilen: 5 → 6",
      "  Finanzen/Position[kostenposition=personal]/IstQuartal: 4.000,00 → 4.100,00 (+100,00)",
      "  Finanzen/Position[kostenposition=personal]/IstJahr: 9.000,00 → 9.100,00 (+100,00)",
      "  Finanzen/Position[kostenposition=personal]/IstKumuliert: 9.000,00 → 9.100,00 (+100,00)",
      "  Finanzen/Position[kostenposition=personal]/Abweichung: -26.000,00 → -25.900,00 (+100,00)",
      "  Finanzen/Position[kostenposition=personal]/AuslastungProzent: 25,71 → 26,00 (+0,29)",
      "  Finanzen/Summe/IstQuartal: 6.380,00 → 6.480,00 (+100,00)",
      "  Finanzen/Summe/IstJahr: 12.570,00 → 12.670,00 (+100,00)",
      "  Finanzen/Summe/IstKumuliert: 12.570,00 → 12.670,00 (+100,00)",
      "  Finanzen/Summe/Abweichung: -32.430,00 → -32.330,00 (+100,00)",
      "  Finanzen/Summe/AuslastungProzent: 25,14 → 25,34 (+0,20)",
      "  Massnahmen/Massnahme[kennung=M-1]/IstQuartal: 0,00 → 100,00 (+100,00)",
      "  Massnahmen/Massnahme[kennung=M-1]/IstKumuliert: 6.190,00 → 6.290,00 (+100,00)",
      "  Mittel/ZuwendungsfaehigKumuliert: 12.570,00 → 12.670,00 (+100,00)",
      "  Mittel/BundesanteilKumuliert: 8.170,50 → 8.235,50 (+65,00)",
      "  Mittel/Kassenbestand: -8.170,50 → -8.235,50 (-65,00)",
      "Befunde: 1 neu, 1 entfallen",
      "  neu: R-MITTELVERFALL (Warnung): Zum 30.09.2026 sind erst 12.670,00 € von 45.000,00 € des Jahresplans 2026 "
        + "ausgegeben (unter 50 %). Nicht verausgabte Mittel verfallen mit dem Haushaltsjahr: Ausgaben beschleunigen "
        + "oder die Übertragung beantragen.",
      "  entfallen: R-MITTELVERFALL (Warnung): Zum 30.09.2026 sind erst 12.570,00 € von 45.000,00 € des Jahresplans "
        + "2026 ausgegeben (unter 50 %). Nicht verausgabte Mittel verfallen mit dem Haushaltsjahr: Ausgaben "
        + "beschleunigen oder die Übertragung beantragen.",
      "Belegliste: 1 Zeile hinzugekommen, 0 entfallen",
      "  + personal;05.08.2026;B-9;X;neu;M-1;PSP-1;5011000;100,00;0,00;100,00;100,00",
      "",
    ]
    #expect(Array(lines.dropFirst()) == expected)
  }

  @Test func aReplacedDraftAgainstItsSuccessorAndADeliveryAgainstTheExport() throws {
    let space = try Workspace()
    defer { space.remove() }
    #expect(space.report().0 == .success)
    // Against the export it was made from: nothing differs (exit 0).
    let same = try Self.diff([space.folder(1), "--input", space.input])
    #expect(same.status == 0)
    #expect(
      same.stdout
        == "Vergleich von \(space.folder(1)) mit \(space.input)\nkeine Unterschiede in Kennzahlen, Befunden und "
        + "Belegliste\n")
    try space.changeInputs()
    let pending = try Self.diff([space.folder(1), "--input", space.input])
    #expect(pending.status == 1)
    #expect(pending.stdout.contains("Belegliste: 1 Zeile hinzugekommen, 0 entfallen\n  + "))
    #expect(space.report(created: "2026-10-16T06:00:00Z").0 == .success)
    let replaced = try Self.diff([space.folder(1) + "@2026-10-15T06:00:00Z", space.folder(1)])
    #expect(replaced.status == 1)
    #expect(
      replaced.stdout.hasSuffix(
        "Belegliste: nicht verglichen (von einem ersetzten Entwurf wird sie nicht aufbewahrt)\n"))
    #expect(replaced.stdout.contains("  Kopf/Erstellt: 2026-10-15T06:00:00Z → 2026-10-16T06:00:00Z\n"))
    let unknown = try Self.diff([space.folder(1) + "@2026-10-14T06:00:00Z", space.folder(1)])
    #expect(unknown.status == 64)
    #expect(
      unknown.stderr
        == "Fehler: \(space.folder(1)) hat keinen ersetzten Entwurf mit Erstellt 2026-10-14T06:00:00Z "
        + "(fundreport history zeigt sie)\n")
    let alone = try Self.diff([space.folder(1)])
    #expect(alone.status == 64)
    #expect(alone.stderr == "Fehler: diff braucht zwei Lieferungen, oder eine und --input mit einem Export\n")
  }

  @Test func figuresArePlacedByTheirKeysAndNumbers() throws {
    let xml = Array(
      """
      <Quartalsbericht xmlns="urn:mpsc:berichte:1.0" version="1.0"><Kopf><Stichtag>2026-09-30</Stichtag>\
      <Erzeuger name="fundreport" version="0.1.0"/></Kopf><Finanzen><Position kostenposition="personal">\
      <IstKumuliert>9100.00</IstKumuliert></Position></Finanzen><Liste><Wert>1</Wert><Wert>2</Wert></Liste>\
      <Pruefergebnisse fehler="0"><Befund regel="R-X" schwere="Warnung"><Meldung>m</Meldung></Befund>\
      </Pruefergebnisse></Quartalsbericht>
      """.utf8)
    let root = try ParsedXMLElement.parse(xml, documentName: "t.xml")
    #expect(
      DeliveryDiff.figures(of: root).map { "\($0.0)=\($0.1)" } == [
        "Kopf/Stichtag=2026-09-30", "Kopf/Erzeuger[name=fundreport]/@version=0.1.0",
        "Finanzen/Position[kostenposition=personal]/IstKumuliert=9100.00", "Liste/Wert[1]=1", "Liste/Wert[2]=2",
        "Pruefergebnisse/@fehler=0",
      ])
    #expect(
      DeliveryDiff.findings(of: root) == [DeliveryDiff.FindingLine(rule: "R-X", severity: "Warnung", message: "m")])
    #expect(DeliveryDiff.FigureChange(place: "p", old: "-0.50", new: "1234.05").difference == Money(cents: 123_455))
    #expect(DeliveryDiff.FigureChange(place: "p", old: "58.01", new: "x").difference == nil)
    #expect(DeliveryDiff.FigureChange.display("-1234567.80") == "-1.234.567,80")
  }
}
