/// What one figure of a report is made of (`fundreport explain`): the value the report states,
/// how computation.md defines it, the numbers put in, and the input records it comes from.
///
/// An explanation is computed from the model (``GrantFigures``, the ledger's rows, the other
/// inputs) apart from the report writers; ``ExplainJob`` compares its value with the figure in the
/// report made in the same run, so an explanation that does not add up is never shown.
struct Explanation: Sendable {
  /// The figure's place in the report: `Finanzen/Position[kostenposition=personal]/IstKumuliert`.
  var place: String
  /// What the figure is, for the title.
  var figure: FigureName
  /// The value, as the explanation computes it.
  var value: ExplainedValue
  var method: Method

  /// How the value comes about.
  enum Method: Sendable {
    /// A sum of eligible ledger rows (`rows` in the Belegliste's order).
    case ledgerSum(RowSelection, rows: [ExplainedBooking])
    /// A sum of plan rows of `finanzplan.csv`.
    case planSum(PlanFilter, rows: [SourceRecord<PlanEntry>])
    /// A sum of drawdowns of `mittelabrufe.csv`.
    case drawdownSum(DrawdownFilter, rows: [SourceRecord<Drawdown>])
    /// A formula of computation.md with its operands.
    case formula(Formula)
    /// The interest on drawn money, per drawdown, with every portion and rate period.
    case interest([DrawdownInterest.Entry], files: SourcePlaceFinder)
    /// A value taken from one input record (`zuwendung.csv`, `meilensteine.csv`, …).
    case input(InputValue)
    /// A count of the items listed.
    case count([String])
    /// A milestone's status by the rule of outputs.md.
    case milestoneStatus(planned: CalendarDate, actual: CalendarDate?, stichtag: CalendarDate)
    /// A property of the delivery's Belegliste file (its name or its SHA-256).
    case voucherListFile
  }
}

/// The names of figures, as computation.md and outputs.md name them.
struct FigureName: Sendable, Equatable {
  /// The element or attribute name in the report (`IstKumuliert`, `@anzahl`).
  var name: String
  /// Of what: a cost item, a measure, a milestone, …; nil for the grant.
  var scope: FigureScope
}

enum FigureScope: Sendable, Equatable {
  case grant
  case costItem(String)
  case measure(String)
  case year(Int)
  case milestone(measure: String, id: String)
  case indicator(measure: String, id: String)
  case drawdown(String)
  case voucherList
  case findings
}

/// A value as an explanation computes it; ``xmlValue`` is how a report writes it.
enum ExplainedValue: Sendable, Equatable {
  case amount(Money)
  case percent(Hundredths)
  case count(Int)
  case date(CalendarDate)
  case decimal(Decimal4)
  case text(String)

  var xmlValue: String {
    switch self {
    case .amount(let money): return money.xmlValue
    case .percent(let value): return value.xmlValue
    case .count(let count): return String(count)
    case .date(let date): return date.iso
    case .decimal(let value): return value.xmlValue
    case .text(let text): return text
    }
  }

  /// As a controller reads it: `1.234,56 €`, `90,00 %`, `15.10.2026`.
  var display: String {
    switch self {
    case .amount(let money): return money.display
    case .percent(let value): return value.display
    case .count(let count): return String(count)
    case .date(let date): return date.german
    case .decimal(let value): return String(value.xmlValue.map { $0 == "." ? "," : $0 })
    case .text(let text): return text
    }
  }

  /// For the CSV output: `1234,56`, `90,00`, `15.10.2026`.
  var csvValue: String {
    switch self {
    case .amount(let money): return money.csvValue
    case .percent(let value): return Money.format(value.value, separator: ",")
    case .count(let count): return String(count)
    case .date(let date): return date.german
    case .decimal(let value): return String(value.xmlValue.map { $0 == "." ? "," : $0 })
    case .text(let text): return text
    }
  }
}

/// A formula of computation.md, with its operands' values put in.
struct Formula: Sendable {
  enum Kind: Sendable, Equatable {
    /// Ist − Plan.
    case difference
    /// round(IstKumuliert × 100 / PlanGesamt, 2).
    case utilization
    /// min(round(IstKumuliert × q), Höchstbetrag).
    case federalShare
    /// AbgerufenKumuliert − BundesanteilKumuliert.
    case cash
    /// Σ Zinsen der Abrufe.
    case interestTotal
    /// Ist des Zeitraums − (BundesanteilKumuliert(E) − BundesanteilKumuliert(B − 1)).
    case ownFunds
    /// Zuwendung + Eigenmittel.
    case incomeTotal
    /// The same value as another figure (ZuwendungsfaehigKumuliert = IstKumuliert).
    case same
    /// round(Bedarf × q).
    case shareOfNeed
    /// max(0, min(BundesanteilBezahlt + BundesanteilBedarf − BisherAbgerufen, Höchstbetrag − BisherAbgerufen)).
    case request
    /// Stichtag + Verwendungsfrist.
    case useBy
  }

  var kind: Kind
  var operands: [Operand]
}

/// An operand of a formula: a figure of the report (explainable itself) or a value named by
/// computation.md.
struct Operand: Sendable {
  /// The operand's place in the same report, when it has one.
  var place: String?
  var name: String
  var value: ExplainedValue
}

/// A ledger row as an explanation lists it.
struct ExplainedBooking: Sendable {
  var booking: Booking
  var costItem: String
  var eligibleAmount: Money
}

/// A record of a small input file, with where a person finds it.
struct SourceRecord<Value: Sendable>: Sendable {
  var value: Value
  var place: RecordPlace
}

/// Where a record is: the file as the user named it, its first physical line, and the row a
/// spreadsheet shows it in (header row 1; nil when not known).
struct RecordPlace: Sendable, Equatable {
  var file: String
  var line: Int
  var spreadsheetRow: Int?
}

/// Finds the places of records of the small input files (names as the user named them,
/// spreadsheet rows).
struct SourcePlaceFinder: Sendable {
  let export: Export
  /// The ledger's name as the user named it (asked once: a listing names it for every row).
  let ledgerFileName: String

  init(export: Export) {
    self.export = export
    ledgerFileName = export.userFileName(ExportLoader.InputFile.buchungen.rawValue)
  }

  func place(_ interfaceName: String, line: Int) -> RecordPlace {
    RecordPlace(
      file: export.userFileName(interfaceName), line: line,
      spreadsheetRow: export.spreadsheetRow(file: interfaceName, line: line))
  }

  func place(of booking: Booking) -> RecordPlace {
    RecordPlace(
      file: ledgerFileName, line: booking.line,
      spreadsheetRow: booking.spreadsheetRow > 0 ? booking.spreadsheetRow : nil)
  }
}

/// Which plan rows a plan figure sums.
struct PlanFilter: Sendable, Equatable {
  var costItem: String?
  var measure: String?
  /// nil: every year.
  var years: ClosedRange<Int>?
}

/// Which drawdowns a drawdown figure sums.
enum DrawdownFilter: Sendable, Equatable {
  /// Received (`eingangsdatum`) by the day.
  case receivedBy(CalendarDate)
  /// Received within the period.
  case receivedWithin(DateInterval)
  /// Requested (`abrufdatum`) by the day, received or not.
  case requestedBy(CalendarDate)
}

/// A value taken from one input record, or given on the command line.
struct InputValue: Sendable {
  /// nil: given on the command line (`--bedarf`).
  var place: RecordPlace?
  /// The input's column (`foerderquote`) or option (`--bedarf`).
  var column: String
}
