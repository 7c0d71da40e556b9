#!/usr/bin/env bash
# Chromium for the end-to-end tests (playwright-core with executablePath). Nothing runs in the
# background; Playwright launches it per test run.
set -euo pipefail
# shellcheck source=scripts/env/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

service_packages chromium
CHROMIUM=/usr/bin/chromium

svc_up() {
  ensure_apt "${PACKAGES[@]}"
  [[ -x $CHROMIUM ]] || die "$CHROMIUM is missing although the chromium package is installed; reinstall it with apt-get install --reinstall chromium."
  log "chromium: $CHROMIUM installed"
}

svc_down() { :; }

svc_status() {
  if [[ -x $CHROMIUM ]]; then
    status_line chromium up "$CHROMIUM ($(dpkg-query -W -f='${Version}' chromium 2>/dev/null))"
  else
    status_line chromium down "not installed"
    return 1
  fi
}

service_main "$@"
