package io.lakehouse.stack;

import java.util.Collection;

/** A service name that is not in the catalog; the message lists the valid ones. */
public final class UnknownServiceException extends IllegalArgumentException {
    public UnknownServiceException(String name, Collection<String> known) {
        super("unknown service '" + name + "'; valid services: " + String.join(", ", known));
    }
}
