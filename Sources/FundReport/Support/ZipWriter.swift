import CZlib

/// A ZIP archive (PKWARE APPNOTE 6.3) written in memory: each entry deflated by zlib, dated
/// 01.01.1980 00:00 (the format's first day), so that the same entries give the same bytes. For an
/// Excel workbook (`fundreport export --xlsx`): no ZIP64, an entry and the archive stay below 4 GiB.
struct ZipWriter {
  /// The archive would need ZIP64 (an entry, the archive or the entry count too large), or zlib failed.
  struct Failure: Error, Sendable, Equatable {
    var entry: String
  }

  private(set) var bytes: [UInt8] = []
  private var directory: [UInt8] = []
  private var entries = 0

  /// Adds `name` with `data`, deflated.
  mutating func add(_ name: String, _ data: [UInt8]) throws(Failure) {
    let compressed = try Self.deflate(data, name: name)
    guard data.count < Int(UInt32.max), compressed.count < Int(UInt32.max), bytes.count < Int(UInt32.max),
      entries < Int(UInt16.max)
    else { throw Failure(entry: name) }
    let crc = data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
    let nameBytes = Array(name.utf8)
    let offset = UInt32(bytes.count)
    // Local file header.
    Self.append32(&bytes, 0x0403_4B50)
    Self.append16(&bytes, 20)  // version needed: 2.0 (deflate)
    Self.append16(&bytes, 0x0800)  // flags: names are UTF-8
    Self.append16(&bytes, 8)  // deflate
    Self.append16(&bytes, 0)  // time 00:00
    Self.append16(&bytes, 0x21)  // date 01.01.1980
    Self.append32(&bytes, crc)
    Self.append32(&bytes, UInt32(compressed.count))
    Self.append32(&bytes, UInt32(data.count))
    Self.append16(&bytes, UInt16(nameBytes.count))
    Self.append16(&bytes, 0)
    bytes += nameBytes
    bytes += compressed
    // Its central directory record.
    Self.append32(&directory, 0x0201_4B50)
    Self.append16(&directory, 20)
    Self.append16(&directory, 20)
    Self.append16(&directory, 0x0800)
    Self.append16(&directory, 8)
    Self.append16(&directory, 0)
    Self.append16(&directory, 0x21)
    Self.append32(&directory, crc)
    Self.append32(&directory, UInt32(compressed.count))
    Self.append32(&directory, UInt32(data.count))
    Self.append16(&directory, UInt16(nameBytes.count))
    Self.append16(&directory, 0)  // extra
    Self.append16(&directory, 0)  // comment
    Self.append16(&directory, 0)  // disk
    Self.append16(&directory, 0)  // internal attributes
    Self.append32(&directory, 0)  // external attributes
    Self.append32(&directory, offset)
    directory += nameBytes
    entries += 1
  }

  /// The whole archive: the entries, the central directory and its end record.
  func finished() throws(Failure) -> [UInt8] {
    guard bytes.count + directory.count < Int(UInt32.max) else { throw Failure(entry: "") }
    var archive = bytes + directory
    Self.append32(&archive, 0x0605_4B50)
    Self.append16(&archive, 0)
    Self.append16(&archive, 0)
    Self.append16(&archive, UInt16(entries))
    Self.append16(&archive, UInt16(entries))
    Self.append32(&archive, UInt32(directory.count))
    Self.append32(&archive, UInt32(bytes.count))
    Self.append16(&archive, 0)
    return archive
  }

  private static func deflate(_ data: [UInt8], name: String) throws(Failure) -> [UInt8] {
    var stream = z_stream()
    guard fundreport_deflateInitRaw(&stream, 6) == Z_OK else { throw Failure(entry: name) }
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))))
    let result = data.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { buffer -> Int32 in
        // zlib does not write through next_in; its C type just lacks the const.
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = uInt(input.count)
        stream.next_out = buffer.baseAddress
        stream.avail_out = uInt(buffer.count)
        return CZlib.deflate(&stream, Z_FINISH)
      }
    }
    guard result == Z_STREAM_END else { throw Failure(entry: name) }
    output.removeLast(Int(stream.avail_out))
    return output
  }

  private static func append16(_ target: inout [UInt8], _ value: UInt16) {
    target.append(UInt8(value & 0xFF))
    target.append(UInt8(value >> 8))
  }

  private static func append32(_ target: inout [UInt8], _ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) { target.append(UInt8(value >> UInt32(shift) & 0xFF)) }
  }
}
