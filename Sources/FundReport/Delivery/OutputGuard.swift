#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where fundreport may write a file of its own (`--errors-csv`, the
/// register): never inside a delivery folder, submitted or not (root could
/// write there; a delivery holds only its own files), never through a
/// symbolic link.
enum OutputGuard {
  /// The delivery folder that the folder `directory` is or lies in, if any:
  /// one that holds `SHA256SUMS` or is named `<Berichtsart>_<period>_v<N>`.
  static func enclosingDelivery(of directory: String) -> String? {
    guard var current = FileSystem.resolved(directory) else { return nil }
    while true {
      let name = current.split(separator: "/").last.map(String.init) ?? ""
      if FileSystem.kind(of: current + "/SHA256SUMS") != .missing || isDeliveryFolderName(name) { return current }
      guard current != "/", let slash = current.lastIndex(of: "/") else { return nil }
      current = slash == current.startIndex ? "/" : String(current[..<slash])
    }
  }

  /// `Quartalsbericht_2026-Q3_v1` and the like.
  static func isDeliveryFolderName(_ name: String) -> Bool {
    guard let kind = ReportKind.allCases.first(where: { name.hasPrefix($0.rawValue + "_") }) else { return false }
    let rest = Array(name.utf8.dropFirst(kind.rawValue.utf8.count + 1))
    guard let underscore = rest.lastIndex(of: UInt8(ascii: "_")), underscore > 0 else { return false }
    let version = rest[(underscore + 1)...]
    return version.first == UInt8(ascii: "v") && version.count >= 2 && version.dropFirst().first != UInt8(ascii: "0")
      && version.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
  }

  /// Refuses a file that fundreport is about to create or replace at `path`
  /// when it lies inside a delivery or is a link or a folder.
  static func checkOutputFile(_ path: String) throws(FileSystemError) {
    let parent = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
    if let delivery = enclosingDelivery(of: parent.isEmpty ? "/" : parent) {
      throw FileSystemError(path: path, action: .refused, cause: .insideDelivery(delivery))
    }
    switch FileSystem.kind(of: path) {
    case .symbolicLink:
      throw FileSystemError(path: path, action: .refused, cause: .symbolicLink)
    case .directory, .other:
      throw FileSystemError(path: path, action: .write, cause: .notAFile)
    case .missing, .file: break
    }
  }

  /// Writes a file of fundreport's own (`--errors-csv`) via a new file
  /// beside it, synced and renamed into place.
  static func writeFile(_ path: String, bytes: [UInt8]) throws(FileSystemError) {
    try checkOutputFile(path)
    let temporary = path + ".tmp-" + String(getpid())
    try? FileSystem.remove(temporary)
    try FileSystem.writeNewFile(temporary, bytes: bytes)
    do {
      try FileSystem.rename(temporary, to: path)
    } catch {
      try? FileSystem.remove(temporary)
      throw error
    }
  }
}
