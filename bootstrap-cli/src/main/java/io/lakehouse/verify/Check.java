package io.lakehouse.verify;

import static java.util.Objects.requireNonNull;

/** One reconciliation: what was expected (from the source), what the lakehouse holds, and whether they agree. */
public record Check(String area, String name, String expected, String actual, boolean ok, String detail) {
    public Check {
        requireNonNull(area, "area");
        requireNonNull(name, "name");
        requireNonNull(expected, "expected");
        requireNonNull(actual, "actual");
        requireNonNull(detail, "detail");
    }

    public static Check equal(String area, String name, Object expected, Object actual, String detail) {
        return new Check(area, name, String.valueOf(expected), String.valueOf(actual),
                String.valueOf(expected).equals(String.valueOf(actual)), detail);
    }

    /** A check that could not be made (a source unreachable): a failure that says why. */
    public static Check failed(String area, String name, String why) {
        return new Check(area, name, "-", "-", false, why);
    }
}
