#!/bin/sh
# Makes a Python application's virtual environment inside an image build, from the host's wheels only:
#   python-venv.sh VENV DIST [--no-bytecode]
# DIST is the service folder copied into the build (DIST/wheels: the wheels and wheels/requirements.lock, made on
# the host by 'lakehouse images'; DIST/uv: the uv wheel at the version the root pom pins). Exactly the lock is
# installed, every package pinned and hashed, with no index. uv installs it (seconds), pip where the host had no uv
# wheel (a minute or more): the same lock, the same result. Without --no-bytecode the modules are compiled, as pip
# does, so the application does not compile them at each start (the venv is read-only to its user).
set -eu
venv="$1"
dist="$2"
bytecode=yes
[ "${3:-}" = "--no-bytecode" ] && bytecode=no
lock="$dist/wheels/requirements.lock"

python3 -m venv "$venv"
uv_wheel="$(ls "$dist"/uv/uv-*.whl 2>/dev/null | head -n 1 || true)"
if [ -n "$uv_wheel" ]; then
  tools="$(mktemp -d)"
  python3 -m venv "$tools"
  "$tools/bin/pip" install --disable-pip-version-check --no-input --no-cache-dir --no-index --quiet "$uv_wheel"
  compile=""
  [ "$bytecode" = yes ] && compile="--compile-bytecode"
  "$tools/bin/uv" pip install --python "$venv/bin/python" --offline --no-index --no-cache --no-progress \
      --find-links "$dist/wheels" --require-hashes $compile -r "$lock"
  rm -rf "$tools"
else
  echo "python-venv.sh: no uv wheel in $dist/uv; installing with pip"
  "$venv/bin/pip" install --disable-pip-version-check --no-input --no-cache-dir --progress-bar off --no-index \
      --find-links "$dist/wheels" --require-hashes $( [ "$bytecode" = no ] && echo --no-compile ) -r "$lock"
fi
"$venv/bin/pip" check
