#!/usr/bin/env python3
"""Benchmark: the main window under load — 10 registries of 1,000 repositories each in the sidebar,
then one repository of 100,000 tags opened — printing peak RSS and the longest GUI-thread stall of
each step beside the same process's baselines (the empty window's RSS, the idle event loop's
longest gap), and checking the work was done (10,000 repositories listed, 100,000 tags loaded).

  load_bench.py BUILD_DIR [--repositories N] [--tags N]

The registries are Debian's docker-registry, ten servers over one storage. The repositories are
pushed through the registry API (one small image each, its blobs mounted); the 100,000 tags are
written into the storage in distribution's own layout (a tag is a directory whose current/link
names the manifest), since pushing them one by one would take minutes of setup.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "bed"))
import seed  # noqa: E402
import testbed  # noqa: E402

BIG = "load/tags"


def populate(registry, storage, repositories, tags):
    reg = seed.Registry(f"http://{registry}")
    layer = seed.tar_layer([("hello.txt", b"load\n", 0o644)], seed.epoch("2026-01-01"))
    images = []
    for i in range(100):  # a hundred distinct images for the big repository's tags to point at
        image = seed.Image(f"2026-{i % 12 + 1:02d}-{i % 28 + 1:02d}", [layer], cmd=["build", str(i)])
        body, media_type = image.push(reg, BIG, oci=True)
        images.append(reg.push_manifest(BIG, f"image-{i:03d}", body, media_type))
    first_body, first_type = seed.Image("2026-01-01", [layer], cmd=["load"]).push(reg, "load/r0000", oci=True)
    config = json.loads(first_body)["config"]["digest"]

    def push_repository(i):
        repo = f"load/r{i:04d}"
        for digest in (config, seed.sha256(layer[0])):
            status, _, body = reg.request("POST", f"/v2/{repo}/blobs/uploads/?mount={digest}&from=load/r0000")
            if status != 201:
                raise RuntimeError(f"mount into {repo}: {status} {body[:200]!r}")
        reg.push_manifest(repo, "1.0", first_body, first_type)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(push_repository, range(repositories - 1)))  # load/tags is the last one

    # distribution's layout: repositories/<name>/_manifests/tags/<tag>/{current/link, index/sha256/<hex>/link}
    tag_root = os.path.join(storage, "docker", "registry", "v2", "repositories", BIG, "_manifests", "tags")
    for i in range(tags - len(images)):
        digest = images[i % len(images)]
        tag_dir = os.path.join(tag_root, f"build-{i:06d}")
        os.makedirs(os.path.join(tag_dir, "current"))
        with open(os.path.join(tag_dir, "current", "link"), "w") as f:
            f.write(digest)
        index = os.path.join(tag_dir, "index", "sha256", digest.split(":", 1)[1])
        os.makedirs(index)
        with open(os.path.join(index, "link"), "w") as f:
            f.write(digest)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--repositories", type=int, default=1000, help="per registry")
    parser.add_argument("--tags", type=int, default=100000)
    parser.add_argument("--registries", type=int, default=10)
    args = parser.parse_args()
    bench = os.path.join(os.path.abspath(args.build), "bench", "berth_gui_bench")
    work = tempfile.mkdtemp(prefix="berth-load-bench-")
    state = os.path.join(work, "bed")
    try:
        subprocess.run([sys.executable, os.path.join(HERE, "..", "tests", "bed", "testbed.py"), "start", state, "--only", "anonymous"],
                       check=True, stdout=subprocess.DEVNULL)
        registry = json.load(open(os.path.join(state, "bed.json")))["anonymous"]
        storage = os.path.join(state, "storage")
        started = time.perf_counter()
        populate(registry, storage, args.repositories, args.tags)
        print(f"load_bench: {args.repositories} repositories and {args.tags} tags written in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)
        bed = testbed.Bed(state)
        registries = [registry] + [f"127.0.0.1:{bed.registry(f'registry-load-{i}', storage, 'bench-secret')}"
                                   for i in range(args.registries - 1)]
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BERTH_CONFIG_DIR=os.path.join(work, "config"),
                   BERTH_CACHE_DIR=os.path.join(work, "cache"), DOCKER_CONFIG=os.path.join(work, "docker"))
        out = subprocess.run([bench, "load", BIG] + registries, env=env, capture_output=True, text=True, timeout=1800)
        # Baseline for the tags figure: berthctl history over the same repository, cold, same data.
        berthctl = os.path.join(os.path.abspath(args.build), "app", "berthctl")
        started = time.perf_counter()
        cli = subprocess.run([berthctl, "history", f"{registry}/{BIG}", "--json"], capture_output=True, timeout=1800,
                             env=dict(env, BERTH_CACHE_DIR=os.path.join(work, "cache-cli"), BERTH_CONFIG_DIR=os.path.join(work, "config-cli")))
        cli_s = time.perf_counter() - started
        cli_tags = len(json.loads(cli.stdout)["tags"]) if cli.returncode == 0 else 0
        if "LOAD_JSON " not in out.stdout:
            print(out.stdout + out.stderr, file=sys.stderr)
            return 1
        r = json.loads(out.stdout.split("LOAD_JSON ", 1)[1])
        want_repositories = args.registries * args.repositories
        print(f"the main window under load: {r['registries']} registries, {r['repositories']:,} repositories, "
              f"then one repository of {r['tags']:,} tags")
        print(f"  sidebar filled            {r['sidebar_ms'] / 1000:7.2f} s   longest GUI stall {r['sidebar_stall_ms']:6.1f} ms"
              f"   RSS {r['sidebar_rss_mib']:6.1f} MiB")
        print(f"  {r['tags']:,} tags loaded     {r['tags_ms'] / 1000:7.2f} s   longest GUI stall {r['tags_stall_ms']:6.1f} ms"
              f"   peak RSS {r['peak_rss_mib']:6.1f} MiB")
        print(f"  baseline: berthctl history over the same repository, cold   {cli_s:7.2f} s ({cli_tags:,} tags);"
              f" the window took {r['tags_ms'] / 1000 / cli_s:.1f}x that")
        print(f"  baselines, same process:  idle window's longest gap {r['idle_stall_ms']:6.1f} ms,"
              f" empty window's RSS {r['empty_rss_mib']:6.1f} MiB")
        print(f"  per tag: {(r['peak_rss_mib'] - r['sidebar_rss_mib']) * 1024 * 1024 / max(1, r['tags']):.0f} bytes of RSS")
        done = r["repositories"] >= want_repositories and r["tags"] == args.tags  # the bed seeds a few of its own
        print(f"  work done: {r['repositories']:,} of {want_repositories:,} repositories, {r['tags']:,} of {args.tags:,} tags: "
              + ("all" if done else "MISSING"))
        return 0 if done else 1
    finally:
        subprocess.run([sys.executable, os.path.join(HERE, "..", "tests", "bed", "testbed.py"), "stop", state], stdout=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
