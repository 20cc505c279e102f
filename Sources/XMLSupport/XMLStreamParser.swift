import CLibXML2

/// An element's start tag as ``XMLStreamParser`` hands it on: valid only during the call.
public struct XMLStartTag {
  /// The local name, without a prefix (`worksheet` for `x:worksheet`).
  public let localName: UnsafeBufferPointer<UInt8>
  private let attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  private let attributeCount: Int

  init(localName: UnsafePointer<xmlChar>, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) {
    self.localName = UnsafeBufferPointer(start: localName, count: xmlLength(localName))
    self.attributes = attributes
    attributeCount = count
  }

  /// The value of the attribute with local name `name` (any prefix), nil when the tag has none.
  public func attribute(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
    guard let attributes else { return nil }
    let wanted = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
    for index in 0..<attributeCount {
      // libxml2 gives five pointers per attribute: local name, prefix, URI, value start, value end.
      guard let local = attributes[5 * index], let start = attributes[5 * index + 3],
        let end = attributes[5 * index + 4]
      else { continue }
      if Self.equals(local, wanted) { return UnsafeBufferPointer(start: start, count: end - start) }
    }
    return nil
  }

  /// Whether the local name is `name`.
  public func named(_ name: StaticString) -> Bool { localName.isName(name) }

  private static func equals(_ string: UnsafePointer<xmlChar>, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
    for index in 0..<wanted.count where string[index] != wanted[index] { return false }
    return string[wanted.count] == 0
  }
}

extension UnsafeBufferPointer<UInt8> {
  /// Whether these bytes are `name`: a tag's local name as ``XMLStreamHandler/end(_:)`` gets it
  /// (compared as bytes, called for every tag of a sheet).
  public func isName(_ name: StaticString) -> Bool {
    guard count == name.utf8CodeUnitCount else { return false }
    let wanted = name.utf8Start
    for index in 0..<count where self[index] != wanted[index] { return false }
    return true
  }
}

/// The length of libxml2's NUL-terminated string.
private func xmlLength(_ string: UnsafePointer<xmlChar>) -> Int {
  var count = 0
  while string[count] != 0 { count += 1 }
  return count
}

/// What an ``XMLStreamParser`` reports as it reads.
public protocol XMLStreamHandler: AnyObject {
  func start(_ tag: XMLStartTag)
  /// The end of the element whose local name is `localName`.
  func end(_ localName: UnsafeBufferPointer<UInt8>)
  /// Character data (references and the predefined entities already replaced), in one or more pieces.
  func characters(_ text: UnsafeBufferPointer<UInt8>)
}

/// A streaming XML parser (libxml2's SAX2 push parser) for large documents that arrive in chunks: an
/// Excel sheet of a million rows is read in bounded memory. As safe as ``XMLSchema``'s parsing: no
/// network, no entity substitution; a document with a DOCTYPE is refused (no DTD, so no entity can
/// be declared at all).
public final class XMLStreamParser {
  private final class Context {
    let handler: any XMLStreamHandler
    var refusal: String?
    var parser: xmlParserCtxtPtr?
    init(handler: any XMLStreamHandler) { self.handler = handler }
  }

  private let context: Context
  private let box: UnsafeMutableRawPointer
  private var parser: xmlParserCtxtPtr?
  private let documentName: String

  public init(handler: any XMLStreamHandler, documentName: String) throws(XMLValidationError) {
    self.documentName = documentName
    context = Context(handler: handler)
    box = Unmanaged.passUnretained(context).toOpaque()
    var sax = xmlSAXHandler()
    sax.initialized = UInt32(XML_SAX2_MAGIC)
    sax.startElementNs = { box, localName, _, _, _, _, count, _, attributes in
      guard let box, let localName else { return }
      let context = Unmanaged<Context>.fromOpaque(box).takeUnretainedValue()
      context.handler.start(XMLStartTag(localName: localName, attributes: attributes, count: Int(count)))
    }
    sax.endElementNs = { box, localName, _, _ in
      guard let box, let localName else { return }
      let context = Unmanaged<Context>.fromOpaque(box).takeUnretainedValue()
      context.handler.end(UnsafeBufferPointer(start: localName, count: xmlLength(localName)))
    }
    let characters: charactersSAXFunc = { box, text, count in
      guard let box, let text, count > 0 else { return }
      let context = Unmanaged<Context>.fromOpaque(box).takeUnretainedValue()
      context.handler.characters(UnsafeBufferPointer(start: text, count: Int(count)))
    }
    sax.characters = characters
    sax.cdataBlock = characters
    sax.internalSubset = { box, _, _, _ in
      guard let box else { return }
      let context = Unmanaged<Context>.fromOpaque(box).takeUnretainedValue()
      context.refusal = "a DOCTYPE (document type definition) is not accepted"
      if let parser = context.parser { xmlStopParser(parser) }
    }
    // Errors are read from the parser after each chunk; nothing is printed.
    sax.serror = { _, _ in }
    guard let parser = xmlCreatePushParserCtxt(&sax, box, nil, 0, documentName) else {
      throw XMLValidationError(
        stage: .parsing, issues: [XMLIssue(document: documentName, line: 0, message: "out of memory")])
    }
    xmlCtxtUseOptions(
      parser,
      Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOERROR.rawValue
          | XML_PARSE_NOWARNING.rawValue))
    self.parser = parser
    context.parser = parser
  }

  deinit {
    if let parser {
      xmlFreeParserCtxt(parser)
    }
  }

  /// Parses the next piece of the document.
  public func feed(_ chunk: UnsafeRawBufferPointer) throws(XMLValidationError) {
    try parse(chunk, terminate: false)
  }

  /// Ends the document: what is still open is an error.
  public func finish() throws(XMLValidationError) {
    try parse(UnsafeRawBufferPointer(start: nil, count: 0), terminate: true)
  }

  private func parse(_ chunk: UnsafeRawBufferPointer, terminate: Bool) throws(XMLValidationError) {
    guard let parser else { return }
    var remaining = chunk
    // xmlParseChunk takes an Int32 size.
    repeat {
      let piece = UnsafeRawBufferPointer(rebasing: remaining.prefix(1 << 30))
      remaining = UnsafeRawBufferPointer(rebasing: remaining.dropFirst(piece.count))
      let last = terminate && remaining.isEmpty
      let result = piece.withMemoryRebound(to: CChar.self) {
        xmlParseChunk(parser, $0.baseAddress, Int32($0.count), last ? 1 : 0)
      }
      if let refusal = context.refusal {
        throw XMLValidationError(
          stage: .parsing, issues: [XMLIssue(document: documentName, line: 0, message: refusal)])
      }
      if result != 0 || parser.pointee.wellFormed == 0 {
        var issue = XMLIssue(document: documentName, line: 0, message: "not well-formed")
        if let error = xmlCtxtGetLastError(parser) { issue = XMLIssue(error: error.pointee, document: documentName) }
        throw XMLValidationError(stage: .parsing, issues: [issue])
      }
    } while !remaining.isEmpty
  }
}
