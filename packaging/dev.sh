#!/usr/bin/env bash
# One entry point for developers and CI (see README.md):
#   packaging/dev.sh demo     build Berth, start the seeded demo registry, open Berth on it
#   packaging/dev.sh test     build Berth and run the whole test suite (what CI runs)
#   packaging/dev.sh build    build only
#   packaging/dev.sh bench    build with benchmarks and run them
# Everything runs with Debian 13's packages: natively on Debian 13, else in the build root that
# packaging/devroot.sh creates and reuses.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$(cd "$HERE/.." && pwd)"
BUILD="${BERTH_BUILD_DIR:-$SRC/build}"
JOBS="${BERTH_JOBS:-2}"
# Warnings are errors here as in CI, so that a build that passes locally passes there.
WERROR="${BERTH_WERROR:-ON}"

inside() { BERTH_BUILD_DIR="$BUILD" "$HERE/devroot.sh" run "$@"; }

configure_and_build() {
    inside bash -c "
        set -e
        cmake -S '$SRC' -B '$BUILD' -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBERTH_WERROR=$WERROR >/dev/null \
            || { echo 'dev.sh: cmake could not configure the build; see the messages above' >&2; exit 1; }
        cmake --build '$BUILD' -j $JOBS
    "
}

cmd="${1:-}"; shift || true
case "$cmd" in
    build)
        "$HERE/devroot.sh" ensure
        configure_and_build ;;
    test)
        "$HERE/devroot.sh" ensure
        configure_and_build
        # The bed's state lives in the build dir; a stale one from a killed run is stopped first.
        inside python3 "$SRC/tests/bed/testbed.py" stop "$BUILD/testbed" >/dev/null 2>&1 || true
        inside bash -c "cd '$BUILD' && ctest --output-on-failure -j $JOBS --timeout 600 $*" ;;
    demo)
        "$HERE/devroot.sh" ensure
        configure_and_build
        screenshot="${BERTH_DEMO_SCREENSHOT:-$SRC/demo-screenshot.png}"
        display_args=()
        inside bash -c "
            set -e
            state=\$(mktemp -d /tmp/berth-demo.XXXXXX)
            trap 'python3 \"$SRC/tests/bed/testbed.py\" stop \"\$state\" >/dev/null 2>&1 || true' EXIT
            python3 '$SRC/tests/bed/testbed.py' start \"\$state\" --demo
            registry=\$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[\"anonymous\"])' \"\$state/bed.json\")
            echo \"dev.sh: demo registry on \$registry\"
            export BERTH_CONFIG_DIR=\"\$state/config\" BERTH_CACHE_DIR=\"\$state/cache\"
            if [ -z \"\${DISPLAY:-}\${WAYLAND_DISPLAY:-}\" ]; then
                echo 'dev.sh: no display: Berth runs offscreen and saves a screenshot of its window'
                '$BUILD/app/berth' --registry \"\$registry\" --screenshot '$screenshot'
                echo 'dev.sh: screenshot in $screenshot'
            else
                '$BUILD/app/berth' --registry \"\$registry\"
            fi
        " ;;
    bench)
        "$HERE/devroot.sh" ensure
        configure_and_build
        inside bash "$SRC/bench/run.sh" "$BUILD" ;;
    *)
        sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
