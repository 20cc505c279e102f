#if canImport(Glibc)
  import Glibc
#endif

/// A hash table keyed by byte strings that is looked up with a borrowed
/// buffer, so the ledger scan finds a row's cost object without building a
/// `String` or an `Array` for it, and without reference counting per probe:
/// keys live in one flat byte array, slots hold entry indices.
struct ByteKeyTable<Value: Sendable>: Sendable {
  private var keyBytes: [UInt8] = []
  private var entries: [(offset: Int, length: Int, value: Value)] = []
  private var slots: [Int32]
  private var mask: Int

  init(capacity: Int = 64) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: -1, count: size)
    mask = size - 1
  }

  var count: Int { entries.count }

  /// Inserts `key`, or replaces the value of an equal key.
  mutating func insert(_ key: [UInt8], _ value: Value) {
    let existing = key.withUnsafeBufferPointer { find($0) }
    if let existing {
      entries[existing].value = value
      return
    }
    if (entries.count + 1) * 2 > slots.count { grow() }
    let offset = keyBytes.count
    keyBytes.append(contentsOf: key)
    entries.append((offset, key.count, value))
    place(entry: entries.count - 1, hash: key.withUnsafeBufferPointer { Self.hash($0) })
  }

  func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
    find(key).map { entries[$0].value }
  }

  private func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
    if entries.isEmpty { return nil }
    return keyBytes.withUnsafeBufferPointer { stored in
      entries.withUnsafeBufferPointer { entries in
        slots.withUnsafeBufferPointer { slots in
          var index = Self.hash(key) & mask
          while slots[index] >= 0 {
            let entry = Int(slots[index])
            let candidate = entries[entry]
            if candidate.length == key.count {
              guard let storedBase = stored.baseAddress, let keyBase = key.baseAddress else { return entry }
              if memcmp(storedBase + candidate.offset, keyBase, key.count) == 0 { return entry }
            }
            index = (index + 1) & mask
          }
          return nil
        }
      }
    }
  }

  private mutating func place(entry: Int, hash: Int) {
    var index = hash & mask
    while slots[index] >= 0 { index = (index + 1) & mask }
    slots[index] = Int32(entry)
  }

  private mutating func grow() {
    slots = Array(repeating: -1, count: slots.count * 2)
    mask = slots.count - 1
    for entry in entries.indices {
      let hash = keyBytes.withUnsafeBufferPointer {
        Self.hash(
          UnsafeBufferPointer(rebasing: $0[entries[entry].offset..<(entries[entry].offset + entries[entry].length)]))
      }
      place(entry: entry, hash: hash)
    }
  }

  /// FNV-1a, 64 bit.
  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return Int(truncatingIfNeeded: hash)
  }
}
