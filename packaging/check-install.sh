#!/usr/bin/env bash
# Checks the two ways a user gets Berth, from the host (packaging/dev.sh test runs it after the suite):
#  1. the launchers of `packaging/dev.sh install`, run by an ordinary user from a directory outside
#     the checkout: berthctl reads a policy file in that user's home, berth saves a screenshot there;
#  2. the .deb, installed with apt into a clean Debian 13 root (debootstrap minbase, kept in
#     $BERTH_CLEANROOT and copied for each run so it stays clean): berthctl --help and
#     berth --screenshot run from /usr/bin.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$(cd "$HERE/.." && pwd)"
BUILD="${BERTH_BUILD_DIR:-$SRC/build}"
DEVROOT="${BERTH_DEVROOT:-/var/cache/berth/trixie-root}"
CLEANROOT="${BERTH_CLEANROOT:-/var/cache/berth/trixie-clean}"
MIRROR="${BERTH_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

say() { echo "check-install: $*"; }
die() { echo "check-install: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (it creates a Debian root and switches to an unprivileged user)"

work="$(mktemp -d /tmp/berth-check-install.XXXXXX)"
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"

# --- 1. launchers, as user nobody with a home of its own ------------------------------------
prefix="$work/prefix"
home="$work/home"
mkdir -p "$home/projects"
BERTH_BUILD_DIR="$BUILD" "$SRC/packaging/dev.sh" install "$prefix" >/dev/null 2>"$work/install.err" || { cat "$work/install.err"; die "dev.sh install"; }
cat > "$home/policy.json" <<'EOF'
{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}
EOF
chown -R nobody:nogroup "$home"
as_user() {
    (cd "$home/projects" && env -i HOME="$home" PATH="$prefix/bin:/usr/bin:/bin" LANG=C.UTF-8 \
        setpriv --reuid=65534 --regid=65534 --clear-groups "$@")
}
out="$(as_user berthctl retention check --policy "$home/policy.json" 2>&1)" || die "berthctl from the launcher: $out"
echo "$out" | grep -q "untagged" || die "berthctl did not read the policy in the user's home: $out"
out="$(as_user sh -c 'berthctl retention check --policy ../policy.json' 2>&1)" || die "a path relative to the current directory: $out"
as_user berth --screenshot "$home/launcher.png" >/dev/null 2>"$work/berth.err" || { cat "$work/berth.err"; die "berth from the launcher"; }
[ -s "$home/launcher.png" ] || die "berth saved no screenshot"
grep -q "^Exec=$prefix/bin/berth$" "$prefix/share/applications/app.berth.Berth.desktop" || die "the menu entry does not run the launcher"
say "launchers: berthctl and berth run as an ordinary user from $home/projects"

# --- 2. the .deb in a clean Debian 13 root ----------------------------------------------------
# (Built into the build directory: the dev root has a /tmp of its own.)
rm -rf "$BUILD/package"
BERTH_BUILD_DIR="$BUILD" "$SRC/packaging/devroot.sh" run bash -c "cd '$BUILD' && cpack -G DEB -B '$BUILD/package' >/dev/null 2>'$BUILD/package.log'" \
    || { cat "$BUILD/package.log"; die "cpack"; }
deb="$(ls "$BUILD"/package/*.deb)"
# No run path in the packaged programs: Debian's policy forbids one to system directories, and
# the loader would look there (or, for an empty entry, in the working directory) before its cache.
runpaths="$(BERTH_BUILD_DIR="$BUILD" "$SRC/packaging/devroot.sh" run bash -c "rm -rf '$BUILD/package/unpacked' && dpkg-deb -x '$deb' '$BUILD/package/unpacked' \
    && readelf -d '$BUILD/package/unpacked/usr/bin/berth' '$BUILD/package/unpacked/usr/bin/berthctl'")" || die "readelf of the packaged programs"
! echo "$runpaths" | grep -E "\((RPATH|RUNPATH)\)" || die "a packaged program carries a run path"
if [ ! -x "$CLEANROOT/bin/sh" ]; then
    say "creating a clean Debian 13 root in $CLEANROOT (debootstrap, about a minute)"
    rm -rf "$CLEANROOT.partial"
    debootstrap --variant=minbase trixie "$CLEANROOT.partial" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
        || { tail -20 "$work/debootstrap.log"; die "debootstrap"; }
    mv "$CLEANROOT.partial" "$CLEANROOT"
fi
root="$work/root"
cp -a "$CLEANROOT" "$root"
# The packages the dev root downloaded already, so that the install needs (almost) no network.
if [ -d "$DEVROOT/var/cache/apt/archives" ]; then
    cp -aln "$DEVROOT"/var/cache/apt/archives/*.deb "$root/var/cache/apt/archives/" 2>/dev/null \
        || cp -an "$DEVROOT"/var/cache/apt/archives/*.deb "$root/var/cache/apt/archives/" || true
fi
cp "$deb" "$root/tmp/"
in_clean() {
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
        bwrap --bind "$root" / --dev /dev --proc /proc --ro-bind /etc/resolv.conf /etc/resolv.conf --die-with-parent "$@"
}
in_clean apt-get update -q >"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log"; die "apt-get update in the clean root"; }
start=$(date +%s)
in_clean apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" >>"$work/apt.log" 2>&1 \
    || { tail -30 "$work/apt.log"; die "apt-get install of $(basename "$deb")"; }
say "installed $(basename "$deb") with apt in $(( $(date +%s) - start )) s ($(grep -c '^Unpacking' "$work/apt.log") packages)"
[ "$(in_clean sh -c 'command -v berthctl')" = /usr/bin/berthctl ] || die "berthctl is not /usr/bin/berthctl"
help="$(in_clean berthctl --help)" || die "berthctl --help in the clean root"
echo "$help" | grep -q "^Usage: berthctl" || die "berthctl --help printed: $help"
# The keychain module (LIBDIR/berth) is found by the installed program: without a session bus the
# keychain itself answers (that it cannot be reached), not "module missing".
out="$(in_clean berthctl logout registry.example 2>&1)" || true
! echo "$out" | grep -q "keychain module" || die "the installed berthctl cannot load its keychain module: $out"
echo "$out" | grep -q "from the keychain: " || die "berthctl logout did not reach the keychain: $out"
# libarchive, opened on first use, is installed with the package and found: a file that is not a
# tar is refused by libarchive's reader, not by a missing library.
echo "not a tar" > "$root/tmp/notatar.tar"
out="$(in_clean berthctl cp docker-archive:/tmp/notatar.tar:a:b 127.0.0.1:9/x --dry-run 2>&1)" && die "berthctl read a file that is no tar: $out"
echo "$out" | grep -q "as a tar archive" || die "the installed berthctl could not use libarchive: $out"
in_clean berth --screenshot /tmp/deb.png >/dev/null 2>"$work/berth.err" || { cat "$work/berth.err"; die "berth --screenshot in the clean root"; }
[ -s "$root/tmp/deb.png" ] || die "berth saved no screenshot in the clean root"
cp "$root/tmp/deb.png" "$BUILD/deb-install-screenshot.png"
say "package: berthctl --help, its keychain module and libarchive, and berth --screenshot run from the .deb in a clean Debian 13 root"
