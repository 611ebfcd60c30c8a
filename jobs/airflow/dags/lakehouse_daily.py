"""The lakehouse's daily pipeline: bronze -> silver -> gold on Spark, the marts refreshed, then verify.

Each task runs one command of the lakehouse CLI against the running stack, so the DAG holds no SQL and no
addresses: the CLI finds the stack's services and ports in its state directory. Airflow gets what it needs from
the environment the lakehouse runtime starts it with (see AirflowService.java):

- LAKEHOUSE_HOME: the project (locally the repository, with the ``lakehouse`` launcher; in a container
  /opt/lakehouse, with ``lakehouse.jar``);
- LAKEHOUSE_STATE_DIR: the state directory of the stack the tasks act on;
- LAKEHOUSE_SKIP_BUILD=true: the launcher never rebuilds the project from inside a task.

Under docker compose the tasks run the image's CLI inside the compose network: the generated compose file gives
the Airflow container LAKEHOUSE_ADDRESSES=inside-compose (each service by its compose name), LAKEHOUSE_RUNTIME=docker,
the stack's port numbers, the credentials the tasks need, and the Spark jobs and marts mounted read-only.
"""

from __future__ import annotations

import os
import shlex
from datetime import timedelta
from pathlib import Path

import pendulum
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG

REQUIRED_ENVIRONMENT = ("LAKEHOUSE_HOME", "LAKEHOUSE_STATE_DIR")


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise RuntimeError(
            f"{name} is not set in Airflow's environment; start Airflow with 'lakehouse up airflow', which sets "
            f"{', '.join(REQUIRED_ENVIRONMENT)} (or export {name} before 'airflow standalone')"
        )
    return value


def lakehouse_cli() -> str:
    """The shell words that run the lakehouse CLI: the launcher script, or the CLI jar inside an image."""
    home = Path(_required("LAKEHOUSE_HOME"))
    launcher = home / "lakehouse"
    jar = home / "lakehouse.jar"
    if launcher.is_file() and os.access(launcher, os.X_OK):
        return shlex.quote(str(launcher))
    if jar.is_file():
        options = home / "cli-jvm.options"  # the CLI's JVM options, beside the jar in an image
        return ("java " + (shlex.quote("@" + str(options)) + " " if options.is_file() else "") + "-Xmx256m -jar "
                + shlex.quote(str(jar)))
    raise RuntimeError(
        f"LAKEHOUSE_HOME={home} holds neither the 'lakehouse' launcher nor lakehouse.jar; point it at the project "
        "(the repository root, or /opt/lakehouse in an image)"
    )


CLI = lakehouse_cli()
TASK_ENVIRONMENT = {
    "LAKEHOUSE_STATE_DIR": _required("LAKEHOUSE_STATE_DIR"),
    # a task must never start a Maven build of the project
    "LAKEHOUSE_SKIP_BUILD": "true",
}

DOC = """
### lakehouse_daily

The daily batch pipeline of the lakehouse, one task per step, each a command of the `lakehouse` CLI:

| task | command | does |
|------|---------|------|
| `compact_bronze` | `lakehouse maintain` | the streaming jobs' bronze tables compacted (Iceberg rewrite_data_files on Spark) |
| `spark_silver` | `lakehouse transform silver` | bronze -> silver (Spark MERGE INTO through Spark Connect) |
| `spark_gold` | `lakehouse transform gold` | silver -> gold |
| `refresh_marts` | `lakehouse marts refresh` | the `marts` tables over gold (Trino) |
| `verify` | `lakehouse verify` | sources, bronze, silver, gold and marts agree |

Every step is idempotent (MERGE of the change set only), so a retry or a re-run changes nothing more.
Each task is retried twice, 2 minutes apart; a task that hangs is stopped after its timeout.
"""

default_args = {
    "owner": "lakehouse",
    "retries": 2,
    "retry_delay": timedelta(minutes=2),
}

with DAG(
    dag_id="lakehouse_daily",
    description="bronze compacted, silver and gold on Spark, marts refreshed, verify",
    doc_md=DOC,
    schedule="@daily",
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=2),
    default_args=default_args,
    tags=["lakehouse"],
) as dag:

    def lakehouse_task(task_id: str, arguments: str, timeout: timedelta, doc: str) -> BashOperator:
        return BashOperator(
            task_id=task_id,
            bash_command=f"{CLI} {arguments}",
            env=TASK_ENVIRONMENT,
            append_env=True,
            execution_timeout=timeout,
            doc_md=doc,
        )

    compact_bronze = lakehouse_task("compact_bronze", "maintain", timedelta(minutes=30),
                                    "the streaming jobs' small files and delete files compacted")
    spark_silver = lakehouse_task("spark_silver", "transform silver", timedelta(minutes=30),
                                  "bronze -> silver on Spark")
    spark_gold = lakehouse_task("spark_gold", "transform gold", timedelta(minutes=30), "silver -> gold on Spark")
    refresh_marts = lakehouse_task("refresh_marts", "marts refresh", timedelta(minutes=20),
                                   "the marts over gold, refreshed")
    verify = lakehouse_task("verify", "verify", timedelta(minutes=20), "every layer agrees with its sources")

    compact_bronze >> spark_silver >> spark_gold >> refresh_marts >> verify
