import Testing

@testable import XMLSupport

@Suite struct XMLSerializationTests {
  @Test func writesTheInterfaceFormExactly() {
    let tree = XMLTree(rootName: "R", namespace: "urn:test", attributes: ["version": "1.0"])
    let child = tree.root.append("A", attributes: ["x": "a&b<c>\"d\"\r\n\te"])
    child.append("T", text: "Tom & Jerry <3 > 2 \"q\"")
    child.append("Empty", attributes: ["k": "v"])
    tree.root.append("Container")
    tree.root.append("Umlaut", text: "Größe € 5")
    let expected = """
      <?xml version="1.0" encoding="UTF-8"?>
      <R xmlns="urn:test" version="1.0">
        <A x="a&amp;b&lt;c>&quot;d&quot;&#13;&#10;&#9;e">
          <T>Tom &amp; Jerry &lt;3 > 2 "q"</T>
          <Empty k="v"/>
        </A>
        <Container/>
        <Umlaut>Größe € 5</Umlaut>
      </R>

      """
    #expect(String(decoding: tree.serialized(), as: UTF8.self) == expected)
  }

  /// `]]>` cannot stand in text; its `>` is escaped there (and only there),
  /// and the document parses back to the same text.
  @Test func escapesTheEndOfACDATAMarkerInText() throws {
    let tree = XMLTree(rootName: "R", namespace: "urn:test", attributes: ["a": "x]]>y"])
    tree.root.append("T", text: "]]>a]]>>]>]]]>] ]>")
    let bytes = tree.serialized()
    let expected = """
      <?xml version="1.0" encoding="UTF-8"?>
      <R xmlns="urn:test" a="x]]>y">
        <T>]]&gt;a]]&gt;>]>]]]&gt;] ]></T>
      </R>

      """
    #expect(String(decoding: bytes, as: UTF8.self) == expected)
    let schema = try XMLSchema(
      bytes: Array(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test" xmlns="urn:test"
                   elementFormDefault="qualified">
          <xs:element name="R"><xs:complexType><xs:sequence>
            <xs:element name="T"><xs:simpleType><xs:restriction base="xs:string">
              <xs:enumeration value="]]&gt;a]]&gt;&gt;]&gt;]]]&gt;] ]&gt;"/></xs:restriction></xs:simpleType></xs:element>
          </xs:sequence><xs:attribute name="a" type="xs:string"/></xs:complexType></xs:element>
        </xs:schema>
        """.utf8), name: "t.xsd")
    try schema.validate(bytes, documentName: "t.xml")
  }
}

@Suite struct XMLSchemaTests {
  static let schemaText = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test" xmlns="urn:test"
               elementFormDefault="qualified">
      <xs:element name="R">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="N" type="xs:integer" maxOccurs="unbounded"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
    </xs:schema>
    """

  @Test func acceptsAValidDocument() throws {
    let schema = try XMLSchema(bytes: Array(Self.schemaText.utf8), name: "test.xsd")
    let document = "<R xmlns=\"urn:test\">\n  <N>1</N>\n  <N>2</N>\n</R>\n"
    try schema.validate(Array(document.utf8), documentName: "ok.xml")
  }

  @Test func reportsTheLineOfAnInvalidValue() throws {
    let schema = try XMLSchema(bytes: Array(Self.schemaText.utf8), name: "test.xsd")
    let document = "<R xmlns=\"urn:test\">\n  <N>1</N>\n  <N>zwei</N>\n</R>\n"
    let error = #expect(throws: XMLValidationError.self) {
      try schema.validate(Array(document.utf8), documentName: "bad.xml")
    }
    #expect(error?.stage == .validation)
    #expect(error?.issues.count == 1)
    #expect(error?.issues.first?.line == 3)
    #expect(error?.issues.first?.document == "bad.xml")
    #expect(error?.issues.first?.message.contains("'zwei' is not a valid value") == true)
  }

  @Test func reportsAMalformedDocumentWithItsLine() throws {
    let schema = try XMLSchema(bytes: Array(Self.schemaText.utf8), name: "test.xsd")
    let error = #expect(throws: XMLValidationError.self) {
      try schema.validate(Array("<R xmlns=\"urn:test\">\n<N>1</M>\n</R>".utf8), documentName: "broken.xml")
    }
    #expect(error?.stage == .parsing)
    #expect(error?.issues.first?.line == 2)
  }

  @Test func neverExpandsEntitiesOrLoadsExternalOnes() throws {
    let schema = try XMLSchema(bytes: Array(Self.schemaText.utf8), name: "test.xsd")
    let document = """
      <?xml version="1.0"?>
      <!DOCTYPE R [<!ENTITY e SYSTEM "file:///etc/hostname">]>
      <R xmlns="urn:test"><N>&e;</N></R>
      """
    // Without substitution the entity stays a reference, which is not an integer.
    #expect(throws: XMLValidationError.self) {
      try schema.validate(Array(document.utf8), documentName: "xxe.xml")
    }
  }

  @Test func rejectsAnInvalidSchema() {
    #expect(throws: XMLValidationError.self) {
      try XMLSchema(
        bytes: Array("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:foo/></xs:schema>".utf8),
        name: "bad.xsd")
    }
  }
}

@Suite struct XMLStreamParserTests {
  /// Records what the parser reports, tags by local name.
  final class Recorder: XMLStreamHandler {
    var events: [String] = []
    func start(_ tag: XMLStartTag) {
      let r = tag.attribute("r").map { String(decoding: $0, as: UTF8.self) } ?? "-"
      events.append("<\(String(decoding: tag.localName, as: UTF8.self)) r=\(r) c?\(tag.named("c"))")
    }
    func end(_ localName: UnsafeBufferPointer<UInt8>) {
      events.append("</\(String(decoding: localName, as: UTF8.self)) row?\(localName.isName("row"))")
    }
    func characters(_ text: UnsafeBufferPointer<UInt8>) { events.append(String(decoding: text, as: UTF8.self)) }
  }

  @Test func reportsPrefixedTagsAcrossChunks() throws {
    let recorder = Recorder()
    let parser = try XMLStreamParser(handler: recorder, documentName: "sheet1.xml")
    let document = Array("<x:row xmlns:x=\"urn:x\" r=\"7\"><x:cols/><x:c r=\"B7\">a&amp;b</x:c></x:row>".utf8)
    for piece in [document[..<20], document[20...]] {
      try Array(piece).withUnsafeBytes { try parser.feed($0) }
    }
    try parser.finish()
    let events = recorder.events
    #expect(
      events == [
        "<row r=7 c?false", "<cols r=- c?false", "</cols row?false", "<c r=B7 c?true", "a", "&", "b",
        "</c row?false", "</row row?true",
      ])
  }

  @Test func refusesADoctype() throws {
    let parser = try XMLStreamParser(handler: Recorder(), documentName: "sheet1.xml")
    let document = Array("<!DOCTYPE row [<!ENTITY e \"x\">]><row>&e;</row>".utf8)
    #expect(throws: XMLValidationError.self) {
      try document.withUnsafeBytes { try parser.feed($0) }
      try parser.finish()
    }
  }
}
