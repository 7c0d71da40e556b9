#!/bin/sh
# The official image compiles protected mode off; Debian's redis-server has it on and would refuse
# every client from another container. So without a config file of the caller's own, the
# container defaults come first on the command line and the caller's options override them.
set -eu

if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi

if [ "$1" = redis-server ]; then
  shift
  case ${1:-} in
    "" | -*) set -- redis-server --bind 0.0.0.0 --protected-mode no --save "" --appendonly no "$@" ;;
    *) set -- redis-server "$@" ;;
  esac
  if [ "$(id -u)" = 0 ]; then
    find . \! -user redis -exec chown redis:redis '{}' +
    exec setpriv --reuid=redis --regid=redis --init-groups -- "$@"
  fi
fi
exec "$@"
