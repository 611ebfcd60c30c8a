package io.lakehouse.stack;

import static java.util.Objects.requireNonNull;

/**
 * A value generated once per state directory and never kept in the repository: passwords, cluster ids.
 * Templates refer to it by {@code variable}.
 */
public record GeneratedValue(String variable, Kind kind) {
    public enum Kind {
        /** 24 random alphanumeric characters. */
        PASSWORD,
        /** 16 random bytes, URL-safe base64 without padding: the form of a Kafka cluster id. */
        BASE64_UUID
    }

    public GeneratedValue {
        requireNonNull(variable, "variable");
        requireNonNull(kind, "kind");
    }

    public static GeneratedValue password(String variable) {
        return new GeneratedValue(variable, Kind.PASSWORD);
    }

    public static GeneratedValue clusterId(String variable) {
        return new GeneratedValue(variable, Kind.BASE64_UUID);
    }
}
