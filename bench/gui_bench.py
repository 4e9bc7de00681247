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
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TESTBED = os.path.join(HERE, "..", "tests", "bed", "testbed.py")


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
        status |= subprocess.run([bench, "stall", registry, "bench/history"], env=env).returncode
    finally:
        subprocess.run([sys.executable, TESTBED, "stop", state], stdout=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
