package io.lakehouse.cli;

import io.lakehouse.cli.render.ProgressLine;
import io.lakehouse.cli.render.ProgressDisplay;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakehouse.chaos.Chaos;
import io.lakehouse.chaos.ChaosResult;
import io.lakehouse.chaos.Fault;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.stack.ServiceCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lakehouse chaos}: faults injected during seed, and what each cost (see {@link Chaos}). */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Inject faults into the running stack during 'seed --reset' and measure what each costs: for "
                + "each fault, seed --reset runs; during the stage that works with the service, at a random moment, "
                + "the fault hits; then 'up', 'seed' again and verify's reconciliation. Reported per fault: records "
                + "lost and duplicated, recovery time, and the first error seed printed (and whether it named the "
                + "failed service).",
                "Faults: kill:SERVICE (SIGKILL; docker kill under compose), stop:SERVICE (SIGSTOP for 30 s, then "
                        + "SIGCONT; docker pause/unpause) and purge-binlog:kafka-connect (the CDC worker killed, "
                        + "then MySQL's binlogs purged past the connector's position, as root: over JDBC locally, with "
                        + "the MySQL container's own client under compose) and full-disk:kafka (Kafka's data directory "
                        + "moved onto a small tmpfs of its own, filled during the stage, moved back afterwards; needs "
                        + "root; the local runtime only so far).",
                "Deletes what seed made (seed --reset), as seed --reset does; asks first unless --yes."})
final class ChaosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;


    @Mixin
    StackOptions stack;

    @Option(names = "--faults", split = ",", paramLabel = "LIST",
            description = "Faults to inject, comma-separated (default: kill: of each stateful service, "
                    + "stop:kafka, stop:hive-metastore, purge-binlog:kafka-connect, full-disk:kafka; the last two only "
                    + "locally, full-disk as root).")
    List<String> faults;

    @Option(names = "--rounds", defaultValue = "1", description = "Times to go through the list (default: 1).")
    int rounds;

    @Option(names = "--random-seed", defaultValue = "1",
            description = "Seed of the random moments, to repeat a run (default: ${DEFAULT-VALUE}).")
    long randomSeed;

    @Option(names = "--json", description = "Print the results as JSON: one object per fault.")
    boolean json;

    @Option(names = {"-y", "--yes"}, description = "Do not ask before seed --reset deletes what seed made.")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (rounds < 1) {
            err.println("error: --rounds must be 1 or more");
            return ExitCodes.USAGE;
        }
        List<Fault> chosen;
        try {
            chosen = Fault.parseAll(faults == null ? Fault.DEFAULT : faults);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        ServiceCatalog catalog = stack.catalog();
        StackRuntime runtime = stack.runtime(catalog);
        // each kind of fault says where it cannot run: left out of the default list with a note, refused when asked for
        java.util.Map<Fault.Kind, java.util.Optional<String>> unavailable = new java.util.EnumMap<>(Fault.Kind.class);
        chosen.forEach(f -> unavailable.computeIfAbsent(f.kind(), kind -> kind.unavailableOn(runtime.kind())));
        List<Fault> cannot = chosen.stream().filter(f -> unavailable.get(f.kind()).isPresent()).toList();
        if (!cannot.isEmpty() && faults == null) {
            cannot.forEach(f -> err.println("note: " + f.name() + " left out: " + unavailable.get(f.kind()).get()));
            chosen = chosen.stream().filter(f -> !cannot.contains(f)).toList();
        } else if (!cannot.isEmpty()) {
            cannot.forEach(f -> err.println("error: " + f.name() + " cannot run here: "
                    + unavailable.get(f.kind()).get()));
            err.println("  fix: leave " + String.join(", ", cannot.stream().map(Fault::name).toList())
                    + " out of --faults on this stack");
            return ExitCodes.PRECONDITION;
        }
        List<String> notHealthy = io.lakehouse.seed.Seed.notHealthy(runtime, catalog);
        if (!notHealthy.isEmpty()) {
            err.println("error: chaos needs the pipeline running and healthy; not so: " + String.join(", ", notHealthy));
            err.println("  fix: 'lakehouse up', then 'lakehouse chaos' again");
            return ExitCodes.PRECONDITION;
        }
        if (!yes && !confirm(runtime)) {
            err.println("error: chaos runs 'seed --reset', which deletes what seed made; add --yes to go on");
            return ExitCodes.PRECONDITION;
        }
        ProgressLine progress = new ProgressLine(err, ProgressDisplay.isTerminal());
        // the commands chaos runs see this one's settings: the port overrides it was given (tests pass a map)
        java.util.Map<String, String> environment = new java.util.HashMap<>();
        catalog.all().forEach(service -> service.ports().forEach(port -> {
            String value = stack.environment().apply(port.overrideVariable());
            if (value != null) {
                environment.put(port.overrideVariable(), value);
            }
        }));
        List<ChaosResult> results = new Chaos(stack.layout().home(), stack.layout().stateDir(), environment, runtime,
                randomSeed)
                .run(chosen, rounds, progress::update, result -> progress.println(String.format(
                        "%-24s lost %d, duplicated %d, recovered in %.0f s%s; first error (%.0f s after) %s",
                        result.fault(), result.lost(), result.duplicated(), result.recoveryS(),
                        result.recovered() ? "" : " (NOT "
                                + "recovered: " + result.mismatched() + " checks disagree)", result.errorAfterS(),
                        result.firstError().isEmpty() ? "none (seed finished)"
                                : (result.named() ? "names " + result.service() : "does NOT name " + result.service())
                                + ": " + result.firstError())));
        progress.done();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results));
        }
        boolean allGood = results.stream().allMatch(r -> r.recovered() && r.lost() == 0 && r.duplicated() == 0
                && (r.firstError().isEmpty() || r.named()));
        return allGood ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static boolean confirm(StackRuntime runtime) {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        String answer = console.readLine("chaos runs 'seed --reset' on %s (deletes what seed made). Go on? [y/N] ",
                runtime.location());
        return answer != null && answer.trim().toLowerCase().startsWith("y");
    }
}
