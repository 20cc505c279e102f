/// A hash table keyed by byte strings that is looked up with a borrowed
/// buffer, so the ledger scan finds a row's cost object without building a
/// `String` or an `Array` for it.
struct ByteKeyTable<Value> {
  private var slots: [(key: [UInt8], value: Value)?]
  private var mask: Int
  private(set) var count = 0

  init(capacity: Int = 64) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: nil, count: size)
    mask = size - 1
  }

  mutating func insert(_ key: [UInt8], _ value: Value) {
    if (count + 1) * 2 > slots.count { grow() }
    var index = key.withUnsafeBufferPointer { Self.hash($0) } & mask
    while let slot = slots[index] {
      if slot.key == key {
        slots[index] = (key, value)
        return
      }
      index = (index + 1) & mask
    }
    slots[index] = (key, value)
    count += 1
  }

  func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
    if count == 0 { return nil }
    var index = Self.hash(key) & mask
    while let slot = slots[index] {
      if slot.key.count == key.count && slot.key.elementsEqual(key) { return slot.value }
      index = (index + 1) & mask
    }
    return nil
  }

  private mutating func grow() {
    let old = slots
    slots = Array(repeating: nil, count: old.count * 2)
    mask = slots.count - 1
    count = 0
    for slot in old { if let slot { insert(slot.key, slot.value) } }
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
