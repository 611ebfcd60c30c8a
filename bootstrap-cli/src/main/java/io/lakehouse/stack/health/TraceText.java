package io.lakehouse.stack.health;

import java.util.List;

/** A Java stack trace as a service reports it (Flink, Kafka Connect), shortened to the line a user needs. */
public final class TraceText {
    private TraceText() {
    }

    /** Its first line, and its last "Caused by" line (the root cause) when there is one and it says more. */
    public static String summary(String trace) {
        List<String> causes = trace.lines().filter(l -> l.startsWith("Caused by:")).toList();
        String first = trace.lines().findFirst().orElse("").strip();
        String root = causes.isEmpty() ? "" : causes.get(causes.size() - 1).strip();
        return root.isEmpty() || root.contains(first) ? first : first + " ... " + root;
    }
}
