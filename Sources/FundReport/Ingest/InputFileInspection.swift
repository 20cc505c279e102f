import Crypto
import Dispatch
import Foundation
import SystemPackage

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What an input file's raw bytes tell before it is parsed: its SHA-256 (for
/// `Quelldaten`), its encoding, and where its bytes are not valid in that
/// encoding. A small file is read whole for it; a large one only at its start,
/// its hash comes from a thread of its own and its reader validates the rest.
struct InputFileInspection: Sendable {
  var sha256: String
  var size: Int
  var encoding: TextEncoding
  var hasByteOrderMark: Bool
  /// Offsets of bytes that are invalid in `encoding`, ascending.
  var invalidByteOffsets: [Int]
  /// The hash of a large file, still being computed (then `sha256` is empty).
  var pendingDigest: PendingDigest?
  /// Whether the reader validates the bytes as it reads them (a large file:
  /// one read instead of two); `invalidByteOffsets` is then empty.
  var validatesWhileReading = false
  /// Whether `encoding` is UTF-8 only because the start of the file is: a
  /// byte further on that is not valid UTF-8 makes it Windows-1252 after all.
  var isUTF8Assumed = false
  /// For a file detected as Windows-1252: how much of it (or of its start,
  /// for a large file) is valid UTF-8.
  var utf8Evidence: UTF8Evidence?
  /// Read as Windows-1252 after its start looked like UTF-8: the reader
  /// checks UTF-8 too, for ``utf8Evidence``.
  var countsUTF8Evidence = false

  /// Reads a file that is not large once, whole, before it is parsed (a
  /// large file is only sniffed: see ``sniff(file:size:configured:hashing:sniffSize:)``).
  ///
  /// - Parameters:
  ///   - configured: the configured encoding, which always wins; nil: UTF-8
  ///     when the file is valid UTF-8 (or starts with a UTF-8 BOM), else
  ///     Windows-1252 (inputs.md).
  ///   - hashing: whether to compute the SHA-256 (reports need it for
  ///     `Quelldaten`; `check` does not).
  /// The file is read from its start and left positioned there again.
  static func inspect(file: ReadOnlyFile, size: Int, configured: TextEncoding?, hashing: Bool = true)
    throws(FileAccessError) -> InputFileInspection
  {
    var hasher = SHA256()
    var validator = UTF8Validator()
    var head: [UInt8] = []
    var offset = 0
    try file.readChunks { chunk in
      if head.count < 3 { head += chunk.prefix(3 - head.count) }
      if hashing { hasher.update(bufferPointer: chunk) }
      validator.consume(chunk, at: offset)
      offset += chunk.count
    }
    validator.finish()
    try file.seek(to: 0)
    let bom = head == [0xEF, 0xBB, 0xBF]
    let encoding = configured ?? ((validator.isValid || bom) ? .utf8 : .windows1252)
    var inspection = InputFileInspection(
      sha256: hashing ? Delivery.hex(hasher.finalize()) : "", size: size, encoding: encoding,
      hasByteOrderMark: bom && encoding == .utf8, invalidByteOffsets: validator.errorOffsets(in: encoding))
    if configured == nil && encoding == .windows1252 { inspection.utf8Evidence = validator.utf8Evidence }
    return inspection
  }

  /// Looks at the start of a large file only: its encoding from the first
  /// `sniffSize` bytes (or the configuration, or a BOM), its hash on a
  /// thread of its own. The reader validates the rest as it goes.
  static func sniff(file: ReadOnlyFile, size: Int, configured: TextEncoding?, hashing: Bool, sniffSize: Int)
    throws(FileAccessError) -> InputFileInspection
  {
    var validator = UTF8Validator()
    var head: [UInt8] = []
    try file.readChunks(size: max(sniffSize, 3), limit: max(sniffSize, 3)) { chunk in
      head = Array(chunk)
      validator.consume(chunk, at: 0)
    }
    try file.seek(to: 0)
    let bom = head.starts(with: [0xEF, 0xBB, 0xBF])
    // A sequence cut by the end of the window is not an error yet.
    let valid = validator.invalidCount == 0
    let encoding = configured ?? ((valid || bom) ? .utf8 : .windows1252)
    var inspection = InputFileInspection(
      sha256: "", size: size, encoding: encoding, hasByteOrderMark: bom && encoding == .utf8, invalidByteOffsets: [],
      pendingDigest: hashing ? PendingDigest(path: file.path) : nil)
    inspection.validatesWhileReading = true
    inspection.isUTF8Assumed = configured == nil && !bom && encoding == .utf8
    if configured == nil && encoding == .windows1252 { inspection.utf8Evidence = validator.utf8Evidence }
    return inspection
  }

  /// The physical line, the 1-based byte column and the byte at `offset` of
  /// the file at `path` (for a note about one byte; reads up to it).
  static func place(ofOffset offset: Int, path: String) -> (line: Int, column: Int, byte: UInt8)? {
    guard let file = try? ReadOnlyFile(path: path) else { return nil }
    var line = 1
    var lineStart = 0
    var position = 0
    var found: UInt8?
    try? file.readChunks { chunk in
      guard found == nil else { return }
      let end = min(chunk.count, offset - position + 1)
      for index in 0..<end {
        if position + index == offset {
          found = chunk[index]
          break
        }
        if chunk[index] == 0x0A {
          line += 1
          lineStart = position + index + 1
        }
      }
      position += chunk.count
    }
    return found.map { (line, offset - lineStart + 1, $0) }
  }

  /// The file's SHA-256, waiting for its thread when it is still hashing.
  func digest() throws(FileAccessError) -> String {
    guard let pendingDigest else { return sha256 }
    return try pendingDigest.wait()
  }
}

/// A file's SHA-256, computed on a thread of its own (not one of Dispatch's
/// workers, which the parallel parse needs on a two-core machine).
final class PendingDigest: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var result: Result<String, FileAccessError> = .failure(FileAccessError(path: "", errno: .ioError))

  init(path: String) {
    let thread = Thread { [self] in
      result = Result { () throws(FileAccessError) in
        let file = try ReadOnlyFile(path: path)
        var hasher = SHA256()
        try file.readChunks { hasher.update(bufferPointer: $0) }
        return Delivery.hex(hasher.finalize())
      }
      done.signal()
    }
    thread.start()
  }

  /// Waits for the hash (at once when it is done).
  func wait() throws(FileAccessError) -> String {
    done.wait()
    done.signal()  // done stays done for the next caller
    return try result.get()
  }
}
