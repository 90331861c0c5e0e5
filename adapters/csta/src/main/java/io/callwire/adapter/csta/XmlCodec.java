package io.callwire.adapter.csta;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes CSTA XML with the JDK's StAX parser and writer. Reading refuses DTDs and external entities
 * (no XXE); writing escapes every text and attribute through the writer, so no XML is ever concatenated.
 */
final class XmlCodec {
    /** ECMA-323 edition 3 namespace of CSTA services and events. */
    static final String CSTA_NS = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
    /** ECMA-354 namespace of the application session services. */
    static final String SESSION_NS = "http://www.ecma-international.org/standards/ecma-354/appl_session";
    /** Avaya's namespace of private data and of the session login information. */
    static final String AVAYA_NS = "http://www.avaya.com/csta";
    /**
     * An element carrying this attribute (see {@link XmlElement#inNamespace}) is written, with its subtree, in that
     * namespace instead of its parent's; the attribute itself is not written.
     */
    static final String NAMESPACE_ATTRIBUTE = "xmlns";
    private static final int MAX_DEPTH = 64;

    private final XMLInputFactory inputs;
    private final XMLOutputFactory outputs;

    XmlCodec() {
        inputs = XMLInputFactory.newFactory();
        inputs.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        inputs.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        inputs.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        inputs.setProperty(XMLInputFactory.IS_COALESCING, true);
        outputs = XMLOutputFactory.newFactory();
    }

    /**
     * Parses one document into its root element.
     *
     * @throws CstaXmlException when the text is not well-formed, has a DTD, or nests deeper than 64 levels
     */
    XmlElement parse(String xml) {
        XMLStreamReader r = null;
        try {
            r = inputs.createXMLStreamReader(new StringReader(xml));
            Deque<Builder> open = new ArrayDeque<>();
            XmlElement root = null;
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (open.size() >= MAX_DEPTH) {
                            throw new CstaXmlException("XML nests deeper than " + MAX_DEPTH + " elements", null);
                        }
                        Builder b = new Builder(r.getLocalName());
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            b.attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        }
                        open.push(b);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!open.isEmpty()) {
                            open.peek().text.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        XmlElement done = open.pop().build();
                        if (open.isEmpty()) {
                            root = done;
                        } else {
                            open.peek().children.add(done);
                        }
                    }
                    case XMLStreamConstants.DTD -> throw new CstaXmlException("XML with a DTD is refused", null);
                    default -> {
                    }
                }
            }
            if (root == null) {
                throw new CstaXmlException("XML document has no root element", null);
            }
            return root;
        } catch (XMLStreamException e) {
            throw new CstaXmlException("malformed XML: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof CstaXmlException x) {
                throw x;
            }
            throw new CstaXmlException("malformed XML: " + e, e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release
                }
            }
        }
    }

    /** Writes the element as a document with {@code namespace} as the root's default namespace. */
    String write(XmlElement root, String namespace) {
        StringWriter out = new StringWriter(256);
        try {
            XMLStreamWriter w = outputs.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.setDefaultNamespace(namespace);
            w.writeStartElement(namespace, root.name());
            w.writeDefaultNamespace(namespace);
            writeBody(w, root, namespace);
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write CSTA XML " + root.name(), e);
        }
        return out.toString();
    }

    private static void writeBody(XMLStreamWriter w, XmlElement e, String namespace) throws XMLStreamException {
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            if (!a.getKey().equals(NAMESPACE_ATTRIBUTE)) {
                w.writeAttribute(a.getKey(), a.getValue());
            }
        }
        if (!e.text().isEmpty()) {
            w.writeCharacters(e.text());
        }
        for (XmlElement c : e.children()) {
            String own = c.attributes().get(NAMESPACE_ATTRIBUTE);
            if (own != null && !own.equals(namespace)) {
                w.writeStartElement("", c.name(), own);
                w.writeDefaultNamespace(own);
                writeBody(w, c, own);
            } else {
                w.writeStartElement(namespace, c.name());
                writeBody(w, c, namespace);
            }
            w.writeEndElement();
        }
    }

    private static final class Builder {
        final String name;
        final StringBuilder text = new StringBuilder();
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<XmlElement> children = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }

        XmlElement build() {
            return new XmlElement(name, text.toString().trim(), attributes, children);
        }
    }
}
