import Crypto
import SystemPackage

/// The byte order of a UTF-16 file, from its byte order mark.
enum UTF16Order: String, Sendable {
  case littleEndian = "UTF-16LE"
  case bigEndian = "UTF-16BE"

  /// The order a file's first two bytes name (FF FE: little-endian, FE FF: big-endian), nil for none.
  init?(byteOrderMark bytes: [UInt8]) {
    if bytes.starts(with: [0xFF, 0xFE]) {
      self = .littleEndian
    } else if bytes.starts(with: [0xFE, 0xFF]) {
      self = .bigEndian
    } else {
      return nil
    }
  }

  /// Whether `bytes` (a file's first bytes, no byte order mark) look like UTF-16: ASCII text with
  /// every other byte 0, as Excel's "Unicode-Text" is without its mark.
  static func looksLikeUnmarkedUTF16(_ bytes: [UInt8]) -> Bool {
    guard bytes.count >= 4 else { return false }
    let pairs = bytes.count / 2
    let evenZeros = (0..<pairs).filter { bytes[2 * $0] == 0 && bytes[2 * $0 + 1] != 0 }.count
    let oddZeros = (0..<pairs).filter { bytes[2 * $0 + 1] == 0 && bytes[2 * $0] != 0 }.count
    return evenZeros == pairs || oddZeros == pairs
  }
}

/// A UTF-16 input file (one with a byte order mark: what Excel's "Unicode-Text" and SAP's
/// Excel-safe export write) as a private UTF-8 copy, which the readers read like any UTF-8 file.
/// Lines stay lines, so every place names the original's line; `Quelldaten` and the archive keep
/// the original's bytes and hash. The copy lives in its own folder under TMPDIR and is removed
/// with the last reader that needs it.
final class UTF16Copy: Sendable {
  let order: UTF16Order
  /// The UTF-8 copy.
  let path: String
  /// The SHA-256 of the original bytes ("" when not asked for).
  let sha256: String
  /// Code units that are no UTF-16 (a lone surrogate; an odd last byte), written as U+FFFD.
  let invalidUnits: Int
  /// The byte offset in the original of the first of them.
  let firstInvalidOffset: Int?
  private let folder: String

  private init(
    order: UTF16Order, path: String, sha256: String, invalidUnits: Int, firstInvalidOffset: Int?, folder: String
  ) {
    self.order = order
    self.path = path
    self.sha256 = sha256
    self.invalidUnits = invalidUnits
    self.firstInvalidOffset = firstInvalidOffset
    self.folder = folder
  }

  deinit { try? FileSystem.remove(folder) }

  /// Transcodes `original` (positioned at its start) chunk by chunk: memory stays bounded by the chunk.
  static func make(of original: ReadOnlyFile, order: UTF16Order, hashing: Bool) throws(FileAccessError) -> UTF16Copy {
    let folder: String
    do {
      folder = try FileSystem.makeTemporaryDirectory(prefix: "fundreport-utf16")
    } catch {
      throw FileAccessError(path: original.path, errno: error.errno ?? .ioError)
    }
    let path = folder + "/copy.csv"
    var hasher = SHA256()
    var decoder = Decoder(order: order)
    let chunkSize = 1 << 20
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
    defer { buffer.deallocate() }
    do throws(FileSystemError) {
      let descriptor = try FileSystem.createNew(path, permissions: [.ownerReadWrite])
      defer { try? descriptor.close() }
      while true {
        let count: Int
        do throws(FileAccessError) {
          count = try original.read(into: buffer, count: chunkSize)
        } catch {
          throw FileSystemError(path: error.path, action: .read, errno: error.errno)
        }
        if count == 0 { break }
        let chunk = UnsafeRawBufferPointer(start: buffer, count: count)
        if hashing { hasher.update(bufferPointer: chunk) }
        decoder.decode(chunk)
        try FileSystem.writeAll(descriptor, decoder.output, path: path)
        decoder.output.removeAll(keepingCapacity: true)
      }
      decoder.finish()
      try FileSystem.writeAll(descriptor, decoder.output, path: path)
    } catch {
      try? FileSystem.remove(folder)
      throw FileAccessError(path: error.path, errno: error.errno ?? .ioError)
    }
    try original.seek(to: 0)
    return UTF16Copy(
      order: order, path: path, sha256: hashing ? Delivery.hex(hasher.finalize()) : "", invalidUnits: decoder.invalid,
      firstInvalidOffset: decoder.firstInvalid, folder: folder)
  }
}

extension UTF16Copy {
  /// UTF-16 to UTF-8, chunk by chunk: a unit or a surrogate pair may be cut by a chunk's end.
  struct Decoder {
    let order: UTF16Order
    var output: [UInt8] = []
    var invalid = 0
    var firstInvalid: Int?
    /// The first byte of a unit that the last chunk cut.
    private var carry: UInt8?
    private var highSurrogate: (value: UInt32, offset: Int)?
    /// The original's offset of the next byte.
    private var offset = 0

    init(order: UTF16Order) {
      self.order = order
    }

    mutating func decode(_ chunk: UnsafeRawBufferPointer) {
      var index = 0
      if let first = carry, !chunk.isEmpty {
        carry = nil
        unit(first, chunk[0], at: offset - 1)
        index = 1
      }
      while index + 1 < chunk.count {
        unit(chunk[index], chunk[index + 1], at: offset + index)
        index += 2
      }
      if index < chunk.count { carry = chunk[index] }
      offset += chunk.count
    }

    mutating func finish() {
      if let high = highSurrogate {
        highSurrogate = nil
        invalidUnit(at: high.offset)
      }
      if carry != nil {
        carry = nil
        invalidUnit(at: offset - 1)
      }
    }

    private mutating func unit(_ first: UInt8, _ second: UInt8, at position: Int) {
      let unit = order == .littleEndian ? UInt32(first) | UInt32(second) << 8 : UInt32(first) << 8 | UInt32(second)
      // The byte order mark is no text.
      if position == 0 && unit == 0xFEFF { return }
      if let high = highSurrogate {
        highSurrogate = nil
        if (0xDC00...0xDFFF).contains(unit) {
          append(0x10000 + ((high.value - 0xD800) << 10) + (unit - 0xDC00))
          return
        }
        invalidUnit(at: high.offset)
      }
      switch unit {
      case 0xD800...0xDBFF: highSurrogate = (unit, position)
      case 0xDC00...0xDFFF: invalidUnit(at: position)
      default: append(unit)
      }
    }

    private mutating func invalidUnit(at position: Int) {
      invalid += 1
      if firstInvalid == nil { firstInvalid = position }
      output += [0xEF, 0xBF, 0xBD]
    }

    private mutating func append(_ scalar: UInt32) {
      switch scalar {
      case 0..<0x80: output.append(UInt8(scalar))
      case 0x80..<0x800:
        output.append(UInt8(0xC0 | scalar >> 6))
        output.append(UInt8(0x80 | scalar & 0x3F))
      case 0x800..<0x10000:
        output.append(UInt8(0xE0 | scalar >> 12))
        output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        output.append(UInt8(0x80 | scalar & 0x3F))
      default:
        output.append(UInt8(0xF0 | scalar >> 18))
        output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
        output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        output.append(UInt8(0x80 | scalar & 0x3F))
      }
    }
  }
}
