#if canImport(Glibc)
  import Glibc
#endif

/// A hash table keyed by byte strings that is looked up with a borrowed
/// buffer, so the ledger scan finds a row's cost object without building a
/// `String` or an `Array` for it, and without reference counting per probe:
/// keys live in one flat byte buffer, slots hold entry indices, and a probe
/// reads them through pointers (the table does not change once built).
struct ByteKeyTable<Value: Sendable>: Sendable {
  private let storage: Storage

  /// A table of `pairs`; of equal keys, the last one's value counts.
  init(_ pairs: [(key: [UInt8], value: Value)]) {
    var keyBytes: [UInt8] = []
    var entries: [(offset: Int, length: Int)] = []
    var values: [Value] = []
    var seen: [[UInt8]: Int] = [:]
    for (key, value) in pairs {
      if let existing = seen[key] {
        values[existing] = value
        continue
      }
      seen[key] = values.count
      entries.append((keyBytes.count, key.count))
      keyBytes.append(contentsOf: key)
      values.append(value)
    }
    storage = Storage(keyBytes: keyBytes, entries: entries, values: values)
  }

  var count: Int { storage.values.count }

  /// Calls `body` with a lookup that probes through pointers, without
  /// reference counting (the usual ledger row is not in the table: its probe
  /// touches no object at all).
  func withLookup<Result>(_ body: (Lookup) -> Result) -> Result {
    withExtendedLifetime(storage) { body(storage.lookup) }
  }

  /// The table's probe: pointers into its storage, valid inside ``withLookup(_:)``.
  struct Lookup {
    fileprivate let keyBase: UnsafePointer<UInt8>
    fileprivate let entryBase: UnsafePointer<(offset: Int, length: Int)>
    fileprivate let slots: UnsafePointer<Int32>
    fileprivate let mask: Int
    fileprivate let values: UnsafePointer<Value>
    fileprivate let count: Int

    @inline(__always)
    func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
      find(key).map { values[$0] }
    }

    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
      guard count > 0 else { return nil }
      guard let keyStart = key.baseAddress else { return findEmpty() }
      var index = Self.hash(key) & mask
      while slots[index] >= 0 {
        let entry = Int(slots[index])
        let candidate = entryBase[entry]
        if candidate.length == key.count && memcmp(keyBase + candidate.offset, keyStart, key.count) == 0 {
          return entry
        }
        index = (index + 1) & mask
      }
      return nil
    }

    /// The entry of the empty key, if there is one.
    private func findEmpty() -> Int? {
      (0..<count).first { entryBase[$0].length == 0 }
    }

    /// Eight bytes a step, each word mixed in by a multiply and a shift
    /// (a cost object's id is one or two words: one probe per ledger row).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
      var hash = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
      guard let base = bytes.baseAddress else { return Int(truncatingIfNeeded: hash) }
      let raw = UnsafeRawPointer(base)
      var index = 0
      func mix(_ word: UInt64) {
        hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 31
      }
      while index + 8 <= bytes.count {
        mix(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        index += 8
      }
      if index < bytes.count {
        var tail: UInt64 = 0
        withUnsafeMutableBytes(of: &tail) {
          $0.copyMemory(from: UnsafeRawBufferPointer(start: raw + index, count: bytes.count - index))
        }
        mix(tail)
      }
      return Int(truncatingIfNeeded: hash)
    }
  }

  /// The table's contents, immutable once built: keys in one flat byte
  /// buffer, slots holding entry indices.
  private final class Storage: @unchecked Sendable {
    let values: [Value]
    let lookup: Lookup
    private let keyBase: UnsafeMutablePointer<UInt8>
    private let entryBase: UnsafeMutablePointer<(offset: Int, length: Int)>
    private let slots: UnsafeMutablePointer<Int32>
    private let valueBase: UnsafeMutablePointer<Value>

    init(keyBytes: [UInt8], entries: [(offset: Int, length: Int)], values: [Value]) {
      self.values = values
      keyBase = UnsafeMutablePointer<UInt8>.allocate(capacity: max(keyBytes.count, 1))
      keyBase.initialize(from: keyBytes, count: keyBytes.count)
      entryBase = UnsafeMutablePointer<(offset: Int, length: Int)>.allocate(capacity: max(entries.count, 1))
      entryBase.initialize(from: entries, count: entries.count)
      valueBase = UnsafeMutablePointer<Value>.allocate(capacity: max(values.count, 1))
      valueBase.initialize(from: values, count: values.count)
      var size = 16
      while size < entries.count * 2 { size <<= 1 }
      slots = UnsafeMutablePointer<Int32>.allocate(capacity: size)
      slots.initialize(repeating: -1, count: size)
      for (entry, key) in entries.enumerated() {
        var index = Lookup.hash(UnsafeBufferPointer(start: keyBase + key.offset, count: key.length)) & (size - 1)
        while slots[index] >= 0 { index = (index + 1) & (size - 1) }
        slots[index] = Int32(entry)
      }
      lookup = Lookup(
        keyBase: keyBase, entryBase: entryBase, slots: slots, mask: size - 1, values: valueBase, count: values.count)
    }

    deinit {
      keyBase.deallocate()
      entryBase.deallocate()
      slots.deallocate()
      valueBase.deinitialize(count: values.count)
      valueBase.deallocate()
    }
  }
}
