import SystemPackage

/// Everything fundreport says to people, in English (`--lang en`).
///
/// The interface's own terms stay German (Quartalsbericht, Förderkennzeichen,
/// Fehler/Warnung/Hinweis as severities), and amounts and dates keep the
/// form of the reports (`1.234,56 €`, `15.10.2026`), so that a figure reads
/// the same in every view.
enum English: MessageCatalog {
  // MARK: Words

  static func label(_ label: MessageLabel) -> String {
    switch label {
    case .error: return "error"
    case .note: return "note"
    case .internalError: return "internal error"
    }
  }

  static func counted(_ count: Int, _ noun: CountedNoun) -> String {
    let (singular, plural): (String, String)
    switch noun {
    case .fehler: (singular, plural) = ("Fehler", "Fehler")
    case .warnung: (singular, plural) = ("Warnung", "Warnungen")
    case .hinweis: (singular, plural) = ("Hinweis", "Hinweise")
    case .inputError: (singular, plural) = ("input error", "input errors")
    case .booking: (singular, plural) = ("booking", "bookings")
    case .finding: (singular, plural) = ("finding", "findings")
    case .file: (singular, plural) = ("file", "files")
    case .dayDative: (singular, plural) = ("day", "days")
    case .field: (singular, plural) = ("field", "fields")
    case .job: (singular, plural) = ("job", "jobs")
    case .figure: (singular, plural) = ("figure", "figures")
    case .row: (singular, plural) = ("row", "rows")
    }
    return "\(count) \(count == 1 ? singular : plural)"
  }

  static func name(_ kind: InputError.Kind) -> String { kind.rawValue }

  static func name(_ category: InputError.Category) -> String { category.rawValue }

  private static func list(_ items: [String], or: Bool = false) -> String {
    guard items.count > 1, let last = items.last else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + last
  }

  // MARK: Input

  static func text(_ problem: InputProblem) -> String {
    switch problem {
    case .missingFile: return "required input file is missing"
    case .unreadable(let code): return "cannot read: \(systemReason(code))"
    case .similarFile(let name, let content):
      return "the file is missing; but the export directory has \(name.quotedForMessage)"
        + (content.map { ", " + foreign($0) } ?? "")
        + ". If that is the one, \(content == nil ? "rename it" : "save it as CSV and name it") "
        + "like the input file, "
        + "or name it as path under files: in fundreport.yaml"
    case .notCSV(let content): return "is not a CSV file but \(foreign(content)); \(saveAsCSV(content))"
    case .workbook(let failure): return workbook(failure)
    case .emptyFile: return "the file is empty: a header line is required"
    case .headerUnreadable:
      return "the header line cannot be read (see the error before); fix it, the rows were not checked"
    case .headerLoneCarriageReturn:
      return "the header line holds a carriage return (CR) that no line feed follows: the file's lines end "
        + "with CR alone (an old Mac export); save it with CRLF or LF line ends. The file was not read further"
    case .duplicateHeader(let first, let second, let column):
      return "headers \(first.quotedForMessage) and \(second.quotedForMessage) both mean column \"\(column)\""
    case .missingColumn(let column, let configuredAs, let header, let more):
      let alias = configuredAs.map { " (configured as \($0.quotedForMessage))" } ?? ""
      let listing = header.map(\.quotedForMessage).joined(separator: ", ") + (more > 0 ? " … and \(more) more" : "")
      return "required column \"\(column)\"\(alias) is missing; the header has: \(listing)"
    case .shortRow(let fields, let header):
      return "the row has \(counted(fields, .field)), the header has \(header)"
    case .tooManyFields(let header): return "too many fields: the header has \(header)"
    case .unclosedQuoteNeverEnds: return "unclosed quote: the quoted field that starts here never ends"
    case .unclosedQuoteTooLong(let mebibytes):
      return "unclosed quote: the quoted field that starts here runs over \(mebibytes) MiB"
    case .unclosedQuoteRunsOn(let lines):
      return "unclosed quote: the quoted field that starts here runs "
        + (lines == 1 ? "to the next line" : "\(lines) lines on") + ", where a quote is followed by text"
    case .recordTooLong(let mebibytes): return "record longer than \(mebibytes) MiB without a line end"
    case .strayQuoteAfterField:
      return "stray quote: a quoted field must end with a quote followed by the delimiter or the line end"
    case .strayQuoteInField:
      return "stray quote: a field that contains a quote must be quoted, with the quote doubled"
    case .invalidUTF16(let order, let units, let offset):
      return "the file is \(order.rawValue), but \(units == 1 ? "1 character is" : "\(units) characters are") not "
        + "valid UTF-16 (the first at byte \(offset)) and \(units == 1 ? "was" : "were") read as U+FFFD; export it again"
    case .invalidByte(let byte, let encoding):
      return "invalid byte \(hex(byte)) for the file's encoding \(encoding.rawValue)"
    case .value(let column, let problem): return "\(column): \(text(problem))"
    case .folderCollision(let column, let first, let firstLine, let second, let secondLine, let folder):
      return "\(column): grants \(first.quotedForMessage) (line \(firstLine)) and \(second.quotedForMessage) "
        + "(line \(secondLine)) would both be written to the folder \(folder.quotedForMessage) (every character "
        + "outside A-Z a-z 0-9 . _ - becomes _); give one of them a Förderkennzeichen that differs in those characters"
    case .grantWithoutPlan(let grant): return "grant \(grant) has no rows in finanzplan.csv"
    }
  }

  static func text(_ problem: ValueProblem) -> String {
    switch problem {
    case .missing(let form): return "value missing; expected \(text(form))"
    case .invalid(let value, let form): return "\(value.quotedForMessage) is not valid; expected \(text(form))"
    case .controlCharacter(let value, let code):
      return "\(value.quotedForMessage) contains the control character U+\(code), which XML cannot carry; "
        + "expected text without control characters"
    case .formulaStart(let value, let first):
      return "\(value.quotedForMessage) starts with \"\(first)\", which a spreadsheet would run as a formula; "
        + "expected an identifier that starts with a letter or digit"
    case .tooLong(let value, let length):
      return "\(value.quotedForMessage) is too long (\(length) characters); expected an identifier of at most 64"
    case .outOfRange(let value, let range):
      let expected: String
      switch range {
      case .aboveZeroUpToHundred: expected = "more than 0 and at most 100"
      case .zeroToHundred: expected = "0 to 100"
      case .aboveMinusHundredUpToHundred: expected = "more than -100 and at most 100"
      }
      return "\(value) is out of range; expected \(expected)"
    case .negative(let value): return "\(value.display) is negative; expected 0 or more"
    case .notPositiveOrTooLarge(let value, let limit):
      return "\(value.display) must be more than 0 and at most \(limit.display)"
    case .cellProblem(let kind):
      switch kind {
      case .excelError(let code):
        return "the cell holds Excel's error \(code) instead of a value; correct the formula or reference in the sheet"
      case .notANumber(let value):
        return "the cell is stored as a number, but its content \(value.quotedForMessage) is none; save the "
          + "workbook again in Excel"
      case .missingSharedString(let index):
        return "the cell refers to the workbook's text no. \(index), which does not exist (the file is damaged); "
          + "save the workbook again in Excel"
      }
    case .amountLimit(let limit):
      return "the amounts of this grant in this file add up to more than \(limit.display) "
        + "(by magnitude), more than fundreport sums exactly; check the export"
    case .dateBefore(let date, let otherColumn, let other):
      return "\(date.german) lies before \(otherColumn) \(other.german)"
    case .unknownGrant(let grant): return "\(grant.quotedForMessage) is not a grant of zuwendung.csv"
    case .unknownMeasure(let measure, let grant):
      return "\(measure.quotedForMessage) is not a measure of grant \(grant) in massnahmen.csv"
    case .unusableFolder(let id, let folder):
      return "\(id.quotedForMessage) cannot name a delivery folder (it would be \(folder.quotedForMessage), "
        + "the output folder itself or the one above it)"
    case .duplicate(let key):
      switch key {
      case .grant(let id): return "grant \(id.quotedForMessage) appears twice"
      case .measure(let id, let grant): return "measure \(id.quotedForMessage) of grant \(grant) appears twice"
      case .planRow(let measure, let costItem, let year):
        return "the plan row for \(measure) / \(costItem) / \(year) appears twice"
      case .costObject(let id, let line):
        return "cost object \(id.quotedForMessage) is listed twice (first on line \(line))"
      case .accountPrefix(let prefix, let line):
        return "prefix \(prefix.quotedForMessage) appears twice (first on line \(line))"
      case .drawdown(let number, let grant):
        return "drawdown \(number.quotedForMessage) of grant \(grant) appears twice"
      case .milestone(let id, let grant, let measure):
        return "milestone \(id.quotedForMessage) of \(grant) / \(measure) appears twice"
      case .indicatorValue(let id, let grant, let measure, let date):
        return "indicator \(id.quotedForMessage) of \(grant) / \(measure) has two values for \(date.german)"
      case .baseRate(let date): return "a rate from \(date.german) appears twice"
      }
    }
  }

  static func text(_ form: ValueForm) -> String {
    switch form {
    case .text: return "a text"
    case .date: return "a date DD.MM.YYYY (or YYYY-MM-DD, YYYYMMDD)"
    case .amount(let separator):
      return "an amount like \(separator == "," ? "1.234,56" : "1,234.56") with at most two decimals"
    case .percentage(let separator): return "a percentage like 90\(separator)5 with at most two decimals"
    case .decimal: return "a number with at most four decimals, no grouping"
    case .wholeNumber: return "a whole number"
    case .flag: return "ja or nein (also j/n, 1/0, true/false)"
    case .phase: return "A or B"
    case .year: return "a year of four digits"
    case .accountPrefix: return "1 to 10 digits"
    case .spendingWindow: return "months or weeks like 2M or 6W"
    }
  }

  /// What a file with `content` is.
  static func workbook(_ failure: WorkbookCopy.Failure) -> String {
    switch failure {
    case .notWorkbook: return "is not a CSV file but \(foreign(.zip)); \(saveAsCSV(.zip))"
    case .zip(.notZip): return "the workbook is damaged or incomplete (its ZIP directory is missing)"
    case .zip(.tooLarge):
      return "the workbook is 4 GiB or larger (ZIP64); fundreport reads workbooks up to 4 GiB, save it as CSV"
    case .zip(.encrypted(let entry)): return "the workbook's part \(entry) is encrypted; save it without a password"
    case .zip(.method(let entry, let method)):
      return "the workbook's part \(entry) is compressed by a method fundreport does not read (method \(method)); "
        + "save it again in Excel"
    case .zip(.damaged(let entry)):
      return "the workbook's part \(entry) is damaged (content, checksum or length do not match); save it again "
        + "in Excel"
    case .zip(.unreadable(let code)): return "cannot read: \(systemReason(code))"
    case .xml(let part, let line, let message):
      return "the workbook's part \(part) is no valid XML (line \(line): \(message)); save it again in Excel"
    case .noSheet(nil, _): return "the workbook has no sheet"
    case .noSheet(let wanted?, let available):
      return "the workbook has no sheet \(wanted.quotedForMessage) (sheet: in fundreport.yaml); it has: "
        + available.map(\.quotedForMessage).joined(separator: ", ")
    case .write(let code): return "cannot write the sheet's copy (TMPDIR): \(systemReason(code))"
    }
  }

  static func foreign(_ content: ForeignContent) -> String {
    switch content {
    case .zip: return "a ZIP file without an Excel workbook (another Office document, say)"
    case .oldExcel: return "an old Excel workbook (.xls)"
    case .utf16WithoutByteOrderMark:
      return "UTF-16 text without a byte order mark (every other byte is 0), whose byte order is not certain"
    }
  }

  static func saveAsCSV(_ content: ForeignContent) -> String {
    switch content {
    case .zip: return "save it as an Excel workbook (.xlsx) or as \"CSV UTF-8 (Comma delimited)\""
    case .oldExcel:
      return "save it in Excel with \"Save As\" as \"Excel Workbook (.xlsx)\" or as \"CSV UTF-8 (Comma delimited)\""
    case .utf16WithoutByteOrderMark:
      return "save it as UTF-8 (in Excel \"CSV UTF-8 (Comma delimited)\") or as UTF-16 with a byte order mark "
        + "(Excel's \"Unicode Text\")"
    }
  }

  static func text(_ note: InputNoteKind) -> String {
    switch note {
    case .optionalFileAbsent(let input):
      switch input {
      case .mittelabrufe:
        return "the file is absent (it is optional): no drawdowns, so AbgerufenKumuliert 0,00 €, "
          + "Kassenbestand = −federal share and no interest"
      case .meilensteine: return "the file is absent (it is optional): no milestones, R-MEILENSTEIN checks nothing"
      case .indikatoren: return "the file is absent (it is optional): the reports name no indicators"
      case .basiszinssatz:
        return "the file is absent (it is optional): without base rates interest on drawdowns cannot be computed; "
          + "should any arise, that is an input error"
      }
    case .titleLinesSkipped(let count):
      return (count == 1 ? "the first line comes" : "the first \(count) lines come")
        + " before the header (the export's title lines) and \(count == 1 ? "was" : "were") skipped; "
        + "the header is the first line with every required column (or header_line: in fundreport.yaml)"
    case .mixedEncoding(let byte, let invalid, let valid):
      return "read as Windows-1252, because the byte \(hex(byte)) here is not UTF-8 ("
        + (invalid == 1 ? "the only such byte" : "the first of \(invalid)")
        + "); but \(valid) other characters are valid UTF-8, so it may be a UTF-8 export with stray bytes, "
        + "whose umlauts now read as \"Ã¼\". Fix the bytes and export again, or set encoding: UTF-8 for the file in "
        + "fundreport.yaml"
    }
  }

  // MARK: Jobs

  static func logText(_ event: JobEvent) -> String {
    switch event {
    case .delivered(let folder, let fehler, let warnungen, let hinweise):
      return "\(folder): \(counted(fehler, .fehler)), \(counted(warnungen, .warnung)), \(counted(hinweise, .hinweis))"
    case .upToDate(let folder, let submitted):
      return submitted ? "up to date (submitted): \(folder)" : "up to date: \(folder)"
    case .refused(let grant, let kind, let period, let version, let submittedAt, let inputsChanged):
      return "refused: \(kind.rawValue) \(period) v\(version) of \(grant) was submitted on \(submittedAt ?? "?") "
        + "and is never changed; "
        + (inputsChanged
          ? "its inputs have changed since: a correction may be needed (fundreport report ... --correction \"reason\")"
          : "to correct it, run again with --correction \"reason\" (gives v\(version + 1))")
    case .wouldChange(let grant, let kind, let period, let version, let changes):
      guard !changes.isEmpty else {
        return "\(grant): a correction of \(kind.rawValue) \(period) v\(version) would change no figure, "
          + "only the Quelldaten"
      }
      let listed = changes.prefix(5).map { change in
        String(
          text(.diffFigure(place: change.place, old: change.old, new: change.new, difference: change.difference))
            .drop { $0 == " " })
      }
      return "\(grant): a correction of \(kind.rawValue) \(period) v\(version) would change "
        + "\(counted(changes.count, .figure)): " + listed.joined(separator: "; ")
        + (changes.count > 5 ? "; … and \(changes.count - 5) more (all: fundreport diff FOLDER --input EXPORT)" : "")
    case .grantBlocked(let grant, let kind, let errors):
      return "\(grant): \(counted(errors, .inputError)); no \(kind.rawValue) was written for this grant"
    case .skipped(let invalid): return "skipped: \(text(.period(invalid)))"
    case .noStatementDue(let grant, let year, let due):
      return "\(grant): no Zwischennachweis is due for \(year), the final year of the Bewilligungszeitraum; "
        + "the Verwendungsnachweis (due on \(due.german)) covers that year"
    case .inputError(let error): return text(.inputError(error))
    case .inputErrorsNotListed(let count, let category):
      return "… and \(count) more \(name(category)) \(count == 1 ? "error" : "errors") (all of them: --errors-csv FILE)"
    case .inputErrorTotal(let total, let counts):
      return "\(counted(total, .inputError)): "
        + counts.map { "\($0.count) \(name($0.category))" }.joined(separator: ", ")
    case .inputNote(let note): return text(.inputNote(note))
    case .settled(let action):
      switch action {
      case .restored(let folder): return "restored \(folder), whose replacement was interrupted"
      case .confirmed(let folder): return "confirmed \(folder), written completely by an interrupted command"
      case .madeReadOnly(let folder): return "made \(folder) read-only again (it is submitted)"
      case .removedUnfinished(let path): return "removed the unfinished delivery \(path)"
      case .removedReplaced(let path): return "removed the replaced delivery \(path)"
      }
    case .failed(let problem): return text(.job(problem))
    case .internalError(let detail): return detail
    }
  }

  static func problem(_ problem: JobProblem) -> String {
    switch problem {
    case .inputDirectoryMissing(let path): return text(.inputDirectoryMissing(path))
    case .exportIncomplete(let directory):
      return "the export directory \(directory) is incomplete; no report was written"
    case .inputErrorsAffectEveryGrant(let count):
      return "\(counted(count, .inputError)) \(count == 1 ? "affects" : "affect") every grant; no report was written"
    case .unknownGrant(let grant, let known):
      return "grant \(grant) is not in zuwendung.csv; the export has: " + known.joined(separator: ", ")
    case .period(let invalid): return text(.period(invalid))
    case .store(let failure): return text(.store(failure))
    case .register(let failure): return text(.registerFailure(failure))
    case .errorsCSV(let error): return text(error)
    case .missingBaseRate(let file, let grant, let missing):
      return "\(file): \(label(.error)): \(text(.missingBaseRate(grant: grant, missing)))"
    case .notWrittenFrom(let grant): return "no delivery was written from \(grant) on"
    case .nothingToCorrect(let grant, let kind, let period):
      return "\(grant): no version of \(kind.rawValue) \(period) is submitted, so there is nothing to correct; "
        + "run without --correction (a correction replaces a submitted version only)"
    case .configuration(let invalid): return text(.configurationError(invalid))
    case .runLocked(let held):
      return "another fundreport run (pid \(held.pid)) holds the lock \(held.path); not started"
    case .deliveredWithFehler(let kind, let period):
      return "\(kind.rawValue) \(period): delivered with Fehler findings"
    case .jobsFailed(let jobs):
      let parts = jobs.map { job -> String in
        switch job {
        case .grantHasErrors(let kind, let grant): return "\(kind.rawValue): \(grant) has input errors"
        case .grantUnknown(let kind, let grant): return "\(kind.rawValue): grant \(grant) is not in the export"
        case .exited(let kind, let period, let grants, let status):
          return "\(kind.rawValue) \(period) (\(grants.joined(separator: ", "))): exit \(status.rawValue)"
        }
      }
      return "\(counted(jobs.count, .job)) failed: \(parts.joined(separator: "; "))"
    }
  }

  // MARK: Files and the register

  static func text(_ error: FileSystemError) -> String {
    let action: String
    switch error.action {
    case .createFolder: action = "cannot create the folder"
    case .createFile: action = "cannot create the file"
    case .write: action = "cannot write"
    case .sync: action = "cannot sync to disk"
    case .openFolder: action = "cannot open the folder"
    case .readFolder: action = "cannot read the folder"
    case .open: action = "cannot open"
    case .read: action = "cannot read"
    case .remove: action = "cannot remove"
    case .changePermissions: action = "cannot change the permissions"
    case .rename(let target): action = "cannot rename to \(target)"
    case .takeLock: action = "cannot take the lock"
    case .createLockFile: action = "cannot create the lock file"
    case .refused: action = "refused"
    }
    return "\(error.path): \(action): \(cause(error.cause))"
  }

  static func cause(_ cause: FileSystemError.Cause) -> String {
    switch cause {
    case .system(let code): return systemReason(code)
    case .symbolicLink: return "it is a symbolic link, and fundreport writes through no link it did not make"
    case .fileInTheWay: return "a file of that name is in the way"
    case .notAFile: return "it is a folder or a device, not a file"
    case .insideDelivery(let delivery):
      return "it lies inside the delivery \(delivery), and a delivery holds only its own files"
    }
  }

  static func systemReason(_ error: Errno) -> String { error.description }

  static func database(_ problem: Register.Failure.DatabaseProblem) -> String {
    switch problem {
    case .busy: return "another process holds it locked (waited 10 seconds)"
    case .full: return "the disk is full"
    case .damaged: return "the file is damaged or is not a register"
    case .cannotOpen: return "the file cannot be opened (missing folder or no permission)"
    case .readOnly: return "it may not be written (read-only)"
    case .inputOutput: return "the disk reported an input/output error"
    case .system(let code): return systemReason(code)
    case .other(let detail): return "SQLite says: \(detail)"
    }
  }

  // MARK: Everything else

  static func text(_ text: UserText) -> String {
    switch text {
    case .inputError(let error):
      return placed(error.file, error.line, error.column, .error, Self.text(error.problem), sheet: error.sheet)
    case .inputNote(let note):
      return placed(note.file, note.line, note.column, .note, Self.text(note.kind), sheet: note.sheet)
    case .configurationError(let invalid):
      return placed(invalid.file, invalid.line, nil, .error, Self.text(.configuration(invalid.problem)))
    case .configuration(let problem): return configuration(problem)
    case .allGrants: return "every grant"
    case .errorsCSVHeader(let column):
      switch column {
      case .file: return "file"
      case .line: return "line"
      case .column: return "column"
      case .kind: return "kind"
      case .category: return "category"
      case .scope: return "scope"
      case .message: return "message"
      }

    case .period(let invalid): return period(invalid)
    case .store(let failure): return store(failure)
    case .registerFailure(let failure): return "\(failure.path): \(register(failure.problem))"
    case .file(let error): return Self.text(error)
    case .missingBaseRate(let grant, let missing):
      return "basiszinssatz.csv has no rate for \(missing.day.german), which the interest on drawdown "
        + "\(missing.drawdown) of \(grant) needs"
    case .job(let problem): return Self.problem(problem)
    case .inputDirectoryMissing(let path): return "\(path): \(label(.error)): the input directory does not exist"
    case .failure(let inner): return "\(label(.error)): \(Self.text(inner))"
    case .internalError(let detail): return "\(label(.internalError)): \(detail)"

    case .checkHeading(let directory, let asOf): return "Export \(directory), Stichtag \(asOf.german)"
    case .column(let column): return heading(column)
    case .tabDelimiter: return "tab"
    case .sheet(let name): return "sheet \(name.quotedForMessage)"
    case .absentOptional: return "absent (optional)"
    case .inputErrorsNoReport: return "input errors: no report possible"
    case .baseRateMissing: return "input error: base rate missing"
    case .outOfScope(let rows, let total, let invalid):
      return "Outside every grant: \(rows) of \(counted(total, .booking)), \(invalid) of them with invalid values"

    case .deadlineMet: return "done"
    case .deliveryState(let state):
      switch state {
      case .submitted(let version, let at):
        return "submitted" + (at.map { " on \($0.date.german)" } ?? "") + " (v\(version))"
      case .draft(let version, let created): return "draft v\(version) of \(created.date.german)"
      case .missing: return "missing"
      case .unknown: return "unknown"
      }
    case .deadlineSummary(let grant, let kind, let period):
      return "\(kind.rawValue)\(period == "gesamt" ? "" : " " + period) due (\(grant))"
    case .noRegisterForDeadlines(let path):
      return "\(label(.note)): no register at \(path); whether the deliveries were submitted is not known"
    case .due(let days):
      if days < 0 { return "due \(counted(-days, .dayDative)) ago" }
      return days == 0 ? "due today" : "in \(counted(days, .dayDative))"

    case .status(let status):
      switch status {
      case .draft: return "draft"
      case .submitted: return "submitted"
      }
    case .correctionReason(let reason): return "correction: \(reason)"
    case .replacedStatus: return "replaced"
    case .replaced(let at, let changed):
      return "replaced on \(at.german); "
        + (changed.isEmpty ? "inputs unchanged" : "changed inputs: " + changed.joined(separator: ", "))
    case .justification(let reason): return "justification: \(reason)"
    case .noRegister(let path):
      return "\(path): \(label(.error)): no register here (it is written by fundreport report and run)"

    case .alreadySubmitted(let folder, let at, let by):
      return "refused: \(folder) was submitted on \(at ?? "?") by \(by ?? "?")"
    case .deliveryFile(let problem):
      switch problem {
      case .missing(let name): return "\(name) is missing"
      case .changed(let name): return "\(name) was changed after it was generated"
      case .foreign(let name): return "\(name) does not belong to the delivery"
      case .inputMissing(let name): return "\(name) is missing"
      case .inputDiffers(let name): return "\(name) differs from the recorded input"
      case .notAnInput(let name): return "\(name) was not an input of the delivery"
      case .quelldatenDiffer(let name): return "Quelldaten names \(name) with another SHA-256 than the register"
      case .quelldatenNotAnInput(let name): return "Quelldaten names \(name), which is no input file of the interface"
      case .quelldatenLack(let name): return "Quelldaten does not name \(name), the register does"
      }
    case .doesNotMatchGenerated(let folder): return "\(folder) does not match what was generated; nothing was submitted"
    case .needsJustification(let folder, let fehler):
      return "refused: \(folder) has \(fehler == 1 ? "1 Fehler finding" : "\(fehler) Fehler findings"); "
        + "fix the data and generate again, or submit with --justification \"why it is submitted as it stands\""
    case .nothingSubmitted(let inner): return "\(Self.text(inner)); nothing was submitted"
    case .submittedButWritable(let folder, let error):
      return "\(folder) is submitted in the register, but its files could not be made read-only "
        + "(\(cause(error.cause))); the next fundreport command tries again"
    case .submitted(let folder, let kind, let period, let version, let by):
      return "submitted: \(folder) (\(kind.rawValue) \(period) v\(version), by \(by))"
    case .noSuchDelivery(let folder): return "\(folder): this is no delivery folder (it has no SHA256SUMS)"
    case .workbookTooLarge(let file):
      return "\(file): the workbook would be larger than the 4 GiB an XLSX file can hold"
    case .noSuchFolder(let folder): return "\(folder): there is no such folder"
    case .noRegisterAt(let path):
      return "\(path): there is no register here (it is written by fundreport report and run)"
    case .beingWritten(let folder):
      return "\(folder) is being written by another fundreport process; try again when it is done"
    case .notInRegister(let folder, let register): return "\(folder) is not a delivery in the register \(register)"
    case .schemaInvalid(let detail): return "fails its XSD: \(detail)"
    case .verified(let folder, let kind, let period, let version, let status, let archived):
      return "verified: \(folder) (\(kind.rawValue) \(period) v\(version), \(Self.text(.status(status)))); "
        + (archived.map { "inputs: \(counted($0, .file)) checked in the archive" }
          ?? "inputs: not in the archive (the delivery is older than the archive)")
    case .archive(let failure): return "input: \(archive(failure))"
    case .inputsNotArchived(let folder):
      return "the inputs of \(folder) are not in the archive (the delivery is older than the archive); "
        + "reproduce needs --input with the export it was made from"
    case .verifiedWithoutRegister(let folder, let register, let sourceFiles, let archived):
      return "verified without a register: \(folder): its files match SHA256SUMS and its XML the XSD, "
        + "Quelldaten names \(counted(sourceFiles, .file)) of the interface"
        + (archived ? ", all checked in the archive" : " (not checked, there is no archive)")
        + "; status and version are not checked, because \(register) does not exist"
    case .noChecksums(let folder): return "\(folder) has no readable SHA256SUMS: it is not a delivery of fundreport"
    case .madeByOtherVersion(let folder, let made, let current):
      return "\(folder) was made by fundreport \(made); this is \(current). Reproduce it with that version."
    case .notTheExport(let directory): return "\(directory) is not the export the delivery was made from"
    case .notIdentical(let names): return "not identical: \(names.joined(separator: ", "))"
    case .diffHeading(let old, let new): return "Comparing \(old) with \(new)"
    case .diffIdentical: return "no differences in figures, findings and Belegliste"
    case .diffNeedsSecond: return "diff needs two deliveries, or one and --input with an export"
    case .diffFigures(let count): return "\(counted(count, .figure)) changed"
    case .diffFigure(let place, let old, let new, let difference):
      let change = difference.map { " (\($0.cents > 0 ? "+" : "")\($0.grouped))" } ?? ""
      return "  \(place): \(old.map(DeliveryDiff.FigureChange.display) ?? "–") → "
        + "\(new.map(DeliveryDiff.FigureChange.display) ?? "–")\(change)"
    case .diffFindings(let added, let removed): return "findings: \(added) new, \(removed) gone"
    case .diffFinding(let added, let rule, let severity, let message):
      return "  \(added ? "new" : "gone"): \(rule) (\(severity)): \(message)"
    case .diffVouchers(let added, let removed):
      return "Belegliste: \(counted(added, .row)) added, \(removed) removed"
    case .diffVouchersNotCompared: return "Belegliste: not compared (a replaced draft does not keep one)"
    case .diffVoucher(let added, let row): return "  \(added ? "+" : "−") \(row)"
    case .noReplacedDraft(let folder, let created):
      return "\(folder) has no replaced draft with Erstellt \(created) (fundreport history lists them)"
    case .replacedDraftNotArchived(let folder, let created):
      return "the XML of the replaced draft \(created) of \(folder) is not in the archive"
    case .reproduced(let folder, let files, let fromArchive):
      return "reproduced\(fromArchive ? " from the archive" : ""): \(folder): all \(counted(files, .file)) "
        + "identical, byte for byte"

    case .effectiveConfiguration(let source):
      return "The effective configuration" + (source.map { " from \($0)" } ?? " (no file: everything as the interface)")
        + "; usable as fundreport.yaml"
    case .effectiveColumns: return "headers the column is looked for under (the first the file has wins)"
    case .effectiveDefaults: return "values of columns the file does not have"
    case .configNeedsShow: return "config shows the effective configuration: fundreport config --show [--config FILE]"
    case .workbookToTerminal:
      return "--format xlsx writes an Excel workbook: redirect it into a file (… > explanation.xlsx)"
    case .inputRequired: return "--input is required (or a --config whose export names the export directory)"
    case .maxErrorsNegative: return "--max-errors must be 0 (all) or more"
    case .correctionNeedsReason:
      return "--correction needs a reason, e.g. --correction \"Storno Beleg 4711 nachgebucht\""
    case .createdInvalid(let value, let range):
      return "--created \(value) is not a UTC time from \(range); write it like 2026-10-15T06:00:00Z"
    case .sourceDateEpochInvalid(let value, let maximum, let range):
      return "SOURCE_DATE_EPOCH=\(value) is not a whole number of seconds from 0 to \(maximum) (\(range))"
    case .needOutOfRange(let need, let limit):
      return "--bedarf \(need.display) is out of range; write an amount from 0 to \(limit.display), like 120000,00"
    case .noUser: return "--by is empty; say who submits"
    case .explainNeedsOneTarget:
      return
        "give exactly one of: a figure's place (e.g. Mittel/ZinsenAufgelaufen), --list, --finding RULE or --findings"
    case .explainNeedsPeriod(let kind):
      return "--period is missing: the reporting period, for a \(kind.rawValue) e.g. \(kind.examplePeriod)"
    }
  }

  static func heading(_ column: TableColumn) -> String {
    switch column {
    case .file: return "File"
    case .records: return "Records"
    case .encoding: return "Encoding"
    case .delimiter: return "Delimiter"
    case .grant: return "Grant"
    case .bookings: return "Bookings"
    case .fehler: return "Fehler"
    case .warnungen: return "Warnungen"
    case .hinweise: return "Hinweise"
    case .findings: return "Findings"
    case .foerderkennzeichen: return "Förderkennzeichen"
    case .report: return "Report"
    case .period: return "Period"
    case .version: return "Version"
    case .status: return "Status"
    case .created: return "Created"
    case .counts: return "F/W/H"
    case .submitted: return "submitted"
    case .reason: return "Reason"
    case .dueOn: return "due on"
    case .state: return "State"
    case .delivery: return "Delivery"
    }
  }

  static func period(_ invalid: ReportPeriod.Invalid) -> String {
    switch invalid {
    case .notAQuarter(let id): return "\(id.quotedForMessage) is not a quarter; expected e.g. 2026-Q3"
    case .notABudgetYear(let id): return "\(id.quotedForMessage) is not a budget year; expected e.g. 2025"
    case .notGesamt(let id): return "\(id.quotedForMessage) is not valid for a Verwendungsnachweis; expected gesamt"
    case .notAStichtag(let id): return "\(id.quotedForMessage) is not a Stichtag; expected a date like 2026-10-15"
    case .outsideGrantPeriod(let kind, let id, let interval, let grant, let grantPeriod):
      return "\(kind.rawValue) \(id) (\(interval.start.german)–\(interval.end.german)) does not overlap "
        + "the Bewilligungszeitraum of \(grant) (\(grantPeriod.start.german)–\(grantPeriod.end.german))"
    case .spendingWindowBeyondCalendar(let id, let stichtag, let window):
      return "Mittelabruf \(id): its VerwendenBis (\(stichtag.german) plus \(window)) "
        + "lies after 31.12.9999, which a date of the interface cannot hold"
    case .beforeGrantPeriod(_, let start): return "the Bewilligungszeitraum begins on \(start.german)"
    case .unknownGrant(let grant): return "grant \(grant) is not in zuwendung.csv"
    case .stichtagAfterCreation(let kind, let id, let stichtag, let created):
      return "\(kind.rawValue) \(id): its Stichtag \(stichtag.german) lies after the day it is made "
        + "(\(created.german)); a report can only show what is booked by then. "
        + "For a preview use fundreport check --as-of \(stichtag.iso)"
    case .grantNotEnded(let grant, let end):
      return "Verwendungsnachweis for \(grant): the Bewilligungszeitraum ends only on \(end.german); "
        + "the statement can be made from \(end.adding(days: 1).german) on. fundreport check shows the state"
    case .needAfterGrantEnd(let grant, let id, let end):
      return "Mittelabruf \(id) for \(grant): the Bewilligungszeitraum ended on \(end.german); money spent "
        + "after it is not eligible, so no need can be drawn any more. Without --bedarf the Mittelabruf shows the state"
    }
  }

  static func store(_ failure: DeliveryStore.Failure) -> String {
    switch failure {
    case .locked(let held):
      return "another fundreport process (pid \(held.pid)) holds the lock \(held.path); try again when it is done"
    case .cannotWrite(let problem):
      switch problem {
      case .outputIsFile(let path): return "\(path): cannot write deliveries there: it is a file, not a folder"
      case .outputMissing(let path): return "\(path): the folder does not exist"
      case .outputInsideDelivery(let path, let delivery):
        return "\(path): lies inside the delivery \(delivery); a delivery holds only its own files"
      case .unusableGrantFolder(let grant, let folder):
        return "\(grant): cannot name a delivery folder (\(folder.quotedForMessage))"
      case .submittedFolder(let path):
        return "\(path): is read-only (a submitted delivery is never changed); a new version needs a correction"
      case .symbolicLink(let path): return "\(path): \(cause(.symbolicLink))"
      case .fileInTheWay(let path): return "\(path): \(cause(.fileInTheWay))"
      case .outsideOutput(let path, let root): return "\(path): does not lie inside the output folder \(root)"
      case .file(let error): return text(error)
      case .register(let failure): return text(.registerFailure(failure))
      case .archive(let failure): return archive(failure)
      case .cleanup(let error): return "cannot clean up what an interrupted command left: \(text(error))"
      }
    }
  }

  static func archive(_ failure: FileArchive.Failure) -> String {
    switch failure {
    case .file(let error): return "archive: \(text(error))"
    case .changedWhileRead(let path):
      return "\(path): the file changed while fundreport read it; nothing was delivered. "
        + "Run again when the export is completely written"
    case .missing(let sha256): return "the archive lacks \(sha256).gz"
    case .damaged(let path):
      return "\(path): the archived file is damaged (not a gzip stream, or its content does not have the "
        + "SHA-256 of its name)"
    }
  }

  static func register(_ problem: Register.Failure.Problem) -> String {
    switch problem {
    case .symbolicLink: return "is a symbolic link; fundreport opens no register through a link it did not make"
    case .missing: return "there is no register here"
    case .notAFile: return "is not a register file (it is a folder or a device)"
    case .cannotCreateFolder(let error): return "cannot create its folder: \(cause(error.cause))"
    case .cannotOpen(let problem): return "cannot open the register: \(database(problem))"
    case .cannotRead(let problem): return "cannot read the register: \(database(problem))"
    case .cannotWrite(let problem): return "cannot write the register: \(database(problem))"
    case .submitted(let version): return "version \(version) is submitted and cannot be replaced"
    case .damaged(let detail): return "an entry of the register is damaged (\(detail))"
    }
  }

  static func configuration(_ problem: Configuration.Invalid.Problem) -> String {
    switch problem {
    case .unreadable: return "cannot read the configuration file"
    case .notYAML(let column, let detail):
      return "not valid YAML" + (column.map { " at column \($0)" } ?? "") + (detail.isEmpty ? "" : ": \(detail)")
    case .duplicateKeys(let keys): return "a key appears twice: \(keys.joined(separator: ", "))"
    case .notAnInputFile(let name, let expected):
      return "\(name.quotedForMessage) is not an input file; expected one of \(expected.joined(separator: ", "))"
    case .expectedText(let key): return "\(key): expected a text value"
    case .expectedMapping(let key): return "\(key ?? "the configuration"): expected a mapping of keys to values"
    case .unknownKey(let key, let context, let allowed):
      let place = context == nil ? "the configuration" : context == "jobs" ? "a job" : context ?? ""
      return "unknown key \(key.quotedForMessage) in \(place); expected one of \(allowed.joined(separator: ", "))"
    case .expectedJobList: return "jobs: expected a list of jobs"
    case .jobWithoutKind: return "a job needs a kind"
    case .notAReportKind(let name):
      return "kind: \(name.quotedForMessage) is not a report kind; expected "
        + list(ReportKind.allCases.map { $0.rawValue.lowercased() }, or: true)
    case .expectedGrantList: return "grants: expected a list of Förderkennzeichen"
    case .numberOutOfRange(let key, let range):
      return "\(key): expected a whole number from \(range.lowerBound) to \(range.upperBound)"
    case .badNeed(let limit): return "bedarf: expected an amount of 0 or more like 120000,00, at most \(limit.display)"
    case .unsupportedEncoding(let key, let value):
      return "\(key): \(value.quotedForMessage) is not supported; expected "
        + list(TextEncoding.allCases.map(\.rawValue), or: true)
    case .unsupportedDelimiter(let key, let value):
      return "\(key): \(value.quotedForMessage) is not supported; expected \";\", \",\", \"|\" or tab"
    case .badHeaderLine(let key, let value): return "\(key): expected a line number (1 or more), found \"\(value)\""
    case .unknownProfile(let key, let value, let known):
      return known.isEmpty
        ? "\(key): profiles describe the ledger (buchungen.csv) only"
        : "\(key): \(value.quotedForMessage) is not a profile; known: " + known.joined(separator: ", ")
    case .badDecimalSeparator(let key): return "\(key): expected \",\" or \".\""
    case .notAColumn(let key, let file, let expected):
      return "\(file).columns: \(key.quotedForMessage) is not a column of \(file); expected one of "
        + expected.joined(separator: ", ")
    case .noExportDirectory: return "the configuration names no export directory (export: ...)"
    case .noJobs: return "the configuration has no jobs"
    }
  }
}
