#!/usr/bin/env bash
# An sshd on 127.0.0.1 for the control centre's SSH docker contexts and SSH port forwarding.
# Everything (config, host key, client key, authorized_keys, known_hosts) lives in
# CLAIR_ENV_DIR/ssh; /etc/ssh and ~/.ssh are never read or written. A login with our client key
# gets DOCKER_HOST pointing at our daemon, so `ssh … docker …` and `docker system dial-stdio`
# reach it, not /var/run/docker.sock.
set -euo pipefail
# shellcheck source=scripts/env/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

service_packages sshd
SSHD=/usr/sbin/sshd
SSH_DIR=$CLAIR_ENV_DIR/ssh
CONF=$SSH_DIR/sshd_config
HOST_KEY=$SSH_DIR/host_ed25519
CLIENT_KEY=$SSH_DIR/id_ed25519
AUTH_KEYS=$SSH_DIR/authorized_keys
KNOWN_HOSTS=$SSH_DIR/known_hosts

sshd_running() { is_running sshd "$SSHD" "$CONF"; }

# The check the tests depend on: key login, host key verified against our known_hosts only, and
# the remote docker CLI reaching our daemon.
ssh_docker_version() {
  ssh -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o UserKnownHostsFile="$KNOWN_HOSTS" \
    -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o ConnectTimeout=10 \
    -i "$CLIENT_KEY" -p "$CLAIR_SSH_PORT" root@127.0.0.1 docker version --format '{{.Server.Version}}'
}

write_files() {
  mkdir -p "$SSH_DIR"
  chmod 700 "$SSH_DIR"
  # Keys persist across runs so that known_hosts entries and keys handed to tests stay valid.
  [[ -s $HOST_KEY ]] || ssh-keygen -q -t ed25519 -N '' -C clair-env-host -f "$HOST_KEY"
  [[ -s $CLIENT_KEY ]] || ssh-keygen -q -t ed25519 -N '' -C clair-env-client -f "$CLIENT_KEY"
  chmod 600 "$HOST_KEY" "$CLIENT_KEY"
  printf 'environment="DOCKER_HOST=%s" %s\n' "$(docker_host)" "$(cat "$CLIENT_KEY.pub")" >"$AUTH_KEYS"
  printf '[127.0.0.1]:%s %s\n' "$CLAIR_SSH_PORT" "$(cut -d' ' -f1,2 "$HOST_KEY.pub")" >"$KNOWN_HOSTS"
}

# MaxStartups/MaxSessions are raised because docker-modem opens one SSH connection per API
# request and parallel tests would otherwise hit the default 10 unauthenticated connections.
sshd_conf() {
  cat <<CONF
# Written by scripts/env/sshd.sh; edits are lost.
Port $CLAIR_SSH_PORT
ListenAddress 127.0.0.1
HostKey $HOST_KEY
PidFile $(pid_file sshd)
AuthorizedKeysFile $AUTH_KEYS
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitUserEnvironment DOCKER_HOST
UsePAM no
StrictModes no
AllowTcpForwarding yes
AllowStreamLocalForwarding yes
X11Forwarding no
PrintMotd no
UseDNS no
MaxStartups 100:30:200
MaxSessions 64
Subsystem sftp internal-sftp
CONF
}

svc_up() {
  ensure_apt "${PACKAGES[@]}"
  # authorized_keys is read per login, so a changed DOCKER_HOST applies without a restart.
  write_files
  local conf
  conf=$(sshd_conf)
  if sshd_running || adopt sshd "$SSHD" "$CONF"; then
    if config_current "$CONF" "$conf"; then
      log "sshd: already running (pid $(read_pid sshd))"
      return 0
    fi
    log "sshd: configuration changed (CLAIR_SSH_PORT?); restarting"
    svc_down
  fi
  forget_pid sshd
  printf '%s\n' "$conf" >"$CONF"
  port_free "$CLAIR_SSH_PORT" CLAIR_SSH_PORT "our sshd"
  # Privilege separation directory; normally created by the init script we never run.
  mkdir -p /run/sshd
  chmod 755 /run/sshd
  "$SSHD" -t -f "$CONF" 2>>"$CLAIR_ENV_DIR/logs/sshd.log" ||
    die "sshd rejects its config $CONF; the end of $CLAIR_ENV_DIR/logs/sshd.log says why."
  log "sshd: starting on 127.0.0.1:$CLAIR_SSH_PORT"
  # sshd daemonizes and writes its PID file itself; setsid keeps it out of our session.
  detached "$SSHD" -f "$CONF" -E "$CLAIR_ENV_DIR/logs/sshd.log" ||
    die "sshd did not start; see $CLAIR_ENV_DIR/logs/sshd.log."
  wait_for 20 sshd_running || die "sshd started but its PID file $(pid_file sshd) did not appear; see $CLAIR_ENV_DIR/logs/sshd.log."
  wait_for 20 port_in_use "$CLAIR_SSH_PORT" || die "sshd does not listen on 127.0.0.1:$CLAIR_SSH_PORT; see $CLAIR_ENV_DIR/logs/sshd.log."
  log "sshd: up (pid $(read_pid sshd))"
}

svc_down() {
  if sshd_running; then
    log "sshd: stopping (pid $(read_pid sshd))"
    # Only the listener; sessions of tests still running end on their own.
    stop_pid sshd "$(read_pid sshd)" 20
  fi
  forget_pid sshd
}

svc_status() {
  local v
  if sshd_running && v=$(ssh_docker_version 2>/dev/null); then
    status_line sshd up "pid $(read_pid sshd), root@127.0.0.1:$CLAIR_SSH_PORT, remote docker $v"
  elif sshd_running; then
    status_line sshd down "pid $(read_pid sshd) runs, but 'ssh … docker version' fails"
    return 1
  else
    status_line sshd down
    return 1
  fi
}

service_main "$@"
