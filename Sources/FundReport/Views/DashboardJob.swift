#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `fundreport dashboard`: writes the controller's pages into a folder (default `reports/uebersicht`),
/// atomically: the new site is written beside it and renamed into place, so the old one stays
/// whole until the new one is complete.
public struct DashboardJob {
  var inputDirectory: String
  var outDirectory: String
  var asOf: CalendarDate
  var options: IngestOptions
  var jobs: ScheduledJobs
  var registerPath: String?
  public var language = Language.german
  /// Whether the export's input errors are said (`run` has said them already).
  public var reportsInputErrors = true

  public init(
    inputDirectory: String, outDirectory: String, asOf: CalendarDate, options: IngestOptions, jobs: ScheduledJobs,
    registerPath: String?
  ) {
    self.inputDirectory = inputDirectory
    self.outDirectory = outDirectory
    self.asOf = asOf
    self.options = options
    self.jobs = jobs
    self.registerPath = registerPath
  }

  public func run(report: (String) -> Void, warn: (String) -> Void) -> RunStatus {
    guard ExportLoader.directoryExists(inputDirectory) else {
      warn(language.line(.failed(.inputDirectoryMissing(inputDirectory))))
      return .inputMissing
    }
    var options = options
    // Every grant row whole: the findings' places and the voucher list of each cost item.
    options.retention = .every
    options.hashing = false
    let loaded: ExportLoader.Result
    switch ViewInput.load(
      inputDirectory, options: options, language: language, warn: reportsInputErrors ? warn : { _ in })
    {
    case .loaded(let result): loaded = result
    case .failed(let status): return status
    }
    let diagnostics = loaded.diagnostics
    let (chosen, status) = ViewInput.usableGrants(
      Set(loaded.export.grants.keys).union(diagnostics.grantsWithErrors).sorted(by: codePointOrder),
      diagnostics: diagnostics, language: language, warn: warn)
    let dashboard: Dashboard
    let built = ViewInput.build(
      registerPath: registerPath, inputDirectory: inputDirectory, language: language, warn: warn
    ) { register in
      try Dashboard(export: loaded.export, grantIDs: chosen, asOf: asOf, jobs: jobs.jobs, register: register)
    }
    switch built {
    case .success(let made): dashboard = made
    case .failure(let failure): return failure.status
    }
    do {
      try Self.publish(DashboardPages(dashboard: dashboard, language: language).pages(), into: outDirectory)
    } catch {
      warn(language.text(.failure(.file(error))))
      return .cannotWrite
    }
    report(outDirectory + "/index.html")
    return status
  }

  /// Writes `pages` into a new folder beside `folder`, then swaps it in: the old site is renamed
  /// aside and removed only once the new one is in place. A folder inside a delivery, or a link, is
  /// refused; nothing outside `folder`'s parent is touched.
  static func publish(_ pages: [(name: String, bytes: [UInt8])], into folder: String) throws(FileSystemError) {
    let target = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    let parent = target.contains("/") ? String(target[..<(target.lastIndex(of: "/") ?? target.endIndex)]) : "."
    if let delivery = OutputGuard.enclosingDelivery(of: parent.isEmpty ? "/" : parent) {
      throw FileSystemError(path: target, action: .refused, cause: .insideDelivery(delivery))
    }
    switch FileSystem.kind(of: target) {
    case .symbolicLink: throw FileSystemError(path: target, action: .refused, cause: .symbolicLink)
    case .file, .other: throw FileSystemError(path: target, action: .write, cause: .notAFile)
    case .missing, .directory: break
    }
    if !parent.isEmpty { try FileSystem.makeDirectories(parent) }
    let fresh = target + ".neu-" + String(getpid())
    let old = target + ".alt-" + String(getpid())
    try? FileSystem.remove(fresh)
    try FileSystem.makeDirectory(fresh)
    do throws(FileSystemError) {
      for page in pages { try FileSystem.writeNewFile(fresh + "/" + page.name, bytes: page.bytes) }
      try FileSystem.syncDirectory(fresh)
      let replacing = FileSystem.kind(of: target) == .directory
      if replacing { try FileSystem.rename(target, to: old) }
      do throws(FileSystemError) {
        try FileSystem.rename(fresh, to: target)
      } catch {
        if replacing { try? FileSystem.rename(old, to: target) }
        throw error
      }
      try FileSystem.syncDirectory(parent.isEmpty ? "." : parent)
      if replacing { try? FileSystem.remove(old) }
    } catch {
      try? FileSystem.remove(fresh)
      throw error
    }
  }
}
