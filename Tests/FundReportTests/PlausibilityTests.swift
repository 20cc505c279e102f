import Foundation
import Testing

@testable import FundReport

/// Reports that cannot be right on the day they are made are refused with the reason and the way out (exit
/// 64); a Zwischennachweis for the final year is written with a note (docs/decisions.md, "Reports that cannot
/// be right are refused"). MPSC-2021-WUP-B runs from 01.01.2023 to 31.12.2027, MPSC-2021-WUP-A ends on 30.09.2026.
@Suite struct PlausibilityTests {
  static func report(_ arguments: [String], created: String) throws -> (BinaryRun, out: String) {
    let out = try makeTemporaryDirectory()
    let run = try BinaryRun(
      ["report"] + arguments + ["--input", Paths.export, "--out", out, "--created", created])
    return (run, out)
  }

  @Test func aVerwendungsnachweisBeforeTheGrantHasEndedIsRefused() throws {
    let (run, out) = try Self.report(
      ["verwendungsnachweis", "--period", "gesamt", "--grant", "MPSC-2021-WUP-B"], created: "2026-10-15T06:00:00Z")
    defer { try? FileManager.default.removeItem(atPath: out) }
    #expect(run.status == 64)
    #expect(
      run.stderr
        == "Fehler: Verwendungsnachweis für MPSC-2021-WUP-B: der Bewilligungszeitraum endet erst am 31.12.2027; "
        + "der Nachweis kann ab dem 01.01.2028 erstellt werden. Den Stand gibt fundreport check\n")
    #expect(run.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: out + "/MPSC-2021-WUP-B"))
    #expect(!FileManager.default.fileExists(atPath: out + "/register.sqlite"))
  }

  @Test func forEveryGrantOnlyThoseThatHaveEndedGetAVerwendungsnachweis() throws {
    let (run, out) = try Self.report(["verwendungsnachweis", "--period", "gesamt"], created: "2026-10-15T06:00:00Z")
    defer { try? FileManager.default.removeItem(atPath: out) }
    #expect(run.status == 0)
    #expect(run.stdout == "\(out)/MPSC-2021-WUP-A/Verwendungsnachweis_gesamt_v1: 0 Fehler, 1 Warnung, 0 Hinweise\n")
    #expect(
      run.stderr
        == "Hinweis: übersprungen: Verwendungsnachweis für MPSC-2021-WUP-B: der Bewilligungszeitraum endet erst "
        + "am 31.12.2027; der Nachweis kann ab dem 01.01.2028 erstellt werden. Den Stand gibt fundreport check\n")
  }

  @Test func aQuarterThatHasNotEndedWhenTheReportIsMadeIsRefused() throws {
    let (run, out) = try Self.report(
      ["quartalsbericht", "--period", "2026-Q4", "--grant", "MPSC-2021-WUP-B", "--lang", "en"],
      created: "2026-10-15T06:00:00Z")
    defer { try? FileManager.default.removeItem(atPath: out) }
    #expect(run.status == 64)
    #expect(
      run.stderr
        == "error: Quartalsbericht 2026-Q4: its Stichtag 31.12.2026 lies after the day it is made (15.10.2026); "
        + "a report can only show what is booked by then. For a preview use fundreport check --as-of 2026-12-31\n")
  }

  @Test func aMittelabrufWithANeedAfterTheGrantHasEndedIsRefusedWithoutOneItIsWritten() throws {
    let arguments = ["mittelabruf", "--period", "2028-02-01", "--grant", "MPSC-2021-WUP-B"]
    let (refused, out) = try Self.report(arguments + ["--bedarf", "120000,00"], created: "2028-02-01T06:00:00Z")
    defer { try? FileManager.default.removeItem(atPath: out) }
    #expect(refused.status == 64)
    #expect(
      refused.stderr
        == "Fehler: Mittelabruf 2028-02-01 für MPSC-2021-WUP-B: der Bewilligungszeitraum endete am 31.12.2027; "
        + "danach ausgegebene Mittel sind nicht zuwendungsfähig, ein Bedarf kann nicht mehr abgerufen werden. "
        + "Ohne --bedarf zeigt der Mittelabruf den Stand\n")
    let (state, stateOut) = try Self.report(arguments, created: "2028-02-01T06:00:00Z")
    defer { try? FileManager.default.removeItem(atPath: stateOut) }
    #expect(state.status == 0)
    #expect(state.stdout.hasPrefix("\(stateOut)/MPSC-2021-WUP-B/Mittelabruf_2028-02-01_v1: "))
  }

  @Test func aZwischennachweisForTheFinalYearIsWrittenWithANoteThatNoneIsDue() throws {
    let (run, out) = try Self.report(
      ["zwischennachweis", "--period", "2027", "--grant", "MPSC-2021-WUP-B"], created: "2028-02-01T06:00:00Z")
    defer { try? FileManager.default.removeItem(atPath: out) }
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("\(out)/MPSC-2021-WUP-B/Zwischennachweis_2027_v1: "))
    #expect(
      run.stderr
        == "Hinweis: MPSC-2021-WUP-B: für 2027, das letzte Jahr des Bewilligungszeitraums, ist kein "
        + "Zwischennachweis fällig; das Jahr weist der Verwendungsnachweis nach (fällig am 31.12.2028)\n")
    let (earlier, earlierOut) = try Self.report(
      ["zwischennachweis", "--period", "2026", "--grant", "MPSC-2021-WUP-B"], created: "2027-02-01T06:00:00Z")
    defer { try? FileManager.default.removeItem(atPath: earlierOut) }
    #expect(earlier.status == 0)
    #expect(earlier.stderr.isEmpty)
  }

  /// The boundaries: a Stichtag on the day of making is fine; a Verwendungsnachweis needs the day after the end.
  @Test func theDayOfMakingIsTheBoundary() throws {
    let grant = try #require(ExportLoader(directory: Paths.export).load().export.grants["MPSC-2021-WUP-B"])
    func check(_ kind: ReportKind, _ id: String, created: String, need: Int64 = 0) -> ReportPeriod.Invalid? {
      do {
        let period = try ReportPeriod.resolve(kind: kind, id: id, grant: grant)
        try ReportPeriod.checkPlausible(period, grant: grant, created: day(created), need: Money(cents: need))
        return nil
      } catch {
        return error
      }
    }
    #expect(check(.quartalsbericht, "2026-Q3", created: "30.09.2026") == nil)
    #expect(
      check(.quartalsbericht, "2026-Q3", created: "29.09.2026")
        == .stichtagAfterCreation(
          kind: .quartalsbericht, id: "2026-Q3", stichtag: day("30.09.2026"), created: day("29.09.2026")))
    #expect(
      check(.verwendungsnachweis, "gesamt", created: "31.12.2027")
        == .grantNotEnded(grant: "MPSC-2021-WUP-B", end: day("31.12.2027")))
    #expect(check(.verwendungsnachweis, "gesamt", created: "01.01.2028") == nil)
    #expect(check(.mittelabruf, "2027-12-31", created: "31.12.2027", need: 1) == nil)
    #expect(
      check(.mittelabruf, "2028-01-01", created: "01.01.2028", need: 1)
        == .needAfterGrantEnd(grant: "MPSC-2021-WUP-B", id: "2028-01-01", end: day("31.12.2027")))
    #expect(check(.mittelabruf, "2028-01-01", created: "01.01.2028") == nil)
  }
}
