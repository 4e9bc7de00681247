#!/usr/bin/env python3
"""Benchmark: listing a ~200 MB gzip layer against `tar -tzf` on the same file, in the same run,
and the peak memory of the listing against the same program doing nothing.

Targets (issue 5): at least 90% of tar's speed; peak RSS grows by under 50 MB.
  layer_bench.py BUILD_DIR [--megabytes 200] [--rounds 3]
The layer is made once from this system's /usr (real binaries and libraries) and kept in
/var/tmp/berth-bench-layer.tar.gz.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

LAYER = "/var/tmp/berth-bench-layer.tar.gz"


def make_layer(megabytes):
    if os.path.exists(LAYER) and os.path.getsize(LAYER) >= megabytes * 1_000_000 * 0.95:
        return
    print(f"layer_bench: making a {megabytes} MB gzip layer from /usr (once)", file=sys.stderr)
    tmp = LAYER + ".partial"
    # tar stops at the size limit: head cuts the compressed stream, so write, then trim by input.
    files = subprocess.run(["find", "/usr/lib", "/usr/share", "/usr/bin", "-xdev", "-type", "f"], capture_output=True,
                           text=True).stdout.split("\n")
    chosen, total = [], 0
    for f in files:
        if not f:
            continue
        try:
            total += os.path.getsize(f)
        except OSError:
            continue
        chosen.append(f)
        if total > megabytes * 1_000_000 * 3:  # libraries compress about 3:1
            break
    listfile = LAYER + ".files"
    with open(listfile, "w") as out:
        out.write("\n".join(chosen))
    subprocess.run(["tar", "-czf", tmp, "--files-from", listfile], check=True, stderr=subprocess.DEVNULL)
    os.replace(tmp, LAYER)
    os.remove(listfile)


def run(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"layer_bench: {cmd[0]} failed: {proc.stderr.read().decode()[:300]}")
    return elapsed, usage.ru_maxrss / 1024.0  # MiB


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    make_layer(args.megabytes)
    bench = os.path.join(os.path.abspath(args.build), "bench", "berth_layer_bench")
    media = "application/vnd.oci.image.layer.v1.tar+gzip"
    tar_times, berth_times, berth_rss = [], [], []
    for _ in range(args.rounds):
        tar_times.append(run(["tar", "-tzf", LAYER])[0])
        t, rss = run([bench, LAYER, media])
        berth_times.append(t)
        berth_rss.append(rss)
    _, idle_rss = run([bench, "--noop"])
    counted = subprocess.run([bench, LAYER, media], capture_output=True, text=True).stdout.strip()
    size = os.path.getsize(LAYER) / 1e6
    tar_s, berth_s, rss = statistics.median(tar_times), statistics.median(berth_times), max(berth_rss)
    speed = tar_s / berth_s
    print(f"listing a {size:.0f} MB gzip layer ({counted}), median of {args.rounds} rounds")
    print(f"  baseline: tar -tzf          {tar_s:6.2f} s")
    print(f"  Berth's listing             {berth_s:6.2f} s   speed {speed * 100:5.1f}% of tar  (target >= 90%)")
    print(f"  peak RSS {rss:6.1f} MiB, idle {idle_rss:6.1f} MiB: grows by {rss - idle_rss:5.1f} MiB  (target < 50)")
    ok = speed >= 0.9 and rss - idle_rss < 50
    print("  result: " + ("within targets" if ok else "OUTSIDE targets"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
