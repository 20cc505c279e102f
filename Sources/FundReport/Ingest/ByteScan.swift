#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
  import _Builtin_intrinsics.intel
#endif

/// Finds the bytes that end an unquoted CSV field — the delimiter, the quote
/// and the line feed — sixteen bytes at a time.
///
/// On x86-64 this is three SSE2 compares and one `pmovmskb` (baseline
/// instructions of every x86-64 CPU, from the compiler's own intrinsics
/// module: no C code of ours). Elsewhere two 64-bit words are tested with
/// the carry-free zero-byte test (SWAR) and their high bits gathered.
struct SpecialBytes {
  /// How many bytes ``mask(at:)`` looks at.
  static let width = 16

  #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    private let delimiters: __m128i
    private let quotes: __m128i
    private let lineFeeds: __m128i

    init(delimiter: UInt8) {
      delimiters = _mm_set1_epi8(CChar(bitPattern: delimiter))
      quotes = _mm_set1_epi8(CChar(bitPattern: UInt8(ascii: "\"")))
      lineFeeds = _mm_set1_epi8(0x0A)
    }

    /// Bit `i` is set when byte `i` of the sixteen at `pointer` is special.
    @inline(__always)
    func mask(at pointer: UnsafeRawPointer) -> UInt32 {
      let bytes = pointer.loadUnaligned(as: __m128i.self)
      let special = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(bytes, delimiters), _mm_cmpeq_epi8(bytes, quotes)),
        _mm_cmpeq_epi8(bytes, lineFeeds))
      return UInt32(truncatingIfNeeded: _mm_movemask_epi8(special))
    }
  #else
    private let delimiters: UInt64
    private let quotes: UInt64
    private let lineFeeds: UInt64

    init(delimiter: UInt8) {
      let ones: UInt64 = 0x0101_0101_0101_0101
      delimiters = ones &* UInt64(delimiter)
      quotes = ones &* UInt64(UInt8(ascii: "\""))
      lineFeeds = ones &* 0x0A
    }

    /// Bit `i` is set when byte `i` of the sixteen at `pointer` is special.
    @inline(__always)
    func mask(at pointer: UnsafeRawPointer) -> UInt32 {
      let low = highBits(UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self)))
      let high = highBits(UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
      return Self.gather(low) | Self.gather(high) << 8
    }

    /// The high bit of every special byte of `word`.
    @inline(__always)
    private func highBits(_ word: UInt64) -> UInt64 {
      Self.zeroBytes(word ^ delimiters) | Self.zeroBytes(word ^ quotes) | Self.zeroBytes(word ^ lineFeeds)
    }

    /// The high bit of every zero byte of `value`, without carries between bytes.
    @inline(__always)
    private static func zeroBytes(_ value: UInt64) -> UInt64 {
      let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
      return ~(((value & low7) &+ low7) | value | low7)
    }

    /// The eight high bits of `bits` as the low eight bits of the result.
    @inline(__always)
    private static func gather(_ bits: UInt64) -> UInt32 {
      UInt32(truncatingIfNeeded: ((bits &>> 7) &* 0x0102_0408_1020_4080) &>> 56)
    }
  #endif
}

extension UTF8Validator {
  /// The index of the first byte at or after `start` that is not ASCII
  /// (≥ 0x80), or `chunk.count`: sixty-four bytes a step while all are ASCII.
  @inline(__always)
  static func firstNonASCII(in chunk: UnsafeRawBufferPointer, from start: Int) -> Int {
    let count = chunk.count
    guard let pointer = chunk.baseAddress else { return count }
    var index = start
    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
      while index &+ 64 <= count {
        let block = pointer + index
        let any = _mm_or_si128(
          _mm_or_si128(
            block.loadUnaligned(as: __m128i.self), block.loadUnaligned(fromByteOffset: 16, as: __m128i.self)),
          _mm_or_si128(
            block.loadUnaligned(fromByteOffset: 32, as: __m128i.self),
            block.loadUnaligned(fromByteOffset: 48, as: __m128i.self)))
        if _mm_movemask_epi8(any) != 0 { break }
        index &+= 64
      }
      while index &+ 16 <= count {
        let high = UInt32(truncatingIfNeeded: _mm_movemask_epi8((pointer + index).loadUnaligned(as: __m128i.self)))
        if high != 0 { return index &+ high.trailingZeroBitCount }
        index &+= 16
      }
    #else
      while index &+ 8 <= count {
        let high = UInt64(littleEndian: (pointer + index).loadUnaligned(as: UInt64.self)) & 0x8080_8080_8080_8080
        if high != 0 { return index &+ high.trailingZeroBitCount &>> 3 }
        index &+= 8
      }
    #endif
    while index < count && chunk[index] < 0x80 { index &+= 1 }
    return index
  }
}

extension UTF8Validator {
  /// Like ``firstNonASCII(in:from:)``, but also skips blocks of sixteen bytes
  /// that are valid UTF-8 of ASCII and two-byte characters only (a lead byte
  /// C2…DF right before each continuation byte 80…BF, a character cut by a
  /// block's end continuing in the next block): the umlauts and ß of German
  /// text, one in every eighty bytes or so of a ledger, no longer stop the
  /// skip. The index returned is always at the start of a character; from
  /// there the caller checks the bytes one by one. Other architectures skip
  /// ASCII only.
  @inline(__always)
  static func firstNotASCIIOrPair(in chunk: UnsafeRawBufferPointer, from start: Int) -> Int {
    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
      let count = chunk.count
      guard let pointer = chunk.baseAddress else { return count }
      var index = firstNonASCII(in: chunk, from: start)
      let belowC0 = _mm_set1_epi8(-64)  // bytes 80…BF are below, as signed bytes
      let aboveC1 = _mm_set1_epi8(-63)
      let belowE0 = _mm_set1_epi8(-32)
      // 1 when the block before ended with a lead byte: its continuation byte starts this block.
      var carry: UInt32 = 0
      while index &+ 16 <= count {
        let block = (pointer + index).loadUnaligned(as: __m128i.self)
        let high = UInt32(truncatingIfNeeded: _mm_movemask_epi8(block))
        let continuation = UInt32(truncatingIfNeeded: _mm_movemask_epi8(_mm_cmplt_epi8(block, belowC0)))
        let lead = UInt32(
          truncatingIfNeeded: _mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(block, aboveC1), _mm_cmplt_epi8(block, belowE0))))
        guard continuation == (lead &<< 1 | carry) & 0xFFFF && high == lead | continuation else {
          return carry == 0 ? index &+ high.trailingZeroBitCount : index &- 1
        }
        carry = lead &>> 15
        index &+= 16
      }
      return carry == 0 ? firstNonASCII(in: chunk, from: index) : index &- 1
    #else
      return firstNonASCII(in: chunk, from: start)
    #endif
  }
}
