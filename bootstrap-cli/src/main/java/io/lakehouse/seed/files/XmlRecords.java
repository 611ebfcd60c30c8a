package io.lakehouse.seed.files;

import org.codehaus.stax2.XMLStreamReader2;

import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
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
    /** The depth limit, as the tests and README name it; the limits live in {@link XmlSafety}. */
    static final int MAX_ELEMENT_DEPTH = XmlSafety.MAX_ELEMENT_DEPTH;

    private final Path file;
    private final Charset charset;
    private final XmlRecordingReader recorder;
    private final XMLStreamReader2 xml;
    private final XmlDocument document;
    private final List<String> recordPath;
    private final List<XmlColumn> columns = new ArrayList<>();
    private final Set<String> withChildColumns = new HashSet<>();
    private boolean rootPending;
    private XMLStreamException prologError;
    private long index;
    private long recordStart = -1;
    private long lastEnd;
    private XmlRestPieces pieces;

    /** Reads {@code file} (gzip or not) as records of {@code schema}; refuses it before any record if it must. */
    public XmlRecords(Path file, FileSchema schema) throws IOException {
        this.file = file;
        this.recordPath = List.of(schema.record().substring(1).split("/"));
        for (ColumnSpec c : schema.columns()) {
            XmlColumn column = new XmlColumn(c);
            columns.add(column);
            for (int i = 1; i < column.steps.length; i++) {
                if (!column.steps[i].startsWith("@")) {
                    withChildColumns.add(String.join("/", Arrays.copyOfRange(column.steps, 0, i)));
                }
            }
            if (column.steps.length > 0 && !column.steps[0].startsWith("@")) {
                withChildColumns.add(".");
            }
        }
        this.charset = TextInput.xmlCharset(file);
        this.recorder = new XmlRecordingReader(TextInput.xmlReader(file, charset, true));
        try {
            this.document = new XmlDocument(file, recorder);
        } catch (IOException e) {
            recorder.close();
            throw e;
        }
        this.xml = document.xml;
        // the prolog (DTD included) now: a file to refuse is refused before any record is read
        try {
            rootPending = document.nextStart();
        } catch (XMLStreamException e) {
            prologError = e;
        } catch (RuntimeException e) {
            recorder.close();
            throw e;
        }
        if (prologError != null) {
            try {
                document.refuseIfMust(prologError);
            } catch (RuntimeException e) {
                recorder.close();
                throw e;
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
            // the root's start tag was read with the prolog
            while (rootPending || document.nextStart()) {
                rootPending = false;
                if (document.path.equals(recordPath)) {
                    index++;
                    long line = xml.getLocation().getLineNumber();
                    recordStart = xml.getLocationInfo().getStartingCharOffset();
                    recorder.pin(recordStart);
                    XmlElement record = document.readElement();
                    long end = xml.getLocationInfo().getEndingCharOffset();
                    String raw = recorder.raw(recordStart, end);
                    recordStart = -1;
                    lastEnd = end;
                    return toRecord(record, line, raw);
                }
                document.passStart();
            }
            endOfInput();
            return null;
        } catch (XMLStreamException e) {
            document.refuseIfMust(e);
            long from = lastEnd;
            if (recordStart >= 0) {
                from = recordStart;
                index--; // the record in progress is the first piece
            }
            String problem = document.safety.describe(e, xml);
            try {
                xml.close();
            } catch (XMLStreamException ignored) {
                // the parser cannot go on either way
            }
            try {
                recorder.close();
                pieces = new XmlRestPieces(TextInput.xmlReader(file, charset, false), from, problem, recordPath,
                        index);
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

    private RawRecord toRecord(XmlElement record, long line, String raw) {
        String path = "/" + String.join("/", recordPath) + "[" + index + "]";
        Map<String, String> values = new HashMap<>(columns.size() * 2);
        for (XmlColumn column : columns) {
            XmlElement at = record;
            String key = ".";
            for (int i = 0; i < column.steps.length && at != null; i++) {
                String step = column.steps[i];
                key = i == 0 ? step : key + "/" + step;
                List<XmlElement> found = at.children(step);
                if (found.size() > 1 && !(column.array && i == column.steps.length - 1)) {
                    return RawRecord.rejected(line, path, raw, RejectReason.MALFORMED_ELEMENT, "column "
                            + column.spec.name() + ": element <" + key + "> occurs " + found.size()
                            + " times in the record where the column holds one value");
                }
                if (column.array && i == column.steps.length - 1) {
                    at = null;
                    values.put(column.spec.source(), found.isEmpty() ? null : XmlElement.json(found));
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
}
