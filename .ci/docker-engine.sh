#!/usr/bin/env bash
# Sourced by .ci/run: make a Docker engine with compose v2 answer on this machine, from Debian's packages only,
# and stop afterwards exactly the daemon this script started (by PID).
# No container registry is reachable here: images are built locally (`lakehouse images`).

DOCKERD_PID=""
DOCKERD_LOG="${TMPDIR:-/tmp}/lakehouse-ci-dockerd.log"

# The Debian archive this machine's APT configuration names (as DebianMirror.java reads it): LAKEHOUSE_DEBIAN_MIRROR
# where set, else the first URI of /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list, the security archive
# passed over.
debian_mirror() {
  if [ -n "${LAKEHOUSE_DEBIAN_MIRROR:-}" ]; then echo "${LAKEHOUSE_DEBIAN_MIRROR%/}"; return 0; fi
  local uri
  uri="$( { cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk 'tolower($1)=="uris:" {for (i=2;i<=NF;i++) print $i}'
            sed -E 's/\[[^]]*\]//' /etc/apt/sources.list 2>/dev/null | awk '$1=="deb" {print $2}'; } \
         | grep -E '^https?://' | grep -v security | head -n 1)"
  [ -n "$uri" ] && echo "${uri%/}"
}

docker_engine_start() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "ci: installing ${missing[*]} (Debian packages)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if ! docker compose version >/dev/null 2>&1; then
    # Compose v2 is a Debian package only from trixie on; it is a static binary, so take it from the pool of the
    # Debian mirror this machine's APT configuration names (no host is written here).
    local mirror deb_path tmp
    mirror="$(debian_mirror)" || { echo "ci: no Debian mirror in /etc/apt; set LAKEHOUSE_DEBIAN_MIRROR" >&2; return 1; }
    echo "ci: installing docker compose v2 from Debian trixie's docker-compose package ($mirror)"
    deb_path="$(curl -fsS "$mirror/dists/trixie/main/binary-amd64/Packages.xz" | xz -dc \
      | awk '/^Package: docker-compose$/{p=1} p && /^Filename:/ && !done {print $2; done=1}')"
    tmp="$(mktemp -d)"
    curl -fsS -o "$tmp/compose.deb" "$mirror/$deb_path"
    dpkg -x "$tmp/compose.deb" "$tmp/x"
    mkdir -p "$HOME/.docker/cli-plugins"
    install -m 0755 "$tmp/x/usr/libexec/docker/cli-plugins/docker-compose" "$HOME/.docker/cli-plugins/docker-compose"
    rm -rf "$tmp"
  fi
  if docker info >/dev/null 2>&1; then
    echo "ci: a Docker engine already answers; using it"
    return 0
  fi
  echo "ci: starting dockerd (log: $DOCKERD_LOG)"
  dockerd > "$DOCKERD_LOG" 2>&1 &
  DOCKERD_PID=$!
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && { echo "ci: dockerd $DOCKERD_PID answers"; return 0; }
    kill -0 "$DOCKERD_PID" 2>/dev/null || break
    sleep 1
  done
  echo "ci: dockerd did not come up; last lines of its log:" >&2
  tail -n 20 "$DOCKERD_LOG" >&2
  return 1
}

docker_engine_stop() {
  [ -n "$DOCKERD_PID" ] || return 0
  echo "ci: stopping the dockerd this run started (pid $DOCKERD_PID)"
  kill "$DOCKERD_PID" 2>/dev/null || true
  for _ in $(seq 1 30); do
    kill -0 "$DOCKERD_PID" 2>/dev/null || return 0
    sleep 1
  done
  kill -9 "$DOCKERD_PID" 2>/dev/null || true
}
