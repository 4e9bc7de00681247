#!/usr/bin/env bash
# Runs a built Berth program as a native one would run: packaging/launch.sh berth|berthctl [ARGS...]
# (the launchers that `packaging/dev.sh install` puts on the PATH call this).
#
# On Debian 13 the built program runs directly. On older hosts it runs inside the Debian 13 root
# (read-only) with what a desktop program needs from the host: the user's home, the current
# directory, /tmp (and the X11 socket in it), $XDG_RUNTIME_DIR (the session D-Bus for the keychain,
# the Wayland socket), the display variables and the host's user names. The environment is the
# caller's, so settings, logins and caches are the same as for a native program.
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
SRC="$(cd "$HERE/.." && pwd)"
BUILD="${BERTH_BUILD_DIR:-$SRC/build}"

program="${1:-}"
case "$program" in
    berth|berthctl) shift ;;
    *) echo "usage: $0 berth|berthctl [ARGS...]" >&2; exit 2 ;;
esac
binary="$BUILD/app/$program"
[ -x "$binary" ] || { echo "$program: $binary is not built yet; run packaging/dev.sh build (or install)" >&2; exit 1; }

# devroot.sh decides, as for the build: natively on Debian 13, else in its root.
if "$HERE/devroot.sh" native; then exec "$binary" "$@"; fi
ROOT="$("$HERE/devroot.sh" path)"
[ -x "$ROOT/bin/sh" ] || { echo "$program: the Debian 13 root $ROOT is missing; run packaging/dev.sh install" >&2; exit 1; }
command -v bwrap >/dev/null || { echo "$program: bwrap is missing; apt-get install bubblewrap" >&2; exit 1; }

# An unprivileged user cannot make mount points in the root, so a host path is bound at its
# nearest ancestor the root has (/home for /home/alice); paths under /run and /tmp are made freely.
mount_point() {
    local p="$1"
    case "$p/" in /run/*|/tmp/*) echo "$p"; return ;; esac
    while [ "$p" != / ] && [ ! -d "$ROOT$p" ]; do p="$(dirname "$p")"; done
    echo "$p"
}
bind() {
    local how="$1" m
    m="$(mount_point "$2")"
    if [ "$m" = / ]; then
        echo "$program: $2 cannot be shown inside the Debian 13 root; run packaging/dev.sh install as root once" >&2
        return
    fi
    args+=("$how" "$m" "$m")
}

args=(--ro-bind "$ROOT" / --dev /dev --proc /proc --tmpfs /run --die-with-parent
      --ro-bind /etc/resolv.conf /etc/resolv.conf --ro-bind /etc/passwd /etc/passwd --ro-bind /etc/group /etc/group
      --bind /tmp /tmp)
bind --ro-bind "$SRC"
# A build directory outside the checkout (BERTH_BUILD_DIR).
case "$BUILD/" in "$SRC"/*) ;; *) bind --ro-bind "$BUILD" ;; esac
[ -n "${HOME:-}" ] && [ -d "$HOME" ] && bind --bind "$HOME"
# The current directory, so that relative paths mean what they mean outside (unless bound already).
case "$PWD/" in
    /|/tmp/*|"$SRC"/*|"${HOME:-/nonexistent}"/*) ;;
    *) bind --bind "$PWD" ;;
esac
# The session bus, the keychain behind it and the Wayland socket live in the runtime directory;
# a bus at another path is bound on its own (abstract sockets need nothing: the network is shared).
if [ -n "${XDG_RUNTIME_DIR:-}" ] && [ -d "$XDG_RUNTIME_DIR" ]; then
    bind --bind "$XDG_RUNTIME_DIR"
fi
bus="${DBUS_SESSION_BUS_ADDRESS:-}"
case "$bus" in
    unix:path=*)
        socket="${bus#unix:path=}"; socket="${socket%%,*}"
        [ -S "$socket" ] && bind --bind "$socket" ;;
esac
[ -n "${XAUTHORITY:-}" ] && [ -f "$XAUTHORITY" ] && bind --ro-bind "$XAUTHORITY"
exec bwrap "${args[@]}" --chdir "$PWD" "$binary" "$@"
