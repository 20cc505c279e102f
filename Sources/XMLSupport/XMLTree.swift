import CLibXML2

/// An XML document built in memory with libxml2.
///
/// The tree is owned by this object and freed with it (`xmlFreeDoc`).
/// Elements are appended through ``XMLTree/Element`` handles, which keep the
/// tree alive. The tree is serialized by ``serialized()``, never by libxml2's
/// own writer, so that the bytes follow the interface's rules exactly
/// (see ``XMLCanonicalWriter``).
public final class XMLTree {
  let document: xmlDocPtr
  private let rootNode: xmlNodePtr

  /// The root element.
  public var root: Element { Element(tree: self, node: rootNode) }

  /// Creates a document whose root element `rootName` declares `namespace`
  /// as its default namespace.
  ///
  /// The corresponding C functions are `xmlNewDoc`, `xmlNewDocNode` and `xmlNewNs`.
  public init(rootName: String, namespace: String, attributes: KeyValuePairs<String, String> = [:]) {
    initializeLibXML()
    // xmlNewDoc only fails when malloc does; then nothing else would work either.
    guard let document = xmlNewDoc("1.0"), let node = xmlNewDocNode(document, nil, rootName, nil) else {
      preconditionFailure("libxml2 could not allocate a document")
    }
    self.document = document
    self.rootNode = node
    xmlDocSetRootElement(document, node)
    let ns = xmlNewNs(node, namespace, nil)
    xmlSetNs(node, ns)
    for (name, value) in attributes { xmlSetProp(node, name, value) }
  }

  deinit { xmlFreeDoc(document) }

  /// The document's bytes per the interface's serialization rules.
  public func serialized() -> [UInt8] {
    var writer = XMLCanonicalWriter()
    return writer.write(document: document)
  }

  /// A handle to one element of an ``XMLTree``.
  public struct Element {
    let tree: XMLTree
    let node: xmlNodePtr

    /// Appends a child element (in the parent's namespace) and returns it.
    ///
    /// The corresponding C function is `xmlNewChild`.
    @discardableResult
    public func append(_ name: String, attributes: KeyValuePairs<String, String> = [:]) -> Element {
      guard let child = xmlNewChild(node, node.pointee.ns, name, nil) else {
        preconditionFailure("libxml2 could not allocate an element")
      }
      let element = Element(tree: tree, node: child)
      for (key, value) in attributes { element.setAttribute(key, value) }
      return element
    }

    /// Appends a child element that holds `text` as its only content.
    @discardableResult
    public func append(_ name: String, text: String, attributes: KeyValuePairs<String, String> = [:])
      -> Element
    {
      let element = append(name, attributes: attributes)
      // xmlNodeAddContent takes the text literally (no entity parsing).
      xmlNodeAddContent(element.node, text)
      return element
    }

    /// Appends `name` with `text` when `text` is not nil; optional elements
    /// without a value are left out, never written empty.
    public func appendIfPresent(_ name: String, text: String?) {
      if let text { append(name, text: text) }
    }

    /// Sets an attribute; attributes are written in the order they were set.
    public func setAttribute(_ name: String, _ value: String) {
      xmlSetProp(node, name, value)
    }
  }
}

/// Initializes libxml2 once per process; `xmlCleanupParser` is never called,
/// as libxml2's documentation asks for libraries.
func initializeLibXML() {
  _ = libxmlInitialized
}

private let libxmlInitialized: Bool = {
  xmlInitParser()
  return true
}()
