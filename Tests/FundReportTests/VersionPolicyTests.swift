import Testing

@testable import FundReport

/// The version policy alone (a pure function of the latest entry and the request), and the exit-code precedence.
@Suite struct VersionPolicyTests {
  static func entry(version: Int, status: Register.Status, reason: String? = nil) -> Register.Entry {
    Register.Entry(
      id: 1, grant: "FKZ-T1", kind: .quartalsbericht, period: "2026-Q3", version: version, status: status,
      created: fixedCreated, softwareVersion: "1", folder: "/out/FKZ-T1/Quartalsbericht_2026-Q3_v\(version)",
      fehler: 0, warnungen: 0, hinweise: 0, correctionReason: reason, submittedBy: nil, submittedAt: nil,
      justification: nil, needCents: 0)
  }

  typealias Case = (
    latest: Register.Entry?, same: Bool, correction: String?, run: Bool, expected: VersionPolicy.Decision
  )

  static let cases: [Case] = [
    // Nothing yet: v1, also by `run`; a correction has nothing to correct (exit 64).
    (nil, false, nil, false, .write(version: 1, reason: nil)),
    (nil, false, nil, true, .write(version: 1, reason: nil)),
    (nil, false, "Storno", false, .nothingToCorrect),
    // A draft is replaced under its number, keeping its reason; `run` leaves it when nothing changed.
    (entry(version: 1, status: .draft), true, nil, false, .write(version: 1, reason: nil)),
    (entry(version: 1, status: .draft), true, nil, true, .upToDate(entry(version: 1, status: .draft))),
    (entry(version: 1, status: .draft), false, nil, true, .write(version: 1, reason: nil)),
    (
      entry(version: 2, status: .draft, reason: "Storno"), false, nil, false,
      .write(version: 2, reason: "Storno")
    ),
    // A correction of a draft v1 corrects nothing; of a draft vN (a correction itself) it replaces the reason.
    (entry(version: 1, status: .draft), false, "Storno", false, .nothingToCorrect),
    (
      entry(version: 2, status: .draft, reason: "Storno"), false, "Storno und Nachbuchung", false,
      .write(version: 2, reason: "Storno und Nachbuchung")
    ),
    // A submitted version: refused without a correction, v+1 with one; `run` never corrects.
    (
      entry(version: 1, status: .submitted), false, nil, false,
      .refuse(entry(version: 1, status: .submitted), inputsChanged: false)
    ),
    (
      entry(version: 1, status: .submitted), false, "Beleg 4711 storniert", false,
      .write(version: 2, reason: "Beleg 4711 storniert")
    ),
    (entry(version: 1, status: .submitted), true, nil, true, .upToDate(entry(version: 1, status: .submitted))),
    (
      entry(version: 1, status: .submitted), false, nil, true,
      .refuse(entry(version: 1, status: .submitted), inputsChanged: true)
    ),
    (
      entry(version: 1, status: .submitted), false, "x", true,
      .refuse(entry(version: 1, status: .submitted), inputsChanged: true)
    ),
  ]

  @Test(arguments: cases.indices)
  func decides(index: Int) {
    let (latest, same, correction, run, expected) = Self.cases[index]
    #expect(
      VersionPolicy.decide(latest: latest, sameInputs: same, correctionReason: correction, onlyWhenChanged: run)
        == expected)
  }

  /// One order decides the exit code everywhere: 70 > 75 > 73 > 77 > 64 > 66 > 65 > 1 > 0.
  @Test func theMostSevereOutcomeWins() {
    let order: [RunStatus] = [
      .success, .findingsWithErrors, .dataError, .inputMissing, .usage, .refused, .cannotWrite, .temporaryFailure,
      .internalError,
    ]
    for (lower, lhs) in order.enumerated() {
      for (higher, rhs) in order.enumerated() {
        let expected = order[max(lower, higher)]
        #expect(RunStatus.mostSevere(lhs, rhs) == expected, "\(lhs) \(rhs)")
      }
    }
    #expect(
      [RunStatus.dataError, .success, .cannotWrite, .findingsWithErrors].reduce(.success, RunStatus.mostSevere)
        == .cannotWrite)
  }
}
