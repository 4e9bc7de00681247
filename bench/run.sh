#!/usr/bin/env bash
# Runs every benchmark against the build in $1 (packaging/dev.sh bench calls this inside the dev root).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD="${1:?usage: bench/run.sh BUILD_DIR}"
status=0
python3 "$HERE/history_bench.py" "$BUILD" || status=1
python3 "$HERE/gui_bench.py" "$BUILD" || status=1
python3 "$HERE/layer_bench.py" "$BUILD" || status=1
python3 "$HERE/provider_bench.py" "$BUILD" || status=1
python3 "$HERE/ecr_bench.py" "$BUILD" || status=1
python3 "$HERE/harbor_bench.py" "$BUILD" || status=1
python3 "$HERE/copy_bench.py" "$BUILD" || status=1
python3 "$HERE/watch_bench.py" "$BUILD" || status=1
"$BUILD/bench/berth_retention_bench" || status=1
exit $status
