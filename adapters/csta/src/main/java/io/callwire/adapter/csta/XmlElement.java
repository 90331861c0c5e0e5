package io.callwire.adapter.csta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An XML element as the adapter reads and writes CSTA messages: local name, text, attributes and children.
 * Namespaces are dropped when reading (CSTA element names are unique enough) and set once on the root when
 * writing. Immutable.
 *
 * @param name       local name
 * @param text       the element's own text, trimmed, empty when none
 * @param attributes attributes by local name
 * @param children   child elements in document order
 */
record XmlElement(String name, String text, Map<String, String> attributes, List<XmlElement> children) {

    XmlElement {
        text = text == null ? "" : text;
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    /** An element with text only. */
    static XmlElement leaf(String name, String text) {
        return new XmlElement(name, text, Map.of(), List.of());
    }

    /** An element with children only. */
    static XmlElement of(String name, XmlElement... children) {
        return new XmlElement(name, "", Map.of(), List.of(children));
    }

    /** An element with children only. */
    static XmlElement of(String name, List<XmlElement> children) {
        return new XmlElement(name, "", Map.of(), children);
    }

    /** A copy with one attribute added. */
    XmlElement withAttribute(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(attributes);
        copy.put(key, value);
        return new XmlElement(name, text, copy, children);
    }

    /** A copy written (with its subtree) in another XML namespace than its parent's. */
    XmlElement inNamespace(String namespace) {
        return withAttribute(XmlCodec.NAMESPACE_ATTRIBUTE, namespace);
    }

    /** The first child of this name. */
    Optional<XmlElement> child(String childName) {
        for (XmlElement c : children) {
            if (c.name.equals(childName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Children of this name. */
    List<XmlElement> all(String childName) {
        List<XmlElement> out = new ArrayList<>();
        for (XmlElement c : children) {
            if (c.name.equals(childName)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The first element of this name at any depth below this one (depth-first, document order). */
    Optional<XmlElement> find(String descendantName) {
        for (XmlElement c : children) {
            if (c.name.equals(descendantName)) {
                return Optional.of(c);
            }
            Optional<XmlElement> deeper = c.find(descendantName);
            if (deeper.isPresent()) {
                return deeper;
            }
        }
        return Optional.empty();
    }

    /** Every element of this name at any depth below this one, in document order. */
    List<XmlElement> findAll(String descendantName) {
        List<XmlElement> out = new ArrayList<>();
        collect(descendantName, out);
        return out;
    }

    private void collect(String descendantName, List<XmlElement> out) {
        for (XmlElement c : children) {
            if (c.name.equals(descendantName)) {
                out.add(c);
            }
            c.collect(descendantName, out);
        }
    }

    /** Text of the element at the path of child names, or empty when any step is missing. */
    String text(String... path) {
        XmlElement at = this;
        for (String step : path) {
            Optional<XmlElement> next = at.child(step);
            if (next.isEmpty()) {
                return "";
            }
            at = next.get();
        }
        return at.text;
    }

    /** Text of the first element of this name at any depth, or empty. */
    String findText(String descendantName) {
        return find(descendantName).map(XmlElement::text).orElse("");
    }
}
