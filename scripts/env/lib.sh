# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables set here are read by the scripts that source this file
# Shared helpers for the test environment scripts (scripts/env/*.sh) and the offline image
# builder (scripts/images/build.sh). Sourced, never run.
#
# Everything we start lives under CLAIR_ENV_DIR and is recorded by PID there. We never touch the
# system's own services (the postgres cluster 15/main, /var/run/docker.sock, /etc/ssh, ~/.ssh) and
# never stop a process unless its PID file says we started it AND the process behind that PID is
# still the program we started. The sessions that use this environment are often killed with
# SIGKILL, so stale PID files, sockets and mounts are the normal case, not the exception.

CLAIR_ENV_DIR=${CLAIR_ENV_DIR:-/var/tmp/clair-env}
CLAIR_REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Ports are high and unusual so that they never collide with a system service on its default
# port; each one can be moved when something else already holds it.
CLAIR_PG_PORT=${CLAIR_PG_PORT:-55432}
CLAIR_REDIS_PORT=${CLAIR_REDIS_PORT:-56379}
CLAIR_MQTT_PORT=${CLAIR_MQTT_PORT:-51883}
CLAIR_SSH_PORT=${CLAIR_SSH_PORT:-52222}
CLAIR_SWARM_PORT=${CLAIR_SWARM_PORT:-2377}

CLAIR_ALL_SERVICES=(postgres redis mosquitto docker sshd chromium images)

# Debian packages per service, kept here so that up.sh can install everything missing in one apt
# transaction without starting each service script just to ask.
declare -A CLAIR_SERVICE_PACKAGES=(
  [postgres]="postgresql-15"
  [redis]="redis-server redis-tools"
  [mosquitto]="mosquitto mosquitto-clients"
  [docker]="docker.io iproute2"
  [sshd]="openssh-server openssh-client"
  [chromium]="chromium"
  [images]="mmdebstrap debian-archive-keyring busybox-static ca-certificates"
)

export DEBIAN_FRONTEND=noninteractive
# A DOCKER_CONTEXT from the caller's shell would win over DOCKER_HOST in some CLI versions and
# send our commands to someone else's daemon.
unset DOCKER_CONTEXT

log() { printf '[clair-env] %s\n' "$*" >&2; }
warn() { printf '[clair-env] warning: %s\n' "$*" >&2; }
die() {
  printf '[clair-env] error: %s\n' "$*" >&2
  exit 1
}

require_root() {
  [[ $(id -u) -eq 0 ]] || die "$(basename "$0") must run as root (it starts system daemons such as dockerd and sshd); run it with sudo or as root."
}

env_init() {
  mkdir -p "$CLAIR_ENV_DIR/pids" "$CLAIR_ENV_DIR/logs"
  # postgres and mosquitto drop privileges and must be able to traverse into their own
  # subdirectories, so the top level stays world-searchable; secrets get mode 600 individually.
  chmod 755 "$CLAIR_ENV_DIR"
}

# Serialises up/down runs: two concurrent runs would race on PID files and daemon starts. Child
# scripts inherit the lock through CLAIR_ENV_LOCKED instead of deadlocking on a second open.
take_lock() {
  [[ -n ${CLAIR_ENV_LOCKED:-} ]] && return 0
  env_init
  exec 9>"$CLAIR_ENV_DIR/lock"
  flock -w 900 9 || die "another scripts/env run holds $CLAIR_ENV_DIR/lock for more than 15 minutes; wait for it or end it."
  export CLAIR_ENV_LOCKED=1
}

# ---------------------------------------------------------------------------------------------
# Processes

pid_file() { printf '%s/pids/%s.pid' "$CLAIR_ENV_DIR" "$1"; }

read_pid() {
  local f pid=''
  f=$(pid_file "$1")
  [[ -s $f ]] || return 1
  read -r pid <"$f" || [[ -n $pid ]] || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  printf '%s' "$pid"
}

record_pid() { printf '%s\n' "$2" >"$(pid_file "$1")"; }
forget_pid() { rm -f "$(pid_file "$1")"; }

# A process that exited stays in /proc as a zombie until its parent reaps it. Daemons started by an
# earlier run were reparented to PID 1, which on these machines reaps only every few seconds, so
# "exists in /proc" is not "alive".
pid_alive() {
  local stat
  [[ -r /proc/$1/stat ]] || return 1
  read -r stat <"/proc/$1/stat" 2>/dev/null || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# Builtins only (no forks): these run against every process in /proc when looking for orphans.
proc_cmdline() {
  local argv=()
  mapfile -d '' argv <"/proc/$1/cmdline" 2>/dev/null || return 1
  printf '%s' "${argv[*]}"
}

# pid_is PID EXE [CMDLINE_SUBSTRING]: true if PID is alive, runs EXE (compared after resolving
# symlinks: /usr/bin/redis-server is a link) and its command line contains the substring. After a
# SIGKILLed session the PID in a stale file may belong to an unrelated process by now.
pid_is() {
  local pid=$1 exe=$2 marker=${3:-} argv=()
  [[ -n $pid ]] && pid_alive "$pid" || return 1
  # -ef compares device and inode after following links: the same file, whatever the path.
  [[ /proc/$pid/exe -ef $exe ]] || return 1
  [[ -z $marker ]] && return 0
  mapfile -d '' argv <"/proc/$pid/cmdline" 2>/dev/null || return 1
  [[ "${argv[*]}" == *"$marker"* ]]
}

# is_running NAME EXE [CMDLINE_SUBSTRING]: our PID file for NAME points at a live EXE.
is_running() {
  local pid
  pid=$(read_pid "$1") || return 1
  pid_is "$pid" "$2" "${3:-}"
}

# find_pids EXE MARKER: every live process running EXE whose command line contains MARKER.
find_pids() {
  local p
  for p in /proc/[0-9]*; do
    pid_is "${p#/proc/}" "$1" "$2" && printf '%s\n' "${p#/proc/}"
  done
  return 0
}

# adopt NAME EXE MARKER: when the PID file is gone or stale but our daemon still runs (its command
# line names our own config or socket), record it again instead of starting a second copy.
adopt() {
  local pid
  pid=$(find_pids "$2" "$3" | head -n1)
  [[ -n $pid ]] || return 1
  record_pid "$1" "$pid"
  log "$1: found our running process $pid without a valid PID file; adopted it."
}

# Daemons run in their own session, so that they survive the shell (and the process group) that
# ran up.sh, and without the lock: neither its descriptor, which they would hold forever, nor the
# variable that lets children of the lock holder skip locking.
detached() { setsid env -u CLAIR_ENV_LOCKED "$@" </dev/null 9>&-; }

# spawn LOGFILE COMMAND...: starts a foreground daemon detached; sets SPAWNED_PID. Spelled out
# rather than calling detached: a function run with & is a forked bash, and $! would be its PID.
spawn() {
  local logfile=$1
  shift
  setsid env -u CLAIR_ENV_LOCKED "$@" </dev/null >>"$logfile" 2>&1 9>&- &
  SPAWNED_PID=$!
}

# stop_pid NAME PID [TIMEOUT_S] [SIGNAL]: signals and waits; escalates to SIGKILL after timeout.
stop_pid() {
  local name=$1 pid=$2 timeout=${3:-30} sig=${4:-TERM} i
  kill "-$sig" "$pid" 2>/dev/null || return 0
  for ((i = 0; i < timeout * 20; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.05
  done
  warn "$name (pid $pid) did not exit within ${timeout}s after SIG$sig; sending SIGKILL."
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.05
  done
}

# wait_for TIMEOUT_S COMMAND...: polls COMMAND every 0.1 s until it succeeds.
wait_for() {
  local timeout=$1 i
  shift
  for ((i = 0; i < timeout * 10; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

# elapsed_s T0: seconds since T0 (an $EPOCHREALTIME value), one decimal.
elapsed_s() {
  local now=${EPOCHREALTIME//[.,]/} start=${1//[.,]/}
  local us=$((now - start))
  printf '%d.%d' $((us / 1000000)) $((us % 1000000 / 100000))
}

# ---------------------------------------------------------------------------------------------
# Ports

# Prints the PID listening on 127.0.0.1:PORT (or on a wildcard address), empty if none.
port_owner() {
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -oE 'pid=[0-9]+' | head -n1 | cut -d= -f2
}

port_in_use() { [[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]; }

# port_free PORT VAR WHAT: dies unless nothing listens on PORT. VAR names the variable that moves it.
port_free() {
  local port=$1 var=$2 what=$3 owner desc
  port_in_use "$port" || return 0
  owner=$(port_owner "$port")
  if [[ -n $owner ]]; then
    desc="$(cat "/proc/$owner/comm" 2>/dev/null || echo '?') (pid $owner)"
  else
    desc="an unknown process"
  fi
  die "port $port, needed for $what, is already used by $desc, which scripts/env did not start; stop that process or choose another port, e.g. $var=$((port + 1))."
}

# ---------------------------------------------------------------------------------------------
# Packages

pkg_installed() {
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

CLAIR_POLICY_RC=/usr/sbin/policy-rc.d
CLAIR_POLICY_MARK='# clair-env: temporary, keeps apt from starting system services'

# ensure_apt PKG...: installs only what is missing. Package postinst scripts would otherwise start
# system redis/mosquitto/sshd/dockerd on their default ports (and a second dockerd that fights ours
# over docker0), so a temporary policy-rc.d forbids service starts during the install, unless the
# machine already has one of its own.
ensure_apt() {
  # One dpkg-query for all: warm runs call this for every service.
  local -A installed=()
  local missing=() p status
  while read -r p status; do
    [[ $status == "install ok installed" ]] && installed[$p]=1
  done < <(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null)
  for p in "$@"; do
    [[ -n ${installed[$p]:-} ]] || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  [[ $(id -u) -eq 0 ]] || die "the Debian packages ${missing[*]} are missing and only root can install them; run as root or install them with apt-get."
  command -v apt-get >/dev/null || die "the packages ${missing[*]} are missing and this machine has no apt-get; install them by hand."
  env_init
  local aptlog="$CLAIR_ENV_DIR/logs/apt.log" own_policy=0
  if [[ ! -e $CLAIR_POLICY_RC ]] || grep -qF "$CLAIR_POLICY_MARK" "$CLAIR_POLICY_RC"; then
    printf '#!/bin/sh\n%s\nexit 101\n' "$CLAIR_POLICY_MARK" >"$CLAIR_POLICY_RC"
    chmod 755 "$CLAIR_POLICY_RC"
    own_policy=1
  fi
  # One update per hour at most: a run that installs pieces one by one should not refresh the
  # package lists each time.
  local stamp="$CLAIR_ENV_DIR/apt-updated"
  if [[ -z $(find "$stamp" -mmin -60 2>/dev/null) ]]; then
    log "apt-get update"
    if ! apt-get update >>"$aptlog" 2>&1; then
      ((own_policy)) && rm -f "$CLAIR_POLICY_RC"
      die "apt-get update failed, so the Debian mirror is unreachable and ${missing[*]} cannot be installed; check the apt sources and network (details in $aptlog)."
    fi
    touch "$stamp"
  fi
  log "apt-get install ${missing[*]}"
  local rc=0
  apt-get install -y --no-install-recommends "${missing[@]}" >>"$aptlog" 2>&1 || rc=$?
  ((own_policy)) && rm -f "$CLAIR_POLICY_RC"
  ((rc == 0)) || die "apt-get install ${missing[*]} failed (exit $rc); the last lines of $aptlog say why: $(tail -n 3 "$aptlog" | tr '\n' ' ')"
}

# ---------------------------------------------------------------------------------------------
# Docker

CLAIR_DOCKER_DIR=$CLAIR_ENV_DIR/docker
CLAIR_DOCKER_SOCK=$CLAIR_DOCKER_DIR/docker.sock

# The daemon every script talks to: an explicitly given one, or ours.
docker_host() {
  if [[ -n ${CLAIR_DOCKER_HOST:-} ]]; then
    printf '%s' "$CLAIR_DOCKER_HOST"
  else
    printf 'unix://%s' "$CLAIR_DOCKER_SOCK"
  fi
}

# docker CLI pinned to our daemon, whatever the caller's DOCKER_HOST or context says.
dk() { DOCKER_HOST=$(docker_host) docker "$@"; }

docker_ready() { dk version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# ---------------------------------------------------------------------------------------------
# Service script dispatch: each scripts/env/<service>.sh defines svc_up, svc_down, svc_status.

# service_packages NAME: sets PACKAGES to the service's Debian packages.
service_packages() { read -ra PACKAGES <<<"${CLAIR_SERVICE_PACKAGES[$1]}"; }

service_main() {
  local cmd=${1:-}
  case $cmd in
    up | down)
      require_root
      take_lock
      "svc_$cmd"
      ;;
    status) svc_status ;;
    *) die "usage: $(basename "$0") up|down|status" ;;
  esac
}

# config_current FILE CONTENT: FILE holds exactly CONTENT. A running daemon whose config differs
# from what this run would write (another port, say) is restarted rather than silently kept.
config_current() { [[ -f $1 && $(<"$1") == "$2" ]]; }

# One aligned status line per service: NAME STATE DETAIL.
status_line() { printf '%-10s %-5s %s\n' "$1" "$2" "${3:-}"; }
