import Crypto
import Foundation
import SystemPackage

#if canImport(Glibc)
  import Glibc
#endif

/// The archive beside the register: the input files of every registered
/// delivery, and the files of every draft that a newer one replaced, each
/// kept once under its SHA-256 (the hash the register records), compressed.
///
/// A file is `<folder>/<sha256>.gz`, gzip as RFC 1952 defines it (``Gzip``), so that
/// an auditor reads it years later without fundreport:
/// `gunzip -c register-archiv/<sha256>.gz | sha256sum` prints its name.
/// Files are written under the output folder's lock, synced and renamed
/// into place before the register names them, and removed only when no
/// entry names them any more (docs/decisions.md, "The archive").
public struct FileArchive: Sendable {
  /// The archive's folder: `<register's folder>/<register's name without .sqlite>-archiv`.
  let directory: String

  init(registerPath: String) {
    let folder = (registerPath as NSString).deletingLastPathComponent
    var name = (registerPath as NSString).lastPathComponent
    if name.hasSuffix(".sqlite") { name.removeLast(".sqlite".count) }
    directory = (folder.isEmpty ? "." : folder) + "/" + name + "-archiv"
  }

  /// What went wrong with one archived file.
  public enum Failure: Error, Sendable, Equatable {
    case file(FileSystemError)
    /// The file read to be archived no longer has the hash recorded from
    /// it: it changed while fundreport ran.
    case changedWhileRead(path: String)
    /// Nothing is archived under the hash.
    case missing(sha256: String)
    /// The archived file is not a gzip stream, or its content does not have
    /// the hash it is stored under.
    case damaged(path: String)
  }

  /// The bytes compressed as one gzip member, on one core (two at a time).
  private static let chunkSize = 1 << 20

  func path(of sha256: String) -> String { directory + "/" + sha256 + ".gz" }

  /// Whether something is archived under `sha256`.
  func contains(_ sha256: String) -> Bool { FileSystem.kind(of: path(of: sha256)) == .file }

  /// Archives the file at `source` under `sha256`, unless something is
  /// archived under it already; its bytes are hashed while they are
  /// compressed, and a file that no longer has `sha256` is not archived.
  ///
  /// - Returns: whether the file was archived now (false: it was already).
  @discardableResult
  func store(_ source: String, sha256: String) throws(Failure) -> Bool {
    if contains(sha256) { return false }
    do {
      try FileSystem.makeDirectories(directory)
    } catch {
      throw .file(error)
    }
    let staging = directory + "/.tmp-" + sha256 + "-" + String(getpid())
    do {
      try FileSystem.remove(staging)
      let input = try ReadOnlyFile(path: source)
      let output = try FileSystem.createNew(staging)
      defer { try? output.close() }
      var hasher = SHA256()
      // Two chunks at a time: each a gzip member, compressed on its own core; the hash on the first.
      let chunk = Self.chunkSize
      var buffer = [UInt8](repeating: 0, count: 2 * chunk)
      var offset = 0
      while true {
        let filled = try buffer.withUnsafeMutableBytes { try Self.fill($0, from: input, at: offset) }
        if filled == 0 { break }
        offset += filled
        let (first, second) = buffer.withUnsafeBytes { all in
          let head = UnsafeRawBufferPointer(rebasing: all[0..<min(filled, chunk)])
          let tail = UnsafeRawBufferPointer(rebasing: all[min(filled, chunk)..<filled])
          return Concurrently.both(
            { () -> Result<[UInt8], Gzip.Failure> in
              hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: all[0..<filled]))
              return Result { () throws(Gzip.Failure) in try Gzip.member(head) }
            },
            { () -> Result<[UInt8], Gzip.Failure> in
              tail.isEmpty ? .success([]) : Result { () throws(Gzip.Failure) in try Gzip.member(tail) }
            })
        }
        try FileSystem.writeAll(output, try first.get(), path: staging)
        try FileSystem.writeAll(output, try second.get(), path: staging)
        if filled < 2 * chunk { break }
      }
      if offset == 0 {
        // An empty file is one empty member: gunzip reads it as empty, not as no gzip at all.
        try FileSystem.writeAll(output, try Gzip.member(UnsafeRawBufferPointer(start: nil, count: 0)), path: staging)
      }
      guard Delivery.hex(hasher.finalize()) == sha256 else {
        try? FileSystem.remove(staging)
        throw Failure.changedWhileRead(path: source)
      }
      try FileSystem.sync(output, path: staging)
      try FileSystem.rename(staging, to: path(of: sha256))
      try FileSystem.syncDirectory(directory)
      return true
    } catch let error as Failure {
      throw error
    } catch let error as FileSystemError {
      try? FileSystem.remove(staging)
      throw .file(error)
    } catch let error as FileAccessError {
      try? FileSystem.remove(staging)
      throw .file(FileSystemError(path: error.path, action: .read, errno: error.errno))
    } catch {
      try? FileSystem.remove(staging)
      throw .file(FileSystemError(path: source, action: .read, errno: .ioError))
    }
  }

  /// The content archived under `sha256`, chunk by chunk, checked against
  /// the hash at the end.
  ///
  /// - Throws: ``Failure/missing(sha256:)``, ``Failure/damaged(path:)``, or
  ///   what `body` throws.
  func read(_ sha256: String, _ body: ([UInt8]) throws -> Void) throws {
    let archived = path(of: sha256)
    guard contains(sha256) else { throw Failure.missing(sha256: sha256) }
    var hasher = SHA256()
    let file: ReadOnlyFile
    let inflater: Gzip.Inflater
    do {
      file = try ReadOnlyFile(path: archived)
      inflater = try Gzip.Inflater()
    } catch let error as FileAccessError {
      throw Failure.file(FileSystemError(path: archived, action: .read, errno: error.errno))
    }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
    defer { buffer.deallocate() }
    var offset = 0
    while true {
      let count: Int
      do {
        count = try file.read(at: offset, into: buffer)
      } catch {
        throw Failure.file(FileSystemError(path: archived, action: .read, errno: error.errno))
      }
      if count == 0 { break }
      offset += count
      do {
        try inflater.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) { piece in
          hasher.update(bufferPointer: piece)
          try body(Array(piece))
        }
      } catch is Gzip.Failure {
        throw Failure.damaged(path: archived)
      }
    }
    // A stream cut short ends inside a member.
    guard inflater.atMemberEnd, Delivery.hex(hasher.finalize()) == sha256 else {
      throw Failure.damaged(path: archived)
    }
  }

  /// Checks that what is archived under `sha256` is there and has that hash.
  func check(_ sha256: String) -> Failure? {
    do {
      try read(sha256) { _ in }
      return nil
    } catch let error as Failure {
      return error
    } catch {
      return .damaged(path: path(of: sha256))
    }
  }

  /// Writes what is archived under `sha256` to the new file `destination`.
  func restore(_ sha256: String, to destination: String) throws(Failure) {
    do {
      let output = try FileSystem.createNew(destination, permissions: [.ownerReadWrite])
      defer { try? output.close() }
      try read(sha256) { bytes in try FileSystem.writeAll(output, bytes, path: destination) }
    } catch let error as Failure {
      throw error
    } catch let error as FileSystemError {
      throw .file(error)
    } catch {
      throw .file(FileSystemError(path: destination, action: .write, errno: .ioError))
    }
  }

  /// Removes every archived file whose hash `keep` lacks, and what an
  /// interrupted `store` left; runs under the output folder's lock.
  ///
  /// - Returns: the hashes removed.
  @discardableResult
  func prune(keeping keep: Set<String>) throws(FileSystemError) -> [String] {
    guard FileSystem.kind(of: directory) == .directory else { return [] }
    var removed: [String] = []
    for name in try FileSystem.entries(of: directory) {
      if name.hasPrefix(".tmp-") {
        try FileSystem.remove(directory + "/" + name)
      } else if name.hasSuffix(".gz") {
        let hash = String(name.dropLast(3))
        guard !keep.contains(hash) else { continue }
        try FileSystem.remove(directory + "/" + name)
        removed.append(hash)
      }
    }
    if !removed.isEmpty { try FileSystem.syncDirectory(directory) }
    return removed
  }

  /// The hashes archived.
  func hashes() throws(FileSystemError) -> [String] {
    guard FileSystem.kind(of: directory) == .directory else { return [] }
    return try FileSystem.entries(of: directory).filter { $0.hasSuffix(".gz") }.map { String($0.dropLast(3)) }
  }

  /// Reads up to `buffer.count` bytes at `offset` (fewer only at the end of the file).
  private static func fill(_ buffer: UnsafeMutableRawBufferPointer, from file: ReadOnlyFile, at offset: Int)
    throws(FileAccessError) -> Int
  {
    var filled = 0
    while filled < buffer.count {
      let read = try file.read(at: offset + filled, into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
      if read == 0 { break }
      filled += read
    }
    return filled
  }
}
