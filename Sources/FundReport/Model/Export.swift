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
  public func end(from date: CalendarDate) -> CalendarDate {
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
public struct SourcePlace: Hashable, Comparable, Sendable {
  /// The input file's name as the interface names it (`buchungen.csv`).
  public var file: String
  /// Physical line of the record's start, header = 1.
  public var line: Int

  public init(file: String, line: Int) {
    self.file = file
    self.line = line
  }

  public static func < (lhs: SourcePlace, rhs: SourcePlace) -> Bool {
    if lhs.file != rhs.file { return codePointOrder(lhs.file, rhs.file) }
    return lhs.line < rhs.line
  }
}

/// The name of a grant's folder in a delivery's path and of its files'
/// prefix (outputs.md: `<FKZ>` with every character outside
/// `A-Z a-z 0-9 . _ -` replaced by `_`).
public enum GrantFolder {
  public static func name(of grantID: String) -> String {
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
  public static func isUsable(_ name: String) -> Bool {
    !name.isEmpty && name != "." && name != ".."
  }
}

/// A grant (`zuwendung.csv`).
public struct Grant: Sendable {
  public var id: String
  public var recipient: String
  public var programme: String
  public var period: DateInterval
  /// `foerderquote` in hundredths of a percent (90 % = 9000).
  public var fundingRate: Hundredths
  public var eligibleExpenditure: Money
  public var cap: Money
  public var deductsInputTax: Bool
  public var spendingWindow: SpendingWindow
  public var interimStatementMonths: Int
  public var finalStatementDue: CalendarDate
  public var line: Int
}

public enum Phase: String, Sendable {
  case a = "A"
  case b = "B"
}

/// A measure of a grant (`massnahmen.csv`).
public struct Measure: Sendable {
  public var grant: String
  public var id: String
  public var title: String
  public var phase: Phase
  public var start: CalendarDate?
  public var end: CalendarDate?
  public var line: Int
}

/// A row of the financing plan (`finanzplan.csv`).
public struct PlanEntry: Sendable {
  public var grant: String
  public var measure: String
  public var costItem: String
  public var year: Int
  public var amount: Money
  public var line: Int
}

/// A funded cost object (`kostenobjekte.csv`).
public struct CostObject: Sendable {
  public var id: String
  public var grant: String
  public var measure: String
  public var line: Int
}

/// An account prefix and its cost item (`sachkonten.csv`).
public struct AccountPrefix: Sendable {
  public var prefix: String
  public var costItem: String
  public var line: Int

  /// The cost item whose bookings are never eligible.
  public static let notEligible = "nicht_foerderfaehig"
}

/// A ledger row of a funded cost object (`buchungen.csv`).
public struct Booking: Sendable {
  public var line: Int
  public var voucher: String
  public var postingDate: CalendarDate
  public var paymentDate: CalendarDate?
  public var costObject: String
  public var account: String
  public var payee: String
  public var purpose: String
  public var net: Money
  public var vat: Money
  public var gross: Money
  public var grant: String
  public var measure: String
}

extension Grant {
  /// BundesanteilKumuliert for `eligible` spending: min(round(eligible × q), Höchstbetrag)
  /// (computation.md, "Federal share").
  public func federalShare(of eligible: Money) -> Money {
    min(eligible.share(fundingRate), cap)
  }
}

extension Booking {
  /// A row is present at E when it was booked or paid by E (rules.md).
  public func isPresent(at stichtag: CalendarDate) -> Bool {
    postingDate <= stichtag || (paymentDate.map { $0 <= stichtag } ?? false)
  }
}

/// A drawdown or repayment (`mittelabrufe.csv`).
public struct Drawdown: Sendable {
  public var grant: String
  public var number: String
  public var requestDate: CalendarDate
  public var receiptDate: CalendarDate?
  public var amount: Money
  public var line: Int
}

/// A milestone (`meilensteine.csv`).
public struct Milestone: Sendable {
  public var grant: String
  public var measure: String
  public var id: String
  public var title: String
  public var plannedDate: CalendarDate
  public var actualDate: CalendarDate?
  public var progress: Hundredths
  public var line: Int
}

/// A value of a progress indicator (`indikatoren.csv`).
public struct IndicatorValue: Sendable {
  public var grant: String
  public var measure: String
  public var id: String
  public var title: String
  public var unit: String
  public var target: Decimal4
  public var actual: Decimal4
  public var date: CalendarDate
  public var line: Int
}

/// A base-rate period (`basiszinssatz.csv`): the rate holds from `validFrom`
/// until the next period's start.
public struct BaseRate: Sendable {
  public var validFrom: CalendarDate
  public var rate: Hundredths
  public var line: Int

  /// Interest on grant money not used in time: this many percentage points above the base rate
  /// (§ 49a Abs. 4 VwVfG; computation.md). The interest computation and R-ZINSEN's message read it.
  public static let pointsForInterest = Hundredths(500)
}

/// One input file as `Quelldaten` lists it.
public struct SourceFile: Sendable, Hashable {
  public var name: String
  public var sha256: String
  public var records: Int
  /// How the file was read (for `fundreport check`).
  public var encoding: TextEncoding
  public var delimiter: UInt8
}

/// Everything read from one export directory, grouped by grant.
public struct Export: Sendable {
  public var grants: [String: Grant] = [:]
  public var measures: [String: [Measure]] = [:]
  public var plan: [String: [PlanEntry]] = [:]
  public var costObjects: [String: CostObject] = [:]
  public var accountPrefixes: [AccountPrefix] = []
  /// Grant rows given in memory (tests); a ledger read from a file is in ``grantRows``.
  public var bookings: [String: [Booking]] = [:]
  /// The ledger's grant rows, folded per grant while it was read.
  public var grantRows: [String: GrantRows] = [:]
  /// Grant rows read per grant id, also for grants whose row has errors.
  public var ledgerRowCounts: [String: Int] = [:]
  public var drawdowns: [String: [Drawdown]] = [:]
  public var milestones: [String: [Milestone]] = [:]
  public var indicators: [String: [IndicatorValue]] = [:]
  public var baseRates: [BaseRate] = []
  /// The input files present, sorted by name.
  public var sourceFiles: [SourceFile] = []
  /// Ledger rows funded by no grant that hold bad values (R-AUSSER-SCOPE).
  public var outOfScopeDefects = OutOfScopeDefects()
  /// How many threads' results the ledger was read with (1 or 2).
  public var ledgerReaders = 1

  public init() {}

  /// The grant ids, sorted by code point.
  public var grantIDs: [String] { grants.keys.sorted(by: codePointOrder) }
}

/// Ledger rows outside every grant that hold bad values: counted, and the
/// first ten places kept (rules.md, R-AUSSER-SCOPE).
public struct OutOfScopeDefects: Sendable {
  public var count = 0
  public var firstLines: [Int] = []
  /// All data records of the ledger.
  public var rowsRead = 0
  /// Records whose cost object no grant funds.
  public var rowsOutOfScope = 0

  mutating func record(line: Int) {
    count += 1
    if firstLines.count < 10 { firstLines.append(line) }
  }
}

/// Text sorts by Unicode code point (outputs.md: `M-10` before `M-2`).
public func codePointOrder(_ lhs: String, _ rhs: String) -> Bool {
  lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars)
}
