#!/usr/bin/env bash
# Entrypoint of every lakehouse image: lakehouse-entrypoint.sh SERVICE
#
# 1. `lakehouse container prepare SERVICE` renders the config templates mounted under
#    /opt/lakehouse/compose/<folder>, runs the service's one-time init steps (markers under
#    /var/lib/lakehouse), each announced in HEALTH_FILE as "initialising <epoch> <step> budget=<s>s: <what>" so
#    the CLI's wait holds it to its own budget (InitPhase), and writes the service's final command line, NUL-separated, to ARGV_FILE, and
#    the environment it needs (NAME=value entries, NUL-separated, e.g. JAVA_HOME) to ARGV_FILE.env.
# 2. `lakehouse container probe SERVICE --watch` starts in the background: one small JVM for the container's whole
#    life, probing the service every second until it is healthy, then every few seconds, and writing the result
#    to HEALTH_FILE, which the healthcheck (lakehouse-health.sh) only reads. Before it runs, HEALTH_FILE says "preparing": the one-time init's own phase.
# 3. The service then replaces this shell (exec), so it runs as PID 1 and receives the SIGTERM of
#    `docker stop` / `docker compose down` directly.
set -euo pipefail

readonly CLI_JAR=/opt/lakehouse/lakehouse.jar
# the CLI's JVM options (bootstrap-cli/cli-jvm.options)
readonly CLI_OPTIONS=/opt/lakehouse/cli-jvm.options
readonly ARGV_FILE=/tmp/lakehouse-argv
readonly ENV_FILE="$ARGV_FILE.env"
readonly HEALTH_FILE=/tmp/lakehouse-health
# Every few seconds: the check is a call in a warm JVM, cheap; a JVM per check (14 containers) kept 2 cores busy.
readonly PROBE_EVERY="${LAKEHOUSE_PROBE_EVERY:-5}"

fail() {
    echo "lakehouse-entrypoint: $*" >&2
    exit 1
}

# The service comes from the first argument (compose `command:`); LAKEHOUSE_SERVICE is the fallback.
service="${1:-${LAKEHOUSE_SERVICE:-}}"
[[ -n "$service" ]] || fail "no service given: run as 'lakehouse-entrypoint.sh SERVICE' or set LAKEHOUSE_SERVICE"
if [[ -n "${LAKEHOUSE_SERVICE:-}" && "$LAKEHOUSE_SERVICE" != "$service" ]]; then
    fail "argument '$service' and LAKEHOUSE_SERVICE='$LAKEHOUSE_SERVICE' disagree; fix the compose service"
fi
[[ -r "$CLI_JAR" ]] || fail "$CLI_JAR is missing: the image was built without the CLI jar (rebuild with 'lakehouse images')"

# A file left by an earlier start of this container must never be mistaken for this start's result.
rm -f -- "$ARGV_FILE" "$ENV_FILE" "$HEALTH_FILE"

began=$(date +%s)
echo "preparing $began config and one-time init (lakehouse container prepare $service)" > "$HEALTH_FILE"
echo "lakehouse-entrypoint: preparing $service (config, one-time init)" >&2
status=0
java "@$CLI_OPTIONS" -jar "$CLI_JAR" container prepare "$service" --argv-file "$ARGV_FILE" --status-file "$HEALTH_FILE" || status=$?
if (( status != 0 )); then
    fail "'lakehouse container prepare $service' failed (exit $status); see the messages above. Nothing was started."
fi
[[ -s "$ARGV_FILE" ]] || fail "'lakehouse container prepare $service' succeeded but wrote no command line to $ARGV_FILE"
# the probe loop counts "healthy after N s" from when this entrypoint began, init included
echo "starting $(date +%s) config and one-time init done, the service starts (entrypoint began $began)" > "$HEALTH_FILE"

mapfile -d '' argv < "$ARGV_FILE"
(( ${#argv[@]} > 0 )) || fail "the command line in $ARGV_FILE is empty"

if [[ -e "$ENV_FILE" ]]; then
    mapfile -d '' env_entries < "$ENV_FILE"
    for entry in "${env_entries[@]}"; do
        [[ "${entry%%=*}" =~ ^[A-Za-z_][A-Za-z0-9_]*$ && "$entry" == *=* ]] \
            || fail "malformed environment entry in $ENV_FILE: '${entry%%=*}'"
        export "${entry%%=*}=${entry#*=}"
    done
fi

# The probe loop is a child of this shell and so, after the exec, of the service: it ends with the container.
java "@$CLI_OPTIONS" -Xmx48m -Xss512k -XX:CICompilerCount=1 -jar "$CLI_JAR" \
    container probe "$service" --watch --every "$PROBE_EVERY" --status-file "$HEALTH_FILE" &

echo "lakehouse-entrypoint: starting $service: ${argv[0]}" >&2
exec "${argv[@]}"
