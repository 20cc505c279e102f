#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive lock on `<out>/.fundreport.lock` (`flock`), held until it
/// is released or the process ends, so that it is free again even after
/// kill -9. Every command that writes deliveries or the register holds it.
/// The file holds the holder's pid, for the message of the one that waits.
public final class RunLock: Sendable {
  /// Another process holds the lock.
  public struct Held: Error, Sendable, Equatable {
    public var path: String
    public var pid: String
  }

  public let path: String
  private let descriptor: Int32

  /// Takes the lock, without waiting.
  ///
  /// - Throws: ``Held`` when another process has it; `FileSystemError` when
  ///   the lock file cannot be opened (also when it is a symbolic link).
  public init(path: String) throws {
    self.path = path
    let descriptor = FileSystem.retrying { open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644) }
    guard descriptor >= 0 else {
      let code = errno
      if code == ELOOP || FileSystem.kind(of: path) == .symbolicLink {
        throw FileSystemError(path: path, action: .takeLock, cause: .symbolicLink)
      }
      throw FileSystemError(path: path, action: .createLockFile, errno: code)
    }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
      close(descriptor)
      throw FileSystemError(path: path, action: .takeLock, cause: .notAFile)
    }
    if FileSystem.retrying({ flock(descriptor, LOCK_EX | LOCK_NB) }) != 0 {
      var bytes = [UInt8](repeating: 0, count: 32)
      let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 32, 0) }
      close(descriptor)
      let pid = String(decoding: bytes.prefix(max(0, count)).filter { (0x30...0x39).contains($0) }, as: UTF8.self)
      throw Held(path: path, pid: pid.isEmpty ? "?" : pid)
    }
    let pid = Array("\(getpid())\n".utf8)
    _ = ftruncate(descriptor, 0)
    _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, pid.count, 0) }
    self.descriptor = descriptor
  }

  deinit {
    _ = ftruncate(descriptor, 0)
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}
