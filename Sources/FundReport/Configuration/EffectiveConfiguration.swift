/// `fundreport config --show`: the configuration as fundreport reads it, in YAML that
/// `fundreport.yaml` accepts, so that a user sees what a profile does and can copy and adapt it.
extension Configuration {
  /// The effective reading configuration: the export directory and, per input file that is not read
  /// as the interface writes it, its profile, file name, encoding, delimiter, decimal separator, header
  /// line, the headers each column is looked for under (in order) and the values of absent columns.
  public func effectiveYAML(source: String?, language: Language) -> String {
    var lines = ["# " + language.text(.effectiveConfiguration(source: source))]
    if let exportDirectory { lines.append("export: " + Self.quoted(exportDirectory)) }
    if let outputDirectory { lines.append("output: " + Self.quoted(outputDirectory)) }
    if let registerPath { lines.append("register: " + Self.quoted(registerPath)) }
    if let dashboardDirectory { lines.append("dashboard: " + Self.quoted(dashboardDirectory)) }
    let files = ExportLoader.InputFile.allCases.filter { ingest.dialects[$0.rawValue] != nil }
    if !files.isEmpty { lines.append("files:") }
    for file in files {
      let dialect = ingest.dialect(for: file.rawValue)
      lines.append("  \(file.rawValue):")
      if let profile = dialect.profile {
        lines.append("    profile: \(profile.name)  # \(profile.title)")
      }
      if let name = dialect.fileName { lines.append("    path: " + Self.quoted(name)) }
      if let sheet = dialect.sheet { lines.append("    sheet: " + Self.quoted(sheet)) }
      if let encoding = dialect.encoding { lines.append("    encoding: " + encoding.rawValue) }
      if let delimiter = dialect.delimiter {
        lines.append("    delimiter: " + (delimiter == 0x09 ? "tab" : Self.quoted(String(UnicodeScalar(delimiter)))))
      }
      if dialect.decimalSeparator != UInt8(ascii: ",") { lines.append("    decimal_separator: \".\"") }
      if let line = dialect.headerLine { lines.append("    header_line: \(line)") }
      let columns = ExportLoader.columns(of: file).map(\.name)
      let renamed = columns.filter { dialect.headers(of: $0) != [$0] }
      if !renamed.isEmpty {
        lines.append("    columns:  # " + language.text(.effectiveColumns))
        for column in renamed {
          let headers = dialect.columnNames[column] ?? dialect.profile?.headers[column] ?? []
          lines.append("      \(column): [" + headers.map(Self.quoted).joined(separator: ", ") + "]")
        }
      }
      let absent = columns.compactMap { column in dialect.defaultValue(of: column).map { (column, $0) } }
      if !absent.isEmpty {
        lines.append("    defaults:  # " + language.text(.effectiveDefaults))
        for (column, value) in absent { lines.append("      \(column): " + Self.quoted(value)) }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A YAML double-quoted scalar.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\t": result += "\\t"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
          result +=
            "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
            + String(scalar.value, radix: 16).uppercased()
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}
