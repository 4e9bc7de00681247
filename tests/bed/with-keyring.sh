#!/bin/sh
# Runs a command with a real, unlocked gnome-keyring (Secret Service) on the current D-Bus
# session bus. Used under dbus-run-session, so that every keychain test has a bus and keyring
# of its own and never touches the user's.
set -eu
command -v gnome-keyring-daemon >/dev/null || { echo "with-keyring: gnome-keyring-daemon is not installed" >&2; exit 1; }
home=$(mktemp -d /tmp/berth-keyring.XXXXXX)
trap 'kill "${GNOME_KEYRING_PID:-0}" 2>/dev/null || true; rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# --unlock reads the password on stdin and creates the login keyring when there is none.
eval "$(printf 'berth-test-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
GNOME_KEYRING_PID=$(pgrep -n gnome-keyring-d || true)
"$@"
