import FundReportFuzzing

#if canImport(Glibc)
  import Glibc
#endif

/// The harness, made once per process (it copies the clean fixture export's files).
nonisolated(unsafe) private var harness: ExportFuzzing?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  if harness == nil {
    let fixture = getenv("FUNDREPORT_FUZZ_FIXTURE").map { String(cString: $0) } ?? "../fixtures/defects/clean"
    harness = try? ExportFuzzing(fixture: fixture)
  }
  guard let harness, let start else { return 0 }
  do {
    try harness.run(Array(UnsafeBufferPointer(start: start, count: count)))
  } catch {
    print("violation: \(error)")
    abort()
  }
  return 0
}

// SwiftPM links an executable's entry point as `<module>_main` (`--defsym main=FuzzExport_main`); with
// -parse-as-library there is none, so this one hands over to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("FuzzExport_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var count = argc
  var arguments = argv
  return runDriver(&count, &arguments) { fuzz($0, $1) }
}
