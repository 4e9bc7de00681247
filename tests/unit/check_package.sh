#!/bin/sh
# Builds the .deb from the build tree and checks what a user gets when installing it.
set -eu
build="$1"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$build"
cpack -G DEB -B "$out" >/dev/null
deb=$(ls "$out"/*.deb)
contents=$(dpkg-deb -c "$deb")
for f in usr/bin/berth usr/bin/berthctl usr/share/applications/app.berth.Berth.desktop \
         usr/share/metainfo/app.berth.Berth.metainfo.xml usr/share/icons/hicolor/scalable/apps/app.berth.Berth.svg; do
    echo "$contents" | grep -q " ./$f\$" || { echo "missing from $(basename "$deb"): $f"; exit 1; }
done
dpkg-deb -f "$deb" Package Version Depends
echo "package ok: $(basename "$deb")"
