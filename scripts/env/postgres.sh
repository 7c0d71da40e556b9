#!/usr/bin/env bash
# PostgreSQL 15 for tests: Debian's binaries with our own data directory, port and socket
# directory, so the system cluster 15/main is never touched. The test runner creates one
# database per run through CLAIR_PG_URL.
set -euo pipefail
# shellcheck source=scripts/env/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

service_packages postgres
PGBIN=/usr/lib/postgresql/15/bin
PG_DIR=$CLAIR_ENV_DIR/postgres
DATA=$PG_DIR/data
RUNDIR=$PG_DIR/run
PWFILE=$PG_DIR/password

pg_running() { is_running postgres "$PGBIN/postgres" "$DATA"; }

# Every backend chdirs into the data directory, so cwd identifies the processes of our cluster
# without trusting any PID file.
our_pg_pids() {
  local p
  for p in /proc/[0-9]*; do
    [[ $p/cwd -ef $DATA && $p/exe -ef $PGBIN/postgres ]] || continue
    printf '%s\n' "${p#/proc/}"
  done
}

as_pg() { runuser -u postgres -- "$@"; }

# A postmaster killed with SIGKILL leaves its children running for a moment (they exit when they
# notice), and they keep the shared memory attached, which blocks a new postmaster.
reap_orphans() {
  local i pids
  for ((i = 0; i < 100; i++)); do
    pids=$(our_pg_pids)
    [[ -z $pids ]] && return 0
    sleep 0.1
  done
  warn "postgres processes $(echo "$pids" | tr '\n' ' ')of our old cluster did not exit; killing them."
  # shellcheck disable=SC2086 # one PID per word
  kill -KILL $pids 2>/dev/null || true
  sleep 0.5
}

# Durability settings are off: this cluster holds throwaway test databases, and creating one per
# run must be quick. A running cluster whose file differs (another CLAIR_PG_PORT) is restarted.
pg_conf() {
  cat <<EOF
# Written by scripts/env/postgres.sh; edits are lost.
listen_addresses = '127.0.0.1'
port = $CLAIR_PG_PORT
unix_socket_directories = '$RUNDIR'
cluster_name = 'clair-env'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
log_timezone = 'UTC'
timezone = 'UTC'
EOF
}

write_conf() {
  printf '%s\n' "$1" >"$DATA/clair-env.conf"
  chown postgres:postgres "$DATA/clair-env.conf"
  grep -qxF "include = 'clair-env.conf'" "$DATA/postgresql.conf" ||
    echo "include = 'clair-env.conf'" >>"$DATA/postgresql.conf"
}

new_password() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

svc_up() {
  ensure_apt "${PACKAGES[@]}"
  [[ -x $PGBIN/postgres ]] || die "$PGBIN/postgres is missing although postgresql-15 is installed; reinstall it with apt-get install --reinstall postgresql-15."
  # A postmaster of ours that lost its PID file still names itself in postmaster.pid.
  if ! pg_running && [[ -s $DATA/postmaster.pid ]] &&
    pid_is "$(head -n1 "$DATA/postmaster.pid")" "$PGBIN/postgres" "$DATA"; then
    record_pid postgres "$(head -n1 "$DATA/postmaster.pid")"
  fi
  local conf
  conf=$(pg_conf)
  if pg_running; then
    if config_current "$DATA/clair-env.conf" "$conf"; then
      log "postgres: already running (pid $(read_pid postgres))"
      return 0
    fi
    log "postgres: configuration changed (CLAIR_PG_PORT?); restarting"
    svc_down
  fi
  forget_pid postgres
  reap_orphans
  port_free "$CLAIR_PG_PORT" CLAIR_PG_PORT "our PostgreSQL"

  mkdir -p "$PG_DIR" "$RUNDIR"
  chown postgres:postgres "$RUNDIR"
  local fresh_password=0
  if [[ ! -s $DATA/PG_VERSION ]]; then
    log "postgres: initdb $DATA"
    rm -rf "$DATA"
    mkdir -p "$DATA"
    chown postgres:postgres "$DATA"
    chmod 700 "$DATA"
    new_password >"$PWFILE"
    chmod 600 "$PWFILE"
    # initdb reads the password as the postgres user; hand it over in a file only it can read.
    local tmp="$RUNDIR/initdb-password"
    install -m 600 -o postgres -g postgres "$PWFILE" "$tmp"
    as_pg "$PGBIN/initdb" -D "$DATA" -U postgres --pwfile="$tmp" --auth-local=peer \
      --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-instructions \
      >>"$CLAIR_ENV_DIR/logs/postgres-initdb.log" 2>&1 ||
      die "initdb failed for $DATA; see $CLAIR_ENV_DIR/logs/postgres-initdb.log."
    rm -f "$tmp"
  elif [[ ! -s $PWFILE ]]; then
    # The data survived but the password file did not: set a new one once the server is up.
    new_password >"$PWFILE"
    chmod 600 "$PWFILE"
    fresh_password=1
  fi
  write_conf "$conf"
  # pg_ctl -l opens the log as the postgres user, which cannot create files in our logs/.
  touch "$CLAIR_ENV_DIR/logs/postgres.log"
  chown postgres:postgres "$CLAIR_ENV_DIR/logs/postgres.log"

  # postmaster.pid left by a SIGKILLed postmaster is handled by postgres itself, unless its PID
  # still exists as some other process (or as the unreaped zombie of the old postmaster): postgres
  # only asks kill(pid, 0) and would refuse to start, so drop the file.
  local lock=$DATA/postmaster.pid old
  if [[ -s $lock ]]; then
    old=$(head -n1 "$lock")
    if [[ -d /proc/$old ]] && ! pid_is "$old" "$PGBIN/postgres"; then
      rm -f "$lock"
    fi
  fi
  # The socket's lock file has the same check and the same problem. The directory is ours alone
  # and no process of our cluster is alive (reap_orphans), so whatever is in it is stale.
  rm -f "$RUNDIR"/.s.PGSQL.*

  log "postgres: starting on 127.0.0.1:$CLAIR_PG_PORT"
  # setsid: the postmaster must outlive the session that ran up.sh. -w waits until it accepts.
  if ! detached runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DATA" -l "$CLAIR_ENV_DIR/logs/postgres.log" \
    -w -t 120 start >>"$CLAIR_ENV_DIR/logs/postgres-ctl.log" 2>&1; then
    die "postgres did not start; the end of $CLAIR_ENV_DIR/logs/postgres.log says why: $(tail -n 3 "$CLAIR_ENV_DIR/logs/postgres.log" | tr '\n' ' ')"
  fi
  record_pid postgres "$(head -n1 "$lock")"
  wait_for 30 "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$CLAIR_PG_PORT" ||
    die "postgres started but does not accept connections on 127.0.0.1:$CLAIR_PG_PORT; see $CLAIR_ENV_DIR/logs/postgres.log."
  if ((fresh_password)); then
    as_pg "$PGBIN/psql" -h "$RUNDIR" -p "$CLAIR_PG_PORT" -qAt -d postgres \
      -c "ALTER USER postgres PASSWORD '$(cat "$PWFILE")'" >/dev/null
  fi
  log "postgres: up (pid $(read_pid postgres))"
}

svc_down() {
  if pg_running; then
    log "postgres: stopping (pid $(read_pid postgres))"
    # SIGINT is postgres's fast shutdown: aborts sessions, checkpoints, exits in about a second.
    stop_pid postgres "$(read_pid postgres)" 60 INT
  fi
  forget_pid postgres
  reap_orphans
}

svc_status() {
  if pg_running && "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$CLAIR_PG_PORT"; then
    status_line postgres up "pid $(read_pid postgres), postgres://postgres:***@127.0.0.1:$CLAIR_PG_PORT/postgres"
  else
    status_line postgres down
    return 1
  fi
}

service_main "$@"
