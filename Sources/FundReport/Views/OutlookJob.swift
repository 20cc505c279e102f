import Foundation

/// `fundreport outlook`: the outlook of every grant (or one) at a Stichtag, as a table, CSV or JSON.
public struct OutlookJob {
  var inputDirectory: String
  var grantID: String?
  var asOf: CalendarDate
  var options: IngestOptions
  var need: Money
  var jobs: ScheduledJobs
  var registerPath: String?
  var format: ViewFormat
  public var language = Language.german

  public init(
    inputDirectory: String, grantID: String?, asOf: CalendarDate, options: IngestOptions, need: Money,
    jobs: ScheduledJobs, registerPath: String?, format: ViewFormat
  ) {
    self.inputDirectory = inputDirectory
    self.grantID = grantID
    self.asOf = asOf
    self.options = options
    self.need = need
    self.jobs = jobs
    self.registerPath = registerPath
    self.format = format
  }

  public func run(output: ([UInt8]) -> Void, warn: (String) -> Void) -> RunStatus {
    guard ExportLoader.directoryExists(inputDirectory) else {
      warn(language.line(.failed(.inputDirectoryMissing(inputDirectory))))
      return .inputMissing
    }
    // Sums are all an outlook needs: the ledger is read as check reads it.
    var options = options
    options.retention = .defects
    options.keepsVoucherTexts = false
    options.hashing = false
    let loaded: ExportLoader.Result
    switch ViewInput.load(inputDirectory, options: options, language: language, warn: warn) {
    case .loaded(let result): loaded = result
    case .failed(let status): return status
    }
    let diagnostics = loaded.diagnostics
    let export = loaded.export
    let known = Set(export.grants.keys).union(diagnostics.grantsWithErrors).sorted(by: codePointOrder)
    if let grantID, !known.contains(grantID) {
      warn(language.line(.failed(.unknownGrant(grantID, known: known))))
      return .usage
    }
    let (chosen, status) = ViewInput.usableGrants(
      grantID.map { [$0] } ?? known, diagnostics: diagnostics, language: language, warn: warn)
    let built = ViewInput.build(
      registerPath: registerPath, inputDirectory: inputDirectory, language: language, warn: warn
    ) { register in
      try Outlook(export: export, grantIDs: chosen, asOf: asOf, need: need, jobs: jobs.jobs, register: register)
    }
    switch built {
    case .success(let outlook): output(OutlookView(outlook: outlook, language: language).render(format))
    case .failure(let failure): return failure.status
    }
    return status
  }
}

/// Writes an outlook: a table per grant for people; for programs one CSV (a row per figure) or
/// JSON (layout `fundreport-outlook`, version 1, docs/outlook.schema.json).
struct OutlookView {
  let outlook: Outlook
  let language: Language

  func render(_ format: ViewFormat) -> [UInt8] {
    switch format {
    case .table: return Array((table().joined(separator: "\n") + "\n").utf8)
    case .csv: return csv()
    case .xlsx: return WorkbookExport.xlsx(ofCSV: csv(), sheet: "Vorschau") ?? []
    case .json: return json()
    }
  }

  private func column(_ column: ViewColumn) -> String { language.text(.column(column)) }

  /// A daily interest in euros, four decimals: `15,1653… €`; `—` without a base rate.
  static func daily(_ drawdown: Outlook.UnusedDrawdown) -> String {
    guard let numerator = drawdown.dailyInterestNumerator else { return "—" }
    return InterestText.exact(numerator, per: InterestText.numeratorPerEuro, digits: 4, ellipsis: true) + " €"
  }

  func table() -> [String] {
    var out: [String] = []
    for (grant, start) in outlook.notStarted {
      out.append(language.text(.outlookNotStarted(grant: grant, start: start)))
    }
    for item in outlook.grants {
      if !out.isEmpty { out.append("") }
      out.append(language.text(.outlookHeading(grant: item.grant.id, recipient: item.grant.recipient, asOf: item.asOf)))
      out.append("")
      out.append(language.text(.outlookSection(.drawdowns)))
      if item.drawdowns.isEmpty {
        out.append("  " + language.text(.outlookNoUnusedMoney))
      } else {
        let header = [
          ViewColumn.drawdownNumber, .receiptDate, .windowEnd, .unused, .rate, .dailyInterest, .interest, .state,
        ]
        .map(column)
        let rows = item.drawdowns.map { drawdown in
          [
            drawdown.number, drawdown.received.german, drawdown.windowEnd.german,
            InterestText.amount(drawdown.unusedUnits) + " €", drawdown.basisPoints.map(InterestText.rate) ?? "—",
            Self.daily(drawdown), drawdown.interestSoFar.display,
            language.text(.windowState(windowEnd: drawdown.windowEnd, asOf: item.asOf)),
          ]
        }
        out += TextTable.render([header] + rows, rightAligned: [3, 4, 5, 6]).map { "  " + $0 }
      }
      if let year = item.year {
        out.append("")
        out.append(language.text(.outlookSection(.year(year.year))))
        out.append("  " + language.text(.yearPlan(year: year.year, plan: year.plan, actual: year.actual)))
        for target in year.targets { out.append("  " + language.text(.yearTarget(target))) }
        out.append(
          "  " + language.text(.yearProjection(year: year.year, projected: year.projectedYearEnd, plan: year.plan)))
        out.append("  " + language.text(.lapseRule(applies: year.lapseRuleApplies)))
      }
      out.append("")
      out.append(language.text(.outlookSection(.costItems)))
      let header = [
        ViewColumn.costItem, .planAmount, .eligible, .utilization, .lastTwelveMonths, .passes100, .passes120,
      ]
      .map(column)
      let rows = item.costItems.map { pace in
        [
          pace.costItem, pace.plan.display, pace.actual.display,
          pace.plan.cents > 0
            ? Hundredths(Rounding.divideRoundingHalfAwayFromZero(pace.actual.cents * 10_000, by: pace.plan.cents))
              .display : "",
          pace.lastTwelveMonths.display, language.text(.projection(pace.passes100)),
          language.text(.projection(pace.passes120)),
        ]
      }
      out += TextTable.render([header] + rows, rightAligned: [1, 2, 3, 4]).map { "  " + $0 }
      out.append("")
      out.append(language.text(.outlookSection(.dues(days: Outlook.dueDays))))
      if item.dues.isEmpty {
        out.append("  " + language.text(.noDues(days: Outlook.dueDays)))
      } else {
        out += TextTable.render(DeadlineTable.rows(item.dues, asOf: item.asOf, language: language)).map { "  " + $0 }
      }
      out.append("")
      out.append(language.text(.outlookSection(.request)))
      out.append("  " + language.text(.requestToday(item.request, asOf: item.asOf)))
    }
    return out
  }

  // MARK: CSV: one row per figure

  private func csv() -> [UInt8] {
    var writer = CSVWriter(header: [
      "foerderkennzeichen", "bereich", "gegenstand", "kennzahl", "wert", "datum", "prognose",
    ])
    for item in outlook.grants {
      let id = item.grant.id
      func row(_ area: String, _ subject: String, _ figure: String, _ value: String, _ date: String, projection: Bool) {
        writer.append([id, area, subject, figure, value, date, projection ? "ja" : "nein"])
      }
      for drawdown in item.drawdowns {
        row("abruf", drawdown.number, "eingangsdatum", "", drawdown.received.german, projection: false)
        row("abruf", drawdown.number, "fristende", "", drawdown.windowEnd.german, projection: false)
        row(
          "abruf", drawdown.number, "nicht_verwendet",
          ExplainView.decimalComma(InterestText.machineAmount(drawdown.unusedUnits)),
          "", projection: false)
        if let basisPoints = drawdown.basisPoints, let daily = drawdown.dailyInterestNumerator {
          row("abruf", drawdown.number, "zinssatz", Money.format(basisPoints, separator: ","), "", projection: false)
          row(
            "abruf", drawdown.number, "zinsen_je_tag", ExplainView.decimalComma(InterestText.machineInterest(daily)),
            drawdown.windowEnd.adding(days: 1).german, projection: true)
        }
        row("abruf", drawdown.number, "zinsen_bisher", drawdown.interestSoFar.csvValue, "", projection: false)
      }
      if let year = item.year {
        let subject = String(year.year)
        row("jahr", subject, "plan_jahr", year.plan.csvValue, "", projection: false)
        row("jahr", subject, "ist_jahr", year.actual.csvValue, item.asOf.german, projection: false)
        for target in year.targets {
          row("jahr", subject, "ziel_\(target.percent)", target.amount.csvValue, target.by.german, projection: false)
          row("jahr", subject, "fehlt_\(target.percent)", target.missing.csvValue, target.by.german, projection: false)
          if let perMonth = target.perMonth {
            row("jahr", subject, "je_monat_\(target.percent)", perMonth.csvValue, target.by.german, projection: false)
          }
        }
        row(
          "jahr", subject, "ist_jahr_31_12", year.projectedYearEnd.csvValue,
          CalendarDate.lastDay(ofYear: year.year, month: 12).german, projection: true)
      }
      for pace in item.costItems {
        row("kostenposition", pace.costItem, "plan_gesamt", pace.plan.csvValue, "", projection: false)
        row("kostenposition", pace.costItem, "ist_kumuliert", pace.actual.csvValue, item.asOf.german, projection: false)
        row(
          "kostenposition", pace.costItem, "ist_12_monate", pace.lastTwelveMonths.csvValue, item.asOf.german,
          projection: false)
        for (name, projection) in [("ueber_100", pace.passes100), ("ueber_120", pace.passes120)] {
          row("kostenposition", pace.costItem, name, Self.csvProjection(projection), "", projection: true)
        }
      }
      for due in item.dues {
        row("frist", "\(due.kind.rawValue) \(due.period)", "faellig", "", due.due.german, projection: false)
      }
      row(
        "mittelabruf", item.asOf.iso, "abrufbetrag", item.request.request.csvValue, item.asOf.german, projection: false)
    }
    return writer.bytes
  }

  /// `bereits`, `nie` or `MM.YYYY`.
  static func csvProjection(_ projection: Outlook.Projection) -> String {
    switch projection {
    case .passed: return "bereits"
    case .never: return "nie"
    case .month(let year, let month, _): return "\(month < 10 ? "0" : "")\(month).\(year)"
    }
  }

  // MARK: JSON

  private func json() -> [UInt8] {
    let value = OutlookJSON(
      grants: outlook.grants.map { item in
        OutlookJSON.Grant(
          grant: item.grant.id, asOf: item.asOf.iso,
          drawdowns: item.drawdowns.map { drawdown in
            OutlookJSON.Drawdown(
              drawdown: drawdown.number, receiptDate: drawdown.received.iso, windowEnd: drawdown.windowEnd.iso,
              unused: InterestText.machineAmount(drawdown.unusedUnits),
              rate: drawdown.basisPoints.map { Hundredths($0).xmlValue },
              dailyInterest: drawdown.dailyInterestNumerator.map(InterestText.machineInterest),
              interestSoFar: drawdown.interestSoFar.xmlValue, accruing: item.asOf > drawdown.windowEnd)
          },
          year: item.year.map { year in
            OutlookJSON.Year(
              year: year.year, plan: year.plan.xmlValue, actual: year.actual.xmlValue,
              lapseRuleApplies: year.lapseRuleApplies,
              targets: year.targets.map { target in
                OutlookJSON.Target(
                  percent: target.percent, by: target.by.iso, amount: target.amount.xmlValue,
                  missing: target.missing.xmlValue, months: target.months, perMonth: target.perMonth?.xmlValue)
              }, projectedYearEnd: OutlookJSON.Projected(value: year.projectedYearEnd.xmlValue))
          },
          costItems: item.costItems.map { pace in
            OutlookJSON.CostItem(
              costItem: pace.costItem, plan: pace.plan.xmlValue, actual: pace.actual.xmlValue,
              lastTwelveMonths: pace.lastTwelveMonths.xmlValue, passes100: Self.jsonProjection(pace.passes100),
              passes120: Self.jsonProjection(pace.passes120))
          },
          dues: item.dues.map { OutlookJSON.Due(kind: $0.kind.rawValue, period: $0.period, due: $0.due.iso) },
          request: OutlookJSON.Request(
            need: item.request.need.xmlValue, request: item.request.request.xmlValue, useBy: item.request.useBy.iso))
      }, notStarted: outlook.notStarted.map { OutlookJSON.NotStarted(grant: $0.grant, start: $0.start.iso) })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return Array((try? encoder.encode(value)) ?? Data("{}".utf8)) + [0x0A]
  }

  static func jsonProjection(_ projection: Outlook.Projection) -> OutlookJSON.Projection {
    switch projection {
    case .passed: return OutlookJSON.Projection(state: "passed", month: nil, afterGrantEnd: nil)
    case .never: return OutlookJSON.Projection(state: "never", month: nil, afterGrantEnd: nil)
    case .month(let year, let month, let after):
      return OutlookJSON.Projection(
        state: "projected", month: String(format4: year) + "-" + (month < 10 ? "0" : "") + String(month),
        afterGrantEnd: after)
    }
  }
}

/// The JSON layout of `outlook` (docs/outlook.schema.json). Every projected value is an object
/// with `"projection": true`, or a `Projection` with its state.
struct OutlookJSON: Encodable {
  var layout = "fundreport-outlook"
  var version = 1
  var grants: [Grant]
  var notStarted: [NotStarted]

  struct Grant: Encodable {
    var grant: String
    var asOf: String
    var drawdowns: [Drawdown]
    var year: Year?
    var costItems: [CostItem]
    var dues: [Due]
    var request: Request
  }

  struct Drawdown: Encodable {
    var drawdown: String
    var receiptDate: String
    var windowEnd: String
    var unused: String
    /// nil: basiszinssatz.csv has no rate for the Stichtag.
    var rate: String?
    /// At the current rate, from the day after the window end (a projection).
    var dailyInterest: String?
    var interestSoFar: String
    var accruing: Bool
  }

  struct Year: Encodable {
    var year: Int
    var plan: String
    var actual: String
    var lapseRuleApplies: Bool
    var targets: [Target]
    var projectedYearEnd: Projected
  }

  struct Target: Encodable {
    var percent: Int
    var by: String
    var amount: String
    var missing: String
    var months: Int
    var perMonth: String?
  }

  struct Projected: Encodable {
    var value: String
    var projection = true
  }

  struct CostItem: Encodable {
    var costItem: String
    var plan: String
    var actual: String
    var lastTwelveMonths: String
    var passes100: Projection
    var passes120: Projection
  }

  struct Projection: Encodable {
    var state: String
    var month: String?
    var afterGrantEnd: Bool?
    var projection = true
  }

  struct Due: Encodable {
    var kind: String
    var period: String
    var due: String
  }

  struct Request: Encodable {
    var need: String
    var request: String
    var useBy: String
  }

  struct NotStarted: Encodable {
    var grant: String
    var start: String
  }
}
