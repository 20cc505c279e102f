import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The output folder of the deliveries with its lock and its register, and
/// the one ordering by which a delivery is put in place:
///
/// 1. the new folder is written and synced as `<FKZ>/.tmp-<folder>-<pid>`;
/// 2. the register records it as pending (the entry it will have, with
///    every hash) in one transaction;
/// 3. the version it replaces is moved aside to `.old-<folder>-<pid>`, the
///    new folder renamed into place, the grant's folder synced;
/// 4. the register confirms it: in one transaction the entry takes the
///    pending values and the pending row goes; then `.old-…` is removed.
///
/// A failure in 1–3 undoes what was done and abandons the pending row; a
/// failure of 4 puts the previous folder back. A kill anywhere leaves at most
/// one pending row per folder, and ``settle()``, which every command that
/// opens the store runs first, decides it by what is on disk: the folder
/// holding exactly the pending hashes confirms it, anything else (the old
/// version, put back from `.old-…` if need be, or nothing) abandons it.
/// So at every instant each delivery folder holds the files of its entry or
/// of its pending row, and once settled, exactly its entry's
/// (docs/decisions.md, "The register is true at every instant").
public final class DeliveryStore {
  /// What settling the output folder did, one value per folder.
  enum SettleAction: Sendable, Equatable {
    /// The version an interrupted replacement had moved aside is back.
    case restored(String)
    /// A delivery that an interrupted command had written completely is confirmed.
    case confirmed(String)
    /// A submitted folder that was writable again is read-only again.
    case madeReadOnly(String)
    case removedUnfinished(String)
    case removedReplaced(String)
  }

  /// Something in the output folder or the register that stops a command.
  public enum Failure: Error, Sendable, Equatable {
    /// Another process holds the lock (exit 75).
    case locked(RunLock.Held)
    /// A folder, file or the register cannot be written or read (exit 73).
    case cannotWrite(Problem)

    public enum Problem: Sendable, Equatable {
      /// `--out` names a file.
      case outputIsFile(String)
      case outputMissing(String)
      /// `--out` lies inside the delivery folder `delivery`.
      case outputInsideDelivery(String, delivery: String)
      /// A grant ID that cannot name a folder (checked on input already).
      case unusableGrantFolder(grant: String, folder: String)
      /// The delivery folder is read-only: it is submitted.
      case submittedFolder(String)
      case symbolicLink(String)
      case fileInTheWay(String)
      case outsideOutput(String, root: String)
      case file(FileSystemError)
      case register(Register.Failure)
      /// An input could not be archived beside the register.
      case archive(FileArchive.Failure)
      /// Settling what an interrupted command left failed.
      case cleanup(FileSystemError)
    }
  }

  enum Mode: Sendable {
    /// Creates the output folder, takes the lock, settles interrupted work.
    case write
    /// Creates nothing; takes the lock and settles only when it can (an
    /// archive on a read-only share is still read).
    case read
  }

  /// The output folder with every link resolved.
  let root: String
  let registerPath: String
  private let lock: RunLock?
  private var openedRegister: Register?
  /// What ``settle()`` did, one line each (for logs).
  private(set) var settled: [SettleAction] = []

  /// - Throws: ``Failure``; in `.read` mode only when the output folder is missing.
  init(outDirectory: String, registerPath: String?, mode: Mode) throws(Failure) {
    switch FileSystem.kind(of: outDirectory) {
    case .file, .other:
      throw .cannotWrite(.outputIsFile(outDirectory))
    case .missing, .symbolicLink, .directory: break
    }
    if mode == .write {
      do {
        try FileSystem.makeDirectories(outDirectory)
      } catch {
        throw .cannotWrite(.file(error))
      }
    }
    guard let root = FileSystem.resolved(outDirectory), FileSystem.kind(of: root) == .directory else {
      throw .cannotWrite(.outputMissing(outDirectory))
    }
    self.root = root
    if mode == .write, let delivery = OutputGuard.enclosingDelivery(of: root) {
      throw .cannotWrite(.outputInsideDelivery(outDirectory, delivery: delivery))
    }
    let register = registerPath ?? root + "/register.sqlite"
    self.registerPath = register
    if mode == .write {
      do {
        try OutputGuard.checkOutputFile(register)
      } catch {
        throw .cannotWrite(.file(error))
      }
    }
    var lock: RunLock?
    do {
      // Reading, there is nothing to settle (and no lock file to leave) without a register.
      if mode == .write || FileSystem.kind(of: register) == .file {
        lock = try RunLock(path: root + "/.fundreport.lock")
      }
    } catch let held as RunLock.Held {
      if mode == .write { throw .locked(held) }
    } catch let error as FileSystemError {
      if mode == .write { throw .cannotWrite(.file(error)) }
    } catch {
      if mode == .write { throw .cannotWrite(.file(FileSystemError(path: root, action: .takeLock, cause: .notAFile))) }
    }
    self.lock = lock
    // Also without a register: a process killed before it made one may have left staging folders.
    if lock != nil && (FileSystem.kind(of: register) == .file || FileSystem.kind(of: root) == .directory) {
      try settle()
    }
  }

  /// Whether this store holds the lock (always in `.write` mode).
  var isLocked: Bool { lock != nil }

  /// The register; created only when `create` (a command that writes nothing leaves none behind).
  func register(create: Bool) throws(Failure) -> Register? {
    if let openedRegister { return openedRegister }
    if !create && FileSystem.kind(of: registerPath) == .missing { return nil }
    do {
      let opened = try Register(path: registerPath, create: create)
      openedRegister = opened
      return opened
    } catch {
      throw .cannotWrite(.register(error))
    }
  }

  // MARK: Publishing

  /// Puts `delivery` in place as `entry` (whose folder is set here) and
  /// records it, by the ordering above.
  ///
  /// - Returns: the delivery folder's path.
  @discardableResult
  func publish(_ delivery: Delivery, as entry: Register.Entry, inputs sources: [SourceFile]) throws(Failure)
    -> String
  {
    let inputs = sources.map { Register.FileHash(deliveryId: 0, role: .input, name: $0.name, sha256: $0.sha256) }
    let grantName = GrantFolder.name(of: delivery.grantID)
    guard GrantFolder.isUsable(grantName) else {
      throw .cannotWrite(.unusableGrantFolder(grant: delivery.grantID, folder: grantName))
    }
    let grantDirectory = root + "/" + grantName
    // A grant whose folder would be the archive beside the register (`register-archiv`) cannot have one.
    guard grantDirectory != DeliveryStore.absolutePath(archive.directory) else {
      throw .cannotWrite(.unusableGrantFolder(grant: delivery.grantID, folder: grantName))
    }
    let target = grantDirectory + "/" + delivery.folderName
    let suffix = delivery.folderName + "-" + String(getpid())
    let staging = grantDirectory + "/.tmp-" + suffix
    let retired = grantDirectory + "/.old-" + suffix
    do {
      try FileSystem.makeDirectory(grantDirectory)
    } catch {
      throw .cannotWrite(.file(error))
    }
    switch FileSystem.kind(of: target) {
    case .missing: break
    case .directory:
      guard FileSystem.ownerMayWrite(target) else {
        throw .cannotWrite(.submittedFolder(target))
      }
    case .symbolicLink:
      throw .cannotWrite(.symbolicLink(target))
    case .file, .other:
      throw .cannotWrite(.fileInTheWay(target))
    }
    guard FileSystem.resolved(grantDirectory) == grantDirectory else {
      throw .cannotWrite(.outsideOutput(target, root: root))
    }

    do {
      try FileSystem.remove(staging)
      try FileSystem.makeDirectory(staging)
      for file in delivery.filesWithChecksums {
        try FileSystem.writeNewFile(staging + "/" + file.name, bytes: file.bytes)
      }
      try FileSystem.syncDirectory(staging)
    } catch {
      try? FileSystem.remove(staging)
      throw .cannotWrite(.file(error))
    }

    // The inputs (and the files of the draft this one replaces) are in the archive before the register
    // names them: a registered delivery's inputs are never missing there.
    do {
      for source in sources { try archive.store(source.path, sha256: source.sha256) }
      if FileSystem.kind(of: target) == .directory, let register = try self.register(create: false),
        let previous = try register.entry(folder: target)
      {
        // Its figures and findings, not its Belegliste: a nightly run over a growing ledger would otherwise
        // keep a copy of the quarter's rows every night.
        for file in try register.files(of: previous, role: .output) where !file.name.contains("_Belegliste_") {
          // A draft changed on disk since it was written is not archived as what it was.
          _ = try? archive.store(target + "/" + file.name, sha256: file.sha256)
        }
      }
    } catch let error as FileArchive.Failure {
      try? FileSystem.remove(staging)
      throw .cannotWrite(.archive(error))
    } catch let error as Failure {
      try? FileSystem.remove(staging)
      throw error
    } catch {
      try? FileSystem.remove(staging)
      throw .cannotWrite(.register(Register.Failure(path: registerPath, problem: .damaged("\(error)"))))
    }

    var entry = entry
    entry.folder = target
    entry.inputsArchived = true
    let outputs = delivery.filesWithChecksums.map {
      Register.FileHash(deliveryId: 0, role: .output, name: $0.name, sha256: $0.sha256)
    }
    let register: Register
    let pending: Register.Pending
    do throws(Failure) {
      guard let opened = try self.register(create: true) else {
        throw Failure.cannotWrite(.register(Register.Failure(path: registerPath, problem: .missing)))
      }
      register = opened
      do {
        pending = try register.beginPublishing(
          entry, inputs: inputs, outputs: outputs, staging: staging, retired: retired)
      } catch {
        throw .cannotWrite(.register(error))
      }
    } catch {
      try? FileSystem.remove(staging)
      throw error
    }

    let replacing = FileSystem.kind(of: target) == .directory
    var swapped = false
    do {
      if replacing {
        try FileSystem.remove(retired)
        try FileSystem.rename(target, to: retired)
      }
      try FileSystem.rename(staging, to: target)
      swapped = true
      try FileSystem.syncDirectory(grantDirectory)
      try register.confirm(pending)
    } catch {
      // The register keeps the previous entry: the disk goes back to it.
      // Should a step of this fail too, the pending row stays, and the next
      // command settles it by what is on disk.
      do {
        if swapped { try FileSystem.rename(target, to: staging) }
        if replacing && FileSystem.kind(of: target) == .missing { try FileSystem.rename(retired, to: target) }
        try FileSystem.remove(staging)
        try register.abandon(pending)
      } catch {}
      if let failure = error as? Register.Failure { throw .cannotWrite(.register(failure)) }
      if let failure = error as? FileSystemError { throw .cannotWrite(.file(failure)) }
      throw .cannotWrite(.file(FileSystemError(path: target, action: .write, cause: .notAFile)))
    }
    try? FileSystem.remove(retired)
    // What no entry needs any more (the inputs of the draft just replaced, unless another delivery has them,
    // and what an interrupted command archived without recording it) goes; a failure here loses nothing.
    if let keep = try? register.archivedHashes() { _ = try? archive.prune(keeping: keep) }
    return target
  }

  /// The archive beside the register.
  var archive: FileArchive { FileArchive(registerPath: registerPath) }

  /// `path` below `root` as the user named the output folder (`reports/…`).
  static func displayPath(_ path: String, root: String, as outDirectory: String) -> String {
    guard path.hasPrefix(root + "/") else { return path }
    let given = outDirectory.count > 1 && outDirectory.hasSuffix("/") ? String(outDirectory.dropLast()) : outDirectory
    return given + path.dropFirst(root.count)
  }

  /// `path` made absolute and free of `.`/`..`, links resolved where it exists.
  static func absolutePath(_ path: String) -> String {
    if let resolved = FileSystem.resolved(path) { return resolved }
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    return URL(fileURLWithPath: absolute).standardizedFileURL.path
  }

  // MARK: Settling

  /// Settles what an interrupted command left: each pending row is confirmed
  /// when its folder holds exactly its files, else abandoned (the version
  /// moved aside put back first); staging and moved-aside folders are
  /// removed; a submitted delivery's folder is made read-only again if it is
  /// not. Runs only under the lock.
  private func settle() throws(Failure) {
    guard let register = try register(create: false) else {
      // A process killed before it made the register may have left staging folders all the same.
      do {
        settled += try sweepLeftovers(onlyStaging: true)
      } catch {
        throw .cannotWrite(.cleanup(error))
      }
      return
    }
    do {
      for pending in try register.pending() {
        if FileSystem.kind(of: pending.folder) == .missing && FileSystem.kind(of: pending.retired) == .directory {
          try FileSystem.rename(pending.retired, to: pending.folder)
          settled.append(.restored(pending.folder))
        }
        if Self.holdsExactly(pending.outputs, folder: pending.folder) {
          try register.confirm(pending)
          settled.append(.confirmed(pending.folder))
        } else {
          try register.abandon(pending)
        }
        try FileSystem.remove(pending.staging)
        if FileSystem.kind(of: pending.folder) == .directory { try FileSystem.remove(pending.retired) }
      }
      settled += try sweepLeftovers()
      for entry in try register.entries() where entry.status == .submitted {
        if FileSystem.kind(of: entry.folder) == .directory && FileSystem.ownerMayWrite(entry.folder) {
          try Self.makeReadOnly(entry.folder)
          settled.append(.madeReadOnly(entry.folder))
        }
      }
    } catch let error as Register.Failure {
      throw .cannotWrite(.register(error))
    } catch let error as FileSystemError {
      throw .cannotWrite(.cleanup(error))
    } catch {
      throw .cannotWrite(.cleanup(FileSystemError(path: root, action: .remove, cause: .notAFile)))
    }
  }

  /// Staging folders (`.tmp-…`) and versions moved aside (`.old-…`) that
  /// no pending row names: left by a process that died before recording
  /// them, or by an earlier release. A moved-aside version whose folder is
  /// missing is put back.
  ///
  /// - Parameter onlyStaging: no register yet: only staging folders of a delivery (`.tmp-<Bericht>_<Zeitraum>_v<n>-<pid>`,
  ///   which no other program names so) are removed, since the folder may not be fundreport's alone.
  private func sweepLeftovers(onlyStaging: Bool = false) throws(FileSystemError) -> [SettleAction] {
    var cleaned: [SettleAction] = []
    for grant in try FileSystem.entries(of: root)
    where !grant.hasPrefix(".") && FileSystem.kind(of: root + "/" + grant) == .directory {
      let directory = root + "/" + grant
      for name in try FileSystem.entries(of: directory) {
        let path = directory + "/" + name
        if onlyStaging {
          if Self.isStagingName(name) && FileSystem.kind(of: path) == .directory {
            try FileSystem.remove(path)
            cleaned.append(.removedUnfinished(path))
          }
        } else if name.hasPrefix(".tmp-") {
          try FileSystem.remove(path)
          cleaned.append(.removedUnfinished(path))
        } else if name.hasPrefix(".old-"), let dash = name.lastIndex(of: "-") {
          let folder = String(name[name.index(name.startIndex, offsetBy: 5)..<dash])
          if FileSystem.kind(of: directory + "/" + folder) == .missing && !folder.isEmpty {
            try FileSystem.rename(path, to: directory + "/" + folder)
            cleaned.append(.restored("\(directory)/\(folder)"))
          } else {
            try FileSystem.remove(path)
            cleaned.append(.removedReplaced(path))
          }
        }
      }
    }
    return cleaned
  }

  /// `.tmp-Quartalsbericht_2026-Q3_v1-4711`: a delivery's staging folder as ``write`` names it.
  static func isStagingName(_ name: String) -> Bool {
    guard name.hasPrefix(".tmp-"), let dash = name.lastIndex(of: "-"),
      !name[name.index(after: dash)...].isEmpty, name[name.index(after: dash)...].allSatisfy(\.isASCIIDigitCharacter)
    else { return false }
    let folder = name.dropFirst(5)[..<dash]
    return ReportKind.allCases.contains { folder.hasPrefix($0.rawValue + "_") } && folder.contains("_v")
  }

  /// Whether `folder` holds exactly the files `hashes` names, with those hashes.
  static func holdsExactly(_ hashes: [Register.FileHash], folder: String) -> Bool {
    guard FileSystem.kind(of: folder) == .directory, let names = try? FileSystem.entries(of: folder),
      names == hashes.map(\.name).sorted(by: { Array($0.utf8).lexicographicallyPrecedes($1.utf8) })
    else { return false }
    return hashes.allSatisfy { file in
      (try? FileSystem.readFile(folder + "/" + file.name)).map(Delivery.sha256Hex) == file.sha256
    }
  }

  /// Files 0444, the folder 0555: what a submitted delivery is.
  static func makeReadOnly(_ folder: String) throws(FileSystemError) {
    for name in try FileSystem.entries(of: folder) { try FileSystem.setMode(folder + "/" + name, 0o444) }
    try FileSystem.setMode(folder, 0o555)
  }
}

extension Character {
  fileprivate var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
