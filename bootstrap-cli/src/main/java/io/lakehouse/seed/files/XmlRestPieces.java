package io.lakehouse.seed.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

import static io.lakehouse.seed.files.XmlRecords.RAW_CAP;

/**
 * The rest of a file after a fatal parse error, from a character offset, cut before each record start tag
 * ({@code <item} or {@code <p:item} then whitespace, {@code /} or {@code >}): each piece one unparseable record,
 * streamed, its raw text capped. The first piece runs to the second start tag, so text before the first one
 * (where the error may be) goes with it; with no start tag at all the rest is one piece.
 */
final class XmlRestPieces {
    private final BufferedReader in;
    private final String problem;
    private final String recordPath;
    private final String recordName;
    private long index;
    private long line = 1;
    private boolean previousCr;
    private boolean first = true;
    private boolean eof;
    private final long fromLine;

    /** Pieces numbered on from {@code recordsBefore}, the records already handed out before the stop. */
    XmlRestPieces(Reader text, long from, String problem, List<String> recordPath, long recordsBefore)
            throws IOException {
        this.in = text instanceof BufferedReader b ? b : new BufferedReader(text, 1 << 16);
        this.problem = problem;
        this.recordPath = "/" + String.join("/", recordPath);
        this.recordName = recordPath.get(recordPath.size() - 1);
        this.index = recordsBefore;
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
        String path = recordPath + "[" + index + "] (" + lines + ")";
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
