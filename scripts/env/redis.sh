#!/usr/bin/env bash
# Redis for tests (BullMQ queues, caches): loopback only, nothing persisted, so each start is
# empty and a killed run leaves no dump behind.
set -euo pipefail
# shellcheck source=scripts/env/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

service_packages redis
REDIS_DIR=$CLAIR_ENV_DIR/redis
CONF=$REDIS_DIR/redis.conf

# Redis rewrites its process title; proc-title-template keeps the config path in it, which is
# what tells our redis apart from any other redis-server.
redis_running() { is_running redis /usr/bin/redis-server "$CONF"; }

redis_conf() {
  cat <<CONF
# Written by scripts/env/redis.sh; edits are lost.
bind 127.0.0.1
port $CLAIR_REDIS_PORT
protected-mode yes
daemonize no
save ""
appendonly no
dir $REDIS_DIR
logfile ""
proc-title-template "{title} {listen-addr} {server-mode} {config-file}"
CONF
}

svc_up() {
  ensure_apt "${PACKAGES[@]}"
  local conf
  conf=$(redis_conf)
  if redis_running || adopt redis /usr/bin/redis-server "$CONF"; then
    if config_current "$CONF" "$conf"; then
      log "redis: already running (pid $(read_pid redis))"
      return 0
    fi
    log "redis: configuration changed (CLAIR_REDIS_PORT?); restarting"
    svc_down
  fi
  forget_pid redis
  port_free "$CLAIR_REDIS_PORT" CLAIR_REDIS_PORT "our Redis"
  mkdir -p "$REDIS_DIR"
  printf '%s\n' "$conf" >"$CONF"
  log "redis: starting on 127.0.0.1:$CLAIR_REDIS_PORT"
  spawn "$CLAIR_ENV_DIR/logs/redis.log" /usr/bin/redis-server "$CONF"
  record_pid redis "$SPAWNED_PID"
  wait_for 20 redis-cli -h 127.0.0.1 -p "$CLAIR_REDIS_PORT" ping ||
    die "redis did not answer on 127.0.0.1:$CLAIR_REDIS_PORT; see $CLAIR_ENV_DIR/logs/redis.log."
  log "redis: up (pid $SPAWNED_PID)"
}

svc_down() {
  if redis_running; then
    log "redis: stopping (pid $(read_pid redis))"
    stop_pid redis "$(read_pid redis)" 20
  fi
  forget_pid redis
}

svc_status() {
  if redis_running && [[ $(redis-cli -h 127.0.0.1 -p "$CLAIR_REDIS_PORT" ping 2>/dev/null) == PONG ]]; then
    status_line redis up "pid $(read_pid redis), redis://127.0.0.1:$CLAIR_REDIS_PORT"
  else
    status_line redis down
    return 1
  fi
}

service_main "$@"
