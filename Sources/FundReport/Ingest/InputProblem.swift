import SystemPackage

/// What is wrong with an input file, as a value: Ingest says what it found,
/// and the language catalogs (Messages/) say it in German or English.
enum InputProblem: Sendable, Hashable {
  // MARK: The file
  /// A required input file is missing.
  case missingFile
  /// The input file is missing, but a file with a name close to it is there (`Mittelabrufe.xlsx`);
  /// `content` when that file's bytes say it is no CSV text.
  case similarFile(String, content: ForeignContent?)
  /// The file's bytes say it is no CSV text (an Excel workbook, UTF-16 text).
  case notCSV(ForeignContent)
  /// The file cannot be read, for the system's reason.
  case unreadable(Errno)
  /// Not even a header line.
  case emptyFile
  /// The header line has a structural error (reported before): the rows were not checked.
  case headerUnreadable
  /// The header line holds a CR that no LF follows (an old Mac export).
  case headerLoneCarriageReturn
  /// Two headers fold to the same column name.
  case duplicateHeader(first: String, second: String, column: String)
  /// A required column is missing; `configuredAs` is the configuration's
  /// name for it; `header` the first headers the file has, `more` how many follow.
  case missingColumn(column: String, configuredAs: String?, header: [String], more: Int)

  // MARK: A record's structure
  /// A record with fewer fields than the header.
  case shortRow(fields: Int, header: Int)
  /// A record with more fields than the header.
  case tooManyFields(header: Int)
  /// A quoted field that never ends.
  case unclosedQuoteNeverEnds
  /// A quoted field that runs over the record length limit.
  case unclosedQuoteTooLong(mebibytes: Int)
  /// A quoted field that runs on `lines` lines to where a quote is followed by text.
  case unclosedQuoteRunsOn(lines: Int)
  /// A record without a line end that is longer than the limit.
  case recordTooLong(mebibytes: Int)
  /// A quoted field's closing quote is followed by text.
  case strayQuoteAfterField
  /// An unquoted field holds a quote.
  case strayQuoteInField
  /// A byte that the file's encoding cannot hold.
  case invalidByte(UInt8, encoding: TextEncoding)
  /// A UTF-16 file holds code units that are no UTF-16 (a lone surrogate, an odd last byte).
  case invalidUTF16(order: UTF16Order, units: Int, firstOffset: Int)
  /// An Excel workbook, or the sheet to read, cannot be read.
  case workbook(WorkbookCopy.Failure)

  // MARK: Values
  /// A value of `column` (the interface's column name).
  case value(column: String, ValueProblem)
  /// Two grants whose IDs give the same delivery folder name; reported on both rows.
  case folderCollision(column: String, first: String, firstLine: Int, second: String, secondLine: Int, folder: String)
  /// A grant of zuwendung.csv without rows in finanzplan.csv.
  case grantWithoutPlan(grant: String)
}

/// What is wrong with one value.
enum ValueProblem: Sendable, Hashable {
  /// Empty where a value is required.
  case missing(expected: ValueForm)
  /// Not of the column's form.
  case invalid(value: String, expected: ValueForm)
  /// A control character that XML cannot carry; `code` like `001B`.
  case controlCharacter(value: String, code: String)
  /// Starts with `=`, `+`, `-` or `@`, which a spreadsheet would run as a formula.
  case formulaStart(value: String, first: String)
  /// An identifier longer than 64 characters.
  case tooLong(value: String, length: Int)
  /// A number outside its column's range; `value` as displayed.
  case outOfRange(value: String, expected: ValueRange)
  /// A negative amount where 0 or more is required.
  case negative(value: Money)
  /// An amount that must be more than 0 and at most `limit`.
  case notPositiveOrTooLarge(value: Money, limit: Money)
  /// The amounts of the grant in the file add up past what fundreport sums exactly.
  case amountLimit(limit: Money)
  /// A date before the date of `otherColumn` on the same row.
  case dateBefore(date: CalendarDate, otherColumn: String, other: CalendarDate)
  /// Names a grant that zuwendung.csv does not have.
  case unknownGrant(String)
  /// Names a measure that massnahmen.csv does not have for the grant.
  case unknownMeasure(String, grant: String)
  /// A grant ID that cannot name a delivery folder (`.` or `..`).
  case unusableFolder(id: String, folder: String)
  /// A key that appears twice.
  case duplicate(DuplicateKey)
  /// A workbook's cell that holds no value (an Excel error such as `#NV`).
  case cellProblem(CellProblemKind)
}

/// The form a column's values must have (inputs.md, "Columns").
enum ValueForm: Sendable, Hashable {
  case text
  case date
  /// An amount; `decimalSeparator` is the file's.
  case amount(decimalSeparator: Character)
  case percentage(decimalSeparator: Character)
  /// A number with at most four decimals.
  case decimal
  case wholeNumber
  /// ja or nein.
  case flag
  /// A or B.
  case phase
  /// A year of four digits.
  case year
  /// 1 to 10 digits.
  case accountPrefix
  /// Months or weeks like 2M or 6W.
  case spendingWindow
}

/// The range a number must lie in.
enum ValueRange: Sendable, Hashable {
  /// More than 0 and at most 100 (a Förderquote).
  case aboveZeroUpToHundred
  /// 0 to 100 (a progress).
  case zeroToHundred
  /// More than −100 and at most 100 (a base rate).
  case aboveMinusHundredUpToHundred
}

/// A key that must be unique in its file.
enum DuplicateKey: Sendable, Hashable {
  case grant(String)
  case measure(String, grant: String)
  case planRow(measure: String, costItem: String, year: Int)
  case costObject(String, firstLine: Int)
  case accountPrefix(String, firstLine: Int)
  case drawdown(String, grant: String)
  case milestone(String, grant: String, measure: String)
  case indicatorValue(String, grant: String, measure: String, date: CalendarDate)
  case baseRate(validFrom: CalendarDate)
}

/// Something about an input file that the user should know.
enum InputNoteKind: Sendable, Hashable {
  /// An optional input file is absent: what that means for the reports.
  case optionalFileAbsent(OptionalInput)
  /// Read as Windows-1252 (the byte `byte` is not UTF-8), though most of
  /// its non-ASCII characters are valid UTF-8.
  case mixedEncoding(byte: UInt8, invalidBytes: Int, validSequences: Int)
  /// Lines before the header (an ERP's title lines) were skipped.
  case titleLinesSkipped(Int)
}
