import XMLSupport

/// An Excel workbook (Office Open XML, `.xlsx`) of typed sheets, for the tables people read in Excel
/// (`fundreport export --xlsx`): amounts are numbers in the format `#,##0.00 €`, dates are dates
/// (`TT.MM.JJJJ`), whole numbers numbers, everything else text; each sheet's header row is frozen and
/// filtered. Texts are inline strings (no shared-string table to keep in step); the XML is built
/// with libxml2 like the reports, and the parts are zipped by ``ZipWriter``.
struct Workbook {
  enum Cell: Equatable {
    case text(String)
    case amount(Money)
    case date(CalendarDate)
    case integer(Int)
    case empty
  }

  struct Sheet {
    /// At most 31 characters, none of `[]:*?/\` (Excel's rule).
    var name: String
    var header: [String]
    var rows: [[Cell]]
    /// Each row's number (the header is row 1), ascending; nil: 2, 3, 4, …
    var rowNumbers: [Int]? = nil

    func number(ofRow index: Int) -> Int { rowNumbers.map { $0[index] } ?? index + 2 }
  }

  var sheets: [Sheet]

  private static let spreadsheetML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  private static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  private static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

  /// Style indexes of `styles.xml`'s cellXfs.
  private enum Style: Int {
    case plain = 0
    case amount = 1
    case date = 2
    case header = 3
  }

  /// The workbook's bytes.
  func xlsx() throws(ZipWriter.Failure) -> [UInt8] {
    var zip = ZipWriter()
    try zip.add("[Content_Types].xml", contentTypes())
    try zip.add("_rels/.rels", packageRels())
    try zip.add("xl/workbook.xml", workbook())
    try zip.add("xl/_rels/workbook.xml.rels", workbookRels())
    try zip.add("xl/styles.xml", styles())
    for (index, sheet) in sheets.enumerated() {
      try zip.add("xl/worksheets/sheet\(index + 1).xml", worksheet(sheet))
    }
    return try zip.finished()
  }

  private func contentTypes() -> [UInt8] {
    let tree = XMLTree(
      rootName: "Types", namespace: "http://schemas.openxmlformats.org/package/2006/content-types")
    tree.root.append(
      "Default",
      attributes: ["Extension": "rels", "ContentType": "application/vnd.openxmlformats-package.relationships+xml"])
    tree.root.append("Default", attributes: ["Extension": "xml", "ContentType": "application/xml"])
    tree.root.append(
      "Override",
      attributes: [
        "PartName": "/xl/workbook.xml",
        "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      ])
    tree.root.append(
      "Override",
      attributes: [
        "PartName": "/xl/styles.xml",
        "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
      ])
    for index in sheets.indices {
      tree.root.append(
        "Override",
        attributes: [
          "PartName": "/xl/worksheets/sheet\(index + 1).xml",
          "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
        ])
    }
    return tree.serialized()
  }

  private func packageRels() -> [UInt8] {
    let tree = XMLTree(rootName: "Relationships", namespace: Self.packageRelationships)
    tree.root.append(
      "Relationship",
      attributes: [
        "Id": "rId1", "Type": Self.relationships + "/officeDocument", "Target": "xl/workbook.xml",
      ])
    return tree.serialized()
  }

  private func workbook() -> [UInt8] {
    let tree = XMLTree(rootName: "workbook", namespace: Self.spreadsheetML, attributes: ["xmlns:r": Self.relationships])
    let list = tree.root.append("sheets")
    for (index, sheet) in sheets.enumerated() {
      list.append(
        "sheet", attributes: ["name": sheet.name, "sheetId": String(index + 1), "r:id": "rId\(index + 1)"])
    }
    // The filter of each sheet's table (Excel keeps it as a hidden defined name).
    let names = tree.root.append("definedNames")
    for (index, sheet) in sheets.enumerated() where !sheet.header.isEmpty {
      names.append(
        "definedName",
        text:
          "'\(sheet.name.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''"))'!\(filterRange(sheet, absolute: true))",
        attributes: ["name": "_xlnm._FilterDatabase", "localSheetId": String(index), "hidden": "1"])
    }
    return tree.serialized()
  }

  private func workbookRels() -> [UInt8] {
    let tree = XMLTree(rootName: "Relationships", namespace: Self.packageRelationships)
    for index in sheets.indices {
      tree.root.append(
        "Relationship",
        attributes: [
          "Id": "rId\(index + 1)", "Type": Self.relationships + "/worksheet",
          "Target": "worksheets/sheet\(index + 1).xml",
        ])
    }
    tree.root.append(
      "Relationship",
      attributes: ["Id": "rId\(sheets.count + 1)", "Type": Self.relationships + "/styles", "Target": "styles.xml"])
    return tree.serialized()
  }

  /// Number formats: 164 `#,##0.00 €` (amounts), 165 `DD.MM.YYYY` (dates); the header row bold.
  private func styles() -> [UInt8] {
    let tree = XMLTree(rootName: "styleSheet", namespace: Self.spreadsheetML)
    let formats = tree.root.append("numFmts", attributes: ["count": "2"])
    formats.append("numFmt", attributes: ["numFmtId": "164", "formatCode": "#,##0.00\\ \"€\""])
    formats.append("numFmt", attributes: ["numFmtId": "165", "formatCode": "DD\\.MM\\.YYYY"])
    let fonts = tree.root.append("fonts", attributes: ["count": "2"])
    fonts.append("font").append("sz", attributes: ["val": "11"])
    let bold = fonts.append("font")
    bold.append("b")
    bold.append("sz", attributes: ["val": "11"])
    let fills = tree.root.append("fills", attributes: ["count": "2"])
    fills.append("fill").append("patternFill", attributes: ["patternType": "none"])
    fills.append("fill").append("patternFill", attributes: ["patternType": "gray125"])
    let borders = tree.root.append("borders", attributes: ["count": "1"])
    let border = borders.append("border")
    for side in ["left", "right", "top", "bottom", "diagonal"] { border.append(side) }
    tree.root.append("cellStyleXfs", attributes: ["count": "1"]).append(
      "xf", attributes: ["numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0"])
    let xfs = tree.root.append("cellXfs", attributes: ["count": "4"])
    xfs.append("xf", attributes: ["numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0"])
    xfs.append(
      "xf",
      attributes: [
        "numFmtId": "164", "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0", "applyNumberFormat": "1",
      ])
    xfs.append(
      "xf",
      attributes: [
        "numFmtId": "165", "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0", "applyNumberFormat": "1",
      ])
    xfs.append(
      "xf", attributes: ["numFmtId": "0", "fontId": "1", "fillId": "0", "borderId": "0", "xfId": "0", "applyFont": "1"])
    tree.root.append("cellStyles", attributes: ["count": "1"]).append(
      "cellStyle", attributes: ["name": "Normal", "xfId": "0", "builtinId": "0"])
    return tree.serialized()
  }

  private func worksheet(_ sheet: Sheet) -> [UInt8] {
    let tree = XMLTree(rootName: "worksheet", namespace: Self.spreadsheetML)
    // The header row stays in view when scrolling.
    let view = tree.root.append("sheetViews").append("sheetView", attributes: ["workbookViewId": "0"])
    view.append(
      "pane", attributes: ["ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft", "state": "frozen"])
    view.append("selection", attributes: ["pane": "bottomLeft", "activeCell": "A2", "sqref": "A2"])
    let data = tree.root.append("sheetData")
    let header = data.append("row", attributes: ["r": "1"])
    for (column, name) in sheet.header.enumerated() {
      let cell = header.append(
        "c",
        attributes: ["r": Self.reference(column: column, row: 1), "s": String(Style.header.rawValue), "t": "inlineStr"])
      cell.append("is").append("t", text: name)
    }
    for (index, row) in sheet.rows.enumerated() {
      let number = sheet.number(ofRow: index)
      let line = data.append("row", attributes: ["r": String(number)])
      for (column, value) in row.enumerated() {
        let place = Self.reference(column: column, row: number)
        switch value {
        case .empty: continue
        case .text(let text):
          let cell = line.append("c", attributes: ["r": place, "t": "inlineStr"])
          // Leading and trailing spaces are kept (xml:space), as the CSV keeps them.
          let t = cell.append("is").append("t", text: text)
          if text.first == " " || text.last == " " { t.setAttribute("xml:space", "preserve") }
        case .amount(let money):
          line.append("c", attributes: ["r": place, "s": String(Style.amount.rawValue)]).append(
            "v", text: money.xmlValue)
        case .date(let date):
          line.append("c", attributes: ["r": place, "s": String(Style.date.rawValue)]).append(
            "v", text: String(Self.serial(of: date)))
        case .integer(let number):
          line.append("c", attributes: ["r": place]).append("v", text: String(number))
        }
      }
    }
    if !sheet.header.isEmpty {
      tree.root.append("autoFilter", attributes: ["ref": filterRange(sheet, absolute: false)])
    }
    return tree.serialized()
  }

  /// `A1:M42` (or `$A$1:$M$42`): the header and every row.
  private func filterRange(_ sheet: Sheet, absolute: Bool) -> String {
    let last = Self.reference(
      column: max(sheet.header.count - 1, 0), row: sheet.rows.isEmpty ? 1 : sheet.number(ofRow: sheet.rows.count - 1))
    guard absolute else { return "A1:" + last }
    let letters = last.prefix { $0.isLetter }
    return "$A$1:$" + letters + "$" + last.dropFirst(letters.count)
  }

  /// `A1`, `AB12`: a cell's reference.
  static func reference(column: Int, row: Int) -> String {
    var letters = ""
    var rest = column + 1
    while rest > 0 {
      let digit = (rest - 1) % 26
      letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
      rest = (rest - 1) / 26
    }
    return letters + String(row)
  }

  /// Excel's serial day number in the 1900 system: 1 is 01.01.1900, and Excel counts a 29.02.1900
  /// that never was, so from 01.03.1900 on the serial is the days since 30.12.1899.
  static func serial(of date: CalendarDate) -> Int {
    let epoch = CalendarDate(year: 1899, month: 12, day: 30) ?? date
    return epoch.days(to: date)
  }
}
