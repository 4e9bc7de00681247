#!/usr/bin/env python3
"""Benchmark: the tag table with 10,000 tags (sort by created, filter) and the longest GUI-thread
stall while the main window loads a 2,000-tag repository from a real registry.

  gui_bench.py BUILD_DIR [--tags N]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import statistics
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TESTBED = os.path.join(HERE, "..", "tests", "bed", "testbed.py")


def first_paint(bench, state, registry, env, rounds=3):
    """The window's first paint with ten registries in the sidebar (the bed's registry and nine more
    docker-registry servers over the same storage), from process start, against the empty window."""
    sys.path.insert(0, os.path.dirname(TESTBED))
    import testbed
    bed = testbed.Bed(state)
    storage = os.path.join(state, "storage")
    registries = [registry] + [f"127.0.0.1:{bed.registry(f'registry-extra-{i}', storage, 'bench-secret')}" for i in range(9)]

    def measure(args):
        rows = []
        for _ in range(rounds):
            start = time.perf_counter()
            out = subprocess.run([bench, "firstpaint"] + args, env=env, capture_output=True, text=True, check=True).stdout
            wall = (time.perf_counter() - start) * 1000
            row = json.loads(out.split("FIRSTPAINT_JSON ", 1)[1])
            row["wall_ms"] = wall
            rows.append(row)
        return {k: statistics.median(r[k] for r in rows) for k in ("main_ms", "first_paint_ms", "settled_ms", "wall_ms")}

    empty = measure([])
    ten = measure(registries)
    print(f"main window first paint, from process start (median of {rounds})")
    print(f"  with 10 registries  first paint {ten['first_paint_ms']:6.0f} ms   all 10 loaded {ten['settled_ms']:6.0f} ms"
          f"   (main() reached at {ten['main_ms']:.0f} ms)")
    print(f"  baseline, no registry  first paint {empty['first_paint_ms']:6.0f} ms")
    print(f"  first paint costs {ten['first_paint_ms'] - empty['first_paint_ms']:+.0f} ms for ten registries")
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--tags", type=int, default=2000)
    args = parser.parse_args()
    bench = os.path.join(os.path.abspath(args.build), "bench", "berth_gui_bench")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    status = subprocess.run([bench, "table", "10000"], env=env).returncode
    work = tempfile.mkdtemp(prefix="berth-gui-bench-")
    state = os.path.join(work, "bed")
    try:
        subprocess.run([sys.executable, TESTBED, "start", state, "--only", "anonymous"], check=True, stdout=subprocess.DEVNULL)
        registry = json.load(open(os.path.join(state, "bed.json")))["anonymous"]
        subprocess.run([sys.executable, os.path.join(HERE, "gen_tags.py"), f"http://{registry}", "bench/history",
                        str(args.tags), os.path.join(work, "urls.txt")], check=True)
        env.update(BERTH_CONFIG_DIR=os.path.join(work, "config"), BERTH_CACHE_DIR=os.path.join(work, "cache"),
                   DOCKER_CONFIG=os.path.join(work, "docker"))
        status |= subprocess.run([bench, "stall", registry, "bench/history", str(args.tags)], env=env).returncode
        status |= first_paint(bench, state, registry, env)
    finally:
        subprocess.run([sys.executable, TESTBED, "stop", state], stdout=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
