#!/usr/bin/env bash
# Healthcheck of every lakehouse image: reports what the container's probe loop last found, without starting a JVM.
#
# The entrypoint writes STATUS_FILE as "preparing" before `lakehouse container prepare` (config, one-time init such
# as a schema or a format; prepare rewrites it as "initialising <epoch> <step> budget=<s>s: <what>" while an init
# step runs, the phase the CLI's wait reads back from this script's output), then starts `lakehouse container probe SERVICE --watch` beside the service: one
# long-lived, small JVM that runs the same protocol-level probe as the CLI every few seconds and rewrites the file as
# "<state> <epoch seconds> <detail>", state being starting (not healthy yet), healthy, or unhealthy (was healthy).
# A result older than STALE_AFTER seconds means the probe loop itself stopped: unhealthy.
readonly STATUS_FILE=/tmp/lakehouse-health
readonly STALE_AFTER="${LAKEHOUSE_PROBE_STALE_AFTER:-45}"

if [[ ! -r "$STATUS_FILE" ]]; then
    echo "unhealthy: no probe result yet (the entrypoint has not run)"
    exit 1
fi
read -r state at detail < "$STATUS_FILE"
now=$(date +%s)
age=$(( now - at ))
case "$state" in
    preparing)
        echo "unhealthy: phase preparing for ${age} s: ${detail}"
        exit 1 ;;
    initialising)
        # read back by the CLI's wait (InitPhase): the step, its budget and since when it runs
        echo "unhealthy: phase initialising since ${at}: ${detail}"
        exit 1 ;;
    healthy)
        if (( age > STALE_AFTER )); then
            echo "unhealthy: the probe loop has been silent for ${age} s (last: healthy, ${detail})"
            exit 1
        fi
        echo "healthy: ${detail}"
        exit 0 ;;
    *)
        if (( age > STALE_AFTER )); then
            echo "unhealthy: the probe loop has been silent for ${age} s (last: ${state}, ${detail})"
        else
            echo "unhealthy: phase ${state}: ${detail}"
        fi
        exit 1 ;;
esac
