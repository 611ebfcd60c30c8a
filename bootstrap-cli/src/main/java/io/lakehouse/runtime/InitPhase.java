package io.lakehouse.runtime;

import io.lakehouse.stack.InitStep;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A service's one-time init step while it runs, as the wait for health sees it: which step, since when, under which
 * budget. In a container, {@code lakehouse container prepare} writes it to the status file the healthcheck reports
 * ({@link #statusLine}), and the host reads it back from the healthcheck's output ({@link #fromHealthOutput}).
 *
 * @param sinceEpochSecond when the step began, in seconds since the epoch (the host and its containers share a clock)
 */
public record InitPhase(String step, String description, long sinceEpochSecond, Duration budget) {
    public static final String STATE = "initialising";
    private static final Pattern REPORTED = Pattern.compile(
            "phase " + STATE + " since (\\d+): (\\S+) budget=(\\d+)s: (.*)");

    public InitPhase {
        requireNonNull(step, "step");
        requireNonNull(description, "description");
        requireNonNull(budget, "budget");
    }

    public static InitPhase begins(InitStep step, long nowEpochSecond) {
        return new InitPhase(step.id(), step.description(), nowEpochSecond, step.budget());
    }

    /** The status file's line: {@code initialising <epoch> <step> budget=<s>s: <description>}. */
    public String statusLine() {
        return STATE + " " + sinceEpochSecond + " " + step + " budget=" + budget.toSeconds() + "s: " + description;
    }

    /** The phase the healthcheck reported (compose/lakehouse-health.sh), if its output says one runs. */
    public static Optional<InitPhase> fromHealthOutput(String output) {
        Matcher matcher = REPORTED.matcher(output == null ? "" : output.strip());
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new InitPhase(matcher.group(2), matcher.group(4), Long.parseLong(matcher.group(1)),
                Duration.ofSeconds(Long.parseLong(matcher.group(3)))));
    }

    public boolean ranOut(long nowEpochSecond) {
        return nowEpochSecond > sinceEpochSecond + budget.toSeconds();
    }

    /** For the failure and progress lines. */
    public String describe(long nowEpochSecond) {
        return "phase init step '" + step + "' (" + description + "), " + Math.max(0, nowEpochSecond - sinceEpochSecond)
                + " s of its " + budget.toSeconds() + " s budget";
    }
}
