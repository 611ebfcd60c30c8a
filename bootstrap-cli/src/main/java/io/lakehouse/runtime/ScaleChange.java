package io.lakehouse.runtime;

import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a state directory's stack may go from the scale it was started with to another, checked before anything
 * changes. Refused: while any of its services runs (stop it first), a KRaft quorum of another size over a log
 * formatted for its voters, and fewer instances of a role whose instances hold data (their blocks would go with them).
 * Workers that keep nothing may change freely while the stack is stopped.
 */
public final class ScaleChange {
    private ScaleChange() {
    }

    /**
     * @param was     the catalog at the remembered scale
     * @param asked   the catalog at the scale asked for
     * @param running the services of {@code was} that run now
     */
    public static List<String> refusals(StackLayout layout, ServiceCatalog was, ServiceCatalog asked,
                                        List<String> running) {
        List<String> refusals = new ArrayList<>();
        if (was.scale().equals(asked.scale())) {
            return refusals;
        }
        String from = describe(was);
        String to = describe(asked);
        if (!running.isEmpty()) {
            refusals.add("the stack runs at " + from + " (" + String.join(", ", running) + "); stop it with "
                    + "'lakehouse down', then 'lakehouse up --scale " + asked.scale() + "'");
            return refusals;
        }
        asked.roles().forEach((role, original) -> {
            int before = was.instancesOf(original.name()).size();
            int after = asked.instancesOf(original.name()).size();
            boolean holdsData = original.container().keepsData()
                    && Files.isDirectory(layout.dataDir(original));
            if (before == after || !holdsData) {
                return;
            }
            if (original.scaling().orElseThrow().ordinalVariable().isPresent()) {
                refusals.add(role + ": its " + before + " node(s) are the voters of a log formatted for them ("
                        + layout.dataDir(original) + "); " + after + " would need a new one. Keep " + from
                        + ", or delete all data with 'lakehouse down --purge' and start at " + to);
            } else if (after < before) {
                refusals.add(role + ": going from " + before + " to " + after + " drops "
                        + String.join(", ", was.instancesOf(original.name()).subList(after, before).stream()
                        .map(ServiceDefinition::name).toList())
                        + " and " + original.container().keptData().orElse("its data") + " there; keep " + from
                        + ", or delete all data with 'lakehouse down --purge' and start at " + to);
            }
        });
        return refusals;
    }

    private static String describe(ServiceCatalog catalog) {
        return catalog.scale().isStandard() ? "the standard scale" : "--scale " + catalog.scale();
    }
}
