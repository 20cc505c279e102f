import XMLSupport

/// How a view is written: a German (or English) table for people, CSV and JSON for programs, or an
/// Excel workbook of the CSV's table with typed cells (for people who go on in Excel).
public enum ViewFormat: String, Sendable, CaseIterable {
  case table
  case csv
  case json
  case xlsx
}

/// `fundreport explain`: the figures of one report, each traced to its formula, its numbers and
/// its input records, and the findings with the records they name.
///
/// The report is made exactly as `fundreport report` makes it (validated, in memory, nothing
/// written); every explanation's value is compared with the figure of that report, and one that
/// differs is an internal error, never shown.
public struct ExplainJob {
  /// What to explain.
  public enum Target: Sendable, Equatable {
    /// Every figure of the report with its value.
    case list
    /// One figure, by its place (`Mittel/ZinsenAufgelaufen`).
    case figure(String)
    /// The findings, all or of one rule, with the records of their places.
    case findings(rule: String?)
  }

  var kind: ReportKind
  var periodID: String
  var inputDirectory: String
  var grantID: String?
  var options: IngestOptions
  var need: Money
  var target: Target
  var format: ViewFormat
  /// Whether long lists are shown whole in the table (CSV and JSON always are).
  public var showsAll = false
  public var language = Language.german
  /// The report's Erstellt (only the Stichtag checks read it).
  var created: Timestamp

  public init(
    kind: ReportKind, periodID: String, inputDirectory: String, grantID: String?, options: IngestOptions,
    need: Money, target: Target, format: ViewFormat, created: Timestamp
  ) {
    self.kind = kind
    self.periodID = periodID
    self.inputDirectory = inputDirectory
    self.grantID = grantID
    self.options = options
    self.need = need
    self.target = target
    self.format = format
    self.created = created
  }

  /// Runs the job: `output` receives what goes to stdout, `warn` lines for stderr.
  public func run(output: ([UInt8]) -> Void, warn: (String) -> Void) -> RunStatus {
    do {
      try ReportPeriod.checkForm(kind: kind, id: periodID)
    } catch {
      warn(language.line(.failed(.period(error))))
      return .usage
    }
    guard ExportLoader.directoryExists(inputDirectory) else {
      warn(language.line(.failed(.inputDirectoryMissing(inputDirectory))))
      return .inputMissing
    }
    if case .findings(let rule?) = target, RuleID(rawValue: rule) == nil {
      warn(language.text(.unknownRule(rule)))
      return .usage
    }
    var options = options
    // The Kopf is not explained: the inputs are not hashed (their Quelldaten hashes are written as zeros),
    // which keeps explain near check's time on a large ledger.
    options.hashing = false
    let (kind, periodID, target, only) = (self.kind, self.periodID, self.target, self.grantID)
    options.retentionOfGrant = { grant in
      // Another grant than the one explained: only its sums (and defects) are needed.
      if let only, grant.id != only { return .defects }
      let base = ReportPeriod.retention(kind: kind, id: periodID)
      switch target {
      case .list: return base
      case .findings: return .every  // a finding's places are shown with their whole rows
      case .figure(let place):
        guard let period = try? ReportPeriod.resolve(kind: kind, id: periodID, grant: grant),
          let rows = Explainer.rowSelection(place: place, grant: grant, period: period.interval)
        else { return base }
        return RowRetention.union([base, .listing(paidWithin: [], rows: rows)])
      }
    }
    let loaded: ExportLoader.Result
    switch ViewInput.load(inputDirectory, options: options, language: language, warn: warn) {
    case .loaded(let result): loaded = result
    case .failed(let status): return status
    }
    let diagnostics = loaded.diagnostics
    let export = loaded.export
    let known = Set(export.grants.keys).union(diagnostics.grantsWithErrors).sorted(by: codePointOrder)
    let chosen: String
    if let grantID {
      guard known.contains(grantID) else {
        warn(language.line(.failed(.unknownGrant(grantID, known: known))))
        return .usage
      }
      chosen = grantID
    } else if known.count == 1, let only = known.first {
      chosen = only
    } else {
      warn(language.text(.grantNeeded(known)))
      return .usage
    }
    if diagnostics.blocks(grant: chosen) {
      warn(language.line(.grantBlocked(grant: chosen, kind: kind, errors: diagnostics.count(scope: .grant(chosen)))))
      return .dataError
    }
    let made: ExplainedReport
    do throws(ReportError) {
      made = try ExplainedReport(
        export: export, grantID: chosen, kind: kind, periodID: periodID, created: created, need: need)
    } catch {
      switch error {
      case .period(let invalid):
        warn(language.line(.failed(.period(invalid))))
        return .usage
      case .missingBaseRate(let grant, let missing):
        warn(
          language.line(.failed(.missingBaseRate(file: "\(inputDirectory)/basiszinssatz.csv", grant: grant, missing))))
        return .dataError
      case .internalError(let detail):
        warn(language.line(.internalError(detail)))
        return .internalError
      }
    }
    let view = ExplainView(report: made, language: language, showsAll: showsAll)
    switch target {
    case .list:
      output(view.list(format))
    case .figure(let place):
      guard made.figures.contains(where: { $0.place == place }) else {
        warn(language.text(.unknownPlace(place, suggestions: made.suggestions(for: place))))
        return .usage
      }
      do throws(ExplainedReport.Disagreement) {
        let explanation = try made.explanation(of: place)
        output(view.figure(explanation, format))
      } catch {
        warn(
          language.line(
            .internalError(
              language.text(
                .explanationDisagrees(place: error.place, reported: error.reported, explained: error.explained)))))
        return .internalError
      }
    case .findings(let rule):
      output(view.findings(made.findings(rule: rule), format))
    }
    return .success
  }
}

/// A report made in memory, with what explains its figures.
struct ExplainedReport: Sendable {
  let input: ReportInput
  let delivery: Delivery
  /// Every figure of the report but the Kopf and the findings, by place, in document order.
  let figures: [(place: String, value: String)]
  let explainer: Explainer

  /// An explanation whose value is not the report's.
  struct Disagreement: Error {
    var place: String
    var reported: String
    var explained: String
  }

  init(export given: Export, grantID: String, kind: ReportKind, periodID: String, created: Timestamp, need: Money)
    throws(ReportError)
  {
    var export = given
    // Inputs read without hashing (explain): Quelldaten names them with zeros, which the XSD takes.
    for index in export.sourceFiles.indices where export.sourceFiles[index].sha256.isEmpty {
      export.sourceFiles[index].sha256 = String(repeating: "0", count: 64)
    }
    let generator = try ReportGenerator(export: export)
    let (grant, period) = try generator.resolve(
      kind: kind, grantID: grantID, periodID: periodID, created: created, need: need)
    input = try generator.prepare(grant: grant, period: period, created: created)
    delivery = try generator.makeDelivery(input, need: need)
    explainer = Explainer(input: input, need: need)
    guard let xml = delivery.files.first,
      let root = try? ParsedXMLElement.parse(xml.bytes, documentName: xml.name)
    else { throw .internalError("the report made for explain cannot be read back") }
    // An empty container (`<Indikatoren/>`) holds no figure.
    figures = DeliveryDiff.figures(of: root).filter { !$0.0.hasPrefix("Kopf/") && !$0.1.isEmpty }.map { ($0.0, $0.1) }
  }

  /// The explanation of the figure at `place`, its value checked against the report's.
  func explanation(of place: String) throws(Disagreement) -> Explanation {
    let reported = figures.first { $0.place == place }?.value ?? ""
    guard var explanation = explainer.explain(place) else {
      throw Disagreement(place: place, reported: reported, explained: "—")
    }
    if case .voucherListFile = explanation.method, let file = voucherListFile {
      explanation.value = .text(place.hasSuffix("@sha256") ? file.sha256 : file.name)
    }
    guard explanation.value.xmlValue == reported else {
      throw Disagreement(place: place, reported: reported, explained: explanation.value.xmlValue)
    }
    // A sum's rows, as listed, add up to it: none is missing from what the ledger kept.
    if case .ledgerSum(_, let rows) = explanation.method, case .amount(let total) = explanation.value,
      rows.sum(\.eligibleAmount) != total
    {
      throw Disagreement(place: place, reported: reported, explained: rows.sum(\.eligibleAmount).xmlValue)
    }
    return explanation
  }

  var voucherListFile: Delivery.File? { delivery.files.first { $0.name.contains("_Belegliste_") } }

  /// Places that end like `place` or share its last step: what a user probably meant.
  func suggestions(for place: String) -> [String] {
    let last = place.split(separator: "/").last.map(String.init) ?? place
    let lowered = last.lowercased()
    return Array(figures.map(\.place).filter { $0.lowercased().hasSuffix("/" + lowered) }.prefix(5))
  }

  /// The findings, all or of `rule`, with the records of their places.
  func findings(rule: String?) -> [ExplainedFinding] {
    ExplainedFinding.of(input).filter { rule == nil || $0.finding.rule.rawValue == rule }
  }
}

/// A finding with the records its places name.
struct ExplainedFinding: Sendable {
  enum Place: Sendable {
    /// A grant row of the ledger, whole.
    case booking(Booking, RecordPlace)
    /// A record of another file (or a ledger row of no grant).
    case record(RecordPlace)
  }

  var finding: Finding
  var places: [Place]
}

extension RecordPlace {
  /// file, line, Tabellenzeile (empty when not known): how every view names a record.
  var cells: [String] { [file, String(line), spreadsheetRow.map { String($0) } ?? ""] }
}

extension ExplainedFinding.Place {
  /// The columns of a finding's places (`explain --finding … --format csv`, the dashboard's CSV of them).
  static let csvColumns = [
    "datei", "zeile", "tabellenzeile", "beleg_nr", "buchungsdatum", "zahlungsdatum", "kostenobjekt", "sachkonto",
    "empfaenger", "verwendungszweck", "brutto",
  ]

  /// The place's cells in ``csvColumns``' order: amounts as `amount` writes them, the row's free texts
  /// through `text`; a record of another file fills only its place.
  func cells(amount: (Money) -> String, text: (String) -> String = { $0 }) -> [String] {
    switch self {
    case .booking(let booking, let location):
      return location.cells + [
        booking.voucher, booking.postingDate.german, booking.paymentDate?.german ?? "", booking.costObject,
        booking.account, text(booking.payee), text(booking.purpose), amount(booking.gross),
      ]
    case .record(let location):
      return location.cells + Array(repeating: "", count: Self.csvColumns.count - 3)
    }
  }

  /// The places as CSV in ``csvColumns`` (the dashboard's CSV of a finding's places), field by field
  /// into the bytes: a finding may name hundreds of thousands of rows.
  static func csv(_ places: [Self]) -> [UInt8] {
    var writer = CSVWriter(header: csvColumns, freeText: ["empfaenger", "verwendungszweck"])
    writer.reserveCapacity(places.count * 150)
    var files: [String: [UInt8]] = [:]
    for place in places {
      let location: RecordPlace
      switch place {
      case .booking(_, let at), .record(let at): location = at
      }
      if files[location.file] == nil {
        files[location.file] = Array(CSVWriter.field(location.file, isFreeText: false).utf8)
      }
      writer.appendPlace(file: files[location.file] ?? [], line: location.line, spreadsheetRow: location.spreadsheetRow)
      switch place {
      case .booking(let booking, _):
        writer.appendVoucherFields(booking, firstColumn: 3)
        writer.appendNextField(booking.payee, column: 8)
        writer.appendNextField(booking.purpose, column: 9)
        writer.appendSeparator()
        writer.appendAmount(booking.gross)
      case .record:
        for _ in 3..<csvColumns.count { writer.appendSeparator() }
      }
      writer.endRecord()
    }
    return writer.bytes
  }
}
