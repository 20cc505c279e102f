import Foundation
import Testing

@testable import FundReport

/// Input files found the way people name them, and files that are something else said as what they are.
@Suite struct InputFileTests {
  /// The note `check` and `report` give for an optional file the export does not have.
  static func isAbsentOptionalNote(_ line: String) -> Bool {
    line.contains(": Hinweis: die Datei fehlt (sie ist optional)") || line.contains(": note: the file is absent")
  }

  /// A copy of the clean fixture export with `change` applied to its folder.
  static func export(_ change: (String) throws -> Void) throws -> String {
    let root = try makeTemporaryDirectory()
    try FileManager.default.removeItem(atPath: root)
    try FileManager.default.copyItem(atPath: Paths.defect("clean"), toPath: root)
    try change(root)
    return root
  }

  static func rename(_ from: String, _ to: String, in root: String) throws {
    try FileManager.default.moveItem(atPath: root + "/" + from, toPath: root + "/" + to)
  }

  /// `check`'s status and its errors (the notes of absent optional files left out), without the folder.
  static func errors(_ root: String) -> (RunStatus, [String]) {
    let (status, _, errors) = CheckJobTests.check(root)
    let kept = errors.filter { !isAbsentOptionalNote($0) }
    return (status, kept.map { $0.replacingOccurrences(of: root + "/", with: "") })
  }

  @Test func namesAreMatchedWithoutRegardToCase() throws {
    let root = try Self.export { root in
      try Self.rename("buchungen.csv", "Buchungen.CSV", in: root)
      try Self.rename("zuwendung.csv", "ZUWENDUNG.csv", in: root)
    }
    defer { try? FileManager.default.removeItem(atPath: root) }
    let (status, errors) = Self.errors(root)
    #expect(status == .success)
    #expect(errors.isEmpty)
    // The register and Quelldaten name the interface's file, as before.
    let loaded = ExportLoader(directory: root).load()
    #expect(loaded.export.sourceFiles.map(\.name).contains("buchungen.csv"))
  }

  struct SimilarCase: Sendable, CustomTestStringConvertible {
    var input: String
    var found: String
    var bytes: [UInt8]
    var message: String
    var testDescription: String { found }
  }

  static let rename: String =
    "bitte so umbenennen, dass sie wie die Eingabedatei heißt, oder in fundreport.yaml unter files: als path angeben"
  static let similarCases: [SimilarCase] = [
    // A workbook is read once it is named like the input (`Mittelabrufe.xlsx` is), so it is only to be renamed.
    SimilarCase(
      input: "mittelabrufe.csv", found: "Mittelabruf.xlsx", bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00],
      message: "mittelabrufe.csv: Fehler: die Datei fehlt; im Exportverzeichnis liegt aber \"Mittelabruf.xlsx\". "
        + "Ist sie gemeint, " + rename),
    SimilarCase(
      input: "mittelabrufe.csv", found: "mittelabrufe.xls", bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
      message: "mittelabrufe.csv: Fehler: die Datei fehlt; im Exportverzeichnis liegt aber \"mittelabrufe.xls\", "
        + "eine alte Excel-Arbeitsmappe (.xls). Ist sie gemeint, bitte als CSV speichern und so benennen, dass sie "
        + "wie die Eingabedatei heißt, oder in fundreport.yaml unter files: als path angeben"),
    SimilarCase(
      input: "mittelabrufe.csv", found: "mittelabruf.csv", bytes: Array("foerderkennzeichen;abruf_nr\r\n".utf8),
      message: "mittelabrufe.csv: Fehler: die Datei fehlt; im Exportverzeichnis liegt aber \"mittelabruf.csv\". "
        + "Ist sie gemeint, " + rename),
    SimilarCase(
      input: "buchungen.csv", found: "buchungen.txt", bytes: Array("beleg_nr;buchungsdatum\r\n".utf8),
      message: "buchungen.csv: Fehler: die Datei fehlt; im Exportverzeichnis liegt aber \"buchungen.txt\". "
        + "Ist sie gemeint, " + rename),
  ]

  @Test(arguments: similarCases)
  func aFileWithACloseNameIsSaid(_ example: SimilarCase) throws {
    let root = try Self.export { root in
      if FileManager.default.fileExists(atPath: root + "/" + example.input) {
        try FileManager.default.removeItem(atPath: root + "/" + example.input)
      }
      try Data(example.bytes).write(to: URL(fileURLWithPath: root + "/" + example.found))
    }
    defer { try? FileManager.default.removeItem(atPath: root) }
    let (status, errors) = Self.errors(root)
    #expect(status == .inputMissing)
    #expect(errors == [example.message])
  }

  struct ForeignCase: Sendable, CustomTestStringConvertible {
    var bytes: [UInt8]
    var what: String
    var testDescription: String { what }
  }

  static let foreignCases: [ForeignCase] = [
    // An empty ZIP archive: its end record only. (A workbook named .csv is read as a workbook.)
    ForeignCase(
      bytes: [0x50, 0x4B, 0x05, 0x06] + Array(repeating: 0, count: 18),
      what: "eine ZIP-Datei ohne Excel-Arbeitsmappe (etwa ein anderes Office-Dokument); bitte als "
        + "Excel-Arbeitsmappe (.xlsx) oder als „CSV UTF-8 (durch Trennzeichen getrennt)“ speichern"),
    ForeignCase(
      bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00],
      what: "eine alte Excel-Arbeitsmappe (.xls); bitte in Excel mit „Speichern unter“ als "
        + "„Excel-Arbeitsmappe (.xlsx)“ oder als „CSV UTF-8 (durch Trennzeichen getrennt)“ speichern"),
    ForeignCase(
      bytes: [0x66, 0x00, 0x6F, 0x00, 0x65, 0x00, 0x72, 0x00],
      what: "UTF-16-Text ohne Byte-Order-Mark (jedes zweite Byte ist 0), dessen Bytereihenfolge nicht feststeht; "
        + "bitte als UTF-8 (in Excel „CSV UTF-8 (durch Trennzeichen getrennt)“) oder als UTF-16 mit Byte-Order-Mark "
        + "(in Excel „Unicode-Text“) speichern"),
  ]

  @Test(arguments: foreignCases)
  func aFileThatIsNoCSVIsSaidAsWhatItIs(_ example: ForeignCase) throws {
    let root = try Self.export { root in
      try Data(example.bytes).write(to: URL(fileURLWithPath: root + "/zuwendung.csv"))
    }
    defer { try? FileManager.default.removeItem(atPath: root) }
    let (status, errors) = Self.errors(root)
    #expect(status == .inputMissing)
    // One error, the cause: no row of another file repeats that its grant is not in zuwendung.csv.
    #expect(errors == ["zuwendung.csv: Fehler: ist keine CSV-Datei, sondern \(example.what)"])
  }

  /// `check`'s file table lists the optional files the export does not have.
  @Test func checkListsTheAbsentOptionalFiles() {
    let (status, output, _) = CheckJobTests.check(Paths.defect("clean"))
    #expect(status == .success)
    #expect(
      Array(output.prefix(5)) == [
        "Export \(Paths.defect("clean")), Stichtag 30.09.2026",
        "Datei              Datensätze  Kodierung         Trennzeichen",
        "basiszinssatz.csv           –  fehlt (optional)",
        "buchungen.csv               5  UTF-8             ;",
        "finanzplan.csv              4  UTF-8             ;",
      ])
    #expect(output.contains("mittelabrufe.csv            –  fehlt (optional)"))
  }

  @Test func aMissingGrantFileIsTheOneErrorNotEveryRowThatNamesAGrant() throws {
    let root = try Self.export { root in try FileManager.default.removeItem(atPath: root + "/zuwendung.csv") }
    defer { try? FileManager.default.removeItem(atPath: root) }
    let (status, errors) = Self.errors(root)
    #expect(status == .inputMissing)
    #expect(errors == ["zuwendung.csv: Fehler: die Eingabedatei fehlt; sie ist erforderlich"])
  }
}
