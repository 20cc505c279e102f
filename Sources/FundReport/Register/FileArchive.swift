import Crypto
import Foundation
import SystemPackage
import ZIPFoundation

#if canImport(Glibc)
  import Glibc
#endif

/// The archive beside the register: the input files of every registered
/// delivery, and the files of every draft that a newer one replaced, each
/// kept once under its SHA-256 (the hash the register records), compressed.
///
/// A file is `<folder>/<sha256>.gz`, gzip as RFC 1952 defines it, so that
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

  /// The gzip header fundreport writes: deflate, no name, no time (so that
  /// the same content gives the same bytes), Unix.
  private static let header: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]
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
      let size = try input.size()
      let output = try FileSystem.createNew(staging)
      defer { try? output.close() }
      try FileSystem.writeAll(output, Self.header, path: staging)
      var hasher = SHA256()
      let crc = try Self.deflate(size: size) { offset, buffer in
        let count = try input.read(at: offset, into: buffer)
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        return count
      } write: { bytes in
        try FileSystem.writeAll(output, bytes, path: staging)
      }
      try FileSystem.writeAll(
        output, Self.littleEndian(crc) + Self.littleEndian(UInt32(truncatingIfNeeded: size)), path: staging)
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
    let file: ReadOnlyFile
    let size: Int
    do {
      file = try ReadOnlyFile(path: archived)
      size = try file.size()
      guard size >= Self.header.count + 8, try file.firstBytes(4) == Array(Self.header.prefix(4)) else {
        throw Failure.damaged(path: archived)
      }
    } catch let error as FileAccessError {
      throw Failure.file(FileSystemError(path: archived, action: .read, errno: error.errno))
    }
    let end = size - 8
    var offset = Self.header.count
    var hasher = SHA256()
    do {
      _ = try Data.decompress(size: Int64(end - offset), bufferSize: Self.chunkSize, skipCRC32: true) { _, count in
        // A stream cut short would ask for more forever: the end of the file ends it.
        guard offset < end else { throw Failure.damaged(path: archived) }
        var chunk = Data(count: min(count, end - offset))
        let read = try chunk.withUnsafeMutableBytes { try file.read(at: offset, into: $0) }
        guard read > 0 else { throw Failure.damaged(path: archived) }
        chunk.count = read
        offset += read
        return chunk
      } consumer: { data in
        hasher.update(data: data)
        try body([UInt8](data))
      }
    } catch let error as Failure {
      throw error
    } catch let error as FileAccessError {
      throw Failure.file(FileSystemError(path: archived, action: .read, errno: error.errno))
    } catch {
      // What `body` throws is the caller's; anything else is zlib's verdict on the stream.
      if let error = error as? FileSystemError { throw error }
      throw Failure.damaged(path: archived)
    }
    guard Delivery.hex(hasher.finalize()) == sha256 else { throw Failure.damaged(path: archived) }
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

  // MARK: Deflate

  /// Deflates `size` bytes, read by `read(offset, buffer)`, into `write`; the CRC-32 of what was read.
  private static func deflate(
    size: Int, read: (Int, UnsafeMutableRawBufferPointer) throws -> Int,
    write: ([UInt8]) throws -> Void
  ) throws -> UInt32 {
    try Data.compress(size: Int64(size), bufferSize: chunkSize) { position, count in
      var chunk = Data(count: count)
      var filled = 0
      try chunk.withUnsafeMutableBytes { buffer in
        while filled < count {
          let read = try read(Int(position) + filled, UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
          if read == 0 { break }
          filled += read
        }
      }
      chunk.count = filled
      return chunk
    } consumer: { data in
      try write([UInt8](data))
    }
  }

  private static func littleEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value & 0xff), UInt8((value >> 8) & 0xff), UInt8((value >> 16) & 0xff), UInt8(value >> 24)]
  }
}
