#!/usr/bin/env bash
# One entry point for developers and CI (see README.md):
#   packaging/dev.sh demo     build Berth, start the seeded demo registry, open Berth on it
#   packaging/dev.sh test     build Berth and run the whole test suite, the install check, then the
#                             suite again under ASan and UBSan (what CI runs)
#   packaging/dev.sh build    build only
#   packaging/dev.sh bench    build with benchmarks and run them
#   packaging/dev.sh fuzz [SECONDS [TARGET...]]  fuzz every parser (or the TARGETs named, e.g.
#                             ecr_page) for SECONDS each (default 60) with clang's libFuzzer, ASan
#                             and UBSan (build dir build-fuzz); prints the campaign
#   packaging/dev.sh sanitize [CTEST ARGS]  the whole suite under AddressSanitizer and UBSan (build-asan)
#   packaging/dev.sh tsan     the tests that use worker threads under ThreadSanitizer (build-tsan)
#   packaging/dev.sh install [PREFIX]   build, then put berth and berthctl launchers in PREFIX/bin
#                             and Berth in the desktop menu (PREFIX: /usr/local for root, else ~/.local)
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

# Launchers that run the built programs through packaging/launch.sh, a menu entry and its icon.
install_launchers() {
    local prefix="$1"
    mkdir -p "$prefix/bin" "$prefix/share/applications" "$prefix/share/icons/hicolor/scalable/apps"
    for program in berth berthctl; do
        printf '#!/bin/sh\n# Installed by packaging/dev.sh install from %s\nexec %q %s "$@"\n' \
            "$SRC" "$HERE/launch.sh" "$program" > "$prefix/bin/$program"
        chmod 755 "$prefix/bin/$program"
    done
    sed "s|^Exec=berth\$|Exec=$prefix/bin/berth|" "$SRC/resources/app.berth.Berth.desktop" > "$prefix/share/applications/app.berth.Berth.desktop"
    cp "$SRC/resources/icons/berth.svg" "$prefix/share/icons/hicolor/scalable/apps/app.berth.Berth.svg"
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
    echo "dev.sh: installed berth and berthctl in $prefix/bin and Berth in the desktop menu"
    case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "dev.sh: add $prefix/bin to your PATH to run them by name" ;; esac
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
        inside bash -c "cd '$BUILD' && ctest --output-on-failure -j $JOBS --timeout 600 $*"
        # What a user installs, checked from the host: the launchers and the .deb (needs root).
        if [ $# = 0 ]; then
            if [ "$(id -u)" = 0 ]; then BERTH_BUILD_DIR="$BUILD" "$HERE/check-install.sh"
            else echo "dev.sh: the install check (packaging/check-install.sh) needs root; it was not run"; fi
            # Then the whole suite again under AddressSanitizer and UBSan (build-asan/, ~15 min to
            # build on 2 cores); BERTH_SKIP_SANITIZE=1 leaves it out of a quick local run.
            if [ "${BERTH_SKIP_SANITIZE:-0}" != 1 ]; then "$0" sanitize
            else echo "dev.sh: BERTH_SKIP_SANITIZE=1: the sanitizer suite was not run"; fi
        fi ;;
    demo)
        "$HERE/devroot.sh" ensure
        configure_and_build
        screenshot="${BERTH_DEMO_SCREENSHOT:-$SRC/demo-screenshot.png}"
        shots="${BERTH_DEMO_SCREENSHOTS:-$SRC/demo-screenshots}"
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
                echo 'dev.sh: no display: Berth runs offscreen and saves its views in $shots'
                '$BUILD/app/berth' --registry \"\$registry\" --open demo/webapp:latest --compare-with 1.2.0 --screenshots '$shots'
                cp '$shots/main.png' '$screenshot'
                echo 'dev.sh: the main window in $screenshot; Trust, Files, Timeline, the size chart and Compare beside it in $shots'
            else
                '$BUILD/app/berth' --registry \"\$registry\" --open demo/webapp:latest
            fi
        " ;;
    sanitize)
        "$HERE/devroot.sh" ensure
        ASAN_BUILD="${BERTH_ASAN_BUILD_DIR:-$SRC/build-asan}"
        BERTH_BUILD_DIR="$ASAN_BUILD" "$HERE/devroot.sh" run bash -c "
            set -e
            cmake -S '$SRC' -B '$ASAN_BUILD' -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBERTH_SANITIZE=address,undefined \
                -DBERTH_BUILD_BENCHMARKS=OFF >/dev/null
            cmake --build '$ASAN_BUILD' -j $JOBS
            python3 '$SRC/tests/bed/testbed.py' stop '$ASAN_BUILD/testbed' >/dev/null 2>&1 || true
            # Leaks are the fuzz campaign's to find (Qt and QtKeychain keep some at exit); UB halts.
            cd '$ASAN_BUILD' && ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
                ctest --output-on-failure -j $JOBS --timeout 600 $*
        " ;;
    tsan)
        # ThreadSanitizer over the tests whose code runs on worker threads (layer listing, retention
        # evaluation, the tag history's background writes). Debian's Qt is not built with TSan, so
        # hand-offs through QThreadPool/QFuture are invisible to it: see tests/tsan.supp.
        "$HERE/devroot.sh" ensure
        TSAN_BUILD="${BERTH_TSAN_BUILD_DIR:-$SRC/build-tsan}"
        tests="tst_layerlisting tst_retention tst_watchjournal tst_imagemodel tst_history tst_layer_files"
        BERTH_BUILD_DIR="$TSAN_BUILD" "$HERE/devroot.sh" run bash -c "
            set -e
            cmake -S '$SRC' -B '$TSAN_BUILD' -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBERTH_SANITIZE=thread -DBERTH_BUILD_GUI=OFF \
                -DBERTH_BUILD_BENCHMARKS=OFF >/dev/null
            cmake --build '$TSAN_BUILD' -j $JOBS --target berthctl testbed_ocireg $tests
            python3 '$SRC/tests/bed/testbed.py' stop '$TSAN_BUILD/testbed' >/dev/null 2>&1 || true
            cd '$TSAN_BUILD' && TSAN_OPTIONS='suppressions=$SRC/tests/tsan.supp report_signal_unsafe=0' \
                ctest --output-on-failure -j $JOBS --timeout 900 -R '^($(echo $tests | tr ' ' '|'))\$' $*
        " ;;
    fuzz)
        "$HERE/devroot.sh" ensure
        FUZZ_BUILD="${BERTH_FUZZ_BUILD_DIR:-$SRC/build-fuzz}"
        BERTH_BUILD_DIR="$FUZZ_BUILD" "$HERE/devroot.sh" run bash -c "
            set -e
            CC=clang CXX=clang++ cmake -S '$SRC' -B '$FUZZ_BUILD' -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBERTH_FUZZ=ON \
                -DBERTH_BUILD_GUI=OFF -DBERTH_BUILD_BENCHMARKS=OFF >/dev/null
            cmake --build '$FUZZ_BUILD' -j $JOBS --target fuzz_targets
            BERTH_FUZZ_ONLY='${*:2}' python3 '$SRC/bench/fuzz_campaign.py' '$FUZZ_BUILD' '${1:-60}'
        " ;;
    install)
        "$HERE/devroot.sh" ensure
        configure_and_build
        install_launchers "${1:-${BERTH_PREFIX:-$([ "$(id -u)" = 0 ] && echo /usr/local || echo "$HOME/.local")}}" ;;
    bench)
        "$HERE/devroot.sh" ensure
        configure_and_build
        inside bash "$SRC/bench/run.sh" "$BUILD" ;;
    *)
        sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
