#!/usr/bin/env python3
"""Benchmark: `berthctl watch` over 500 repositories of 20 tags each with nothing changing (issue 16):
requests per poll cycle and CPU time per cycle, each beside its baseline from the same run.

- A real registry (docker-registry, loopback): its tag list names no digests and cannot be asked
  with HEAD or an ETag, so a cycle costs the tag list and one manifest HEAD per tag. Baseline: curl
  making exactly those requests (the least any poller of that API can do), with its CPU time.
- Docker Hub's API (the bed's stand-in, over TLS under the real host names): the tag listing names
  each tag's digest, so a cycle is one request per repository (target <= 1). Baseline: curl
  fetching the same 500 listings.
Target for both: under 1% of one core at the default 5-minute interval (CPU per cycle < 3 s).
The figures are the median of the cycles after the first (the first is each repository's baseline).

  watch_bench.py BUILD_DIR [--repositories R] [--tags T] [--cycles C]
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
BED = os.path.join(HERE, "..", "tests", "bed")
sys.path.insert(0, BED)
import seed  # noqa: E402
import testbed  # noqa: E402

HUB_HOSTS = ("hub.docker.com", "auth.docker.io", "registry-1.docker.io")
CYCLE = re.compile(r"cycle: (\d+) repositories polled, (\d+) failed, \d+ waiting out a backoff; (\d+) events; (\d+) requests; "
                   r"CPU (\d+) ms; (\d+) ms")
FIVE_MINUTES_MS = 300_000


def populate(registry, repositories, tags):
    """Pushes `repositories` repositories of `tags` tags (one small image per repository)."""
    reg = seed.Registry(f"http://{registry}")
    layer = seed.tar_layer([("watch.txt", b"watched\n", 0o644)], seed.epoch("2026-01-01"))

    def push(i):
        repo = f"watched/repo{i:05d}"
        body, media_type = seed.Image("2026-01-01", [layer], cmd=["repo", str(i)]).push(reg, repo, oci=True)
        for t in range(tags):
            reg.push_manifest(repo, f"v{t}", body, media_type)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(push, range(repositories)))
    return [f"watched/repo{i:05d}" for i in range(repositories)]


def watch_cycles(berthctl, args, env, cycles, interval_s):
    """Runs a watch until `cycles` cycles have ended; returns their parsed --stats lines."""
    proc = subprocess.Popen([berthctl, "watch", "--stats", "--interval", f"{interval_s}s"] + args, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    rows = []
    try:
        for line in proc.stderr:
            match = CYCLE.search(line)
            if match:
                rows.append(tuple(int(g) for g in match.groups()))
                if len(rows) >= cycles:
                    break
            elif "watching" not in line:
                sys.stderr.write(line)
    finally:
        proc.kill()
        proc.wait()
    if len(rows) < cycles:
        sys.exit("watch_bench: the watch ended before its cycles")
    return rows


def curl_cpu(urls, extra, head=False):
    """curl making `urls` requests, 16 at a time: (seconds, CPU seconds)."""
    config = tempfile.NamedTemporaryFile("w", suffix=".cfg", delete=False)
    for url in urls:
        config.write(f'url = "{url}"\noutput = "/dev/null"\n')
    config.close()
    args = ["curl", "-s", "--fail", "--parallel", "--parallel-max", "16", "--config", config.name] + extra
    if head:
        args += ["-I", "-H", "Accept: application/vnd.oci.image.manifest.v1+json"]
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    os.unlink(config.name)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"watch_bench: curl failed: {proc.stderr.read()[:300]!r}")
    return elapsed, usage.ru_utime + usage.ru_stime


def report(title, rows, repositories, curl_requests, curl_s, curl_cpu_s, request_target):
    later = rows[1:]
    requests = statistics.median(r[3] for r in later)
    cpu_ms = statistics.median(r[4] for r in later)
    wall_ms = statistics.median(r[5] for r in later)
    events = sum(r[2] for r in later)
    failed = sum(r[1] for r in later)
    share = 100.0 * cpu_ms / FIVE_MINUTES_MS
    per_repo = requests / repositories
    print(title)
    print(f"  Berth: {requests:.0f} requests per cycle ({per_repo:.2f} per repository), CPU {cpu_ms:.0f} ms per cycle, "
          f"cycle {wall_ms:.0f} ms; {events} events and {failed} failures over {len(later)} cycles (nothing changed)")
    print(f"  baseline, curl making the same {curl_requests} requests 16 at a time: {curl_s * 1000:.0f} ms, CPU {curl_cpu_s * 1000:.0f} ms")
    ok = share < 1.0 and events == 0 and failed == 0 and (request_target is None or per_repo <= request_target)
    target = f" (target <= {request_target})" if request_target is not None else " (the registry's API allows no fewer)"
    print(f"  at a 5-minute interval: {share:.3f}% of one core (target < 1%); requests per repository {per_repo:.2f}{target}: "
          + ("within targets" if ok else "OUTSIDE targets"))
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--repositories", type=int, default=500)
    parser.add_argument("--tags", type=int, default=20)
    parser.add_argument("--cycles", type=int, default=4)
    args = parser.parse_args()
    berthctl = os.path.join(os.path.abspath(args.build), "app", "berthctl")
    work = tempfile.mkdtemp(prefix="berth-watch-bench-")
    state = os.path.join(work, "bed")
    ok = True
    try:
        env = dict(os.environ, BERTH_CONFIG_DIR=os.path.join(work, "config"), BERTH_CACHE_DIR=os.path.join(work, "cache"),
                   DOCKER_CONFIG=os.path.join(work, "docker"))
        # A real registry: tag list + one HEAD per tag.
        subprocess.run([sys.executable, os.path.join(BED, "testbed.py"), "start", state, "--only", "anonymous"], check=True,
                       stdout=subprocess.DEVNULL)
        registry = json.load(open(os.path.join(state, "bed.json")))["anonymous"]
        start = time.perf_counter()
        repos = populate(registry, args.repositories, args.tags)
        print(f"watch over {args.repositories} repositories of {args.tags} tags, nothing changing "
              f"(pushed in {time.perf_counter() - start:.0f} s); median of {args.cycles - 1} cycles after the baseline")
        rows = watch_cycles(berthctl, [f"{registry}/{r}" for r in repos], env, args.cycles, 15)
        urls = [f"http://{registry}/v2/{r}/tags/list" for r in repos]
        heads = [f"http://{registry}/v2/{r}/manifests/v{t}" for r in repos for t in range(args.tags)]
        list_s, list_cpu = curl_cpu(urls, [])
        head_s, head_cpu = curl_cpu(heads, [], head=True)
        ok &= report("docker-registry (loopback): tag list + one manifest HEAD per tag", rows, args.repositories,
                     len(urls) + len(heads), list_s + head_s, list_cpu + head_cpu, None)

        # Docker Hub's API: the listing names digests.
        testbed.make_certificates(work)
        users = os.path.join(work, "users.json")
        with open(users, "w") as f:
            json.dump({}, f)
        port = testbed.free_port()
        hub_env = dict(os.environ, HUB_MOCK_BULK=str(args.tags), HUB_MOCK_WATCHED=f"{args.repositories}x{args.tags}")
        hub = subprocess.Popen([sys.executable, os.path.join(BED, "hub_mock.py"), str(port), "127.0.0.1:9",
                                os.path.join(HERE, "..", "tests", "fixtures"), os.path.join(work, "public.pem"),
                                os.path.join(work, "public.key"), users], env=hub_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            connect_to = [f"{h}:443:127.0.0.1:{port}" for h in HUB_HOSTS]
            curl_tls = ["--cacert", os.path.join(work, "ca.pem")] + [a for entry in connect_to for a in ("--connect-to", entry)]
            hub_urls = [f"https://hub.docker.com/v2/namespaces/watched/repositories/repo{i:05d}/tags?page_size=100"
                        for i in range(args.repositories)]
            for _ in range(100):
                if subprocess.run(["curl", "-sf", "-o", "/dev/null", hub_urls[0]] + curl_tls).returncode == 0:
                    break
                time.sleep(0.1)
            hub_ctl_env = dict(env, BERTH_CONNECT_TO=" ".join(connect_to), BERTH_CACHE_DIR=os.path.join(work, "cache-hub"))
            rows = watch_cycles(berthctl, ["--ca-file", os.path.join(work, "ca.pem")]
                                + [f"docker.io/watched/repo{i:05d}" for i in range(args.repositories)], hub_ctl_env, args.cycles, 10)
            hub_s, hub_cpu = curl_cpu(hub_urls, curl_tls)
            ok &= report("Docker Hub API (stand-in, TLS): one tag listing per repository", rows, args.repositories, len(hub_urls),
                         hub_s, hub_cpu, 1.0)
        finally:
            hub.kill()
            hub.wait()
        return 0 if ok else 1
    finally:
        subprocess.run([sys.executable, os.path.join(BED, "testbed.py"), "stop", state], stdout=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
