package io.lakehouse.seed.files;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records (RFC 4180: quoted fields may hold delimiters, quotes as {@code ""} and line breaks;
 * lines end in LF, CRLF or CR). Unlike a strict parser it recovers: when a quote opened on one line is not closed
 * on it, and reading on to wherever it closes does not give a record of the expected width (or never closes), the
 * record is taken to be that one line alone, reported with its problem, and splitting goes on from the next line.
 * So one stray quote costs one record, never the rest of the file. Blank lines are not records.
 */
final class CsvSplitter {
    /** A quoted field running longer than this is taken as a stray quote (so memory stays bounded). */
    static final int MAX_RECORD_CHARS = 8 << 20;

    /**
     * One record as split: its fields ({@code null} for an empty unquoted field, {@code ""} for {@code ""}), raw
     * text without the line break, first line number, and a problem (null when it split cleanly).
     */
    record Split(List<String> fields, String raw, long line, String problem) {
    }

    private final Reader in;
    private final char delimiter;
    private char[] buffer = new char[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private long line = 1;
    private int expectedFields = -1;

    CsvSplitter(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** The width a record must have for a quoted line break to be believed (-1: any). */
    void expectFields(int fields) {
        this.expectedFields = fields;
    }

    /** The next non-blank record, or null at the end. */
    Split next() throws IOException {
        while (true) {
            Split split = splitOne();
            if (split == null) {
                return null;
            }
            if (split.problem() == null && split.fields().size() == 1 && split.fields().get(0) != null
                    && isBlank(split.raw()) && !split.raw().contains("\"")) {
                continue;
            }
            if (split.problem() == null && split.fields().size() == 1 && split.fields().get(0) == null) {
                continue; // an empty line
            }
            return split;
        }
    }

    private boolean isBlank(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != ' ' && (c != '\t' || delimiter == '\t')) {
                return false;
            }
        }
        return true;
    }

    private int read() throws IOException {
        if (pos >= limit) {
            if (eof) {
                return -1;
            }
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                eof = true;
                return -1;
            }
            pos = 0;
            limit = n;
        }
        return buffer[pos++];
    }

    private int peek() throws IOException {
        int c = read();
        if (c >= 0) {
            pos--;
        }
        return c;
    }

    /** Puts text back to be split again (what followed the first line of a record that did not hold). */
    private void unread(String text) {
        int rest = limit - pos;
        char[] joined = new char[Math.max(buffer.length, text.length() + rest)];
        text.getChars(0, text.length(), joined, 0);
        System.arraycopy(buffer, pos, joined, text.length(), rest);
        buffer = joined;
        pos = 0;
        limit = text.length() + rest;
    }

    private Split splitOne() throws IOException {
        long first = line;
        int c = read();
        if (c < 0) {
            return null;
        }
        List<String> fields = new ArrayList<>(expectedFields > 0 ? expectedFields : 16);
        StringBuilder raw = new StringBuilder(128);
        StringBuilder field = new StringBuilder(32);
        int firstBreak = -1; // where the record's first line ends in raw (-1: one line so far)
        boolean quoted = false;
        boolean inQuotes = false;
        boolean closed = false;
        String problem = null;
        while (true) {
            if (c < 0) {
                if (inQuotes) {
                    problem = "a quote opened on line " + first + " is never closed";
                }
                fields.add(value(field, quoted));
                break;
            }
            char ch = (char) c;
            if (inQuotes) {
                raw.append(ch);
                if (ch == '"') {
                    if (peek() == '"') {
                        raw.append((char) read());
                        field.append('"');
                    } else {
                        inQuotes = false;
                        closed = true;
                    }
                } else {
                    field.append(ch);
                    if (ch == '\n' || ch == '\r') {
                        if (ch == '\r' && peek() == '\n') {
                            raw.append((char) read());
                            field.append('\n');
                        }
                        if (firstBreak < 0) {
                            firstBreak = raw.length() - (raw.charAt(raw.length() - 1) == '\n'
                                    && raw.length() >= 2 && raw.charAt(raw.length() - 2) == '\r' ? 2 : 1);
                        }
                        line++;
                    }
                    if (raw.length() > MAX_RECORD_CHARS) {
                        problem = "a quoted field from line " + first + " runs past "
                                + (MAX_RECORD_CHARS >> 20) + " MiB";
                        break;
                    }
                }
            } else if (ch == delimiter) {
                raw.append(ch);
                fields.add(value(field, quoted));
                field.setLength(0);
                quoted = false;
                closed = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                fields.add(value(field, quoted));
                break;
            } else {
                raw.append(ch);
                if (ch == '"' && field.isEmpty() && !quoted) {
                    inQuotes = true;
                    quoted = true;
                } else {
                    if (closed && problem == null) {
                        problem = "text after the closing quote of field " + (fields.size() + 1);
                    }
                    field.append(ch);
                }
            }
            c = read();
        }
        boolean multiLine = firstBreak >= 0;
        if (multiLine && (problem != null || (expectedFields > 0 && !fits(fields.size())))) {
            // the quote was stray: this record is its first line alone; split again from the next line
            String firstLine = raw.substring(0, firstBreak);
            int next = firstBreak + (raw.charAt(firstBreak) == '\r' && firstBreak + 1 < raw.length()
                    && raw.charAt(firstBreak + 1) == '\n' ? 2 : 1);
            boolean runaway = problem != null && problem.startsWith("a quoted field");
            // the line break that ended the record was consumed, not kept in raw: put it back too
            unread(raw.substring(next) + (c < 0 || runaway ? "" : "\n"));
            line = first + 1;
            return new Split(List.of(), firstLine, first,
                    "a quote opened on line " + first + " is not closed on it, and closing it further on does not "
                            + "give a record of " + (expectedFields > 0 ? expectedFields + " fields" : "its width"));
        }
        return new Split(fields, raw.toString(), first, problem);
    }

    private boolean fits(int fields) {
        return fields == expectedFields;
    }

    private static String value(StringBuilder field, boolean quoted) {
        return quoted ? field.toString() : field.isEmpty() ? null : field.toString();
    }
}
