// swift-tools-version: 6.1
// The libFuzzer build of fundreport's fuzz target (make fuzz). A package of
// its own: its executable has no main (libFuzzer's is linked in by
// -sanitize=fuzzer), which the main package's builds could not link.
import PackageDescription

let package = Package(
  name: "fundreport-fuzz",
  dependencies: [.package(name: "fundreport", path: "..")],
  targets: [
    .executableTarget(
      name: "FuzzExport",
      dependencies: [.product(name: "FundReportFuzzing", package: "fundreport")],
      swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
  ],
  swiftLanguageModes: [.v6]
)
