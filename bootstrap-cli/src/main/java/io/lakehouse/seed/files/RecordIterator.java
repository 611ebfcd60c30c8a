package io.lakehouse.seed.files;

import java.io.Closeable;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The records of one file, read one ahead: a reader implements {@link #advance()} (the next record, or null at the
 * end) and calls {@link #endOfInput()} when its input can give nothing after the record it returns.
 */
abstract class RecordIterator implements Iterator<RawRecord>, Closeable {
    private RawRecord next;
    private boolean exhausted;

    /** The next record, or null when there is none. */
    protected abstract RawRecord advance();

    /** Nothing can be read after the record being returned (end of input, or a parser that cannot go on). */
    protected final void endOfInput() {
        exhausted = true;
    }

    @Override
    public final boolean hasNext() {
        if (next == null && !exhausted) {
            next = advance();
            if (next == null) {
                exhausted = true;
            }
        }
        return next != null;
    }

    @Override
    public final RawRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RawRecord record = next;
        next = null;
        return record;
    }
}
