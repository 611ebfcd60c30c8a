package io.lakehouse.cli.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehouse.runtime.ServiceState;
import io.lakehouse.runtime.ServiceStatus;
import io.lakehouse.stack.ServiceCatalog;

import java.util.List;
import java.util.stream.Collectors;

/** How the stack's services are shown: the status table, the stand-ins, the web UIs, and the same as JSON. */
public final class StatusView {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusView() {
    }

    /** The status table, then one line per service that runs a stand-in, saying what runs instead of what, and why. */
    public static String render(List<ServiceStatus> statuses) {
        StringBuilder text = new StringBuilder(table(statuses));
        List<ServiceStatus> standIns = statuses.stream().filter(s -> s.standIn().isPresent()).toList();
        if (!standIns.isEmpty()) {
            text.append(System.lineSeparator()).append("Stand-ins (what runs here instead of the reference product):")
                    .append(System.lineSeparator());
            TextTable lines = new TextTable("SERVICE", "STATE", "RUNS");
            standIns.forEach(s -> lines.row(s.service(), s.state().label(), s.standIn().get().describe()));
            lines.render().lines().skip(1).forEach(line -> text.append("  ").append(line).append(System.lineSeparator()));
        }
        return text.toString();
    }

    /** Each web UI a person opens: its address and how to log in (never the secret itself: where it is kept). */
    public static String webUis(List<ServiceStatus> statuses, ServiceCatalog catalog, String secretsFile) {
        List<ServiceStatus> withUi = statuses.stream().filter(s -> s.ui().isPresent()).toList();
        if (withUi.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(System.lineSeparator()).append("Web UIs:").append(System.lineSeparator());
        TextTable uis = new TextTable("SERVICE", "STATE", "ADDRESS", "LOGIN");
        withUi.forEach(s -> uis.row(s.service(), s.state().label(), s.ui().get(),
                catalog.get(s.service()).uiLogin().orElse("none needed (bound to 127.0.0.1)")));
        uis.render().lines().skip(1).forEach(line -> text.append("  ").append(line).append(System.lineSeparator()));
        if (withUi.stream().anyMatch(s -> catalog.get(s.service()).uiLogin().isPresent())) {
            text.append("  Generated passwords and tokens: ").append(secretsFile)
                    .append(" (owner-only; shown once by 'up' when first made)").append(System.lineSeparator());
        }
        return text.toString();
    }

    public static String table(List<ServiceStatus> statuses) {
        TextTable table = new TextTable("SERVICE", "VERSION", "RUNTIME", "PID/CONTAINER", "PORTS", "STATE", "LOG",
                "DETAIL");
        for (ServiceStatus s : statuses) {
            table.row(s.service(), s.version(), s.runtime().label(),
                    s.pid().map(String::valueOf).or(s::container).orElse("-"),
                    s.ports().values().stream().map(String::valueOf).collect(Collectors.joining(",")),
                    s.state().label(), s.log(), shorten(s.detail()));
        }
        return table.render();
    }

    private static String shorten(String detail) {
        return detail.length() > 60 ? detail.substring(0, 59) + "…" : detail;
    }

    public static ArrayNode toJson(List<ServiceStatus> statuses) {
        ArrayNode array = JSON.createArrayNode();
        for (ServiceStatus s : statuses) {
            ObjectNode node = array.addObject();
            node.put("service", s.service());
            node.put("version", s.version());
            node.put("runtime", s.runtime().label());
            node.put("state", s.state().label());
            node.put("healthy", s.state() == ServiceState.HEALTHY);
            s.pid().ifPresentOrElse(pid -> node.put("pid", pid), () -> node.putNull("pid"));
            s.container().ifPresentOrElse(c -> node.put("container", c), () -> node.putNull("container"));
            ObjectNode ports = node.putObject("ports");
            s.ports().forEach(ports::put);
            node.put("log", s.log());
            node.put("detail", s.detail());
            s.ui().ifPresent(u -> node.put("ui", u));
            s.standIn().ifPresent(standIn -> {
                ObjectNode about = node.putObject("standIn");
                about.put("product", standIn.product());
                about.put("version", standIn.version());
                about.put("standsInFor", standIn.standsInFor());
                about.put("reason", standIn.reason());
                about.put("summary", standIn.describe());
            });
        }
        return array;
    }
}
