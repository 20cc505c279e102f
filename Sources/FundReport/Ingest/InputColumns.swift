/// The columns of the input files (inputs.md, "Columns"), one enum per file, named as the interface names
/// them: the column table, the readers and the configuration's mapping check all use these, so a
/// misspelled column does not compile.
protocol InputColumn: RawRepresentable<String>, CaseIterable, ColumnReference, Sendable {
  /// Whether the header must have the column (inputs.md calls the others optional).
  var isRequired: Bool { get }
}

extension InputColumn {
  var name: String { rawValue }
  func index(in table: TableReader) -> Int? { table.columnIndex[rawValue] }

  /// The file's columns for reading its header.
  static var specs: [ColumnSpec] { allCases.map { ColumnSpec(name: $0.rawValue, isRequired: $0.isRequired) } }
}

/// The columns of `zuwendung.csv`.
enum GrantColumn: String, InputColumn {
  case foerderkennzeichen
  case zuwendungsempfaenger
  case programm
  case bewilligungszeitraumBeginn = "bewilligungszeitraum_beginn"
  case bewilligungszeitraumEnde = "bewilligungszeitraum_ende"
  case foerderquote
  case zuwendungsfaehigeAusgaben = "zuwendungsfaehige_ausgaben"
  case zuwendungHoechstbetrag = "zuwendung_hoechstbetrag"
  case vorsteuerabzug
  case verwendungsfrist
  case zwischennachweisFristMonate = "zwischennachweis_frist_monate"
  case verwendungsnachweisFaellig = "verwendungsnachweis_faellig"

  var isRequired: Bool {
    switch self {
    case .verwendungsfrist, .zwischennachweisFristMonate, .verwendungsnachweisFaellig: return false
    default: return true
    }
  }
}

/// The columns of `massnahmen.csv`.
enum MeasureColumn: String, InputColumn {
  case foerderkennzeichen
  case massnahme
  case bezeichnung
  case phase
  case beginn
  case ende

  var isRequired: Bool {
    switch self {
    case .beginn, .ende: return false
    default: return true
    }
  }
}

/// The columns of `finanzplan.csv`.
enum PlanColumn: String, InputColumn {
  case foerderkennzeichen
  case massnahme
  case kostenposition
  case jahr
  case planbetrag

  var isRequired: Bool { true }
}

/// The columns of `kostenobjekte.csv`.
enum CostObjectColumn: String, InputColumn {
  case kostenobjekt
  case foerderkennzeichen
  case massnahme

  var isRequired: Bool { true }
}

/// The columns of `sachkonten.csv`.
enum AccountColumn: String, InputColumn {
  case sachkontoPraefix = "sachkonto_praefix"
  case kostenposition

  var isRequired: Bool { true }
}

/// The columns of `buchungen.csv`.
enum LedgerColumn: String, InputColumn {
  case belegNr = "beleg_nr"
  case buchungsdatum
  case zahlungsdatum
  case kostenobjekt
  case sachkonto
  case empfaenger
  case verwendungszweck
  case netto
  case ust
  case brutto

  var isRequired: Bool { true }
}

/// The columns of `mittelabrufe.csv`.
enum DrawdownColumn: String, InputColumn {
  case foerderkennzeichen
  case abrufNr = "abruf_nr"
  case abrufdatum
  case eingangsdatum
  case betrag

  var isRequired: Bool { true }
}

/// The columns of `meilensteine.csv`.
enum MilestoneColumn: String, InputColumn {
  case foerderkennzeichen
  case massnahme
  case meilenstein
  case bezeichnung
  case plandatum
  case istdatum
  case fortschritt

  var isRequired: Bool { true }
}

/// The columns of `indikatoren.csv`.
enum IndicatorColumn: String, InputColumn {
  case foerderkennzeichen
  case massnahme
  case indikator
  case bezeichnung
  case einheit
  case zielwert
  case istwert
  case stichtag

  var isRequired: Bool { true }
}

/// The columns of `basiszinssatz.csv`.
enum BaseRateColumn: String, InputColumn {
  case gueltigAb = "gueltig_ab"
  case satz

  var isRequired: Bool { true }
}
