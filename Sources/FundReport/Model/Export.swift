/// The time within which drawn money must be used (`verwendungsfrist`).
public enum SpendingWindow: Hashable, Sendable, CustomStringConvertible {
  case months(Int)
  case weeks(Int)

  /// Parses `^[1-9][0-9]*[MW]$`.
  init?(code: String) {
    guard let unit = code.last, unit == "M" || unit == "W" else { return nil }
    let digits = code.dropLast()
    guard let first = digits.first, first != "0", digits.count <= 4, digits.allSatisfy(\.isASCII),
      let value = Int(digits)
    else { return nil }
    self = unit == "M" ? .months(value) : .weeks(value)
  }

  /// The day the window ends for money that arrived on `date` (computation.md).
  func end(from date: CalendarDate) -> CalendarDate {
    switch self {
    case .months(let months): return date.adding(months: months)
    case .weeks(let weeks): return date.adding(days: weeks * 7)
    }
  }

  /// The grant's code, e.g. `2M`.
  public var description: String {
    switch self {
    case .months(let value): return "\(value)M"
    case .weeks(let value): return "\(value)W"
    }
  }
}

/// Where a value came from: a data line of an input file.
struct SourcePlace: Hashable, Comparable, Sendable {
  /// The input file's name as the interface names it (`buchungen.csv`).
  var file: String
  /// Physical line of the record's start, header = 1.
  var line: Int

  static func < (lhs: SourcePlace, rhs: SourcePlace) -> Bool {
    if lhs.file != rhs.file { return codePointOrder(lhs.file, rhs.file) }
    return lhs.line < rhs.line
  }
}

/// The name of a grant's folder in a delivery's path and of its files'
/// prefix (outputs.md: `<FKZ>` with every character outside
/// `A-Z a-z 0-9 . _ -` replaced by `_`).
enum GrantFolder {
  static func name(of grantID: String) -> String {
    String(
      grantID.unicodeScalars.map { scalar -> Character in
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "-": return Character(scalar)
        default: return "_"
        }
      })
  }

  /// Whether `name` can be a folder of its own below the output folder:
  /// not empty, `.` or `..` (which would write beside or into it).
  static func isUsable(_ name: String) -> Bool {
    !name.isEmpty && name != "." && name != ".."
  }
}

/// A grant (`zuwendung.csv`).
struct Grant: Sendable {
  var id: String
  var recipient: String
  var programme: String
  var period: DateInterval
  /// `foerderquote` in hundredths of a percent (90 % = 9000).
  var fundingRate: Hundredths
  var eligibleExpenditure: Money
  var cap: Money
  var deductsInputTax: Bool
  var spendingWindow: SpendingWindow
  var interimStatementMonths: Int
  var finalStatementDue: CalendarDate
  var line: Int
}

enum Phase: String, Sendable {
  case a = "A"
  case b = "B"
}

/// A measure of a grant (`massnahmen.csv`).
struct Measure: Sendable {
  var grant: String
  var id: String
  var title: String
  var phase: Phase
  var start: CalendarDate?
  var end: CalendarDate?
  var line: Int
}

/// A row of the financing plan (`finanzplan.csv`).
struct PlanEntry: Sendable {
  var grant: String
  var measure: String
  var costItem: String
  var year: Int
  var amount: Money
  var line: Int
}

/// A funded cost object (`kostenobjekte.csv`).
struct CostObject: Sendable {
  var id: String
  var grant: String
  var measure: String
  var line: Int
}

/// An account prefix and its cost item (`sachkonten.csv`).
struct AccountPrefix: Sendable {
  var prefix: String
  var costItem: String
  var line: Int

  /// The cost item whose bookings are never eligible.
  static let notEligible = "nicht_foerderfaehig"
}

/// A ledger row of a funded cost object (`buchungen.csv`).
struct Booking: Sendable {
  var line: Int
  var voucher: String
  var postingDate: CalendarDate
  var paymentDate: CalendarDate?
  var costObject: String
  var account: String
  var payee: String
  var purpose: String
  var net: Money
  var vat: Money
  var gross: Money
  var grant: String
  var measure: String
  /// The row a spreadsheet shows the record in (header row 1): not ``line`` once a field of an
  /// earlier record holds a line break.
  var spreadsheetRow = 0
}

extension Grant {
  /// BundesanteilKumuliert for `eligible` spending: min(round(eligible × q), Höchstbetrag)
  /// (computation.md, "Federal share").
  func federalShare(of eligible: Money) -> Money {
    min(eligible.share(fundingRate), cap)
  }
}

extension Booking {
  /// A row is present at E when it was booked or paid by E (rules.md).
  func isPresent(at stichtag: CalendarDate) -> Bool {
    postingDate <= stichtag || (paymentDate.map { $0 <= stichtag } ?? false)
  }
}

/// A drawdown or repayment (`mittelabrufe.csv`).
struct Drawdown: Sendable {
  var grant: String
  var number: String
  var requestDate: CalendarDate
  var receiptDate: CalendarDate?
  var amount: Money
  var line: Int
}

/// A milestone (`meilensteine.csv`).
struct Milestone: Sendable {
  var grant: String
  var measure: String
  var id: String
  var title: String
  var plannedDate: CalendarDate
  var actualDate: CalendarDate?
  var progress: Hundredths
  var line: Int
}

/// A value of a progress indicator (`indikatoren.csv`).
struct IndicatorValue: Sendable {
  var grant: String
  var measure: String
  var id: String
  var title: String
  var unit: String
  var target: Decimal4
  var actual: Decimal4
  var date: CalendarDate
  var line: Int
}

/// A base-rate period (`basiszinssatz.csv`): the rate holds from `validFrom`
/// until the next period's start.
struct BaseRate: Sendable {
  var validFrom: CalendarDate
  var rate: Hundredths
  var line: Int

  /// Interest on grant money not used in time: this many percentage points above the base rate
  /// (§ 49a Abs. 4 VwVfG; computation.md). The interest computation and R-ZINSEN's message read it.
  static let pointsForInterest = Hundredths(500)
}

/// One input file as `Quelldaten` lists it.
struct SourceFile: Sendable, Hashable {
  var name: String
  var sha256: String
  var records: Int
  /// How the file was read (for `fundreport check`).
  var encoding: TextEncoding
  var delimiter: UInt8
  /// Where it was read (as the user named the file), for the archive.
  var path = ""
  /// For a UTF-16 file (read from a UTF-8 copy): its byte order.
  var utf16: UTF16Order?
  /// For a workbook: the sheet that was read.
  var sheet: String?

  /// The encoding as `check` names it: `UTF-16LE` for a UTF-16 file, else the encoding it was read in.
  var encodingName: String { sheet != nil ? "XLSX" : utf16?.rawValue ?? encoding.rawValue }
}

/// Everything read from one export directory, grouped by grant.
public struct Export: Sendable {
  var grants: [String: Grant] = [:]
  var measures: [String: [Measure]] = [:]
  var plan: [String: [PlanEntry]] = [:]
  var costObjects: [String: CostObject] = [:]
  var accountPrefixes: [AccountPrefix] = []
  /// Grant rows given in memory (tests); a ledger read from a file is in ``grantRows``.
  var bookings: [String: [Booking]] = [:]
  /// The ledger's grant rows, folded per grant while it was read.
  var grantRows: [String: GrantRows] = [:]
  /// Grant rows read per grant id, also for grants whose row has errors.
  var ledgerRowCounts: [String: Int] = [:]
  var drawdowns: [String: [Drawdown]] = [:]
  var milestones: [String: [Milestone]] = [:]
  var indicators: [String: [IndicatorValue]] = [:]
  var baseRates: [BaseRate] = []
  /// The input files present, sorted by name.
  var sourceFiles: [SourceFile] = []
  /// Ledger rows funded by no grant that hold bad values (R-AUSSER-SCOPE).
  var outOfScopeDefects = OutOfScopeDefects()
  /// How many threads' results the ledger was read with (1 or 2).
  var ledgerReaders = 1
  /// Per small input file (by its interface name), the first line of every data record
  /// (``spreadsheetRow(file:line:)``).
  var recordLines: [String: [Int32]] = [:]
  /// Per input file, the line of its header when lines before it were skipped (1 otherwise).
  var headerLines: [String: Int] = [:]
  /// The input files read from a workbook's sheet, whose lines are the sheet's rows.
  var sheetFiles: Set<String> = []

  init() {}

  /// The spreadsheet row (header row 1) of the record that starts on `line` of the small input
  /// file `file`; nil when no record starts there.
  func spreadsheetRow(file: String, line: Int) -> Int? {
    guard let lines = recordLines[file] else { return nil }
    if sheetFiles.contains(file) { return line }
    var low = 0
    var high = lines.count
    while low < high {
      let middle = (low + high) / 2
      if Int(lines[middle]) < line { low = middle + 1 } else { high = middle }
    }
    return low < lines.count && Int(lines[low]) == line ? low + 1 + (headerLines[file] ?? 1) : nil
  }

  /// The input file `name` (`buchungen.csv`) as the user named it in the export
  /// (`Buchungen.CSV`, or a mapped `FBL3N_Export.csv`); `name` when it was not read.
  func userFileName(_ name: String) -> String {
    guard let path = sourceFiles.first(where: { $0.name == name })?.path, !path.isEmpty else { return name }
    return path.split(separator: "/").last.map(String.init) ?? name
  }

  /// The grant ids, sorted by code point.
  public var grantIDs: [String] { grants.keys.sorted(by: codePointOrder) }
}

/// Ledger rows outside every grant that hold bad values: counted, and the
/// first ten places kept (rules.md, R-AUSSER-SCOPE).
struct OutOfScopeDefects: Sendable {
  var count = 0
  var firstLines: [Int] = []
  /// All data records of the ledger.
  var rowsRead = 0
  /// Records whose cost object no grant funds.
  var rowsOutOfScope = 0

  mutating func record(line: Int) {
    count += 1
    if firstLines.count < 10 { firstLines.append(line) }
  }
}

/// Text sorts by Unicode code point (outputs.md: `M-10` before `M-2`).
func codePointOrder(_ lhs: String, _ rhs: String) -> Bool {
  lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars)
}
