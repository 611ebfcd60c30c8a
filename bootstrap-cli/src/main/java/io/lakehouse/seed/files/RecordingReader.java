package io.lakehouse.seed.files;

import java.io.IOException;
import java.io.Reader;

/**
 * Keeps the text a parser has read since a mark, so a record's raw text can be cut out by the parser's character
 * offsets (the parser reads ahead, so the window spans at most a record plus one buffer).
 */
final class RecordingReader extends Reader {
    private final Reader in;
    private final StringBuilder window = new StringBuilder();
    private long windowStart;

    RecordingReader(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int off, int len) throws IOException {
        int n = in.read(buffer, off, len);
        if (n > 0) {
            window.append(buffer, off, n);
        }
        return n;
    }

    /** The text between two absolute offsets (clamped to what is still held). */
    String slice(long from, long to) {
        int start = (int) Math.max(0, from - windowStart);
        int end = (int) Math.min(window.length(), Math.max(start, to - windowStart));
        return window.substring(start, end);
    }

    /** Forgets the text before {@code offset}. */
    void discardBefore(long offset) {
        int drop = (int) Math.min(window.length(), offset - windowStart);
        if (drop > 0) {
            window.delete(0, drop);
            windowStart += drop;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
