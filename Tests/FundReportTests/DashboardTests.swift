import Foundation
import Testing
import XMLSupport

@testable import FundReport

/// The browser the dashboard tests render in (Debian's chromium; `.ci/run` installs it).
enum Browser {
  static let path = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// The DOM of `file` after a headless browser has loaded and rendered it, and what it logged.
  static func render(_ file: String) throws -> (dom: String, log: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(path))
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", "--dump-dom",
      URL(fileURLWithPath: file).absoluteString,
    ]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let dom = output.fileHandleForReading.readDataToEndOfFile()
    let log = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (String(decoding: dom, as: UTF8.self), String(decoding: log, as: UTF8.self))
  }

  /// The console messages a page logged (chromium writes them as `CONSOLE` lines).
  static func consoleMessages(_ log: String) -> [String] {
    log.split(separator: "\n").filter { $0.contains("CONSOLE") }.map(String.init)
  }
}

/// The dashboard as a browser shows it.
@Suite(.enabled(if: Browser.path != nil, "needs chromium (apt-get install chromium; .ci/run installs it)"))
struct DashboardTests {
  static func write(_ input: String, asOf: String = "2026-09-30") throws -> (folder: String, status: RunStatus) {
    let folder = try makeTemporaryDirectory() + "/uebersicht"
    let job = DashboardJob(
      inputDirectory: input, outDirectory: folder, asOf: try #require(CalendarDate(iso: asOf)),
      options: IngestOptions(), jobs: ScheduledJobs(), registerPath: nil)
    return (folder, job.run(report: { _ in }, warn: { _ in }))
  }

  /// `data-figure="Kassenbestand" data-value="447802.30"` in a rendered DOM, per grant card or page.
  static func values(_ dom: String, figure: String) -> [String] {
    let pattern = "data-figure=\"\(figure)\"(?: data-cost-item=\"[^\"]*\")? data-value=\"([-0-9.]+)\""
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
    return regex.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)).compactMap { match in
      Range(match.range(at: 1), in: dom).map { String(dom[$0]) }
    }
  }

  @Test func theFiguresShownAreTheDeliveries() throws {
    let (folder, status) = try Self.write(Paths.export)
    #expect(status == .success)
    let export = ExportLoader(directory: Paths.export).load().export
    let generator = try ReportGenerator(export: export)
    let grants = ["MPSC-2021-WUP-A", "MPSC-2021-WUP-B"]
    let index = try Browser.render(folder + "/index.html")
    #expect(Browser.consoleMessages(index.log) == [])
    var expectedCards: [String: [String]] = [:]
    for grant in grants {
      let delivery = try generator.makeDelivery(
        kind: .quartalsbericht, grantID: grant, periodID: "2026-Q3", created: fixedCreated)
      let xml = try #require(delivery.files.first)
      let root = try ParsedXMLElement.parse(xml.bytes, documentName: xml.name)
      let figures = Dictionary(DeliveryDiff.figures(of: root), uniquingKeysWith: { first, _ in first })
      for name in ["BundesanteilKumuliert", "AbgerufenKumuliert", "Kassenbestand", "ZinsenAufgelaufen"] {
        expectedCards[name, default: []].append(try #require(figures["Mittel/" + name]))
      }
      // The grant's page: the Mittel figures, each cost item's plan and actual, the findings per severity.
      let page = try Browser.render(folder + "/" + DashboardPages.pageName(grant))
      #expect(Browser.consoleMessages(page.log) == [])
      for name in ["Foerderquote", "Hoechstbetrag", "BundesanteilKumuliert", "Kassenbestand", "ZinsenAufgelaufen"] {
        #expect(Self.values(page.dom, figure: name) == [figures["Mittel/" + name] ?? "?"], "\(grant) \(name)")
      }
      let items = export.plan[grant].map { Set($0.map(\.costItem)).sorted() } ?? []
      #expect(
        Self.values(page.dom, figure: "PlanGesamt")
          == items.map { figures["Finanzen/Position[kostenposition=\($0)]/PlanGesamt"] ?? "?" })
      #expect(
        Self.values(page.dom, figure: "IstKumuliert")
          == items.map { figures["Finanzen/Position[kostenposition=\($0)]/IstKumuliert"] ?? "?" })
      // Each cost item's IstKumuliert links to the CSV of its vouchers, whose eligible amounts add up to it.
      for (number, item) in items.enumerated() {
        let name = DashboardPages.vouchersName(grant, index: number, costItem: item)
        #expect(page.dom.contains("<a href=\"\(name)\">"), "\(grant) \(item)")
        let rows = try String(contentsOfFile: folder + "/" + name, encoding: .utf8).components(separatedBy: "\r\n")
        // (Foundation drops the byte-order mark that the CSV starts with, for Excel.)
        #expect(rows[0] == ExplainedBooking.csvColumns.joined(separator: ";"))
        let cents = try rows.dropFirst().filter { !$0.isEmpty }.map { row in
          let amount = try #require(row.components(separatedBy: ";").last)
          return try #require(Int64(amount.replacingOccurrences(of: ",", with: "")))
        }.reduce(0, +)
        #expect(
          Money(cents: cents).xmlValue == figures["Finanzen/Position[kostenposition=\(item)]/IstKumuliert"],
          "\(grant) \(item)")
      }
      let card = try #require(index.dom.range(of: "data-grant=\"\(grant)\"")).upperBound
      let cardText = String(index.dom[card...].prefix { $0 != "§" }.prefix(4_000))
      for (severity, attribute) in [("Fehler", "fehler"), ("Warnung", "warnungen"), ("Hinweis", "hinweise")] {
        #expect(
          cardText.contains(
            "data-severity=\"\(severity)\" data-count=\"\(figures["Pruefergebnisse/@" + attribute] ?? "?")\""))
      }
    }
    for (name, expected) in expectedCards { #expect(Self.values(index.dom, figure: name) == expected, "\(name)") }
    // Every page passes an HTML validator (Debian's tidy) without an error or a warning.
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/tidy") {
      for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".html") {
        let tidy = Process()
        tidy.executableURL = URL(fileURLWithPath: "/usr/bin/tidy")
        tidy.arguments = ["-errors", "-quiet", folder + "/" + name]
        let said = Pipe()
        tidy.standardError = said
        tidy.standardOutput = Pipe()
        try tidy.run()
        let text = String(decoding: said.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        tidy.waitUntilExit()
        #expect(tidy.terminationStatus == 0 && text.isEmpty, "\(name): \(text)")
      }
    }
    // Nothing on a page would leave the folder: no script, no style sheet, image, font or frame from anywhere.
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
      let html = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
      for needle in ["<script", "<link", "src=", "url(", "@import", "<iframe"] {
        #expect(!html.contains(needle), "\(name) has \(needle)")
      }
    }
  }

  /// Every page as the browser draws it: a screenshot of each, as `make dashboard` takes the README's.
  @Test func everyPageRendersAsAScreenshot() throws {
    let (folder, _) = try Self.write(Paths.export)
    let shots = try makeTemporaryDirectory()
    let pages = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".html") }.sorted()
    #expect(pages == ["MPSC-2021-WUP-A.html", "MPSC-2021-WUP-B.html", "index.html"])
    for page in pages {
      let png = shots + "/" + page + ".png"
      let process = Process()
      process.executableURL = URL(fileURLWithPath: try #require(Browser.path))
      process.arguments = [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1100,1500",
        "--screenshot=" + png, URL(fileURLWithPath: folder + "/" + page).absoluteString,
      ]
      process.standardError = Pipe()
      process.standardOutput = Pipe()
      try process.run()
      process.waitUntilExit()
      let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: png)))
      // A PNG of the window's size (IHDR: width and height, big-endian, at bytes 16 and 20).
      #expect(bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "\(page)")
      let number = { (at: Int) in bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
      #expect(bytes.count > 24 && number(16) == 1100 && number(20) == 1500, "\(page)")
      // Not a blank window: a drawn page compresses to more than a few kilobytes.
      #expect(bytes.count > 20_000, "\(page): \(bytes.count) bytes")
    }
  }

  /// A grant page printed by the browser is an A4 document of several pages (one section after another).
  @Test func aGrantPagePrintsAsADocument() throws {
    let (folder, _) = try Self.write(Paths.export)
    let pdf = try makeTemporaryDirectory() + "/seite.pdf"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(Browser.path))
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=" + pdf,
      URL(fileURLWithPath: folder + "/" + DashboardPages.pageName("MPSC-2021-WUP-B")).absoluteString,
    ]
    process.standardError = Pipe()
    process.standardOutput = Pipe()
    try process.run()
    process.waitUntilExit()
    let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
    #expect(bytes.prefix(5) == Data("%PDF-".utf8))
    // Pages of an A4 document (595 × 842 points); the print style sheet starts a page per section.
    let text = String(decoding: bytes, as: UTF8.self)
    let pages = try NSRegularExpression(pattern: "/Type\\s*/Page[^s]").numberOfMatches(
      in: text, range: NSRange(text.startIndex..., in: text))
    #expect(pages >= 5, "\(pages) pages")
    #expect(text.contains("/MediaBox [0 0 594.9"))
    #expect(!text.contains("/MediaBox [0 0 612"))  // not US Letter
  }

  @Test func hostileTextStaysText() throws {
    let input = try makeTemporaryDirectory()
    for name in try FileManager.default.contentsOfDirectory(atPath: Paths.defect("offen")) {
      try FileManager.default.copyItem(atPath: Paths.defect("offen") + "/" + name, toPath: input + "/" + name)
    }
    // Every unpaid row's payee and purpose, and the grant's recipient, become hostile.
    let hostile = "\"><script>alert(1)</script>\u{202E}evil"
    let ledger = try String(contentsOfFile: input + "/buchungen.csv", encoding: .utf8)
    var lines = ledger.components(separatedBy: "\r\n")
    let header = lines[0].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
    let payee = try #require(header.firstIndex(of: "empfaenger"))
    let paid = try #require(header.firstIndex(of: "zahlungsdatum"))
    for index in lines.indices.dropFirst() where !lines[index].isEmpty {
      var fields = lines[index].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
      if fields[paid].isEmpty { fields[payee] = "\"" + hostile.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
      lines[index] = fields.joined(separator: ";")
    }
    try lines.joined(separator: "\r\n").write(toFile: input + "/buchungen.csv", atomically: true, encoding: .utf8)
    let (folder, status) = try Self.write(input)
    #expect(status == .success)
    let page = try #require(
      try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".html") && $0 != "index.html" })
    let html = try String(contentsOfFile: folder + "/" + page, encoding: .utf8)
    #expect(html.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\\u{202E}evil"))
    #expect(!html.contains("<script"))
    let rendered = try Browser.render(folder + "/" + page)
    #expect(!rendered.dom.contains("<script"))
    #expect(rendered.dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;\\u{202E}evil"))
  }

  @Test func theOldSiteStaysUntilTheNewOneIsComplete() throws {
    let (folder, _) = try Self.write(Paths.export)
    let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    // A site replaced: the same names, no folder left beside it.
    try DashboardJob.publish([("index.html", Array("neu".utf8))], into: folder)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["index.html"])
    #expect(try String(contentsOfFile: folder + "/index.html", encoding: .utf8) == "neu")
    let parent = (folder as NSString).deletingLastPathComponent
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["uebersicht"])
    #expect(
      before.filter { !$0.contains("_Belege_") } == [
        "MPSC-2021-WUP-A.html", "MPSC-2021-WUP-B.html", "fristen.ics", "index.html",
      ])
    // A link in its place is refused, and what it points to is untouched.
    let link = parent + "/verlinkt"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder)
    #expect(throws: FileSystemError.self) { try DashboardJob.publish([("index.html", [])], into: link) }
    #expect(try String(contentsOfFile: folder + "/index.html", encoding: .utf8) == "neu")
  }
}

/// `run` writes the dashboard after its jobs when the configuration names its folder, silently.
@Suite struct RunWritesTheDashboardTests {
  @Test func theNightlyRunWritesTheDashboardAndSaysNothing() throws {
    let root = try makeTemporaryDirectory()
    let config = root + "/fundreport.yaml"
    try """
    export: \(Paths.export)
    output: \(root)/reports
    dashboard: \(root)/reports/uebersicht
    jobs:
      - kind: quartalsbericht
        after_days: 15
    """.write(toFile: config, atomically: true, encoding: .utf8)
    let result = try CommandLineTests.run([
      "run", "--config", config, "--as-of", "2026-10-16", "--created", "2026-10-15T06:00:00Z",
    ])
    #expect(result.status == 0)
    #expect(result.output == "")
    #expect(result.errors == "")
    let pages = try FileManager.default.contentsOfDirectory(atPath: root + "/reports/uebersicht").sorted()
    #expect(
      pages.filter { !$0.contains("_Belege_") } == [
        "MPSC-2021-WUP-A.html", "MPSC-2021-WUP-B.html", "fristen.ics", "index.html",
      ])
    // The pages know the deliveries just written: the register's Quartalsbericht 2026-Q3 v1 as a draft.
    let page = try String(contentsOfFile: root + "/reports/uebersicht/MPSC-2021-WUP-B.html", encoding: .utf8)
    #expect(page.contains("<td>Quartalsbericht</td><td>2026-Q3</td><td>v1</td><td>Entwurf</td>"))
    #expect(!page.contains("Änderungen zwischen den Fassungen"))
    // The next night's export has one booking more: the draft is replaced, and the page says what changed.
    let export = root + "/export"
    try FileManager.default.copyItem(atPath: Paths.export, toPath: export)
    let ledger = try FileHandle(forWritingTo: URL(fileURLWithPath: export + "/buchungen.csv"))
    try ledger.seekToEnd()
    try ledger.write(
      contentsOf: Data(
        "RE-2026-9999001;01.09.2026;02.09.2026;P.1-0436.B02.01;5011000;Neue GmbH;Nachtrag;1.000,00;0,00;1.000,00\r\n"
          .utf8))
    try ledger.close()
    try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: Paths.export, with: export)
      .write(toFile: config, atomically: true, encoding: .utf8)
    let again = try CommandLineTests.run([
      "run", "--config", config, "--as-of", "2026-10-16", "--created", "2026-10-16T06:00:00Z",
    ])
    #expect(again.status == 0, "\(again.errors)")
    let changed = try String(contentsOfFile: root + "/reports/uebersicht/MPSC-2021-WUP-B.html", encoding: .utf8)
    #expect(changed.contains("<h3>Änderungen zwischen den Fassungen</h3>"))
    #expect(
      changed.contains(
        "<caption>Quartalsbericht 2026-Q3: v1, Entwurf vom 15.10.2026 06:00 UTC (ersetzt) → v1 vom 16.10.2026 "
          + "06:00 UTC</caption>"))
    #expect(
      changed.contains(
        "<tr><td>Finanzen/Position[kostenposition=personal]/IstQuartal</td><td class=\"num\">75.825,72</td>"
          + "<td class=\"num\">76.825,72</td><td class=\"num\">+1.000,00</td></tr>"))
    #expect(
      changed.contains(
        "<tr><td>Finanzen/Summe/AuslastungProzent</td><td class=\"num\">57,52</td><td class=\"num\">57,53</td>"
          + "<td class=\"num\">+0,01</td></tr>"))
    // Beside the deliveries, nothing else was left (no half-written site).
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: root + "/reports").sorted() == [
        ".fundreport.lock", "MPSC-2021-WUP-A", "MPSC-2021-WUP-B", "register-archiv", "register.sqlite", "uebersicht",
      ])
  }
}
