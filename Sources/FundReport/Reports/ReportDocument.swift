import XMLSupport

/// Everything a report of one grant and period is made from.
struct ReportInput: Sendable {
  var export: Export
  var ledger: GrantLedger
  var period: ReportPeriod
  var figures: GrantFigures
  var findings: [Finding]
  var version: Int
  var correctionReason: String?
  var created: Timestamp
  var generator: Generator

  var grant: Grant { ledger.grant }
}

/// The software named in `Erzeuger`.
struct Generator: Sendable, Hashable {
  var name: String
  var version: String
}

/// Shared parts of the four XML reports (outputs.md, "XML: common rules", "Kopf").
enum ReportDocument {
  static let namespace = "urn:mpsc:berichte:1.0"

  static func makeTree(root: ReportKind) -> XMLTree {
    XMLTree(rootName: root.rawValue, namespace: namespace, attributes: ["version": "1.0"])
  }

  static func appendKopf(to root: XMLTree.Element, input: ReportInput) {
    let grant = input.grant
    let kopf = root.append("Kopf")
    kopf.append("Foerderkennzeichen", text: grant.id)
    kopf.append("Zuwendungsempfaenger", text: grant.recipient)
    kopf.append("Programm", text: grant.programme)
    let approval = kopf.append("Bewilligungszeitraum")
    approval.append("Beginn", text: grant.period.start.iso)
    approval.append("Ende", text: grant.period.end.iso)
    let reporting = kopf.append("Berichtszeitraum", attributes: ["bezeichnung": input.period.id])
    reporting.append("Beginn", text: input.period.interval.start.iso)
    reporting.append("Ende", text: input.period.interval.end.iso)
    kopf.append("Stichtag", text: input.period.stichtag.iso)
    kopf.append("Berichtsversion", text: String(input.version))
    if input.version > 1 { kopf.appendIfPresent("Berichtigungsgrund", text: input.correctionReason) }
    kopf.append("Erstellt", text: input.created.description)
    kopf.append("Erzeuger", attributes: ["name": input.generator.name, "version": input.generator.version])
    let sources = kopf.append("Quelldaten")
    for file in input.export.sourceFiles {
      sources.append("Datei", attributes: ["name": file.name, "sha256": file.sha256, "zeilen": String(file.records)])
    }
  }

  static func appendFindings(to root: XMLTree.Element, findings: [Finding]) {
    let results = root.append(
      "Pruefergebnisse",
      attributes: [
        "fehler": String(findings.count { $0.severity == .fehler }),
        "warnungen": String(findings.count { $0.severity == .warnung }),
        "hinweise": String(findings.count { $0.severity == .hinweis }),
      ])
    for finding in findings {
      let element = results.append(
        "Befund", attributes: ["regel": finding.rule.rawValue, "schwere": finding.severity.name])
      element.append("Meldung", text: finding.message)
      element.appendIfPresent("Rechtsgrundlage", text: finding.legalReference)
      element.appendIfPresent("Massnahme", text: finding.measure)
      element.appendIfPresent("Kostenposition", text: finding.costItem)
      element.appendIfPresent("Betrag", text: finding.amount?.xmlValue)
      for place in finding.places {
        element.append("Fundstelle", attributes: ["datei": place.file, "zeile": String(place.line)])
      }
    }
  }
}
