package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A compose service's health budget, read from its healthcheck in the compose file (the one place it is set): the
 * start period (its measured cold start with headroom) plus the failed checks that then mark it unhealthy. The tests
 * wait that long and a little more, so a container that runs out of budget is reported unhealthy by compose itself.
 */
record HealthBudget(String service, Duration startPeriod, Duration interval, int retries) {
    /** Beyond compose's own budget: one more check and the time to read the result. */
    static final Duration WAIT_HEADROOM = Duration.ofSeconds(30);

    /** The budgets of these services, from one reading of the compose file. */
    static java.util.List<HealthBudget> of(Path composeFile, java.util.List<String> services) {
        JsonNode all;
        try {
            all = new ObjectMapper().valueToTree(new Yaml().load(Files.readString(composeFile))).path("services");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return services.stream().map(service -> {
            JsonNode check = all.path(service).path("healthcheck");
            if (check.isMissingNode()) {
                throw new IllegalStateException(composeFile + ": service " + service + " has no healthcheck");
            }
            return new HealthBudget(service, seconds(check.path("start_period").asText("0s")),
                    seconds(check.path("interval").asText("30s")), check.path("retries").asInt(3));
        }).toList();
    }

    /** Until compose calls the container unhealthy: the start period, then {@code retries} failed checks. */
    Duration total() {
        return startPeriod.plus(interval.multipliedBy(retries));
    }

    /** How long a test waits for the container to be healthy. */
    Duration testWait() {
        return total().plus(WAIT_HEADROOM);
    }

    private static Duration seconds(String composeDuration) {
        String value = composeDuration.strip();
        if (value.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(value.replaceAll("s$", "")));
    }
}
