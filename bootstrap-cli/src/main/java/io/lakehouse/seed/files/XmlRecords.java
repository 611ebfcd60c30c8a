package io.lakehouse.seed.files;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * XML records with StAX: every element at the schema's record path ({@code /catalog/product}) is one record,
 * located by its element path ({@code /catalog/product[42]}, 1-based among the records). Column sources are
 * paths inside the record ({@code @sku}, {@code price/@currency}, {@code supplier/name}); an element that holds
 * child elements where text is declared is a malformed element. XML that is not well-formed ends the file with one
 * rejected record. The encoding comes from the XML declaration, as the XML spec says; DTDs are not read.
 */
public final class XmlRecords extends RecordIterator {
    private final InputStream input;
    private final XMLStreamReader xml;
    private final List<String> recordPath;
    private final List<ColumnSpec> columns;
    private final List<String> stack = new ArrayList<>();
    private long index;

    public XmlRecords(InputStream input, FileSchema schema) throws IOException {
        this.input = input;
        this.recordPath = List.of(schema.record().substring(1).split("/"));
        this.columns = schema.columns();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        try {
            this.xml = factory.createXMLStreamReader(input);
        } catch (XMLStreamException e) {
            throw new IOException("cannot start reading XML: " + e.getMessage(), e);
        }
    }

    /** An element as read: enough to evaluate column paths and to write the record back as text. */
    static final class Element {
        final String name;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<Element> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Element(String name) {
            this.name = name;
        }

        Element child(String childName) {
            for (Element c : children) {
                if (c.name.equals(childName)) {
                    return c;
                }
            }
            return null;
        }

        void write(StringBuilder out) {
            out.append('<').append(name);
            attributes.forEach((k, v) -> out.append(' ').append(k).append("=\"").append(escape(v)).append('"'));
            String t = text.toString().strip();
            if (children.isEmpty() && t.isEmpty()) {
                out.append("/>");
                return;
            }
            out.append('>').append(escape(t));
            for (Element c : children) {
                c.write(out);
            }
            out.append("</").append(name).append('>');
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }

    @Override
    protected RawRecord advance() {
        Element partial = null;
        long line = 0;
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    stack.add(xml.getLocalName());
                    if (stack.equals(recordPath)) {
                        index++;
                        line = xml.getLocation().getLineNumber();
                        partial = new Element(xml.getLocalName());
                        readElement(partial);
                        // readElement consumed the record's END_ELEMENT
                        stack.remove(stack.size() - 1);
                        return toRecord(partial, line);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    stack.remove(stack.size() - 1);
                }
            }
            endOfInput();
            return null;
        } catch (XMLStreamException e) {
            endOfInput();
            StringBuilder raw = new StringBuilder();
            if (partial != null) {
                partial.write(raw);
            }
            long at = e.getLocation() == null ? line : e.getLocation().getLineNumber();
            return RawRecord.rejected(at, path() + " (line " + at + ")", raw.toString(), RejectReason.UNPARSEABLE,
                    "XML is not well-formed at line " + at + ": " + firstLine(e.getMessage())
                            + " (nothing after it can be read)");
        }
    }

    /** Reads the element whose START_ELEMENT is current, to its END_ELEMENT. */
    private void readElement(Element element) throws XMLStreamException {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            element.attributes.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
        }
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    Element child = new Element(xml.getLocalName());
                    element.children.add(child);
                    readElement(child);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        element.text.append(xml.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return;
                }
                default -> {
                    // comments and processing instructions are not data
                }
            }
        }
    }

    private RawRecord toRecord(Element record, long line) {
        StringBuilder raw = new StringBuilder();
        record.write(raw);
        String path = path();
        Map<String, String> values = new HashMap<>(columns.size() * 2);
        for (ColumnSpec column : columns) {
            String[] steps = column.source().split("/");
            Element at = record;
            String value = null;
            for (int i = 0; i < steps.length && at != null; i++) {
                String step = steps[i];
                if (step.startsWith("@")) {
                    value = at.attributes.get(step.substring(1));
                    at = null;
                } else {
                    at = at.child(step);
                    if (at != null && i == steps.length - 1) {
                        if (!at.children.isEmpty()) {
                            return RawRecord.rejected(line, path, raw.toString(), RejectReason.MALFORMED_ELEMENT,
                                    "column " + column.name() + ": element <" + at.name + "> holds <"
                                            + at.children.get(0).name + "> where text is expected");
                        }
                        value = at.text.toString().strip();
                    }
                }
            }
            values.put(column.source(), value == null || value.isEmpty() ? null : value);
        }
        return new RawRecord(line, path, raw.toString(), values, null);
    }

    private String path() {
        return "/" + String.join("/", recordPath) + "[" + index + "]";
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().reduce((a, b) -> b).orElse(message).strip();
    }

    @Override
    public void close() throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // the stream below is closed either way
        }
        input.close();
    }
}
