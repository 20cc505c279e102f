import SystemPackage

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
    var path: String
    var pid: String
  }

  let path: String
  private let descriptor: FileDescriptor

  /// Takes the lock, without waiting.
  ///
  /// - Throws: ``Held`` when another process has it; `FileSystemError` when
  ///   the lock file cannot be opened (also when it is a symbolic link).
  init(path: String) throws {
    self.path = path
    let descriptor: FileDescriptor
    do {
      descriptor = try FileSystem.open(
        path, .readWrite, options: [.create, .noFollow], permissions: [.ownerReadWrite, .groupRead, .otherRead])
    } catch {
      if error == .tooManySymbolicLinkLevels || FileSystem.kind(of: path) == .symbolicLink {
        throw FileSystemError(path: path, action: .takeLock, cause: .symbolicLink)
      }
      throw FileSystemError(path: path, action: .createLockFile, errno: error)
    }
    guard (try? descriptor.stat())?.type == .regular else {
      try? descriptor.close()
      throw FileSystemError(path: path, action: .takeLock, cause: .notAFile)
    }
    if !FileSystem.tryLock(descriptor) {
      var bytes = [UInt8](repeating: 0, count: 32)
      let count = (try? bytes.withUnsafeMutableBytes { try descriptor.read(fromAbsoluteOffset: 0, into: $0) }) ?? 0
      try? descriptor.close()
      let pid = String(decoding: bytes.prefix(count).filter { (0x30...0x39).contains($0) }, as: UTF8.self)
      throw Held(path: path, pid: pid.isEmpty ? "?" : pid)
    }
    try? descriptor.resize(to: 0)
    let pid = Array("\(getpid())\n".utf8)
    _ = try? pid.withUnsafeBytes { try descriptor.write(toAbsoluteOffset: 0, $0) }
    self.descriptor = descriptor
  }

  deinit {
    try? descriptor.resize(to: 0)
    FileSystem.unlock(descriptor)
    try? descriptor.close()
  }
}
