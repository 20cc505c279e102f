import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The delivery folder could not be written.
public struct DeliveryError: Error, Sendable, CustomStringConvertible {
  public var path: String
  public var message: String
  public var description: String { "\(path): \(message)" }
}

/// Writes a delivery so that it appears complete or not at all
/// (outputs.md): every file is written and synced in a hidden folder beside
/// the target, which is then renamed into place.
public enum DeliveryWriter {
  /// Writes `delivery` to `<out>/<FKZ>/<folder>/` and returns that path.
  ///
  /// An existing folder of the same version is replaced as a whole, unless
  /// it is read-only (submitted), which is refused.
  ///
  /// - Throws: ``DeliveryError`` when a folder or file cannot be written.
  public static func write(_ delivery: Delivery, into outDirectory: String) throws(DeliveryError) -> String {
    let grantDirectory = outDirectory + "/" + Delivery.safeName(delivery.grantID)
    let target = grantDirectory + "/" + delivery.folderName
    let staging = grantDirectory + "/.tmp-" + delivery.folderName + "-" + String(getpid())
    let retired = grantDirectory + "/.old-" + delivery.folderName + "-" + String(getpid())

    try makeDirectories(grantDirectory)
    if isDirectory(target) && !isWritable(target) {
      throw DeliveryError(
        path: target,
        message: "is read-only (a submitted delivery is never changed); a new version needs a correction")
    }
    try remove(staging)
    guard mkdir(staging, 0o755) == 0 else { throw posixError(staging, "cannot create folder") }
    for file in delivery.filesWithChecksums {
      try writeFile(staging + "/" + file.name, bytes: file.bytes)
    }
    try sync(directory: staging)

    let replacing = isDirectory(target)
    if replacing {
      try remove(retired)
      guard rename(target, retired) == 0 else { throw posixError(target, "cannot move the previous version aside") }
    }
    guard rename(staging, target) == 0 else {
      let error = posixError(target, "cannot move the new delivery into place")
      if replacing { _ = rename(retired, target) }
      throw error
    }
    try sync(directory: grantDirectory)
    if replacing { try remove(retired) }
    return target
  }

  /// Removes what an interrupted run left behind in `<out>/<FKZ>/`: staging
  /// folders (`.tmp-…`) are deleted; a previous version moved aside
  /// (`.old-<folder>-<pid>`) is put back when its folder is missing, else deleted.
  /// - Returns: one line per thing cleaned.
  public static func cleanUp(outDirectory: String) -> [String] {
    var cleaned: [String] = []
    let manager = FileManager.default
    guard let grants = try? manager.contentsOfDirectory(atPath: outDirectory) else { return [] }
    for grant in grants.sorted() where !grant.hasPrefix(".") && isDirectory(outDirectory + "/" + grant) {
      let directory = outDirectory + "/" + grant
      for name in ((try? manager.contentsOfDirectory(atPath: directory)) ?? []).sorted() {
        let path = directory + "/" + name
        // Only leftovers of processes that are gone: a running `report` may be writing.
        let owner = name.split(separator: "-").last.flatMap { Int32($0) }
        if let owner, owner != getpid(), kill(owner, 0) == 0 { continue }
        if name.hasPrefix(".tmp-") {
          if (try? remove(path)) != nil { cleaned.append("removed the unfinished delivery \(path)") }
        } else if name.hasPrefix(".old-"), let dash = name.lastIndex(of: "-") {
          let folder = String(name[name.index(name.startIndex, offsetBy: 5)..<dash])
          if isDirectory(directory + "/" + folder) {
            if (try? remove(path)) != nil { cleaned.append("removed the replaced delivery \(path)") }
          } else if rename(path, directory + "/" + folder) == 0 {
            cleaned.append("restored \(directory)/\(folder), whose replacement was interrupted")
          }
        }
      }
    }
    return cleaned
  }

  /// Writes one file via a temporary file beside it, synced and renamed into place.
  public static func writeAtomically(_ path: String, bytes: [UInt8]) throws(DeliveryError) {
    let temporary = path + ".tmp-" + String(getpid())
    _ = unlink(temporary)
    try writeFile(temporary, bytes: bytes)
    guard rename(temporary, path) == 0 else {
      let error = posixError(path, "cannot move into place")
      _ = unlink(temporary)
      throw error
    }
  }

  static func writeFile(_ path: String, bytes: [UInt8]) throws(DeliveryError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw posixError(path, "cannot create file") }
    defer { close(descriptor) }
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, bytes.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw posixError(path, "cannot write")
      }
      offset += written
    }
    guard fsync(descriptor) == 0 else { throw posixError(path, "cannot sync to disk") }
  }

  static func sync(directory path: String) throws(DeliveryError) {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw posixError(path, "cannot open folder") }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else { throw posixError(path, "cannot sync folder to disk") }
  }

  static func makeDirectories(_ path: String) throws(DeliveryError) {
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw DeliveryError(path: path, message: "cannot create folder: \(error.localizedDescription)")
    }
  }

  static func remove(_ path: String) throws(DeliveryError) {
    guard FileManager.default.fileExists(atPath: path) else { return }
    do {
      try FileManager.default.removeItem(atPath: path)
    } catch {
      throw DeliveryError(path: path, message: "cannot remove: \(error.localizedDescription)")
    }
  }

  /// `path` made absolute and free of `.`/`..` (how the register names folders).
  public static func absolutePath(_ path: String) -> String {
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    return URL(fileURLWithPath: absolute).standardizedFileURL.path
  }

  static func isDirectory(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
  }

  /// Whether the owner may write: judged by the mode bits, since root may
  /// write anywhere and `access(2)` would always say yes.
  static func isWritable(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && (status.st_mode & S_IWUSR) != 0
  }

  static func posixError(_ path: String, _ action: String) -> DeliveryError {
    DeliveryError(path: path, message: "\(action): \(String(cString: strerror(errno)))")
  }
}
