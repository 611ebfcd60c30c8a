package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.GeneratedValue;
import io.lakehouse.stack.InitStep;
import io.lakehouse.stack.LaunchCommand;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.ServiceDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.health.SupersetProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Apache Superset, the dashboards over the marts: a Python application in its own virtual environment
 * ({@code services/superset/requirements.txt}), metadata in SQLite under its data folder, config rendered from
 * {@code compose/superset/superset_config.py}. The account {@code admin} is made once by an init step with the
 * generated password {@code SUPERSET_ADMIN_PASSWORD}; the connection to Trino and the dashboard are provisioned
 * by {@link io.lakehouse.bootstrap.SupersetStep} after {@code up}.
 *
 * <p>Served by gunicorn, Superset's production server, with one worker process of eight threads: a second worker
 * costs a whole second copy of Superset (measured here: 1 worker 300 MB resident idle, 360 MB after the dashboard
 * loaded; 2 workers 555 MB idle) for nothing a single-user platform needs, while threads serve the dashboard's
 * parallel chart requests (chart data in 40-110 ms from Superset's cache, 160-200 ms from Trino). {@code superset run}
 * is Flask's development server (its own warning says not to use it for this).
 */
@AutoService(ServiceDescription.class)
public final class SupersetService implements ServiceDescription {
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "SUPERSET_ADMIN_PASSWORD";

    @Override
    public ServiceDefinition definition(Versions versions) {
        // every superset command reads the rendered config; SUPERSET_HOME keeps its other files out of ~/.superset
        Map<String, String> environment = Map.of(
                "SUPERSET_CONFIG_PATH", "${CONF_DIR}/superset_config.py",
                "SUPERSET_HOME", "${DATA_DIR}",
                "FLASK_APP", "superset",
                "PYTHONUNBUFFERED", "1");
        String superset = "${VENV_DIR}/bin/superset";
        return ServiceDefinition.builder("superset")
                .description("Apache Superset: dashboards over the marts, connected to Trino")
                .version(versions.of("superset"))
                .port("SUPERSET_PORT", 8088, "HTTP, web UI and REST API")
                .uses("trino")
                .health(new SupersetProbe("SUPERSET_PORT", ADMIN_USER, ADMIN_PASSWORD))
                .generates(GeneratedValue.password("SUPERSET_SECRET_KEY"))
                .generates(GeneratedValue.password(ADMIN_PASSWORD))
                .ui("/")
                .uiLogin("user " + ADMIN_USER + ", password " + ADMIN_PASSWORD
                        + " in the state directory's secrets.properties (owner-only)")
                .memoryBudgetMb(450)
                .keepsData("its metadata database (SQLite): the admin account, connections, dashboards")
                // gunicorn's start only: the set-up (db upgrade, admin, init; about a minute idle, several on a
                // loaded machine) has a budget of its own
                .startTimeout(Duration.ofSeconds(120))
                .local(LocalLaunch.python("superset",
                        // three superset commands in one process (superset_setup.py): each process spends ~9 s of
                        // CPU building Superset's app first, so this saves two of those on up's critical path
                        List.of(new InitStep("setup", "the metadata database, the admin account, default roles "
                                        + "(superset db upgrade, fab create-admin, init)",
                                new LaunchCommand.Native("${VENV_DIR}/bin/python", List.of(
                                        "${CONF_DIR}/superset_setup.py", "db", "upgrade",
                                        "--then", "fab", "create-admin", "--username", ADMIN_USER,
                                        "--firstname", "Lakehouse", "--lastname", "Admin",
                                        "--email", "admin@lakehouse.invalid",
                                        "--then", "init")),
                                Duration.ofSeconds(450),
                                // the password by environment, never on the command line (where every user of the
                                // machine could read it): Flask's CLI reads each option from
                                // FLASK_<COMMAND PATH>_<OPTION>
                                Map.of("FLASK_FAB_CREATE_ADMIN_PASSWORD", "${" + ADMIN_PASSWORD + "}"))),
                        new LaunchCommand.Native("${VENV_DIR}/bin/gunicorn", List.of(
                                "--bind", "${BIND_ADDRESS}:${SUPERSET_PORT}",
                                "--workers", "1", "--worker-class", "gthread", "--threads", "8",
                                // a chart query over Trino may take a while on a busy machine
                                "--timeout", "120",
                                // Superset's own advice: its URLs (form data in the query string) can be long
                                "--limit-request-line", "0", "--limit-request-field_size", "0",
                                "superset.app:create_app()")),
                        environment))
                .build();
    }
}
