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
  public enum Action: Sendable, Equatable {
    case createFolder, createFile, write, sync, openFolder, readFolder, open, read, remove, changePermissions
    case rename(to: String)
    case takeLock, createLockFile
    /// Writing was refused (see the cause).
    case refused
  }

  /// Why it failed.
  public enum Cause: Sendable, Equatable {
    /// The system call failed with this error number.
    case system(errno: Int32)
    /// The path is a symbolic link, and fundreport writes through no link it did not make.
    case symbolicLink
    /// A file (not a folder) is in the way.
    case fileInTheWay
    /// A folder or a device where a file belongs.
    case notAFile
    /// The path lies inside the delivery folder `delivery`.
    case insideDelivery(String)
  }

  public var path: String
  public var action: Action
  public var cause: Cause

  public init(path: String, action: Action, cause: Cause) {
    self.path = path
    self.action = action
    self.cause = cause
  }

  init(path: String, action: Action, errno code: Int32) {
    self.init(path: path, action: action, cause: .system(errno: code))
  }

  /// The system's error number, when a system call failed.
  public var errno: Int32? {
    if case .system(let code) = cause { return code }
    return nil
  }
}

/// The file calls that writing deliveries, the register and the lock need,
/// in one place: EINTR is retried here, errors are typed, and nothing that
/// is created follows a symbolic link (`O_NOFOLLOW`, `O_EXCL`, `lstat`).
enum FileSystem {
  /// What a path is, without following a final symbolic link.
  enum Kind: Equatable {
    case missing, directory, file, symbolicLink, other
  }

  static func kind(of path: String) -> Kind {
    var status = stat()
    guard lstat(path, &status) == 0 else { return .missing }
    switch status.st_mode & S_IFMT {
    case S_IFDIR: return .directory
    case S_IFREG: return .file
    case S_IFLNK: return .symbolicLink
    default: return .other
    }
  }

  /// The owner's write bit (root may write anywhere, so `access(2)` would always say yes).
  static func ownerMayWrite(_ path: String) -> Bool {
    var status = stat()
    return lstat(path, &status) == 0 && (status.st_mode & S_IWUSR) != 0
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
    if mkdir(path, 0o755) == 0 { return }
    let code = errno
    guard code == EEXIST else { throw FileSystemError(path: path, action: .createFolder, errno: code) }
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

  /// Opens a new file for writing; fails when anything (a file, a link) has the name.
  static func createNew(_ path: String, mode: mode_t = 0o644) throws(FileSystemError) -> Int32 {
    try FaultInjection.step(path, .createFile)
    let descriptor = retrying { open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode) }
    guard descriptor >= 0 else {
      let code = errno
      if code == EEXIST && kind(of: path) == .symbolicLink {
        throw FileSystemError(path: path, action: .refused, cause: .symbolicLink)
      }
      throw FileSystemError(path: path, action: .createFile, errno: code)
    }
    return descriptor
  }

  /// Writes all of `bytes` to `descriptor`.
  static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(FileSystemError) {
    try FaultInjection.step(path, .write)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        retrying { write(descriptor, buffer.baseAddress.map { $0 + offset }, bytes.count - offset) }
      }
      guard written > 0 else { throw FileSystemError(path: path, action: .write, errno: errno) }
      offset += written
    }
  }

  static func sync(_ descriptor: Int32, path: String) throws(FileSystemError) {
    try FaultInjection.step(path, .sync)
    guard retrying({ fsync(descriptor) }) == 0 else {
      throw FileSystemError(path: path, action: .sync, errno: errno)
    }
  }

  /// Writes a new file, synced, that nothing had the name of before.
  static func writeNewFile(_ path: String, bytes: [UInt8], mode: mode_t = 0o644) throws(FileSystemError) {
    let descriptor = try createNew(path, mode: mode)
    defer { close(descriptor) }
    try writeAll(descriptor, bytes, path: path)
    try sync(descriptor, path: path)
  }

  /// Syncs a folder, so that the names created or renamed in it are on disk.
  static func syncDirectory(_ path: String) throws(FileSystemError) {
    let descriptor = retrying { open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
    guard descriptor >= 0 else { throw FileSystemError(path: path, action: .openFolder, errno: errno) }
    defer { close(descriptor) }
    try sync(descriptor, path: path)
  }

  static func rename(_ from: String, to: String) throws(FileSystemError) {
    try FaultInjection.step(from, .rename(to: to))
    #if canImport(Glibc)
      let result = Glibc.rename(from, to)
    #else
      let result = Darwin.rename(from, to)
    #endif
    guard result == 0 else { throw FileSystemError(path: from, action: .rename(to: to), errno: errno) }
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
      guard rmdir(path) == 0 else { throw FileSystemError(path: path, action: .remove, errno: errno) }
    default:
      try FaultInjection.step(path, .remove)
      guard unlink(path) == 0 else { throw FileSystemError(path: path, action: .remove, errno: errno) }
    }
  }

  /// The names in a folder (not `.` and `..`), sorted by code point.
  static func entries(of path: String) throws(FileSystemError) -> [String] {
    guard let directory = opendir(path) else {
      throw FileSystemError(path: path, action: .readFolder, errno: errno)
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
    let descriptor = retrying { open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) }
    guard descriptor >= 0 else { throw FileSystemError(path: path, action: .open, errno: errno) }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { buffer in
        retrying { read(descriptor, buffer.baseAddress, buffer.count) }
      }
      guard count >= 0 else { throw FileSystemError(path: path, action: .read, errno: errno) }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }

  /// Sets the mode of a file or folder (not through a link).
  static func setMode(_ path: String, _ mode: mode_t) throws(FileSystemError) {
    guard kind(of: path) != .symbolicLink else {
      throw FileSystemError(path: path, action: .refused, cause: .symbolicLink)
    }
    try FaultInjection.step(path, .changePermissions)
    guard chmod(path, mode) == 0 else {
      throw FileSystemError(path: path, action: .changePermissions, errno: errno)
    }
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
    case .fail: throw FileSystemError(path: path, action: action, errno: ENOSPC)
    }
  }
}

/// A file could not be opened or read.
struct FileAccessError: Error, Sendable {
  var path: String
  var errno: Int32
  var isMissing: Bool { errno == ENOENT || errno == ENOTDIR }
  var reason: String { String(cString: strerror(errno)) }
}

/// An open, read-only file descriptor, closed when the value is dropped.
final class ReadOnlyFile {
  let descriptor: Int32
  let path: String

  init(path: String) throws(FileAccessError) {
    let descriptor = FileSystem.retrying { open(path, O_RDONLY | O_CLOEXEC) }
    guard descriptor >= 0 else { throw FileAccessError(path: path, errno: errno) }
    var status = stat()
    if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
      close(descriptor)
      throw FileAccessError(path: path, errno: EISDIR)
    }
    self.descriptor = descriptor
    self.path = path
  }

  deinit { close(descriptor) }

  /// Reads up to `count` bytes into `buffer`; 0 at the end of the file.
  func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(FileAccessError) -> Int {
    let result = FileSystem.retrying { Glibc.read(descriptor, buffer, count) }
    guard result >= 0 else { throw FileAccessError(path: path, errno: errno) }
    return result
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
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw FileAccessError(path: path, errno: errno) }
    return Int(status.st_size)
  }

  func seek(to offset: Int) throws(FileAccessError) {
    if lseek(descriptor, off_t(offset), SEEK_SET) < 0 { throw FileAccessError(path: path, errno: errno) }
  }
}
