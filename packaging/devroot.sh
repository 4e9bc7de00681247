#!/usr/bin/env bash
# Berth's build environment: Debian 13 ("trixie") packages, natively or in a build root.
#
#   packaging/devroot.sh ensure        make sure the packages are there (native or in the root)
#   packaging/devroot.sh run CMD...    run CMD with those packages (inside the root when one is used)
#   packaging/devroot.sh shell         an interactive shell in the same environment
#
# On Debian 13 the packages are installed natively with apt-get. On older hosts (Debian 12 has
# no KF6) a Debian 13 root is created once with debootstrap and entered with bwrap. The root lives
# outside the checkout, in $BERTH_DEVROOT (default /var/cache/berth/trixie-root), and is reused.
set -euo pipefail

ROOT="${BERTH_DEVROOT:-/var/cache/berth/trixie-root}"
MIRROR="${BERTH_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$(cd "$HERE/.." && pwd)"
PACKAGES_FILE="$HERE/debian13-packages.txt"

die() { echo "devroot: $*" >&2; exit 1; }
say() { echo "devroot: $*" >&2; }

packages() { grep -v '^\s*#' "$PACKAGES_FILE" | tr -s ' \n' ' '; }
# A stamp records which package list the root holds, so an edited list triggers an install.
stamp_of() { sha256sum "$PACKAGES_FILE" | cut -c1-16; }

host_is_trixie() {
    [ -r /etc/os-release ] && . /etc/os-release && [ "${ID:-}" = debian ] && [ "${VERSION_ID:-}" = 13 ]
}

use_native() {
    [ "${BERTH_DEVROOT_NATIVE:-}" = 1 ] && return 0
    [ "${BERTH_DEVROOT_NATIVE:-}" = 0 ] && return 1
    host_is_trixie
}

need_root_user() { [ "$(id -u)" = 0 ] || die "this step installs packages and must run as root (try: sudo $0 $*)"; }

apt_install_native() {
    need_root_user
    local stamp=/var/lib/berth-devroot.stamp
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(stamp_of)" ]; then return 0; fi
    say "installing Debian 13 packages natively"
    DEBIAN_FRONTEND=noninteractive apt-get update -q || die "apt-get update failed: check the network and /etc/apt/sources.list"
    # shellcheck disable=SC2046
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(packages) \
        || die "apt-get install failed; see the message above"
    stamp_of > "$stamp"
}

host_tools() {
    local missing=()
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    command -v bwrap >/dev/null || missing+=(bubblewrap)
    [ ${#missing[@]} = 0 ] && return 0
    need_root_user
    say "installing host tools: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" \
        || die "could not install ${missing[*]} on the host; install them with apt-get and retry"
}

# bwrap arguments shared by every entry into the root.
bwrap_args() {
    local args=(--bind "$ROOT" / --dev /dev --proc /proc --perms 1777 --tmpfs /tmp --tmpfs /run
        --ro-bind /etc/resolv.conf /etc/resolv.conf
        --bind "$SRC" "$SRC" --die-with-parent
        --setenv HOME /root --setenv LANG C.UTF-8 --setenv PATH /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
    # A desktop session on the host: let Berth open its window there.
    if [ -n "${DISPLAY:-}" ] && [ -d /tmp/.X11-unix ]; then
        args+=(--ro-bind /tmp/.X11-unix /tmp/.X11-unix --setenv DISPLAY "$DISPLAY")
        [ -n "${XAUTHORITY:-}" ] && [ -f "$XAUTHORITY" ] && args+=(--ro-bind "$XAUTHORITY" "$XAUTHORITY" --setenv XAUTHORITY "$XAUTHORITY")
    fi
    # CI=true turns warnings into errors; it must reach the build inside the root.
    [ -n "${CI:-}" ] && args+=(--setenv CI "$CI")
    [ -n "${BERTH_BUILD_DIR:-}" ] && mkdir -p "$BERTH_BUILD_DIR" && args+=(--bind "$BERTH_BUILD_DIR" "$BERTH_BUILD_DIR")
    printf '%s\0' "${args[@]}"
}

in_root() {
    local args=()
    while IFS= read -r -d '' a; do args+=("$a"); done < <(bwrap_args)
    bwrap "${args[@]}" --chdir "$PWD" "$@"
}

create_root() {
    need_root_user
    host_tools
    local partial="$ROOT.partial"
    rm -rf "$partial"
    mkdir -p "$(dirname "$ROOT")"
    say "creating a Debian 13 root in $ROOT (debootstrap, about a minute)"
    if ! debootstrap --variant=minbase trixie "$partial" "$MIRROR" > "$partial.log" 2>&1; then
        tail -n 20 "$partial.log" >&2
        die "debootstrap failed (log: $partial.log). Check that $MIRROR is reachable, then rerun."
    fi
    rm -f "$partial.log"
    mv "$partial" "$ROOT"
}

install_in_root() {
    local stamp="$ROOT/var/lib/berth-devroot.stamp"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(stamp_of)" ]; then return 0; fi
    say "installing Debian 13 packages in the root"
    in_root env DEBIAN_FRONTEND=noninteractive apt-get update -q \
        || die "apt-get update inside the root failed: check the network"
    # shellcheck disable=SC2046
    in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(packages) \
        || die "apt-get install inside the root failed; see the message above"
    stamp_of > "$stamp"
}

ensure() {
    if use_native; then apt_install_native; return; fi
    host_tools
    [ -x "$ROOT/bin/sh" ] || create_root
    install_in_root
}

cmd="${1:-}"; shift || true
case "$cmd" in
    ensure) ensure ;;
    run)
        [ $# -gt 0 ] || die "usage: $0 run COMMAND..."
        ensure
        if use_native; then exec "$@"; else in_root "$@"; fi ;;
    shell) ensure; if use_native; then exec bash; else in_root bash; fi ;;
    path) echo "$ROOT" ;;
    native) use_native ;; # exit 0 when Debian 13's packages are the host's own (packaging/launch.sh asks)
    *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
