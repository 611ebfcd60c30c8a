"""Superset's one-time set-up, several `superset` commands in one Python process.

Rendered by the lakehouse CLI into the state directory's conf/superset/ (in a container, /var/lib/lakehouse/conf/)
and run by the service's init step with the Superset virtual environment's python:

    python superset_setup.py db upgrade --then fab create-admin --username admin ... --then init

Each command is Superset's own CLI command, run as `superset ARGS` would run it; only the process is shared. Every
`superset` process spends about 9 s of CPU importing Superset and building its app before it does anything (measured
here: `superset version` 9.3 s of CPU), so three commands in one process save two of those on the path to a healthy
Superset. The admin's password comes from the environment (FLASK_FAB_CREATE_ADMIN_PASSWORD), as with the `superset`
command, never from the command line. Every command is idempotent, so a set-up that stopped half-way is run again whole.
"""
import sys

from superset.cli.main import superset

SEPARATOR = "--then"


def commands(arguments):
    """The argument lists between the separators; an empty one is a usage error."""
    found, current = [], []
    for argument in arguments:
        if argument == SEPARATOR:
            found.append(current)
            current = []
        else:
            current.append(argument)
    found.append(current)
    if any(not command for command in found):
        sys.exit(f"usage: superset_setup.py ARGS [{SEPARATOR} ARGS]... (got {arguments})")
    return found


if __name__ == "__main__":
    for command in commands(sys.argv[1:]):
        print("superset " + " ".join(command[:2]), flush=True)
        # standalone_mode=False: a command that fails raises (and the process exits non-zero) instead of exiting
        superset.main(args=command, prog_name="superset", standalone_mode=False)
