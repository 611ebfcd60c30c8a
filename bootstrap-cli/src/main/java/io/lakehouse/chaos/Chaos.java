package io.lakehouse.chaos;

import io.lakehouse.runtime.StackRuntime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * {@code lakehouse chaos}: each fault in turn, {@code rounds} times, on the running stack ({@link ChaosRound}); the
 * results in order. A round that cannot run (its seed never reached the stage) ends the run with its reason.
 */
public final class Chaos {
    private final Path home;
    private final Path stateDir;
    private final StackRuntime runtime;
    private final Random random;
    private final java.util.Map<String, String> environment;

    /** @param environment what the commands chaos runs get in their environment besides this one's (port overrides) */
    public Chaos(Path home, Path stateDir, java.util.Map<String, String> environment, StackRuntime runtime,
                 long randomSeed) {
        this.environment = java.util.Map.copyOf(environment);
        this.home = requireNonNull(home, "home");
        this.stateDir = requireNonNull(stateDir, "stateDir");
        this.runtime = requireNonNull(runtime, "runtime");
        this.random = new Random(randomSeed);
    }

    public List<ChaosResult> run(List<Fault> faults, int rounds, Consumer<String> progress,
                                 Consumer<ChaosResult> done) throws Exception {
        List<ChaosResult> results = new ArrayList<>();
        ChaosRound round = new ChaosRound(home, stateDir, environment, runtime, random, progress);
        for (int r = 1; r <= rounds; r++) {
            for (Fault fault : faults) {
                ChaosResult result = round.run(fault);
                results.add(result);
                done.accept(result);
            }
        }
        return results;
    }
}
