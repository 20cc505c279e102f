import CZlib
import SystemPackage

/// The entries of a ZIP archive (PKWARE APPNOTE 6.3), each read as a stream of inflated chunks: what an
/// Excel workbook's parts are read from. The central directory is read once; an entry's data is
/// inflated by zlib chunk by chunk (memory stays bounded by the chunk), its CRC-32 and size checked at
/// its end. Stored and deflated entries; no ZIP64 (a workbook of 4 GiB or more), no encryption.
final class ZipReader {
  /// Why an archive or an entry cannot be read.
  enum Failure: Error, Sendable, Hashable {
    /// No end-of-central-directory record: the file is no ZIP archive, or it is cut off.
    case notZip
    /// The archive needs ZIP64 (4 GiB or more, or more than 65,535 entries).
    case tooLarge
    /// The entry is encrypted.
    case encrypted(entry: String)
    /// The entry is compressed by another method than stored (0) or deflate (8).
    case method(entry: String, method: UInt16)
    /// The entry's bytes do not inflate, or its CRC-32 or size differ from the directory's.
    case damaged(entry: String)
    /// The file could not be read.
    case unreadable(Errno)
  }

  struct Entry: Sendable, Equatable {
    var name: String
    var method: UInt16
    var flags: UInt16
    var crc: UInt32
    var compressedSize: Int
    var size: Int
    var headerOffset: Int
  }

  private let file: ReadOnlyFile
  /// The entries, by name, as the central directory lists them.
  let entries: [String: Entry]

  init(file: ReadOnlyFile) throws(Failure) {
    self.file = file
    let size: Int
    do { size = try file.size() } catch { throw .unreadable(error.errno) }
    // The end record (22 bytes) is followed by a comment of at most 65,535 bytes.
    let tailSize = min(size, 22 + 0xFFFF)
    let tail = try Self.bytes(of: file, at: size - tailSize, count: tailSize)
    guard tail.count >= 22,
      let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: { Self.u32(tail, $0) == 0x0605_4B50 })
    else { throw .notZip }
    let count = Int(Self.u16(tail, end + 10))
    let directorySize = Int(Self.u32(tail, end + 12))
    let directoryOffset = Int(Self.u32(tail, end + 16))
    guard count != 0xFFFF, directorySize != 0xFFFF_FFFF, directoryOffset != 0xFFFF_FFFF else { throw .tooLarge }
    guard directoryOffset + directorySize <= size else { throw .notZip }
    let directory = try Self.bytes(of: file, at: directoryOffset, count: directorySize)
    var entries: [String: Entry] = [:]
    var position = 0
    for _ in 0..<count {
      guard position + 46 <= directory.count, Self.u32(directory, position) == 0x0201_4B50 else { throw .notZip }
      let nameLength = Int(Self.u16(directory, position + 28))
      let extraLength = Int(Self.u16(directory, position + 30))
      let commentLength = Int(Self.u16(directory, position + 32))
      guard position + 46 + nameLength <= directory.count else { throw .notZip }
      let name = String(decoding: directory[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
      let entry = Entry(
        name: name, method: Self.u16(directory, position + 10), flags: Self.u16(directory, position + 8),
        crc: Self.u32(directory, position + 16), compressedSize: Int(Self.u32(directory, position + 20)),
        size: Int(Self.u32(directory, position + 24)), headerOffset: Int(Self.u32(directory, position + 42)))
      guard entry.compressedSize != 0xFFFF_FFFF, entry.size != 0xFFFF_FFFF, entry.headerOffset != 0xFFFF_FFFF
      else { throw .tooLarge }
      // A name given twice: the first one counts (as the central directory's order puts it).
      if entries[name] == nil { entries[name] = entry }
      position += 46 + nameLength + extraLength + commentLength
    }
    self.entries = entries
  }

  /// The entry named `name`, compared without regard to case (Office's part names are case-insensitive).
  func entry(named name: String) -> Entry? {
    if let entry = entries[name] { return entry }
    let lowered = name.lowercased()
    return entries.values.sorted { $0.name < $1.name }.first { $0.name.lowercased() == lowered }
  }

  /// Hands `entry`'s inflated bytes to `body` chunk by chunk, until the end or until `body` says false.
  func read(_ entry: Entry, _ body: (UnsafeRawBufferPointer) -> Bool) throws(Failure) {
    guard entry.flags & 1 == 0 else { throw .encrypted(entry: entry.name) }
    guard entry.method == 0 || entry.method == 8 else { throw .method(entry: entry.name, method: entry.method) }
    let header = try Self.bytes(of: file, at: entry.headerOffset, count: 30)
    guard header.count == 30, Self.u32(header, 0) == 0x0403_4B50 else { throw .damaged(entry: entry.name) }
    var offset = entry.headerOffset + 30 + Int(Self.u16(header, 26)) + Int(Self.u16(header, 28))
    var remaining = entry.compressedSize
    let chunkSize = 1 << 18
    let input = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
    defer { input.deallocate() }
    let output = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
    defer { output.deallocate() }
    var stream = z_stream()
    if entry.method == 8 {
      guard fundreport_inflateInitRaw(&stream) == Z_OK else { throw .damaged(entry: entry.name) }
    }
    defer { if entry.method == 8 { inflateEnd(&stream) } }
    var crc = crc32(0, nil, 0)
    var produced = 0
    var ended = entry.method == 0
    while remaining > 0 {
      let wanted = min(chunkSize, remaining)
      let count: Int
      do {
        count = try file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: input[0..<wanted]))
      } catch { throw .unreadable(error.errno) }
      guard count > 0 else { throw .damaged(entry: entry.name) }
      offset += count
      remaining -= count
      let chunk = UnsafeRawBufferPointer(rebasing: input[0..<count])
      if entry.method == 0 {
        crc = crc32(crc, chunk.bindMemory(to: Bytef.self).baseAddress, uInt(count))
        produced += count
        guard body(chunk) else { return }
        continue
      }
      stream.next_in = UnsafeMutablePointer(mutating: chunk.bindMemory(to: Bytef.self).baseAddress)
      stream.avail_in = uInt(count)
      repeat {
        stream.next_out = output.bindMemory(to: Bytef.self).baseAddress
        stream.avail_out = uInt(chunkSize)
        let result = inflate(&stream, Z_NO_FLUSH)
        guard result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR else {
          throw .damaged(entry: entry.name)
        }
        let made = chunkSize - Int(stream.avail_out)
        if made > 0 {
          let piece = UnsafeRawBufferPointer(rebasing: output[0..<made])
          crc = crc32(crc, piece.bindMemory(to: Bytef.self).baseAddress, uInt(made))
          produced += made
          // A part larger than the directory says is damaged (and no bomb is inflated past it).
          guard produced <= entry.size else { throw .damaged(entry: entry.name) }
          guard body(piece) else { return }
        }
        if result == Z_STREAM_END {
          ended = true
          break
        }
        if result == Z_BUF_ERROR && stream.avail_in == 0 { break }
      } while stream.avail_in > 0 || stream.avail_out == 0
      if ended { break }
    }
    guard ended, produced == entry.size, UInt32(crc) == entry.crc else { throw .damaged(entry: entry.name) }
  }

  /// The whole of `entry`, for the small parts (workbook, relationships, styles); nil beyond `limit` bytes.
  func contents(of entry: Entry, limit: Int = 64 << 20) throws(Failure) -> [UInt8]? {
    guard entry.size <= limit else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(entry.size)
    try read(entry) { chunk in
      bytes.append(contentsOf: chunk)
      return true
    }
    return bytes
  }

  private static func bytes(of file: ReadOnlyFile, at offset: Int, count: Int) throws(Failure) -> [UInt8] {
    guard offset >= 0, count > 0 else { return [] }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
    defer { buffer.deallocate() }
    var filled = 0
    while filled < count {
      let read: Int
      do {
        read = try file.read(at: offset + filled, into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
      } catch { throw .unreadable(error.errno) }
      if read == 0 { break }
      filled += read
    }
    return Array(buffer.prefix(filled))
  }

  private static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
    UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
  }

  private static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
    UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
  }
}
