package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.bootstrap.Bootstrap;
import io.lakehouse.bootstrap.BootstrapContext;
import io.lakehouse.bootstrap.MartsStep;
import io.lakehouse.bootstrap.NamespacesStep;
import io.lakehouse.bootstrap.StepOutcome;
import io.lakehouse.bootstrap.SupersetStep;
import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.services.SupersetService;
import io.lakehouse.superset.SupersetApi;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The people-facing applications as the project's own images in the compose stack: each healthy by the CLI's probe
 * from the host, none usable without its generated credential; Superset provisioned the way {@code up} does it
 * (its connection to Trino by the compose host name, the dashboard imported) answers every chart's data from
 * Trino's container; Airflow parsed the DAG without import errors.
 */
@Order(2)
@ComposeStackTest
class ComposeUisIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyUiIsHealthyAndRefusesAnonymousUse(ComposeStack stack) throws Exception {
        StackEndpoints endpoints = stack.endpoints();
        ProbeTarget target = new ProbeTarget("127.0.0.1", endpoints.ports(), endpoints.secrets());
        ServiceCatalog catalog = ServiceCatalog.standard();
        for (String ui : List.of("airflow", "superset", "jupyter")) {
            ProbeResult probe = catalog.get(ui).health().probe(target);
            assertTrue(probe.healthy(), ui + ": " + probe.detail());
        }
        assertEquals(401, status("http://127.0.0.1:" + endpoints.port("AIRFLOW_PORT") + "/api/v2/dags"),
                "Airflow's API without a token");
        assertEquals(401, status("http://127.0.0.1:" + endpoints.port("SUPERSET_PORT") + "/api/v1/dashboard/"),
                "Superset's API without a login");
        assertEquals(403, status("http://127.0.0.1:" + endpoints.port("JUPYTER_PORT") + "/api/status"),
                "JupyterLab without its token");
    }

    @Test
    void supersetInItsContainerServesTheDashboardFromTrinosContainer(ComposeStack stack) throws Exception {
        StackEndpoints endpoints = stack.endpoints();
        ProbeTarget target = new ProbeTarget("127.0.0.1", endpoints.ports(), endpoints.secrets());
        StackLayout layout = new StackLayout(Path.of(System.getProperty("lakehouse.home")),
                Path.of(System.getProperty("lakehouse.it.stateDir") + "-compose"));
        List<String> notices = new ArrayList<>();
        List<StepOutcome> outcomes = new Bootstrap(List.of(new NamespacesStep(), new MartsStep(),
                new SupersetStep(new BootstrapContext(RuntimeKind.DOCKER, layout, notices::add))))
                .apply(target, ComposeStack.SERVICES);
        assertTrue(outcomes.stream().anyMatch(o -> o.object().contains(SupersetStep.DASHBOARD)), outcomes.toString());

        SupersetApi api = SupersetApi.login("127.0.0.1", endpoints.port("SUPERSET_PORT"), SupersetService.ADMIN_USER,
                endpoints.secret(SupersetService.ADMIN_PASSWORD));
        assertTrue(api.findOne("database", "database_name", SupersetStep.DATABASE).isPresent(), "the connection");
        JsonNode dashboard = api.findOne("dashboard", "dashboard_title", SupersetStep.DASHBOARD).orElseThrow();
        JsonNode charts = api.get("/api/v1/dashboard/" + dashboard.path("id").asInt() + "/charts").path("result");
        assertTrue(charts.size() >= 4, "charts: " + charts);
        for (JsonNode chart : charts) {
            // the marts are empty here (bootstrap made them; nothing is seeded in the compose stack): the query
            // still runs, from Superset's container in Trino's (by its compose name: 127.0.0.1 in a container is
            // the container itself), and answers
            JsonNode data = api.get("/api/v1/chart/" + chart.path("id").asInt() + "/data/");
            assertFalse(data.path("result").isMissingNode(), chart.path("slice_name").asText() + ": " + data);
            assertTrue(data.path("result").get(0).path("error").isNull()
                    || data.path("result").get(0).path("error").isMissingNode(), data.toString());
        }
    }

    @Test
    void airflowInItsContainerParsedTheDag(ComposeStack stack) throws Exception {
        StackEndpoints endpoints = stack.endpoints();
        AirflowApi api = AirflowApi.login("http://127.0.0.1:" + endpoints.port("AIRFLOW_PORT"), "admin",
                endpoints.secret("AIRFLOW_ADMIN_PASSWORD"));
        AirflowApi.Answer dag = api.get("/api/v2/dags/lakehouse_daily");
        assertTrue(dag.ok(), "the DAG is known: " + dag.body());
        assertEquals(0, api.get("/api/v2/importErrors").body().path("total_entries").asInt(-1), "no import errors");
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
