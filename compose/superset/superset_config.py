# Superset configuration, rendered by the lakehouse CLI (locally into the state directory's conf/superset/, in a
# container into /var/lib/lakehouse/conf/): the CLI fills the upper-case placeholders; nothing secret is in this
# file in the repository. Read by every superset command through SUPERSET_CONFIG_PATH.

# Signs sessions and encrypts the stored connection passwords: generated once per state directory.
SECRET_KEY = "${SUPERSET_SECRET_KEY}"

# The metadata database (dashboards, charts, users): SQLite in the service's data folder, kept across restarts.
SQLALCHEMY_DATABASE_URI = "sqlite:///${DATA_DIR}/superset.db?check_same_thread=false"

# The server listens on ${BIND_ADDRESS}:${SUPERSET_PORT} (gunicorn's --bind, see SupersetService); links Superset
# builds for people (e-mailed reports) point at the published address.
WEBDRIVER_BASEURL_USER_FRIENDLY = "http://${PUBLISHED_HOST}:${SUPERSET_PORT}/"

# Charts on a busy shared machine: give Trino time, and keep results a while (Superset's in-process cache).
SUPERSET_WEBSERVER_TIMEOUT = 120
SQLLAB_TIMEOUT = 120
CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 300}
DATA_CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 300}

# No example data, no telemetry, no calls to the outside world.
SUPERSET_LOAD_EXAMPLES = False
SCARF_ANALYTICS = False

# Superset 6's menu bar draws a telemetry pixel from apachesuperset.gateway.scarf.sh whatever SCARF_ANALYTICS says,
# and its default Content-Security-Policy allows it (and map tiles, fonts and a docs CDN). This policy is Superset's
# own, less every outside address: the browser loads nothing but this server's pages, scripts and images.
TALISMAN_ENABLED = True
TALISMAN_CONFIG = {
    "content_security_policy": {
        "base-uri": ["'self'"],
        "default-src": ["'self'"],
        "img-src": ["'self'", "blob:", "data:"],
        "worker-src": ["'self'", "blob:"],
        "connect-src": ["'self'"],
        "object-src": "'none'",
        "style-src": ["'self'", "'unsafe-inline'"],
        "font-src": ["'self'"],
        "script-src": ["'self'", "'strict-dynamic'"],
    },
    "content_security_policy_nonce_in": ["script-src"],
    "force_https": False,
    "session_cookie_secure": False,
}

# The REST API is how the platform provisions Superset (lakehouse bootstrap) and how the tests read chart data.
FAB_API_SWAGGER_UI = False
