import SystemPackage

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file operation that failed, as a value: the path, what was being done,
/// and why (the system's error number, or fundreport's own refusal). The
/// language catalogs say it in words; no Foundation error text reaches the user.
public struct FileSystemError: Error, Sendable, Equatable {
  /// What was being done.
  enum Action: Sendable, Equatable {
    case createFolder, createFile, write, sync, openFolder, readFolder, open, read, remove, changePermissions
    case rename(to: String)
    case takeLock, createLockFile
    /// Writing was refused (see the cause).
    case refused
  }

  /// Why it failed.
  enum Cause: Sendable, Equatable {
    /// The system call failed with this error.
    case system(Errno)
    /// The path is a symbolic link, and fundreport writes through no link it did not make.
    case symbolicLink
    /// A file (not a folder) is in the way.
    case fileInTheWay
    /// A folder or a device where a file belongs.
    case notAFile
    /// The path lies inside the delivery folder `delivery`.
    case insideDelivery(String)
  }

  var path: String
  var action: Action
  var cause: Cause

  init(path: String, action: Action, cause: Cause) {
    self.path = path
    self.action = action
    self.cause = cause
  }

  init(path: String, action: Action, errno code: Errno) {
    self.init(path: path, action: action, cause: .system(code))
  }

  /// The system's error, when a system call failed.
  var errno: Errno? {
    if case .system(let code) = cause { return code }
    return nil
  }
}

/// The file calls of fundreport, in one place: descriptors, `stat` and
/// errors are swift-system's (`FileDescriptor`, `Stat`, `Errno`), which
/// retries EINTR; the calls swift-system lacks (fsync, flock, mkdir,
/// rename, unlink, chmod, readdir, realpath) are made here alone, EINTR
/// retried by ``retrying(_:)``. Nothing that is created follows a symbolic
/// link (`O_NOFOLLOW`, `O_EXCL`, `lstat`), and every descriptor has one
/// owner that closes it.
enum FileSystem {
  /// The current `errno` as swift-system's type.
  static var lastError: Errno { Errno(rawValue: errno) }
  /// What a path is, without following a final symbolic link.
  enum Kind: Equatable {
    case missing, directory, file, symbolicLink, other
  }

  static func kind(of path: String) -> Kind {
    guard let status = try? Stat(FilePath(path), followTargetSymlink: false) else { return .missing }
    switch status.type {
    case .directory: return .directory
    case .regular: return .file
    case .symbolicLink: return .symbolicLink
    default: return .other
    }
  }

  /// The owner's write bit (root may write anywhere, so `access(2)` would always say yes).
  static func ownerMayWrite(_ path: String) -> Bool {
    guard let status = try? Stat(FilePath(path), followTargetSymlink: false) else { return false }
    return status.permissions.contains(.ownerWrite)
  }

  /// `path` with every symbolic link and `.`/`..` resolved; nil when it does not exist.
  static func resolved(_ path: String) -> String? {
    guard let pointer = realpath(path, nil) else { return nil }
    defer { free(pointer) }
    return String(cString: pointer)
  }

  /// Creates the folder `path` (mode 0755), or accepts one that is a real
  /// folder already; a symbolic link or a file there is refused.
  static func makeDirectory(_ path: String) throws(FileSystemError) {
    try FaultInjection.step(path, .createFolder)
    if retrying({ mkdir(path, 0o755) }) == 0 { return }
    let code = lastError
    guard code == .fileExists else { throw FileSystemError(path: path, action: .createFolder, errno: code) }
    switch kind(of: path) {
    case .directory: return
    case .symbolicLink:
      throw FileSystemError(path: path, action: .refused, cause: .symbolicLink)
    default:
      throw FileSystemError(path: path, action: .createFolder, cause: .fileInTheWay)
    }
  }

  /// Creates `path` and the folders above it that are missing (for the
  /// output folder the user names, whose existing parts may be links).
  static func makeDirectories(_ path: String) throws(FileSystemError) {
    if kind(of: path) == .directory || resolved(path).map({ kind(of: $0) == .directory }) == true { return }
    var prefix = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/", omittingEmptySubsequences: true) {
      prefix += "/" + component
      if component == "." || component == ".." { continue }
      if let real = resolved(prefix), kind(of: real) == .directory { continue }
      try makeDirectory(prefix)
    }
  }

  /// Opens `path` with swift-system, which retries EINTR; the descriptor is the caller's to close.
  static func open(
    _ path: String, _ mode: FileDescriptor.AccessMode, options: FileDescriptor.OpenOptions,
    permissions: FilePermissions? = nil
  ) throws(Errno) -> FileDescriptor {
    do {
      return try FileDescriptor.open(
        FilePath(path), mode, options: options.union(.closeOnExec), permissions: permissions)
    } catch let error as Errno {
      throw error
    } catch {
      throw Errno.ioError
    }
  }

  /// Opens a new file for writing; fails when anything (a file, a link) has the name.
  static func createNew(_ path: String, permissions: FilePermissions = [.ownerReadWrite, .groupRead, .otherRead])
    throws(FileSystemError) -> FileDescriptor
  {
    try FaultInjection.step(path, .createFile)
    do {
      return try open(path, .writeOnly, options: [.create, .exclusiveCreate, .noFollow], permissions: permissions)
    } catch {
      if error == .fileExists && kind(of: path) == .symbolicLink {
        throw FileSystemError(path: path, action: .refused, cause: .symbolicLink)
      }
      throw FileSystemError(path: path, action: .createFile, errno: error)
    }
  }

  /// Writes all of `bytes` to `descriptor`.
  static func writeAll(_ descriptor: FileDescriptor, _ bytes: [UInt8], path: String) throws(FileSystemError) {
    try FaultInjection.step(path, .write)
    do {
      _ = try descriptor.writeAll(bytes)
    } catch {
      throw FileSystemError(path: path, action: .write, errno: error as? Errno ?? .ioError)
    }
  }

  static func sync(_ descriptor: FileDescriptor, path: String) throws(FileSystemError) {
    try FaultInjection.step(path, .sync)
    guard retrying({ fsync(descriptor.rawValue) }) == 0 else {
      throw FileSystemError(path: path, action: .sync, errno: lastError)
    }
  }

  /// Writes a new file, synced, that nothing had the name of before.
  static func writeNewFile(_ path: String, bytes: [UInt8]) throws(FileSystemError) {
    let descriptor = try createNew(path)
    defer { try? descriptor.close() }
    try writeAll(descriptor, bytes, path: path)
    try sync(descriptor, path: path)
  }

  /// Syncs a folder, so that the names created or renamed in it are on disk.
  static func syncDirectory(_ path: String) throws(FileSystemError) {
    let descriptor: FileDescriptor
    do {
      descriptor = try open(path, .readOnly, options: [.directory, .noFollow])
    } catch {
      throw FileSystemError(path: path, action: .openFolder, errno: error)
    }
    defer { try? descriptor.close() }
    try sync(descriptor, path: path)
  }

  static func rename(_ from: String, to: String) throws(FileSystemError) {
    try FaultInjection.step(from, .rename(to: to))
    #if canImport(Glibc)
      let result = Glibc.rename(from, to)
    #else
      let result = Darwin.rename(from, to)
    #endif
    guard result == 0 else { throw FileSystemError(path: from, action: .rename(to: to), errno: lastError) }
  }

  /// Removes a file, a link (not what it points to) or a folder with
  /// everything in it; a missing path is fine.
  static func remove(_ path: String) throws(FileSystemError) {
    switch kind(of: path) {
    case .missing: return
    case .directory:
      // A read-only folder (a submitted delivery moved aside) needs its write bit to be emptied.
      if !ownerMayWrite(path) { _ = chmod(path, 0o755) }
      for name in try entries(of: path) { try remove(path + "/" + name) }
      try FaultInjection.step(path, .remove)
      guard retrying({ rmdir(path) }) == 0 else { throw FileSystemError(path: path, action: .remove, errno: lastError) }
    default:
      try FaultInjection.step(path, .remove)
      guard retrying({ unlink(path) }) == 0 else {
        throw FileSystemError(path: path, action: .remove, errno: lastError)
      }
    }
  }

  /// The names in a folder (not `.` and `..`), sorted by code point.
  static func entries(of path: String) throws(FileSystemError) -> [String] {
    guard let directory = opendir(path) else {
      throw FileSystemError(path: path, action: .readFolder, errno: lastError)
    }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
  }

  /// The bytes of a regular file (no link is followed).
  static func readFile(_ path: String) throws(FileSystemError) -> [UInt8] {
    let descriptor: FileDescriptor
    do {
      descriptor = try open(path, .readOnly, options: [.noFollow])
    } catch {
      throw FileSystemError(path: path, action: .open, errno: error)
    }
    defer { try? descriptor.close() }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count: Int
      do {
        count = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0) }
      } catch {
        throw FileSystemError(path: path, action: .read, errno: error as? Errno ?? .ioError)
      }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }

  /// A new private folder (0700) in the system's temporary folder (`TMPDIR`), the caller's to remove.
  static func makeTemporaryDirectory(prefix: String) throws(FileSystemError) -> String {
    var folder = getenv("TMPDIR").map { String(cString: $0) } ?? ""
    if folder.isEmpty { folder = "/tmp" }
    if folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
    var template = Array((folder + "/" + prefix + "-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
    guard made != nil else {
      throw FileSystemError(path: folder, action: .createFolder, errno: lastError)
    }
    return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Sets the mode of a file or folder (not through a link).
  static func setMode(_ path: String, _ mode: mode_t) throws(FileSystemError) {
    guard kind(of: path) != .symbolicLink else {
      throw FileSystemError(path: path, action: .refused, cause: .symbolicLink)
    }
    try FaultInjection.step(path, .changePermissions)
    guard retrying({ chmod(path, mode) }) == 0 else {
      throw FileSystemError(path: path, action: .changePermissions, errno: lastError)
    }
  }

  /// Writes `bytes` to standard error; a failure is not reported (there is nowhere left to say it).
  static func writeToStandardError(_ bytes: [UInt8]) {
    _ = try? FileDescriptor.standardError.writeAll(bytes)
  }

  /// Takes the exclusive lock on `descriptor` without waiting; false when another process holds it.
  static func tryLock(_ descriptor: FileDescriptor) -> Bool {
    retrying { flock(descriptor.rawValue, LOCK_EX | LOCK_NB) } == 0
  }

  static func unlock(_ descriptor: FileDescriptor) {
    _ = retrying { flock(descriptor.rawValue, LOCK_UN) }
  }

  /// Calls `body` again while it fails with EINTR.
  static func retrying<Result: BinaryInteger>(_ body: () -> Result) -> Result {
    while true {
      let result = body()
      if result >= 0 || errno != EINTR { return result }
    }
  }
}

/// A test seam: `FUNDREPORT_FAULT=kill:N` ends the process with SIGKILL at
/// the Nth durable step (create, write, sync, rename, remove, chmod, a
/// register transaction), `FUNDREPORT_FAULT=fail:N` makes that step fail as
/// on a full disk (ENOSPC). Unset, it costs one check per step. The
/// reliability tests use it to stop the real binary at every step of a
/// report or a run.
enum FaultInjection {
  private enum Mode { case kill, fail }
  private static let plan: (mode: Mode, step: Int)? = {
    guard let raw = getenv("FUNDREPORT_FAULT") else { return nil }
    let parts = String(cString: raw).split(separator: ":")
    guard parts.count == 2, let step = Int(parts[1]), step > 0 else { return nil }
    switch parts[0] {
    case "kill": return (.kill, step)
    case "fail": return (.fail, step)
    default: return nil
    }
  }()
  private static let lock = Mutex()
  nonisolated(unsafe) private static var count = 0

  /// Counts one durable step; kills the process or throws when it is the planned one.
  static func step(_ path: String, _ action: FileSystemError.Action) throws(FileSystemError) {
    guard let plan else { return }
    let current = lock.withLock { () -> Int in
      count += 1
      return count
    }
    guard current == plan.step else { return }
    switch plan.mode {
    case .kill: kill(getpid(), SIGKILL)
    case .fail: throw FileSystemError(path: path, action: action, errno: .noSpace)
    }
  }
}

/// A file could not be opened or read.
struct FileAccessError: Error, Sendable {
  var path: String
  var errno: Errno
  var isMissing: Bool { errno == .noSuchFileOrDirectory || errno == .notDirectory }

  init(path: String, errno: Errno) {
    self.path = path
    self.errno = errno
  }

  init(path: String, _ error: any Error) {
    self.init(path: path, errno: error as? Errno ?? .ioError)
  }
}

/// An open, read-only file, closed when the value is dropped (its one owner).
final class ReadOnlyFile {
  private let descriptor: FileDescriptor
  let path: String

  init(path: String) throws(FileAccessError) {
    let descriptor: FileDescriptor
    do {
      descriptor = try FileSystem.open(path, .readOnly, options: [])
    } catch {
      throw FileAccessError(path: path, errno: error)
    }
    if (try? descriptor.stat())?.type == .directory {
      try? descriptor.close()
      throw FileAccessError(path: path, errno: .isDirectory)
    }
    self.descriptor = descriptor
    self.path = path
  }

  deinit { try? descriptor.close() }

  /// Reads up to `count` bytes into `buffer`; 0 at the end of the file.
  func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(FileAccessError) -> Int {
    do {
      return try descriptor.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: count))
    } catch {
      throw FileAccessError(path: path, error)
    }
  }

  /// Reads up to `buffer.count` bytes at `offset`, without moving the file's offset.
  func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(FileAccessError) -> Int {
    do {
      return try descriptor.read(fromAbsoluteOffset: Int64(offset), into: buffer)
    } catch {
      throw FileAccessError(path: path, error)
    }
  }

  /// The first `count` bytes (fewer when the file is shorter), without moving the file's offset.
  func firstBytes(_ count: Int) throws(FileAccessError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    do {
      let read = try bytes.withUnsafeMutableBytes { try descriptor.read(fromAbsoluteOffset: 0, into: $0) }
      return Array(bytes.prefix(read))
    } catch {
      throw FileAccessError(path: path, error)
    }
  }

  /// Calls `body` with consecutive chunks from the current offset, up to
  /// `limit` bytes or the end of the file.
  func readChunks(
    size: Int = 1 << 20, limit: Int = .max, _ body: (UnsafeRawBufferPointer) throws(FileAccessError) -> Void
  ) throws(FileAccessError) {
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
    defer { buffer.deallocate() }
    var remaining = limit
    while remaining > 0 {
      let count = try read(into: buffer, count: min(size, remaining))
      if count == 0 { return }
      remaining -= count
      try body(UnsafeRawBufferPointer(start: buffer, count: count))
    }
  }

  func size() throws(FileAccessError) -> Int {
    do {
      return Int(try descriptor.stat().size)
    } catch {
      throw FileAccessError(path: path, errno: error)
    }
  }

  func seek(to offset: Int) throws(FileAccessError) {
    do {
      _ = try descriptor.seek(offset: Int64(offset), from: .start)
    } catch {
      throw FileAccessError(path: path, error)
    }
  }
}
