package io.lakehouse.cli.render;

import io.lakehouse.seed.Seed;
import io.lakehouse.seed.SeedProgress;
import io.lakehouse.seed.SeedStage;
import io.lakehouse.seed.StageResult;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Seed's stages on the terminal, where two can run at once: a heading when a stage starts, its result when it ends,
 * and the progress line between. A result directly under its own heading reads "done in …"; after another stage's
 * heading it names its stage. While more than one stage runs, the progress line names the stage it comes from.
 */
public final class StageLines implements Seed.StageListener, SeedProgress {
    private final ProgressLine line;
    private final Set<String> running = new LinkedHashSet<>();
    private String lastHeading = "";

    public StageLines(ProgressLine line) {
        this.line = line;
    }

    @Override
    public synchronized void started(SeedStage stage) {
        running.add(stage.name());
        lastHeading = stage.name();
        line.println("[" + stage.name() + "]");
    }

    @Override
    public synchronized void finished(StageResult result) {
        running.remove(result.stage());
        String who = result.stage().equals(lastHeading) ? "" : result.stage() + " ";
        line.println(String.format("  %sdone in %.1f s: %s", who, result.seconds(), result.summary()));
    }

    @Override
    public synchronized void update(String stage, String message) {
        line.update(running.size() > 1 ? stage + ": " + message : message);
    }

    /**
     * Where seed is, for an error: "seed stage 'bronze catch-up'", "seed stages 'files -> bronze' and 'bronze
     * catch-up'" while two run, or "seed" between stages.
     */
    public synchronized String where() {
        if (running.isEmpty()) {
            return "seed";
        }
        return (running.size() == 1 ? "seed stage '" : "seed stages '") + String.join("' and '", running) + "'";
    }
}
