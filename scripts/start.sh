#!/usr/bin/env bash
# Starts the Clair control centre: the Electron window where the Electron binary exists, or else
# the same renderer and contract served on 127.0.0.1 by electron/host (browser mode).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-node.sh
npm run --silent build

electron_binary=$(node -p 'try { require("electron") } catch { "" }' 2>/dev/null || true)
if [[ -n $electron_binary && -x $electron_binary && -n ${DISPLAY:-}${WAYLAND_DISPLAY:-} ]]; then
  exec "$electron_binary" build/electron/main.cjs
fi
echo "No Electron binary or display here: serving the control centre in browser mode."
exec node build/electron/host.mjs --port "${CLAIR_PORT:-0}"
