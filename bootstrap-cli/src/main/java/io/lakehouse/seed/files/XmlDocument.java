package io.lakehouse.seed.files;

import org.codehaus.stax2.XMLStreamReader2;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One guarded pass over an XML file, start tag by start tag: the parser from {@link XmlSafety}, the DTD checked where
 * it stands, text outside the elements read whole counted against entity expansion, and the path of open elements.
 */
final class XmlDocument {
    final XMLStreamReader2 xml;
    final XmlSafety safety;
    /** The local names of the open elements, the root first (records are matched by local name). */
    final List<String> path = new ArrayList<>();

    /** Parses {@code text}, which the caller closes; a parser that cannot start is an IOException naming the file. */
    XmlDocument(Path file, Reader text) throws IOException {
        this.safety = new XmlSafety(file);
        try {
            this.xml = safety.open(text);
        } catch (XMLStreamException e) {
            throw new IOException(file + ": cannot start reading XML: " + e.getMessage(), e);
        }
    }

    /** Moves to the next start tag, its local name pushed on {@link #path}; false at the end of the document. */
    boolean nextStart() throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                path.add(xml.getLocalName());
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                path.remove(path.size() - 1);
            } else if (event == XMLStreamConstants.DTD) {
                safety.dtd(xml);
            } else {
                safety.outside(event, xml);
            }
        }
        return false;
    }

    /** Passes the current start tag, its attributes counted; its content comes with the next calls. */
    void passStart() throws XMLStreamException {
        safety.outside(XMLStreamConstants.START_ELEMENT, xml);
    }

    /** Reads the element of the current start tag whole, to its end tag (so it leaves the path). */
    XmlElement readElement() throws XMLStreamException {
        XmlElement element = XmlElement.read(xml, safety);
        path.remove(path.size() - 1);
        return element;
    }

    /** Refuses the file when what stopped the parser calls for it ({@link XmlSafety#refuseIfMust}). */
    void refuseIfMust(XMLStreamException e) {
        safety.refuseIfMust(e, xml);
    }
}
