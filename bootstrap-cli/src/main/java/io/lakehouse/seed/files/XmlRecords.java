package io.lakehouse.seed.files;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import org.codehaus.stax2.DTDInfo;
import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.XMLStreamReader2;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.EntityDeclaration;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * XML records, streamed with Woodstox: every element at the schema's record path ({@code /catalog/product}) is one
 * record, located by its element path ({@code /catalog/product[42]}, 1-based among the records). Column sources are
 * paths inside the record: {@code @sku}, {@code price/@currency}, {@code supplier/address/city}, {@code .} (the
 * record's own text) and {@code tags/tag[]} (every {@code <tag>}, as a JSON array).
 *
 * <p>Nothing is altered or dropped silently. A value is the text as written (whitespace-only text is empty); a
 * scalar column whose element repeats in a record, or holds child elements the schema has no column for, makes the
 * record a malformed element. After a fatal parse error (not well-formed, or a size limit) the rest of the file,
 * from the start of the record in progress (or the end of the last complete record), is cut at each record start
 * tag and every piece is quarantined as unparseable, so records in = landed + quarantined still holds.
 *
 * <p>The encoding comes from the byte-order mark or the XML declaration. Internal DTD entities are expanded within
 * limits; an external entity or DTD subset, or an entity bomb, refuses the whole file
 * ({@link InputRefusedException}): nothing is resolved, nothing is loaded.
 */
public final class XmlRecords extends RecordIterator {
    /** The raw text kept of one record (or piece) for the quarantine. */
    static final int RAW_CAP = 64 * 1024;
    static final int MAX_ELEMENT_DEPTH = 500;
    static final int MAX_TEXT_LENGTH = 64 * 1024 * 1024;
    static final int MAX_ATTRIBUTE_SIZE = 4 * 1024 * 1024;
    /** What one entity may expand to, all its references expanded. */
    static final long MAX_ENTITY_CHARS = 1 << 20;
    static final int MAX_ENTITY_DEPTH = 32;
    /** Entity expansion overall: text delivered may exceed the text read by this much, plus this many times. */
    static final long EXPANSION_ALLOWANCE = 16L << 20;
    static final long EXPANSION_RATIO = 100;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(4 * MAX_ELEMENT_DEPTH + 8).build())
            .build();

    private final Path file;
    private final Charset charset;
    private final Recorder recorder;
    private final XMLStreamReader2 xml;
    private final Guard guard;
    private final List<String> recordPath;
    private final String recordName;
    private final List<Column> columns = new ArrayList<>();
    private final Set<String> withChildColumns = new HashSet<>();
    private final List<String> stack = new ArrayList<>();
    private boolean rootPending;
    private XMLStreamException prologError;
    private long index;
    private long recordStart = -1;
    private long lastEnd;
    private Pieces pieces;

    /** Reads {@code file} (gzip or not) as records of {@code schema}; refuses it before any record if it must. */
    public XmlRecords(Path file, FileSchema schema) throws IOException {
        this.file = file;
        this.recordPath = List.of(schema.record().substring(1).split("/"));
        this.recordName = recordPath.get(recordPath.size() - 1);
        for (ColumnSpec c : schema.columns()) {
            Column column = new Column(c);
            columns.add(column);
            for (int i = 1; i < column.steps.length; i++) {
                if (!column.steps[i].startsWith("@")) {
                    withChildColumns.add(String.join("/", java.util.Arrays.copyOfRange(column.steps, 0, i)));
                }
            }
            if (column.steps.length > 0 && !column.steps[0].startsWith("@")) {
                withChildColumns.add(".");
            }
        }
        this.charset = TextInput.xmlCharset(file);
        this.recorder = new Recorder(TextInput.xmlReader(file, charset, true));
        this.guard = new Guard(file);
        try {
            this.xml = guard.open(recorder);
        } catch (XMLStreamException e) {
            recorder.close();
            throw new IOException(file + ": cannot start reading XML: " + e.getMessage(), e);
        }
        // the prolog (DTD included) now: a file to refuse is refused before any record is read
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    guard.dtd(xml);
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    rootPending = true;
                    break;
                }
            }
        } catch (XMLStreamException e) {
            prologError = e;
        } catch (RuntimeException e) {
            recorder.close();
            throw e;
        }
        if (prologError != null) {
            try {
                guard.refuseIfMust(prologError, xml);
            } catch (RuntimeException e) {
                recorder.close();
                throw e;
            }
        }
    }

    /** One column of the schema, its source split into steps. */
    private static final class Column {
        final ColumnSpec spec;
        final String[] steps;
        final boolean array;
        final String attribute;

        Column(ColumnSpec spec) {
            this.spec = spec;
            String source = spec.source();
            this.array = source.endsWith("[]");
            if (array) {
                source = source.substring(0, source.length() - 2);
            }
            String[] all = source.equals(".") ? new String[0] : source.split("/");
            if (all.length > 0 && all[all.length - 1].startsWith("@")) {
                this.attribute = all[all.length - 1].substring(1);
                this.steps = java.util.Arrays.copyOf(all, all.length - 1);
            } else {
                this.attribute = null;
                this.steps = all;
            }
        }
    }

    @Override
    protected RawRecord advance() {
        if (pieces != null) {
            return nextPiece();
        }
        try {
            if (prologError != null) {
                throw prologError;
            }
            while (rootPending || xml.hasNext()) {
                int event = rootPending ? XMLStreamConstants.START_ELEMENT : xml.next();
                rootPending = false;
                if (event == XMLStreamConstants.START_ELEMENT) {
                    stack.add(xml.getLocalName());
                    if (stack.equals(recordPath)) {
                        index++;
                        long line = xml.getLocation().getLineNumber();
                        recordStart = xml.getLocationInfo().getStartingCharOffset();
                        recorder.pin(recordStart);
                        Element record = readElement(xml, guard);
                        long end = xml.getLocationInfo().getEndingCharOffset();
                        String raw = recorder.raw(recordStart, end);
                        recordStart = -1;
                        lastEnd = end;
                        stack.remove(stack.size() - 1);
                        return toRecord(record, line, raw);
                    }
                    guard.outside(event, xml);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    stack.remove(stack.size() - 1);
                } else if (event == XMLStreamConstants.DTD) {
                    guard.dtd(xml);
                } else {
                    guard.outside(event, xml);
                }
            }
            endOfInput();
            return null;
        } catch (XMLStreamException e) {
            guard.refuseIfMust(e, xml);
            long from = lastEnd;
            if (recordStart >= 0) {
                from = recordStart;
                index--; // the record in progress is the first piece
            }
            String problem = guard.describe(e, xml);
            try {
                xml.close();
            } catch (XMLStreamException ignored) {
                // the parser cannot go on either way
            }
            try {
                recorder.close();
                pieces = new Pieces(TextInput.xmlReader(file, charset, false), from, problem);
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
            return nextPiece();
        }
    }

    private RawRecord nextPiece() {
        try {
            RawRecord piece = pieces.next();
            if (piece == null) {
                endOfInput();
            }
            return piece;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RawRecord toRecord(Element record, long line, String raw) {
        String path = "/" + String.join("/", recordPath) + "[" + index + "]";
        Map<String, String> values = new HashMap<>(columns.size() * 2);
        for (Column column : columns) {
            Element at = record;
            String key = ".";
            for (int i = 0; i < column.steps.length && at != null; i++) {
                String step = column.steps[i];
                key = i == 0 ? step : key + "/" + step;
                List<Element> found = at.children(step);
                if (found.size() > 1 && !(column.array && i == column.steps.length - 1)) {
                    return RawRecord.rejected(line, path, raw, RejectReason.MALFORMED_ELEMENT, "column "
                            + column.spec.name() + ": element <" + key + "> occurs " + found.size()
                            + " times in the record where the column holds one value");
                }
                if (column.array && i == column.steps.length - 1) {
                    at = null;
                    values.put(column.spec.source(), found.isEmpty() ? null : json(found));
                } else {
                    at = found.isEmpty() ? null : found.get(0);
                }
            }
            if (at == null) {
                values.putIfAbsent(column.spec.source(), null);
            } else if (column.attribute != null) {
                String value = at.attributes.get(column.attribute);
                if (value == null && !column.attribute.contains(":")) {
                    value = at.attributeByLocalName(column.attribute);
                }
                values.put(column.spec.source(), value == null || value.isEmpty() ? null : value);
            } else {
                if (!at.children.isEmpty() && !withChildColumns.contains(key)) {
                    return RawRecord.rejected(line, path, raw, RejectReason.MALFORMED_ELEMENT, "column "
                            + column.spec.name() + ": element <" + at.name + "> holds <"
                            + at.children.get(0).name + "> where text is expected");
                }
                values.put(column.spec.source(), at.textValue());
            }
        }
        return new RawRecord(line, path, raw, values, null);
    }

    /** The elements as a JSON array: text for a leaf without attributes, else an object ("@a", children, "#text"). */
    static String json(List<Element> items) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (Element item : items) {
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
    private static void writeJson(JsonGenerator g, Element root) throws IOException {
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
                Element e = (Element) next;
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
                Map<String, List<Element>> groups = new LinkedHashMap<>();
                for (Element c : e.children) {
                    groups.computeIfAbsent(c.name, k -> new ArrayList<>()).add(c);
                }
                List<Object> sequence = new ArrayList<>();
                for (Map.Entry<String, List<Element>> group : groups.entrySet()) {
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

    @Override
    public void close() throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // the reader below is closed either way
        }
        recorder.close();
        if (pieces != null) {
            pieces.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // shared with XmlInference: the element tree of a record, the parser and its guard

    /** An element as read: its name as written (prefix:local), attributes, child elements and its own text. */
    static final class Element {
        final String name;
        final String localName;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<Element> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Element(String name, String localName) {
            this.name = name;
            this.localName = localName;
        }

        /** The children named {@code step}: by name as written, else (a step without prefix) by local name. */
        List<Element> children(String step) {
            List<Element> found = new ArrayList<>(1);
            for (Element c : children) {
                if (c.name.equals(step)) {
                    found.add(c);
                }
            }
            if (found.isEmpty() && step.indexOf(':') < 0) {
                for (Element c : children) {
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
    }

    private static String name(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    /** Reads the element whose START_ELEMENT is current, to its END_ELEMENT, iteratively (no recursion). */
    static Element readElement(XMLStreamReader2 xml, Guard guard) throws XMLStreamException {
        Element root = start(xml, guard);
        Deque<Element> open = new ArrayDeque<>();
        open.push(root);
        while (!open.isEmpty()) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    Element child = start(xml, guard);
                    open.peek().children.add(child);
                    open.push(child);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    int length = xml.getTextLength();
                    guard.delivered(length, xml);
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

    private static Element start(XMLStreamReader2 xml, Guard guard) throws XMLStreamException {
        Element e = new Element(name(xml.getPrefix(), xml.getLocalName()), xml.getLocalName());
        long chars = 0;
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String value = xml.getAttributeValue(i);
            chars += value.length();
            e.attributes.put(name(xml.getAttributePrefix(i), xml.getAttributeLocalName(i)), value);
        }
        guard.delivered(chars, xml);
        return e;
    }

    /**
     * The parser's safety: Woodstox made here (not whatever the classpath offers) with limits, a resolver that
     * refuses every external DTD subset or entity, entity declarations checked before any is expanded, and the
     * text entities deliver held against the text read.
     */
    static final class Guard {
        private final Path file;
        private String refusal;
        private boolean entities;
        private long delivered;

        Guard(Path file) {
            this.file = file;
        }

        XMLStreamReader2 open(Reader text) throws XMLStreamException {
            WstxInputFactory factory = new WstxInputFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, true);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
            factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
            factory.setProperty(XMLInputFactory.IS_COALESCING, true);
            factory.setProperty(XMLInputFactory2.P_LAZY_PARSING, false);
            factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_ELEMENT_DEPTH);
            factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, MAX_TEXT_LENGTH);
            factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, MAX_ATTRIBUTE_SIZE);
            factory.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, MAX_ENTITY_DEPTH);
            // tight until the DTD is checked (parameter entities expand while it is read), then raised
            factory.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 10_000);
            XMLResolver refuse = (publicId, systemId, baseUri, name) -> {
                refusal = externalMessage(name == null ? "DTD subset" : "entity '" + name + "'", publicId,
                        systemId);
                throw new XMLStreamException(refusal);
            };
            factory.setProperty(WstxInputProperties.P_DTD_RESOLVER, refuse);
            factory.setProperty(WstxInputProperties.P_ENTITY_RESOLVER, refuse);
            factory.setXMLResolver(refuse);
            return (XMLStreamReader2) factory.createXMLStreamReader(text);
        }

        private String externalMessage(String what, String publicId, String systemId) {
            String id = publicId != null ? "PUBLIC \"" + publicId + "\" \"" + systemId + "\""
                    : "SYSTEM \"" + systemId + "\"";
            return file + ": external " + what + " (" + id + ") is never resolved (no file or network access "
                    + "while loading); nothing was loaded";
        }

        /** At the DTD: refuses external entities and subsets, and entities that expand beyond the limits. */
        void dtd(XMLStreamReader2 xml) throws XMLStreamException {
            DTDInfo info = xml.getDTDInfo();
            if (info != null && info.getDTDSystemId() != null) {
                throw new InputRefusedException(externalMessage("DTD subset", info.getDTDPublicId(),
                        info.getDTDSystemId()));
            }
            Object declared = xml.getProperty("javax.xml.stream.entities");
            Map<String, String> internal = new HashMap<>();
            if (declared instanceof List<?> list) {
                for (Object o : list) {
                    EntityDeclaration d = (EntityDeclaration) o;
                    if (d.getSystemId() != null || d.getReplacementText() == null) {
                        throw new InputRefusedException(externalMessage("entity '" + d.getName() + "'",
                                d.getPublicId(), d.getSystemId()));
                    }
                    internal.put(d.getName(), d.getReplacementText());
                }
            }
            Map<String, Long> sizes = new HashMap<>();
            for (String name : internal.keySet()) {
                long size = expandedSize(name, internal, sizes, new ArrayDeque<>());
                if (size > MAX_ENTITY_CHARS) {
                    throw new InputRefusedException(file + ": entity bomb: entity '" + name + "' expands to "
                            + (size >= Long.MAX_VALUE / 4 ? "more than " + Long.MAX_VALUE / 4 : size)
                            + " characters (the expansion limit is " + MAX_ENTITY_CHARS
                            + " per entity); nothing was loaded");
                }
            }
            entities = !internal.isEmpty();
            // declarations are checked: expansions in the document are held by the ratio below instead of a count
            xml.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, Long.MAX_VALUE);
        }

        private long expandedSize(String name, Map<String, String> internal, Map<String, Long> sizes,
                                  Deque<String> path) {
            Long known = sizes.get(name);
            if (known != null) {
                return known;
            }
            if (path.contains(name)) {
                throw new InputRefusedException(file + ": entity bomb: entity '" + name
                        + "' refers to itself (" + String.join(" -> ", path) + " -> " + name
                        + "); nothing was loaded");
            }
            if (path.size() >= MAX_ENTITY_DEPTH) {
                throw new InputRefusedException(file + ": entity bomb: entities nest deeper than the expansion "
                        + "depth limit of " + MAX_ENTITY_DEPTH + " (" + name + "); nothing was loaded");
            }
            path.push(name);
            String text = internal.get(name);
            long size = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                int end = c == '&' ? text.indexOf(';', i) : -1;
                if (end > i + 1) {
                    String ref = text.substring(i + 1, end);
                    if (ref.startsWith("#") || !internal.containsKey(ref)) {
                        size += 1; // a character or predefined entity (an undeclared one is the parser's error)
                    } else {
                        size += expandedSize(ref, internal, sizes, path);
                    }
                    i = end;
                } else {
                    size += 1;
                }
                size = Math.min(size, Long.MAX_VALUE / 4);
            }
            path.pop();
            sizes.put(name, size);
            return size;
        }

        /** Counts the text of an event read outside a record (by {@link #readElement} inside one). */
        void outside(int event, XMLStreamReader2 xml) throws XMLStreamException {
            if (!entities) {
                return;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                long chars = 0;
                for (int i = 0; i < xml.getAttributeCount(); i++) {
                    chars += xml.getAttributeValue(i).length();
                }
                delivered(chars, xml);
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                delivered(xml.getTextLength(), xml);
            }
        }

        /** Text handed out by the parser: with entities declared, it may not outgrow the text read by far. */
        void delivered(long chars, XMLStreamReader2 xml) throws XMLStreamException {
            if (!entities) {
                return;
            }
            delivered += chars;
            long read = Math.max(0, xml.getLocationInfo().getEndingCharOffset());
            if (delivered > EXPANSION_ALLOWANCE + EXPANSION_RATIO * read) {
                throw new InputRefusedException(file + ": entity bomb: expanding entities gave " + delivered
                        + " characters of text from the first " + read + " characters of the file (line "
                        + xml.getLocation().getLineNumber() + "), beyond the expansion limit of "
                        + EXPANSION_ALLOWANCE + " + " + EXPANSION_RATIO + " x the text read; nothing was loaded");
            }
        }

        /** Refuses the file when the parser stopped on an external reference or an entity limit. */
        void refuseIfMust(XMLStreamException e, XMLStreamReader2 xml) {
            if (refusal != null) {
                throw new InputRefusedException(refusal);
            }
            String message = String.valueOf(e.getMessage());
            if (message.contains("entity expansion") || message.contains("external entity")) {
                throw new InputRefusedException(file + ": entity bomb or external entity: " + firstLine(message)
                        + " (line " + line(e, xml) + "); nothing was loaded");
            }
            if (entities && (message.contains("Text size limit") || message.contains("attribute size limit"))) {
                throw new InputRefusedException(file + ": entity bomb: expanding entities exceeds the "
                        + (message.contains("Text") ? "text length limit of " + MAX_TEXT_LENGTH
                        : "attribute size limit of " + MAX_ATTRIBUTE_SIZE) + " characters (line " + line(e, xml)
                        + "); nothing was loaded");
            }
        }

        /** What stopped the parser, and where: a limit by its name, else a well-formedness or encoding error. */
        String describe(XMLStreamException e, XMLStreamReader2 xml) {
            String message = firstLine(e.getMessage());
            long line = line(e, xml);
            if (message.contains("Element Depth limit")) {
                return "XML nests elements deeper than the depth limit of " + MAX_ELEMENT_DEPTH + " at line " + line
                        + " (" + message + ")";
            }
            if (message.contains("Text size limit")) {
                return "XML text longer than the text length limit of " + MAX_TEXT_LENGTH + " characters at line "
                        + line + " (" + message + ")";
            }
            if (message.contains("limit")) {
                return "XML exceeds a parser limit at line " + line + " (" + message + ")";
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e.getNestedException();
            if (cause instanceof java.nio.charset.CharacterCodingException) {
                return "XML bytes are not valid " + "in its encoding near line " + line + " (" + cause + ")";
            }
            return "XML is not well-formed at line " + line + ": " + message;
        }

        private static long line(XMLStreamException e, XMLStreamReader2 xml) {
            if (e.getLocation() != null && e.getLocation().getLineNumber() > 0) {
                return e.getLocation().getLineNumber();
            }
            try {
                return xml.getLocation().getLineNumber();
            } catch (RuntimeException ignored) {
                return 0;
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse(message).strip();
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * The decoded text as the parser reads it, keeping what a record's raw text needs: from a pinned record start,
     * up to {@link #RAW_CAP} characters, and otherwise the last stretch read (the parser reads ahead by one buffer).
     */
    private static final class Recorder extends Reader {
        private static final int TAIL = 1 << 16;
        private final Reader in;
        private final StringBuilder buffer = new StringBuilder();
        private long bufferStart;
        private long pin = -1;
        private String head;

        Recorder(Reader in) {
            this.in = in;
        }

        @Override
        public int read(char[] chars, int off, int len) throws IOException {
            int n = in.read(chars, off, len);
            if (n > 0) {
                buffer.append(chars, off, n);
                trim();
            }
            return n;
        }

        private void trim() {
            long end = bufferStart + buffer.length();
            if (pin >= 0 && head == null) {
                if (pin > bufferStart) {
                    drop(Math.min(buffer.length(), pin - bufferStart));
                }
                if (end - Math.max(pin, bufferStart) < RAW_CAP + TAIL) {
                    return;
                }
                head = slice(pin, pin + RAW_CAP);
            }
            if (buffer.length() > 2 * TAIL) {
                drop(buffer.length() - TAIL);
            }
        }

        private void drop(long n) {
            buffer.delete(0, (int) n);
            bufferStart += n;
        }

        private String slice(long from, long to) {
            int start = (int) Math.max(0, Math.min(buffer.length(), from - bufferStart));
            int end = (int) Math.max(start, Math.min(buffer.length(), to - bufferStart));
            return buffer.substring(start, end);
        }

        void pin(long offset) {
            pin = offset;
            head = null;
            trim();
        }

        /** The pinned record's text, from {@code from} to {@code to}, at most {@link #RAW_CAP} characters. */
        String raw(long from, long to) {
            String raw = head != null ? head : slice(from, Math.min(to, from + RAW_CAP));
            pin = -1;
            head = null;
            return raw;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * The rest of a file after a fatal parse error, from a character offset, cut before each record start tag
     * ({@code <item} or {@code <p:item} then whitespace, {@code /} or {@code >}): each piece one unparseable record,
     * streamed, its raw text capped. The first piece runs to the second start tag, so text before the first one
     * (where the error may be) goes with it; with no start tag at all the rest is one piece.
     */
    private final class Pieces {
        private final BufferedReader in;
        private final String problem;
        private long line = 1;
        private boolean previousCr;
        private boolean first = true;
        private boolean eof;
        private final long fromLine;

        Pieces(Reader text, long from, String problem) throws IOException {
            this.in = text instanceof BufferedReader b ? b : new BufferedReader(text, 1 << 16);
            this.problem = problem;
            char[] skip = new char[8192];
            long left = from;
            while (left > 0) {
                int n = in.read(skip, 0, (int) Math.min(skip.length, left));
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    count(skip[i]);
                }
                left -= n;
            }
            this.fromLine = line;
        }

        private void count(char c) {
            if (c == '\n') {
                if (!previousCr) {
                    line++;
                }
                previousCr = false;
            } else if (c == '\r') {
                line++;
                previousCr = true;
            } else {
                previousCr = false;
            }
        }

        RawRecord next() throws IOException {
            if (eof) {
                return null;
            }
            boolean isFirst = first;
            first = false;
            StringBuilder raw = new StringBuilder();
            long chars = 0;
            long startLine = line;
            long lastLine = line;
            boolean sawStartTag = false;
            while (true) {
                in.mark(512);
                int c = in.read();
                if (c < 0) {
                    eof = true;
                    break;
                }
                if (c == '<') {
                    boolean tag = recordStartTag();
                    in.reset();
                    if (tag && sawStartTag) {
                        break;
                    }
                    in.read();
                    sawStartTag |= tag;
                }
                lastLine = line;
                count((char) c);
                if (raw.length() < RAW_CAP) {
                    raw.append((char) c);
                }
                chars++;
            }
            if (chars == 0 && !isFirst) {
                return null;
            }
            index++;
            String lines = startLine == lastLine ? "line " + startLine : "lines " + startLine + "-" + lastLine;
            String path = "/" + String.join("/", recordPath) + "[" + index + "] (" + lines + ")";
            String detail = problem + "; the rest of the file from line " + fromLine + " is cut at each <"
                    + recordName + "> start tag and quarantined piece by piece: this piece is " + lines
                    + (chars > RAW_CAP ? " (raw text: its first " + RAW_CAP + " of " + chars + " characters)" : "");
            return RawRecord.rejected(startLine, path, raw.toString(), RejectReason.UNPARSEABLE, detail);
        }

        /** After a '<': whether a record start tag follows (the caller resets the reader to its mark). */
        private boolean recordStartTag() throws IOException {
            StringBuilder name = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && name.length() < 400 && !Character.isWhitespace(c) && c != '/'
                    && c != '>' && c != '<') {
                name.append((char) c);
            }
            if (c < 0 || !(Character.isWhitespace(c) || c == '/' || c == '>')) {
                return false;
            }
            String n = name.toString();
            return n.equals(recordName) || n.endsWith(":" + recordName) && n.indexOf(':') == n.lastIndexOf(':');
        }

        void close() throws IOException {
            in.close();
        }
    }
}
