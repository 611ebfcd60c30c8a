package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fault during seed: the Flink TaskManager is killed (SIGKILL) while the pipeline runs from scratch
 * ({@code seed --reset}), restarted with {@code up}, seed is run again, and {@code verify} must agree on every
 * check — nothing lost, nothing twice.
 */
@Order(4)
@LocalStackTest
class SeedFaultIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void taskManagerKilledDuringSeedThenRestartedAndSeedAgainLeavesVerifyAgreeing(LocalStack stack) throws Exception {
        String flink = "http://127.0.0.1:" + stack.endpoints().port("FLINK_JOBMANAGER_PORT");
        Set<String> before = runningJobs(flink);
        CompletableFuture<Cli.Run> seed = CompletableFuture.supplyAsync(() ->
                Cli.run(stack.layout().stateDir(), stack.portOverrides(), "seed", "--reset"));

        // the fresh jobs of this seed are running: kill the TaskManager under them
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!newJobsRunning(flink, before) && System.nanoTime() < deadline && !seed.isDone()) {
            Thread.sleep(200);
        }
        assertTrue(newJobsRunning(flink, before), "seed --reset did not start fresh streaming jobs: "
                + (seed.isDone() ? seed.get().out() + seed.get().err() : "still running"));
        ProcessHandle taskManager = stack.runtime().liveProcess(stack.catalog().get("flink-taskmanager")).orElseThrow();
        assertTrue(taskManager.destroyForcibly());
        taskManager.onExit().get(30, TimeUnit.SECONDS);
        assertTrue(!taskManager.isAlive());

        // the JobManager lets it go after its heartbeat timeout; then up starts a new one
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (get(flink + "/taskmanagers").get("taskmanagers").size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        Cli.Run up = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "up", "--runtime", "local",
                "flink-taskmanager");
        assertEquals(0, up.exit(), up.out() + up.err());

        Cli.Run first = seed.get(10, TimeUnit.MINUTES);   // it may have recovered on its own, or failed naming why
        Cli.Run again = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "seed");
        assertEquals(0, again.exit(), "seed after the fault (the first ended " + first.exit() + "):\n"
                + first.err() + "\n---\n" + again.out() + again.err());
        Cli.Run verify = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "verify");
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.out().contains("All 26 checks agree."), verify.out());
    }

    private static Set<String> runningJobs(String flink) throws Exception {
        Set<String> ids = new HashSet<>();
        for (JsonNode job : get(flink + "/jobs/overview").get("jobs")) {
            if ("RUNNING".equals(job.get("state").asText())) {
                ids.add(job.get("jid").asText());
            }
        }
        return ids;
    }

    private static boolean newJobsRunning(String flink, Set<String> before) throws Exception {
        Set<String> now = runningJobs(flink);
        now.removeAll(before);
        return now.size() == 2;
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
