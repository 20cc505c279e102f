import Dispatch

/// Two pieces of work at the same time, one on the calling thread: the
/// two halves of a large ledger, the XML of a delivery and its CSV files.
enum Concurrently {
  /// Runs `first` and `second` at the same time and returns both results.
  ///
  /// The two must touch disjoint state (each reads what it is given and
  /// builds its own result); that is the caller's promise, which is why
  /// their captures are not required to be `Sendable`.
  static func both<First, Second>(_ first: () -> First, _ second: () -> Second) -> (First, Second) {
    let results = Slots<First, Second>()
    withoutActuallyEscaping(first) { first in
      withoutActuallyEscaping(second) { second in
        let work = Unchecked((first, second))
        DispatchQueue.concurrentPerform(iterations: 2) { index in
          if index == 0 {
            let value = work.value.0()
            results.lock.withLock { results.first = value }
          } else {
            let value = work.value.1()
            results.lock.withLock { results.second = value }
          }
        }
      }
    }
    return results.lock.withLock {
      guard let first = results.first, let second = results.second else {
        preconditionFailure("concurrentPerform returned before both iterations ran")
      }
      return (first, second)
    }
  }

  private final class Slots<First, Second>: @unchecked Sendable {
    let lock = Mutex()
    var first: First?
    var second: Second?
  }

  private struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
  }
}
