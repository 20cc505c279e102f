/// The CSV reports of a delivery (outputs.md, "CSV reports").
enum CSVReports {
  /// Belegliste: every eligible payment of the period, by cost item, date,
  /// voucher, then input line.
  static func voucherList(_ input: ReportInput) -> [UInt8] {
    var writer = CSVWriter(
      header: [
        "lfd_nr", "kostenposition", "zahlungsdatum", "beleg_nr", "empfaenger", "verwendungszweck", "massnahme",
        "kostenobjekt", "sachkonto", "netto", "ust", "brutto", "zuwendungsfaehig",
      ],
      freeText: ["empfaenger", "verwendungszweck"])
    for (index, row) in voucherRows(input).enumerated() {
      let booking = row.booking
      writer.append([
        String(index + 1), row.costItem ?? "", booking.paymentDate?.german ?? "", booking.voucher, booking.payee,
        booking.purpose, booking.measure, booking.costObject, booking.account, booking.net.csvValue,
        booking.vat.csvValue, booking.gross.csvValue, input.ledger.eligibleAmount(of: booking).csvValue,
      ])
    }
    return writer.bytes
  }

  static func voucherRows(_ input: ReportInput) -> [ClassifiedBooking] {
    input.figures.periodRows.sorted { lhs, rhs in
      let left = lhs.booking
      let right = rhs.booking
      if lhs.costItem != rhs.costItem { return codePointOrder(lhs.costItem ?? "", rhs.costItem ?? "") }
      if left.paymentDate != right.paymentDate {
        return (left.paymentDate ?? right.paymentDate ?? .firstDay(ofYear: 1))
          < (right.paymentDate ?? .firstDay(ofYear: 1))
      }
      if left.voucher != right.voucher { return codePointOrder(left.voucher, right.voucher) }
      return left.line < right.line
    }
  }

  /// Finanzuebersicht: plan and actual per measure, cost item and year.
  static func financialOverview(_ input: ReportInput) -> [UInt8] {
    var writer = CSVWriter(header: ["massnahme", "kostenposition", "jahr", "plan", "ist", "abweichung"])
    for row in input.figures.overview {
      writer.append([
        row.measure, row.costItem, String(row.year), row.plan.csvValue, row.actual.csvValue, row.deviation.csvValue,
      ])
    }
    return writer.bytes
  }

  /// Befunde: one row per finding and place.
  static func findings(_ findings: [Finding]) -> [UInt8] {
    var writer = CSVWriter(
      header: ["regel", "schwere", "massnahme", "kostenposition", "betrag", "datei", "zeile", "meldung"],
      freeText: ["meldung"])
    for finding in findings {
      let places: [SourcePlace?] = finding.places.isEmpty ? [nil] : finding.places
      // The same finding repeats on every place (a ledger defect can have
      // tens of thousands): its fields are encoded once, as bytes.
      let head = Array(
        writer.encode([
          finding.rule.rawValue, finding.severity.name, finding.measure ?? "", finding.costItem ?? "",
          finding.amount?.csvValue ?? "",
        ]).utf8)
      let message = Array(writer.encode([finding.message], firstColumn: 7).utf8)
      var files: [String: [UInt8]] = [:]
      writer.reserveCapacity(places.count * (head.count + message.count + 32))
      for place in places {
        writer.appendBytes(head)
        writer.appendByte(UInt8(ascii: ";"))
        if let place {
          if files[place.file] == nil { files[place.file] = Array(writer.encode([place.file], firstColumn: 5).utf8) }
          writer.appendBytes(files[place.file] ?? [])
          writer.appendByte(UInt8(ascii: ";"))
          writer.appendDecimal(place.line)
        } else {
          writer.appendByte(UInt8(ascii: ";"))
        }
        writer.appendByte(UInt8(ascii: ";"))
        writer.appendBytes(message)
        writer.endRecord()
      }
    }
    return writer.bytes
  }
}
