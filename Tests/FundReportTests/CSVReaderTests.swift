import Foundation
import Testing

@testable import FundReport

@Suite struct CSVReaderTests {
  @Test func readsQuotedFieldsWithLineBreaksAndCountsPhysicalLines() throws {
    let text = "a;b;c\r\n1;\"x;y\";3\r\n\r\n2;\"zwei\r\nZeilen\";\"\"\"q\"\"\"\r\n3;=\"0815\";  trimmed  \n4;;\n"
    let result = try readCSV(Array(text.utf8), columns: ["a", "b", "c"])
    #expect(result.errors.isEmpty)
    #expect(
      result.rows == [["1", "x;y", "3"], ["2", "zwei\r\nZeilen", "\"q\""], ["3", "0815", "trimmed"], ["4", "", ""]])
    #expect(result.lines == [2, 4, 6, 7])
    #expect(result.records == 4)
  }

  @Test func decidesTheDelimiterFromTheHeader() throws {
    let comma = try readCSV(Array("a,b\n1,2\n".utf8), columns: ["a", "b"])
    #expect(comma.rows == [["1", "2"]])
    let tab = try readCSV(Array("a\tb\n1\t2".utf8), columns: ["a", "b"])
    #expect(tab.rows == [["1", "2"]])
  }

  @Test func readsUTF8WithBOMAndWindows1252Alike() throws {
    let utf8 = [0xEF, 0xBB, 0xBF] + Array("Empfänger;b\nMüller & Söhne;€\n".utf8)
    let windows = TextEncoding.windows1252.encode("Empfänger;b\nMüller & Söhne;€\n") ?? []
    #expect(windows.contains(0xFC))
    let first = try readCSV(utf8, columns: ["empfaenger", "b"])
    let second = try readCSV(windows, columns: ["empfaenger", "b"])
    #expect(first.rows == [["Müller & Söhne", "€"]])
    #expect(second.rows == first.rows)
  }

  @Test func reportsAStrayQuoteAndResumesOnTheNextLine() throws {
    let text = "a;b\n1;Zoll 5\" lang\n2;ok\n"
    let result = try readCSV(Array(text.utf8), columns: ["a", "b"])
    #expect(
      result.errors.map { $0.text(.english) } == [
        "in/t.csv:2:9: error: stray quote: a field that contains a quote must be quoted, with the quote doubled"
      ])
    #expect(result.rows == [["2", "ok"]])
  }

  @Test func reportsTextAfterAClosingQuote() throws {
    let result = try readCSV(Array("a;b\n1;\"x\"y\n".utf8), columns: ["a", "b"])
    #expect(result.errors.first?.line == 2)
    #expect(result.errors.first?.column == 5)
  }

  @Test func reportsAnUnclosedQuoteWhereItStartsAndReadsOn() throws {
    let text = "a;b\n1;ok\n2;\"never closed\n3;ok\n4;\"x\"\n"
    let result = try readCSV(Array(text.utf8), columns: ["a", "b"])
    #expect(
      result.errors.map { $0.text(.english) } == [
        "in/t.csv:3:3: error: unclosed quote: the quoted field that starts here runs 2 lines on, where a quote is followed by text"
      ])
    #expect(result.rows == [["1", "ok"], ["3", "ok"], ["4", "x"]])
  }

  @Test func reportsAnUnclosedQuoteAtTheEndOfTheFile() throws {
    let result = try readCSV(Array("a;b\n1;ok\n2;\"open\n3;x\n".utf8), columns: ["a", "b"])
    #expect(
      result.errors.map { $0.text(.english) } == [
        "in/t.csv:3:3: error: unclosed quote: the quoted field that starts here never ends"
      ])
    #expect(result.rows == [["1", "ok"], ["3", "x"]])
  }

  @Test func reportsTheFirstSurplusDelimiter() throws {
    let result = try readCSV(Array("a;b\n1;2;3;4\n".utf8), columns: ["a", "b"])
    #expect(result.errors.map { $0.text(.english) } == ["in/t.csv:2:4: error: too many fields: the header has 2"])
  }

  @Test func reportsAShortRowAtItsEnd() throws {
    let result = try readCSV(Array("a;b;c\n1;2\n".utf8), columns: ["a", "b", "c"])
    #expect(result.errors.map { $0.text(.english) } == ["in/t.csv:2:4: error: the row has 2 fields, the header has 3"])
  }

  @Test func reportsInvalidBytesWithCharacterColumns() throws {
    // Not UTF-8 (0xFC), so Windows-1252, where 0x81 is undefined.
    let bytes = Array("a;b\nM".utf8) + [0xFC] + Array("ller;x".utf8) + [0x81] + Array("\n".utf8)
    let result = try readCSV(bytes, columns: ["a", "b"])
    #expect(
      result.errors.map { $0.text(.english) } == [
        "in/t.csv:2:9: error: invalid byte 0x81 for the file's encoding Windows-1252"
      ])
  }

  @Test func countsColumnsInCharactersInUTF8() throws {
    let result = try readCSV(Array("a;b\nÄÖÜ;\"x\"y\n".utf8), columns: ["a", "b"])
    #expect(result.errors.first?.column == 7)
  }

  @Test func namesTheMissingColumnAndTheHeadersFound() throws {
    let result = try readCSV(Array("a;B-x\n1;2\n".utf8), columns: ["a", "c"])
    #expect(
      result.errors.map { $0.text(.english) } == [
        "in/t.csv:1:1: error: required column \"c\" is missing; the header has: \"a\", \"B-x\""
      ])
  }

  @Test func readsRecordsAcrossBufferRefills() throws {
    var text = "a;b\n"
    for index in 0..<30_000 { text += "\(index);\"Zeile \(index)\nzwei\"\n" }
    let result = try readCSV(Array(text.utf8), columns: ["a", "b"])
    #expect(result.errors.isEmpty)
    #expect(result.records == 30_000)
    #expect(result.lines.last == 2 + 29_999 * 2)
    #expect(result.rows.last == ["29999", "Zeile 29999\nzwei"])
  }

  @Test func readsGeneratedRecordsOfEveryFieldFormAtTheirLines() throws {
    // Fields long and short, plain, quoted (with `;`, `""` and line breaks)
    // and Excel cells, LF and CRLF: the fast path and the general scan must
    // give the values and lines the records were built from.
    var generator = SplitMix64(seed: 436)
    let words = [
      "Müller", "Straße", "a", "Rechnung 12", "x;y", "Zoll 5\" lang", "zwei\nZeilen", "", "€ 12,50",
      "Abschlagsrechnung Los 2 Bauabschnitt Nord", "0815",
    ]
    var text = "a;b;c\n"
    var expected: [[String]] = []
    var lines: [Int] = []
    var line = 2
    for _ in 0..<3_000 {
      var fields: [String] = []
      var values: [String] = []
      for _ in 0..<3 {
        var value = words[Int.random(in: 0..<words.count, using: &generator)]
        if Bool.random(using: &generator) { value += " " + words[Int.random(in: 0..<words.count, using: &generator)] }
        value = value.trimmingCharacters(in: .whitespaces)
        let special = value.contains(";") || value.contains("\"") || value.contains("\n")
        switch Int.random(in: 0..<3, using: &generator) {
        case 0 where !special: fields.append(value)
        case 1 where !special: fields.append("=\"\(value)\"")
        default: fields.append("\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
        }
        values.append(value)
      }
      text += fields.joined(separator: ";") + (Bool.random(using: &generator) ? "\r\n" : "\n")
      expected.append(values)
      lines.append(line)
      line += 1 + values.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
    }
    let result = try readCSV(Array(text.utf8), columns: ["a", "b", "c"])
    #expect(result.errors.isEmpty)
    #expect(result.rows == expected)
    #expect(result.lines == lines)
  }

  @Test func reportsAStrayQuoteInALongFieldAtItsColumn() throws {
    let text = "a;b;c\n1;Rechnungsbetrag laut Angebot 5\" lang und mehr Text;3\n2;Ende;4\n"
    let result = try readCSV(Array(text.utf8), columns: ["a", "b", "c"])
    #expect(
      result.errors.map { $0.text(.english) } == [
        "in/t.csv:2:33: error: stray quote: a field that contains a quote must be quoted, with the quote doubled"
      ])
    #expect(result.rows == [["2", "Ende", "4"]])
  }

  @Test func findsTheSpecialBytesOfEverySixteenByteWindow() {
    var generator = SplitMix64(seed: 436)
    let alphabet: [UInt8] = [0x3B, 0x2C, 0x09, 0x22, 0x0A, 0x0D, 0x41, 0x20, 0xC3, 0xBC, 0x00, 0xFF, 0xBB, 0xA2]
    for delimiter: UInt8 in [0x3B, 0x2C, 0x09] {
      let special = SpecialBytes(delimiter: delimiter)
      for _ in 0..<2_000 {
        let bytes = (0..<SpecialBytes.width).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
        }
        var expected: UInt32 = 0
        for (index, byte) in bytes.enumerated() where byte == delimiter || byte == 0x22 || byte == 0x0A {
          expected |= 1 << index
        }
        #expect(bytes.withUnsafeBytes { special.mask(at: $0.baseAddress!) } == expected, "\(bytes)")
      }
    }
  }
}
