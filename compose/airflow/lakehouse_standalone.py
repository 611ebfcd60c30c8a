"""Airflow's own standalone mode (airflow standalone), with two changes: no log servers, and SIGTERM as Ctrl-C.

Rendered by the lakehouse CLI into the state directory's conf/airflow/ (in a container, /var/lib/lakehouse/conf/)
and run with the Airflow virtual environment's python instead of 'airflow standalone'.

In standalone mode the scheduler and the triggerer each start a log server ('airflow serve-logs', ports 8793 and
8794) that listens on every interface, [::] and 0.0.0.0: Airflow hard-codes the address
(airflow/utils/serve_logs/core.py, host ""). The platform keeps every listener on 127.0.0.1. Those servers only
serve task logs to an API server on another machine; here the API server reads the same log folder itself, so the
scheduler and the triggerer run with their own --skip-serve-logs option and nothing else changes.

SIGTERM stops it as Ctrl-C does (stop_like_ctrl_c below says why).

This leans on one internal of the pinned Airflow (the SubCommand class of airflow.cli.commands.standalone_command);
the listener check of the integration tests and AirflowDagIT fail if an upgrade changes it.
"""
import signal

from airflow.cli.commands import standalone_command

WITHOUT_LOG_SERVER = {"scheduler", "triggerer"}


class SubCommandWithoutLogServer(standalone_command.SubCommand):
    def __init__(self, parent, name, command, env):
        if name in WITHOUT_LOG_SERVER and "--skip-serve-logs" not in command:
            command = [*command, "--skip-serve-logs"]
        super().__init__(parent, name=name, command=command, env=env)


def stop_like_ctrl_c(signum, frame):
    """SIGTERM (a 'lakehouse down', a 'docker stop') as Ctrl-C: standalone then stops each component and waits for it.

    Left to Python's default, SIGTERM ended this parent at once and left its components running without their
    stdout; the scheduler then held its executor's workers until the runtime's 30 s grace ran out and they were
    killed. A second SIGTERM during the shutdown is ignored, so the shutdown is not cut short.
    """
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stop_like_ctrl_c)
    standalone_command.SubCommand = SubCommandWithoutLogServer
    standalone_command.StandaloneCommand.entrypoint(None)
