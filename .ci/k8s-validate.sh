#!/usr/bin/env bash
# Offline check of the Kubernetes deployment: renders every overlay with kustomize and validates every object it
# makes against the Kubernetes OpenAPI schemas, with kubernetes-validate (from PyPI; it carries the schemas, so no
# cluster and no schema download is needed). No cluster runs here: this proves the manifests are well-formed for
# the pinned Kubernetes version, not that the stack starts on one.
#
#   .ci/k8s-validate.sh                 every overlay under k8s/overlays/
#   .ci/k8s-validate.sh DIR...          these kustomization folders (a test passes a deliberately broken one)
#   .ci/k8s-validate.sh --relock        re-lock .ci/k8s-validate/requirements.lock (hashes) with uv
#
# Exit 0 when every object of every folder is valid; 1 naming each invalid object; 3 when a tool cannot be had.
# Versions come from the root pom: kustomize.version (only where kubectl is absent), kubernetes-validate.version,
# kubernetes-schema.version, uv.version. PyPI and the Go module proxy are reached as this machine is configured.
# Run by the unit test KubernetesSchemaValidationTest (bootstrap-cli), so `./mvnw verify` (and .ci/run) runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
WORK="${K8S_VALIDATE_WORK:-$ROOT/bootstrap-cli/target/k8s-validate}"
REQUIREMENTS="$ROOT/.ci/k8s-validate/requirements.txt"
LOCK="$ROOT/.ci/k8s-validate/requirements.lock"

pom_version() {   # pom_version NAME: the root pom's <NAME.version>
    sed -n "s:.*<$1\.version>\(.*\)</$1\.version>.*:\1:p" "$ROOT/pom.xml" | head -1
}
fail_tool() { echo "k8s-validate: $*" >&2; exit 3; }

UV_VERSION="$(pom_version uv)"
VALIDATE_VERSION="$(pom_version kubernetes-validate)"
SCHEMA_VERSION="$(pom_version kubernetes-schema)"
KUSTOMIZE_VERSION="$(pom_version kustomize)"
mkdir -p "$WORK"

# uv at the pom's version, in a tool venv of its own (as the CLI gets it)
uv_bin() {
    local venv="$WORK/uv-$UV_VERSION"
    if [[ ! -x "$venv/bin/uv" ]]; then
        python3 -m venv "$venv" >/dev/null || fail_tool "python3 -m venv failed (install python3-venv)"
        "$venv/bin/python" -m pip install -q --disable-pip-version-check "uv==$UV_VERSION" \
            || fail_tool "cannot install uv $UV_VERSION from PyPI"
    fi
    echo "$venv/bin/uv"
}

rendered_requirements() {   # requirements.txt with the pom's versions
    local out="$WORK/requirements.txt"
    sed "s/\${kubernetes-validate.version}/$VALIDATE_VERSION/" "$REQUIREMENTS" > "$out"
    echo "$out"
}

if [[ "${1:-}" == "--relock" ]]; then
    uv="$(uv_bin)"
    "$uv" pip compile --quiet --generate-hashes --no-header --python "$(command -v python3)" \
        "$(rendered_requirements)" -o "$WORK/requirements.lock"
    { echo "# locked from .ci/k8s-validate/requirements.txt at kubernetes-validate==$VALIDATE_VERSION (re-lock: .ci/k8s-validate.sh --relock)"
      cat "$WORK/requirements.lock"; } > "$LOCK"
    echo "k8s-validate: wrote $LOCK"
    exit 0
fi

grep -q "^kubernetes-validate==$VALIDATE_VERSION " "$LOCK" \
    || fail_tool "$LOCK does not pin kubernetes-validate==$VALIDATE_VERSION (the root pom's); run .ci/k8s-validate.sh --relock"

# the validator, in a venv made from the hashed lock; made again only when the lock changes
VENV="$WORK/venv"
LOCK_SUM="$(sha256sum "$LOCK" | cut -d' ' -f1)"
if [[ "$(cat "$VENV/.lock-sha256" 2>/dev/null)" != "$LOCK_SUM" ]]; then
    uv="$(uv_bin)"
    rm -rf "$VENV"
    "$uv" venv --quiet --python "$(command -v python3)" "$VENV"
    "$uv" pip install --quiet --require-hashes --python "$VENV/bin/python" -r "$LOCK" \
        || fail_tool "cannot install $LOCK with uv"
    echo "$LOCK_SUM" > "$VENV/.lock-sha256"
fi

# kustomize: kubectl's own where it works, else the pinned kustomize through the Go module proxy
# (K8S_VALIDATE_KUSTOMIZE=go takes the second way even where kubectl is installed)
if [[ "${K8S_VALIDATE_KUSTOMIZE:-}" != go ]] && command -v kubectl >/dev/null 2>&1 \
        && kubectl kustomize --help >/dev/null 2>&1; then
    KUSTOMIZE=(kubectl kustomize)
    kustomize_name="kubectl kustomize ($(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: //p'))"
elif command -v go >/dev/null 2>&1; then
    GOBIN="$WORK/go-bin" go install "sigs.k8s.io/kustomize/kustomize/v5@v$KUSTOMIZE_VERSION" \
        || fail_tool "cannot build kustomize v$KUSTOMIZE_VERSION through the Go module proxy"
    KUSTOMIZE=("$WORK/go-bin/kustomize" build)
    kustomize_name="kustomize v$KUSTOMIZE_VERSION"
else
    fail_tool "no kustomize: install kubectl, or Go (then kustomize v$KUSTOMIZE_VERSION is built from the Go module proxy)"
fi

# The tree is rendered from a copy: the secret generator's env file is a placeholder there, never the user's.
TREE="$(mktemp -d)"
trap 'rm -rf "$TREE"' EXIT
tar -C "$ROOT" --exclude='k8s/base/secrets.env' -cf - k8s compose | tar -C "$TREE" -xf -
printf '# placeholder for the schema check: no credential\n' > "$TREE/k8s/base/secrets.env"
# the ScyllaDB stand-in component, applied as a user would: over the single-node overlay
mkdir -p "$TREE/k8s/overlays/single-node-with-stand-in"
printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../single-node]\ncomponents: [../../components/serving-store-stand-in]\n' \
    > "$TREE/k8s/overlays/single-node-with-stand-in/kustomization.yaml"

if (( $# > 0 )); then folders=("$@"); else folders=("$TREE"/k8s/overlays/*/); fi
echo "k8s-validate: $kustomize_name, kubernetes-validate $VALIDATE_VERSION, Kubernetes $SCHEMA_VERSION schemas"
status=0
for folder in "${folders[@]}"; do
    folder="${folder%/}"
    name="$(basename "$folder")"
    out="$WORK/$name.yaml"
    if ! "${KUSTOMIZE[@]}" "$folder" > "$out" 2> "$WORK/$name.kustomize.log"; then
        echo "k8s-validate: $name: kustomize failed: $(tail -3 "$WORK/$name.kustomize.log")"
        status=1
        continue
    fi
    objects=$(grep -c '^kind: ' "$out" || true)
    if "$VENV/bin/kubernetes-validate" --strict --quiet -k "$SCHEMA_VERSION" "$out" > "$WORK/$name.validate.log" 2>&1; then
        echo "k8s-validate: $name: $objects objects valid"
    else
        echo "k8s-validate: $name: INVALID ($objects objects, rendered in $out):"
        sed 's/^/  /' "$WORK/$name.validate.log" | head -40
        status=1
    fi
done
exit "$status"
