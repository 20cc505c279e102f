import Crypto

/// One delivery (Lieferung): the files submitted together for one grant,
/// report kind, period and version (outputs.md, "Report kinds and their deliveries").
public struct Delivery: Sendable {
  struct File: Sendable {
    let name: String
    let bytes: [UInt8]
    /// The SHA-256 of `bytes` in lowercase hex, computed once, where the
    /// file is made (SHA256SUMS, the register and a statement's Belegliste
    /// element all name it).
    let sha256: String

    init(name: String, bytes: [UInt8]) {
      self.name = name
      self.bytes = bytes
      sha256 = Delivery.sha256Hex(bytes)
    }
  }

  var grantID: String
  var kind: ReportKind
  var periodID: String
  var version: Int
  /// The report files, without SHA256SUMS.
  var files: [File]
  var findings: [Finding]

  /// `<FKZ>` with every character outside `A-Z a-z 0-9 . _ -` replaced by `_`.
  static func safeName(_ grantID: String) -> String { GrantFolder.name(of: grantID) }

  /// `<Berichtsart>_<period id>_v<N>`.
  var folderName: String { "\(kind.rawValue)_\(periodID)_v\(version)" }

  /// `<FKZ>_<Kind>_<period id>_v<N>.<ext>`.
  static func fileName(grantID: String, kind: String, periodID: String, version: Int, ext: String) -> String {
    "\(safeName(grantID))_\(kind)_\(periodID)_v\(version).\(ext)"
  }

  /// SHA256SUMS: `<64 hex>  <name>` per file, sorted by name, LF.
  var checksums: [UInt8] {
    var text = ""
    for file in files.sorted(by: { Array($0.name.utf8).lexicographicallyPrecedes($1.name.utf8) }) {
      text += file.sha256 + "  " + file.name + "\n"
    }
    return Array(text.utf8)
  }

  /// The report files and SHA256SUMS: everything the delivery folder holds.
  var filesWithChecksums: [File] {
    files + [File(name: "SHA256SUMS", bytes: checksums)]
  }

  static func sha256Hex(_ bytes: [UInt8]) -> String {
    hex(SHA256.hash(data: bytes))
  }

  /// Lowercase hex of a digest, as `sha256sum` writes it.
  static func hex(_ digest: some Sequence<UInt8>) -> String {
    digest.map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }
}
