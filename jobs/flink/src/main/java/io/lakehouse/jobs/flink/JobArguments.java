package io.lakehouse.jobs.flink;

import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A job's program arguments, {@code --name value} pairs, as the CLI passes them through the JobManager's
 * {@code /jars/:id/run}. A missing required argument fails the submission with the argument named.
 */
public final class JobArguments {
    private final String job;
    private final Map<String, String> values;

    private JobArguments(String job, Map<String, String> values) {
        this.job = requireNonNull(job, "job");
        this.values = Map.copyOf(values);
    }

    public static JobArguments parse(String job, String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(job + ": expected '--name value' pairs, got '" + arg
                        + "' (arguments: " + String.join(" ", args) + ")");
            }
            values.put(arg.substring(2), args[++i]);
        }
        return new JobArguments(job, values);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(job + ": missing argument --" + name
                    + " (the CLI's FlinkJobs passes it; when submitting by hand add '--" + name + " <value>')");
        }
        return value;
    }

    public String optional(String name, String fallback) {
        String value = values.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
