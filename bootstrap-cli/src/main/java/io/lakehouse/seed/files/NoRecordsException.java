package io.lakehouse.seed.files;

/** A file with no records at all (white space only, or a header alone): nothing to infer a schema from or load. */
public final class NoRecordsException extends RuntimeException {
    public NoRecordsException(String message) {
        super(message, null, false, false);
    }
}
