#!/usr/bin/env bash
# npm run bench [-- name …]: runs the benchmarks (or those named) against the real test environment and writes
# build/bench/results.json. Each benchmark reports its ratio to a baseline measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-node.sh
scripts/env/up.sh postgres docker images
# shellcheck source=/dev/null
source "${CLAIR_ENV_DIR:-/var/tmp/clair-env}/test-env.sh"
exec npx tsx tests/bench/run.ts "$@"
