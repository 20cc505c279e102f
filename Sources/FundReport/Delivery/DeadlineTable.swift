import Foundation

/// `fundreport deadlines`: every grant's due dates as a calendar, with what
/// the register knows of each (submitted, a draft, missing), as a table and
/// as an iCalendar file (RFC 5545).
public enum DeadlineTable {
  /// One due date and the register's state of its delivery.
  struct Item: Sendable, Equatable {
    var grant: String
    var kind: ReportKind
    var period: String
    var due: CalendarDate
    var state: State
  }

  public enum State: Sendable, Equatable {
    /// The latest version is submitted.
    case submitted(version: Int, at: Timestamp?)
    /// The latest version is a draft, made at `created`.
    case draft(version: Int, created: Timestamp)
    /// The register has no delivery for it.
    case missing
    /// No register was found: nothing is known.
    case unknown
  }

  /// The due dates of every grant (Zwischennachweise and Verwendungsnachweis,
  /// computation.md; a Quartalsbericht `after_days` after each quarter of
  /// the grant for every Quartalsbericht job of `jobs`), by date, then grant.
  static func items(export: Export, jobs: [ScheduledJob], register: Register?) throws(Register.Failure) -> [Item] {
    var items: [Item] = []
    for id in export.grantIDs {
      guard let grant = export.grants[id] else { continue }
      var dues = DueDates.of(grant).map { ($0.kind, $0.period, $0.date) }
      for job in jobs where job.kind == .quartalsbericht && (job.grants?.contains(id) ?? true) {
        var start = CalendarDate.firstDay(
          ofYear: grant.period.start.year, month: (grant.period.start.month - 1) / 3 * 3 + 1)
        while start <= grant.period.end {
          let end = CalendarDate.lastDay(ofYear: start.year, month: start.month + 2)
          dues.append(
            (.quartalsbericht, "\(start.year)-Q\((start.month - 1) / 3 + 1)", end.adding(days: job.afterDays)))
          start = start.adding(months: 3)
        }
      }
      for (kind, period, date) in dues {
        var state = State.unknown
        if let register {
          switch try register.latest(grant: id, kind: kind, period: period) {
          case .some(let entry) where entry.status == .submitted:
            state = .submitted(version: entry.version, at: entry.submittedAt.flatMap(Timestamp.init(iso:)))
          case .some(let entry): state = .draft(version: entry.version, created: entry.created)
          case .none: state = .missing
          }
        }
        items.append(Item(grant: id, kind: kind, period: period, due: date, state: state))
      }
    }
    // Stable: by date, then grant, then kind (a Quartalsbericht and a Zwischennachweis may share a day).
    return items.sorted {
      ($0.due, $0.grant, $0.kind.rawValue, $0.period) < ($1.due, $1.grant, $1.kind.rawValue, $1.period)
    }
  }

  static func rows(_ items: [Item], asOf: CalendarDate, language: Language = .german) -> [[String]] {
    let headings: [TableColumn] = [.foerderkennzeichen, .report, .period, .dueOn, .state, .delivery]
    var rows: [[String]] = [headings.map { language.text(.column($0)) }]
    for item in items {
      let state: String
      switch item.state {
      case .submitted: state = language.text(.deadlineMet)
      default: state = language.text(.due(inDays: asOf.days(to: item.due)))
      }
      rows.append([
        item.grant, item.kind.rawValue, item.period, item.due.german, state, language.text(.deliveryState(item.state)),
      ])
    }
    return rows
  }

  /// The items as an iCalendar file: one all-day event per due date, with a
  /// reminder `reminderDays` before; `stamp` is every event's DTSTAMP (the
  /// generation time, fixed by `--created` for byte-identical files).
  static func iCalendar(_ items: [Item], stamp: Timestamp, reminderDays: Int = 14, language: Language = .german)
    -> [UInt8]
  {
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fundreport//fundreport \(FundReportVersion.current)//DE",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
    ]
    let stamp = stamp.description.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    func day(_ date: CalendarDate) -> String { date.iso.replacingOccurrences(of: "-", with: "") }
    for item in items {
      let summary = language.text(.deadlineSummary(grant: item.grant, kind: item.kind, period: item.period))
      lines += [
        "BEGIN:VEVENT",
        "UID:\(item.grant)-\(item.kind.rawValue)-\(item.period)@fundreport",
        "DTSTAMP:\(stamp)",
        "DTSTART;VALUE=DATE:\(day(item.due))",
        "DTEND;VALUE=DATE:\(day(item.due.adding(days: 1)))",
        "SUMMARY:\(escaped(summary))",
        "DESCRIPTION:\(escaped(language.text(.deliveryState(item.state))))",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:\(escaped(summary))", "TRIGGER:-P\(reminderDays)D",
        "END:VALARM",
        "END:VEVENT",
      ]
    }
    lines.append("END:VCALENDAR")
    return Array(lines.flatMap(folded).map { $0 + "\r\n" }.joined().utf8)
  }

  /// A TEXT value as RFC 5545 3.3.11 writes it.
  static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "\\": result += "\\\\"
      case ";": result += "\\;"
      case ",": result += "\\,"
      case "\n", "\r\n", "\r": result += "\\n"
      default: result.append(character)
      }
    }
    return result
  }

  /// A content line folded to at most 75 octets per line (RFC 5545 3.1),
  /// never inside a UTF-8 sequence.
  static func folded(_ line: String) -> [String] {
    var lines: [String] = []
    var current = ""
    var octets = 0
    for character in line {
      let size = String(character).utf8.count
      let limit = lines.isEmpty ? 75 : 74
      if octets + size > limit {
        lines.append(lines.isEmpty ? current : " " + current)
        current = ""
        octets = 0
      }
      current.append(character)
      octets += size
    }
    lines.append(lines.isEmpty ? current : " " + current)
    return lines
  }

  public static func run(
    inputDirectory: String, asOf: CalendarDate, jobs: ScheduledJobs = ScheduledJobs(), registerPath: String?,
    iCalendarPath: String?, stamp: Timestamp, language: Language = .german, report: (String) -> Void,
    warn: (String) -> Void
  ) -> RunStatus {
    guard ExportLoader.directoryExists(inputDirectory) else {
      warn(language.text(.inputDirectoryMissing(inputDirectory)))
      return .inputMissing
    }
    // The due dates come from zuwendung.csv alone: the ledger is neither read nor hashed.
    var loader = ExportLoader(directory: inputDirectory)
    loader.files = [.zuwendung]
    let loaded = loader.load()
    let errors = loaded.diagnostics.errors
    for error in errors.sorted(by: InputError.displayOrder) { warn(error.text(language)) }
    if errors.contains(where: { $0.kind == .fileAccess }) { return .inputMissing }
    let items: [Item]
    do {
      var register: Register?
      if let registerPath, FileSystem.kind(of: registerPath) == .file {
        register = try Register(path: registerPath, create: false)
      } else if let registerPath {
        warn(language.text(.noRegisterForDeadlines(registerPath)))
      }
      items = try Self.items(export: loaded.export, jobs: jobs.jobs, register: register)
    } catch {
      warn(language.text(.failure(.registerFailure(error))))
      return .cannotWrite
    }
    if let iCalendarPath {
      do {
        try OutputGuard.writeFile(iCalendarPath, bytes: iCalendar(items, stamp: stamp, language: language))
      } catch {
        warn(language.text(.failure(.file(error))))
        return .cannotWrite
      }
    }
    for line in TextTable.render(rows(items, asOf: asOf, language: language)) { report(line) }
    return errors.isEmpty ? .success : .dataError
  }
}

/// The jobs of a configuration, as `deadlines` takes them (public, for the command line).
public struct ScheduledJobs: Sendable {
  var jobs: [ScheduledJob]
  public init() { jobs = [] }
  public init(_ configuration: Configuration) { jobs = configuration.jobs }
}
