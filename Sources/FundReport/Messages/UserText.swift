/// Texts of the commands that are not job events: the tables of `check`,
/// `history` and `deadlines`, what `submit`, `verify` and `reproduce` say,
/// the command line's own errors. Each language says them in its catalog.
public enum UserText: Sendable, Equatable {
  // MARK: Input errors and configuration
  case inputError(InputError)
  case inputNote(InputNote)
  case configurationError(Configuration.Invalid)
  /// A configuration's problem without its place.
  case configuration(Configuration.Invalid.Problem)
  /// The scope of an input error that stops every grant (`--errors-csv`).
  case allGrants
  case errorsCSVHeader(ErrorsCSVColumn)

  // MARK: Failures, for any command
  case period(ReportPeriod.Invalid)
  case store(DeliveryStore.Failure)
  case registerFailure(Register.Failure)
  case file(FileSystemError)
  case missingBaseRate(grant: String, DrawdownInterest.MissingBaseRate)
  case job(JobProblem)
  case inputDirectoryMissing(String)
  /// `error: …` before a failure.
  indirect case failure(UserText)
  /// `internal error: …` with a technical detail.
  case internalError(String)

  // MARK: check
  case checkHeading(directory: String, asOf: CalendarDate)
  case column(TableColumn)
  case tabDelimiter
  /// `check`'s delimiter column for a workbook: the sheet that was read.
  case sheet(String)
  /// An optional input file the export does not have (check's file table).
  case absentOptional
  case inputErrorsNoReport
  case baseRateMissing
  case outOfScope(rows: Int, of: Int, invalid: Int)

  // MARK: deadlines
  case due(inDays: Int)
  /// `deadlines`: the due date's delivery is submitted.
  case deadlineMet
  /// `deadlines`: what the register knows of the due date's delivery.
  case deliveryState(DeadlineTable.State)
  /// `deadlines --ics`: an event's title.
  case deadlineSummary(grant: String, kind: ReportKind, period: String)
  /// `deadlines`: no register at the path; the states are unknown.
  case noRegisterForDeadlines(String)

  // MARK: history
  case status(Register.Status)
  case correctionReason(String)
  /// History: the status of a draft that a newer one replaced.
  case replacedStatus
  /// History: when a draft was replaced, and which inputs differ in its successor.
  case replaced(at: Timestamp, changedInputs: [String])
  case justification(String)
  case noRegister(String)

  // MARK: submit, verify, reproduce
  case alreadySubmitted(folder: String, at: String?, by: String?)
  case deliveryFile(DeliveryFileProblem)
  case doesNotMatchGenerated(String)
  case needsJustification(folder: String, fehler: Int)
  indirect case nothingSubmitted(UserText)
  case submittedButWritable(folder: String, FileSystemError)
  case submitted(folder: String, kind: ReportKind, period: String, version: Int, by: String)
  case noSuchFolder(String)
  /// `export`: the folder is no delivery (it has no SHA256SUMS).
  case noSuchDelivery(String)
  /// `export --xlsx`: a sheet or the workbook would exceed the ZIP format's 4 GiB.
  case workbookTooLarge(String)
  case noRegisterAt(String)
  case beingWritten(String)
  case notInRegister(folder: String, register: String)
  case schemaInvalid(String)
  /// `archivedInputs`: how many inputs were checked in the archive (nil: the delivery is older than the archive).
  case verified(
    folder: String, kind: ReportKind, period: String, version: Int, status: Register.Status, archivedInputs: Int?)
  /// An archived input of a delivery is missing or damaged.
  case archive(FileArchive.Failure)
  /// `reproduce` without `--input` of a delivery made before the archive.
  case inputsNotArchived(String)
  /// `verify` of a folder that has no register beside it.
  /// `sourceFiles`: how many files Quelldaten names; `archived`: whether they were checked in an archive.
  case verifiedWithoutRegister(folder: String, register: String, sourceFiles: Int, archived: Bool)
  /// A folder without a readable SHA256SUMS: not a delivery.
  case noChecksums(String)
  case madeByOtherVersion(folder: String, made: String, current: String)
  case notTheExport(String)
  case notIdentical([String])
  case reproduced(folder: String, files: Int, fromArchive: Bool)
  /// `fundreport diff`: what is compared with what.
  case diffHeading(old: String, new: String)
  case diffIdentical
  /// `diff` with one delivery and no `--input`.
  case diffNeedsSecond
  case diffFigures(Int)
  case diffFigure(place: String, old: String?, new: String?, difference: Money?)
  case diffFindings(added: Int, removed: Int)
  case diffFinding(added: Bool, rule: String, severity: String, message: String)
  case diffVouchers(added: Int, removed: Int)
  /// A replaced draft keeps no Belegliste.
  case diffVouchersNotCompared
  case diffVoucher(added: Bool, row: String)
  /// `A@Erstellt` names no replaced draft of that delivery.
  case noReplacedDraft(folder: String, created: String)
  /// The replaced draft's XML is not in the archive.
  case replacedDraftNotArchived(folder: String, created: String)

  // MARK: Command line
  case inputRequired
  /// `config --show`: its first line, the columns' and the defaults' comments, and the missing `--show`.
  case effectiveConfiguration(source: String?)
  case effectiveColumns, effectiveDefaults, configNeedsShow
  /// `--format xlsx` with standard output on a terminal.
  case workbookToTerminal
  case maxErrorsNegative
  case correctionNeedsReason
  case createdInvalid(String, range: String)
  case sourceDateEpochInvalid(String, maximum: Int64, range: String)
  case needOutOfRange(Money, limit: Money)
  /// `explain`: a place, --list, --finding or --findings, exactly one of them.
  case explainNeedsOneTarget
  case explainNeedsPeriod(ReportKind)
  case noUser
}

/// The columns of `--errors-csv`.
public enum ErrorsCSVColumn: Sendable, CaseIterable {
  case file, line, column, kind, category, scope, message
}

/// Column headings of the tables the commands print.
public enum TableColumn: Sendable {
  case file, records, encoding, delimiter
  case grant, bookings, fehler, warnungen, hinweise, findings
  case foerderkennzeichen, report, period, version, status, created, counts, submitted, reason
  case dueOn, state, delivery
}

/// What is wrong with a delivery folder's files, against the register.
public enum DeliveryFileProblem: Sendable, Equatable {
  case missing(String)
  case changed(String)
  case foreign(String)
  /// `reproduce`: an input file of the delivery is missing, differs, or was none.
  case inputMissing(String)
  case inputDiffers(String)
  case notAnInput(String)
  /// `verify`: the XML's Quelldaten name the file with another hash than the register, or a file that is no
  /// input of the interface, or lack an input the register has.
  case quelldatenDiffer(String)
  case quelldatenNotAnInput(String)
  case quelldatenLack(String)
}
