/// R-DOPPELT: grant rows with the same beleg_nr, kostenobjekt, sachkonto,
/// zahlungsdatum and brutto; one finding per group.
struct DuplicateVoucherRule: ComplianceRule {
  let id = RuleID.doppelt
  let severity = Severity.fehler
  let legalReference: String? = "ANBest-P Nr. 6 (Belegliste)"

  private struct Key: Hashable {
    var voucher: String
    var costObject: String
    var account: String
    var paymentDate: CalendarDate?
    var gross: Money
  }

  func findings(in context: RuleContext) -> [Finding] {
    // The ledger keeps a fingerprint of every row's key, sorted: only rows
    // whose fingerprints meet are fetched and compared field by field.
    var groups: [Key: [Booking]] = [:]
    for booking in context.ledger.duplicateCandidates where booking.isPresent(at: context.stichtag) {
      let key = Key(
        voucher: booking.voucher, costObject: booking.costObject, account: booking.account,
        paymentDate: booking.paymentDate, gross: booking.gross)
      groups[key, default: []].append(booking)
    }
    let duplicates = groups.compactMap { key, rows -> (Key, [Booking])? in
      rows.count > 1 ? (key, rows.sorted { $0.line < $1.line }) : nil
    }.sorted { $0.1[0].line < $1.1[0].line }
    return duplicates.map { key, rows in
      let date = key.paymentDate.map { "am \($0.german) bezahlt" } ?? "nicht bezahlt"
      return finding(
        "Beleg \(key.voucher) ist \(rows.count)-mal gebucht (Kostenobjekt \(key.costObject), Sachkonto "
          + "\(key.account), \(date), je \(key.gross.display)). Doppelbuchung stornieren oder den Unterschied belegen.",
        amount: key.gross, places: rows.map(context.place))
    }
  }
}
