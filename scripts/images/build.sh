#!/usr/bin/env bash
# Offline image builder. There is no image registry on these machines, so every image the stacks
# and tests run is made here from what the machine has:
#
#   clair/node-runtime  docker import of the host's /usr/bin/node with its shared libraries
#   clair/debian-base   docker import of an mmdebstrap'ed bookworm rootfs (packages.list)
#   clair/postgres, clair/redis, clair/nginx, clair/mosquitto, clair/caddy
#                       thin DOCKER_BUILDKIT=0 builds of stack-templates/images/<name>/Dockerfile
#                       FROM the Debian base (ARG BASE_IMAGE); clair/caddy also gets the binary of
#                       the host's Debian caddy package in its build context (THIN_HOST_FILES)
#
# Each image is tagged with the first 12 hex digits of a hash of its inputs and labelled with the
# whole hash (org.clair.content-hash); when that tag exists the image is reused, so a second run
# takes seconds. A stable alias (clair/postgres:15, …) always points at the current build. The
# mmdebstrap tarball is cached in CLAIR_IMAGE_CACHE, so a fresh docker data root needs only an
# import (seconds) instead of a new bootstrap (minutes).
#
# Usage: build.sh           build what is missing, then print VAR=image-ref lines on stdout
#        build.sh --list    print the VAR=image-ref lines without building (no daemon needed)
#        build.sh --check   exit 0 only if every image exists in the daemon
# The daemon is ours (scripts/env/docker.sh) or CLAIR_DOCKER_HOST.
set -euo pipefail
# shellcheck source=scripts/env/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../env/lib.sh"

TEMPLATES=$CLAIR_REPO_ROOT/stack-templates/images
CACHE=${CLAIR_IMAGE_CACHE:-/var/cache/clair/images}
WORK=$CLAIR_ENV_DIR/images
LABEL=org.clair.content-hash
SUITE=bookworm
MIRROR=${CLAIR_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${CLAIR_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
# Bump when the recipe below changes in a way the hashed inputs do not show.
NODE_RECIPE=1
BASE_RECIPE=1

# name  alias-tag  variable
THIN_IMAGES=(
  "postgres 15 CLAIR_IMAGE_POSTGRES"
  "redis 7 CLAIR_IMAGE_REDIS"
  "nginx 1.22 CLAIR_IMAGE_NGINX"
  "mosquitto 2 CLAIR_IMAGE_MOSQUITTO"
  "caddy 2 CLAIR_IMAGE_CADDY"
)

# Host files a thin image's Dockerfile COPYs beside its template folder, by image name. Caddy
# comes this way rather than through packages.list: adding a package rebuilds the Debian base
# (minutes) and with it every other image.
declare -A THIN_HOST_FILES=(
  [caddy]=/usr/bin/caddy
)
THIN_HOST_PACKAGES=(caddy)

sha() { sha256sum | cut -d' ' -f1; }

# ---------------------------------------------------------------------------------------------
# clair/node-runtime

NODE=/usr/bin/node
BUSYBOX=/bin/busybox
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt

node_libs() {
  local libs
  libs=$(ldd "$NODE" | grep -oE '/[^ ]+\.so[^ ]*' | sort -u)
  printf '%s\n' "$libs"
  # glibc loads the NSS modules at run time (getaddrinfo, getpwnam), so ldd does not list them.
  local libdir
  libdir=$(dirname "$(grep -E '/libc\.so\.6$' <<<"$libs")")
  printf '%s\n' "$libdir/libnss_dns.so.2" "$libdir/libnss_files.so.2" "$libdir/libresolv.so.2"
}

node_etc_passwd() { printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/app:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n'; }
node_etc_group() { printf 'root:x:0:\nnode:x:1000:\nnogroup:x:65534:\n'; }
node_nsswitch() { printf 'passwd: files\ngroup: files\nhosts: files dns\n'; }
NODE_CHANGES=(
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  'ENV NODE_ENV=production'
  'WORKDIR /app'
  'CMD ["node"]'
)

node_inputs() { printf '%s\n' "$NODE" "$BUSYBOX" "$CA_BUNDLE"; node_libs; }

node_hash() {
  local files f
  mapfile -t files < <(node_inputs)
  for f in "${files[@]}"; do
    [[ -e $f ]] || die "$f, needed for clair/node-runtime, is missing; install nodejs, busybox-static and ca-certificates."
  done
  {
    echo "node-runtime recipe $NODE_RECIPE"
    node_etc_passwd
    node_etc_group
    node_nsswitch
    printf '%s\n' "${NODE_CHANGES[@]}"
    sha256sum -- "${files[@]}"
  } | sha
}

build_node_runtime() {
  local hash=$1 ref=$2 r=$WORK/tmp/node-rootfs
  rm -rf "$r"
  mkdir -p "$r/usr/bin" "$r/bin" "$r/etc/ssl/certs" "$r/app" "$r/tmp" "$r/root"
  chmod 1777 "$r/tmp"
  cp "$NODE" "$r/usr/bin/node"
  # busybox gives the image a /bin/sh for CMD-SHELL healthchecks and `docker exec`; its other
  # applets stay reachable as `busybox <applet>` (its wget is broken under static glibc NSS).
  cp "$BUSYBOX" "$r/bin/busybox"
  ln -s busybox "$r/bin/sh"
  local lib
  while read -r lib; do
    mkdir -p "$r$(dirname "$lib")"
    cp -L "$lib" "$r$lib"
  done < <(node_libs)
  cp -L "$CA_BUNDLE" "$r$CA_BUNDLE"
  node_etc_passwd >"$r/etc/passwd"
  node_etc_group >"$r/etc/group"
  node_nsswitch >"$r/etc/nsswitch.conf"
  local changes=() c
  for c in "${NODE_CHANGES[@]}" "LABEL $LABEL=$hash"; do changes+=(-c "$c"); done
  tar -C "$r" --numeric-owner --owner=0 --group=0 -c . | dk import "${changes[@]}" - "$ref" >/dev/null
  rm -rf "$r"
}

# ---------------------------------------------------------------------------------------------
# clair/debian-base

base_packages() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$TEMPLATES/debian-base/packages.list" | tr -d ' \t' | sort -u; }

# Options and hooks that shape the rootfs; they are part of the hash.
# - no docs, man pages or translations: about 60 MB less and nothing the services read
# - postgresql-common must not create the 15/main cluster: our images initdb their own PGDATA
# shellcheck disable=SC2016 # the hooks are expanded by mmdebstrap's shell, with $1 = the rootfs
base_mmdebstrap_args() {
  printf '%s\n' \
    --variant=minbase \
    --include="$(base_packages | paste -sd, -)" \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    --aptopt='Acquire::Languages "none"' \
    --setup-hook='mkdir -p "$1/etc/postgresql-common/createcluster.d" && echo "create_main_cluster = false" > "$1/etc/postgresql-common/createcluster.d/clair-no-main.conf"' \
    --customize-hook='rm -rf "$1/etc/postgresql/15/main" "$1/var/lib/postgresql/15/main" "$1/var/log/"*.log "$1/var/cache/debconf/"*-old'
}
BASE_CHANGES=(
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  'ENV LANG=C.UTF-8'
  'CMD ["/bin/bash"]'
)

base_hash() {
  {
    echo "debian-base recipe $BASE_RECIPE suite $SUITE components main updates security"
    base_mmdebstrap_args
    printf '%s\n' "${BASE_CHANGES[@]}"
  } | sha
}

build_debian_base() {
  local hash=$1 ref=$2 tar=$CACHE/debian-base-${1:0:12}.tar
  if [[ -s $tar ]]; then
    log "images: importing cached rootfs $tar"
  else
    ensure_apt mmdebstrap debian-archive-keyring
    mkdir -p "$CACHE"
    local tmp=$CACHE/.debian-base-${hash:0:12}.$$.tar args=()
    mapfile -t args < <(base_mmdebstrap_args)
    log "images: mmdebstrap $SUITE (about two minutes; log in $CLAIR_ENV_DIR/logs/mmdebstrap.log)"
    if ! mmdebstrap "${args[@]}" "$SUITE" "$tmp" \
      "deb $MIRROR $SUITE main" "deb $MIRROR $SUITE-updates main" \
      "deb $SECURITY_MIRROR $SUITE-security main" \
      </dev/null >>"$CLAIR_ENV_DIR/logs/mmdebstrap.log" 2>&1; then
      rm -f "$tmp"
      die "mmdebstrap of $SUITE failed, so clair/debian-base cannot be built; the end of $CLAIR_ENV_DIR/logs/mmdebstrap.log says why (set CLAIR_DEBIAN_MIRROR if the Debian mirror is elsewhere)."
    fi
    # Renamed only when complete: a killed build must not leave a truncated tar under the cache name.
    mv "$tmp" "$tar"
  fi
  local changes=() c
  for c in "${BASE_CHANGES[@]}" "LABEL $LABEL=$hash"; do changes+=(-c "$c"); done
  dk import "${changes[@]}" "$tar" "$ref" >/dev/null
}

# ---------------------------------------------------------------------------------------------
# Thin images

thin_hash() {
  local name=$1 base=$2 dir=$TEMPLATES/$1
  [[ -f $dir/Dockerfile ]] || die "$dir/Dockerfile is missing; restore it from git."
  {
    echo "thin $name base $base"
    # The mode matters too: an entrypoint that loses its x bit is a different image.
    (cd "$dir" && find . -type f -printf '%p %m\n' | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum --)
    thin_host_files "$name" | while read -r f; do
      [[ -r $f ]] || die "$f, needed for clair/$name, is missing; install the Debian package ${THIN_HOST_PACKAGES[*]}."
      sha256sum -- "$f"
    done
  } | sha
}

thin_host_files() { [[ -z ${THIN_HOST_FILES[$1]:-} ]] || printf '%s\n' "${THIN_HOST_FILES[$1]}"; }

# The build context of a thin image: its template folder, or a copy of it with its host files.
thin_context() {
  local name=$1 dir=$TEMPLATES/$1 files=()
  mapfile -t files < <(thin_host_files "$name")
  if ((${#files[@]} == 0)); then
    echo "$dir"
    return
  fi
  local context=$WORK/tmp/context-$name
  rm -rf "$context"
  cp -a "$dir" "$context"
  cp -L -- "${files[@]}" "$context/"
  echo "$context"
}

build_thin() {
  local name=$1 hash=$2 ref=$3 alias=$4 base_ref=$5 out context
  context=$(thin_context "$name")
  # --network none: nothing in these Dockerfiles may fetch anything; everything came from the base.
  if ! out=$(DOCKER_BUILDKIT=0 dk build -q --network none --build-arg "BASE_IMAGE=$base_ref" \
    --label "$LABEL=$hash" -t "$ref" -t "$alias" "$context" 2>&1); then
    die "docker build of $ref from $TEMPLATES/$name failed: $(tail -n 5 <<<"$out" | tr '\n' ' ')"
  fi
}

# ---------------------------------------------------------------------------------------------

# Every clair/* tag with its image ID, and every such image's content-hash label, in two CLI calls:
# a docker CLI call costs about 0.1 s here, and one per image and alias made warm runs slow.
declare -A TAG_ID=() ID_HASH=()
load_image_state() {
  TAG_ID=()
  ID_HASH=()
  local tag id h ids=()
  while read -r tag id; do
    [[ -n $id ]] || continue
    TAG_ID[$tag]=$id
    ids+=("$id")
  done < <(dk image ls --no-trunc --format '{{.Repository}}:{{.Tag}} {{.ID}}' 'clair/*' 2>/dev/null)
  ((${#ids[@]})) || return 0
  while read -r id h; do
    ID_HASH[$id]=$h
  done < <(dk image inspect --format "{{.Id}} {{index .Config.Labels \"$LABEL\"}}" "${ids[@]}" 2>/dev/null)
}

# has_image REF HASH: REF exists and carries HASH in its label.
has_image() {
  local id=${TAG_ID[$1]:-}
  [[ -n $id && ${ID_HASH[$id]:-} == "$2" ]]
}

BUILT=()
REUSED=()

# ensure_image REF ALIAS HASH BUILDER ARGS...: reuse REF when its label carries HASH, else build
# it; then point ALIAS at it.
ensure_image() {
  local ref=$1 alias=$2 hash=$3 t0=$EPOCHREALTIME
  shift 3
  if has_image "$ref" "$hash"; then
    REUSED+=("$ref")
  else
    log "images: building $ref"
    "$@"
    local id
    id=$(dk image inspect --format '{{.Id}}' "$ref" 2>/dev/null) || die "$ref was not created; see the messages above."
    TAG_ID[$ref]=$id
    ID_HASH[$id]=$(dk image inspect --format "{{index .Config.Labels \"$LABEL\"}}" "$ref")
    has_image "$ref" "$hash" || die "$ref was built but does not carry $LABEL=$hash; see the messages above."
    BUILT+=("$ref ($(elapsed_s "$t0") s)")
  fi
  if [[ ${TAG_ID[$alias]:-} != "${TAG_ID[$ref]}" ]]; then
    dk tag "$ref" "$alias"
    TAG_ID[$alias]=${TAG_ID[$ref]}
  fi
}

# Cheap identity of every input: the node files (path, inode, size, mtime; a package upgrade
# replaces files and so changes inodes), the template folders and this script, which holds the
# recipes. Hashing the contents (the node binary alone is 100 MB) takes most of a second, too
# much for warm runs, so content hashes are recomputed only when this fingerprint changes.
REFS_CACHE=$WORK/refs-cache
refs_fingerprint() {
  local node_files=("$@")
  {
    stat -L -c '%n %i %s %Y' -- "${node_files[@]}" "${THIN_HOST_FILES[@]}" "$CLAIR_REPO_ROOT/scripts/images/build.sh" 2>&1
    find "$TEMPLATES" -printf '%p %m %s %T@ %i\n' | LC_ALL=C sort
    printf '%s\n' "${THIN_IMAGES[@]}"
  } | sha
}

# Sets NODE_*, BASE_* and THIN_REFS ("name tag var hash ref alias" per thin image).
compute_refs() {
  local cached=() node_files=() entry name tag var h
  if [[ -r $REFS_CACHE ]]; then
    mapfile -t cached <"$REFS_CACHE"
    read -ra node_files <<<"${cached[1]:-}"
  fi
  if ((${#cached[@]} >= 4 + ${#THIN_IMAGES[@]})) && [[ ${cached[0]} == "$(refs_fingerprint "${node_files[@]}")" ]]; then
    NODE_HASH=${cached[2]}
    NODE_MAJOR=${cached[3]}
    BASE_HASH=$(base_hash)
    THIN_REFS=("${cached[@]:4}")
  else
    mapfile -t node_files < <(node_inputs)
    NODE_HASH=$(node_hash)
    NODE_MAJOR=$("$NODE" --version | sed -E 's/^v([0-9]+).*/\1/')
    BASE_HASH=$(base_hash)
    THIN_REFS=()
    for entry in "${THIN_IMAGES[@]}"; do
      read -r name tag var <<<"$entry"
      h=$(thin_hash "$name" "$BASE_HASH")
      THIN_REFS+=("$name $tag $var $h clair/$name:${h:0:12} clair/$name:$tag")
    done
    # Best effort: --list also runs where CLAIR_ENV_DIR is not writable.
    if mkdir -p "$WORK" 2>/dev/null && {
      refs_fingerprint "${node_files[@]}"
      echo "${node_files[*]}"
      echo "$NODE_HASH"
      echo "$NODE_MAJOR"
      printf '%s\n' "${THIN_REFS[@]}"
    } >"$REFS_CACHE.tmp" 2>/dev/null; then
      mv "$REFS_CACHE.tmp" "$REFS_CACHE"
    fi
  fi
  NODE_REF=clair/node-runtime:${NODE_HASH:0:12}
  NODE_ALIAS=clair/node-runtime:$NODE_MAJOR
  BASE_REF=clair/debian-base:${BASE_HASH:0:12}
  BASE_ALIAS=clair/debian-base:$SUITE
}

print_refs() {
  printf 'CLAIR_IMAGE_NODE=%s\n' "$NODE_REF"
  local entry name tag var h ref alias
  for entry in "${THIN_REFS[@]}"; do
    read -r name tag var h ref alias <<<"$entry"
    printf '%s=%s\n' "$var" "$ref"
  done
}

# After a rebuild, the previous content-hash tags of our repositories are only clutter (the old
# Debian base alone is 385 MB). docker rmi without -f refuses images that containers still use,
# so a running stack keeps its image.
prune_superseded() {
  local keep=" $NODE_REF $BASE_REF " entry name tag var h ref alias t
  for entry in "${THIN_REFS[@]}"; do
    read -r name tag var h ref alias <<<"$entry"
    keep+="$ref "
  done
  for t in "${!TAG_ID[@]}"; do
    [[ ${t##*:} =~ ^[0-9a-f]{12}$ ]] || continue
    [[ $keep == *" $t "* ]] && continue
    if dk rmi "$t" >/dev/null 2>&1; then
      log "images: removed superseded $t"
    fi
  done
}

main() {
  local mode=${1:-build}
  case $mode in
    --list)
      compute_refs
      print_refs
      return
      ;;
    --check)
      compute_refs
      load_image_state
      local entry name tag var h ref alias absent=0
      has_image "$NODE_REF" "$NODE_HASH" || absent=1
      for entry in "${THIN_REFS[@]}"; do
        read -r name tag var h ref alias <<<"$entry"
        has_image "$ref" "$h" || absent=1
      done
      return "$absent"
      ;;
    build) ;;
    *) die "usage: $(basename "$0") [--list|--check]" ;;
  esac

  require_root
  take_lock
  docker_ready || die "no Docker daemon answers at $(docker_host); start ours with scripts/env/up.sh docker (or set CLAIR_DOCKER_HOST)."
  ensure_apt busybox-static ca-certificates "${THIN_HOST_PACKAGES[@]}"
  mkdir -p "$WORK"
  # Left over from a build that was killed.
  rm -rf "$WORK/tmp"
  rm -f "$CACHE"/.debian-base-*.tar 2>/dev/null || true
  mkdir -p "$WORK/tmp"

  compute_refs
  load_image_state
  ensure_image "$NODE_REF" "$NODE_ALIAS" "$NODE_HASH" build_node_runtime "$NODE_HASH" "$NODE_REF"
  ensure_image "$BASE_REF" "$BASE_ALIAS" "$BASE_HASH" build_debian_base "$BASE_HASH" "$BASE_REF"
  local entry name tag var h ref alias
  for entry in "${THIN_REFS[@]}"; do
    read -r name tag var h ref alias <<<"$entry"
    ensure_image "$ref" "$alias" "$h" build_thin "$name" "$h" "$ref" "$alias" "$BASE_REF"
  done
  rm -rf "$WORK/tmp"
  ((${#BUILT[@]} == 0)) || prune_superseded

  local b r
  for b in "${BUILT[@]}"; do log "images: built  $b"; done
  for r in "${REUSED[@]}"; do log "images: reused $r"; done
  print_refs
}

main "$@"
