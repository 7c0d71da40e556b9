#!/usr/bin/env bash
# The offline images (scripts/images/build.sh) as a piece of the test environment. Images stay in
# the daemon's persistent data root; "down" leaves them there.
set -euo pipefail
# shellcheck source=scripts/env/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

service_packages images
BUILD=$CLAIR_REPO_ROOT/scripts/images/build.sh

svc_up() {
  ensure_apt "${PACKAGES[@]}"
  "$BUILD" >"$CLAIR_ENV_DIR/images.env"
}

svc_down() { :; }

svc_status() {
  if docker_ready && "$BUILD" --check; then
    status_line images up "$("$BUILD" --list | cut -d= -f2 | tr '\n' ' ')"
  else
    status_line images down "missing from $(docker_host); run scripts/env/up.sh images"
    return 1
  fi
}

service_main "$@"
