#!/usr/bin/env bash
# Mosquitto for tests: the MQTT broker the forwarder tests talk to, loopback only, anonymous.
set -euo pipefail
# shellcheck source=scripts/env/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

service_packages mosquitto
MQ_DIR=$CLAIR_ENV_DIR/mosquitto
CONF=$MQ_DIR/mosquitto.conf

mq_running() { is_running mosquitto /usr/sbin/mosquitto "$CONF"; }

mq_ready() {
  mosquitto_pub -h 127.0.0.1 -p "$CLAIR_MQTT_PORT" -t clair-env/ping -m ping -q 0 >/dev/null 2>&1
}

# No pid_file: mosquitto drops to the mosquitto user before writing it and then fails on our
# root-owned directory. It stays in the foreground instead and we record the PID we spawned.
mq_conf() {
  cat <<CONF
# Written by scripts/env/mosquitto.sh; edits are lost.
listener $CLAIR_MQTT_PORT 127.0.0.1
allow_anonymous true
persistence false
log_dest stderr
log_type error
log_type warning
log_type notice
log_type information
CONF
}

svc_up() {
  ensure_apt "${PACKAGES[@]}"
  local conf
  conf=$(mq_conf)
  if mq_running || adopt mosquitto /usr/sbin/mosquitto "$CONF"; then
    if config_current "$CONF" "$conf"; then
      log "mosquitto: already running (pid $(read_pid mosquitto))"
      return 0
    fi
    log "mosquitto: configuration changed (CLAIR_MQTT_PORT?); restarting"
    svc_down
  fi
  forget_pid mosquitto
  port_free "$CLAIR_MQTT_PORT" CLAIR_MQTT_PORT "our Mosquitto"
  mkdir -p "$MQ_DIR"
  printf '%s\n' "$conf" >"$CONF"
  log "mosquitto: starting on 127.0.0.1:$CLAIR_MQTT_PORT"
  spawn "$CLAIR_ENV_DIR/logs/mosquitto.log" /usr/sbin/mosquitto -c "$CONF"
  record_pid mosquitto "$SPAWNED_PID"
  wait_for 20 mq_ready ||
    die "mosquitto did not accept connections on 127.0.0.1:$CLAIR_MQTT_PORT; see $CLAIR_ENV_DIR/logs/mosquitto.log."
  log "mosquitto: up (pid $SPAWNED_PID)"
}

svc_down() {
  if mq_running; then
    log "mosquitto: stopping (pid $(read_pid mosquitto))"
    stop_pid mosquitto "$(read_pid mosquitto)" 20
  fi
  forget_pid mosquitto
}

svc_status() {
  if mq_running && mq_ready; then
    status_line mosquitto up "pid $(read_pid mosquitto), mqtt://127.0.0.1:$CLAIR_MQTT_PORT"
  else
    status_line mosquitto down
    return 1
  fi
}

service_main "$@"
