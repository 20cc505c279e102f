extension German {
  static func text(_ view: ViewText) -> String {
    switch view {
    case .reportHeading(let kind, let period, let grant, let stichtag):
      return "\(kind.rawValue) \(period), \(grant), Stichtag \(stichtag.german)"
    case .figure(let figure):
      let name = figure.name.hasPrefix("@") ? String(figure.name.dropFirst()) : figure.name
      switch figure.scope {
      case .grant: return name
      case .costItem(let item): return "\(name) der Kostenposition \(item)"
      case .measure(let measure): return "\(name) der Maßnahme \(measure)"
      case .year(let year): return "\(name) des Jahres \(year)"
      case .milestone(let measure, let id): return "\(name) des Meilensteins \(id) (Maßnahme \(measure))"
      case .indicator(let measure, let id): return "\(name) des Indikators \(id) (Maßnahme \(measure))"
      case .drawdown(let number): return "\(name) des Abrufs \(number)"
      case .voucherList: return "\(name) der Belegliste"
      case .findings: return "\(name) der Prüfergebnisse"
      }
    case .sumOfLedger(let selection, let rows):
      return "Summe der zuwendungsfähigen Beträge (netto bei Vorsteuerabzug, sonst brutto) von "
        + (rows.map { counted($0, .booking) } ?? "den Buchungen")
        + " mit Zahlungsdatum vom \(selection.paid.start.german) bis "
        + "\(selection.paid.end.german)" + (selection.costItem.map { ", Kostenposition \($0)" } ?? "")
        + (selection.measure.map { ", Maßnahme \($0)" } ?? "")
        + "; gezählt wird eine bezahlte Buchung mit bekannter Kostenposition des Finanzplans, bezahlt im "
        + "Bewilligungszeitraum"
    case .sumOfPlan(let filter, let rows):
      var parts = ["Summe von \(rows) \(rows == 1 ? "Planzeile" : "Planzeilen") aus finanzplan.csv"]
      if let item = filter.costItem { parts.append("Kostenposition \(item)") }
      if let measure = filter.measure { parts.append("Maßnahme \(measure)") }
      if let years = filter.years {
        parts.append(
          years.lowerBound == years.upperBound ? "Jahr \(years.upperBound)" : "Jahre bis \(years.upperBound)")
      } else {
        parts.append("alle Jahre")
      }
      return parts.joined(separator: ", ")
    case .sumOfDrawdowns(let filter, let rows):
      let what = "Summe von \(rows) \(rows == 1 ? "Abruf" : "Abrufen") aus mittelabrufe.csv"
      switch filter {
      case .receivedBy(let day): return what + " mit Eingangsdatum bis \(day.german) (Rückzahlungen negativ)"
      case .receivedWithin(let interval):
        return what + " mit Eingangsdatum vom \(interval.start.german) bis \(interval.end.german)"
      case .requestedBy(let day): return what + " mit Abrufdatum bis \(day.german), eingegangen oder nicht"
      }
    case .inputValue(let value):
      guard let place = value.place else { return "auf der Befehlszeile angegeben (\(value.column))" }
      return "aus \(Self.text(ViewText.recordPlace(place))), Spalte \(value.column)"
    case .countOf(let items):
      return items.isEmpty ? "keine" : "gezählt: " + items.joined(separator: ", ")
    case .milestoneStatusRule(let planned, let actual, let stichtag):
      let rule =
        "erreicht, wenn Istdatum ≤ Stichtag; überfällig, wenn Plandatum < Stichtag und nicht erreicht; sonst offen"
      return "\(rule) (Plandatum \(planned.german), Istdatum \(actual?.german ?? "leer"), Stichtag \(stichtag.german))"
    case .voucherListFile:
      return "die Belegliste dieser Lieferung (Name nach outputs.md, SHA-256 über ihre Bytes)"
    case .more(let count): return "… und \(count) weitere (alle mit --all)"
    case .beyondSpreadsheet(let count, let limit):
      return "Hinweis: \(counted(count, .booking)) \(count == 1 ? "liegt" : "liegen") jenseits der "
        + "\(Money.groupThousands(String(limit))) Zeilen, die Excel zeigt; sie sind über Datei und Zeile in einem "
        + "Texteditor zu finden, oder in der Ausgabe von --format csv, die nur die Zeilen dieser Summe enthält."
    case .rowsTotal(let count): return "Summe (\(count) \(count == 1 ? "Zeile" : "Zeilen"))"
    case .interestRule:
      return "Zinsen nach § 49a Abs. 4 VwVfG: Basiszinssatz + 5 Prozentpunkte je Jahr, je Tag 1/365, "
        + "vom Eingangstag bis zum Tag vor der Verwendung (noch nicht verwendet: bis zum Stichtag); "
        + "je Abruf exakt summiert und einmal auf Cent gerundet"
    case .interestDrawdown(let number, let amount, let received, let place, let windowEnd, let window):
      return "Abruf \(number) über \(amount.display), eingegangen am \(received?.german ?? "?") "
        + "(\(Self.text(ViewText.recordPlace(place)))); Verwendungsfrist \(window), Fristende \(windowEnd.german)"
    case .interestNone(let numbers):
      return "Ohne Zinsen (rechtzeitig verwendet, oder die Frist läuft noch): \(numbers.count) "
        + "\(numbers.count == 1 ? "Abruf" : "Abrufe"): " + numbers.joined(separator: ", ")
    case .unusedAtStichtag: return "noch nicht verwendet"
    case .interestRounded(let exact, let rounded):
      return "exakt \(exact), kaufmännisch auf Cent gerundet: \(rounded.display)"
    case .interestPortionsSummed(let number, let count, let exact, let rounded):
      return
        "\(number): Summe der \(count) Teilbeträge oben (Betrag × Zinssatz × Tage/365) = \(exact) = \(rounded.grouped)"
    case .queueInterval(let from, let to): return "in der Warteschlange der abgerufenen Mittel von \(from) bis \(to)"
    case .recordPlace(let place):
      return "\(place.file) Zeile \(place.line)" + (place.spreadsheetRow.map { ", Tabellenzeile \($0)" } ?? "")
    case .column(let column): return heading(column)
    case .findingHeading(let rule, let severity, let amount):
      return "\(rule) (\(severity))" + (amount.map { ", Betrag \($0.display)" } ?? "")
    case .noFindings: return "Keine Befunde."
    case .placeWithoutRecord: return "(keine Buchung einer Zuwendung)"
    case .unpaidRowsListed(let count):
      return "\(counted(count, .booking)) ohne Zahlungsdatum bis zum Stichtag:"
    case .outlookHeading(let grant, let recipient, let asOf):
      return "Vorschau für \(grant) (\(recipient)), Stand \(asOf.german); Prognosen sind mit „Prognose“ gekennzeichnet"
    case .outlookNotStarted(let grant, let start):
      return "\(grant): der Bewilligungszeitraum beginnt erst am \(start.german); noch keine Vorschau."
    case .outlookSection(let section):
      switch section {
      case .drawdowns: return "Abgerufene, noch nicht verwendete Mittel"
      case .year(let year): return "Haushaltsjahr \(year)"
      case .costItems: return "Kostenpositionen gegenüber dem Finanzplan"
      case .dues(let days): return "Fällige Berichte der nächsten \(days) Tage"
      case .request: return "Mittelabruf"
      }
    case .outlookNoUnusedMoney: return "Alle abgerufenen Mittel sind verwendet."
    case .windowState(let windowEnd, let asOf):
      let days = asOf.days(to: windowEnd)
      if days >= 0 { return "Frist läuft noch \(days) \(days == 1 ? "Tag" : "Tage")" }
      return "Frist seit \(counted(-days, .dayDative)) abgelaufen: Zinsen laufen"
    case .yearPlan(let year, let plan, let actual):
      let share =
        plan.cents > 0
        ? " (\(Hundredths(Rounding.divideRoundingHalfAwayFromZero(actual.cents * 10_000, by: plan.cents)).display))"
        : ""
      return "PlanJahr \(year): \(plan.display); IstJahr bisher: \(actual.display)\(share)"
    case .yearTarget(let target):
      let goal = "\(target.percent) % (\(target.amount.display)) bis \(target.by.german)"
      if target.missing == .zero { return "\(goal): erreicht" }
      guard let perMonth = target.perMonth else {
        return "\(goal): nicht erreicht, es fehlten \(target.missing.display)"
      }
      return "\(goal): es fehlen \(target.missing.display), das sind \(perMonth.display) je Monat in "
        + "\(target.months) \(target.months == 1 ? "Monat" : "Monaten")"
    case .yearProjection(let year, let projected, let plan):
      let share =
        plan.cents > 0
        ? " = \(Hundredths(Rounding.divideRoundingHalfAwayFromZero(projected.cents * 10_000, by: plan.cents)).display) des PlanJahrs"
        : ""
      return
        "Prognose bei bisherigem Tempo (IstJahr je vergangenem Tag): IstJahr am 31.12.\(year) ≈ \(projected.display)\(share)"
    case .lapseRule(let applies):
      return applies
        ? "R-MITTELVERFALL (§ 45 BHO) prüft ab 30.09., ob IstJahr mindestens 50 % des PlanJahrs erreicht."
        : "Das Jahr liegt nicht ganz im Bewilligungszeitraum: R-MITTELVERFALL gilt nicht."
    case .projection(let projection):
      switch projection {
      case .passed: return "bereits überschritten"
      case .never: return "nicht bei diesem Tempo"
      case .month(let year, let month, let afterEnd):
        return "Prognose: \(month < 10 ? "0" : "")\(month).\(year)" + (afterEnd ? ", nach Ende der Bewilligung" : "")
      }
    case .noDues(let days): return "Keine Berichte in den nächsten \(days) Tagen fällig."
    case .requestToday(let request, let asOf):
      return "Ein Mittelabruf zum \(asOf.german) ergäbe \(request.request.display) (Bedarf \(request.need.display); "
        + "zu verwenden bis \(request.useBy.german)). Die Rechnung zeigt: fundreport explain mittelabruf --period "
        + "\(asOf.iso) Abruf/Abrufbetrag"
    case .dashboard(let label): return dashboard(label)
    case .outlookBlocked(let grant, let errors):
      return "Fehler: keine Vorschau für \(grant): \(counted(errors, .inputError)) betreffen die Zuwendung (siehe oben)"
    case .unknownPlace(let place, let suggestions):
      return "Fehler: \(place.quotedForMessage) ist keine Kennzahl dieses Berichts"
        + (suggestions.isEmpty ? "" : "; gemeint ist vielleicht " + suggestions.joined(separator: ", "))
        + ". explain --list zeigt alle."
    case .grantNeeded(let grants):
      return "Fehler: das Exportverzeichnis enthält mehrere Zuwendungen; bitte eine mit --grant wählen: "
        + grants.joined(separator: ", ")
    case .unknownRule(let rule):
      return "Fehler: \(rule.quotedForMessage) ist keine Prüfregel (rules.md), z. B. R-KONTO oder R-ZINSEN"
    case .explanationDisagrees(let place, let reported, let explained):
      return "\(place): die Erklärung ergibt \(explained), der Bericht enthält \(reported); nichts wird angezeigt "
        + "(ein Fehler von fundreport, bitte melden)"
    }
  }

  static func dashboard(_ label: DashboardLabel) -> String {
    switch label {
    case .siteTitle(let asOf): return "Zuwendungen im Überblick, Stand \(asOf.german)"
    case .grantTitle(let grant, let recipient, let asOf): return "\(grant) (\(recipient)), Stand \(asOf.german)"
    case .madeBy(let version):
      return "Erstellt von fundreport \(version) aus dem Export; die Lieferungen bleiben unverändert."
    case .figure(let name):
      switch name {
      case "Hoechstbetrag": return "Höchstbetrag"
      case "BundesanteilKumuliert": return "Bundesanteil"
      case "AbgerufenKumuliert": return "abgerufen"
      case "ZinsenAufgelaufen": return "Zinsen"
      default: return name
      }
    case .programme: return "Programm"
    case .period: return "Bewilligungszeitraum"
    case .findings: return "Befunde"
    case .nextDue: return "nächste Frist"
    case .none: return "keine"
    case .red: return "Rot"
    case .yellow: return "Gelb"
    case .green: return "Grün"
    case .allClear: return "keine Befunde, keine Zinsen, keine Frist in 30 Tagen"
    case .reasonErrors(let rules): return "Fehler: " + rules.joined(separator: ", ")
    case .reasonWarnings(let rules): return "Warnungen: " + rules.joined(separator: ", ")
    case .reasonInterest(let amount): return "Zinsen \(amount.display)"
    case .backToIndex: return "Zur Übersicht"
    case .deadlines: return "Fristen"
    case .action: return "Handlungsbedarf"
    case .funds: return "Mittel"
    case .howComputed: return "Rechnung"
    case .costItems: return "Kostenpositionen: Plan und Ist"
    case .chartCostItems:
      return
        "Balken je Kostenposition: PlanGesamt (grau) und IstKumuliert (schwarz), Linien bei 100 % und 120 % des Plans"
    case .chartLegend: return "grau: Plan, schwarz: Ist; Linie: 100 %, gestrichelt: 120 %"
    case .places(let count): return "\(count) \(count == 1 ? "Fundstelle" : "Fundstellen")"
    case .years: return "Ausgaben und Plan, kumuliert je Jahr"
    case .chartYears: return "Je Jahr: Plan bis zum Jahresende (grau) und zuwendungsfähige Ausgaben bis dahin (schwarz)"
    case .year: return "Jahr"
    case .planCumulative: return "Plan kumuliert"
    case .actualCumulative: return "Ist kumuliert"
    case .cash: return "Kassenbestand im Zeitverlauf"
    case .chartCash:
      return
        "Kassenbestand (abgerufen − Bundesanteil) am Ende jedes Monats; Striche: Eingang eines Abrufs; rot hinterlegt: Zeiten, in denen abgerufene Mittel Zinsen trugen"
    case .chartCashLegend: return "Linie: Kassenbestand (Nulllinie grau); Striche unten: Abrufe; rot: Zinsen liefen"
    case .chartAsTable: return "Die Werte als Tabelle"
    case .monthEnd: return "Monatsende"
    case .chartMilestones: return "Meilensteine auf der Zeitachse: geplant und erreicht, mit dem Stichtag"
    case .chartMilestonesLegend: return "Ring: Plandatum; gefülltes Quadrat: erreicht am; gestrichelte Linie: Stichtag"
    case .chartIndicators: return "Indikatoren: Istwert als Anteil am Zielwert (Balken), Linie bei 100 % des Ziels"
    case .progress: return "Meilensteine und Indikatoren"
    case .milestones: return "Meilensteine: geplant und erreicht"
    case .measure: return "Maßnahme"
    case .milestone: return "Meilenstein"
    case .planned: return "Plandatum"
    case .reached: return "erreicht am"
    case .progressPercent: return "Fortschritt"
    case .status: return "Status"
    case .indicators: return "Indikatoren: Ziel und Ist"
    case .indicator: return "Indikator"
    case .target: return "Zielwert"
    case .actual: return "Istwert"
    case .asOfDate: return "Stand"
    case .deliveries: return "Lieferungen im Register"
    case .noDeliveries: return "Das Register kennt noch keine Lieferung dieser Zuwendung."
    case .compareVersions:
      return "Was eine Berichtigung geändert hat, zeigt fundreport diff ORDNER_v1 ORDNER_v2 (Kennzahl für Kennzahl)."
    case .calendarFile: return "Alle Fristen als Kalenderdatei (fristen.ics, für Outlook oder Thunderbird)"
    case .morePlaces(let count, let rule):
      return "… und \(count) weitere; alle zeigt: fundreport explain … --finding \(rule) --format csv"
    case .vouchers: return "Belege"
    case .voucherList(let count): return "\(counted(count, .booking)) (CSV)"
    case .changes: return "Änderungen zwischen den Fassungen"
    case .changedFigure: return "Kennzahl"
    case .oldValue: return "bisher"
    case .newValue: return "neu"
    case .difference: return "Differenz"
    case .change(let kind, let period, let old, let new): return "\(kind.rawValue) \(period): \(old) → \(new)"
    case .version(let version, let created, let replaced):
      return replaced ? "v\(version), Entwurf vom \(created.german) (ersetzt)" : "v\(version) vom \(created.german)"
    case .moreChanges(let count):
      return "… und \(count) weitere; alle zeigt fundreport diff (Kennzahl für Kennzahl)"
    }
  }

  static func heading(_ column: ViewColumn) -> String {
    switch column {
    case .place: return "Ort"
    case .value: return "Wert"
    case .name: return "Name"
    case .file: return "Datei"
    case .line: return "Zeile"
    case .spreadsheetRow: return "Tabellenzeile"
    case .voucher: return "Beleg-Nr."
    case .postingDate: return "Buchungsdatum"
    case .paymentDate: return "Zahlungsdatum"
    case .costObject: return "Kostenobjekt"
    case .account: return "Sachkonto"
    case .measure: return "Maßnahme"
    case .costItem: return "Kostenposition"
    case .payee: return "Empfänger"
    case .purpose: return "Verwendungszweck"
    case .eligible: return "zuwendungsfähig"
    case .gross: return "brutto"
    case .year: return "Jahr"
    case .planAmount: return "Planbetrag"
    case .drawdownNumber: return "Abruf"
    case .requestDate: return "Abrufdatum"
    case .receiptDate: return "Eingangsdatum"
    case .amount: return "Betrag"
    case .usedOn: return "verwendet am"
    case .daysFrom: return "Zinstage von"
    case .daysThrough: return "bis"
    case .days: return "Tage"
    case .rate: return "Zinssatz"
    case .interest: return "Zinsen"
    case .rule: return "Regel"
    case .severity: return "Schwere"
    case .unused: return "nicht verwendet"
    case .dailyInterest: return "Zinsen je Tag"
    case .windowEnd: return "Fristende"
    case .state: return "Stand"
    case .utilization: return "Auslastung"
    case .lastTwelveMonths: return "Ist letzte 12 Monate"
    case .passes100: return "über 100 %"
    case .passes120: return "über 120 %"
    }
  }
}
