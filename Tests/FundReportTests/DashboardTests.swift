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
    let page = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0 != "index.html" })
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
    #expect(before == ["MPSC-2021-WUP-A.html", "MPSC-2021-WUP-B.html", "fristen.ics", "index.html"])
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
    #expect(pages == ["MPSC-2021-WUP-A.html", "MPSC-2021-WUP-B.html", "fristen.ics", "index.html"])
    // The pages know the deliveries just written: the register's Quartalsbericht 2026-Q3 v1 as a draft.
    let page = try String(contentsOfFile: root + "/reports/uebersicht/MPSC-2021-WUP-B.html", encoding: .utf8)
    #expect(page.contains("<td>Quartalsbericht</td><td>2026-Q3</td><td>v1</td><td>Entwurf</td>"))
    // Beside the deliveries, nothing else was left (no half-written site).
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: root + "/reports").sorted() == [
        ".fundreport.lock", "MPSC-2021-WUP-A", "MPSC-2021-WUP-B", "register-archiv", "register.sqlite", "uebersicht",
      ])
  }
}
