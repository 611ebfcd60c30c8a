package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.GeneratedValue;
import io.lakehouse.stack.LaunchCommand;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.ServiceDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.health.JupyterProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * JupyterLab over the repository's {@code notebooks/} folder, with a kernel that reaches the lakehouse: Trino
 * ({@code LAKEHOUSE_TRINO_URL}) and Spark Connect ({@code SPARK_CONNECT_URL}) are in its environment, so the
 * notebooks run unchanged on both runtimes. Token authentication with a generated token; Jupyter's own folders
 * (config, runtime, kernels' IPython profile, checkpoints) live in the service's state, never in the home directory.
 * A Python application: its virtual environment comes from {@code services/jupyter/requirements.txt}.
 */
@AutoService(ServiceDescription.class)
public final class JupyterService implements ServiceDescription {
    @Override
    public ServiceDefinition definition(Versions versions) {
        return ServiceDefinition.builder("jupyter")
                .description("JupyterLab: notebooks over the lakehouse (Trino, Spark Connect), token login")
                .version(versions.of("jupyterlab"))
                .port("JUPYTER_PORT", 8888, "JupyterLab web UI and REST API")
                .uses("trino", "spark-connect")
                .generates(GeneratedValue.password("JUPYTER_TOKEN"))
                .health(new JupyterProbe("JUPYTER_PORT", "JUPYTER_TOKEN"))
                .ui("/lab")
                .uiLogin("token JUPYTER_TOKEN from the secrets file: open /lab?token=<token> or paste it on the "
                        + "login page")
                // measured: the server ~85 MB, a kernel after the lakehouse tour (Trino, Spark Connect, pandas) ~215 MB
                .memoryBudgetMb(500)
                .keepsData("notebook checkpoints and JupyterLab workspaces")
                .containerMount("notebooks", "/opt/lakehouse/notebooks",
                        "the repository's notebooks, read-only: checkpoints go to the data volume")
                .startTimeout(Duration.ofSeconds(90))
                .local(LocalLaunch.python("jupyter", List.of(),
                        new LaunchCommand.Native("${VENV_DIR}/bin/jupyter-lab", List.of(
                                "--no-browser",
                                "--ip=${BIND_ADDRESS}",
                                "--port=${JUPYTER_PORT}")),
                        Map.ofEntries(
                                Map.entry("JUPYTER_CONFIG_DIR", "${CONF_DIR}"),
                                Map.entry("JUPYTER_DATA_DIR", "${DATA_DIR}/share"),
                                Map.entry("JUPYTER_RUNTIME_DIR", "${DATA_DIR}/runtime"),
                                Map.entry("JUPYTER_PLATFORM_DIRS", "1"),
                                Map.entry("IPYTHONDIR", "${DATA_DIR}/ipython"),
                                Map.entry("MPLCONFIGDIR", "${DATA_DIR}/matplotlib"),
                                // what the notebooks connect to, inherited by every kernel
                                Map.entry("LAKEHOUSE_TRINO_URL", "http://${TRINO_HOST}:${TRINO_PORT}"),
                                Map.entry("SPARK_CONNECT_URL", "sc://${SPARK_CONNECT_HOST}:${SPARK_CONNECT_PORT}"))))
                .build();
    }
}
