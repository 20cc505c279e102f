import CLibXML2

/// An element of a parsed document: what `fundreport diff` compares.
public struct ParsedXMLElement: Sendable, Equatable {
  /// The local name.
  public var name: String
  /// The attributes in document order.
  public var attributes: [(name: String, value: String)]
  /// The text of an element without child elements (empty otherwise).
  public var text: String
  public var children: [ParsedXMLElement]

  public static func == (lhs: ParsedXMLElement, rhs: ParsedXMLElement) -> Bool {
    lhs.name == rhs.name && lhs.text == rhs.text && lhs.children == rhs.children
      && lhs.attributes.map(\.name) == rhs.attributes.map(\.name)
      && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
  }

  /// Parses `bytes` as safely as ``XMLSchema/validate(_:documentName:)`` does
  /// (no network, no entity substitution, no DTD loading) into its root element.
  ///
  /// - Throws: ``XMLValidationError`` when the bytes are not well-formed.
  public static func parse(_ bytes: [UInt8], documentName: String) throws(XMLValidationError) -> ParsedXMLElement {
    let document = try XMLSchema.parse(bytes, documentName: documentName)
    defer { xmlFreeDoc(document) }
    guard let root = xmlDocGetRootElement(document) else {
      throw XMLValidationError(
        stage: .parsing, issues: [XMLIssue(document: documentName, line: 0, message: "no root element")])
    }
    return element(root)
  }

  private static func element(_ node: xmlNodePtr) -> ParsedXMLElement {
    var attributes: [(name: String, value: String)] = []
    var attribute = node.pointee.properties
    while let current = attribute {
      let name = String(cString: current.pointee.name)
      attributes.append((name, content(UnsafeMutablePointer<xmlNode>(OpaquePointer(current)))))
      attribute = current.pointee.next
    }
    var children: [ParsedXMLElement] = []
    var child = node.pointee.children
    while let current = child {
      if current.pointee.type == XML_ELEMENT_NODE { children.append(element(current)) }
      child = current.pointee.next
    }
    return ParsedXMLElement(
      name: String(cString: node.pointee.name), attributes: attributes,
      text: children.isEmpty ? content(node) : "", children: children)
  }

  private static func content(_ node: xmlNodePtr) -> String {
    guard let text = xmlNodeGetContent(node) else { return "" }
    defer { fundreport_xmlFree(text) }
    return String(cString: text)
  }
}
