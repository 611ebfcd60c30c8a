package io.lakehouse.it;

import io.lakehouse.seed.Seed;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What this test JVM last saw of the seed on a stack's state directory, so that a class which reads seeded data
 * ({@link #ensureSeeded}) finds it whatever ran before it, alone or in any order, without seeding again when it is
 * there. Every {@code seed} (and {@code chaos}, which ends with a seed that verify agreed with) the tests run through
 * {@link Cli} is recorded: one that ended with exit 0 leaves the stack seeded, any other leaves it unknown. A test that destroys part of what seed made says so ({@link #spoiled}):
 * the next class that needs the data seeds again with {@code --reset}.
 */
final class SeedState {
    private enum State { SEEDED, SPOILED }

    private static final Map<Path, State> STATES = new ConcurrentHashMap<>();
    private static final Map<Path, String> WHY = new ConcurrentHashMap<>();

    private SeedState() {
    }

    /** Called by {@link Cli} for every command it runs. */
    static void observed(Path stateDir, String[] args, int exit) {
        if (args.length == 0 || !(args[0].equals("seed") || args[0].equals("chaos")) || isHelp(args)) {
            return;
        }
        if (exit == 0) {
            STATES.put(key(stateDir), State.SEEDED);
            WHY.remove(key(stateDir));
        } else if (STATES.get(key(stateDir)) == State.SEEDED) {
            STATES.remove(key(stateDir));   // a seed that failed half-way: its data is whatever it left
        }
    }

    /** A test removed part of what seed made (why: what it removed). */
    static void spoiled(Path stateDir, String why) {
        STATES.put(key(stateDir), State.SPOILED);
        WHY.put(key(stateDir), why);
    }

    /**
     * Whether this JVM's last {@code seed} or {@code chaos} on the stack ended well and no test spoiled its data
     * since: the stack holds the documented demo data.
     */
    static boolean seeded(LocalStack stack) {
        return STATES.get(key(stack.layout().stateDir())) == State.SEEDED;
    }

    /**
     * The local stack with the seed's services running and the demo data seeded: nothing to do when this JVM's
     * last seed ended well; {@code seed} when it never saw one (a stack seeded before resumes in seconds), {@code
     * seed --reset} after a test spoiled the data.
     */
    static LocalStack ensureSeeded(LocalStack stack) {
        stack.running(Seed.SERVICES);
        Path dir = stack.layout().stateDir();
        State state = STATES.get(key(dir));
        if (state == State.SEEDED) {
            return stack;
        }
        String[] args = state == State.SPOILED ? new String[] {"seed", "--reset"} : new String[] {"seed"};
        long began = System.nanoTime();
        Cli.Run seed = Cli.run(dir, stack.portOverrides(), args);
        assertEquals(0, seed.exit(), String.join(" ", args) + " for a class that reads seeded data"
                + Optional.ofNullable(WHY.get(key(dir))).map(w -> " (" + w + ")").orElse("") + ":\n"
                + seed.out() + seed.err());
        PhaseLog.done("seeded for the class that needs it (" + String.join(" ", args) + ")", began);
        return stack;
    }

    private static boolean isHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    private static Path key(Path stateDir) {
        return stateDir.toAbsolutePath().normalize();
    }
}
