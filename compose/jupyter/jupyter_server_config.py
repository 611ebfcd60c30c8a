# JupyterLab's server configuration, rendered by the lakehouse runtime into CONF_DIR (the server finds it there
# through JUPYTER_CONFIG_DIR). Locally and in the image alike; paths and ports are the runtime's variables.
import os

c = get_config()  # noqa: F821 (provided by Jupyter when it loads this file)

# (address and port are on the command line: JupyterService)
# a taken port is an error, not a reason to pick another one the status table would not know about
c.ServerApp.port_retries = 0
# the notebooks of the repository (mounted read-only in a container)
c.ServerApp.root_dir = "${PROJECT_HOME}/notebooks"
# the CLI may run as root (CI machines, dev containers); the image itself runs as the user lakehouse
c.ServerApp.allow_root = True

# Authentication: the generated token (JUPYTER_TOKEN in the state directory's secrets file), rendered into this
# owner-only file rather than given in the environment, where the server's kernels would inherit it and
# /proc/<pid>/environ would show it for the server's whole life.
c.IdentityProvider.token = "${JUPYTER_TOKEN}"
if not c.IdentityProvider.token:
    raise SystemExit("JUPYTER_TOKEN is empty: start JupyterLab through 'lakehouse up jupyter', which generates it")
# no password can be set from the login page: the token stays the only way in
c.PasswordIdentityProvider.allow_password_change = False

# Checkpoints beside the service's data, not in the repository (which is read-only in a container).
# The folder must exist: where the checkpoint folder's parent is not writable, Jupyter falls back to /tmp.
c.FileCheckpoints.root_dir = "${DATA_DIR}/checkpoints"
os.makedirs(c.FileCheckpoints.root_dir, exist_ok=True)
# User settings and workspaces of JupyterLab in the service's data too (the config folder is re-rendered).
c.LabApp.user_settings_dir = "${DATA_DIR}/lab/user-settings"
c.LabApp.workspaces_dir = "${DATA_DIR}/lab/workspaces"

# Packages come from the pinned requirements only (the venv and the image are made from them): no installing
# extensions from the UI, and no calls to the internet: no update check, no news feed.
c.LabApp.extension_manager = "readonly"
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
c.LabApp.news_url = None
# JupyterLab's setting defaults (overrides.json): never ask whether to fetch the news either
c.LabApp.app_settings_dir = "${CONF_DIR}/lab-settings"
