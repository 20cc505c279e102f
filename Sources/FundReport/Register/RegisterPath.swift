/// Paths as the register stores them: relative to the register's folder,
/// so that a reports folder copied, moved or restored with its register
/// stays true. Both functions work on the text of the paths alone.
enum RegisterPath {
  /// `path` relative to the folder `directory` (both absolute, links
  /// resolved): `FKZ/Quartalsbericht_2026-Q3_v1`, or with `..` when `path`
  /// lies outside. A relative `path` is taken as stored already.
  static func relative(_ path: String, to directory: String) -> String {
    guard path.hasPrefix("/") else { return path }
    let target = components(path)
    let base = components(directory)
    var common = 0
    while common < min(target.count, base.count) && target[common] == base[common] { common += 1 }
    let up = Array(repeating: "..", count: base.count - common)
    let parts = up + target[common...]
    return parts.isEmpty ? "." : parts.joined(separator: "/")
  }

  /// The absolute path of a stored `path` when the register's folder is `directory`.
  static func absolute(_ path: String, in directory: String) -> String {
    var parts = path.hasPrefix("/") ? [] : components(directory)
    for component in components(path) {
      if component == ".." {
        if !parts.isEmpty { parts.removeLast() }
      } else {
        parts.append(component)
      }
    }
    return "/" + parts.joined(separator: "/")
  }

  /// The components of a path, without empty ones and `.`.
  private static func components(_ path: String) -> [String] {
    path.split(separator: "/", omittingEmptySubsequences: true).map(String.init).filter { $0 != "." }
  }
}
