#!/usr/bin/env bash
# One line per service: name, up/down, detail. Exits non-zero when any named service is down, so
# `scripts/env/status.sh >/dev/null || scripts/env/up.sh` works.
#
# Usage: scripts/env/status.sh [service...]   (default: all of them)
set -euo pipefail
# shellcheck source=scripts/env/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
HERE=$(dirname "${BASH_SOURCE[0]}")

main() {
  local services=("$@") s rc=0
  ((${#services[@]})) || services=("${CLAIR_ALL_SERVICES[@]}")
  for s in "${services[@]}"; do
    [[ " ${CLAIR_ALL_SERVICES[*]} " == *" $s "* ]] || die "unknown service '$s'; choose from: ${CLAIR_ALL_SERVICES[*]}."
    "$HERE/$s.sh" status || rc=1
  done
  return "$rc"
}

main "$@"
