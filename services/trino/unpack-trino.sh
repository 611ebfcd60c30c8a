#!/usr/bin/env bash
# Unpacks the trino-server tarball into the service folder, keeping lib/, bin/ and the named plugins.
# Usage: unpack-trino.sh TARBALL DIST STAGING PLUGIN...
# The tarball deduplicates jars with hard links across plugin folders (plugin/iceberg links into
# plugin/delta-lake, bigquery, hudi, ...), so it cannot be extracted selectively: it is extracted whole into
# STAGING (~5 s, 900 MB), the kept folders are moved (links stay valid: same file system), the rest dropped.
# A stamp in DIST names the tarball; when it is newer than the tarball, nothing is done.
set -euo pipefail
tarball="$1"; dist="$2"; staging="$3"; shift 3
if [ ! -f "$tarball" ]; then
  echo "no such tarball: $tarball" >&2; exit 1
fi
stamp="$dist/.unpacked-$(basename "$tarball")"
if [ -f "$stamp" ] && [ "$stamp" -nt "$tarball" ]; then
  echo "$dist is up to date with $(basename "$tarball")"
  exit 0
fi
echo "unpacking $(basename "$tarball") into $dist (plugins: $*)"
rm -rf "$dist" "$staging"
mkdir -p "$staging" "$dist/plugin"
tar -xzf "$tarball" -C "$staging" --strip-components=1
mv "$staging/lib" "$staging/bin" "$dist/"
for plugin in "$@"; do
  if [ ! -d "$staging/plugin/$plugin" ]; then
    echo "the distribution has no plugin $plugin" >&2; exit 1
  fi
  mv "$staging/plugin/$plugin" "$dist/plugin/"
done
rm -rf "$staging"
touch "$stamp"
