import ArgumentParser
import Foundation
import FundReport

#if canImport(Glibc)
  import Glibc
#endif

extension FundReportCommand {
  struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the interface's XSD (MPSC-Berichte 1.0) that every report is validated against.")

    func run() throws {
      print(String(decoding: InterfaceSchema.bytes, as: UTF8.self), terminator: "")
    }
  }
}
