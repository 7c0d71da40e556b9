#!/usr/bin/env bash
# Starts the Clair control centre: the Electron window where the Electron binary and a display
# exist, or else the same renderer and contract served on 127.0.0.1 by electron/host (browser
# mode), which prints its address and opens it where a browser exists.
#
# The first run is a working demo: it finds a Docker Engine (DOCKER_HOST, else
# /var/run/docker.sock) and uses it as it is; where none answers, it uses, and as root starts,
# the local engine of the test environment (scripts/env/up.sh docker images: swarm on 127.0.0.1,
# offline images) and points the `default` docker context at it. It creates the missing secret
# files of environments/dev.env with random values, so that the dev environment deploys at once.
#
# Usage: scripts/start.sh [--plan]   (--plan prints each decision and changes nothing)
# CLAIR_PORT: the host's port in browser mode (default: a free one).
set -euo pipefail
cd "$(dirname "$0")/.."

plan=false
[[ ${1:-} == --plan ]] && plan=true
local_engine=unix://${CLAIR_ENV_DIR:-/var/tmp/clair-env}/docker/docker.sock

say() { echo "start: $*"; }

engine_answers() {
  command -v docker >/dev/null && DOCKER_HOST=$1 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# The dev environment's reverse proxy bind-mounts DOCKER_SOCKET (/var/run/docker.sock) to read the
# swarm's services; where no engine owns that path, it becomes a link to the local engine's socket.
link_default_socket() {
  local socket=${local_engine#unix://} default=${CLAIR_DEFAULT_SOCKET:-/var/run/docker.sock}
  [[ -e $default || -L $default ]] && return
  if [[ $(id -u) -eq 0 ]]; then
    say "Docker socket: linking $default to $socket for the dev stack's reverse proxy."
    $plan || ln -s "$socket" "$default"
  else
    say "Docker socket: set DOCKER_SOCKET=$socket in environments/dev.env (the reverse proxy mounts it)."
  fi
}

# The images environments/dev.env names: the offline base images (scripts/images/build.sh, which
# reuses what exists) and the service images from this build's bundles.
build_dev_images() {
  engine_answers "${DOCKER_HOST:-unix:///var/run/docker.sock}" || return 0
  if [[ $(id -u) -eq 0 ]]; then
    say "Images: building what the dev environment needs in ${DOCKER_HOST:-unix:///var/run/docker.sock} (reused when present)."
    if ! $plan; then
      CLAIR_DOCKER_HOST=${DOCKER_HOST:-unix:///var/run/docker.sock} scripts/images/build.sh >/dev/null
      npx tsx scripts/images/build-dev-images.ts
    fi
  else
    say "Images: run 'sudo scripts/images/build.sh' once for the offline base images; building the service images."
    $plan || npx tsx scripts/images/build-dev-images.ts
  fi
}

# Sets DOCKER_HOST for the control centre when the engine to use is not the caller's own.
choose_engine() {
  local own=${DOCKER_HOST:-unix:///var/run/docker.sock}
  if engine_answers "$own"; then
    say "Docker Engine: using $own as it is."
  elif engine_answers "$local_engine"; then
    say "Docker Engine: none at $own; using the test environment's local engine at $local_engine."
    export DOCKER_HOST=$local_engine
    link_default_socket
  elif [[ $(id -u) -eq 0 ]]; then
    say "Docker Engine: none at $own; starting the test environment's local engine (swarm on 127.0.0.1, offline images) at $local_engine."
    $plan || scripts/env/up.sh docker images
    export DOCKER_HOST=$local_engine
    link_default_socket
  else
    say "Docker Engine: none at $own. For the demo engine run 'sudo scripts/env/up.sh docker images' and start again; the control centre opens without one."
  fi
}

# CLAIR_ELECTRON names another Electron binary (a system one); by default the electron package's.
electron_binary() {
  if [[ -n ${CLAIR_ELECTRON:-} ]]; then
    echo "$CLAIR_ELECTRON"
  else
    node -p 'try { require("electron") } catch { "" }' 2>/dev/null || true
  fi
}

# Linux needs a graphical session for a window; macOS and Windows always have one.
has_display() {
  [[ $(uname -s) != Linux || -n ${DISPLAY:-}${WAYLAND_DISPLAY:-} ]]
}

$plan || scripts/setup-node.sh
choose_engine
if $plan; then
  npx tsx scripts/start/prepare-dev-secrets.ts --plan
else
  npm run --silent build
  npx tsx scripts/start/prepare-dev-secrets.ts
fi
build_dev_images

binary=$(electron_binary)
if [[ -n $binary && -x $binary ]] && has_display; then
  say "Shell: the Electron window ($binary)."
  $plan || exec "$binary" build/electron/main.cjs
else
  say "Shell: browser mode (no Electron binary or no display here); the host prints its address and opens it where a browser exists."
  $plan || exec node build/electron/host.mjs --port "${CLAIR_PORT:-0}" --open
fi
