#!/bin/sh
# Entry point imitating the official postgres image: initialise an empty PGDATA from the
# POSTGRES_* variables, run /docker-entrypoint-initdb.d once, then exec postgres as the postgres
# user. setpriv (not su) execs in place, so postgres is PID 1 and receives the SIGINT of
# `docker stop` directly: a fast shutdown instead of waiting out the grace period.
set -eu

# "docker run image -c foo=bar" means options for postgres, as in the official image.
if [ "${1#-}" != "$1" ]; then
  set -- postgres "$@"
fi
if [ "$1" != postgres ]; then
  exec "$@"
fi

# VAR_FILE wins over VAR, so that docker secrets never appear in the environment.
file_env() {
  eval "_val=\${$1:-}"
  eval "_file=\${$1_FILE:-}"
  if [ -n "$_file" ]; then
    [ -r "$_file" ] || { echo "error: $1_FILE=$_file is not readable" >&2; exit 1; }
    _val=$(cat "$_file")
  fi
  eval "$1=\$_val"
  unset _val _file
}
file_env POSTGRES_PASSWORD
file_env POSTGRES_USER
file_env POSTGRES_DB
POSTGRES_USER=${POSTGRES_USER:-postgres}
POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
PGDATA=${PGDATA:-/var/lib/postgresql/data}
export PGDATA

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
  else
    "$@"
  fi
}

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  # Only what is not postgres's already: a large existing PGDATA is not walked needlessly.
  find "$PGDATA" /var/run/postgresql \! -user postgres -exec chown postgres:postgres '{}' +
  chmod 700 "$PGDATA"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [ -z "$POSTGRES_PASSWORD" ] && [ "$auth" != trust ]; then
    echo "error: the database is uninitialised and no superuser password is given; set POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE (or POSTGRES_HOST_AUTH_METHOD=trust, never in production)." >&2
    exit 1
  fi
  pwfile=$(mktemp)
  trap 'rm -f "$pwfile"' EXIT
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  chown postgres:postgres "$pwfile" 2>/dev/null || true
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of options, as in the official image
  if [ -n "$POSTGRES_PASSWORD" ]; then
    as_postgres initdb -D "$PGDATA" --username="$POSTGRES_USER" --pwfile="$pwfile" \
      --auth-local=trust --auth-host="$auth" ${POSTGRES_INITDB_ARGS:-}
  else
    as_postgres initdb -D "$PGDATA" --username="$POSTGRES_USER" \
      --auth-local=trust --auth-host="$auth" ${POSTGRES_INITDB_ARGS:-}
  fi
  rm -f "$pwfile"
  printf "\nhost all all all %s\n" "$auth" >>"$PGDATA/pg_hba.conf"
  printf "\nlisten_addresses = '*'\n" >>"$PGDATA/postgresql.conf"

  if [ "$POSTGRES_DB" != postgres ] || [ -n "$(ls -A /docker-entrypoint-initdb.d 2>/dev/null)" ]; then
    # A temporary server on the unix socket only: nobody can connect before initialisation ends.
    as_postgres pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
    psql_init() { as_postgres psql -X -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password "$@"; }
    if [ "$POSTGRES_DB" != postgres ]; then
      echo 'CREATE DATABASE :"db";' | psql_init -d postgres -v db="$POSTGRES_DB"
    fi
    for f in /docker-entrypoint-initdb.d/*; do
      # shellcheck disable=SC1090 # the caller's init scripts, sourced as the official image does
      case $f in
        *.sh) echo "running $f"; . "$f" ;;
        *.sql) echo "running $f"; psql_init -d "$POSTGRES_DB" -f "$f" ;;
        *.sql.gz) echo "running $f"; gunzip -c "$f" | psql_init -d "$POSTGRES_DB" ;;
        *) if [ -e "$f" ]; then echo "ignoring $f"; fi ;;
      esac
    done
    as_postgres pg_ctl -D "$PGDATA" -m fast -w stop
  fi
  trap - EXIT
  echo "PostgreSQL init process complete; ready for start up."
fi

if [ "$(id -u)" = 0 ]; then
  exec setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
fi
exec "$@"
