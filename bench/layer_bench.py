#!/usr/bin/env python3
"""Benchmark: listing a ~200 MB gzip layer against `tar -tzf` on the same file, in the same run,
and the peak memory of the listing against the same program doing nothing.

Targets (issue 5): at least 90% of tar's speed; peak RSS grows by under 50 MB. The same file handed
to the listing in pieces through LayerStream, as a download hands it (issue 18): its peak RSS at most
0.9 MiB above the listing from the file, the price of no temporary file.

Then the same layer from a registry (issue 18): `berthctl files REF --layer DIGEST` lists it while
it downloads, against `curl | tar -tz` and a plain `curl` download in the same run; its peak RSS
against the same command answered from the listing cache, and the bytes it wrote to disk (no
temporary file). Peak RSS is taken by berth_peak_rss: a child of this script would inherit its RSS.
  layer_bench.py BUILD_DIR [--megabytes 200] [--rounds 3]
The layer is made once from this system's /usr (real binaries and libraries) and kept in
/var/tmp/berth-bench-layer.tar.gz.
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

from measured import Running, run as measured_run

LAYER = "/var/tmp/berth-bench-layer.tar.gz"
HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = None  # the build directory, set in main()
TESTBED = os.path.join(HERE, "..", "tests", "bed", "testbed.py")


def make_layer(megabytes):
    if os.path.exists(LAYER) and os.path.getsize(LAYER) >= megabytes * 1_000_000 * 0.9:
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
    """Seconds and peak RSS (MiB) of cmd."""
    measured = measured_run(BUILD, cmd, what="layer_bench")
    return measured.seconds, measured.peak_mib


def run_watching_writes(cmd, env):
    """Like run(), also sampling /proc/PID/io for the most bytes the process had written to storage."""
    running = Running(BUILD, cmd, env)
    written = 0
    while not running.done():
        try:
            with open(f"/proc/{running.pid}/io") as io:
                fields = dict(line.split(": ") for line in io.read().splitlines())
            written = max(written, int(fields["write_bytes"]))
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.01)
    measured = running.finish("layer_bench")
    return measured.seconds, measured.peak_mib, written


def from_registry(build, rounds):
    sys.path.insert(0, os.path.join(HERE, "..", "tests", "bed"))
    import seed
    work = tempfile.mkdtemp(prefix="berth-layer-bench-")
    state = os.path.join(work, "bed")
    berthctl = os.path.join(os.path.abspath(build), "app", "berthctl")
    try:
        subprocess.run([sys.executable, TESTBED, "start", state, "--only", "anonymous"], check=True, stdout=subprocess.DEVNULL)
        registry = json.load(open(os.path.join(state, "bed.json")))["anonymous"]
        reg = seed.Registry(f"http://{registry}")
        data = open(LAYER, "rb").read()
        layer = reg.push_blob("bench/layer", data)
        config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": []}}).encode()
        manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                               "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": len(config),
                                          "digest": reg.push_blob("bench/layer", config)},
                               "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "size": len(data),
                                           "digest": layer}]}).encode()
        reg.push_manifest("bench/layer", "big", manifest, "application/vnd.oci.image.manifest.v1+json")
        layer_bytes = len(data)
        del data  # not in the children's memory
        url = f"http://{registry}/v2/bench/layer/blobs/{layer}"
        env = dict(os.environ, BERTH_CONFIG_DIR=os.path.join(work, "config"), DOCKER_CONFIG=os.path.join(work, "docker"))
        curl_times, pipe_times, berth_times, berth_rss, berth_written, small_rss = [], [], [], [], [], []
        for round_ in range(rounds):
            curl_times.append(run(["curl", "-sf", "-o", "/dev/null", url])[0])
            pipe_times.append(run(["sh", "-c", f"curl -sf {url} | tar -tz > /dev/null"])[0])
            env["BERTH_CACHE_DIR"] = os.path.join(work, f"cache-{round_}")  # cold: the listing is not cached
            t, rss, written = run_watching_writes([berthctl, "files", f"{registry}/bench/layer:big", "--layer", layer, "--json"], env)
            berth_times.append(t)
            berth_rss.append(rss)
            berth_written.append(written)
            # The same listing again, now from the listing cache: same output, no download. The
            # difference in peak RSS is what streaming the layer costs.
            small_rss.append(run_watching_writes([berthctl, "files", f"{registry}/bench/layer:big", "--layer", layer, "--json"], env)[1])
        curl_s, pipe_s, berth_s = statistics.median(curl_times), statistics.median(pipe_times), statistics.median(berth_times)
        rss, base_rss, written = statistics.median(berth_rss), statistics.median(small_rss), max(berth_written)
        print(f"listing the {layer_bytes / 1e6:.0f} MB layer from a registry while it downloads, median of {rounds} rounds")
        print(f"  baseline: curl download only     {curl_s:6.2f} s")
        print(f"  baseline: curl | tar -tz         {pipe_s:6.2f} s")
        print(f"  berthctl files --layer (cold)    {berth_s:6.2f} s   {berth_s / pipe_s:4.2f}x curl | tar")
        print(f"  peak RSS {rss:6.1f} MiB, same listing from the cache {base_rss:6.1f} MiB: listing it costs {rss - base_rss:+5.1f} MiB"
              f" (the buffer's share: see the streamed local listing above)")
        print(f"  written to disk during the listing: {written / 1e6:.2f} MB (the layer is {layer_bytes / 1e6:.0f} MB: no temporary file)")
        return written < layer_bytes / 10
    finally:
        subprocess.run([sys.executable, TESTBED, "stop", state], stdout=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    global BUILD
    BUILD = args.build
    make_layer(args.megabytes)
    bench = os.path.join(os.path.abspath(args.build), "bench", "berth_layer_bench")
    media = "application/vnd.oci.image.layer.v1.tar+gzip"
    tar_times, berth_times, berth_rss, streamed_times, streamed_rss = [], [], [], [], []
    for _ in range(args.rounds):
        tar_times.append(run(["tar", "-tzf", LAYER])[0])
        t, rss = run([bench, LAYER, media])
        berth_times.append(t)
        berth_rss.append(rss)
        # The same bytes handed over as a download hands them (LayerStream's bounded buffer, a
        # worker thread) instead of read from a file: what listing without a temporary file costs.
        t, rss = run([bench, "--streamed", LAYER, media])
        streamed_times.append(t)
        streamed_rss.append(rss)
    _, idle_rss = run([bench, "--noop"])
    counted = subprocess.run([bench, LAYER, media], capture_output=True, text=True).stdout.strip()
    size = os.path.getsize(LAYER) / 1e6
    tar_s, berth_s, rss = statistics.median(tar_times), statistics.median(berth_times), max(berth_rss)
    speed = tar_s / berth_s
    print(f"listing a {size:.0f} MB gzip layer ({counted}), median of {args.rounds} rounds")
    print(f"  baseline: tar -tzf          {tar_s:6.2f} s")
    print(f"  Berth's listing             {berth_s:6.2f} s   speed {speed * 100:5.1f}% of tar  (target >= 90%)")
    print(f"  peak RSS {rss:6.1f} MiB, idle {idle_rss:6.1f} MiB: grows by {rss - idle_rss:5.1f} MiB  (target < 50)")
    streamed_s, streamed_peak = statistics.median(streamed_times), max(streamed_rss)
    print(f"  streamed as from a download {streamed_s:6.2f} s   peak RSS {streamed_peak:6.1f} MiB: the buffer instead of a"
          f" temporary file costs {streamed_peak - rss:+5.1f} MiB  (target <= 0.9)")
    ok = speed >= 0.9 and rss - idle_rss < 50 and streamed_peak - rss <= 0.9
    ok = from_registry(args.build, args.rounds) and ok
    print("  result: " + ("within targets" if ok else "OUTSIDE targets"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
