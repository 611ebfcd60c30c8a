# The secrets audit of what a CI run leaves to be read (sourced by .ci/run): no generated secret of any stack the
# tests made (the passwords, tokens and keys in each state directory's secrets.properties; not the Kafka cluster id,
# which is no secret) may appear in the build's output, in a test report, or in the project's images (a layer's
# command or an image's config). Prints each leak by name (never the
# value) and where; returns 1 when there is one.
secrets_audit() {   # secrets_audit LOG
  local log=$1 leaked=0 file name value where
  local reports=()
  while IFS= read -r dir; do reports+=("$dir"); done < <(find . -path ./.git -prune -o -type d \
    \( -name failsafe-reports -o -name surefire-reports \) -print)
  # the project's images: every layer's command (docker history) and each image's config (environment, labels)
  local images_file images=0
  images_file=$(mktemp)
  if docker info >/dev/null 2>&1; then
    while IFS= read -r image; do
      images=$(( images + 1 ))
      { docker history --no-trunc --format '{{.CreatedBy}}' "$image"; docker image inspect "$image"; } \
        >> "$images_file" 2>/dev/null || true
    done < <(docker image ls --format '{{.Repository}}:{{.Tag}}' 'lakehouse/*' 2>/dev/null)
  fi
  local checked=0
  while IFS= read -r file; do
    while IFS='=' read -r name value; do
      case "$name" in \#*|'') continue ;; esac
      [[ "$name" =~ (PASSWORD|TOKEN|SECRET) ]] || continue
      [ ${#value} -ge 12 ] || continue
      checked=$(( checked + 1 ))
      where=$(grep -rlF -- "$value" "$log" "${reports[@]}" 2>/dev/null | head -3 | tr '\n' ' ' || true)
      grep -qF -- "$value" "$images_file" 2>/dev/null && where="$where the project's images (history or config)"
      if [ -n "$where" ]; then
        echo "ci: secrets audit: $name of $file appears in: $where"
        leaked=1
      fi
    done < "$file"
  done < <(find . -path ./.git -prune -o -name secrets.properties -type f -print)
  rm -f "$images_file"
  echo "ci: secrets audit: $checked generated secret(s) looked for in the build output, ${#reports[@]} report folder(s) and $images image(s)' layers and config: $([ $leaked = 0 ] && echo 'none found' || echo 'LEAKED')"
  return $leaked
}
