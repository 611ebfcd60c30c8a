package io.lakehouse.stack;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many instances of each scalable role a stack runs, as {@code --scale} says it: {@code datanode=3,kafka=3}.
 * Only the form is checked here; which roles exist and how many each may have is the catalog's to say
 * ({@link ServiceCatalog#scaled}). Kept by role name, so equal scales are equal whatever order they were typed in.
 */
public record ScaleSpec(Map<String, Integer> counts) {
    /** Today's stack: every role at its standard count. */
    public static final ScaleSpec STANDARD = new ScaleSpec(Map.of());
    /**
     * The demo's scaled topology (issue 16): what the committed Kubernetes overlay {@code k8s/overlays/scaled} runs
     * and what the scaled integration test starts on the local runtime.
     */
    public static final ScaleSpec DEMO = new ScaleSpec(Map.of("trino-worker", 2, "spark-worker", 2,
            "flink-taskmanager", 2, "datanode", 3, "kafka", 3));
    private static final Pattern ENTRY = Pattern.compile("([a-z][a-z0-9-]*)=([0-9]{1,3})");

    public ScaleSpec {
        counts = Collections.unmodifiableMap(new TreeMap<>(counts));
    }

    /** {@code role=N,role=N}; blank is {@link #STANDARD}. */
    public static ScaleSpec parse(String text) {
        if (text == null || text.isBlank()) {
            return STANDARD;
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (String entry : text.split(",", -1)) {
            Matcher m = ENTRY.matcher(entry.trim());
            if (!m.matches()) {
                throw new ScaleSpecException("'" + entry.trim() + "' in --scale " + text + " is not ROLE=N "
                        + "(e.g. --scale trino-worker=2,datanode=3)");
            }
            if (counts.put(m.group(1), Integer.parseInt(m.group(2))) != null) {
                throw new ScaleSpecException("--scale " + text + " names " + m.group(1) + " twice; name it once");
            }
        }
        return new ScaleSpec(counts);
    }

    /**
     * Set in the containers of a scaled compose or Kubernetes deployment (and nowhere else): the scale every
     * container's CLI builds its catalog at, so that an instance finds itself and its peers.
     */
    public static final String ENVIRONMENT_VARIABLE = "LAKEHOUSE_SCALE";

    /** The scale {@link #ENVIRONMENT_VARIABLE} of this environment says; standard without it. */
    public static ScaleSpec fromEnvironment(java.util.function.Function<String, String> environment) {
        return parse(environment.apply(ENVIRONMENT_VARIABLE));
    }

    public boolean isStandard() {
        return counts.isEmpty();
    }

    /** The count asked for the role, or {@code standard} when it is not named. */
    public int count(String role, int standard) {
        return counts.getOrDefault(role, standard);
    }

    /** {@code datanode=3,kafka=3}, as {@link #parse} reads it; empty for {@link #STANDARD}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        counts.forEach((role, count) -> text.append(text.isEmpty() ? "" : ",").append(role).append('=').append(count));
        return text.toString();
    }
}
