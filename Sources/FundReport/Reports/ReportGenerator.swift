import XMLSupport

/// Turns one grant of a loaded export into a validated delivery.
public struct ReportGenerator {
  static let generator = Generator(name: "fundreport", version: FundReportVersion.current)

  let export: Export
  let schema: XMLSchema

  /// - Throws: ``ReportError/internalError(_:)`` when the shipped XSD does not compile.
  public init(export: Export) throws(ReportError) {
    self.export = export
    do {
      schema = try XMLSchema(bytes: InterfaceSchema.bytes, name: InterfaceSchema.fileName)
    } catch {
      throw .internalError("the interface XSD does not compile: \(error)")
    }
  }

  /// Builds the delivery of `kind` for `grantID` and period `periodID`.
  ///
  /// - Throws: ``ReportError/period(_:)`` for a period the grant cannot
  ///   report on; ``ReportError/internalError(_:)`` when a document fails the
  ///   XSD (a defect of fundreport: nothing is delivered).
  /// - Parameter need: for a Mittelabruf, the eligible payments planned
  ///   within the Verwendungsfrist (`bedarf`).
  public func makeDelivery(
    kind: ReportKind, grantID: String, periodID: String, created: Timestamp, version: Int = 1,
    correctionReason: String? = nil, need: Money = .zero
  ) throws(ReportError) -> Delivery {
    let (grant, period) = try resolve(kind: kind, grantID: grantID, periodID: periodID, created: created, need: need)
    let input = try prepare(
      grant: grant, period: period, created: created, version: version, correctionReason: correctionReason)
    return try makeDelivery(input, need: need)
  }

  /// The grant and the period a report of `kind` for `periodID` covers, refused when it cannot be right.
  func resolve(kind: ReportKind, grantID: String, periodID: String, created: Timestamp, need: Money)
    throws(ReportError) -> (Grant, ReportPeriod)
  {
    guard let grant = export.grants[grantID] else { throw .period(.unknownGrant(grantID)) }
    do {
      let period = try ReportPeriod.resolve(kind: kind, id: periodID, grant: grant)
      try ReportPeriod.checkPlausible(period, grant: grant, created: created.date, need: need)
      return (grant, period)
    } catch {
      throw .period(error)
    }
  }

  /// Everything the report of `grant` for `period` is made from: its ledger, figures and findings.
  func prepare(
    grant: Grant, period: ReportPeriod, created: Timestamp, version: Int = 1, correctionReason: String? = nil
  ) throws(ReportError) -> ReportInput {
    let ledger = GrantLedger(grant: grant, export: export)
    // A Belegliste lists the rows kept whole: the ledger must have been read
    // keeping every row of this period, or the list would silently lack rows.
    if period.kind != .mittelabruf && !ledger.rows.retention.keepsEveryRow(paidWithin: period.interval) {
      throw .internalError(
        "the ledger was read without keeping the rows of \(period.kind.rawValue) \(period.id) for \(grant.id); "
          + "no delivery is made from it")
    }
    let (figures, findings) = try evaluate(ledger, period)
    return ReportInput(
      export: export, ledger: ledger, period: period, figures: figures, findings: findings,
      version: version, correctionReason: correctionReason, created: created, generator: Self.generator)
  }

  /// The validated delivery of `input`.
  func makeDelivery(_ input: ReportInput, need: Money) throws(ReportError) -> Delivery {
    let kind = input.period.kind
    let grantID = input.grant.id
    let periodID = input.period.id
    let version = input.version
    let findings = input.findings

    func name(_ kind: String, _ ext: String) -> String {
      Delivery.fileName(grantID: grantID, kind: kind, periodID: periodID, version: version, ext: ext)
    }
    // The XML (built, serialized, validated) and the CSV files are made at
    // the same time: neither reads what the other makes.
    let xmlName = name(kind.rawValue, "xml")
    func document(_ make: () -> XMLTree) -> Result<Delivery.File, ReportError> {
      let xml = make().serialized()
      return Result { () throws(ReportError) in
        try validate(xml, name: xmlName)
        return Delivery.File(name: xmlName, bytes: xml)
      }
    }
    let xml: Result<Delivery.File, ReportError>
    var files: [Delivery.File]
    switch kind {
    case .quartalsbericht:
      (xml, files) = Concurrently.both(
        { document { QuarterlyReport.makeDocument(input) } },
        {
          [
            Delivery.File(name: name("Belegliste", "csv"), bytes: CSVReports.voucherList(input)),
            Delivery.File(name: name("Finanzuebersicht", "csv"), bytes: CSVReports.financialOverview(input)),
            Delivery.File(name: name("Befunde", "csv"), bytes: CSVReports.findings(findings)),
          ]
        })
    case .zwischennachweis, .verwendungsnachweis:
      // The statement names its Belegliste's hash: that one comes first.
      let voucherList = Delivery.File(name: name("Belegliste", "csv"), bytes: CSVReports.voucherList(input))
      (xml, files) = Concurrently.both(
        { document { StatementReport.makeDocument(input, voucherList: voucherList) } },
        {
          [
            voucherList,
            Delivery.File(name: name("Finanzuebersicht", "csv"), bytes: CSVReports.financialOverview(input)),
            Delivery.File(name: name("Befunde", "csv"), bytes: CSVReports.findings(findings)),
          ]
        })
    case .mittelabruf:
      (xml, files) = Concurrently.both(
        { document { DrawdownRequestReport.makeDocument(input, need: need) } },
        { [Delivery.File(name: name("Befunde", "csv"), bytes: CSVReports.findings(findings))] })
    }
    files.insert(try xml.get(), at: 0)
    return Delivery(
      grantID: grantID, kind: kind, periodID: periodID, version: version, files: files, findings: findings)
  }

  /// The findings of every rule for `grantID` at `stichtag` (period: the
  /// Bewilligungszeitraum's start up to the Stichtag), as `fundreport check` shows them.
  func findings(grantID: String, stichtag: CalendarDate) throws(ReportError) -> [Finding] {
    guard let grant = export.grants[grantID] else { throw .period(.unknownGrant(grantID)) }
    guard stichtag >= grant.period.start else {
      throw .period(.beforeGrantPeriod(grant: grantID, start: grant.period.start))
    }
    let period = ReportPeriod(
      kind: .mittelabruf, id: stichtag.iso, interval: DateInterval(start: grant.period.start, end: stichtag))
    let ledger = GrantLedger(grant: grant, export: export)
    return try evaluate(ledger, period).findings
  }

  /// The figures and findings of one grant for one period.
  private func evaluate(_ ledger: GrantLedger, _ period: ReportPeriod) throws(ReportError)
    -> (figures: GrantFigures, findings: [Finding])
  {
    guard ledger.unreadableCandidates == 0 else {
      throw .internalError(
        "buchungen.csv could not be read again for the duplicate check (R-DOPPELT) of \(ledger.grant.id): "
          + "it changed or was removed while fundreport read it; nothing was delivered, run again")
    }
    let figures: GrantFigures
    do {
      figures = try GrantFigures(ledger: ledger, period: period.interval, baseRates: export.baseRates)
    } catch {
      throw .missingBaseRate(grant: ledger.grant.id, error)
    }
    let findings = RuleBook.evaluate(
      RuleContext(ledger: ledger, period: period, figures: figures, outOfScope: export.outOfScopeDefects))
    return (figures, findings)
  }

  private func validate(_ bytes: [UInt8], name: String) throws(ReportError) {
    do {
      try schema.validate(bytes, documentName: name)
    } catch {
      throw .internalError("\(name) does not conform to the interface XSD, nothing was delivered:\n\(error)")
    }
  }
}

public enum ReportError: Error, Sendable, Equatable {
  /// The period is not valid for the grant.
  case period(ReportPeriod.Invalid)
  /// Interest runs on a day that `basiszinssatz.csv` does not cover (an input error).
  case missingBaseRate(grant: String, DrawdownInterest.MissingBaseRate)
  /// A defect of fundreport itself.
  case internalError(String)
}

/// The interface's XSD, shipped inside the binary.
public enum InterfaceSchema {
  static let fileName = "mpsc-berichte-1.0.xsd"
  public static var bytes: [UInt8] { PackageResources.mpsc_berichte_1_0_xsd }
}

public enum FundReportVersion {
  public static let current = "0.1.0"
}
