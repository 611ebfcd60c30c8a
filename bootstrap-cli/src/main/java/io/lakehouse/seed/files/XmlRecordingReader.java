package io.lakehouse.seed.files;

import java.io.IOException;
import java.io.Reader;

import static io.lakehouse.seed.files.XmlRecords.RAW_CAP;

/**
 * The decoded text as the parser reads it, keeping what a record's raw text needs: from a pinned record start,
 * up to {@link XmlRecords#RAW_CAP} characters, and otherwise the last stretch read (the parser reads ahead by one
 * buffer).
 */
final class XmlRecordingReader extends Reader {
    private static final int TAIL = 1 << 16;
    private final Reader in;
    private final StringBuilder buffer = new StringBuilder();
    private long bufferStart;
    private long pin = -1;
    private String head;

    XmlRecordingReader(Reader in) {
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

    /** The pinned record's text, from {@code from} to {@code to}, at most {@link XmlRecords#RAW_CAP} characters. */
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
