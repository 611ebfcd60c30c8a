package io.lakehouse.cli.render;

import io.lakehouse.bootstrap.StepOutcome;

import java.io.PrintWriter;
import java.util.List;

/** What bootstrap found or did, step by step, as a table and one summing-up line. */
public final class BootstrapReport {
    private BootstrapReport() {
    }

    public static void print(PrintWriter out, List<StepOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            out.println("Bootstrap: nothing to do (no service it sets up is running).");
            return;
        }
        TextTable table = new TextTable("STEP", "OBJECT", "RESULT", "DETAIL");
        outcomes.forEach(o -> table.row(o.step(), o.object(), o.created() ? "created" : "present", o.detail()));
        out.print(table.render());
        long created = outcomes.stream().filter(StepOutcome::created).count();
        out.println(created == 0 ? "Bootstrap: everything was already there; nothing changed."
                : "Bootstrap: created " + created + ", " + (outcomes.size() - created) + " already present.");
    }
}
