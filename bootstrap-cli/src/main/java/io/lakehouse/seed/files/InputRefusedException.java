package io.lakehouse.seed.files;

/**
 * A file the loader will not read at all (an XML entity bomb, an external entity, a schema that conflicts with the
 * table): the whole command stops before anything is committed, and the message says why and what to do.
 */
public final class InputRefusedException extends RuntimeException {
    public InputRefusedException(String message) {
        super(message);
    }
}
