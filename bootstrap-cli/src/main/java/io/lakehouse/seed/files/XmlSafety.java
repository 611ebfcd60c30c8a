package io.lakehouse.seed.files;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import org.codehaus.stax2.DTDInfo;
import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.XMLStreamReader2;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.EntityDeclaration;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parser's safety: Woodstox made here (not whatever the classpath offers) with limits, a resolver that
 * refuses every external DTD subset or entity, entity declarations checked before any is expanded, and the
 * text entities deliver held against the text read.
 */
final class XmlSafety {
    static final int MAX_ELEMENT_DEPTH = 500;
    static final int MAX_TEXT_LENGTH = 64 * 1024 * 1024;
    static final int MAX_ATTRIBUTE_SIZE = 4 * 1024 * 1024;
    /** What one entity may expand to, all its references expanded. */
    static final long MAX_ENTITY_CHARS = 1 << 20;
    static final int MAX_ENTITY_DEPTH = 32;
    /** Entity expansion overall: text delivered may exceed the text read by this much, plus this many times. */
    static final long EXPANSION_ALLOWANCE = 16L << 20;
    static final long EXPANSION_RATIO = 100;

    private final Path file;
    private String refusal;
    private boolean entities;
    private long delivered;

    XmlSafety(Path file) {
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

    /** Counts the text of an event read outside a record (by {@link XmlElement#read} inside one). */
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

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse(message).strip();
    }
}
