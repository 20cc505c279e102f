import Foundation

/// Reads an export directory into an ``Export`` and the ``InputDiagnostics``
/// of everything that was wrong with it (inputs.md).
///
/// Small files are read whole into the model; the ledger is streamed, and
/// only rows of funded cost objects are parsed, and folded per grant into
/// ``GrantRows``.
public struct ExportLoader {
  /// The input files of inputs.md, in the order they are read.
  enum InputFile: String, CaseIterable, Sendable {
    case zuwendung = "zuwendung.csv"
    case massnahmen = "massnahmen.csv"
    case finanzplan = "finanzplan.csv"
    case kostenobjekte = "kostenobjekte.csv"
    case sachkonten = "sachkonten.csv"
    case mittelabrufe = "mittelabrufe.csv"
    case meilensteine = "meilensteine.csv"
    case indikatoren = "indikatoren.csv"
    case basiszinssatz = "basiszinssatz.csv"
    case buchungen = "buchungen.csv"

    var isRequired: Bool {
      switch self {
      case .mittelabrufe, .meilensteine, .indikatoren, .basiszinssatz: return false
      default: return true
      }
    }
  }

  let directory: String
  let displayDirectory: String
  let options: IngestOptions
  /// The files read (`deadlines` needs only `zuwendung.csv`); in the order of ``InputFile``.
  var files: Set<InputFile> = Set(InputFile.allCases)

  /// - Parameters:
  ///   - directory: the export directory.
  ///   - displayDirectory: how messages name it (default: as given).
  public init(directory: String, displayDirectory: String? = nil, options: IngestOptions = IngestOptions()) {
    let trimmed = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    self.directory = trimmed
    self.displayDirectory = displayDirectory ?? trimmed
    self.options = options
  }

  /// Whether `path` is an existing directory.
  static func directoryExists(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  public struct Result: Sendable {
    public var export: Export
    public var diagnostics: InputDiagnostics
  }

  public func load() -> Result {
    var state = LoadState()
    let finder = InputFileFinder(names: (try? FileSystem.entries(of: directory)) ?? [])
    state.keepsVoucherTexts = options.keepsVoucherTexts
    state.retention = options.retention
    state.retentionOfGrant = options.retentionOfGrant
    for file in InputFile.allCases where files.contains(file) {
      let before = state
      read(file, into: &state, encoding: nil, finder: finder)
      if state.encodingMismatch {
        // A large file looked like UTF-8 at its start but is not: it is
        // Windows-1252 (inputs.md), and is read again from the beginning.
        state = before
        read(file, into: &state, encoding: .windows1252, finder: finder)
      }
    }
    if files.contains(.finanzplan) { state.checkGrantsHavePlans() }
    state.export.sourceFiles.sort { codePointOrder($0.name, $1.name) }
    // A workbook's places are cells of its sheet.
    if !state.sheets.isEmpty {
      for index in state.diagnostics.errors.indices where state.diagnostics.errors[index].line > 0 {
        state.diagnostics.errors[index].sheet = state.sheets[state.diagnostics.errors[index].file]
      }
      for index in state.diagnostics.notes.indices where state.diagnostics.notes[index].line > 0 {
        state.diagnostics.notes[index].sheet = state.sheets[state.diagnostics.notes[index].file]
      }
    }
    return Result(export: state.export, diagnostics: state.diagnostics)
  }

  private func read(_ file: InputFile, into state: inout LoadState, encoding: TextEncoding?, finder: InputFileFinder) {
    var foundAs: String?
    if options.dialect(for: file.rawValue).fileName == nil {
      switch finder.find(file.rawValue, otherInputs: InputFile.allCases.map(\.rawValue)) {
      case .found(let name):
        foundAs = name
      case .similar(let name):
        // Almost surely the file that was meant: said as an error, whether the input is required or not.
        // A ZIP is not said as what it is: it may be a workbook, which is read once it is named like the input.
        let bytes = try? ReadOnlyFile(path: directory + "/" + name).firstBytes(8)
        let content = bytes.flatMap(ForeignContent.init(firstBytes:)).flatMap { $0 == .zip ? nil : $0 }
        state.diagnostics.errors.append(
          InputError(
            kind: .fileAccess, category: .missingFile, scope: .run, file: displayDirectory + "/" + file.rawValue,
            line: 0, column: 0, problem: .similarFile(name, content: content)))
        state.missing.insert(file)
        return
      case .absent:
        if let optional = OptionalInput(rawValue: file.rawValue) {
          state.diagnostics.notes.append(
            InputNote(
              file: displayDirectory + "/" + file.rawValue, line: 0, column: 0, kind: .optionalFileAbsent(optional)))
          return
        }
      }
    }
    guard
      let table = TableReader.open(
        directory: directory, displayDirectory: displayDirectory, name: file.rawValue,
        columns: Self.columns(of: file), isRequired: file.isRequired, options: options,
        errors: &state.diagnostics.errors, encoding: encoding, foundAs: foundAs)
    else {
      state.missing.insert(file)
      return
    }
    table.tracksRecordLines = file != .buchungen
    switch file {
    case .zuwendung: state.readGrants(table)
    case .massnahmen: state.readMeasures(table)
    case .finanzplan: state.readPlan(table)
    case .kostenobjekte: state.readCostObjects(table)
    case .sachkonten: state.readAccountPrefixes(table)
    case .mittelabrufe: state.readDrawdowns(table)
    case .meilensteine: state.readMilestones(table)
    case .indikatoren: state.readIndicators(table)
    case .basiszinssatz: state.readBaseRates(table)
    case .buchungen: state.readLedger(table)
    }
    if table.csv.encodingMismatch { state.encodingMismatch = true }
    if state.encodingMismatch { return }
    state.diagnostics.add(table.structuralErrors)
    if let note = table.mixedEncodingNote() { state.diagnostics.notes.append(note) }
    if let note = table.skippedLinesNote() { state.diagnostics.notes.append(note) }
    state.export.headerLines[file.rawValue] = table.headerLine
    if table.tracksRecordLines { state.export.recordLines[file.rawValue] = table.recordLines }
    if let workbook = table.workbook {
      state.sheets[table.displayPath] = workbook.sheet
      state.export.sheetFiles.insert(file.rawValue)
    }
    do {
      state.export.sourceFiles.append(try table.sourceFile())
    } catch {
      state.diagnostics.errors.append(
        InputError(
          kind: .fileAccess, category: .unreadableFile, scope: .run, file: table.displayPath, line: 0, column: 0,
          problem: .unreadable(error.errno)))
    }
  }

  static func columns(of file: InputFile) -> [ColumnSpec] {
    switch file {
    case .zuwendung: return GrantColumn.specs
    case .massnahmen: return MeasureColumn.specs
    case .finanzplan: return PlanColumn.specs
    case .kostenobjekte: return CostObjectColumn.specs
    case .sachkonten: return AccountColumn.specs
    case .buchungen: return LedgerColumn.specs
    case .mittelabrufe: return DrawdownColumn.specs
    case .meilensteine: return MilestoneColumn.specs
    case .indikatoren: return IndicatorColumn.specs
    case .basiszinssatz: return BaseRateColumn.specs
    }
  }

}

/// The export being built while the files are read.
private struct LoadState {
  var export = Export()
  var diagnostics = InputDiagnostics()
  /// Every grant id of `zuwendung.csv`, also those whose row has errors.
  var knownGrants: Set<String> = []
  var grantLines: [String: Int] = [:]
  var zuwendungPath = ""
  /// Input files that are missing or cannot be read: the rows that refer to them are not blamed again.
  var missing: Set<ExportLoader.InputFile> = []
  var measureKeys: Set<[String]> = []
  /// The sheet each input read from a workbook was read from, by the file as messages name it.
  var sheets: [String: String] = [:]

  // MARK: Errors

  mutating func flush(_ row: RowReader, table: TableReader, scope: InputError.Scope) {
    diagnostics.errors += row.inputErrors(scope: scope)
  }

  /// The scope of a row that names a grant in `column`; an unknown grant is
  /// reported and stops every report (the export is inconsistent). Without a
  /// readable zuwendung.csv no grant is known: that one error is the cause, and
  /// no row repeats it.
  mutating func grantScope(of row: inout RowReader, column: some InputColumn) -> (String, InputError.Scope) {
    let grant = row.identifier(column)
    guard !grant.isEmpty else { return (grant, .run) }
    guard knownGrants.contains(grant) else {
      if missing.contains(.zuwendung) { return (grant, .run) }
      row.report(column, .unknownGrant(grant), as: .unknownReference)
      return (grant, .run)
    }
    return (grant, .grant(grant))
  }

  mutating func checkMeasure(_ row: inout RowReader, _ column: some InputColumn, grant: String, measure: String) {
    if !measure.isEmpty && !missing.contains(.massnahmen) && knownGrants.contains(grant)
      && !measureKeys.contains([grant, measure])
    {
      row.report(column, .unknownMeasure(measure, grant: grant), as: .unknownReference)
    }
  }

  // MARK: Files

  mutating func readGrants(_ table: TableReader) {
    typealias C = GrantColumn
    zuwendungPath = table.displayPath
    var seen: Set<String> = []
    // Delivery folder name → the grant that has it, with its place.
    var folders: [String: (id: String, line: Int, column: Int)] = [:]
    table.forEachRecord { row in
      let id = row.identifier(C.foerderkennzeichen)
      let folder = GrantFolder.name(of: id)
      if !id.isEmpty && !GrantFolder.isUsable(folder) {
        row.report(C.foerderkennzeichen, .unusableFolder(id: id, folder: folder))
      } else if !id.isEmpty && !seen.contains(id) {
        let place = row.place(of: C.foerderkennzeichen)
        if let owner = folders[folder] {
          let problem = InputProblem.folderCollision(
            column: C.foerderkennzeichen.name, first: owner.id, firstLine: owner.line, second: id,
            secondLine: place.line, folder: folder)
          // Both rows are errors: this one, and the first grant's, which this one makes unusable.
          row.problems.append(
            RowProblem(category: .duplicateKey, line: place.line, column: place.column, problem: problem))
          diagnostics.errors.append(
            InputError(
              kind: .value, category: .duplicateKey, scope: .grant(owner.id), file: table.displayPath,
              line: owner.line, column: owner.column, problem: problem))
        } else {
          folders[folder] = (id, place.line, place.column)
        }
      }
      let recipient = row.requiredText(C.zuwendungsempfaenger)
      let programme = row.requiredText(C.programm)
      let start = row.date(C.bewilligungszeitraumBeginn, required: true)
      let end = row.date(C.bewilligungszeitraumEnde, required: true)
      if let start, let end, end < start {
        row.report(
          C.bewilligungszeitraumEnde,
          .dateBefore(date: end, otherColumn: C.bewilligungszeitraumBeginn.name, other: start))
      }
      let rate = row.percent(C.foerderquote, required: true)
      if let rate, rate.value <= 0 || rate.value > 10_000 {
        row.report(C.foerderquote, .outOfRange(value: rate.display, expected: .aboveZeroUpToHundred))
      }
      let eligible = row.amount(C.zuwendungsfaehigeAusgaben, required: true)
      if let eligible, eligible.cents <= 0 || eligible > Money.magnitudeLimit {
        row.report(C.zuwendungsfaehigeAusgaben, .notPositiveOrTooLarge(value: eligible, limit: Money.magnitudeLimit))
      }
      let cap = row.amount(C.zuwendungHoechstbetrag, required: true)
      if let cap, cap.cents <= 0 || cap > Money.magnitudeLimit {
        row.report(C.zuwendungHoechstbetrag, .notPositiveOrTooLarge(value: cap, limit: Money.magnitudeLimit))
      }
      let deducts = row.flag(C.vorsteuerabzug, required: true)
      var window = SpendingWindow.months(2)
      let windowCode = row.text(C.verwendungsfrist)
      if !windowCode.isEmpty {
        if let parsed = SpendingWindow(code: windowCode) {
          window = parsed
        } else {
          row.report(C.verwendungsfrist, .invalid(value: windowCode, expected: .spendingWindow))
        }
      }
      let months = row.integer(C.zwischennachweisFristMonate, required: false) ?? 4
      let due = row.date(C.verwendungsnachweisFaellig, required: false)
      if !id.isEmpty && !seen.insert(id).inserted {
        row.report(C.foerderkennzeichen, .duplicate(.grant(id)), as: .duplicateKey)
      }
      if !id.isEmpty {
        knownGrants.insert(id)
        grantLines[id] = grantLines[id] ?? row.line
      }
      if row.problems.isEmpty, let start, let end, let rate, let eligible, let cap, let deducts {
        export.grants[id] = Grant(
          id: id, recipient: recipient, programme: programme, period: DateInterval(start: start, end: end),
          fundingRate: rate, eligibleExpenditure: eligible, cap: cap, deductsInputTax: deducts,
          spendingWindow: window, interimStatementMonths: months,
          finalStatementDue: due ?? end.adding(months: 12), line: row.line)
      }
      flush(row, table: table, scope: id.isEmpty ? .run : .grant(id))
    }
  }

  mutating func readMeasures(_ table: TableReader) {
    typealias C = MeasureColumn
    table.forEachRecord { row in
      let (grant, scope) = grantScope(of: &row, column: C.foerderkennzeichen)
      let id = row.identifier(C.massnahme)
      let title = row.requiredText(C.bezeichnung)
      let phaseText = row.requiredText(C.phase)
      let phase = Phase(rawValue: phaseText.uppercased())
      if phase == nil && !phaseText.isEmpty {
        row.report(C.phase, .invalid(value: phaseText, expected: .phase))
      }
      let start = row.date(C.beginn, required: false)
      let end = row.date(C.ende, required: false)
      if !id.isEmpty && !grant.isEmpty && !measureKeys.insert([grant, id]).inserted {
        row.report(C.massnahme, .duplicate(.measure(id, grant: grant)), as: .duplicateKey)
      }
      if row.problems.isEmpty, let phase {
        export.measures[grant, default: []].append(
          Measure(grant: grant, id: id, title: title, phase: phase, start: start, end: end, line: row.line))
      }
      flush(row, table: table, scope: scope)
    }
  }

  mutating func readPlan(_ table: TableReader) {
    typealias C = PlanColumn
    var keys: Set<[String]> = []
    var budgets: [String: AmountBudget] = [:]
    table.forEachRecord { row in
      let (grant, scope) = grantScope(of: &row, column: C.foerderkennzeichen)
      let measure = row.identifier(C.massnahme)
      checkMeasure(&row, C.massnahme, grant: grant, measure: measure)
      let costItem = row.identifier(C.kostenposition)
      let yearText = row.text(C.jahr)
      let year = row.integer(C.jahr, required: true)
      if year != nil && yearText.count != 4 {
        row.report(C.jahr, .invalid(value: yearText, expected: .year))
      }
      let amount = row.amount(C.planbetrag, required: true)
      if let amount, amount.cents < 0 { row.report(C.planbetrag, .negative(value: amount)) }
      if let amount, !budgets[grant, default: AmountBudget()].take(amount) {
        row.report(C.planbetrag, .amountLimit(limit: Money.magnitudeLimit))
      }
      if let year, !keys.insert([grant, measure, costItem, String(year)]).inserted {
        row.report(
          C.kostenposition, .duplicate(.planRow(measure: measure, costItem: costItem, year: year)), as: .duplicateKey)
      }
      if row.problems.isEmpty, let year, let amount {
        export.plan[grant, default: []].append(
          PlanEntry(grant: grant, measure: measure, costItem: costItem, year: year, amount: amount, line: row.line))
      }
      flush(row, table: table, scope: scope)
    }
  }

  mutating func readCostObjects(_ table: TableReader) {
    typealias C = CostObjectColumn
    table.forEachRecord { row in
      let id = row.identifierText(C.kostenobjekt)
      let (grant, scope) = grantScope(of: &row, column: C.foerderkennzeichen)
      let measure = row.identifier(C.massnahme)
      checkMeasure(&row, C.massnahme, grant: grant, measure: measure)
      if let existing = export.costObjects[id] {
        row.report(C.kostenobjekt, .duplicate(.costObject(id, firstLine: existing.line)), as: .duplicateKey)
      }
      // A cost object with errors still marks its ledger rows as the grant's,
      // so that they are not mistaken for out-of-scope rows.
      if export.costObjects[id] == nil && !id.isEmpty {
        export.costObjects[id] = CostObject(id: id, grant: grant, measure: measure, line: row.line)
      }
      flush(row, table: table, scope: scope)
    }
  }

  mutating func readAccountPrefixes(_ table: TableReader) {
    typealias C = AccountColumn
    var seen: [String: Int] = [:]
    table.forEachRecord { row in
      let prefix = row.requiredText(C.sachkontoPraefix)
      if !prefix.isEmpty && (prefix.count > 10 || !prefix.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) })) {
        row.report(C.sachkontoPraefix, .invalid(value: prefix, expected: .accountPrefix))
      }
      let costItem = row.identifier(C.kostenposition)
      if let first = seen[prefix] {
        row.report(C.sachkontoPraefix, .duplicate(.accountPrefix(prefix, firstLine: first)), as: .duplicateKey)
      } else if !prefix.isEmpty {
        seen[prefix] = row.line
      }
      if row.problems.isEmpty {
        export.accountPrefixes.append(AccountPrefix(prefix: prefix, costItem: costItem, line: row.line))
      }
      flush(row, table: table, scope: .run)
    }
  }

  mutating func readDrawdowns(_ table: TableReader) {
    typealias C = DrawdownColumn
    var keys: Set<[String]> = []
    var budgets: [String: AmountBudget] = [:]
    table.forEachRecord { row in
      let (grant, scope) = grantScope(of: &row, column: C.foerderkennzeichen)
      let number = row.identifier(C.abrufNr)
      let requested = row.date(C.abrufdatum, required: true)
      let received = row.date(C.eingangsdatum, required: false)
      if let requested, let received, received < requested {
        row.report(
          C.eingangsdatum, .dateBefore(date: received, otherColumn: C.abrufdatum.name, other: requested))
      }
      let amount = row.amount(C.betrag, required: true)
      if let amount, !budgets[grant, default: AmountBudget()].take(amount) {
        row.report(C.betrag, .amountLimit(limit: Money.magnitudeLimit))
      }
      if !number.isEmpty && !keys.insert([grant, number]).inserted {
        row.report(C.abrufNr, .duplicate(.drawdown(number, grant: grant)), as: .duplicateKey)
      }
      if row.problems.isEmpty, let requested, let amount {
        export.drawdowns[grant, default: []].append(
          Drawdown(
            grant: grant, number: number, requestDate: requested, receiptDate: received, amount: amount, line: row.line)
        )
      }
      flush(row, table: table, scope: scope)
    }
  }

  mutating func readMilestones(_ table: TableReader) {
    typealias C = MilestoneColumn
    var keys: Set<[String]> = []
    table.forEachRecord { row in
      let (grant, scope) = grantScope(of: &row, column: C.foerderkennzeichen)
      let measure = row.identifier(C.massnahme)
      checkMeasure(&row, C.massnahme, grant: grant, measure: measure)
      let id = row.identifier(C.meilenstein)
      let title = row.requiredText(C.bezeichnung)
      let planned = row.date(C.plandatum, required: true)
      let actual = row.date(C.istdatum, required: false)
      let progress = row.percent(C.fortschritt, required: true)
      if let progress, progress.value < 0 || progress.value > 10_000 {
        row.report(C.fortschritt, .outOfRange(value: progress.display, expected: .zeroToHundred))
      }
      if !id.isEmpty && !keys.insert([grant, measure, id]).inserted {
        row.report(C.meilenstein, .duplicate(.milestone(id, grant: grant, measure: measure)), as: .duplicateKey)
      }
      if row.problems.isEmpty, let planned, let progress {
        export.milestones[grant, default: []].append(
          Milestone(
            grant: grant, measure: measure, id: id, title: title, plannedDate: planned, actualDate: actual,
            progress: progress, line: row.line))
      }
      flush(row, table: table, scope: scope)
    }
  }

  mutating func readIndicators(_ table: TableReader) {
    typealias C = IndicatorColumn
    var keys: Set<[String]> = []
    table.forEachRecord { row in
      let (grant, scope) = grantScope(of: &row, column: C.foerderkennzeichen)
      let measure = row.identifier(C.massnahme)
      checkMeasure(&row, C.massnahme, grant: grant, measure: measure)
      let id = row.identifier(C.indikator)
      let title = row.requiredText(C.bezeichnung)
      let unit = row.requiredText(C.einheit)
      let target = row.decimal(C.zielwert, required: true)
      let actual = row.decimal(C.istwert, required: true)
      let date = row.date(C.stichtag, required: true)
      if let date, !keys.insert([grant, measure, id, date.iso]).inserted {
        row.report(
          C.stichtag, .duplicate(.indicatorValue(id, grant: grant, measure: measure, date: date)), as: .duplicateKey)
      }
      if row.problems.isEmpty, let target, let actual, let date {
        export.indicators[grant, default: []].append(
          IndicatorValue(
            grant: grant, measure: measure, id: id, title: title, unit: unit, target: target, actual: actual,
            date: date, line: row.line))
      }
      flush(row, table: table, scope: scope)
    }
  }

  mutating func readBaseRates(_ table: TableReader) {
    typealias C = BaseRateColumn
    var seen: Set<CalendarDate> = []
    table.forEachRecord { row in
      let date = row.date(C.gueltigAb, required: true)
      let rate = row.percent(C.satz, required: true)
      if let rate, rate.value <= -10_000 || rate.value > 10_000 {
        row.report(C.satz, .outOfRange(value: rate.display, expected: .aboveMinusHundredUpToHundred))
      }
      if let date, !seen.insert(date).inserted {
        row.report(C.gueltigAb, .duplicate(.baseRate(validFrom: date)), as: .duplicateKey)
      }
      if row.problems.isEmpty, let date, let rate {
        export.baseRates.append(BaseRate(validFrom: date, rate: rate, line: row.line))
      }
      flush(row, table: table, scope: .run)
    }
    export.baseRates.sort { $0.validFrom < $1.validFrom }
  }

  /// Streams the ledger: rows of funded cost objects are folded into their
  /// grant's ``GrantRows``; all others are only checked, and their bad values
  /// counted (R-AUSSER-SCOPE).
  /// A large ledger is read by two threads, one per half (see `LedgerScanner`).
  var keepsVoucherTexts = true
  var retention = RowRetention.every
  var retentionOfGrant: (@Sendable (Grant) -> RowRetention)?
  /// Set when a file assumed to be UTF-8 turned out not to be.
  var encodingMismatch = false

  mutating func readLedger(_ table: TableReader) {
    // One slot per grant that cost objects name (also grants whose row has
    // errors, and names that are no grant at all: their rows are counted).
    let grantSlots = Set(export.costObjects.values.map(\.grant)).sorted(by: codePointOrder)
    let slots = Dictionary(uniqueKeysWithValues: grantSlots.enumerated().map { ($1, $0) })
    var classifiers: [String: GrantRows.Classifier] = [:]
    for grant in export.grants.values {
      classifiers[grant.id] = GrantLedger.classifier(
        for: grant, export: export, retention: retentionOfGrant?(grant) ?? retention)
    }
    var fundedObjects: [(key: [UInt8], value: LedgerScanner.FundedObject)] = []
    for costObject in export.costObjects.values {
      guard let key = table.inspection.encoding.encode(costObject.id), let slot = slots[costObject.grant] else {
        continue
      }
      fundedObjects.append(
        (
          key,
          LedgerScanner.FundedObject(
            costObject: costObject, slot: slot, classifier: classifiers[costObject.grant],
            scope: knownGrants.contains(costObject.grant) ? .grant(costObject.grant) : .run)
        ))
    }
    let funded = ByteKeyTable(fundedObjects)
    let scanner = LedgerScanner(funded: funded, grantSlots: grantSlots, keepsTexts: keepsVoucherTexts)
    let part = scanner.scanInParallel(table)
    if part.encodingMismatch {
      encodingMismatch = true
      return
    }
    var file = table.reopenable
    file.costObjects = export.costObjects
    // R-DOPPELT: rows whose fingerprints meet are read again here, once, where the file is.
    var rows = part.rows
    for id in rows.keys.sorted(by: codePointOrder) { rows[id]?.resolveDuplicateCandidates { file.booking(at: $0) } }
    export.grantRows = rows
    export.ledgerRowCounts = part.counts
    export.outOfScopeDefects = part.outOfScope
    export.outOfScopeDefects.rowsRead = table.records
    export.ledgerReaders = part.readers
    diagnostics.add(part.errors)
  }

  mutating func checkGrantsHavePlans() {
    for grant in knownGrants.sorted(by: codePointOrder) where export.plan[grant, default: []].isEmpty {
      diagnostics.errors.append(
        InputError(
          kind: .value, category: .missingPlan, scope: .grant(grant), file: zuwendungPath, line: grantLines[grant] ?? 0,
          column: 1,
          problem: .grantWithoutPlan(grant: grant)))
    }
  }
}
