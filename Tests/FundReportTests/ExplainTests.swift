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
    let made = try report(Scenario.workedExample(), period: "2024-Q3", created: "2024-10-15T06:00:00Z")
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

/// Every figure of every report kind, explained and checked against the delivery of the same run.
@Suite struct ExplainEveryFigureTests {
  /// The reports of one export: every kind the grant can be reported in, at a time after it.
  static func reports(_ directory: String) throws -> [ExplainedReport] {
    let loaded = ExportLoader(directory: directory).load()  // every row kept: each sum can list its rows
    var reports: [ExplainedReport] = []
    for grant in loaded.export.grants.values.sorted(by: { $0.id < $1.id }) {
      let after = grant.period.end.adding(days: 1)
      let created = try #require(
        Timestamp(iso: max(after, CalendarDate.firstDay(ofYear: 2026, month: 10)).iso + "T06:00:00Z"))
      let inside = min(grant.period.end, CalendarDate.firstDay(ofYear: 2026, month: 9))
      let quarter = "\(inside.year)-Q\((inside.month - 1) / 3 + 1)"
      for (kind, period) in [
        (ReportKind.quartalsbericht, quarter), (.zwischennachweis, String(grant.period.start.year)),
        (.verwendungsnachweis, "gesamt"), (.mittelabruf, inside.iso),
      ] {
        reports.append(
          try ExplainedReport(
            export: loaded.export, grantID: grant.id, kind: kind, periodID: period, created: created,
            need: Money(cents: kind == .mittelabruf && inside < grant.period.end ? 12_000_000 : 0)))
      }
    }
    return reports
  }

  @Test(arguments: [
    "export", "defects/konto", "defects/zinsen", "defects/zeitraum", "defects/doppelt", "defects/offen",
  ])
  func everyListedFigureHasAnExplanationThatEqualsTheDelivery(_ name: String) throws {
    let reports = try Self.reports(Paths.fixtures + "/" + name)
    #expect(!reports.isEmpty)
    for made in reports {
      #expect(made.figures.count > 10)
      for figure in made.figures {
        // explanation(of:) throws when its value is not the delivery's.
        let explanation = try made.explanation(of: figure.place)
        #expect(explanation.value.xmlValue == figure.value)
        if case .ledgerSum(_, let rows) = explanation.method, case .amount(let total) = explanation.value {
          #expect(rows.sum(\.eligibleAmount) == total)
        }
      }
    }
  }

  /// The delivery explain makes is the one `report` makes: keeping more rows changes nothing.
  @Test func theReportExplainMakesIsTheReportsDelivery() throws {
    let every = ExportLoader(directory: Paths.export).load().export
    var options = IngestOptions()
    options.retention = ReportPeriod.retention(kind: .quartalsbericht, id: "2026-Q3")
    let usual = ExportLoader(directory: Paths.export, options: options).load().export
    let delivered = try ReportGenerator(export: usual).makeDelivery(
      kind: .quartalsbericht, grantID: "MPSC-2021-WUP-B", periodID: "2026-Q3", created: fixedCreated)
    let explained = try ExplainedReport(
      export: every, grantID: "MPSC-2021-WUP-B", kind: .quartalsbericht, periodID: "2026-Q3", created: fixedCreated,
      need: .zero)
    #expect(explained.delivery.files.map(\.bytes) == delivered.files.map(\.bytes))
    #expect(explained.figures.first?.place == "Finanzen/Position[kostenposition=auftraege]/PlanGesamt")
    #expect(explained.figures.contains { $0.place == "Mittel/ZinsenAufgelaufen" && $0.value == "4309.63" })
  }
}

/// Findings a person can find: places with their rows, beleg_nr and spreadsheet row.
@Suite struct ExplainFindingTests {
  /// The spreadsheet row of every record start in `path`, counted apart from fundreport's reader:
  /// a record ends at a line break outside quotes (the header is row 1).
  static func spreadsheetRows(_ path: String) throws -> [Int: Int] {
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    var rows: [Int: Int] = [:]
    var line = 1
    var row = 1
    var quoted = false
    var atStart = true
    for (index, byte) in bytes.enumerated() {
      if atStart {
        rows[line] = row
        atStart = false
      }
      if byte == UInt8(ascii: "\"") { quoted.toggle() }
      let lineBreak = byte == 0x0A || (byte == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A))
      if lineBreak {
        line += 1
        if !quoted {
          row += 1
          atStart = true
        }
      }
    }
    return rows
  }

  @Test func everyKeptRowKnowsItsSpreadsheetRow() throws {
    let expected = try Self.spreadsheetRows(Paths.export + "/buchungen.csv")
    let rows = ExportLoader(directory: Paths.export).load().export.grantRows.values.flatMap(\.kept)
    #expect(rows.count > 500)
    // The ledger has line breaks inside fields: lines and rows part early.
    #expect(rows.contains { $0.booking.line != $0.booking.spreadsheetRow })
    for row in rows { #expect(expected[row.booking.line] == row.booking.spreadsheetRow) }
  }

  @Test func theUnpaidRowsOfROffenAreListedWithTheirRows() throws {
    let made = try ExplainedReport(
      export: ExportLoader(directory: Paths.export).load().export, grantID: "MPSC-2021-WUP-B",
      kind: .quartalsbericht, periodID: "2026-Q3", created: fixedCreated, need: .zero)
    let view = ExplainView(report: made, language: .german, showsAll: false)
    let text = String(decoding: view.findings(made.findings(rule: "R-OFFEN"), .table), as: UTF8.self)
    let expected: [String] = [
      "Quartalsbericht 2026-Q3, MPSC-2021-WUP-B, Stichtag 30.09.2026",
      "",
      "R-OFFEN (Hinweis), Betrag 40.000,00 €",
      "2 Buchungen über 40.000,00 € brutto sind zum 30.09.2026 gebucht, aber nicht bezahlt; sie zählen erst mit der "
        + "Zahlung als Ausgabe.",
      "2 Buchungen ohne Zahlungsdatum bis zum Stichtag:",
      "  Datei          Zeile  Tabellenzeile  Beleg-Nr.        Buchungsdatum  Zahlungsdatum  Kostenobjekt     "
        + "Sachkonto  Empfänger                  Verwendungszweck       brutto",
      "  buchungen.csv   4513           4115  RE-2026-4512324  24.09.2026                    P.1-0436.B01.01  "
        + "5291000    Datenwerk Rhein-Ruhr GmbH  Abschlag Oktober  20.000,00 €",
      "  buchungen.csv   4514           4116  RE-2026-4512331  24.09.2026                    P.1-0436.B04.01  "
        + "7831000    Datenwerk Rhein-Ruhr GmbH  Abschlag Oktober  20.000,00 €",
    ]
    #expect(text == expected.joined(separator: "\n") + "\n")
    let rows = try Self.spreadsheetRows(Paths.export + "/buchungen.csv")
    #expect(rows[4513] == 4115 && rows[4514] == 4116)
    // As CSV, each place is a row with the finding's rule, severity and message.
    let bytes = view.findings(made.findings(rule: "R-OFFEN"), .csv)
    #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
    let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
    let csvLines = csv.components(separatedBy: "\r\n").map { String($0) }
    #expect(
      csvLines.first
        == "regel;schwere;datei;zeile;tabellenzeile;beleg_nr;buchungsdatum;zahlungsdatum;kostenobjekt;"
        + "sachkonto;empfaenger;verwendungszweck;brutto;meldung")
    #expect(
      csvLines.dropFirst().first
        == "R-OFFEN;Hinweis;buchungen.csv;4513;4115;RE-2026-4512324;24.09.2026;;P.1-0436.B01.01;5291000;"
        + "Datenwerk Rhein-Ruhr GmbH;Abschlag Oktober;20000,00;\"2 Buchungen über 40.000,00 € brutto sind zum "
        + "30.09.2026 gebucht, aber nicht bezahlt; sie zählen erst mit der Zahlung als Ausgabe.\"")
  }

  @Test func rKontoListsEveryRowWithItsVoucher() throws {
    let made = try ExplainedReport(
      export: ExportLoader(directory: Paths.defect("konto")).load().export, grantID: "FKZ-T1",
      kind: .quartalsbericht, periodID: "2026-Q3", created: fixedCreated, need: .zero)
    let findings = made.findings(rule: "R-KONTO")
    #expect(findings.count == 1)
    let places = findings.first?.places ?? []
    #expect(places.count == findings.first?.finding.places.count)
    for place in places {
      guard case .booking(let booking, let where_) = place else {
        Issue.record("an R-KONTO place without its row")
        continue
      }
      #expect(!booking.voucher.isEmpty)
      #expect(where_.spreadsheetRow == booking.spreadsheetRow)
    }
  }
}

/// `explain` as the command runs it: the rows a figure needs kept while the ledger is read, the
/// three formats, and every refusal.
@Suite struct ExplainJobTests {
  static func run(
    _ target: ExplainJob.Target, kind: ReportKind = .quartalsbericht, period: String = "2026-Q3",
    grant: String? = "MPSC-2021-WUP-B", format: ViewFormat = .table, input: String = Paths.export
  ) -> (status: RunStatus, output: String, errors: [String]) {
    var output: [UInt8] = []
    var errors: [String] = []
    let job = ExplainJob(
      kind: kind, periodID: period, inputDirectory: input, grantID: grant, options: IngestOptions(), need: .zero,
      target: target, format: format, created: fixedCreated)
    let status = job.run(output: { output += $0 }, warn: { errors.append($0) })
    return (status, String(decoding: output, as: UTF8.self), errors)
  }

  /// Every figure of three report kinds, read as the command reads the ledger for it (only the rows that
  /// figure lists kept whole, every other row in the day sums): each explanation still gives the report's figure.
  @Test(arguments: [
    (ReportKind.quartalsbericht, "2026-Q3", 230), (.zwischennachweis, "2025", 25), (.mittelabruf, "2026-09-30", 8),
  ])
  func everyFigureIsExplainedFromTheRowsKeptForIt(kind: ReportKind, period: String, atLeast: Int) throws {
    let list = Self.run(.list, kind: kind, period: period, format: .csv)
    #expect(list.status == .success)
    let places = list.output.dropFirst().split(separator: "\r\n").dropFirst().compactMap { line in
      line.split(separator: ";").first.map(String.init)
    }
    #expect(places.count >= atLeast)
    for place in places {
      let result = Self.run(.figure(place), kind: kind, period: period, format: .csv)
      #expect(result.status == .success, "\(place): \(result.errors)")
    }
  }

  @Test func theJSONLayoutConformsToItsDocumentedSchema() throws {
    let schema = try JSONSchemaCheck(path: Paths.root + "/docs/explain.schema.json")
    let outputs = [
      Self.run(.list, format: .json), Self.run(.figure("Mittel/ZinsenAufgelaufen"), format: .json),
      Self.run(.figure("Finanzen/Position[kostenposition=personal]/IstKumuliert"), format: .json),
      Self.run(.figure("Finanzen/Summe/PlanJahr"), format: .json),
      Self.run(.figure("Mittel/AbgerufenKumuliert"), format: .json),
      Self.run(.figure("Mittel/Kassenbestand"), format: .json), Self.run(.findings(rule: nil), format: .json),
      Self.run(
        .figure("Massnahmen/Massnahme[kennung=B-01]/Meilensteine/Meilenstein[kennung=MS-2]/Status"), format: .json),
    ]
    for output in outputs {
      #expect(output.status == .success)
      let value = try JSONSerialization.jsonObject(with: Data(output.output.utf8))
      #expect(schema.violations(of: value) == [])
    }
    // The checker itself finds what is wrong.
    #expect(
      schema.violations(of: ["layout": "x", "version": 2, "report": [:] as [String: Any], "extra": 1] as [String: Any])
        .count == 7)
  }

  @Test func theInterestAsJSONHasEveryPortion() throws {
    let output = Self.run(.figure("Mittel/ZinsenAufgelaufen"), format: .json).output
    let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    let figure = try #require((json["figures"] as? [[String: Any]])?.first)
    #expect(figure["value"] as? String == "4309.63")
    let drawdowns = try #require(figure["interest"] as? [[String: Any]])
    let charged = drawdowns.filter { !(($0["portions"] as? [Any]) ?? []).isEmpty }
    #expect(charged.map { $0["drawdown"] as? String } == ["B-2026-06V", "B-2026-07"])
    #expect(charged.map { $0["interest"] as? String } == ["3081.00", "1228.63"])
    #expect(charged.last?["formula"] as? String == "B-2026-07: 88.300,00 × 6,27 % × 81/365 = 1.228,6280… = 1.228,63")
  }

  @Test func refusalsSayWhatIsWrongAndExit64Or66() {
    let unknown = Self.run(.figure("Mittel/Zinsen"))
    #expect(unknown.status == .usage)
    #expect(
      unknown.errors == [
        "Fehler: \"Mittel/Zinsen\" ist keine Kennzahl dieses Berichts. explain --list zeigt alle."
      ])
    let near = Self.run(.figure("Finanzen/Position[kostenposition=personal]/istkumuliert"))
    #expect(near.status == .usage)
    #expect(
      near.errors == [
        "Fehler: \"Finanzen/Position[kostenposition=personal]/istkumuliert\" ist keine Kennzahl dieses Berichts; "
          + "gemeint ist vielleicht Finanzen/Position[kostenposition=auftraege]/IstKumuliert, "
          + "Finanzen/Position[kostenposition=investitionen]/IstKumuliert, "
          + "Finanzen/Position[kostenposition=personal]/IstKumuliert, "
          + "Finanzen/Position[kostenposition=sachausgaben]/IstKumuliert, Finanzen/Summe/IstKumuliert. "
          + "explain --list zeigt alle."
      ])
    let several = Self.run(.list, grant: nil)
    #expect(several.status == .usage)
    #expect(
      several.errors == [
        "Fehler: das Exportverzeichnis enthält mehrere Zuwendungen; bitte eine mit --grant wählen: "
          + "MPSC-2021-WUP-A, MPSC-2021-WUP-B"
      ])
    let rule = Self.run(.findings(rule: "R-NICHTS"))
    #expect(rule.status == .usage)
    #expect(rule.errors == ["Fehler: \"R-NICHTS\" ist keine Prüfregel (rules.md), z. B. R-KONTO oder R-ZINSEN"])
    let missing = Self.run(.list, input: "/nonexistent/export")
    #expect(missing.status == .inputMissing)
    #expect(missing.output.isEmpty)
    let period = Self.run(.list, period: "2026-Q5")
    #expect(period.status == .usage)
  }
}

/// `fundreport outlook` on a hand-made grant: window ends, interest per day, the year's pace and
/// the month a cost item passes its plan.
@Suite struct OutlookTests {
  /// Plan 1.000.000,00 € in 2024; 300.000,00 € spent by 10.03.2024 (270.000,00 € federal share);
  /// A1 100.000,00 € on 15.01.2024 is used up, A2 200.000,00 € on 01.03.2024 has 30.000,00 € left.
  static func scenario() -> Scenario {
    var scenario = Scenario()
    scenario.draw("A1", received: "15.01.2024", 100_000)
    scenario.draw("A2", received: "01.03.2024", 200_000)
    scenario.pay("20.02.2024", 50_000)
    scenario.pay("10.03.2024", 250_000)
    return scenario
  }

  @Test func windowEndsInterestPerDayPaceAndProjectionMonths() throws {
    let scenario = Self.scenario()
    let outlook = try Outlook(
      export: scenario.export, grantIDs: ["G"], asOf: day("31.03.2024"), need: .zero, jobs: [], register: nil)
    let grant = try #require(outlook.grants.first)
    #expect(
      grant.drawdowns == [
        Outlook.UnusedDrawdown(
          number: "A2", received: day("01.03.2024"), windowEnd: day("01.05.2024"), unusedUnits: 30_000 * 1_000_000,
          basisPoints: 862, interestSoFar: .zero)
      ])
    #expect(grant.drawdowns.map(OutlookView.daily) == ["7,0849… €"])  // 30.000,00 × 8,62 % / 365 = 7,08493…
    let year = try #require(grant.year)
    #expect(year.projectedYearEnd == Money(cents: 120_659_341))  // 300.000,00 × 366 / 91 days
    #expect(
      year.targets == [
        Outlook.Target(
          percent: 50, by: day("30.09.2024"), amount: Money(cents: 50_000_000), missing: Money(cents: 20_000_000),
          months: 6, perMonth: Money(cents: 3_333_334)),
        Outlook.Target(
          percent: 100, by: day("31.12.2024"), amount: Money(cents: 100_000_000), missing: Money(cents: 70_000_000),
          months: 9, perMonth: Money(cents: 7_777_778)),
      ])
    // 25.000,00 € a month: past 1.000.000,00 € after 29 months, past 1.200.000,00 € after 37.
    #expect(
      grant.costItems == [
        Outlook.CostItemPace(
          costItem: "k", plan: Money(cents: 100_000_000), actual: Money(cents: 30_000_000),
          lastTwelveMonths: Money(cents: 30_000_000), passes100: .month(year: 2026, month: 8, afterGrantEnd: false),
          passes120: .month(year: 2027, month: 4, afterGrantEnd: false))
      ])
    let lines = OutlookView(outlook: outlook, language: .german).table()
    #expect(
      lines.contains(
        "  A2     01.03.2024     01.05.2024      30.000,00 €    8,62 %      7,0849… €  0,00 €  Frist läuft noch 31 Tage"
      ))
    #expect(
      lines.contains(
        "  50 % (500.000,00 €) bis 30.09.2024: es fehlen 200.000,00 €, das sind 33.333,34 € je Monat in 6 Monaten"))
    #expect(
      lines.contains(
        "  Prognose bei bisherigem Tempo (IstJahr je vergangenem Tag): IstJahr am 31.12.2024 ≈ 1.206.593,41 € "
          + "= 120,66 % des PlanJahrs"))
  }

  @Test func interestRunsOnceTheWindowHasEndedAndPassedPlansSaySo() throws {
    var scenario = Self.scenario()
    scenario.pay("01.06.2024", 950_000)  // past 120 % of the plan (exactly 120 % would not be)
    let outlook = try Outlook(
      export: scenario.export, grantIDs: ["G"], asOf: day("15.05.2024"), need: .zero, jobs: [], register: nil)
    let grant = try #require(outlook.grants.first)
    // On 15.05.2024 the 30.000,00 € of A2 are 14 days past its window end: interest runs.
    #expect(grant.drawdowns.first?.windowEnd == day("01.05.2024"))
    #expect(
      OutlookView(outlook: outlook, language: .german).table().contains {
        $0.hasSuffix("Frist seit 14 Tagen abgelaufen: Zinsen laufen")
      })
    let later = try Outlook(
      export: scenario.export, grantIDs: ["G"], asOf: day("30.06.2024"), need: .zero, jobs: [], register: nil)
    #expect(later.grants.first?.drawdowns == [])
    #expect(later.grants.first?.costItems.first?.passes100 == .passed)
    #expect(later.grants.first?.costItems.first?.passes120 == .passed)
    // Without a base rate for the Stichtag the interest a day is not known, and not guessed.
    var noRates = Self.scenario()
    noRates.export.baseRates = []
    let unknown = try Outlook(
      export: noRates.export, grantIDs: ["G"], asOf: day("31.03.2024"), need: .zero, jobs: [], register: nil)
    #expect(unknown.grants.first?.drawdowns.map(OutlookView.daily) == ["—"])
    // A grant that has not begun gets no outlook, and says so.
    let before = try Outlook(
      export: scenario.export, grantIDs: ["G"], asOf: day("31.12.2022"), need: .zero, jobs: [], register: nil)
    #expect(before.grants.isEmpty)
    #expect(
      OutlookView(outlook: before, language: .german).table() == [
        "G: der Bewilligungszeitraum beginnt erst am 01.01.2023; noch keine Vorschau."
      ])
  }

  @Test func theOutlookJSONConformsToItsSchema() throws {
    let schema = try JSONSchemaCheck(path: Paths.root + "/docs/outlook.schema.json")
    for asOf in ["2026-08-15", "2026-10-01", "2027-03-01"] {
      var output: [UInt8] = []
      let job = OutlookJob(
        inputDirectory: Paths.export, grantID: nil, asOf: try #require(CalendarDate(iso: asOf)),
        options: IngestOptions(), need: .zero, jobs: ScheduledJobs(), registerPath: nil, format: .json)
      #expect(job.run(output: { output += $0 }, warn: { _ in }) == .success)
      let value = try JSONSerialization.jsonObject(with: Data(output))
      #expect(schema.violations(of: value) == [])
    }
  }
}

/// `explain` and `outlook` as the binary runs them.
@Suite struct ExplainCommandLineTests {
  @Test func aFigureInEnglishAndTheRefusalsOfTheCommandLine() throws {
    let english = try CommandLineTests.run([
      "explain", "quartalsbericht", "--input", "fixtures/export", "--period", "2026-Q3", "--grant", "MPSC-2021-WUP-B",
      "--lang", "en", "Finanzen/Summe/Abweichung",
    ])
    #expect(english.status == 0)
    #expect(
      english.output == """
        Quartalsbericht 2026-Q3, MPSC-2021-WUP-B, Stichtag 30.09.2026

        Finanzen/Summe/Abweichung = -2.925.638,89 €
        Abweichung = IstKumuliert − PlanBisJahr
          = 7.346.664,11 − 10.272.303,00 = -2.925.638,89

        name                    value  place
        IstKumuliert   7.346.664,11 €  Finanzen/Summe/IstKumuliert
        PlanBisJahr   10.272.303,00 €  Finanzen/Summe/PlanBisJahr

        """)
    let noTarget = try CommandLineTests.run([
      "explain", "quartalsbericht", "--input", "fixtures/export", "--period", "2026-Q3",
    ])
    #expect(noTarget.status == 64)
    #expect(
      noTarget.errors.hasPrefix(
        "Error: bitte genau eines angeben: eine Kennzahl (z. B. Mittel/ZinsenAufgelaufen), --list, --finding REGEL "
          + "oder --findings\n"))
    let noPeriod = try CommandLineTests.run(["explain", "zwischennachweis", "--input", "fixtures/export", "--list"])
    #expect(noPeriod.status == 64)
    #expect(
      noPeriod.errors.hasPrefix("Error: --period fehlt: der Berichtszeitraum, für einen Zwischennachweis z. B. 2025\n"))
    let outlook = try CommandLineTests.run([
      "outlook", "--input", "fixtures/export", "--as-of", "2026-08-15", "--grant", "MPSC-2021-WUP-X",
    ])
    #expect(outlook.status == 64)
    #expect(outlook.output.isEmpty)
  }
}

@Suite struct ExplainMappedFileTests {
  /// A ledger mapped from SAP's FBL3N export: its rows are named as the file the user has.
  @Test func rowsOfAMappedLedgerNameTheUsersFile() throws {
    let configuration = try Configuration.load(path: Paths.fixtures + "/sap/fundreport.yaml")
    var output: [UInt8] = []
    let job = ExplainJob(
      kind: .quartalsbericht, periodID: "2026-Q3", inputDirectory: Paths.fixtures + "/sap", grantID: nil,
      options: configuration.ingest, need: .zero, target: .figure("Finanzen/Summe/IstQuartal"), format: .csv,
      created: fixedCreated)
    #expect(job.run(output: { output += $0 }, warn: { _ in }) == .success)
    let lines = String(decoding: output.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
    #expect(
      lines == [
        "datei;zeile;tabellenzeile;beleg_nr;buchungsdatum;zahlungsdatum;kostenobjekt;sachkonto;massnahme;kostenposition;"
          + "empfaenger;verwendungszweck;zuwendungsfaehig",
        "FBL3N_Export.csv;4;4;B-3;01.07.2026;15.07.2026;PSP-2;5291000;M-2;auftraege;Agentur Süd;Konzept Teil 1;2380,00",
        "FBL3N_Export.csv;7;6;B-4;10.08.2026;20.08.2026;PSP-2;5011000;M-2;personal;Personal;Gehalt Juli;4000,00",
        "",
      ])
  }
}

extension ExplainTests {
  /// A booking beyond Excel's 1.048.576 rows is said to be beyond them.
  @Test func rowsBeyondWhatExcelShowsAreSaidToBe() throws {
    var scenario = Scenario()
    scenario.pay("10.07.2024", 1_000)
    scenario.pay("11.07.2024", 2_000)
    scenario.export.bookings["G"]?[1].spreadsheetRow = 1_048_577
    let lines = try text(
      report(scenario, period: "2024-Q3", created: "2024-10-15T06:00:00Z"), "Finanzen/Summe/IstQuartal"
    )
    .split(separator: "\n").map(String.init)
    #expect(
      lines.last
        == "Hinweis: 1 Buchung liegt jenseits der 1.048.576 Zeilen, die Excel zeigt; sie sind über Datei und Zeile in "
        + "einem Texteditor zu finden, oder in der Ausgabe von --format csv, die nur die Zeilen dieser Summe enthält.")
    #expect(lines.contains { $0.hasPrefix("buchungen.csv         3        1048577  B3") })
  }
}

/// The voucher lists are written field by field into bytes (hundreds of thousands of rows); they say
/// exactly what the row-of-strings writer says, also for the values that need quoting or defusing.
@Suite struct VoucherListCSVTests {
  @Test func fieldByFieldEqualsRowByRow() throws {
    let date = try #require(CalendarDate(iso: "2026-03-05"))
    let early = try #require(CalendarDate(iso: "0987-12-31"))
    func booking(_ line: Int, _ payee: String, _ purpose: String, paid: CalendarDate?, row: Int) -> Booking {
      Booking(
        line: line, voucher: "RE;\"1\"", postingDate: early, paymentDate: paid, costObject: " K.1 ", account: "5011000",
        payee: payee, purpose: purpose, net: .zero, vat: .zero, gross: .zero, grant: "G", measure: "M-1",
        spreadsheetRow: row)
    }
    let rows = [
      ExplainedBooking(
        booking: booking(2, "=HYPERLINK(\"x\")", "Zeile 1\r\nZeile 2\tEnde", paid: date, row: 2), costItem: "personal",
        eligibleAmount: Money(cents: -123_456)),
      ExplainedBooking(
        booking: booking(7, "Müller & Söhne", "-5 Rabatt", paid: nil, row: 0), costItem: "sach;kosten",
        eligibleAmount: Money(cents: 5)),
      ExplainedBooking(
        booking: booking(9, "@home", "\r=1+1", paid: date, row: 8), costItem: "x",
        eligibleAmount: Money(cents: 100_000_000_07)),
    ]
    let export = Export()
    let files = SourcePlaceFinder(export: export)
    var expected = CSVWriter(header: ExplainedBooking.csvColumns, freeText: ["empfaenger", "verwendungszweck"])
    for row in rows {
      let b = row.booking
      expected.append(
        files.place(of: b).cells + [
          b.voucher, b.postingDate.german, b.paymentDate?.german ?? "", b.costObject, b.account, b.measure,
          row.costItem, b.payee, b.purpose, row.eligibleAmount.csvValue,
        ])
    }
    // A finding's places: rows whole, and records of other files.
    let places: [ExplainedFinding.Place] =
      rows.map { .booking($0.booking, files.place(of: $0.booking)) } + [
        .record(RecordPlace(file: "finanz;plan.csv", line: 4, spreadsheetRow: nil)),
        .record(RecordPlace(file: "finanzplan.csv", line: 5, spreadsheetRow: 5)),
      ]
    var placesExpected = CSVWriter(
      header: ExplainedFinding.Place.csvColumns, freeText: ["empfaenger", "verwendungszweck"])
    for place in places { placesExpected.append(place.cells(amount: \.csvValue)) }
    #expect(
      String(decoding: ExplainedFinding.Place.csv(places), as: UTF8.self)
        == String(decoding: placesExpected.bytes, as: UTF8.self))
    let written = ExplainedBooking.csv(rows, files: files)
    #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected.bytes, as: UTF8.self))
    #expect(
      String(decoding: written, as: UTF8.self).components(separatedBy: "\r\n")[1]
        == "buchungen.csv;2;2;\"RE;\"\"1\"\"\";31.12.0987;05.03.2026;\" K.1 \";5011000;M-1;personal;"
        + "\"'=HYPERLINK(\"\"x\"\")\";Zeile 1 Zeile 2 Ende;-1234,56")
  }
}
