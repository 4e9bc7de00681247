#!/usr/bin/env python3
"""Benchmark: copying 40 images (about 300 MB of layers; each image has one layer shared with three
others and one of its own) from one registry to another on loopback, with `berthctl cp`, `crane copy` (built here from
Debian's go-containerregistry sources) and `skopeo copy`, four images at a time each, every tool into
a fresh registry of its own; Berth also as one `mirror run` over the same list (one process, four
images at a time); then Berth again with everything present, both ways; and Berth's peak memory.

Targets (issue 14): Berth <= 0.8x crane and faster than skopeo; the second run <= 0.1x the first;
peak RSS under 100 MiB.
  copy_bench.py BUILD_DIR [--images 40] [--megabytes 300] [--rounds 3]
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
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = None  # the build directory, set in main()
BED = os.path.join(HERE, "..", "tests", "bed")
sys.path.insert(0, BED)
import measured  # noqa: E402
import seed  # noqa: E402
import testbed  # noqa: E402

GO_SOURCES = "/usr/share/gocode/src/github.com/google/go-containerregistry/cmd/crane"


def build_crane(build):
    crane = os.path.join(os.path.abspath(build), "bench", "crane")
    if not os.path.exists(crane):
        print("copy_bench: building crane from Debian's go-containerregistry sources (once)", file=sys.stderr)
        env = dict(os.environ, GO111MODULE="off", GOPATH="/usr/share/gocode", GOFLAGS="", GOPROXY="off",
                   GOCACHE=os.path.join(os.path.abspath(build), "gocache"))
        subprocess.run(["go", "build", "-o", crane, "."], cwd=GO_SOURCES, env=env, check=True)
    return crane


def make_images(registry, images, megabytes):
    """Each image: a layer shared with a quarter of the others, a layer of its own, a config."""
    reg = seed.Registry(f"http://{registry}")
    shared_count = max(1, images // 4)
    layer_bytes = megabytes * 1_000_000 // (shared_count + images)
    shared = []
    for i in range(shared_count):
        data = os.urandom(layer_bytes)
        shared.append((reg.push_blob("bench/copy", data), len(data)))
    for i in range(images):
        own = os.urandom(layer_bytes)
        layers = [shared[i % shared_count], (reg.push_blob("bench/copy", own), len(own))]
        del own
        config = json.dumps({"architecture": "amd64", "os": "linux", "created": f"2026-01-{i % 28 + 1:02d}T00:00:00Z",
                             "config": {"Labels": {"image": str(i)}},
                             "rootfs": {"type": "layers", "diff_ids": [d for d, _ in layers]}}).encode()
        manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                               "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": len(config),
                                          "digest": reg.push_blob("bench/copy", config)},
                               "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": d, "size": n}
                                          for d, n in layers]}).encode()
        reg.push_manifest("bench/copy", f"v{i}", manifest, "application/vnd.oci.image.manifest.v1+json")
    return (shared_count + images) * layer_bytes


def run_all(commands, parallel=4):
    """Runs the commands `parallel` at a time; (seconds, peak RSS MiB of the largest one)."""
    def one(cmd):
        return measured.run(BUILD, cmd, what="copy_bench").peak_mib
    start = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        peaks = list(pool.map(one, commands))
    return time.perf_counter() - start, max(peaks)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--images", type=int, default=40)
    parser.add_argument("--megabytes", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    global BUILD
    BUILD = args.build
    berthctl = os.path.join(os.path.abspath(args.build), "app", "berthctl")
    crane = build_crane(args.build)
    work = tempfile.mkdtemp(prefix="berth-copy-bench-")
    state = os.path.join(work, "bed")
    try:
        subprocess.run([sys.executable, os.path.join(BED, "testbed.py"), "start", state, "--only", "anonymous"], check=True,
                       stdout=subprocess.DEVNULL)
        source = json.load(open(os.path.join(state, "bed.json")))["anonymous"]
        total = make_images(source, args.images, args.megabytes)
        bed = testbed.Bed(state)

        def fresh(name):
            storage = os.path.join(work, name)
            os.makedirs(storage)
            return f"127.0.0.1:{bed.registry(name, storage, 'bench-secret')}"

        env = dict(os.environ, BERTH_CONFIG_DIR=os.path.join(work, "config"), BERTH_CACHE_DIR=os.path.join(work, "cache"),
                   DOCKER_CONFIG=os.path.join(work, "docker"))
        os.environ.update(env)
        tags = [f"v{i}" for i in range(args.images)]
        rule = os.path.join(work, "rule.json")

        def one_round(number):
            """Each tool into a fresh registry of its own; the order turns with each round."""
            dests = {name: fresh(f"round{number}-{name}") for name in ("cp", "mirror", "crane", "skopeo")}
            with open(rule, "w") as f:
                json.dump({"source": f"{source}/bench", "destination": f"{dests['mirror']}/bench", "repositories": ["copy"]}, f)
            runs = {
                "cp": lambda: run_all([[berthctl, "cp", f"{source}/bench/copy:{t}", f"{dests['cp']}/bench/copy:{t}"] for t in tags]),
                "mirror": lambda: run_all([[berthctl, "mirror", "run", "--rule", rule]], parallel=1),
                "crane": lambda: run_all([[crane, "copy", "--insecure", f"{source}/bench/copy:{t}", f"{dests['crane']}/bench/copy:{t}"] for t in tags]),
                "skopeo": lambda: run_all([["skopeo", "copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--preserve-digests",
                                            f"docker://{source}/bench/copy:{t}", f"docker://{dests['skopeo']}/bench/copy:{t}"] for t in tags]),
            }
            order = list(runs)
            order = order[number % len(order):] + order[:number % len(order)]
            result = {}
            for name in order:
                os.sync()  # each run starts with the disk written out: none pays for another's writes
                result[name] = runs[name]()
            # The same again, everything present.
            os.sync()
            result["cp again"] = runs["cp"]()
            os.sync()
            result["mirror again"] = runs["mirror"]()
            for name in ("cp", "mirror", "crane", "skopeo"):
                shutil.rmtree(os.path.join(work, f"round{number}-{name}"), ignore_errors=True)
            return result

        rounds = [one_round(n) for n in range(args.rounds)]

        def median(name):
            return statistics.median(r[name][0] for r in rounds)
        berth_s, mirror_s, crane_s, skopeo_s = median("cp"), median("mirror"), median("crane"), median("skopeo")
        again_s, mirror_again_s = median("cp again"), median("mirror again")
        berth_rss = max(r["cp"][1] for r in rounds)
        mirror_rss = max(r["mirror"][1] for r in rounds)

        def verdict(met):
            return "met" if met else "MISSED"
        print(f"copying {args.images} images ({total / 1e6:.0f} MB of layers; half of each image's layers shared, each with three other images), "
              f"4 images at a time, each tool into a fresh registry; median of {args.rounds} rounds, the tools' order turning each round")
        print(f"  crane copy      {crane_s:6.2f} s   (40 processes)")
        print(f"  skopeo copy     {skopeo_s:6.2f} s   (40 processes)")
        print(f"  berthctl cp     {berth_s:6.2f} s   (40 processes)  {berth_s / crane_s:4.2f}x crane (target <= 0.80: {verdict(berth_s <= 0.8 * crane_s)}), "
              f"{berth_s / skopeo_s:4.2f}x skopeo (target < 1: {verdict(berth_s < skopeo_s)})")
        print(f"  berthctl mirror run {mirror_s:6.2f} s   (one process)  {mirror_s / crane_s:4.2f}x crane (target <= 0.80: {verdict(mirror_s <= 0.8 * crane_s)}), "
              f"{mirror_s / skopeo_s:4.2f}x skopeo")
        print(f"  again, everything present: berthctl cp {again_s:5.2f} s = {again_s / berth_s:4.2f}x its first run; "
              f"berthctl mirror run {mirror_again_s:5.2f} s = {mirror_again_s / mirror_s:4.2f}x its first run "
              f"(target <= 0.10: {verdict(min(again_s / berth_s, mirror_again_s / mirror_s) <= 0.1)})")
        print(f"  peak RSS: berthctl cp {berth_rss:5.1f} MiB, berthctl mirror run {mirror_rss:5.1f} MiB (target < 100)")
        ok = (min(berth_s, mirror_s) <= 0.8 * crane_s and berth_s < skopeo_s
              and min(again_s / berth_s, mirror_again_s / mirror_s) <= 0.1 and max(berth_rss, mirror_rss) < 100)
        print("  result: " + ("within targets" if ok else "OUTSIDE targets"))
        return 0 if ok else 1
    finally:
        subprocess.run([sys.executable, os.path.join(BED, "testbed.py"), "stop", state], stdout=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
