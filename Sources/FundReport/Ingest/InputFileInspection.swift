import Crypto

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What one pass over an input file's raw bytes tells before it is parsed:
/// its SHA-256 (for `Quelldaten`), its encoding, and where its bytes are not
/// valid in that encoding.
struct InputFileInspection: Sendable {
  var sha256: String
  var size: Int
  var encoding: TextEncoding
  var hasByteOrderMark: Bool
  /// Offsets of bytes that are invalid in `encoding`, ascending.
  var invalidByteOffsets: [Int]

  /// Reads the file once.
  ///
  /// - Parameter configured: the configured encoding, which always wins;
  ///   nil: UTF-8 when the file is valid UTF-8 (or starts with a UTF-8 BOM),
  ///   else Windows-1252 (inputs.md).
  ///   - hashing: whether to compute the SHA-256 (reports need it for
  ///     `Quelldaten`; `check` does not).
  static func inspect(path: String, configured: TextEncoding?, hashing: Bool = true) throws(FileAccessError)
    -> InputFileInspection
  {
    let file = try ReadOnlyFile(path: path)
    var hasher = SHA256()
    var validator = UTF8Validator()
    var offset = 0
    var head: [UInt8] = []
    try file.readChunks { chunk in
      if hashing { hasher.update(bufferPointer: chunk) }
      validator.consume(chunk, at: offset)
      if head.count < 3 { head.append(contentsOf: chunk.prefix(3 - head.count)) }
      offset += chunk.count
    }
    validator.finish()
    let bom = head == [0xEF, 0xBB, 0xBF]
    let encoding = configured ?? ((validator.isValid || bom) ? .utf8 : .windows1252)
    let invalid: [Int]
    switch encoding {
    case .utf8: invalid = validator.invalidOffsets
    case .windows1252: invalid = validator.undefinedWindows1252Offsets
    case .iso885915: invalid = []
    }
    let digest =
      hashing
      ? hasher.finalize().map { byte in
        let hex = String(byte, radix: 16)
        return byte < 16 ? "0" + hex : hex
      }.joined() : ""
    return InputFileInspection(
      sha256: digest, size: offset, encoding: encoding, hasByteOrderMark: bom && encoding == .utf8,
      invalidByteOffsets: invalid)
  }
}

/// A file could not be opened or read.
struct FileAccessError: Error, Sendable {
  var path: String
  var errno: Int32
  var isMissing: Bool { errno == ENOENT || errno == ENOTDIR }
  var reason: String { String(cString: strerror(errno)) }
}

/// An open, read-only file descriptor, closed when the value is dropped.
final class ReadOnlyFile {
  let descriptor: Int32
  let path: String

  init(path: String) throws(FileAccessError) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw FileAccessError(path: path, errno: errno) }
    var status = stat()
    if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
      close(descriptor)
      throw FileAccessError(path: path, errno: EISDIR)
    }
    self.descriptor = descriptor
    self.path = path
  }

  deinit { close(descriptor) }

  /// Reads up to `count` bytes into `buffer`; 0 at the end of the file.
  func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(FileAccessError) -> Int {
    while true {
      let result = Glibc.read(descriptor, buffer, count)
      if result >= 0 { return result }
      if errno != EINTR { throw FileAccessError(path: path, errno: errno) }
    }
  }

  /// Calls `body` with consecutive chunks of the whole file.
  func readChunks(
    size: Int = 1 << 20, _ body: (UnsafeRawBufferPointer) throws(FileAccessError) -> Void
  ) throws(FileAccessError) {
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let count = try read(into: buffer, count: size)
      if count == 0 { return }
      try body(UnsafeRawBufferPointer(start: buffer, count: count))
    }
  }

  func seek(to offset: Int) throws(FileAccessError) {
    if lseek(descriptor, off_t(offset), SEEK_SET) < 0 { throw FileAccessError(path: path, errno: errno) }
  }
}
