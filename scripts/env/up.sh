#!/usr/bin/env bash
# Brings up the test environment: PostgreSQL, Redis, Mosquitto, our Docker Engine in swarm mode,
# sshd, Chromium and the offline images. Starts only what is not running, so a second run takes
# about a second; recovers from the stale PID files, sockets and mounts that a killed session
# leaves. Ends by writing CLAIR_ENV_DIR/test-env.sh and test-env.json for the test runner.
#
# Usage: scripts/env/up.sh [service...]   (default: all of them, in dependency order)
set -euo pipefail
# shellcheck source=scripts/env/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
HERE=$(dirname "${BASH_SOURCE[0]}")

valid_service() {
  local s
  for s in "${CLAIR_ALL_SERVICES[@]}"; do [[ $s == "$1" ]] && return 0; done
  return 1
}

json_escape() {
  local v=$1
  v=${v//\\/\\\\}
  v=${v//\"/\\\"}
  printf '%s' "$v"
}

# Flat KEY=VALUE pairs in both forms; the JSON file is for Node, which should not parse shell.
# Both contain the database password and are readable by root only.
write_test_env() {
  local pairs=() pw
  if [[ -s $CLAIR_ENV_DIR/postgres/password ]]; then
    pw=$(cat "$CLAIR_ENV_DIR/postgres/password")
    pairs+=("CLAIR_PG_URL=postgres://postgres:$pw@127.0.0.1:$CLAIR_PG_PORT/postgres")
  fi
  pairs+=(
    "CLAIR_REDIS_URL=redis://127.0.0.1:$CLAIR_REDIS_PORT"
    "CLAIR_MQTT_URL=mqtt://127.0.0.1:$CLAIR_MQTT_PORT"
    "DOCKER_HOST=$(docker_host)"
    "CLAIR_SSH_HOST=127.0.0.1"
    "CLAIR_SSH_PORT=$CLAIR_SSH_PORT"
    "CLAIR_SSH_USER=root"
    "CLAIR_SSH_KEY=$CLAIR_ENV_DIR/ssh/id_ed25519"
    "CLAIR_SSH_KNOWN_HOSTS=$CLAIR_ENV_DIR/ssh/known_hosts"
    "CLAIR_CHROMIUM=/usr/bin/chromium"
  )
  # images.sh has just written the references if it ran; otherwise compute them (no daemon needed).
  local line refs=$CLAIR_ENV_DIR/images.env
  if [[ ${1:-} != images-built || ! -s $refs ]]; then
    "$CLAIR_REPO_ROOT/scripts/images/build.sh" --list >"$refs"
  fi
  while IFS= read -r line; do
    [[ -n $line ]] && pairs+=("$line")
  done <"$refs"

  local sh=$CLAIR_ENV_DIR/test-env.sh json=$CLAIR_ENV_DIR/test-env.json p k v sep=''
  (
    umask 077
    {
      echo "# Written by scripts/env/up.sh; source it before running tests."
      for p in "${pairs[@]}"; do
        printf 'export %s=%q\n' "${p%%=*}" "${p#*=}"
      done
    } >"$sh.tmp"
    {
      printf '{'
      for p in "${pairs[@]}"; do
        k=${p%%=*}
        v=${p#*=}
        printf '%s\n  "%s": "%s"' "$sep" "$(json_escape "$k")" "$(json_escape "$v")"
        sep=,
      done
      printf '\n}\n'
    } >"$json.tmp"
  )
  mv "$sh.tmp" "$sh"
  mv "$json.tmp" "$json"
}

main() {
  require_root
  local services=("$@") s
  ((${#services[@]})) || services=("${CLAIR_ALL_SERVICES[@]}")
  for s in "${services[@]}"; do
    valid_service "$s" || die "unknown service '$s'; choose from: ${CLAIR_ALL_SERVICES[*]}."
  done
  take_lock
  local t0=$EPOCHREALTIME

  # One apt transaction for everything missing is much faster than one per service.
  local pkgs=(iproute2 util-linux) more
  for s in "${services[@]}"; do
    read -ra more <<<"${CLAIR_SERVICE_PACKAGES[$s]}"
    pkgs+=("${more[@]}")
  done
  ensure_apt "${pkgs[@]}"

  # Dependency order, whatever order the caller named them in: images need docker, and sshd
  # writes the daemon's address into authorized_keys.
  local ts
  for s in "${CLAIR_ALL_SERVICES[@]}"; do
    [[ " ${services[*]} " == *" $s "* ]] || continue
    ts=$EPOCHREALTIME
    "$HERE/$s.sh" up
    log "$s: ready in $(elapsed_s "$ts") s"
  done

  if [[ " ${services[*]} " == *" images "* ]]; then
    write_test_env images-built
  else
    write_test_env
  fi
  log "environment up in $(elapsed_s "$t0") s; source $CLAIR_ENV_DIR/test-env.sh (or read test-env.json)"
}

main "$@"
