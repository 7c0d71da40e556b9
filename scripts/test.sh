#!/usr/bin/env bash
# Runs every test: typecheck, lint, and the unit, integration and end-to-end tests, against the
# real services that scripts/env/up.sh starts. Arguments go to vitest (a file, --project unit…).
# The last line is the total of all runners: "N passed, M failed" (typecheck and lint count as
# one test each).
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/setup-node.sh || exit 1
scripts/env/up.sh || exit 1
# shellcheck source=/dev/null
source "${CLAIR_ENV_DIR:-/var/tmp/clair-env}/test-env.sh"

passed=0
failed=0
check() {
  local name=$1; shift
  echo "── $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "$name FAILED"; fi
}

if [[ $# -eq 0 ]]; then
  check typecheck npx tsc -b
  check lint npx eslint --max-warnings=0 .
fi
npm run --silent build || exit 1

echo "── vitest"
mkdir -p build
rm -f build/vitest-results.json
npx vitest run --reporter=default --reporter=json --outputFile.json=build/vitest-results.json "$@"
vitest_status=$?

if [[ -f build/vitest-results.json ]]; then
  read -r vp vf < <(node -e '
    const r = require("./build/vitest-results.json");
    console.log(r.numPassedTests, r.numFailedTests + (r.numTotalTestSuites > 0 && r.success === false && r.numFailedTests === 0 ? 1 : 0));
  ')
  passed=$((passed + vp))
  failed=$((failed + vf))
elif [[ $vitest_status -ne 0 ]]; then
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 && $vitest_status -eq 0 ]]
