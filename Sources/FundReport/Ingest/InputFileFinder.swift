/// Finds the input files of an export directory the way people name them:
/// `Buchungen.CSV` is `buchungen.csv`, and `finanzplan.xlsx` (a workbook) is read where no
/// `finanzplan.csv` is; a name close to an input's
/// (`mittelabruf.csv`, `Mittelabrufe.xlsx`, `buchungen.txt`) is no input,
/// but is said, because it is almost surely the file that was meant.
struct InputFileFinder {
  /// The names in the export directory.
  let names: [String]

  enum Finding: Equatable {
    /// The file, under this name in the directory.
    case found(String)
    /// No such file, but this one has a name close to it.
    case similar(String)
    case absent
  }

  func find(_ name: String, otherInputs: [String]) -> Finding {
    if names.contains(name) { return .found(name) }
    let lowered = name.lowercased()
    if let match = names.first(where: { $0.lowercased() == lowered }) { return .found(match) }
    let (stem, _) = Self.split(lowered)
    // An Excel workbook of the same name is read like the CSV file (its sheet of that name, or its first).
    if let workbook = names.sorted().first(where: { $0.lowercased() == stem + ".xlsx" }) { return .found(workbook) }
    let others = Set(otherInputs.map { $0.lowercased() })
    for candidate in names where !others.contains(candidate.lowercased()) {
      let (candidateStem, _) = Self.split(candidate.lowercased())
      if candidateStem == stem || (stem.count >= 6 && Self.distance(candidateStem, stem) <= 2) {
        return .similar(candidate)
      }
    }
    return .absent
  }

  /// `name` as stem and extension (`buchungen`, `csv`).
  static func split(_ name: String) -> (stem: String, extension: String) {
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
    return (String(name[..<dot]), String(name[name.index(after: dot)...]))
  }

  /// The Levenshtein distance of two short names.
  static func distance(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs.unicodeScalars)
    let b = Array(rhs.unicodeScalars)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}

/// What the first bytes of a file say it is, when it is no CSV text.
enum ForeignContent: Sendable, Hashable {
  /// A ZIP archive: an Excel workbook (.xlsx), or another Office or ZIP file.
  case zip
  /// An old Excel workbook (.xls, a Compound File).
  case oldExcel
  /// UTF-16 text without a byte order mark (every other byte 0): which byte order is a guess, so it is
  /// not read (with a mark, FF FE or FE FF, it is).
  case utf16WithoutByteOrderMark

  init?(firstBytes bytes: [UInt8]) {
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
      self = .zip
    } else if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
      self = .oldExcel
    } else if UTF16Order.looksLikeUnmarkedUTF16(bytes) {
      self = .utf16WithoutByteOrderMark
    } else {
      return nil
    }
  }
}

/// An optional input file, for the note that says what its absence means.
enum OptionalInput: String, Sendable, Hashable {
  case mittelabrufe = "mittelabrufe.csv"
  case meilensteine = "meilensteine.csv"
  case indikatoren = "indikatoren.csv"
  case basiszinssatz = "basiszinssatz.csv"
}
