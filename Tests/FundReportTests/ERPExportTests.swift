import Foundation
import Testing
import XMLSupport

@testable import FundReport

/// The fixtures' export with its ledger as other programs write it gives the canonical deliveries.
@Suite struct ERPExportTests {
  /// The fixtures' export in a new folder, its ledger's text (Windows-1252) rewritten by `rewrite` into new bytes.
  static func export(_ rewrite: (String) -> [UInt8]) throws -> String {
    let directory = try makeTemporaryDirectory() + "/export"
    try FileManager.default.copyItem(atPath: Paths.export, toPath: directory)
    let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/buchungen.csv")))
    let text = original.withUnsafeBufferPointer { TextEncoding.windows1252.decode($0) }
    try Data(rewrite(text)).write(to: URL(fileURLWithPath: directory + "/buchungen.csv"))
    return directory
  }

  /// The Quartalsbericht 2026-Q3 of both grants: each file by name.
  static func deliveries(_ directory: String, parallelThreshold: Int? = nil) throws -> [String: [UInt8]] {
    var options = IngestOptions()
    if let parallelThreshold { options.parallelThreshold = parallelThreshold }
    let loaded = ExportLoader(directory: directory, options: options).load()
    #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics.errors.map { $0.text(.german) })")
    let generator = try ReportGenerator(export: loaded.export)
    var files: [String: [UInt8]] = [:]
    for grant in ["MPSC-2021-WUP-A", "MPSC-2021-WUP-B"] {
      let delivery = try generator.makeDelivery(
        kind: .quartalsbericht, grantID: grant, periodID: "2026-Q3", created: fixedCreated)
      for file in delivery.files { files[file.name] = file.bytes }
    }
    return files
  }

  static func utf16(_ text: String, _ order: UTF16Order) -> [UInt8] {
    ("\u{FEFF}" + text).utf16.flatMap { unit in
      order == .littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
    }
  }

  @Test(arguments: [UTF16Order.littleEndian, .bigEndian])
  func aUTF16LedgerGivesTheCanonicalDeliveries(_ order: UTF16Order) throws {
    let canonical = try Self.deliveries(Paths.export)
    let directory = try Self.export { Self.utf16($0, order) }
    let sha256 = Delivery.sha256Hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/buchungen.csv"))))
    let canonicalSHA = Delivery.sha256Hex(
      [UInt8](try Data(contentsOf: URL(fileURLWithPath: Paths.export + "/buchungen.csv"))))
    let delivered = try Self.deliveries(directory)
    #expect(delivered.keys.sorted() == canonical.keys.sorted())
    for (name, bytes) in canonical where name.hasSuffix(".csv") {
      #expect(delivered[name] == bytes, "\(name)")
    }
    // The XML names the UTF-16 file's own hash (of its bytes as they are), and differs in nothing else.
    for (name, bytes) in canonical where name.hasSuffix(".xml") {
      let expected = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: canonicalSHA, with: sha256)
      #expect(delivered[name].map { String(decoding: $0, as: UTF8.self) } == expected, "\(name)")
    }
    // As a large ledger is read (two threads on the copy, the hash of the original): the same.
    let large = try Self.deliveries(directory, parallelThreshold: 1 << 12)
    for (name, bytes) in delivered { #expect(large[name] == bytes, "\(name), read by two threads") }
    // check says how the file was read.
    let loaded = ExportLoader(directory: directory).load()
    #expect(loaded.export.sourceFiles.first { $0.name == "buchungen.csv" }?.encodingName == order.rawValue)
  }

  /// Title lines and two empty trailing columns (as an SAP list export saved by Excel has them): the
  /// same figures and findings; only the lines named move by the title lines.
  @Test func titleLinesAndEmptyColumnsGiveTheCanonicalFigures() throws {
    let canonical = try Self.deliveries(Paths.export)
    let directory = try Self.export { text in
      // Two empty fields after every record (the fixture's line breaks within fields are LF alone).
      let withColumns = text.replacingOccurrences(of: "\r\n", with: ";;\r\n")
      let title = "Einzelpostenliste Sachkonten\r\nBuchungskreis 0436  Stadt Wuppertal\r\n\r\n"
      return TextEncoding.windows1252.encode(title + withColumns) ?? []
    }
    let loaded = ExportLoader(directory: directory).load()
    #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics.errors.map { $0.text(.german) })")
    #expect(loaded.diagnostics.notes.map(\.kind).contains(.titleLinesSkipped(3)))
    let delivered = try Self.deliveries(directory)
    for (name, bytes) in canonical where name.hasSuffix(".xml") {
      let before = try ParsedXMLElement.parse(bytes, documentName: "A")
      let after = try ParsedXMLElement.parse(try #require(delivered[name]), documentName: "B")
      let changed = DeliveryDiff.figures(of: before).filter { $0.0.hasPrefix("Kopf/Quelldaten") == false }
      let now = DeliveryDiff.figures(of: after).filter { $0.0.hasPrefix("Kopf/Quelldaten") == false }
      #expect(changed.map(\.0) == now.map(\.0), "\(name)")
      #expect(changed.map(\.1) == now.map(\.1), "\(name)")
    }
    for (name, bytes) in canonical where name.contains("_Belegliste_") || name.contains("_Finanzuebersicht_") {
      #expect(delivered[name] == bytes, "\(name)")
    }
  }

  /// A lone surrogate in a UTF-16 file is an error at its byte, not a silent character.
  @Test func invalidUTF16IsAnError() throws {
    let directory = try makeTemporaryDirectory()
    for name in try FileManager.default.contentsOfDirectory(atPath: Paths.defect("clean")) {
      try FileManager.default.copyItem(
        atPath: Paths.defect("clean") + "/" + name, toPath: directory + "/" + name)
    }
    let text = try String(contentsOfFile: directory + "/massnahmen.csv", encoding: .utf8)
    var bytes = Self.utf16(text, .littleEndian)
    bytes += [0x00, 0xD8]  // a high surrogate with nothing after it
    try Data(bytes).write(to: URL(fileURLWithPath: directory + "/massnahmen.csv"))
    let loaded = ExportLoader(directory: directory).load()
    // (The replacement character then makes a short row: said after it.)
    #expect(
      loaded.diagnostics.errors.first?.text(.german)
        == "\(directory)/massnahmen.csv: Fehler: die Datei ist UTF-16LE, aber 1 Zeichen ist kein gültiges UTF-16 (das "
        + "erste bei Byte \(bytes.count - 2)) und wurde als U+FFFD gelesen; bitte neu exportieren")
  }
}
