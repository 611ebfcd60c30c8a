package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.GeneratedValue;
import io.lakehouse.stack.LaunchCommand;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.ServiceDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.health.AirflowHealthProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Apache Airflow, the scheduler of the daily pipeline (DAG {@code lakehouse_daily} in {@code jobs/airflow/dags}),
 * run as {@code airflow standalone}: one parent process that migrates the metadata database and supervises the
 * scheduler, DAG processor, triggerer and API server (REST API, execution API and UI on {@code AIRFLOW_PORT}).
 * It runs through {@code compose/airflow/lakehouse_standalone.py}, which is standalone without the scheduler's and
 * triggerer's log servers: Airflow binds those to every interface, and one machine's API server reads the logs itself.
 * Airflow's standalone parent exits on SIGTERM without stopping its children (only Ctrl-C stops them); the scheduler
 * it left, its stdout gone, then held its LocalExecutor's workers until the 30 s grace ran out (measured: 31.8 and
 * 32.5 s to stop, against 2.4-12.8 s since). The wrapper takes SIGTERM as Ctrl-C, so the parent stops each component
 * and waits for it; the runtimes still stop its whole process session, for whatever outlives that.
 *
 * <p>The metadata database is SQLite under {@code DATA_DIR}: Airflow 3 runs the LocalExecutor on it (task workers
 * talk to the execution API, not to the database), which is all one machine's daily pipeline needs, with nothing
 * else to run or to keep in memory. Parallelism 4 keeps it to a dozen processes (32 would give 40, 5 GB).
 *
 * <p>Login: the simple auth manager with one user {@code admin} whose password is the generated
 * {@code AIRFLOW_ADMIN_PASSWORD}, rendered into the passwords file from {@code compose/airflow/}.
 */
@AutoService(ServiceDescription.class)
public final class AirflowService implements ServiceDescription {
    static final String DISTRIBUTION = "airflow";

    @Override
    public ServiceDefinition definition(Versions versions) {
        Map<String, String> environment = Map.ofEntries(
                Map.entry("AIRFLOW_HOME", "${DATA_DIR}"),
                Map.entry("AIRFLOW__CORE__DAGS_FOLDER", "${PROJECT_HOME}/jobs/airflow/dags"),
                Map.entry("AIRFLOW__CORE__LOAD_EXAMPLES", "False"),
                Map.entry("AIRFLOW__CORE__EXECUTOR", "LocalExecutor"),
                Map.entry("AIRFLOW__CORE__PARALLELISM", "4"),
                Map.entry("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "sqlite:///${DATA_DIR}/airflow.db"),
                Map.entry("AIRFLOW__API__HOST", "${BIND_ADDRESS}"),
                Map.entry("AIRFLOW__API__PORT", "${AIRFLOW_PORT}"),
                // the API server's own address for task workers and links; the default (8080) is Trino's port
                Map.entry("AIRFLOW__API__BASE_URL", "http://127.0.0.1:${AIRFLOW_PORT}"),
                Map.entry("AIRFLOW__CORE__EXECUTION_API_SERVER_URL", "http://127.0.0.1:${AIRFLOW_PORT}/execution/"),
                // the API's secret key and the JWT secret (shared by the API server, which signs task tokens, and
                // the workers) from the owner-only rendered config file, never from the environment of Airflow's
                // processes (compose/airflow/airflow.cfg)
                Map.entry("AIRFLOW_CONFIG", "${CONF_DIR}/airflow.cfg"),
                Map.entry("AIRFLOW__CORE__AUTH_MANAGER",
                        "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"),
                Map.entry("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", "admin:admin"),
                Map.entry("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE",
                        "${CONF_DIR}/simple_auth_manager_passwords.json"),
                // what the DAG's tasks need to run the lakehouse CLI against this stack
                Map.entry("LAKEHOUSE_HOME", "${PROJECT_HOME}"),
                Map.entry("LAKEHOUSE_STATE_DIR", "${STATE_DIR}"),
                Map.entry("LAKEHOUSE_SKIP_BUILD", "true"));
        return ServiceDefinition.builder("airflow")
                .description("Apache Airflow (standalone: scheduler, DAG processor, triggerer, API server), "
                        + "DAG lakehouse_daily")
                .version(versions.of("airflow"))
                .port("AIRFLOW_PORT", 8089, "API server: REST API, execution API and web UI")
                .uses("trino", "spark-connect")
                .health(new AirflowHealthProbe("AIRFLOW_PORT"))
                .ui("/")
                .uiLogin("user admin, password AIRFLOW_ADMIN_PASSWORD in the state directory's secrets.properties")
                .generates(GeneratedValue.password("AIRFLOW_ADMIN_PASSWORD"))
                .generates(GeneratedValue.password("AIRFLOW_SECRET_KEY"))
                .generates(GeneratedValue.password("AIRFLOW_JWT_SECRET"))
                // measured: idle 12 processes, 970 MB with shared pages counted once (1.77 GB summed RSS); while a
                // task runs 1.19 GB plus the lakehouse CLI's JVM (110-400 MB, in a session of its own)
                .memoryBudgetMb(1500)
                .keepsData("its metadata database: DAG runs, task instances and their logs")
                // airflow standalone's components are its children: an init process as PID 1 reaps them, and a
                // stop ends the container with whatever outlives the parent's own shutdown
                .initProcess()
                .containerMount("jobs/airflow/dags", "/opt/lakehouse/jobs/airflow/dags",
                        "the DAGs, as locally: the dags folder is ${PROJECT_HOME}/jobs/airflow/dags")
                // the DAG's tasks run the image's CLI inside the compose network: they read the Spark jobs (SQL and
                // the runner's jars) and the marts from the project home, and verify reads the shop's MySQL
                .runsLakehouseCommands()
                .containerReads("MYSQL_PASSWORD")
                .containerMount("jobs/spark/sql", "/opt/lakehouse/jobs/spark/sql", "transform's SQL")
                .containerMount("jobs/spark/target/dist/lib", "/opt/lakehouse/jobs/spark/target/dist/lib",
                        "the Spark job runner (built by 'mvn package')")
                .containerMount("marts", "/opt/lakehouse/marts", "the marts' SQL")
                // the first start migrates the metadata database (a few seconds) before the API server answers
                .startTimeout(Duration.ofSeconds(180))
                .local(LocalLaunch.python(DISTRIBUTION, List.of(),
                        // airflow standalone without its log servers, which would listen on every interface
                        // (compose/airflow/lakehouse_standalone.py says why)
                        new LaunchCommand.Native("${VENV_DIR}/bin/python",
                                List.of("${CONF_DIR}/lakehouse_standalone.py")),
                        environment))
                .build();
    }
}
