/// The compliance rules of rules.md, by the id the interface writes (`regel`).
enum RuleID: String, Sendable, CaseIterable, Comparable {
  case konto = "R-KONTO"
  case positionUnbekannt = "R-POSITION-UNBEKANNT"
  case zeitraum = "R-ZEITRAUM"
  case summe = "R-SUMME"
  case doppelt = "R-DOPPELT"
  case offen = "R-OFFEN"
  case ausserScope = "R-AUSSER-SCOPE"
  case meilenstein = "R-MEILENSTEIN"
  case position20 = "R-POSITION-20"
  case positionAusgleich = "R-POSITION-AUSGLEICH"
  case gesamt = "R-GESAMT"
  case hoechstbetrag = "R-HOECHSTBETRAG"
  case jahr = "R-JAHR"
  case mittelverfall = "R-MITTELVERFALL"
  case zinsen = "R-ZINSEN"
  case kasse = "R-KASSE"
  case frist = "R-FRIST"

  /// rules.md orders findings of one severity by rule id, byte by byte.
  static func < (lhs: RuleID, rhs: RuleID) -> Bool {
    Array(lhs.rawValue.utf8).lexicographicallyPrecedes(rhs.rawValue.utf8)
  }
}
