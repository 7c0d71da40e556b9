#!/usr/bin/env bash
# Stops what scripts/env/up.sh started, and only that: each service stops the process its PID
# file names, after checking that the PID still belongs to the program we started. Safe when
# nothing runs and when PID files are stale. Keeps data that is expensive to rebuild: the docker
# data root (images, swarm state), the postgres cluster, the SSH keys.
#
# Usage: scripts/env/down.sh [service...]   (default: all of them)
set -euo pipefail
# shellcheck source=scripts/env/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
HERE=$(dirname "${BASH_SOURCE[0]}")

main() {
  require_root
  local services=("$@") s i rc=0
  ((${#services[@]})) || services=("${CLAIR_ALL_SERVICES[@]}")
  for s in "${services[@]}"; do
    [[ " ${CLAIR_ALL_SERVICES[*]} " == *" $s "* ]] || die "unknown service '$s'; choose from: ${CLAIR_ALL_SERVICES[*]}."
  done
  take_lock
  # Reverse dependency order: sshd sessions use docker; docker before the host services.
  for ((i = ${#CLAIR_ALL_SERVICES[@]} - 1; i >= 0; i--)); do
    s=${CLAIR_ALL_SERVICES[i]}
    [[ " ${services[*]} " == *" $s "* ]] || continue
    "$HERE/$s.sh" down || rc=1
  done
  return "$rc"
}

main "$@"
