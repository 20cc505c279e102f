import SystemPackage

/// Everything fundreport says to people, in German (the default).
///
/// Amounts are written `1.234,56 €`, dates `15.10.2026`; values read from
/// an input are quoted with control characters made visible.
enum German: MessageCatalog {
  // MARK: Words

  static func label(_ label: MessageLabel) -> String {
    switch label {
    case .error: return "Fehler"
    case .note: return "Hinweis"
    case .internalError: return "interner Fehler"
    }
  }

  static func counted(_ count: Int, _ noun: CountedNoun) -> String {
    let (singular, plural): (String, String)
    switch noun {
    case .fehler: (singular, plural) = ("Fehler", "Fehler")
    case .warnung: (singular, plural) = ("Warnung", "Warnungen")
    case .hinweis: (singular, plural) = ("Hinweis", "Hinweise")
    case .inputError: (singular, plural) = ("Eingabefehler", "Eingabefehler")
    case .booking: (singular, plural) = ("Buchung", "Buchungen")
    case .finding: (singular, plural) = ("Befund", "Befunde")
    case .file: (singular, plural) = ("Datei", "Dateien")
    case .dayDative: (singular, plural) = ("Tag", "Tagen")
    case .field: (singular, plural) = ("Feld", "Felder")
    case .job: (singular, plural) = ("Auftrag", "Aufträge")
    case .figure: (singular, plural) = ("Kennzahl", "Kennzahlen")
    case .row: (singular, plural) = ("Zeile", "Zeilen")
    }
    return "\(count) \(count == 1 ? singular : plural)"
  }

  static func name(_ kind: InputError.Kind) -> String {
    switch kind {
    case .fileAccess: return "Datei"
    case .structure: return "Struktur"
    case .header: return "Kopfzeile"
    case .value: return "Wert"
    }
  }

  static func name(_ category: InputError.Category) -> String {
    switch category {
    case .missingFile: return "fehlende Datei"
    case .unreadableFile: return "unlesbare Datei"
    case .emptyFile: return "leere Datei"
    case .unclosedQuote: return "offenes Anführungszeichen"
    case .strayQuote: return "überzähliges Anführungszeichen"
    case .tooManyFields: return "zu viele Felder"
    case .invalidByte: return "ungültiges Byte"
    case .missingColumn: return "fehlende Spalte"
    case .duplicateHeader: return "doppelter Spaltenkopf"
    case .brokenHeader: return "defekte Kopfzeile"
    case .lineEnds: return "Zeilenenden"
    case .shortRow: return "kurze Zeile"
    case .missingValue: return "fehlender Wert"
    case .badValue: return "ungültiger Wert"
    case .unknownReference: return "unbekannter Verweis"
    case .duplicateKey: return "doppelter Schlüssel"
    case .missingPlan: return "Zuwendung ohne Plan"
    case .missingBaseRate: return "fehlender Basiszinssatz"
    }
  }

  private static func list(_ items: [String], or: Bool = false) -> String {
    guard items.count > 1, let last = items.last else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + (or ? " oder " : " und ") + last
  }

  // MARK: Input

  static func text(_ problem: InputProblem) -> String {
    switch problem {
    case .missingFile:
      return "die Eingabedatei fehlt; sie ist erforderlich"
    case .unreadable(let code):
      return "kann nicht gelesen werden: \(systemReason(code))"
    case .similarFile(let name, let content):
      return "die Datei fehlt; im Exportverzeichnis liegt aber \(name.quotedForMessage)"
        + (content.map { ", " + foreign($0) } ?? "")
        + ". Ist sie gemeint, bitte \(content == nil ? "so umbenennen" : "als CSV speichern und so benennen"), "
        + "dass sie wie die Eingabedatei heißt, oder in fundreport.yaml unter files: als path angeben"
    case .notCSV(let content):
      return "ist keine CSV-Datei, sondern \(foreign(content)); bitte \(saveAsCSV(content))"
    case .emptyFile:
      return "die Datei ist leer: eine Kopfzeile ist erforderlich"
    case .headerUnreadable:
      return "die Kopfzeile kann nicht gelesen werden (siehe den Fehler davor); bitte korrigieren, "
        + "die Zeilen wurden nicht geprüft"
    case .headerLoneCarriageReturn:
      return "die Kopfzeile enthält einen Wagenrücklauf (CR), dem kein Zeilenvorschub folgt: die Zeilen der Datei "
        + "enden nur mit CR (ein alter Mac-Export); bitte mit CRLF- oder LF-Zeilenenden speichern. "
        + "Die Datei wurde nicht weiter gelesen"
    case .duplicateHeader(let first, let second, let column):
      return "die Spaltenköpfe \(first.quotedForMessage) und \(second.quotedForMessage) meinen beide die Spalte "
        + "\"\(column)\""
    case .missingColumn(let column, let configuredAs, let header, let more):
      let alias = configuredAs.map { " (konfiguriert als \($0.quotedForMessage))" } ?? ""
      let listing =
        header.map(\.quotedForMessage).joined(separator: ", ") + (more > 0 ? " … und \(more) weitere" : "")
      return "die Pflichtspalte \"\(column)\"\(alias) fehlt; die Kopfzeile enthält: \(listing)"
    case .shortRow(let fields, let header):
      return "die Zeile hat \(counted(fields, .field)), die Kopfzeile \(header)"
    case .tooManyFields(let header):
      return "zu viele Felder: die Kopfzeile hat \(counted(header, .field))"
    case .unclosedQuoteNeverEnds:
      return "offenes Anführungszeichen: das Feld in Anführungszeichen, das hier beginnt, endet nie"
    case .unclosedQuoteTooLong(let mebibytes):
      return "offenes Anführungszeichen: das Feld in Anführungszeichen, das hier beginnt, ist länger als "
        + "\(mebibytes) MiB"
    case .unclosedQuoteRunsOn(let lines):
      return "offenes Anführungszeichen: das Feld in Anführungszeichen, das hier beginnt, reicht "
        + (lines == 1 ? "bis in die nächste Zeile" : "\(lines) Zeilen weit")
        + ", wo auf ein Anführungszeichen Text folgt"
    case .recordTooLong(let mebibytes):
      return "ein Datensatz ist länger als \(mebibytes) MiB und hat kein Zeilenende"
    case .strayQuoteAfterField:
      return "überzähliges Anführungszeichen: ein Feld in Anführungszeichen muss mit einem Anführungszeichen enden, "
        + "auf das das Trennzeichen oder das Zeilenende folgt"
    case .strayQuoteInField:
      return "überzähliges Anführungszeichen: ein Feld, das ein Anführungszeichen enthält, muss in Anführungszeichen "
        + "stehen, das Anführungszeichen verdoppelt"
    case .invalidUTF16(let order, let units, let offset):
      return "die Datei ist \(order.rawValue), aber \(units == 1 ? "1 Zeichen ist" : "\(units) Zeichen sind") kein "
        + "gültiges UTF-16 (das erste bei Byte \(offset)) und wurde\(units == 1 ? "" : "n") als U+FFFD gelesen; "
        + "bitte neu exportieren"
    case .invalidByte(let byte, let encoding):
      return "ungültiges Byte \(hex(byte)) für die Kodierung der Datei (\(encoding.rawValue))"
    case .workbook(let failure): return workbook(failure)
    case .value(let column, let problem):
      return "\(column): \(text(problem))"
    case .folderCollision(let column, let first, let firstLine, let second, let secondLine, let folder):
      return "\(column): die Zuwendungen \(first.quotedForMessage) (Zeile \(firstLine)) und "
        + "\(second.quotedForMessage) (Zeile \(secondLine)) würden beide in den Ordner \(folder.quotedForMessage) "
        + "geschrieben (jedes Zeichen außer A-Z a-z 0-9 . _ - wird zu _); bitte einer von ihnen ein "
        + "Förderkennzeichen geben, das sich in diesen Zeichen unterscheidet"
    case .grantWithoutPlan(let grant):
      return "die Zuwendung \(grant) hat keine Zeilen in finanzplan.csv"
    }
  }

  static func text(_ problem: ValueProblem) -> String {
    switch problem {
    case .missing(let form): return "Wert fehlt; erwartet \(text(form))"
    case .invalid(let value, let form): return "\(value.quotedForMessage) ist ungültig; erwartet \(text(form))"
    case .controlCharacter(let value, let code):
      return "\(value.quotedForMessage) enthält das Steuerzeichen U+\(code), das XML nicht tragen kann; "
        + "erwartet Text ohne Steuerzeichen"
    case .formulaStart(let value, let first):
      return "\(value.quotedForMessage) beginnt mit \"\(first)\", was eine Tabellenkalkulation als Formel ausführen "
        + "würde; erwartet eine Kennung, die mit einem Buchstaben oder einer Ziffer beginnt"
    case .tooLong(let value, let length):
      return "\(value.quotedForMessage) ist zu lang (\(length) Zeichen); erwartet eine Kennung mit höchstens 64 Zeichen"
    case .outOfRange(let value, let range):
      let expected: String
      switch range {
      case .aboveZeroUpToHundred: expected = "mehr als 0 und höchstens 100"
      case .zeroToHundred: expected = "0 bis 100"
      case .aboveMinusHundredUpToHundred: expected = "mehr als -100 und höchstens 100"
      }
      return "\(value) liegt außerhalb des Bereichs; erwartet \(expected)"
    case .negative(let value): return "\(value.display) ist negativ; erwartet 0 oder mehr"
    case .notPositiveOrTooLarge(let value, let limit):
      return "\(value.display) muss größer als 0 und höchstens \(limit.display) sein"
    case .amountLimit(let limit):
      return "die Beträge dieser Zuwendung in dieser Datei ergeben zusammen (dem Betrag nach) mehr als "
        + "\(limit.display), mehr als fundreport genau summiert; bitte den Export prüfen"
    case .dateBefore(let date, let otherColumn, let other):
      return "\(date.german) liegt vor \(otherColumn) \(other.german)"
    case .unknownGrant(let grant): return "\(grant.quotedForMessage) ist keine Zuwendung aus zuwendung.csv"
    case .unknownMeasure(let measure, let grant):
      return "\(measure.quotedForMessage) ist keine Maßnahme der Zuwendung \(grant) in massnahmen.csv"
    case .unusableFolder(let id, let folder):
      return "\(id.quotedForMessage) kann keinen Lieferordner benennen (er hieße \(folder.quotedForMessage), "
        + "wie der Ausgabeordner selbst oder der darüber)"
    case .cellProblem(let kind):
      switch kind {
      case .excelError(let code):
        let shown = WorkbookText.germanErrorName(code)
        return "die Zelle enthält den Excel-Fehler \(shown)\(shown == code ? "" : " (\(code))") statt eines Werts; "
          + "bitte die Formel oder den Bezug im Tabellenblatt korrigieren"
      case .notANumber(let value):
        return "die Zelle ist als Zahl gespeichert, ihr Inhalt \(value.quotedForMessage) ist aber keine Zahl; "
          + "bitte die Arbeitsmappe in Excel neu speichern"
      case .missingSharedString(let index):
        return "die Zelle verweist auf den Text Nr. \(index) der Arbeitsmappe, den es nicht gibt (die Datei ist "
          + "beschädigt); bitte die Arbeitsmappe in Excel neu speichern"
      }
    case .duplicate(let key):
      switch key {
      case .grant(let id): return "die Zuwendung \(id.quotedForMessage) kommt zweimal vor"
      case .measure(let id, let grant):
        return "die Maßnahme \(id.quotedForMessage) der Zuwendung \(grant) kommt zweimal vor"
      case .planRow(let measure, let costItem, let year):
        return "die Planzeile für \(measure) / \(costItem) / \(year) kommt zweimal vor"
      case .costObject(let id, let line):
        return "das Kostenobjekt \(id.quotedForMessage) ist zweimal aufgeführt (zuerst in Zeile \(line))"
      case .accountPrefix(let prefix, let line):
        return "das Präfix \(prefix.quotedForMessage) kommt zweimal vor (zuerst in Zeile \(line))"
      case .drawdown(let number, let grant):
        return "der Mittelabruf \(number.quotedForMessage) der Zuwendung \(grant) kommt zweimal vor"
      case .milestone(let id, let grant, let measure):
        return "der Meilenstein \(id.quotedForMessage) von \(grant) / \(measure) kommt zweimal vor"
      case .indicatorValue(let id, let grant, let measure, let date):
        return "der Indikator \(id.quotedForMessage) von \(grant) / \(measure) hat zwei Werte für \(date.german)"
      case .baseRate(let date): return "ein Satz ab \(date.german) kommt zweimal vor"
      }
    }
  }

  static func text(_ form: ValueForm) -> String {
    switch form {
    case .text: return "einen Text"
    case .date: return "ein Datum TT.MM.JJJJ (oder JJJJ-MM-TT, JJJJMMTT)"
    case .amount(let separator):
      return "einen Betrag wie \(separator == "," ? "1.234,56" : "1,234.56") mit höchstens zwei Nachkommastellen"
    case .percentage(let separator):
      return "einen Prozentsatz wie 90\(separator)5 mit höchstens zwei Nachkommastellen"
    case .decimal: return "eine Zahl mit höchstens vier Nachkommastellen, ohne Tausendertrennzeichen"
    case .wholeNumber: return "eine ganze Zahl"
    case .flag: return "ja oder nein (auch j/n, 1/0, true/false)"
    case .phase: return "A oder B"
    case .year: return "eine vierstellige Jahreszahl"
    case .accountPrefix: return "1 bis 10 Ziffern"
    case .spendingWindow: return "Monate oder Wochen wie 2M oder 6W"
    }
  }

  /// What a file with `content` is.
  static func workbook(_ failure: WorkbookCopy.Failure) -> String {
    switch failure {
    case .notWorkbook: return "ist keine CSV-Datei, sondern \(foreign(.zip)); bitte \(saveAsCSV(.zip))"
    case .zip(.notZip): return "die Arbeitsmappe ist beschädigt oder unvollständig (ihr ZIP-Verzeichnis fehlt)"
    case .zip(.tooLarge):
      return "die Arbeitsmappe ist 4 GiB groß oder größer (ZIP64); fundreport liest Arbeitsmappen bis 4 GiB, "
        + "bitte als CSV speichern"
    case .zip(.encrypted(let entry)):
      return "der Teil \(entry) der Arbeitsmappe ist verschlüsselt; bitte ohne Kennwort speichern"
    case .zip(.method(let entry, let method)):
      return "der Teil \(entry) der Arbeitsmappe ist mit einem Verfahren gepackt, das fundreport nicht liest "
        + "(Methode \(method)); bitte in Excel neu speichern"
    case .zip(.damaged(let entry)):
      return "der Teil \(entry) der Arbeitsmappe ist beschädigt (Inhalt, Prüfsumme oder Länge stimmen nicht); "
        + "bitte in Excel neu speichern"
    case .zip(.unreadable(let code)): return "kann nicht gelesen werden: \(systemReason(code))"
    case .xml(let part, let line, let message):
      return "der Teil \(part) der Arbeitsmappe ist kein gültiges XML (Zeile \(line): \(message)); bitte in Excel "
        + "neu speichern"
    case .noSheet(nil, _): return "die Arbeitsmappe hat kein Tabellenblatt"
    case .noSheet(let wanted?, let available):
      return "die Arbeitsmappe hat kein Tabellenblatt \(wanted.quotedForMessage) (sheet: in fundreport.yaml); "
        + "sie hat: " + available.map(\.quotedForMessage).joined(separator: ", ")
    case .write(let code):
      return "die Kopie des Tabellenblatts kann nicht geschrieben werden (TMPDIR): \(systemReason(code))"
    }
  }

  static func foreign(_ content: ForeignContent) -> String {
    switch content {
    case .zip: return "eine ZIP-Datei ohne Excel-Arbeitsmappe (etwa ein anderes Office-Dokument)"
    case .oldExcel: return "eine alte Excel-Arbeitsmappe (.xls)"
    case .utf16WithoutByteOrderMark:
      return "UTF-16-Text ohne Byte-Order-Mark (jedes zweite Byte ist 0), dessen Bytereihenfolge nicht feststeht"
    }
  }

  static func saveAsCSV(_ content: ForeignContent) -> String {
    switch content {
    case .zip:
      return "als Excel-Arbeitsmappe (.xlsx) oder als „CSV UTF-8 (durch Trennzeichen getrennt)“ speichern"
    case .oldExcel:
      return "in Excel mit „Speichern unter“ als „Excel-Arbeitsmappe (.xlsx)“ oder als „CSV UTF-8 (durch "
        + "Trennzeichen getrennt)“ speichern"
    case .utf16WithoutByteOrderMark:
      return "als UTF-8 (in Excel „CSV UTF-8 (durch Trennzeichen getrennt)“) oder als UTF-16 mit Byte-Order-Mark "
        + "(in Excel „Unicode-Text“) speichern"
    }
  }

  static func text(_ note: InputNoteKind) -> String {
    switch note {
    case .optionalFileAbsent(let input):
      switch input {
      case .mittelabrufe:
        return "die Datei fehlt (sie ist optional): keine Mittelabrufe, also AbgerufenKumuliert 0,00 €, "
          + "Kassenbestand = −Bundesanteil und keine Zinsen"
      case .meilensteine: return "die Datei fehlt (sie ist optional): keine Meilensteine, R-MEILENSTEIN prüft nichts"
      case .indikatoren: return "die Datei fehlt (sie ist optional): die Berichte nennen keine Indikatoren"
      case .basiszinssatz:
        return "die Datei fehlt (sie ist optional): ohne Basiszinssatz können Zinsen auf Mittelabrufe nicht "
          + "berechnet werden; fallen welche an, ist das ein Eingabefehler"
      }
    case .titleLinesSkipped(let count):
      return (count == 1 ? "die erste Zeile steht" : "die ersten \(count) Zeilen stehen")
        + " vor der Kopfzeile (Titelzeilen des Exports) und wurde\(count == 1 ? "" : "n") übersprungen; "
        + "die Kopfzeile ist die erste Zeile mit allen Pflichtspalten (oder header_line: in fundreport.yaml)"
    case .mixedEncoding(let byte, let invalid, let valid):
      return "als Windows-1252 gelesen, weil das Byte \(hex(byte)) hier kein UTF-8 ist ("
        + (invalid == 1 ? "das einzige solche Byte" : "das erste von \(invalid)")
        + "); aber \(valid) andere Zeichen sind gültiges UTF-8, es kann also ein UTF-8-Export mit einzelnen fremden "
        + "Bytes sein, dessen Umlaute jetzt als \"Ã¼\" erscheinen. Bitte die Bytes korrigieren und neu exportieren "
        + "oder in fundreport.yaml für die Datei encoding: UTF-8 setzen"
    }
  }

  // MARK: Jobs

  static func logText(_ event: JobEvent) -> String {
    switch event {
    case .delivered(let folder, let fehler, let warnungen, let hinweise):
      return "\(folder): \(counted(fehler, .fehler)), \(counted(warnungen, .warnung)), \(counted(hinweise, .hinweis))"
    case .upToDate(let folder, let submitted):
      return submitted ? "aktuell (eingereicht): \(folder)" : "aktuell: \(folder)"
    case .refused(let grant, let kind, let period, let version, let submittedAt, let inputsChanged):
      return "abgelehnt: \(kind.rawValue) \(period) v\(version) von \(grant) wurde am \(submittedAt ?? "?") "
        + "eingereicht und wird nie geändert; "
        + (inputsChanged
          ? "seine Eingaben haben sich seitdem geändert: vielleicht ist eine Berichtigung nötig "
            + "(fundreport report ... --correction \"Grund\")"
          : "für eine Berichtigung erneut mit --correction \"Grund\" aufrufen (ergibt v\(version + 1))")
    case .wouldChange(let grant, let kind, let period, let version, let changes):
      guard !changes.isEmpty else {
        return "\(grant): eine Berichtigung von \(kind.rawValue) \(period) v\(version) würde keine Kennzahl ändern, "
          + "nur die Quelldaten"
      }
      let listed = changes.prefix(5).map { change in
        String(
          text(.diffFigure(place: change.place, old: change.old, new: change.new, difference: change.difference))
            .drop { $0 == " " })
      }
      return "\(grant): eine Berichtigung von \(kind.rawValue) \(period) v\(version) würde "
        + "\(counted(changes.count, .figure)) ändern: " + listed.joined(separator: "; ")
        + (changes.count > 5
          ? "; … und \(changes.count - 5) weitere (alle: fundreport diff ORDNER --input EXPORT)" : "")
    case .grantBlocked(let grant, let kind, let errors):
      return "\(grant): \(counted(errors, .inputError)); für diese Zuwendung wurde kein \(kind.rawValue) geschrieben"
    case .skipped(let invalid): return "übersprungen: \(text(.period(invalid)))"
    case .noStatementDue(let grant, let year, let due):
      return "\(grant): für \(year), das letzte Jahr des Bewilligungszeitraums, ist kein Zwischennachweis fällig; "
        + "das Jahr weist der Verwendungsnachweis nach (fällig am \(due.german))"
    case .inputError(let error): return text(.inputError(error))
    case .inputErrorsNotListed(let count, let category):
      return "… und \(count) weitere der Art \"\(name(category))\" (alle: --errors-csv DATEI)"
    case .inputErrorTotal(let total, let counts):
      return "\(counted(total, .inputError)): "
        + counts.map { "\($0.count) × \(name($0.category))" }.joined(separator: ", ")
    case .inputNote(let note): return text(.inputNote(note))
    case .settled(let action):
      switch action {
      case .restored(let folder): return "\(folder) wiederhergestellt, dessen Ersetzung unterbrochen wurde"
      case .confirmed(let folder):
        return "\(folder) bestätigt: ein unterbrochener Befehl hatte die Lieferung vollständig geschrieben"
      case .madeReadOnly(let folder): return "\(folder) wieder schreibgeschützt (die Lieferung ist eingereicht)"
      case .removedUnfinished(let path): return "die unfertige Lieferung \(path) entfernt"
      case .removedReplaced(let path): return "die ersetzte Lieferung \(path) entfernt"
      }
    case .failed(let problem): return text(.job(problem))
    case .internalError(let detail): return detail
    }
  }

  static func problem(_ problem: JobProblem) -> String {
    switch problem {
    case .inputDirectoryMissing(let path): return text(.inputDirectoryMissing(path))
    case .exportIncomplete(let directory):
      return "das Exportverzeichnis \(directory) ist unvollständig; es wurde kein Bericht geschrieben"
    case .inputErrorsAffectEveryGrant(let count):
      return "\(counted(count, .inputError)) \(count == 1 ? "betrifft" : "betreffen") alle Zuwendungen; "
        + "es wurde kein Bericht geschrieben"
    case .unknownGrant(let grant, let known):
      return "die Zuwendung \(grant) steht nicht in zuwendung.csv; der Export enthält: "
        + known.joined(separator: ", ")
    case .period(let invalid): return text(.period(invalid))
    case .store(let failure): return text(.store(failure))
    case .register(let failure): return text(.registerFailure(failure))
    case .errorsCSV(let error): return text(error)
    case .missingBaseRate(let file, let grant, let missing):
      return "\(file): \(label(.error)): \(text(.missingBaseRate(grant: grant, missing)))"
    case .notWrittenFrom(let grant): return "ab \(grant) wurde keine Lieferung geschrieben"
    case .nothingToCorrect(let grant, let kind, let period):
      return "\(grant): von \(kind.rawValue) \(period) ist keine Version eingereicht, also nichts zu berichtigen; "
        + "ohne --correction aufrufen (eine Berichtigung ersetzt nur eine eingereichte Version)"
    case .configuration(let invalid): return text(.configurationError(invalid))
    case .runLocked(let held):
      return "ein anderer fundreport-Lauf (PID \(held.pid)) hält die Sperre \(held.path); nicht gestartet"
    case .deliveredWithFehler(let kind, let period):
      return "\(kind.rawValue) \(period): geliefert, mit Befunden der Schwere Fehler"
    case .jobsFailed(let jobs):
      let parts = jobs.map { job -> String in
        switch job {
        case .grantHasErrors(let kind, let grant): return "\(kind.rawValue): \(grant) hat Eingabefehler"
        case .grantUnknown(let kind, let grant):
          return "\(kind.rawValue): die Zuwendung \(grant) steht nicht im Export"
        case .exited(let kind, let period, let grants, let status):
          return "\(kind.rawValue) \(period) (\(grants.joined(separator: ", "))): Exit-Code \(status.rawValue)"
        }
      }
      return "\(counted(jobs.count, .job)) fehlgeschlagen: \(parts.joined(separator: "; "))"
    }
  }

  // MARK: Files and the register

  static func text(_ error: FileSystemError) -> String {
    let action: String
    switch error.action {
    case .createFolder: action = "der Ordner kann nicht angelegt werden"
    case .createFile: action = "die Datei kann nicht angelegt werden"
    case .write: action = "kann nicht geschrieben werden"
    case .sync: action = "kann nicht auf die Platte gesichert werden"
    case .openFolder: action = "der Ordner kann nicht geöffnet werden"
    case .readFolder: action = "der Ordner kann nicht gelesen werden"
    case .open: action = "kann nicht geöffnet werden"
    case .read: action = "kann nicht gelesen werden"
    case .remove: action = "kann nicht entfernt werden"
    case .changePermissions: action = "die Zugriffsrechte können nicht geändert werden"
    case .rename(let target): action = "kann nicht in \(target) umbenannt werden"
    case .takeLock: action = "die Sperre kann nicht genommen werden"
    case .createLockFile: action = "die Sperrdatei kann nicht angelegt werden"
    case .refused: action = "abgelehnt"
    }
    return "\(error.path): \(action): \(cause(error.cause))"
  }

  static func cause(_ cause: FileSystemError.Cause) -> String {
    switch cause {
    case .system(let code): return systemReason(code)
    case .symbolicLink:
      return "es ist ein symbolischer Link, und fundreport schreibt durch keinen Link, den es nicht selbst angelegt hat"
    case .fileInTheWay: return "eine Datei dieses Namens ist im Weg"
    case .notAFile: return "es ist ein Ordner oder ein Gerät, keine Datei"
    case .insideDelivery(let delivery):
      return "es liegt in der Lieferung \(delivery), und eine Lieferung enthält nur ihre eigenen Dateien"
    }
  }

  static func systemReason(_ error: Errno) -> String {
    switch error {
    case .noSuchFileOrDirectory: return "Datei oder Ordner nicht vorhanden"
    case .permissionDenied: return "keine Berechtigung"
    case .notPermitted: return "Vorgang nicht erlaubt"
    case .noSpace: return "kein Platz mehr auf dem Gerät (die Platte ist voll)"
    case .diskQuotaExceeded: return "das Speicherkontingent ist erschöpft"
    case .readOnlyFileSystem: return "das Dateisystem ist nur lesbar"
    case .fileExists: return "existiert bereits"
    case .notDirectory: return "ein Teil des Pfads ist kein Ordner"
    case .isDirectory: return "ist ein Ordner"
    case .tooManySymbolicLinkLevels: return "zu viele symbolische Links"
    case .ioError: return "Ein-/Ausgabefehler des Geräts"
    case .fileNameTooLong: return "der Name ist zu lang"
    case .tooManyOpenFiles, .tooManyOpenFilesInSystem: return "zu viele offene Dateien"
    case .resourceBusy: return "das Gerät oder die Ressource ist belegt"
    case .directoryNotEmpty: return "der Ordner ist nicht leer"
    case .improperLink: return "Umbenennen über Dateisystemgrenzen ist nicht möglich"
    default: return "Systemfehler \(error.rawValue) (\(error.description))"
    }
  }

  static func database(_ problem: Register.Failure.DatabaseProblem) -> String {
    switch problem {
    case .busy: return "ein anderer Prozess hält es gesperrt (10 Sekunden gewartet)"
    case .full: return "die Platte ist voll"
    case .damaged: return "die Datei ist beschädigt oder kein Register"
    case .cannotOpen: return "die Datei kann nicht geöffnet werden (fehlender Ordner oder keine Berechtigung)"
    case .readOnly: return "es darf nicht geschrieben werden (schreibgeschützt)"
    case .inputOutput: return "die Platte meldete einen Ein-/Ausgabefehler"
    case .system(let code): return systemReason(code)
    case .other(let detail): return "SQLite meldet: \(detail)"
    }
  }

  // MARK: Everything else

  static func text(_ text: UserText) -> String {
    switch text {
    case .inputError(let error):
      return placed(error.file, error.line, error.column, .error, Self.text(error.problem), sheet: error.sheet)
    case .inputNote(let note):
      return placed(note.file, note.line, note.column, .note, Self.text(note.kind), sheet: note.sheet)
    case .configurationError(let invalid):
      return placed(invalid.file, invalid.line, nil, .error, Self.text(.configuration(invalid.problem)))
    case .configuration(let problem): return configuration(problem)
    case .allGrants: return "alle Zuwendungen"
    case .errorsCSVHeader(let column):
      switch column {
      case .file: return "datei"
      case .line: return "zeile"
      case .column: return "spalte"
      case .kind: return "art"
      case .category: return "kategorie"
      case .scope: return "betrifft"
      case .message: return "meldung"
      }

    case .period(let invalid): return period(invalid)
    case .store(let failure): return store(failure)
    case .registerFailure(let failure): return "\(failure.path): \(register(failure.problem))"
    case .file(let error): return Self.text(error)
    case .missingBaseRate(let grant, let missing):
      return "basiszinssatz.csv hat keinen Satz für den \(missing.day.german), den die Zinsen auf den Mittelabruf "
        + "\(missing.drawdown) von \(grant) brauchen"
    case .job(let problem): return Self.problem(problem)
    case .inputDirectoryMissing(let path): return "\(path): \(label(.error)): das Eingabeverzeichnis existiert nicht"
    case .failure(let inner): return "\(label(.error)): \(Self.text(inner))"
    case .internalError(let detail): return "\(label(.internalError)): \(detail)"

    case .checkHeading(let directory, let asOf): return "Export \(directory), Stichtag \(asOf.german)"
    case .column(let column): return heading(column)
    case .tabDelimiter: return "Tab"
    case .sheet(let name): return "Blatt \(name.quotedForMessage)"
    case .absentOptional: return "fehlt (optional)"
    case .inputErrorsNoReport: return "Eingabefehler: kein Bericht möglich"
    case .baseRateMissing: return "Eingabefehler: Basiszinssatz fehlt"
    case .outOfScope(let rows, let total, let invalid):
      return
        "Außerhalb jeder Zuwendung: \(rows) von \(counted(total, .booking)), davon \(invalid) mit ungültigen Werten"

    case .deadlineMet: return "erledigt"
    case .deliveryState(let state):
      switch state {
      case .submitted(let version, let at):
        return "eingereicht" + (at.map { " am \($0.date.german)" } ?? "") + " (v\(version))"
      case .draft(let version, let created): return "Entwurf v\(version) vom \(created.date.german)"
      case .missing: return "fehlt"
      case .unknown: return "unbekannt"
      }
    case .deadlineSummary(let grant, let kind, let period):
      return "\(kind.rawValue)\(period == "gesamt" ? "" : " " + period) fällig (\(grant))"
    case .noRegisterForDeadlines(let path):
      return "\(label(.note)): kein Register unter \(path); ob die Lieferungen eingereicht sind, ist nicht bekannt"
    case .due(let days):
      if days < 0 { return "seit \(counted(-days, .dayDative)) fällig" }
      return days == 0 ? "heute fällig" : "in \(counted(days, .dayDative))"

    case .status(let status):
      switch status {
      case .draft: return "Entwurf"
      case .submitted: return "eingereicht"
      }
    case .correctionReason(let reason): return "Berichtigung: \(reason)"
    case .replacedStatus: return "ersetzt"
    case .replaced(let at, let changed):
      return "ersetzt am \(at.german); "
        + (changed.isEmpty ? "Eingaben unverändert" : "geänderte Eingaben: " + changed.joined(separator: ", "))
    case .justification(let reason): return "Begründung: \(reason)"
    case .noRegister(let path):
      return "\(path): \(label(.error)): hier gibt es kein Register (fundreport report und run schreiben es)"

    case .alreadySubmitted(let folder, let at, let by):
      return "abgelehnt: \(folder) wurde am \(at ?? "?") von \(by ?? "?") eingereicht"
    case .deliveryFile(let problem):
      switch problem {
      case .missing(let name): return "\(name) fehlt"
      case .changed(let name): return "\(name) wurde nach dem Erzeugen geändert"
      case .foreign(let name): return "\(name) gehört nicht zur Lieferung"
      case .inputMissing(let name): return "\(name) fehlt"
      case .inputDiffers(let name): return "\(name) unterscheidet sich von der aufgezeichneten Eingabe"
      case .notAnInput(let name): return "\(name) war keine Eingabe der Lieferung"
      case .quelldatenDiffer(let name): return "Quelldaten nennt \(name) mit einem anderen SHA-256 als das Register"
      case .quelldatenNotAnInput(let name):
        return "Quelldaten nennt \(name), das keine Eingabedatei der Schnittstelle ist"
      case .quelldatenLack(let name): return "Quelldaten nennt \(name) nicht, das Register schon"
      }
    case .doesNotMatchGenerated(let folder):
      return "\(folder) stimmt nicht mit dem Erzeugten überein; es wurde nichts eingereicht"
    case .needsJustification(let folder, let fehler):
      return "abgelehnt: \(folder) hat \(fehler == 1 ? "einen Befund" : "\(fehler) Befunde") der Schwere Fehler; "
        + "bitte die Daten korrigieren und neu erzeugen oder mit --justification \"warum es so eingereicht wird\" "
        + "einreichen"
    case .nothingSubmitted(let inner): return "\(Self.text(inner)); es wurde nichts eingereicht"
    case .submittedButWritable(let folder, let error):
      return "\(folder) ist im Register eingereicht, aber seine Dateien konnten nicht schreibgeschützt werden "
        + "(\(cause(error.cause))); der nächste fundreport-Befehl versucht es erneut"
    case .submitted(let folder, let kind, let period, let version, let by):
      return "eingereicht: \(folder) (\(kind.rawValue) \(period) v\(version), von \(by))"
    case .noSuchDelivery(let folder): return "\(folder): das ist kein Lieferordner (er hat keine SHA256SUMS)"
    case .workbookTooLarge(let file):
      return "\(file): die Arbeitsmappe wäre größer als 4 GiB, die eine XLSX-Datei fassen kann"
    case .noSuchFolder(let folder): return "\(folder): diesen Ordner gibt es nicht"
    case .noRegisterAt(let path):
      return "\(path): hier gibt es kein Register (fundreport report und run schreiben es)"
    case .beingWritten(let folder):
      return "\(folder) wird gerade von einem anderen fundreport-Prozess geschrieben; bitte danach erneut versuchen"
    case .notInRegister(let folder, let register): return "\(folder) ist keine Lieferung im Register \(register)"
    case .schemaInvalid(let detail): return "die XSD-Prüfung schlägt fehl: \(detail)"
    case .verified(let folder, let kind, let period, let version, let status, let archived):
      return "geprüft: \(folder) (\(kind.rawValue) \(period) v\(version), \(Self.text(.status(status)))); "
        + (archived.map { "Eingaben: \(counted($0, .file)) im Archiv geprüft" }
          ?? "Eingaben: nicht im Archiv (die Lieferung ist älter als das Archiv)")
    case .archive(let failure): return "Eingabe: \(archive(failure))"
    case .inputsNotArchived(let folder):
      return "die Eingaben von \(folder) sind nicht im Archiv (die Lieferung ist älter als das Archiv); "
        + "reproduce braucht --input mit dem Export, aus dem sie erzeugt wurde"
    case .verifiedWithoutRegister(let folder, let register, let sourceFiles, let archived):
      return "geprüft ohne Register: \(folder): die Dateien stimmen mit SHA256SUMS überein, das XML mit der XSD, "
        + "Quelldaten nennt \(counted(sourceFiles, .file)) der Schnittstelle"
        + (archived ? ", alle im Archiv geprüft" : " (ohne Archiv nicht geprüft)")
        + "; Status und Version sind nicht geprüft, weil es \(register) nicht gibt"
    case .noChecksums(let folder):
      return "\(folder) hat keine lesbare SHA256SUMS-Datei; es ist keine Lieferung von fundreport"
    case .madeByOtherVersion(let folder, let made, let current):
      return "\(folder) wurde von fundreport \(made) erzeugt; dies ist \(current). "
        + "Bitte mit jener Version reproduzieren."
    case .notTheExport(let directory): return "\(directory) ist nicht der Export, aus dem die Lieferung erzeugt wurde"
    case .notIdentical(let names): return "nicht identisch: \(names.joined(separator: ", "))"
    case .diffHeading(let old, let new): return "Vergleich von \(old) mit \(new)"
    case .diffIdentical: return "keine Unterschiede in Kennzahlen, Befunden und Belegliste"
    case .diffNeedsSecond: return "diff braucht zwei Lieferungen, oder eine und --input mit einem Export"
    case .diffFigures(let count): return "\(counted(count, .figure)) geändert"
    case .diffFigure(let place, let old, let new, let difference):
      let change = difference.map { " (\($0.cents > 0 ? "+" : "")\($0.grouped))" } ?? ""
      return "  \(place): \(old.map(DeliveryDiff.FigureChange.display) ?? "–") → "
        + "\(new.map(DeliveryDiff.FigureChange.display) ?? "–")\(change)"
    case .diffFindings(let added, let removed): return "Befunde: \(added) neu, \(removed) entfallen"
    case .diffFinding(let added, let rule, let severity, let message):
      return "  \(added ? "neu" : "entfallen"): \(rule) (\(severity)): \(message)"
    case .diffVouchers(let added, let removed):
      return "Belegliste: \(counted(added, .row)) hinzugekommen, \(removed) entfallen"
    case .diffVouchersNotCompared:
      return "Belegliste: nicht verglichen (von einem ersetzten Entwurf wird sie nicht aufbewahrt)"
    case .diffVoucher(let added, let row): return "  \(added ? "+" : "−") \(row)"
    case .noReplacedDraft(let folder, let created):
      return "\(folder) hat keinen ersetzten Entwurf mit Erstellt \(created) (fundreport history zeigt sie)"
    case .replacedDraftNotArchived(let folder, let created):
      return "das XML des ersetzten Entwurfs \(created) von \(folder) ist nicht im Archiv"
    case .reproduced(let folder, let files, let fromArchive):
      return "reproduziert\(fromArchive ? " aus dem Archiv" : ""): \(folder): alle \(counted(files, .file)) "
        + "Byte für Byte identisch"

    case .effectiveConfiguration(let source):
      return "Die wirksame Konfiguration"
        + (source.map { " aus \($0)" } ?? " (keine Datei: alles wie die Schnittstelle)")
        + "; als fundreport.yaml verwendbar"
    case .effectiveColumns: return "Spaltenköpfe, unter denen die Spalte gesucht wird (der erste vorhandene gilt)"
    case .effectiveDefaults: return "Werte von Spalten, die die Datei nicht hat"
    case .configNeedsShow: return "config zeigt die wirksame Konfiguration: fundreport config --show [--config DATEI]"
    case .workbookToTerminal:
      return "--format xlsx schreibt eine Excel-Arbeitsmappe: bitte in eine Datei umleiten (… > erklaerung.xlsx)"
    case .inputRequired:
      return "--input ist erforderlich (oder eine --config, deren export das Exportverzeichnis nennt)"
    case .maxErrorsNegative: return "--max-errors muss 0 (alle) oder mehr sein"
    case .correctionNeedsReason:
      return "--correction braucht einen Grund, z. B. --correction \"Storno Beleg 4711 nachgebucht\""
    case .createdInvalid(let value, let range):
      return "--created \(value) ist keine UTC-Zeit von \(range); bitte so schreiben: 2026-10-15T06:00:00Z"
    case .sourceDateEpochInvalid(let value, let maximum, let range):
      return "SOURCE_DATE_EPOCH=\(value) ist keine ganze Zahl von Sekunden von 0 bis \(maximum) (\(range))"
    case .needOutOfRange(let need, let limit):
      return "--bedarf \(need.display) liegt außerhalb des Bereichs; bitte einen Betrag von 0 bis \(limit.display) "
        + "angeben, wie 120000,00"
    case .noUser: return "--by ist leer; bitte angeben, wer einreicht"
    case .explainNeedsOneTarget:
      return "bitte genau eines angeben: eine Kennzahl (z. B. Mittel/ZinsenAufgelaufen), --list, --finding REGEL "
        + "oder --findings"
    case .explainNeedsPeriod(let kind):
      return "--period fehlt: der Berichtszeitraum, für einen \(kind.rawValue) z. B. \(kind.examplePeriod)"
    }
  }

  static func heading(_ column: TableColumn) -> String {
    switch column {
    case .file: return "Datei"
    case .records: return "Datensätze"
    case .encoding: return "Kodierung"
    case .delimiter: return "Trennzeichen"
    case .grant: return "Zuwendung"
    case .bookings: return "Buchungen"
    case .fehler: return "Fehler"
    case .warnungen: return "Warnungen"
    case .hinweise: return "Hinweise"
    case .findings: return "Befunde"
    case .foerderkennzeichen: return "Förderkennzeichen"
    case .report: return "Bericht"
    case .period: return "Zeitraum"
    case .version: return "Version"
    case .status: return "Status"
    case .created: return "Erstellt"
    case .counts: return "F/W/H"
    case .submitted: return "eingereicht"
    case .reason: return "Grund"
    case .dueOn: return "fällig am"
    case .state: return "Stand"
    case .delivery: return "Lieferung"
    }
  }

  static func period(_ invalid: ReportPeriod.Invalid) -> String {
    switch invalid {
    case .notAQuarter(let id): return "\(id.quotedForMessage) ist kein Quartal; erwartet z. B. 2026-Q3"
    case .notABudgetYear(let id): return "\(id.quotedForMessage) ist kein Haushaltsjahr; erwartet z. B. 2025"
    case .notGesamt(let id):
      return "\(id.quotedForMessage) gilt nicht für einen Verwendungsnachweis; erwartet gesamt"
    case .notAStichtag(let id):
      return "\(id.quotedForMessage) ist kein Stichtag; erwartet ein Datum wie 2026-10-15"
    case .outsideGrantPeriod(let kind, let id, let interval, let grant, let grantPeriod):
      return "\(kind.rawValue) \(id) (\(interval.start.german)–\(interval.end.german)) liegt nicht im "
        + "Bewilligungszeitraum von \(grant) (\(grantPeriod.start.german)–\(grantPeriod.end.german))"
    case .spendingWindowBeyondCalendar(let id, let stichtag, let window):
      return "Mittelabruf \(id): sein VerwendenBis (\(stichtag.german) plus \(window)) liegt nach dem 31.12.9999, "
        + "den ein Datum der Schnittstelle nicht fassen kann"
    case .beforeGrantPeriod(_, let start): return "Bewilligungszeitraum beginnt am \(start.german)"
    case .unknownGrant(let grant): return "die Zuwendung \(grant) steht nicht in zuwendung.csv"
    case .stichtagAfterCreation(let kind, let id, let stichtag, let created):
      return "\(kind.rawValue) \(id): der Stichtag \(stichtag.german) liegt nach dem Tag der Erstellung "
        + "(\(created.german)); ein Bericht kann nur zeigen, was bis dahin gebucht ist. "
        + "Eine Vorschau gibt fundreport check --as-of \(stichtag.iso)"
    case .grantNotEnded(let grant, let end):
      return "Verwendungsnachweis für \(grant): der Bewilligungszeitraum endet erst am \(end.german); "
        + "der Nachweis kann ab dem \(end.adding(days: 1).german) erstellt werden. Den Stand gibt fundreport check"
    case .needAfterGrantEnd(let grant, let id, let end):
      return "Mittelabruf \(id) für \(grant): der Bewilligungszeitraum endete am \(end.german); danach "
        + "ausgegebene Mittel sind nicht zuwendungsfähig, ein Bedarf kann nicht mehr abgerufen werden. "
        + "Ohne --bedarf zeigt der Mittelabruf den Stand"
    }
  }

  static func store(_ failure: DeliveryStore.Failure) -> String {
    switch failure {
    case .locked(let held):
      return "ein anderer fundreport-Prozess (PID \(held.pid)) hält die Sperre \(held.path); "
        + "bitte erneut versuchen, wenn er fertig ist"
    case .cannotWrite(let problem):
      switch problem {
      case .outputIsFile(let path):
        return "\(path): dort können keine Lieferungen geschrieben werden: es ist eine Datei, kein Ordner"
      case .outputMissing(let path): return "\(path): den Ordner gibt es nicht"
      case .outputInsideDelivery(let path, let delivery):
        return "\(path): liegt in der Lieferung \(delivery); eine Lieferung enthält nur ihre eigenen Dateien"
      case .unusableGrantFolder(let grant, let folder):
        return "\(grant): kann keinen Lieferordner benennen (\(folder.quotedForMessage))"
      case .submittedFolder(let path):
        return "\(path): ist schreibgeschützt (eine eingereichte Lieferung wird nie geändert); "
          + "eine neue Version braucht eine Berichtigung"
      case .symbolicLink(let path): return "\(path): \(cause(.symbolicLink))"
      case .fileInTheWay(let path): return "\(path): \(cause(.fileInTheWay))"
      case .outsideOutput(let path, let root): return "\(path): liegt nicht im Ausgabeordner \(root)"
      case .file(let error): return text(error)
      case .register(let failure): return text(.registerFailure(failure))
      case .archive(let failure): return archive(failure)
      case .cleanup(let error):
        return "was ein unterbrochener Befehl hinterließ, kann nicht aufgeräumt werden: \(text(error))"
      }
    }
  }

  static func archive(_ failure: FileArchive.Failure) -> String {
    switch failure {
    case .file(let error): return "Archiv: \(text(error))"
    case .changedWhileRead(let path):
      return "\(path): die Datei hat sich geändert, während fundreport sie las; es wurde nichts geliefert. "
        + "Bitte erneut aufrufen, wenn der Export fertig geschrieben ist"
    case .missing(let sha256): return "im Archiv fehlt \(sha256).gz"
    case .damaged(let path):
      return "\(path): die archivierte Datei ist beschädigt (kein gzip-Strom, oder ihr Inhalt hat nicht den "
        + "SHA-256 ihres Namens)"
    }
  }

  static func register(_ problem: Register.Failure.Problem) -> String {
    switch problem {
    case .symbolicLink:
      return "ist ein symbolischer Link; fundreport öffnet kein Register durch einen Link, den es nicht selbst "
        + "angelegt hat"
    case .missing: return "hier gibt es kein Register"
    case .notAFile: return "ist keine Registerdatei (es ist ein Ordner oder ein Gerät)"
    case .cannotCreateFolder(let error): return "sein Ordner kann nicht angelegt werden: \(cause(error.cause))"
    case .cannotOpen(let problem): return "das Register kann nicht geöffnet werden: \(database(problem))"
    case .cannotRead(let problem): return "das Register kann nicht gelesen werden: \(database(problem))"
    case .cannotWrite(let problem): return "das Register kann nicht geschrieben werden: \(database(problem))"
    case .submitted(let version): return "Version \(version) ist eingereicht und kann nicht ersetzt werden"
    case .damaged(let detail): return "ein Eintrag des Registers ist beschädigt (\(detail))"
    }
  }

  static func configuration(_ problem: Configuration.Invalid.Problem) -> String {
    switch problem {
    case .unreadable: return "die Konfigurationsdatei kann nicht gelesen werden"
    case .notYAML(let column, let detail):
      return "kein gültiges YAML" + (column.map { " in Spalte \($0)" } ?? "") + (detail.isEmpty ? "" : ": \(detail)")
    case .duplicateKeys(let keys): return "ein Schlüssel kommt zweimal vor: \(keys.joined(separator: ", "))"
    case .notAnInputFile(let name, let expected):
      return "\(name.quotedForMessage) ist keine Eingabedatei; erwartet eine von \(expected.joined(separator: ", "))"
    case .expectedText(let key): return "\(key): erwartet einen Text"
    case .expectedMapping(let key):
      return "\(key ?? "die Konfiguration"): erwartet eine Zuordnung von Schlüsseln zu Werten"
    case .unknownKey(let key, let context, let allowed):
      let place = context == nil ? "der Konfiguration" : context == "jobs" ? "einem Auftrag" : context ?? ""
      return "unbekannter Schlüssel \(key.quotedForMessage) in \(place); erwartet einen von "
        + allowed.joined(separator: ", ")
    case .expectedJobList: return "jobs: erwartet eine Liste von Aufträgen"
    case .jobWithoutKind: return "ein Auftrag braucht eine Berichtsart (kind)"
    case .notAReportKind(let name):
      return "kind: \(name.quotedForMessage) ist keine Berichtsart; erwartet "
        + list(ReportKind.allCases.map { $0.rawValue.lowercased() }, or: true)
    case .expectedGrantList: return "grants: erwartet eine Liste von Förderkennzeichen"
    case .numberOutOfRange(let key, let range):
      return "\(key): erwartet eine ganze Zahl von \(range.lowerBound) bis \(range.upperBound)"
    case .badNeed(let limit):
      return "bedarf: erwartet einen Betrag von 0 oder mehr wie 120000,00, höchstens \(limit.display)"
    case .unsupportedEncoding(let key, let value):
      return "\(key): \(value.quotedForMessage) wird nicht unterstützt; erwartet "
        + list(TextEncoding.allCases.map(\.rawValue), or: true)
    case .unsupportedDelimiter(let key, let value):
      return "\(key): \(value.quotedForMessage) wird nicht unterstützt; erwartet \";\", \",\", \"|\" oder tab"
    case .badHeaderLine(let key, let value): return "\(key): erwartet eine Zeilennummer (ab 1), gefunden \"\(value)\""
    case .unknownProfile(let key, let value, let known):
      return known.isEmpty
        ? "\(key): Profile beschreiben nur das Buchungsjournal (buchungen.csv)"
        : "\(key): \(value.quotedForMessage) ist kein Profil; bekannt: " + known.joined(separator: ", ")
    case .badDecimalSeparator(let key): return "\(key): erwartet \",\" oder \".\""
    case .notAColumn(let key, let file, let expected):
      return "\(file).columns: \(key.quotedForMessage) ist keine Spalte von \(file); erwartet eine von "
        + expected.joined(separator: ", ")
    case .noExportDirectory: return "die Konfiguration nennt kein Exportverzeichnis (export: ...)"
    case .noJobs: return "die Konfiguration hat keine Aufträge (jobs:)"
    }
  }
}
