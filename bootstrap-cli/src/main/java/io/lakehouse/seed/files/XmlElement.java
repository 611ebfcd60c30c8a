package io.lakehouse.seed.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import org.codehaus.stax2.XMLStreamReader2;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An element of a record as read: its name as written (prefix:local), attributes, child elements and its own text;
 * read without recursion, and written as JSON for an array column.
 */
final class XmlElement {
    // each element level can take up to four JSON levels (array, object, field array, object)
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder()
                    .maxNestingDepth(4 * XmlSafety.MAX_ELEMENT_DEPTH + 8).build())
            .build();

    final String name;
    final String localName;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final List<XmlElement> children = new ArrayList<>();
    final StringBuilder text = new StringBuilder();

    XmlElement(String name, String localName) {
        this.name = name;
        this.localName = localName;
    }

    /** The children named {@code step}: by name as written, else (a step without prefix) by local name. */
    List<XmlElement> children(String step) {
        List<XmlElement> found = new ArrayList<>(1);
        for (XmlElement c : children) {
            if (c.name.equals(step)) {
                found.add(c);
            }
        }
        if (found.isEmpty() && step.indexOf(':') < 0) {
            for (XmlElement c : children) {
                if (c.localName.equals(step)) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    String attributeByLocalName(String local) {
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            String k = a.getKey();
            if (k.substring(k.indexOf(':') + 1).equals(local)) {
                return a.getValue();
            }
        }
        return null;
    }

    /** Its own text exactly as written, or null when it has none but whitespace (formatting). */
    String textValue() {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.toString();
            }
        }
        return null;
    }

    private static String name(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    /** Reads the element whose START_ELEMENT is current, to its END_ELEMENT, iteratively (no recursion). */
    static XmlElement read(XMLStreamReader2 xml, XmlSafety safety) throws XMLStreamException {
        XmlElement root = start(xml, safety);
        Deque<XmlElement> open = new ArrayDeque<>();
        open.push(root);
        while (!open.isEmpty()) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    XmlElement child = start(xml, safety);
                    open.peek().children.add(child);
                    open.push(child);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    int length = xml.getTextLength();
                    safety.delivered(length, xml);
                    open.peek().text.append(xml.getTextCharacters(), xml.getTextStart(), length);
                }
                case XMLStreamConstants.END_ELEMENT -> open.pop();
                default -> {
                    // comments and processing instructions are not data
                }
            }
        }
        return root;
    }

    private static XmlElement start(XMLStreamReader2 xml, XmlSafety safety) throws XMLStreamException {
        XmlElement e = new XmlElement(name(xml.getPrefix(), xml.getLocalName()), xml.getLocalName());
        long chars = 0;
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String value = xml.getAttributeValue(i);
            chars += value.length();
            e.attributes.put(name(xml.getAttributePrefix(i), xml.getAttributeLocalName(i)), value);
        }
        safety.delivered(chars, xml);
        return e;
    }

    /** The elements as a JSON array: text for a leaf without attributes, else an object ("@a", children, "#text"). */
    static String json(List<XmlElement> items) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (XmlElement item : items) {
                writeJson(g, item);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private enum Token { END_OBJECT, START_ARRAY, END_ARRAY }

    private record Field(String name) {
    }

    private record Text(String value) {
    }

    /** Writes one element as JSON with an explicit stack: no recursion, however deep the element. */
    private static void writeJson(JsonGenerator g, XmlElement root) throws IOException {
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Object next = todo.pop();
            if (next instanceof Token t) {
                switch (t) {
                    case END_OBJECT -> g.writeEndObject();
                    case START_ARRAY -> g.writeStartArray();
                    case END_ARRAY -> g.writeEndArray();
                }
            } else if (next instanceof Field f) {
                g.writeFieldName(f.name());
            } else if (next instanceof Text t) {
                g.writeString(t.value());
            } else {
                XmlElement e = (XmlElement) next;
                if (e.children.isEmpty() && e.attributes.isEmpty()) {
                    String text = e.textValue();
                    if (text == null) {
                        g.writeNull();
                    } else {
                        g.writeString(text);
                    }
                    continue;
                }
                g.writeStartObject();
                for (Map.Entry<String, String> a : e.attributes.entrySet()) {
                    g.writeStringField("@" + a.getKey(), a.getValue());
                }
                Map<String, List<XmlElement>> groups = new LinkedHashMap<>();
                for (XmlElement c : e.children) {
                    groups.computeIfAbsent(c.name, k -> new ArrayList<>()).add(c);
                }
                List<Object> sequence = new ArrayList<>();
                for (Map.Entry<String, List<XmlElement>> group : groups.entrySet()) {
                    sequence.add(new Field(group.getKey()));
                    if (group.getValue().size() > 1) {
                        sequence.add(Token.START_ARRAY);
                        sequence.addAll(group.getValue());
                        sequence.add(Token.END_ARRAY);
                    } else {
                        sequence.add(group.getValue().get(0));
                    }
                }
                String text = e.textValue();
                if (text != null) {
                    sequence.add(new Field("#text"));
                    sequence.add(new Text(text));
                }
                sequence.add(Token.END_OBJECT);
                for (int i = sequence.size() - 1; i >= 0; i--) {
                    todo.push(sequence.get(i));
                }
            }
        }
    }
}
