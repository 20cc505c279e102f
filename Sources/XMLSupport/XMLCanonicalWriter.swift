import CLibXML2

/// Serializes a libxml2 tree as the reporting interface prescribes
/// (shared/spec/outputs.md, "XML: common rules"):
///
/// - the declaration `<?xml version="1.0" encoding="UTF-8"?>`, LF line ends,
///   a final newline, two spaces of indentation per level;
/// - an element holds either text or child elements; empty elements are
///   written `<X a="v"/>`;
/// - in text only `&` and `<` are escaped, and the `>` of `]]>`, which XML
///   forbids in text as it stands (written `]]&gt;`); in attributes `&`,
///   `<`, `"` and CR, LF, TAB (as `&#13;`, `&#10;`, `&#9;`).
///
/// libxml2's own `xmlSaveTree` also escapes `>` and differs in other details,
/// so the bytes are produced here from the tree.
struct XMLCanonicalWriter {
  private var output: [UInt8] = []

  mutating func write(document: xmlDocPtr) -> [UInt8] {
    output = Array(#"<?xml version="1.0" encoding="UTF-8"?>"#.utf8)
    output.append(0x0A)
    if let root = xmlDocGetRootElement(document) {
      writeElement(root, depth: 0)
    }
    return output
  }

  private mutating func writeElement(_ node: xmlNodePtr, depth: Int) {
    output.append(contentsOf: repeatElement(0x20, count: depth * 2))
    output.append(UInt8(ascii: "<"))
    appendName(of: node)
    if let ns = node.pointee.nsDef, let href = ns.pointee.href, ns.pointee.prefix == nil {
      output.append(contentsOf: #" xmlns=""#.utf8)
      appendEscaped(cString: href, inAttribute: true)
      output.append(UInt8(ascii: "\""))
    }
    var attribute = node.pointee.properties
    while let current = attribute {
      output.append(0x20)
      appendCString(current.pointee.name)
      output.append(contentsOf: "=\"".utf8)
      if let value = current.pointee.children?.pointee.content {
        appendEscaped(cString: value, inAttribute: true)
      }
      output.append(UInt8(ascii: "\""))
      attribute = current.pointee.next
    }

    var textContent: [UnsafePointer<xmlChar>] = []
    var elementChildren: [xmlNodePtr] = []
    var child = node.pointee.children
    while let current = child {
      switch current.pointee.type {
      case XML_ELEMENT_NODE: elementChildren.append(current)
      case XML_TEXT_NODE: if let content = current.pointee.content { textContent.append(content) }
      default: break
      }
      child = current.pointee.next
    }

    if elementChildren.isEmpty && textContent.isEmpty {
      output.append(contentsOf: "/>\n".utf8)
      return
    }
    output.append(UInt8(ascii: ">"))
    if elementChildren.isEmpty {
      for text in textContent { appendEscaped(cString: text, inAttribute: false) }
    } else {
      output.append(0x0A)
      for element in elementChildren { writeElement(element, depth: depth + 1) }
      output.append(contentsOf: repeatElement(0x20, count: depth * 2))
    }
    output.append(contentsOf: "</".utf8)
    appendName(of: node)
    output.append(contentsOf: ">\n".utf8)
  }

  private mutating func appendName(of node: xmlNodePtr) {
    appendCString(node.pointee.name)
  }

  private mutating func appendCString(_ pointer: UnsafePointer<xmlChar>?) {
    guard var byte = pointer else { return }
    while byte.pointee != 0 {
      output.append(byte.pointee)
      byte += 1
    }
  }

  private mutating func appendEscaped(cString pointer: UnsafePointer<xmlChar>, inAttribute: Bool) {
    var byte = pointer
    while byte.pointee != 0 {
      switch (byte.pointee, inAttribute) {
      case (UInt8(ascii: "&"), _): output.append(contentsOf: "&amp;".utf8)
      case (UInt8(ascii: "<"), _): output.append(contentsOf: "&lt;".utf8)
      case (UInt8(ascii: ">"), false) where pointer.distance(to: byte) >= 2 && byte[-1] == 0x5D && byte[-2] == 0x5D:
        // `]]>` may not stand in character data (XML 1.0, production CharData).
        output.append(contentsOf: "&gt;".utf8)
      case (UInt8(ascii: "\""), true): output.append(contentsOf: "&quot;".utf8)
      case (0x0D, true): output.append(contentsOf: "&#13;".utf8)
      case (0x0A, true): output.append(contentsOf: "&#10;".utf8)
      case (0x09, true): output.append(contentsOf: "&#9;".utf8)
      case (let other, _): output.append(other)
      }
      byte += 1
    }
  }
}
