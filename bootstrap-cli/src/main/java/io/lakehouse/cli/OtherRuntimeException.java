package io.lakehouse.cli;

/** A command asked for one runtime while the stack here runs on the other: refused, nothing changed (exit 3). */
final class OtherRuntimeException extends RuntimeException {
    OtherRuntimeException(String message) {
        super(message);
    }
}
