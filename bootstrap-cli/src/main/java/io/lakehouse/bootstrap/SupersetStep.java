package io.lakehouse.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.runtime.OwnerOnly;
import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.services.SupersetService;
import io.lakehouse.superset.DashboardBundle;
import io.lakehouse.superset.SupersetApi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Provisions Superset through its REST API, logged in as {@code admin}: the connection {@value #DATABASE} to Trino's
 * {@code lakehouse} catalog (created, or updated when its address changed; Superset tests it before saving, so a
 * Trino it cannot reach fails here with Superset's message), then the dashboard {@value #DASHBOARD} with its
 * datasets and charts from {@code asset/superset/dashboard/}, imported with overwrite through
 * {@code /api/v1/assets/import/}. That endpoint, unlike {@code /api/v1/dashboard/import/}, overwrites the charts and
 * datasets too, so an edit to any file in the repository reaches Superset on the next {@code up} or
 * {@code bootstrap}; re-importing unchanged files changes nothing.
 *
 * <p>Where the admin password is (the owner-only secrets file) is announced once, the first time the account is seen
 * working (a marker in the state directory remembers it); the password itself is never printed.
 */
public final class SupersetStep implements BootstrapStep {
    public static final String DATABASE = "Lakehouse (Trino)";
    public static final String DASHBOARD = "Lakehouse sales";
    static final String ANNOUNCED_MARKER = "superset-admin-password.shown";

    private final BootstrapContext context;

    public SupersetStep(BootstrapContext context) {
        this.context = requireNonNull(context, "context");
    }

    @Override
    public String name() {
        return "superset";
    }

    @Override
    public List<String> needs() {
        return List.of("superset", "trino");
    }

    /** The connection as Superset sees Trino: beside it locally, by its compose service name in a container. */
    static String trinoUri(RuntimeKind runtime, ProbeTarget stack) {
        ProbeTarget supersetsView = runtime == RuntimeKind.DOCKER
                ? stack.seenFromInside(io.lakehouse.stack.ServiceCatalog.standard()) : stack;
        String host = supersetsView.hostOf("TRINO_PORT");
        return "trino://lakehouse@" + host + ":" + stack.port("TRINO_PORT") + "/lakehouse";
    }

    @Override
    public List<StepOutcome> apply(ProbeTarget stack) throws Exception {
        String password = stack.secret(SupersetService.ADMIN_PASSWORD).orElseThrow(() -> new IllegalStateException(
                SupersetService.ADMIN_PASSWORD + " is not in " + context.layout().secretsFile()
                        + ": start Superset with 'lakehouse up superset' from this state directory"));
        SupersetApi api = SupersetApi.login(stack.hostOf("SUPERSET_PORT"), stack.port("SUPERSET_PORT"), SupersetService.ADMIN_USER,
                password);
        announceOnce(api.baseUrl());
        List<StepOutcome> outcomes = new ArrayList<>();
        String uri = trinoUri(context.runtime(), stack);
        Connection connection = ensureConnection(api, uri);
        outcomes.add(new StepOutcome(name(), "database " + DATABASE, connection.changed(), connection.detail()));

        DashboardBundle bundle = new DashboardBundle(context.layout().home().resolve("asset/superset/dashboard"));
        boolean existed = api.findOne("dashboard", "dashboard_title", DASHBOARD).isPresent();
        api.upload("/api/v1/assets/import/", "bundle", "lakehouse_bundle.zip", bundle.zip(connection.uuid(), uri),
                Map.of("overwrite", "true"));
        JsonNode dashboard = api.findOne("dashboard", "dashboard_title", DASHBOARD).orElseThrow(() ->
                new IllegalStateException("Superset accepted " + bundle.folder() + " but has no dashboard '"
                        + DASHBOARD + "' afterwards; is dashboard_title in dashboards/*.yaml still '" + DASHBOARD + "'?"));
        int charts = api.get("/api/v1/dashboard/" + dashboard.path("id").asInt() + "/charts").path("result").size();
        String url = api.baseUrl() + "/superset/dashboard/" + dashboard.path("id").asInt() + "/";
        outcomes.add(new StepOutcome(name(), "dashboard " + DASHBOARD, !existed,
                (existed ? "re-imported from " : "imported from ") + context.layout().home().relativize(bundle.folder())
                        + ", " + charts + " charts: " + url));
        return outcomes;
    }

    private record Connection(String uuid, boolean changed, String detail) {
    }

    private static Connection ensureConnection(SupersetApi api, String uri) throws IOException, InterruptedException {
        Map<String, Object> wanted = new LinkedHashMap<>();
        wanted.put("database_name", DATABASE);
        wanted.put("sqlalchemy_uri", uri);
        wanted.put("expose_in_sqllab", true);
        var existing = api.findOne("database", "database_name", DATABASE);
        if (existing.isEmpty()) {
            JsonNode created = api.post("/api/v1/database/", wanted, 201);
            return new Connection(created.path("result").path("uuid").asText(), true, "created: " + uri);
        }
        int id = existing.get().path("id").asInt();
        // the plain GET leaves the URI out; /connection has it (its password masked; this one has none)
        JsonNode current = api.get("/api/v1/database/" + id + "/connection").path("result");
        String uuid = current.path("uuid").asText();
        if (uri.equals(current.path("sqlalchemy_uri").asText())) {
            return new Connection(uuid, false, "present: " + uri);
        }
        api.put("/api/v1/database/" + id, wanted);
        return new Connection(uuid, true, "updated to " + uri + " (was " + current.path("sqlalchemy_uri").asText() + ")");
    }

    private void announceOnce(String baseUrl) throws IOException {
        Path marker = context.layout().stateDir().resolve(ANNOUNCED_MARKER);
        if (Files.exists(marker)) {
            return;
        }
        // where the password is, never the password: this output ends up in CI logs and terminal recordings
        context.notices().accept("Superset: " + baseUrl + " user " + SupersetService.ADMIN_USER + ", password "
                + SupersetService.ADMIN_PASSWORD + " in " + context.layout().secretsFile() + " (owner-only)");
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, "Where the Superset admin password is kept was shown once: secrets.properties.\n");
        OwnerOnly.restrict(marker);
    }
}
