import Foundation

/// Writes explanations as a table for people, or as CSV (the interface's conventions) and JSON
/// (docs/explain-json.md, layout `fundreport-explain`, version 1) for programs.
struct ExplainView {
  let report: ExplainedReport
  let language: Language
  let showsAll: Bool
  /// Rows a table shows before "… und N weitere".
  static let tableRows = 20
  /// The rows of an Excel worksheet (since Excel 2007): a record beyond it is not shown by Excel.
  static let spreadsheetRowLimit = 1_048_576

  private var input: ReportInput { report.input }

  private var heading: String {
    language.text(
      .reportHeading(
        kind: input.period.kind, period: input.period.id, grant: input.grant.id, stichtag: input.period.stichtag))
  }

  // MARK: The list of figures

  func list(_ format: ViewFormat) -> [UInt8] {
    switch format {
    case .table:
      let rows = report.figures.map { [$0.place, Self.display($0.value, place: $0.place)] }
      return lines([heading, ""] + TextTable.render([[column(.place), column(.value)]] + rows, rightAligned: [1]))
    case .csv:
      var writer = CSVWriter(header: ["ort", "wert"])
      for figure in report.figures { writer.append([figure.place, figure.value]) }
      return writer.bytes
    case .xlsx: return WorkbookExport.xlsx(ofCSV: list(.csv), sheet: "Kennzahlen") ?? []
    case .json:
      return json(
        ExplainJSON(
          report: reportJSON, figures: report.figures.map { ExplainJSON.Figure(place: $0.place, value: $0.value) },
          findings: nil))
    }
  }

  /// A figure as the report writes it, as a controller reads it: `1.234,56 €`, `58,01 %`, `30.09.2026`, `99,5`.
  static func display(_ value: String, place: String) -> String {
    let name = FigurePath(place)?.last ?? place
    if let date = CalendarDate(iso: value) { return date.german }
    if ["AuslastungProzent", "Foerderquote", "Fortschritt"].contains(name),
      let hundredths = DeliveryDiff.FigureChange.cents(value)
    {
      return Hundredths(hundredths).display
    }
    if ["Zielwert", "Istwert"].contains(name) { return String(value.map { $0 == "." ? "," : $0 }) }
    if let cents = DeliveryDiff.FigureChange.cents(value) { return Money(cents: cents).display }
    return value
  }

  // MARK: One figure

  func figure(_ explanation: Explanation, _ format: ViewFormat) -> [UInt8] {
    switch format {
    case .table: return lines(table(explanation))
    case .csv: return csv(explanation)
    case .xlsx: return WorkbookExport.xlsx(ofCSV: csv(explanation), sheet: "Erklaerung") ?? []
    case .json: return json(ExplainJSON(report: reportJSON, figures: [figureJSON(explanation)], findings: nil))
    }
  }

  private func title(_ explanation: Explanation) -> String { language.text(.figure(explanation.figure)) }

  private func table(_ explanation: Explanation) -> [String] {
    var out = [heading, "", "\(explanation.place) = \(explanation.value.display)"]
    if explanation.figure.scope != .grant { out.append(title(explanation)) }
    switch explanation.method {
    case .ledgerSum(let selection, let rows):
      out.append(language.text(.sumOfLedger(selection, rows: rows.count)))
      out.append("")
      out += rowsTable(
        header: bookingColumns.map(column), rows: rows.map { bookingCells($0.booking, $0.costItem, $0.eligibleAmount) },
        total: rows.sum(\.eligibleAmount), rightAligned: [1, 2, bookingColumns.count - 1])
      let beyond = rows.count { $0.booking.spreadsheetRow > Self.spreadsheetRowLimit }
      if beyond > 0 { out.append(language.text(.beyondSpreadsheet(beyond, limit: Self.spreadsheetRowLimit))) }
    case .planSum(let filter, let rows):
      out.append(language.text(.sumOfPlan(filter, rows: rows.count)))
      out.append("")
      out += rowsTable(
        header: planColumns.map(column), rows: rows.map(planCells), total: rows.sum(\.value.amount),
        rightAligned: [1, 2, 5, 6])
    case .drawdownSum(let filter, let rows):
      out.append(language.text(.sumOfDrawdowns(filter, rows: rows.count)))
      out.append("")
      out += rowsTable(
        header: drawdownColumns.map(column), rows: rows.map(drawdownCells), total: rows.sum(\.value.amount),
        rightAligned: [1, 2, 6])
    case .formula(let formula):
      out.append(FormulaText.definition(formula, result: explanation.figure.name))
      out.append("  = " + FormulaText.calculation(formula, result: explanation.value))
      out.append("")
      out += TextTable.render(
        [[column(.name), column(.value), column(.place)]]
          + formula.operands.map { [$0.name, $0.value.display, $0.place ?? ""] }, rightAligned: [1])
    case .interest(let entries, _):
      out += interestTable(entries, total: explanation.value)
    case .input(let value):
      out.append(language.text(.inputValue(value)))
    case .count(let items):
      out.append(language.text(.countOf(items)))
    case .milestoneStatus(let planned, let actual, let stichtag):
      out.append(language.text(.milestoneStatusRule(planned: planned, actual: actual, stichtag: stichtag)))
    case .voucherListFile:
      out.append(language.text(.voucherListFile))
    }
    return out
  }

  private func interestTable(_ entries: [DrawdownInterest.Entry], total: ExplainedValue) -> [String] {
    var out = [language.text(.interestRule)]
    let charged = entries.filter { !$0.portions.isEmpty }
    out.append(
      "ZinsenAufgelaufen = " + (charged.isEmpty ? "0,00" : charged.map { $0.interest.grouped }.joined(separator: " + "))
        + " = " + FormulaText.number(total))
    for entry in charged {
      out.append("")
      let drawdown = entry.drawdown
      out.append(
        language.text(
          .interestDrawdown(
            number: drawdown.number, amount: drawdown.amount, received: drawdown.receiptDate,
            place: report.explainer.files.place(ExportLoader.InputFile.mittelabrufe.rawValue, line: drawdown.line),
            windowEnd: entry.windowEnd, window: input.grant.spendingWindow.description)))
      out.append(
        language.text(
          .queueInterval(
            from: InterestText.amount(entry.queue.lowerBound), to: InterestText.amount(entry.queue.upperBound))))
      let header = [ViewColumn.amount, .usedOn, .daysFrom, .daysThrough, .days, .rate, .interest].map(column)
      var rows: [[String]] = []
      for portion in entry.portions {
        for (index, segment) in portion.segments.enumerated() {
          rows.append([
            index == 0 ? InterestText.amount(portion.amount) : "",
            index == 0 ? (portion.usedOn?.german ?? language.text(.unusedAtStichtag)) : "",
            segment.from.german, segment.through.german, String(segment.days), InterestText.rate(segment.basisPoints),
            InterestText.value(portion, segment),
          ])
        }
      }
      out += TextTable.render([header] + rows, rightAligned: [0, 4, 5, 6]).map { "  " + $0 }
      out.append(InterestText.summary(entry, language: language))
      out.append(language.text(.interestRounded(exact: InterestText.exactTotal(entry), rounded: entry.interest)))
    }
    let free = entries.filter { $0.portions.isEmpty }.map(\.drawdown.number)
    if !free.isEmpty {
      out.append("")
      out.append(language.text(.interestNone(free)))
    }
    return out
  }

  /// A table of rows, cut after ``tableRows`` unless all are asked for, with its total.
  private func rowsTable(header: [String], rows: [[String]], total: Money, rightAligned: Set<Int>) -> [String] {
    let shown = showsAll ? rows : Array(rows.prefix(Self.tableRows))
    let totalRow =
      [language.text(.rowsTotal(rows.count))] + Array(repeating: "", count: header.count - 2) + [
        total.display
      ]
    var out = TextTable.render([header] + shown + [totalRow], rightAligned: rightAligned)
    if shown.count < rows.count, let last = out.popLast() {
      out.append(language.text(.more(rows.count - shown.count)))
      out.append(last)
    }
    return out
  }

  // MARK: Findings

  func findings(_ findings: [ExplainedFinding], _ format: ViewFormat) -> [UInt8] {
    switch format {
    case .table:
      var out = [heading, ""]
      if findings.isEmpty { out.append(language.text(.noFindings)) }
      for item in findings {
        let finding = item.finding
        out.append(
          language.text(
            .findingHeading(rule: finding.rule.rawValue, severity: finding.severity.name, amount: finding.amount)))
        out.append(Self.terminalSafe(finding.message))
        if finding.rule == .offen { out.append(language.text(.unpaidRowsListed(item.places.count))) }
        if !item.places.isEmpty {
          // Records of other files than the ledger show where they are, not booking columns.
          let bookings = item.places.contains { if case .booking = $0 { return true } else { return false } }
          let header = (bookings ? findingColumns : [.file, .line, .spreadsheetRow]).map(column)
          let rows = item.places.map { Array(findingCells($0).prefix(header.count)) }
          let shown = showsAll ? rows : Array(rows.prefix(Self.tableRows))
          out += TextTable.render([header] + shown, rightAligned: bookings ? [1, 2, header.count - 1] : [1, 2]).map {
            "  " + $0
          }
          if shown.count < rows.count { out.append("  " + language.text(.more(rows.count - shown.count))) }
        }
        out.append("")
      }
      while out.last == "" { out.removeLast() }
      return lines(out)
    case .csv:
      var writer = CSVWriter(
        header: ["regel", "schwere"] + ExplainedFinding.Place.csvColumns + ["meldung"],
        freeText: ["empfaenger", "verwendungszweck", "meldung"])
      for item in findings {
        let prefix = [item.finding.rule.rawValue, item.finding.severity.name]
        if item.places.isEmpty {
          writer.append(
            prefix + Array(repeating: "", count: ExplainedFinding.Place.csvColumns.count) + [item.finding.message])
        }
        for place in item.places { writer.append(prefix + place.cells(amount: \.csvValue) + [item.finding.message]) }
      }
      return writer.bytes
    case .xlsx: return WorkbookExport.xlsx(ofCSV: self.findings(findings, .csv), sheet: "Befunde") ?? []
    case .json:
      return json(ExplainJSON(report: reportJSON, figures: nil, findings: findings.map(findingJSON)))
    }
  }

  // MARK: Cells

  private func column(_ column: ViewColumn) -> String { language.text(.column(column)) }

  private let bookingColumns: [ViewColumn] = [
    .file, .line, .spreadsheetRow, .voucher, .postingDate, .paymentDate, .costObject, .account, .measure, .costItem,
    .payee, .purpose, .eligible,
  ]
  private let planColumns: [ViewColumn] = [.file, .line, .spreadsheetRow, .measure, .costItem, .year, .planAmount]
  private let drawdownColumns: [ViewColumn] = [
    .file, .line, .spreadsheetRow, .drawdownNumber, .requestDate, .receiptDate, .amount,
  ]
  private let findingColumns: [ViewColumn] = [
    .file, .line, .spreadsheetRow, .voucher, .postingDate, .paymentDate, .costObject, .account, .payee, .purpose,
    .gross,
  ]

  private func bookingCells(_ booking: Booking, _ costItem: String, _ eligible: Money) -> [String] {
    report.explainer.files.place(of: booking).cells + [
      booking.voucher, booking.postingDate.german, booking.paymentDate?.german ?? "", booking.costObject,
      booking.account, booking.measure, costItem, Self.terminalSafe(booking.payee), Self.terminalSafe(booking.purpose),
      eligible.display,
    ]
  }

  private func planCells(_ row: SourceRecord<PlanEntry>) -> [String] {
    row.place.cells + [row.value.measure, row.value.costItem, String(row.value.year), row.value.amount.display]
  }

  private func drawdownCells(_ row: SourceRecord<Drawdown>) -> [String] {
    row.place.cells + [
      row.value.number, row.value.requestDate.german, row.value.receiptDate?.german ?? "", row.value.amount.display,
    ]
  }

  private func findingCells(_ place: ExplainedFinding.Place) -> [String] {
    place.cells(amount: \.display, text: Self.terminalSafe)
  }

  // MARK: CSV

  private func csv(_ explanation: Explanation) -> [UInt8] {
    switch explanation.method {
    case .ledgerSum(_, let rows): return ExplainedBooking.csv(rows, files: report.explainer.files)
    case .planSum(_, let rows):
      var writer = CSVWriter(header: [
        "datei", "zeile", "tabellenzeile", "massnahme", "kostenposition", "jahr", "planbetrag",
      ])
      for row in rows {
        writer.append(
          row.place.cells + [
            row.value.measure, row.value.costItem, String(row.value.year), row.value.amount.csvValue,
          ])
      }
      return writer.bytes
    case .drawdownSum(_, let rows):
      var writer = CSVWriter(
        header: ["datei", "zeile", "tabellenzeile", "abruf_nr", "abrufdatum", "eingangsdatum", "betrag"])
      for row in rows {
        writer.append(
          row.place.cells + [
            row.value.number, row.value.requestDate.german, row.value.receiptDate?.german ?? "",
            row.value.amount.csvValue,
          ])
      }
      return writer.bytes
    case .interest(let entries, _):
      var writer = CSVWriter(header: [
        "abruf_nr", "eingangsdatum", "fristende", "betrag", "verwendet_am", "zinstage_von", "zinstage_bis", "tage",
        "zinssatz", "zinsen",
      ])
      for entry in entries {
        for portion in entry.portions {
          for segment in portion.segments {
            writer.append([
              entry.drawdown.number, entry.drawdown.receiptDate?.german ?? "", entry.windowEnd.german,
              Self.decimalComma(InterestText.machineAmount(portion.amount)), portion.usedOn?.german ?? "",
              segment.from.german, segment.through.german, String(segment.days),
              Money.format(segment.basisPoints, separator: ","),
              Self.decimalComma(
                InterestText.machineInterest(
                  Int128(portion.amount) * Int128(segment.basisPoints) * Int128(segment.days))),
            ])
          }
        }
      }
      return writer.bytes
    case .formula(let formula):
      var writer = CSVWriter(header: ["ort", "name", "wert"])
      writer.append([explanation.place, explanation.figure.name, explanation.value.csvValue])
      for operand in formula.operands { writer.append([operand.place ?? "", operand.name, operand.value.csvValue]) }
      return writer.bytes
    case .input, .count, .milestoneStatus, .voucherListFile:
      var writer = CSVWriter(header: ["ort", "name", "wert"])
      writer.append([explanation.place, explanation.figure.name, explanation.value.csvValue])
      return writer.bytes
    }
  }

  // MARK: JSON

  private var reportJSON: ExplainJSON.Report {
    ExplainJSON.Report(
      kind: input.period.kind.rawValue, period: input.period.id, grant: input.grant.id,
      stichtag: input.period.stichtag.iso)
  }

  private func recordJSON(_ place: RecordPlace) -> ExplainJSON.Row {
    ExplainJSON.Row(file: place.file, line: place.line, spreadsheetRow: place.spreadsheetRow)
  }

  private func bookingJSON(_ booking: Booking, costItem: String?, eligible: Money?) -> ExplainJSON.Row {
    var row = recordJSON(report.explainer.files.place(of: booking))
    row.voucher = booking.voucher
    row.postingDate = booking.postingDate.iso
    row.paymentDate = booking.paymentDate?.iso
    row.costObject = booking.costObject
    row.account = booking.account
    row.measure = booking.measure
    row.costItem = costItem
    row.payee = booking.payee
    row.purpose = booking.purpose
    row.gross = eligible == nil ? booking.gross.xmlValue : nil
    row.eligible = eligible?.xmlValue
    return row
  }

  private func figureJSON(_ explanation: Explanation) -> ExplainJSON.Figure {
    var figure = ExplainJSON.Figure(place: explanation.place, value: explanation.value.xmlValue)
    figure.title = title(explanation)
    figure.display = explanation.value.display
    switch explanation.method {
    case .ledgerSum(let selection, let rows):
      figure.method = "ledgerSum"
      figure.description = language.text(.sumOfLedger(selection, rows: rows.count))
      figure.rows = rows.map { bookingJSON($0.booking, costItem: $0.costItem, eligible: $0.eligibleAmount) }
    case .planSum(let filter, let rows):
      figure.method = "planSum"
      figure.description = language.text(.sumOfPlan(filter, rows: rows.count))
      figure.rows = rows.map { row in
        var json = recordJSON(row.place)
        json.measure = row.value.measure
        json.costItem = row.value.costItem
        json.year = row.value.year
        json.amount = row.value.amount.xmlValue
        return json
      }
    case .drawdownSum(let filter, let rows):
      figure.method = "drawdownSum"
      figure.description = language.text(.sumOfDrawdowns(filter, rows: rows.count))
      figure.rows = rows.map { row in
        var json = recordJSON(row.place)
        json.drawdown = row.value.number
        json.requestDate = row.value.requestDate.iso
        json.receiptDate = row.value.receiptDate?.iso
        json.amount = row.value.amount.xmlValue
        return json
      }
    case .formula(let formula):
      figure.method = "formula"
      figure.formula = FormulaText.definition(formula, result: explanation.figure.name)
      figure.calculation = FormulaText.calculation(formula, result: explanation.value)
      figure.operands = formula.operands.map {
        ExplainJSON.Operand(place: $0.place, name: $0.name, value: $0.value.xmlValue)
      }
    case .interest(let entries, let files):
      figure.method = "interest"
      figure.description = language.text(.interestRule)
      figure.interest = entries.map { entry in
        ExplainJSON.Drawdown(
          drawdown: entry.drawdown.number, amount: entry.drawdown.amount.xmlValue,
          receiptDate: entry.drawdown.receiptDate?.iso, windowEnd: entry.windowEnd.iso,
          source: recordJSON(files.place(ExportLoader.InputFile.mittelabrufe.rawValue, line: entry.drawdown.line)),
          queueFrom: InterestText.machineAmount(entry.queue.lowerBound),
          queueTo: InterestText.machineAmount(entry.queue.upperBound),
          portions: entry.portions.map { portion in
            ExplainJSON.Portion(
              amount: InterestText.machineAmount(portion.amount), usedOn: portion.usedOn?.iso, from: portion.from.iso,
              through: portion.through.iso,
              segments: portion.segments.map { segment in
                ExplainJSON.Segment(
                  from: segment.from.iso, through: segment.through.iso, days: segment.days,
                  rate: Hundredths(segment.basisPoints).xmlValue,
                  interest: InterestText.machineInterest(
                    Int128(portion.amount) * Int128(segment.basisPoints) * Int128(segment.days)))
              }, interest: InterestText.machineInterest(portion.numerator))
          }, exact: InterestText.machineInterest(entry.portions.reduce(Int128(0)) { $0 + $1.numerator }),
          interest: entry.interest.xmlValue, formula: InterestText.line(entry))
      }
    case .input(let value):
      figure.method = "input"
      figure.description = language.text(.inputValue(value))
      figure.source = value.place.map(recordJSON)
    case .count(let items):
      figure.method = "count"
      figure.description = language.text(.countOf(items))
      figure.items = items
    case .milestoneStatus(let planned, let actual, let stichtag):
      figure.method = "rule"
      figure.description = language.text(.milestoneStatusRule(planned: planned, actual: actual, stichtag: stichtag))
    case .voucherListFile:
      figure.method = "deliveryFile"
      figure.description = language.text(.voucherListFile)
    }
    return figure
  }

  private func findingJSON(_ item: ExplainedFinding) -> ExplainJSON.Finding {
    ExplainJSON.Finding(
      rule: item.finding.rule.rawValue, severity: item.finding.severity.name, message: item.finding.message,
      amount: item.finding.amount?.xmlValue,
      places: item.places.map { place in
        switch place {
        case .booking(let booking, _): return bookingJSON(booking, costItem: nil, eligible: nil)
        case .record(let location): return recordJSON(location)
        }
      })
  }

  private func json(_ value: ExplainJSON) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
    return Array(data) + [0x0A]
  }

  private func lines(_ lines: [String]) -> [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }

  /// `7107.525` as the CSV reports write decimals: `7107,525`.
  static func decimalComma(_ value: String) -> String { String(value.map { $0 == "." ? "," : $0 }) }

  /// Input text as a terminal shows it safely: control characters (escape sequences, line
  /// breaks inside a field) become spaces.
  static func terminalSafe(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { scalar in
          scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? " " : scalar
        }))
  }
}

/// The JSON layout of `explain` (docs/explain-json.md): amounts and percentages as strings in the
/// interface's XML form (`"1690214.90"`), dates `YYYY-MM-DD`; keys sorted, absent values left out.
struct ExplainJSON: Encodable {
  var layout = "fundreport-explain"
  var version = 1
  var report: Report
  var figures: [Figure]?
  var findings: [Finding]?

  struct Report: Encodable {
    var kind: String
    var period: String
    var grant: String
    var stichtag: String
  }

  struct Figure: Encodable {
    var place: String
    var value: String
    var title: String?
    var display: String?
    var method: String?
    var description: String?
    var formula: String?
    var calculation: String?
    var operands: [Operand]?
    var rows: [Row]?
    var interest: [Drawdown]?
    var source: Row?
    var items: [String]?

    init(place: String, value: String) {
      self.place = place
      self.value = value
    }
  }

  struct Operand: Encodable {
    var place: String?
    var name: String
    var value: String
  }

  /// A record of an input file: where it is, and the fields of its kind.
  struct Row: Encodable {
    var file: String
    var line: Int
    var spreadsheetRow: Int?
    var voucher: String?
    var postingDate: String?
    var paymentDate: String?
    var costObject: String?
    var account: String?
    var measure: String?
    var costItem: String?
    var payee: String?
    var purpose: String?
    var gross: String?
    var eligible: String?
    var year: Int?
    var drawdown: String?
    var requestDate: String?
    var receiptDate: String?
    var amount: String?

    init(file: String, line: Int, spreadsheetRow: Int?) {
      self.file = file
      self.line = line
      self.spreadsheetRow = spreadsheetRow
    }
  }

  struct Drawdown: Encodable {
    var drawdown: String
    var amount: String
    var receiptDate: String?
    var windowEnd: String
    var source: Row
    var queueFrom: String
    var queueTo: String
    var portions: [Portion]
    var exact: String
    var interest: String
    var formula: String
  }

  struct Portion: Encodable {
    var amount: String
    var usedOn: String?
    var from: String
    var through: String
    var segments: [Segment]
    var interest: String
  }

  struct Segment: Encodable {
    var from: String
    var through: String
    var days: Int
    var rate: String
    var interest: String
  }

  struct Finding: Encodable {
    var rule: String
    var severity: String
    var message: String
    var amount: String?
    var places: [Row]
  }
}

extension ExplainedBooking {
  /// The columns of a sum's rows as CSV (`explain … --format csv`, the dashboard's voucher lists).
  static let csvColumns = [
    "datei", "zeile", "tabellenzeile", "beleg_nr", "buchungsdatum", "zahlungsdatum", "kostenobjekt", "sachkonto",
    "massnahme", "kostenposition", "empfaenger", "verwendungszweck", "zuwendungsfaehig",
  ]

  /// `rows` as CSV in ``csvColumns``, each with where a person finds it.
  static func csv(_ rows: [ExplainedBooking], files: SourcePlaceFinder) -> [UInt8] {
    var writer = CSVWriter(header: csvColumns, freeText: ["empfaenger", "verwendungszweck"])
    // Field by field into the bytes: a grant's list has hundreds of thousands of rows.
    writer.reserveCapacity(rows.count * 160)
    let file = Array(CSVWriter.field(files.ledgerFileName, isFreeText: false).utf8)
    for row in rows {
      let booking = row.booking
      writer.appendPlace(
        file: file, line: booking.line, spreadsheetRow: booking.spreadsheetRow > 0 ? booking.spreadsheetRow : nil)
      writer.appendVoucherFields(booking, firstColumn: 3)
      writer.appendNextField(booking.measure, column: 8)
      writer.appendNextField(row.costItem, column: 9)
      writer.appendNextField(booking.payee, column: 10)
      writer.appendNextField(booking.purpose, column: 11)
      writer.appendSeparator()
      writer.appendAmount(row.eligibleAmount)
      writer.endRecord()
    }
    return writer.bytes
  }
}

extension CSVWriter {
  /// `datei;zeile;tabellenzeile` of a listed record (`file` encoded once by the caller), at a record's start.
  mutating func appendPlace(file: [UInt8], line: Int, spreadsheetRow: Int?) {
    appendBytes(file)
    appendSeparator()
    appendDecimal(line)
    appendSeparator()
    if let spreadsheetRow { appendDecimal(spreadsheetRow) }
  }

  /// `;beleg_nr;buchungsdatum;zahlungsdatum;kostenobjekt;sachkonto` of a booking, from column `firstColumn`.
  mutating func appendVoucherFields(_ booking: Booking, firstColumn: Int) {
    appendNextField(booking.voucher, column: firstColumn)
    appendSeparator()
    appendDate(booking.postingDate)
    appendSeparator()
    if let paid = booking.paymentDate { appendDate(paid) }
    appendNextField(booking.costObject, column: firstColumn + 3)
    appendNextField(booking.account, column: firstColumn + 4)
  }

  /// `;` and the field of column `column`.
  mutating func appendNextField(_ value: String, column: Int) {
    appendSeparator()
    appendField(value, column: column)
  }
}
