/// The character encodings an export file may use (inputs.md, "CSV dialects").
enum TextEncoding: String, Sendable, CaseIterable {
  case utf8 = "UTF-8"
  case windows1252 = "Windows-1252"
  case iso885915 = "ISO-8859-15"

  /// Decodes `bytes`; bytes that are invalid in the encoding have been
  /// reported as structural errors before, and decode to U+FFFD here.
  func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    switch self {
    case .utf8:
      return String(decoding: bytes, as: UTF8.self)
    case .windows1252, .iso885915:
      if !bytes.contains(where: { $0 >= 0x80 }) {
        return String(decoding: bytes, as: UTF8.self)
      }
      var scalars = String.UnicodeScalarView()
      for byte in bytes { scalars.append(scalar(for: byte)) }
      return String(scalars)
    }
  }

  /// The bytes of `text` in this encoding, or nil when a character has none.
  func encode(_ text: String) -> [UInt8]? {
    switch self {
    case .utf8:
      return Array(text.utf8)
    case .windows1252, .iso885915:
      var bytes: [UInt8] = []
      for scalar in text.unicodeScalars {
        if scalar.value < 0x80 {
          bytes.append(UInt8(scalar.value))
        } else if let byte = (0x80...0xFF).first(where: { self.scalar(for: UInt8($0)) == scalar }) {
          bytes.append(UInt8(byte))
        } else {
          return nil
        }
      }
      return bytes
    }
  }

  /// Whether a single byte is undefined in this (single-byte) encoding.
  func isUndefined(byte: UInt8) -> Bool {
    self == .windows1252 && (byte == 0x81 || byte == 0x8D || byte == 0x8F || byte == 0x90 || byte == 0x9D)
  }

  private func scalar(for byte: UInt8) -> Unicode.Scalar {
    let replacement = Unicode.Scalar(0xFFFD as UInt32) ?? "?"
    switch self {
    case .utf8:
      return byte < 0x80 ? Unicode.Scalar(byte) : replacement
    case .windows1252:
      guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
      let value = windows1252High[Int(byte - 0x80)]
      return value == 0 ? replacement : Unicode.Scalar(value) ?? replacement
    case .iso885915:
      let value: UInt32
      switch byte {
      case 0xA4: value = 0x20AC
      case 0xA6: value = 0x0160
      case 0xA8: value = 0x0161
      case 0xB4: value = 0x017D
      case 0xB8: value = 0x017E
      case 0xBC: value = 0x0152
      case 0xBD: value = 0x0153
      case 0xBE: value = 0x0178
      default: value = UInt32(byte)
      }
      return Unicode.Scalar(value) ?? replacement
    }
  }
}

/// Windows-1252's characters for 0x80...0x9F; 0 marks the five undefined bytes.
private let windows1252High: [UInt32] = [
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
]

/// How much of a file read as Windows-1252 is valid UTF-8 (a UTF-8 file
/// with a stray byte is read as Windows-1252 by inputs.md's rule, and its
/// umlauts then show as `Ã¼`).
struct UTF8Evidence: Sendable, Equatable {
  var validSequences: Int
  var invalid: Int
  /// The file offset of the first byte that is not UTF-8.
  var firstInvalid: Int

  /// Most of the file's non-ASCII characters are valid UTF-8.
  var looksLikeUTF8: Bool { validSequences > invalid }
}

/// Streaming UTF-8 validation that keeps its state across chunk boundaries
/// and remembers the file offsets of invalid bytes.
struct UTF8Validator {
  private var needed = 0
  private var lower: UInt8 = 0x80
  private var upper: UInt8 = 0xBF
  private var sequenceStart = 0
  /// File offsets of the first byte of each invalid sequence (at most `limit`).
  private(set) var invalidOffsets: [Int] = []
  private(set) var invalidCount = 0
  /// Complete multi-byte UTF-8 sequences met, where the pass checks UTF-8
  /// byte by byte (modes other than `.utf8`, which skips two-byte ones in
  /// blocks): evidence of a UTF-8 file with a few stray bytes.
  private(set) var validSequences = 0
  /// File offsets of the bytes Windows-1252 does not define (at most `limit`),
  /// gathered on the same pass in case the file turns out not to be UTF-8.
  private(set) var undefinedWindows1252Offsets: [Int] = []
  let limit: Int

  /// What a pass checks: a file whose encoding is not known yet is checked
  /// for both; a large file, whose encoding its start decided, for its own.
  enum Mode {
    case utf8AndWindows1252, utf8, windows1252
  }
  let mode: Mode

  init(limit: Int = 10_000, mode: Mode = .utf8AndWindows1252) {
    self.limit = limit
    self.mode = mode
  }

  var isValid: Bool { invalidCount == 0 && needed == 0 }

  mutating func consume(_ chunk: UnsafeRawBufferPointer, at fileOffset: Int) {
    var index = 0
    let count = chunk.count
    while index < count {
      if needed == 0 {
        // ASCII is skipped in blocks, straight to the first byte that is not;
        // when only UTF-8 is checked, so are blocks of two-byte characters.
        index =
          mode == .utf8 ? Self.firstNotASCIIOrPair(in: chunk, from: index) : Self.firstNonASCII(in: chunk, from: index)
        guard index < count else { break }
        let byte = chunk[index]
        if mode == .windows1252 {
          if TextEncoding.windows1252.isUndefined(byte: byte) && undefinedWindows1252Offsets.count < limit {
            undefinedWindows1252Offsets.append(fileOffset + index)
          }
          index += 1
          continue
        }
        // The usual non-ASCII character of a German text (ä, ß, …) is two
        // bytes: a lead in C2…DF and one continuation byte.
        if mode == .utf8 && byte >= 0xC2 && byte <= 0xDF && index + 1 < count && chunk[index + 1] & 0xC0 == 0x80 {
          index += 2
          continue
        }
        sequenceStart = fileOffset + index
        if mode != .utf8 && TextEncoding.windows1252.isUndefined(byte: byte)
          && undefinedWindows1252Offsets.count < limit
        {
          undefinedWindows1252Offsets.append(sequenceStart)
        }
        switch byte {
        case 0xC2...0xDF: start(1, 0x80, 0xBF)
        case 0xE0: start(2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: start(2, 0x80, 0xBF)
        case 0xED: start(2, 0x80, 0x9F)
        case 0xF0: start(3, 0x90, 0xBF)
        case 0xF1...0xF3: start(3, 0x80, 0xBF)
        case 0xF4: start(3, 0x80, 0x8F)
        default: recordInvalid(at: sequenceStart)
        }
        index += 1
      } else {
        let byte = chunk[index]
        if mode != .utf8 && TextEncoding.windows1252.isUndefined(byte: byte)
          && undefinedWindows1252Offsets.count < limit
        {
          undefinedWindows1252Offsets.append(fileOffset + index)
        }
        if byte < lower || byte > upper {
          recordInvalid(at: sequenceStart)
          needed = 0
          continue  // look at this byte again as the start of a sequence
        }
        needed -= 1
        if needed == 0 { validSequences += 1 }
        lower = 0x80
        upper = 0xBF
        index += 1
      }
    }
  }

  /// What this pass says about a file read as Windows-1252, when some of it is not UTF-8.
  var utf8Evidence: UTF8Evidence? {
    invalidOffsets.first.map { UTF8Evidence(validSequences: validSequences, invalid: invalidCount, firstInvalid: $0) }
  }

  /// The offsets that are errors in `encoding`.
  func errorOffsets(in encoding: TextEncoding) -> [Int] {
    switch encoding {
    case .utf8: return invalidOffsets
    case .windows1252: return undefinedWindows1252Offsets
    case .iso885915: return []
    }
  }

  /// Call once after the last chunk.
  mutating func finish() {
    if needed != 0 {
      recordInvalid(at: sequenceStart)
      needed = 0
    }
  }

  private mutating func start(_ count: Int, _ low: UInt8, _ high: UInt8) {
    needed = count
    lower = low
    upper = high
  }

  private mutating func recordInvalid(at offset: Int) {
    invalidCount += 1
    if invalidOffsets.count < limit { invalidOffsets.append(offset) }
  }
}
