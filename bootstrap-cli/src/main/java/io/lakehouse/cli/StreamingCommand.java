package io.lakehouse.cli;

import io.lakehouse.cli.render.TextTable;
import io.lakehouse.runtime.ServiceState;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.seed.streaming.FlinkJobs;
import io.lakehouse.seed.streaming.FlinkRest;
import io.lakehouse.seed.streaming.StreamingJob;
import io.lakehouse.stack.ServiceCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lakehouse streaming}: the seed pipeline's Flink jobs on the session cluster. */
@Command(name = "streaming", mixinStandardHelpOptions = true,
        description = "The streaming jobs (CDC to bronze, events to bronze and the serving store) on the Flink "
                + "session cluster: 'start' submits those not running (a failed or cancelled one resumes from its "
                + "latest checkpoint), 'status' shows each job and its Kafka lag, 'wait' waits until they caught up.")
final class StreamingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;


    @Mixin
    StackOptions stack;

    @Parameters(index = "0", arity = "0..1", defaultValue = "status", description = "start | status | wait")
    String action;

    @Option(names = "--timeout", defaultValue = "300", description = "'wait': seconds to wait per job")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        ServiceCatalog catalog = stack.catalog();
        StackRuntime runtime = stack.runtime(catalog);
        boolean servingStore = runtime.status(catalog.all()).stream()
                .anyMatch(s -> s.service().equals("serving-store") && s.state() == ServiceState.HEALTHY);
        FlinkJobs jobs = FlinkJobs.forStack(runtime.endpoints(), runtime.kind(), stack.layout().home(), servingStore);
        PrintWriter out = spec.commandLine().getOut();
        switch (action) {
            case "start" -> jobs.ensureRunning(StreamingJob.ALL).forEach(s -> out.println(s.describe()));
            case "status" -> {
                TextTable table = new TextTable("JOB", "STATE", "FLINK JOB ID", "KAFKA LAG");
                for (StreamingJob job : StreamingJob.ALL) {
                    Optional<FlinkRest.JobSummary> active = jobs.active(job);
                    table.row(job.name(), active.map(FlinkRest.JobSummary::state).orElse("not running"),
                            active.map(FlinkRest.JobSummary::id).orElse("-"), Long.toString(jobs.lag(job)));
                }
                out.print(table.render());
            }
            case "wait" -> {
                try {
                    new WatchedWork(runtime, catalog, List.of("flink-taskmanager", "kafka-connect")).run(() -> {
                        for (StreamingJob job : StreamingJob.ALL) {
                            Duration took = jobs.awaitCaughtUp(job, Duration.ofSeconds(timeoutSeconds), out::println);
                            out.printf("%s caught up (%.1f s)%n", job.name(), took.toMillis() / 1000.0);
                            out.flush();
                        }
                        return null;
                    });
                } catch (io.lakehouse.runtime.ServiceWatch.ServiceDownException down) {
                    return WatchedWork.report(spec.commandLine().getErr(), "streaming wait", down,
                            "'lakehouse streaming wait' again");
                }
            }
            default -> {
                spec.commandLine().getErr().println("unknown action '" + action + "'; use start, status or wait");
                return ExitCodes.USAGE;
            }
        }
        return ExitCodes.OK;
    }
}
