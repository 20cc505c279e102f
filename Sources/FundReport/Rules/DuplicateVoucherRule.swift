/// R-DOPPELT: grant rows with the same beleg_nr, kostenobjekt, sachkonto,
/// zahlungsdatum and brutto; one finding per group.
struct DuplicateVoucherRule: ComplianceRule {
  let id = "R-DOPPELT"
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
    // Most rows differ in amount or date already: group by those cheap keys
    // first and compare the texts only where two rows share them.
    var candidates: [Int64: [Int]] = [:]
    for (index, row) in context.presentRows.enumerated() {
      let day = Int64(row.booking.paymentDate?.dayNumber ?? Int.min / 2)
      candidates[row.booking.gross.cents &* 1_000_003 &+ day, default: []].append(index)
    }
    let suspicious = candidates.values.filter { $0.count > 1 }.flatMap { $0 }.sorted()
    guard !suspicious.isEmpty else { return [] }
    var groups: [Key: [ClassifiedBooking]] = [:]
    var order: [Key] = []
    for row in suspicious.map({ context.presentRows[$0] }) {
      let booking = row.booking
      let key = Key(
        voucher: booking.voucher, costObject: booking.costObject, account: booking.account,
        paymentDate: booking.paymentDate, gross: booking.gross)
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(row)
    }
    return order.compactMap { key in
      guard let rows = groups[key], rows.count > 1 else { return nil }
      let date = key.paymentDate.map { "am \($0.german) bezahlt" } ?? "nicht bezahlt"
      return finding(
        "Beleg \(key.voucher) ist \(rows.count)-mal gebucht (Kostenobjekt \(key.costObject), Sachkonto "
          + "\(key.account), \(date), je \(key.gross.display)). Doppelbuchung stornieren oder den Unterschied belegen.",
        amount: key.gross, places: rows.map(context.place))
    }
  }
}
