#!/usr/bin/env bash
# Our own Docker Engine in swarm mode: Debian's dockerd with its own socket, data root and exec
# root under CLAIR_ENV_DIR, so it never touches /var/run/docker.sock or a daemon someone else
# runs. The data root persists between runs to keep imported images cached (the Debian base
# image costs minutes to rebuild); everything else is runtime state that may be stale.
#
# With CLAIR_DOCKER_HOST set, that daemon is used instead and is never started or stopped here.
set -euo pipefail
# shellcheck source=scripts/env/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

service_packages docker
DOCKERD=/usr/sbin/dockerd
ROOT=$CLAIR_DOCKER_DIR/root
EXEC=$CLAIR_DOCKER_DIR/exec
CONFIG=$CLAIR_DOCKER_DIR/daemon.json
LOGFILE=$CLAIR_ENV_DIR/logs/dockerd.log

dockerd_running() { is_running docker "$DOCKERD" "unix://$CLAIR_DOCKER_SOCK"; }

# Mount points under DIR, deepest first. A dockerd that died without cleaning up leaves nsfs bind
# mounts under exec-root/netns (at least netns/default), and overlay mounts of its containers
# plus the private bind mount of the data root itself.
mounts_under() {
  awk -v dir="$1/" 'index($5 "/", dir) == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

unmount_under() {
  local m
  while read -r m; do
    [[ -n $m ]] || continue
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || warn "could not unmount $m"
  done < <(mounts_under "$1")
}

# containerd shims outlive a killed dockerd and keep its containers running.
our_shims() { find_pids /usr/bin/containerd-shim-runc-v2 "$EXEC/containerd/containerd.sock"; }

# Runtime state of a dead daemon: sockets, PID file and namespace mounts. A netns file that is no
# longer a mount but still exists makes dockerd fail on it ("failed to set into network
# namespace"), so the files go too. containerd's own state stays: live shims are found through it
# and their containers are then stopped by dockerd's restore.
clean_runtime_state() {
  forget_pid docker
  rm -f "$CLAIR_DOCKER_SOCK"
  # dockerd reuses the containerd named in this file if that PID exists, and then times out
  # waiting on it when it is in fact the unreaped zombie of the containerd that died with it.
  local cpid cfile=$EXEC/containerd/containerd.pid
  if [[ -s $cfile ]]; then
    read -r cpid <"$cfile" || true
    pid_is "${cpid:-}" /usr/bin/containerd "$EXEC" || rm -f "$cfile"
  fi
  unmount_under "$EXEC"
  rm -f "$EXEC"/netns/* 2>/dev/null || true
}

# The address a foreign dockerd listens on, from its command line (first -H/--host).
foreign_host() {
  local argv=() i
  mapfile -d '' argv <"/proc/$1/cmdline" 2>/dev/null || true
  for ((i = 0; i < ${#argv[@]}; i++)); do
    case ${argv[i]} in
      -H | --host) printf '%s' "${argv[i + 1]:-}"; return ;;
      -H=* | --host=*) printf '%s' "${argv[i]#*=}"; return ;;
    esac
  done
  printf 'unix:///var/run/docker.sock'
}

# Two daemons in one network namespace both claim docker0, docker_gwbridge and the iptables
# DOCKER chains and break each other's container networking. A daemon in another namespace
# (the way the feasibility runs isolated theirs) does not clash.
check_foreign_dockerd() {
  local p pid ours
  ours=$(read_pid docker 2>/dev/null || true)
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    [[ $pid == "$ours" ]] && continue
    [[ $p/exe -ef $DOCKERD ]] || continue
    [[ $(proc_cmdline "$pid") == *"unix://$CLAIR_DOCKER_SOCK"* ]] && continue
    # readlink, not -ef: stat on another process's namespace link can be denied even to root.
    if [[ $(readlink "$p/ns/net" 2>/dev/null) == "$(readlink /proc/self/ns/net)" ]]; then
      die "another dockerd (pid $pid: $(proc_cmdline "$pid" | cut -c1-120)) runs in this network namespace and would clash with ours over docker0 and iptables; stop it, or use it instead with CLAIR_DOCKER_HOST=$(foreign_host "$pid")."
    fi
  done
}

swarm_state() { dk info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || echo unknown; }

ensure_swarm() {
  local state i
  state=$(swarm_state)
  # A persistent data root brings the old swarm back on restart; it reports "pending" until raft
  # has elected itself again, which takes a few seconds.
  for ((i = 0; i < 200; i++)); do
    [[ $state == pending ]] || break
    sleep 0.1
    state=$(swarm_state)
  done
  [[ $state == active ]] && return 0
  if [[ $state != inactive ]]; then
    [[ -n ${CLAIR_DOCKER_HOST:-} ]] &&
      die "the swarm of the daemon at CLAIR_DOCKER_HOST=$CLAIR_DOCKER_HOST is '$state', and we do not reset someone else's swarm; fix it (docker swarm leave --force; docker swarm init) or unset CLAIR_DOCKER_HOST."
    warn "docker: swarm came back as '$state'; leaving it and initialising a new one."
    dk swarm leave --force >>"$LOGFILE" 2>&1 || true
  fi
  port_free "$CLAIR_SWARM_PORT" CLAIR_SWARM_PORT "the swarm manager of our dockerd"
  log "docker: swarm init --advertise-addr 127.0.0.1"
  # Listening on loopback only: the single-node swarm must not be reachable from the network.
  dk swarm init --advertise-addr 127.0.0.1 --listen-addr "127.0.0.1:$CLAIR_SWARM_PORT" >>"$LOGFILE" 2>&1 ||
    die "docker swarm init failed; see $LOGFILE."
  [[ $(swarm_state) == active ]] || die "docker swarm init returned but the swarm is '$(swarm_state)'; see $LOGFILE."
}

start_dockerd() {
  check_foreign_dockerd
  # Unix socket paths are limited to 108 bytes; containerd's socket sits deepest under exec-root.
  local deepest="$EXEC/containerd/containerd.sock.ttrpc"
  ((${#deepest} < 100)) || die "CLAIR_ENV_DIR=$CLAIR_ENV_DIR is too long for dockerd's unix sockets ($deepest); choose a shorter CLAIR_ENV_DIR."

  # Stale state from a daemon that was killed: its pid file would make dockerd refuse to start
  # if the PID has been reused, and the leftover nsfs mounts cannot be reused.
  clean_runtime_state

  mkdir -p "$ROOT" "$EXEC"
  # Our own config file, so that /etc/docker/daemon.json (hosts, other storage drivers) cannot
  # interfere. Bounded json-file logs keep long test runs from filling the disk.
  cat >"$CONFIG" <<'JSON'
{
  "log-driver": "json-file",
  "log-opts": { "max-size": "10m", "max-file": "3" }
}
JSON
  log "docker: starting dockerd on $CLAIR_DOCKER_SOCK"
  spawn "$LOGFILE" "$DOCKERD" --config-file "$CONFIG" --host "unix://$CLAIR_DOCKER_SOCK" \
    --data-root "$ROOT" --exec-root "$EXEC" --pidfile "$(pid_file docker)" --storage-driver overlay2
  local pid=$SPAWNED_PID i
  for ((i = 0; i < 600; i++)); do
    docker_ready && break
    pid_alive "$pid" || die "dockerd exited during start; the end of $LOGFILE says why: $(tail -n 3 "$LOGFILE" | tr '\n' ' ')"
    sleep 0.1
  done
  if ! docker_ready; then
    stop_pid docker "$pid" 30
    die "dockerd did not answer on $CLAIR_DOCKER_SOCK within 60 s and was stopped; see $LOGFILE."
  fi
  # dockerd wrote the pid file itself; make sure it names the process we spawned.
  [[ $(read_pid docker 2>/dev/null) == "$pid" ]] || record_pid docker "$pid"
}

svc_up() {
  ensure_apt "${PACKAGES[@]}"
  # Warm path in one CLI call: an active swarm implies an answering daemon.
  if [[ -z ${CLAIR_DOCKER_HOST:-} ]] && dockerd_running && [[ $(swarm_state) == active ]]; then
    log "docker: already running (pid $(read_pid docker)), swarm active"
    return 0
  fi
  if [[ -n ${CLAIR_DOCKER_HOST:-} ]]; then
    docker_ready || die "the daemon at CLAIR_DOCKER_HOST=$CLAIR_DOCKER_HOST does not answer; start it or unset CLAIR_DOCKER_HOST to let scripts/env start its own."
    log "docker: using CLAIR_DOCKER_HOST=$CLAIR_DOCKER_HOST (not started or stopped by us)"
  elif { dockerd_running || adopt docker "$DOCKERD" "unix://$CLAIR_DOCKER_SOCK"; } && docker_ready; then
    log "docker: already running (pid $(read_pid docker))"
  else
    if dockerd_running; then
      # Alive but not answering: a hung daemon from an earlier run; restart it.
      warn "docker: dockerd (pid $(read_pid docker)) does not answer; restarting it."
      stop_pid docker "$(read_pid docker)" 30
    fi
    start_dockerd
    log "docker: up (pid $(read_pid docker))"
  fi
  ensure_swarm
}

svc_down() {
  if [[ -n ${CLAIR_DOCKER_HOST:-} ]]; then
    log "docker: CLAIR_DOCKER_HOST=$CLAIR_DOCKER_HOST is not ours; leaving it running."
    return 0
  fi
  if ! dockerd_running && [[ -n $(our_shims) ]]; then
    # dockerd was killed and its containers still run. Only dockerd knows how to stop them
    # cleanly (tasks, networks, mounts): start it once, its restore stops them, then stop it.
    log "docker: containers of a killed dockerd still run; starting dockerd briefly to stop them"
    start_dockerd
  fi
  if dockerd_running; then
    log "docker: stopping dockerd (pid $(read_pid docker))"
    # dockerd stops its containers (15 s grace each, in parallel) and its containerd first.
    stop_pid docker "$(read_pid docker)" 90
  fi
  clean_runtime_state
  # The data root stays (images, swarm state), but not its mounts: a clean exit removes them
  # itself, a killed one does not, and they would keep the directory from being deleted.
  [[ -n $(our_shims) ]] || unmount_under "$ROOT"
}

svc_status() {
  local detail
  if [[ -n ${CLAIR_DOCKER_HOST:-} ]]; then
    detail="external $CLAIR_DOCKER_HOST"
  elif dockerd_running; then
    detail="pid $(read_pid docker), unix://$CLAIR_DOCKER_SOCK"
  else
    status_line docker down
    return 1
  fi
  if ! docker_ready; then
    status_line docker down "$detail, not answering"
    return 1
  fi
  local state
  state=$(swarm_state)
  if [[ $state != active ]]; then
    status_line docker down "$detail, swarm $state"
    return 1
  fi
  status_line docker up "$detail, $(dk info --format '{{.Driver}}') storage, swarm active"
}

service_main "$@"
