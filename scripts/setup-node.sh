#!/usr/bin/env bash
# Installs the npm dependencies exactly as package-lock.json pins them, only when they are
# missing or the lock file changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v node >/dev/null || { echo "error: Node.js 20 is not installed; install it (Debian: apt-get install nodejs) and retry." >&2; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
[[ $major == 20 ]] || { echo "error: Node.js 20 is required, this is $(node --version)." >&2; exit 1; }

stamp=node_modules/.clair-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
  exit 0
fi
echo "Installing npm dependencies (npm ci)…"
# Electron's postinstall would download its binary from GitHub, which this machine cannot reach;
# the package still brings its types, and start.sh falls back to browser mode without the binary.
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error \
  || { echo "error: npm ci failed; check that the npm registry is reachable (npm ping)." >&2; exit 1; }
echo "$want" > "$stamp"
