#!/usr/bin/env python3
"""Benchmark: `berthctl history` over one repository of 2,000 tags, against 16 parallel curl
transfers fetching the same manifests and configs, measured in the same run on the same registry.

Targets (issue 3): cold cache within 1.2x of the curl figure; warm cache at most 0.6x of it.
  history_bench.py BUILD_DIR [--tags N] [--rounds R]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TESTBED = os.path.join(HERE, "..", "tests", "bed", "testbed.py")
ACCEPT = ("application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, "
          "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json")


def timed(cmd, env=None):
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"history_bench: {' '.join(cmd[:3])} failed: {result.stderr.strip()[:500]}")
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--tags", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    berthctl = os.path.join(os.path.abspath(args.build), "app", "berthctl")
    work = tempfile.mkdtemp(prefix="berth-bench-")
    state = os.path.join(work, "bed")
    try:
        subprocess.run([sys.executable, TESTBED, "start", state, "--only", "anonymous"], check=True,
                       stdout=subprocess.DEVNULL)
        registry = json.load(open(os.path.join(state, "bed.json")))["anonymous"]
        urls = os.path.join(work, "urls.txt")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_tags.py"), f"http://{registry}", "bench/history",
                        str(args.tags), urls], check=True)
        url_list = [u.strip() for u in open(urls) if u.strip()]
        curl_config = os.path.join(work, "curl.cfg")
        with open(curl_config, "w") as f:
            for u in url_list:
                f.write(f'url = "{u}"\noutput = "/dev/null"\n')

        baseline = ["curl", "--silent", "--fail", "--parallel", "--parallel-max", "16", "-H", f"Accept: {ACCEPT}",
                    "--config", curl_config]
        env = dict(os.environ)
        curl_times, cold_times, warm_times = [], [], []
        for round_ in range(args.rounds):
            curl_times.append(timed(baseline))
            cache = os.path.join(work, f"cache-{round_}")
            env.update(BERTH_CACHE_DIR=cache, BERTH_CONFIG_DIR=os.path.join(work, "config"),
                       DOCKER_CONFIG=os.path.join(work, "docker"))
            history = [berthctl, "history", f"{registry}/bench/history", "--json"]
            cold_times.append(timed(history, env))
            warm_times.append(timed(history, env))
        curl_s = statistics.median(curl_times)
        cold_s = statistics.median(cold_times)
        warm_s = statistics.median(warm_times)
        print(f"history over {args.tags} tags ({len(url_list)} manifests and configs), median of {args.rounds} rounds")
        print(f"  baseline: 16 parallel curl transfers   {curl_s:7.3f} s")
        print(f"  berthctl history, cold cache           {cold_s:7.3f} s   ratio {cold_s / curl_s:5.2f}  (target <= 1.20)")
        print(f"  berthctl history, warm cache           {warm_s:7.3f} s   ratio {warm_s / curl_s:5.2f}  (target <= 0.60)")
        ok = cold_s / curl_s <= 1.2 and warm_s / curl_s <= 0.6
        print("  result: " + ("within targets" if ok else "OUTSIDE targets"))
        return 0 if ok else 1
    finally:
        subprocess.run([sys.executable, TESTBED, "stop", state], stdout=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
