"""Airflow's own standalone mode (airflow standalone), with two changes: no log servers, and SIGTERM as Ctrl-C.

Rendered by the lakehouse CLI into the state directory's conf/airflow/ (in a container, /var/lib/lakehouse/conf/)
and run with the Airflow virtual environment's python instead of 'airflow standalone'.

In standalone mode the scheduler and the triggerer each start a log server ('airflow serve-logs', ports 8793 and
8794) that listens on every interface, [::] and 0.0.0.0: Airflow hard-codes the address
(airflow/utils/serve_logs/core.py, host ""). The platform keeps every listener on 127.0.0.1. Those servers only
serve task logs to an API server on another machine; here the API server reads the same log folder itself, so the
scheduler and the triggerer run with their own --skip-serve-logs option and nothing else changes.

SIGTERM stops it as Ctrl-C does (stop_like_ctrl_c below says why), with the API server last: each other component
is stopped with everything it started (the scheduler's executor workers and their tasks, as Ctrl-C in a terminal
reaches the whole process group), and the API server only once they have ended, since a task reports its end
to it (stop_after_the_rest below).

This leans on one internal of the pinned Airflow (the SubCommand class of airflow.cli.commands.standalone_command);
the listener check of the integration tests and AirflowDagIT fail if an upgrade changes it.
"""
import signal
import threading
import time

import psutil
from airflow.cli.commands import standalone_command

WITHOUT_LOG_SERVER = {"scheduler", "triggerer"}
API_SERVER = "api-server"
# How long the API server waits for the other components to end before it is stopped anyway: inside the lakehouse
# runtime's 25 s for this process alone (ServiceProcesses.LAST_PART of its 30 s grace).
REST_MAY_TAKE_S = 20


class SubCommandOfThePlatform(standalone_command.SubCommand):
    """A component without its log server, stopped with what it started, and the API server after the rest."""

    def __init__(self, parent, name, command, env):
        if name in WITHOUT_LOG_SERVER and "--skip-serve-logs" not in command:
            command = [*command, "--skip-serve-logs"]
        super().__init__(parent, name=name, command=command, env=env)

    def stop(self):
        if self.name == API_SERVER:
            threading.Thread(target=self.stop_after_the_rest, name="api-server stop", daemon=True).start()
            return
        if self.process is None:
            return
        try:
            started = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            started = []
        self.process.terminate()
        for child in started:
            try:
                child.terminate()
            except psutil.NoSuchProcess:
                pass

    def stop_after_the_rest(self):
        """The API server stops once every other component (and all that holds its output) has ended.

        Signalled at the same time as the rest, it was gone when a task's supervisor reported the task's end; the
        supervisor then retried the report until the runtime's grace ran out and killed it.
        """
        deadline = time.monotonic() + REST_MAY_TAKE_S
        for other in self.parent.subcommands.values():
            if other is not self:
                other.join(max(0.0, deadline - time.monotonic()))
        super().stop()


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
    standalone_command.SubCommand = SubCommandOfThePlatform
    standalone_command.StandaloneCommand.entrypoint(None)
