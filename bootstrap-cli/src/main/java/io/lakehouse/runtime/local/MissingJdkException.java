package io.lakehouse.runtime.local;

/** No installed JDK fits a service; the message says which is needed and where we looked. */
public final class MissingJdkException extends IllegalStateException {
    public MissingJdkException(String message) {
        super(message);
    }
}
