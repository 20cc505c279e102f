import Foundation
import XMLSupport

/// What differs between two deliveries of one report: every figure of the
/// XML by its place (`Finanzen/Position[kostenposition=personal]/IstKumuliert`),
/// the findings that appeared or went, and the Belegliste rows added or
/// removed (`fundreport diff`; `run`'s warning for a submitted report).
struct DeliveryDiff: Sendable, Equatable {
  /// A figure whose value differs; nil where one side lacks it.
  struct FigureChange: Sendable, Equatable {
    var place: String
    var old: String?
    var new: String?

    /// The change of an amount with two decimals (nil for anything else).
    var difference: Money? {
      guard let old = old.flatMap(Self.cents), let new = new.flatMap(Self.cents) else { return nil }
      let (value, overflow) = new.subtractingReportingOverflow(old)
      return overflow ? nil : Money(cents: value)
    }

    /// `1690214.90` as cents; nil when the value is not a decimal with two places.
    static func cents(_ value: String) -> Int64? {
      let bytes = Array(value.utf8)
      guard bytes.count >= 4, bytes[bytes.count - 3] == UInt8(ascii: "."),
        let euros = Int64(String(decoding: bytes.dropLast(3), as: UTF8.self)),
        let fraction = Int64(String(decoding: bytes.suffix(2), as: UTF8.self)), fraction >= 0
      else { return nil }
      let negative = bytes.first == UInt8(ascii: "-")
      let (scaled, overflow) = euros.multipliedReportingOverflow(by: 100)
      guard !overflow else { return nil }
      let (total, overflowAgain) =
        negative ? scaled.subtractingReportingOverflow(fraction) : scaled.addingReportingOverflow(fraction)
      return overflowAgain ? nil : total
    }

    /// The value as a controller reads it: `1.690.214,90` for an amount, else as written.
    static func display(_ value: String) -> String {
      cents(value).map { Money(cents: $0).grouped } ?? value
    }
  }

  /// A finding as a delivery states it.
  struct FindingLine: Sendable, Hashable, Comparable {
    var rule: String
    var severity: String
    var message: String

    static func < (lhs: FindingLine, rhs: FindingLine) -> Bool {
      (lhs.rule, lhs.severity, lhs.message) < (rhs.rule, rhs.severity, rhs.message)
    }
  }

  var figures: [FigureChange]
  var findingsAdded: [FindingLine]
  var findingsRemoved: [FindingLine]
  /// nil: one side's Belegliste is not at hand (a replaced draft keeps none).
  var voucherRowsAdded: [String]?
  var voucherRowsRemoved: [String]?

  var isEmpty: Bool {
    figures.isEmpty && findingsAdded.isEmpty && findingsRemoved.isEmpty && (voucherRowsAdded ?? []).isEmpty
      && (voucherRowsRemoved ?? []).isEmpty
  }

  /// Compares two XML reports (and their Beleglisten, when both are given).
  ///
  /// - Throws: ``XMLValidationError`` when a report is not well-formed.
  init(old: [UInt8], new: [UInt8], oldVouchers: [UInt8]?, newVouchers: [UInt8]?) throws(XMLValidationError) {
    let before = try ParsedXMLElement.parse(old, documentName: "A")
    let after = try ParsedXMLElement.parse(new, documentName: "B")
    let oldFigures = Self.figures(of: before)
    let newFigures = Self.figures(of: after)
    let oldValues = Dictionary(oldFigures, uniquingKeysWith: { first, _ in first })
    let newValues = Dictionary(newFigures, uniquingKeysWith: { first, _ in first })
    var changes: [FigureChange] = []
    // In the order of the newer document, then what only the older one has.
    for (place, value) in newFigures where oldValues[place] != value {
      changes.append(FigureChange(place: place, old: oldValues[place], new: value))
    }
    for (place, value) in oldFigures where newValues[place] == nil {
      changes.append(FigureChange(place: place, old: value, new: nil))
    }
    figures = changes
    let oldFindings = Set(Self.findings(of: before))
    let newFindings = Set(Self.findings(of: after))
    findingsAdded = newFindings.subtracting(oldFindings).sorted()
    findingsRemoved = oldFindings.subtracting(newFindings).sorted()
    if let oldVouchers, let newVouchers {
      let oldRows = Self.rows(oldVouchers)
      let newRows = Self.rows(newVouchers)
      let oldSet = Set(oldRows)
      let newSet = Set(newRows)
      voucherRowsAdded = newRows.filter { !oldSet.contains($0) }
      voucherRowsRemoved = oldRows.filter { !newSet.contains($0) }
    }
  }

  /// Every value of the report but its findings, by place: an element with a
  /// first attribute is named by it (`Position[kostenposition=personal]`),
  /// siblings with the same name by their number (`[2]`), further
  /// attributes as `@name`.
  static func figures(of root: ParsedXMLElement) -> [(String, String)] {
    var values: [(String, String)] = []
    func key(_ element: ParsedXMLElement) -> (name: String, value: String)? {
      element.attributes.first.flatMap { keyAttributes.contains($0.name) ? $0 : nil }
    }
    func walk(_ element: ParsedXMLElement, _ place: String) {
      // The findings are compared as findings, not as figures.
      let children = element.children.filter { !(element.name == findingsElement && $0.name == "Befund") }
      let segments = children.map { child in child.name + (key(child).map { "[\($0.name)=\($0.value)]" } ?? "") }
      var seen: [String: Int] = [:]
      for (child, segment) in zip(children, segments) {
        var name = segment
        if segments.count(where: { $0 == segment }) > 1 {
          seen[segment, default: 0] += 1
          name += "[\(seen[segment] ?? 1)]"
        }
        let path = place.isEmpty ? name : place + "/" + name
        let keyName = key(child)?.name
        for attribute in child.attributes where attribute.name != keyName {
          values.append((path + "/@" + attribute.name, attribute.value))
        }
        if child.children.isEmpty {
          if !child.text.isEmpty || child.attributes.isEmpty { values.append((path, child.text)) }
        } else {
          walk(child, path)
        }
      }
    }
    walk(root, "")
    return values
  }

  /// The attributes that name an element among its siblings (the XSD's keys); any other attribute is a value.
  static let keyAttributes: Set<String> = ["kostenposition", "kennung", "name", "nr", "jahr", "bezeichnung"]

  /// The element that holds the findings (outputs.md).
  static let findingsElement = "Pruefergebnisse"

  static func findings(of root: ParsedXMLElement) -> [FindingLine] {
    root.children.filter { $0.name == findingsElement }.flatMap(\.children).filter { $0.name == "Befund" }.map {
      finding in
      let attribute = { (name: String) in finding.attributes.first { $0.name == name }?.value ?? "" }
      return FindingLine(
        rule: attribute("regel"), severity: attribute("schwere"),
        message: finding.children.first { $0.name == "Meldung" }?.text ?? "")
    }
  }

  /// The data rows of a CSV report (after the header), as written; without the running number `lfd_nr`, which
  /// moves every later row when one is added.
  static func rows(_ bytes: [UInt8]) -> [String] {
    let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
    let numbered = lines.first.map { $0.drop { $0 == "\u{FEFF}" }.hasPrefix("lfd_nr;") } ?? false
    return lines.dropFirst().filter { !$0.isEmpty }.map { line in
      guard numbered, let separator = line.firstIndex(of: ";") else { return line }
      return String(line[line.index(after: separator)...])
    }
  }
}
