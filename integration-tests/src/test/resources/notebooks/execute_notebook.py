"""Executes a notebook headless with nbclient, as JupyterLab's kernel would run it, and saves it with its outputs.

    python execute_notebook.py NOTEBOOK OUTPUT [TIMEOUT_SECONDS]

The kernel inherits this process's environment (LAKEHOUSE_TRINO_URL, SPARK_CONNECT_URL) and runs in the notebook's
folder. A failing cell stops the run (exit 1) and its error is printed; the partly executed notebook is saved either
way, so the test can show what happened.
"""
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(notebook_path, output_path, timeout=600):
    notebook = nbformat.read(notebook_path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(notebook_path))}})
    began = time.monotonic()
    try:
        client.execute()
        status = 0
    except CellExecutionError as error:
        print(error, file=sys.stderr)
        status = 1
    finally:
        os.makedirs(os.path.dirname(os.path.abspath(output_path)), exist_ok=True)
        nbformat.write(notebook, output_path)
    print(f"executed {notebook_path} in {time.monotonic() - began:.1f} s -> {output_path}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 600))
