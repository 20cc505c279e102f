import CLibXML2

/// One problem that libxml2 reported, with the line it refers to.
public struct XMLIssue: Equatable, Sendable, CustomStringConvertible {
  /// The document's name as the caller gave it.
  public var document: String
  /// 1-based line in the serialized document; 0 when libxml2 gave none.
  public var line: Int
  /// libxml2's message, without its trailing newline.
  public var message: String

  public var description: String { "\(document):\(line): \(message)" }
}

/// A failure of parsing or validating XML, carrying every issue libxml2 reported.
public struct XMLValidationError: Error, Equatable, CustomStringConvertible {
  public enum Stage: String, Sendable { case schema, parsing, validation }
  public var stage: Stage
  public var issues: [XMLIssue]

  public var description: String {
    let head = "XML \(stage.rawValue) failed"
    return ([head] + issues.map(\.description)).joined(separator: "\n")
  }
}

/// A compiled XML Schema.
///
/// The corresponding C functions are `xmlSchemaNewMemParserCtxt` and
/// `xmlSchemaParse`; the schema is freed with `xmlSchemaFree`.
public final class XMLSchema {
  private let schema: xmlSchemaPtr

  /// Compiles the schema document `bytes`.
  ///
  /// - Throws: ``XMLValidationError`` with stage `.schema` when the schema
  ///   itself is not valid.
  public init(bytes: [UInt8], name: String) throws(XMLValidationError) {
    initializeLibXML()
    let collector = IssueCollector(document: name)
    let compiled: xmlSchemaPtr? = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        guard let context = xmlSchemaNewMemParserCtxt(chars.baseAddress, Int32(chars.count)) else {
          return nil
        }
        defer { xmlSchemaFreeParserCtxt(context) }
        let unmanaged = Unmanaged.passUnretained(collector)
        xmlSchemaSetParserStructuredErrors(context, collectIssue, unmanaged.toOpaque())
        return xmlSchemaParse(context)
      }
    }
    guard let compiled else {
      throw XMLValidationError(stage: .schema, issues: collector.issues)
    }
    schema = compiled
  }

  deinit { xmlSchemaFree(schema) }

  /// Parses the serialized document `bytes` and validates it against the schema.
  ///
  /// The bytes are parsed without network access and without entity
  /// substitution (`XML_PARSE_NONET`), with line numbers above 65535 kept
  /// (`XML_PARSE_BIG_LINES`), so every issue carries its real line.
  /// The corresponding C functions are `xmlCtxtReadMemory` and `xmlSchemaValidateDoc`.
  ///
  /// - Throws: ``XMLValidationError`` listing every issue libxml2 reported.
  public func validate(_ bytes: [UInt8], documentName: String) throws(XMLValidationError) {
    let document = try XMLSchema.parse(bytes, documentName: documentName)
    defer { xmlFreeDoc(document) }
    guard let context = xmlSchemaNewValidCtxt(schema) else {
      throw XMLValidationError(
        stage: .validation,
        issues: [XMLIssue(document: documentName, line: 0, message: "out of memory")])
    }
    defer { xmlSchemaFreeValidCtxt(context) }
    let collector = IssueCollector(document: documentName)
    xmlSchemaSetValidStructuredErrors(context, collectIssue, Unmanaged.passUnretained(collector).toOpaque())
    let result = withExtendedLifetime(collector) { xmlSchemaValidateDoc(context, document) }
    if result != 0 {
      var issues = collector.issues
      if issues.isEmpty {
        issues = [XMLIssue(document: documentName, line: 0, message: "libxml2 returned \(result)")]
      }
      throw XMLValidationError(stage: .validation, issues: issues)
    }
  }

  /// Parses `bytes` safely: no network, no entity substitution, no DTD loading.
  static func parse(_ bytes: [UInt8], documentName: String) throws(XMLValidationError) -> xmlDocPtr {
    guard let parser = xmlNewParserCtxt() else {
      throw XMLValidationError(
        stage: .parsing, issues: [XMLIssue(document: documentName, line: 0, message: "out of memory")])
    }
    defer { xmlFreeParserCtxt(parser) }
    let options = Int32(
      XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue
        | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
    let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        xmlCtxtReadMemory(parser, chars.baseAddress, Int32(chars.count), documentName, "UTF-8", options)
      }
    }
    guard let document, parser.pointee.wellFormed != 0 else {
      var issue = XMLIssue(document: documentName, line: 0, message: "not well-formed")
      if let error = xmlCtxtGetLastError(parser) {
        issue = XMLIssue(error: error.pointee, document: documentName)
      }
      throw XMLValidationError(stage: .parsing, issues: [issue])
    }
    return document
  }
}

extension XMLIssue {
  init(error: xmlError, document: String) {
    let message = error.message.map { String(cString: $0) } ?? "unknown libxml2 error"
    self.init(
      document: document,
      line: Int(error.line),
      message: message.hasSuffix("\n") ? String(message.dropLast()) : message)
  }
}

/// Receives libxml2's structured errors for one parse or validation.
private final class IssueCollector {
  let document: String
  var issues: [XMLIssue] = []
  init(document: String) { self.document = document }
}

/// The structured error handler handed to libxml2; `context` is the
/// unretained ``IssueCollector`` of the running call.
private func collectIssue(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let context, let error else { return }
  let collector = Unmanaged<IssueCollector>.fromOpaque(context).takeUnretainedValue()
  collector.issues.append(XMLIssue(error: error.pointee, document: collector.document))
}
