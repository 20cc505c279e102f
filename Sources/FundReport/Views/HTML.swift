/// HTML for the dashboard's pages: every text is escaped where it is put in, so that no input
/// (a payee `<script>`, a quote in an attribute, a bidi control character) can become markup.
enum HTML {
  /// Text for an element's content or a double-quoted attribute: `&`, `<`, `>`, `"`, `'` as entities;
  /// control characters (C0 but tab and line breaks, C1) and the bidi controls (U+202A–U+202E,
  /// U+2066–U+2069), which could reorder what a reader sees, as visible `\u{…}`.
  static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\t", "\n", "\r": result += " "
      default:
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
          || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F
        {
          result += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }

  /// A table with a caption, a header row (`th scope="col"`) and rows; `numeric` columns right-aligned.
  static func table(caption: String, header: [String], rows: [[String]], numeric: Set<Int> = [], id: String? = nil)
    -> String
  {
    var html =
      "<table" + (id.map { " id=\"\(escape($0))\"" } ?? "") + "><caption>\(escape(caption))</caption><thead><tr>"
    for (index, cell) in header.enumerated() {
      html += "<th scope=\"col\"\(numeric.contains(index) ? " class=\"num\"" : "")>\(escape(cell))</th>"
    }
    html += "</tr></thead><tbody>"
    for row in rows {
      html += "<tr>"
      for (index, cell) in row.enumerated() {
        html += "<td\(numeric.contains(index) ? " class=\"num\"" : "")>\(escape(cell))</td>"
      }
      html += "</tr>"
    }
    return html + "</tbody></table>"
  }

  /// The start of a chart: a figure with an SVG image that names itself (`aria-label`, `title`) for
  /// readers that do not see it; the caller draws, closes the `svg` and adds a `figcaption`.
  static func chartStart(label: String, width: Int, height: Int) -> String {
    "<figure><svg role=\"img\" aria-label=\"\(escape(label))\" width=\"\(width)\" height=\"\(height)\" "
      + "viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\"><title>\(escape(label))</title>"
  }

  /// A whole page: its language, title, inline style sheet (screen and print), and body.
  static func page(language: Language, title: String, body: String) -> [UInt8] {
    let text =
      "<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
      + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      + "<title>\(escape(title))</title>\n<style>\(styleSheet)</style>\n</head>\n<body>\n\(body)\n</body>\n</html>\n"
    return Array(text.utf8)
  }

  /// One style sheet, inline (no request leaves the folder). Colours meet WCAG AA against white; the
  /// traffic light also says its state in words, and the print rules make an A4 document.
  static let styleSheet = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#1a1a1a;margin:1.5rem;max-width:72rem}
    h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #999}
    table{border-collapse:collapse;margin:.5rem 0 1rem}caption{text-align:left;font-weight:600;padding:.25rem 0}
    th,td{border:1px solid #bbb;padding:.2rem .5rem;vertical-align:top}th{background:#eee;text-align:left}
    .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .cards{display:flex;flex-wrap:wrap;gap:1rem}.card{border:2px solid #666;border-radius:.4rem;padding:.75rem;min-width:20rem}
    .card dl{display:grid;grid-template-columns:auto auto;gap:.1rem 1rem;margin:.5rem 0}.card dd{margin:0;text-align:right}
    .light{font-weight:700;padding:.1rem .5rem;border-radius:.3rem;border:2px solid}
    .rot{color:#8b0000;border-color:#8b0000}.gelb{color:#6b4e00;border-color:#6b4e00}.gruen{color:#1b5e20;border-color:#1b5e20}
    .finding{border-left:4px solid #666;padding-left:.75rem;margin:1rem 0}.Fehler{border-color:#8b0000}
    .Warnung{border-color:#6b4e00}.Hinweis{border-color:#555}
    svg text{font-size:12px;fill:#1a1a1a}nav a{margin-right:1rem}
    @media print{nav{display:none}body{margin:0;max-width:none}h2{break-before:page}h2.first{break-before:auto}
    table,figure,.finding{break-inside:avoid}a{color:inherit;text-decoration:none}@page{size:A4;margin:15mm}}
    """
}
