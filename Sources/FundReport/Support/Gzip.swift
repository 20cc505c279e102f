import CZlib

/// gzip (RFC 1952) by zlib: the only place that calls it.
///
/// A file is written as a series of members, one per chunk, which RFC 1952
/// allows and every gunzip reads as one stream: so that two chunks are
/// compressed at the same time (`FileArchive`). zlib's header carries no
/// name and no time, so the same content gives the same bytes.
enum Gzip {
  /// zlib refused or the stream is not gzip.
  struct Failure: Error, Sendable, Equatable {
    var code: Int32
  }

  /// Level 1 (zlib's fastest): a 10-million-row ledger (1.2 GB) is archived
  /// in a fraction of the time level 6 takes, for about a quarter more bytes
  /// (docs/decisions.md, "The archive"; `make bench` measures both).
  static let level: Int32 = 1

  /// `input` as one gzip member.
  static func member(_ input: UnsafeRawBufferPointer, level: Int32 = Gzip.level) throws(Failure) -> [UInt8] {
    var stream = z_stream()
    let started = fundreport_deflateInitGzip(&stream, level)
    guard started == Z_OK else { throw Failure(code: started) }
    defer { deflateEnd(&stream) }
    let bound = Int(deflateBound(&stream, uLong(input.count)))
    var output = [UInt8](repeating: 0, count: bound)
    let result = output.withUnsafeMutableBytes { buffer -> Int32 in
      // zlib does not write through next_in; its C type just lacks the const.
      stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
      stream.avail_in = uInt(input.count)
      stream.next_out = buffer.bindMemory(to: Bytef.self).baseAddress
      stream.avail_out = uInt(buffer.count)
      return deflate(&stream, Z_FINISH)
    }
    guard result == Z_STREAM_END else { throw Failure(code: result) }
    output.removeLast(Int(stream.avail_out))
    return output
  }

  /// Inflates a gzip stream of one or more members fed chunk by chunk.
  final class Inflater {
    private var stream = z_stream()
    private var output = [UInt8](repeating: 0, count: 1 << 20)
    /// Whether the input so far ends at the end of a member.
    private(set) var atMemberEnd = false

    init() throws(Failure) {
      let started = fundreport_inflateInitGzip(&stream)
      guard started == Z_OK else { throw Failure(code: started) }
    }

    deinit { inflateEnd(&stream) }

    /// Inflates `input`, handing each piece of output to `body`.
    ///
    /// - Throws: ``Failure`` for bytes that are not gzip; what `body` throws.
    func feed(_ input: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
      guard let base = input.bindMemory(to: Bytef.self).baseAddress, !input.isEmpty else { return }
      stream.next_in = UnsafeMutablePointer(mutating: base)
      stream.avail_in = uInt(input.count)
      var outputFull = false
      repeat {
        if atMemberEnd && stream.avail_in > 0 {
          // Another member follows.
          inflateReset(&stream)
          atMemberEnd = false
        }
        var result: Int32 = Z_OK
        var produced = 0
        output.withUnsafeMutableBytes { buffer in
          stream.next_out = buffer.bindMemory(to: Bytef.self).baseAddress
          stream.avail_out = uInt(buffer.count)
          result = inflate(&stream, Z_NO_FLUSH)
          produced = buffer.count - Int(stream.avail_out)
        }
        outputFull = stream.avail_out == 0
        if produced > 0 {
          try output.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) }
        }
        switch result {
        case Z_STREAM_END: atMemberEnd = true
        case Z_OK: break
        // No progress: only when all input is taken and the output has room, which ends the loop.
        case Z_BUF_ERROR where produced > 0 || stream.avail_in == 0: break
        default: throw Failure(code: result)
        }
      } while stream.avail_in > 0 || (outputFull && !atMemberEnd)
    }
  }
}
