package io.lakehouse.it;

import java.util.List;

/**
 * The stacks the integration tests run against, one at a time: each is a tag, and the integration-tests pom runs one
 * failsafe execution per tag, in this order, each in its own JVM that stops its stack when it ends. On 2 cores two
 * stacks at once starve each other (a compose stack beside the local one once timed out in CI).
 */
final class TestStacks {
    static final String LOCAL = "local-stack";
    /** The demo's scaled topology on the local runtime ({@link ScaledStackIT}), a state directory of its own. */
    static final String SCALED = "scaled-stack";
    static final String COMPOSE = "compose-stack";
    static final String DOCKER_CLI = "docker-cli-stack";
    /** The order of the build's test runs (the pom's failsafe executions). */
    static final List<String> IN_ORDER = List.of(LOCAL, SCALED, COMPOSE, DOCKER_CLI);

    private TestStacks() {
    }
}
