// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "fundreport",
  products: [
    .executable(name: "fundreport", targets: ["fundreport"]),
    // For the fuzz package in Fuzz/ (make fuzz), which builds with -sanitize=fuzzer.
    .library(name: "FundReportFuzzing", targets: ["FundReportFuzzing"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
  ],
  targets: [
    // The only place that sees libxml2's C API.
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    // zlib, for the archive's gzip files (Support/Gzip.swift alone calls it).
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    .target(
      name: "XMLSupport",
      dependencies: ["CLibXML2"],
      swiftSettings: strictSettings
    ),
    .target(
      name: "FundReport",
      dependencies: [
        "XMLSupport",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "SystemPackage", package: "swift-system"),
        "CZlib",
      ],
      resources: [.embedInCode("Resources/mpsc-berichte-1.0.xsd")],
      swiftSettings: strictSettings
    ),
    // The fuzz target of the reader and loader, run by the tests over the seed corpus and by make fuzz.
    .target(
      name: "FundReportFuzzing",
      dependencies: ["FundReport"],
      swiftSettings: strictSettings
    ),
    .executableTarget(
      name: "fundreport",
      dependencies: [
        "FundReport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "XMLSupportTests",
      dependencies: ["XMLSupport"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "FundReportTests",
      dependencies: [
        "FundReport", "XMLSupport", "FundReportFuzzing",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      exclude: ["Golden", "Help"],
      swiftSettings: strictSettings
    ),
  ],
  swiftLanguageModes: [.v6]
)
