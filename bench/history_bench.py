#!/usr/bin/env python3
"""Benchmark: `berthctl history` over one repository of 2,000 tags (and one of 20,000), measured
against what the registry itself can serve, in the same run on the same registry (loopback):

- the registry's own service time for those requests: `ab -k -c 16` (apache2-utils) on a manifest
  and on a config blob, N requests each (its rate at full speed, with keep-alive);
- the registry's time for the very requests of a run (every manifest and config URL, once each):
  16 h2load clients with one keep-alive connection each (ab repeats one URL, whose files stay hot);
- 16 parallel curl transfers fetching every manifest and config (the earlier baseline);
- Berth cold: the previous cache removed and `sync` run first, median of three runs, with Berth's
  user and system CPU seconds;
- Berth warm (everything cached): against N HEAD requests at the registry's rate (`ab -i`), and
  for reference the same HEADs by `curl --head --parallel` (a whole process, as Berth's run is)
  and the registry's rate for conditional HEADs (If-None-Match), which are what Berth sends;
- Berth cold over 20,000 tags: its time against 10x the 2,000-tag time, and its peak RSS.

Targets (issue 18): cold <= 1.3x the registry's service time and <= 0.5 s system CPU; warm <= 1.2x
the HEAD time; 20,000 tags <= 10.5x the 2,000-tag time.
  history_bench.py BUILD_DIR [--tags N] [--big-tags M] [--rounds R]
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
import urllib.request

import measured

HERE = os.path.dirname(os.path.abspath(__file__))
TESTBED = os.path.join(HERE, "..", "tests", "bed", "testbed.py")
BUILD = None  # the build directory, set in main()
ACCEPT = ("application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, "
          "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json")


def run_measured(cmd, env=None, stdout_path=None):
    """Runs cmd; returns (seconds, user CPU s, system CPU s, peak RSS MiB) of that command alone.
    Its output goes to stdout_path when given."""
    m = measured.run(BUILD, cmd, env, stdout_path, what="history_bench")
    return m.seconds, m.user, m.system, m.peak_mib


def ab_seconds(url, count, head=False, if_none_match=None):
    """The registry's time to serve `count` requests for url with 16 keep-alive clients. With
    if_none_match (the manifest's digest), conditional HEADs, each to be answered 304."""
    cmd = ["ab", "-q", "-k", "-c", "16", "-n", str(count), "-H", f"Accept: {ACCEPT}"] + (["-i"] if head else [])
    if if_none_match:
        cmd += ["-H", f'If-None-Match: "{if_none_match}"']
    out = subprocess.run(cmd + [url], check=True, capture_output=True, text=True).stdout
    failed = int(re.search(r"Failed requests:\s+(\d+)", out).group(1))
    non2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)  # ab prints the line only when there are some
    # Conditional HEADs must all be answered 304 (ab counts those as non-2xx); others all 2xx.
    if failed or (int(non2xx.group(1)) if non2xx else 0) != (count if if_none_match else 0):
        sys.exit(f"history_bench: ab on {url} had failures:\n{out}")
    return float(re.search(r"Time taken for tests:\s+([\d.]+) seconds", out).group(1))


def same_requests_seconds(urls, work):
    """The registry's time to serve exactly these requests (every manifest and config of the run),
    16 at a time over 16 keep-alive connections: one h2load client (nghttp2-client, HTTP/1.1) per
    connection, each with its sixteenth of the list, all at once. ab repeats one URL."""
    slices = []
    for i in range(16):
        part = urls[i::16]
        if part:
            path = os.path.join(work, f"h2load-{i}.txt")
            with open(path, "w") as f:
                f.write("\n".join(part) + "\n")
            slices.append((path, len(part)))
    start = time.perf_counter()
    clients = [subprocess.Popen(["h2load", "--h1", "-c", "1", "-n", str(n), "-H", f"Accept: {ACCEPT}", "-i", path],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for path, n in slices]
    outputs = [c.communicate()[0] for c in clients]
    elapsed = time.perf_counter() - start
    answered = sum(int(m.group(1)) for m in (re.search(r"status codes: (\d+) 2xx", o) for o in outputs) if m)
    if answered != len(urls) or any(c.returncode for c in clients):
        sys.exit(f"history_bench: h2load answered {answered} of {len(urls)} requests with 2xx:\n{outputs[0][-800:]}")
    return elapsed


def digest_of(url):
    request = urllib.request.Request(url, method="HEAD", headers={"Accept": ACCEPT})
    with urllib.request.urlopen(request) as response:
        return response.headers["Docker-Content-Digest"]


def by_turns(round_, berth, baseline):
    """Runs the two, Berth first in even rounds and the baseline first in odd ones: whoever goes
    second finds the registry's files in the page cache."""
    for run in (berth, baseline) if round_ % 2 == 0 else (baseline, berth):
        run()


def generate(registry, repository, count, work):
    urls = os.path.join(work, f"urls-{repository.replace('/', '-')}.txt")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_tags.py"), f"http://{registry}", repository, str(count), urls],
                   check=True)
    return [u.strip() for u in open(urls) if u.strip()]


def history_run(berthctl, registry, repository, cache, env, tags):
    """One `berthctl history --json`, measured, and checked to have listed every tag with its digest
    and build date: a fast run that did not do the work is a failure, not a figure."""
    listing = os.path.join(os.path.dirname(cache), "history.json")
    measured = run_measured([berthctl, "history", f"{registry}/{repository}", "--json"], dict(env, BERTH_CACHE_DIR=cache), listing)
    rows = json.load(open(listing))["tags"]
    done = sum(1 for r in rows if r.get("digest") and r.get("created"))
    if done != tags:
        sys.exit(f"history_bench: history of {repository} gave {done} complete rows of {tags}")
    return measured


def cold_history(berthctl, registry, repository, cache, env, tags):
    shutil.rmtree(cache, ignore_errors=True)
    os.sync()
    return history_run(berthctl, registry, repository, cache, env, tags)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--tags", type=int, default=2000)
    parser.add_argument("--big-tags", type=int, default=20000, help="0 to leave the large repository out")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    global BUILD
    BUILD = args.build
    berthctl = os.path.join(os.path.abspath(args.build), "app", "berthctl")
    work = tempfile.mkdtemp(prefix="berth-bench-")
    state = os.path.join(work, "bed")
    try:
        subprocess.run([sys.executable, TESTBED, "start", state, "--only", "anonymous"], check=True, stdout=subprocess.DEVNULL)
        registry = json.load(open(os.path.join(state, "bed.json")))["anonymous"]
        url_list = generate(registry, "bench/history", args.tags, work)
        curl_config = os.path.join(work, "curl.cfg")
        with open(curl_config, "w") as f:
            for u in url_list:
                f.write(f'url = "{u}"\noutput = "/dev/null"\n')
        baseline = ["curl", "--silent", "--fail", "--parallel", "--parallel-max", "16", "-H", f"Accept: {ACCEPT}", "--config", curl_config]
        # The same HEADs from a general HTTP client, for reading the warm figure: a whole process,
        # as Berth's is, where ab's time counts its requests only.
        head_config = os.path.join(work, "curl-heads.cfg")
        with open(head_config, "w") as f:
            for u in url_list:
                if "/manifests/" in u:
                    f.write(f'url = "{u}"\noutput = "/dev/null"\n')
        head_baseline = ["curl", "--silent", "--fail", "--head", "--parallel", "--parallel-max", "16", "-H", f"Accept: {ACCEPT}",
                         "--config", head_config]
        env = dict(os.environ, BERTH_CONFIG_DIR=os.path.join(work, "config"), DOCKER_CONFIG=os.path.join(work, "docker"))
        manifest_url, config_url = url_list[0], url_list[1]

        manifest_digest = digest_of(manifest_url)

        service, same_requests, heads, conditional_heads, curl, cold, warm, curl_heads = [], [], [], [], [], [], [], []
        for round_ in range(args.rounds):
            service.append(ab_seconds(manifest_url, args.tags) + ab_seconds(config_url, args.tags))
            same_requests.append(same_requests_seconds(url_list, work))
            heads.append(ab_seconds(manifest_url, args.tags, head=True))
            conditional_heads.append(ab_seconds(manifest_url, args.tags, head=True, if_none_match=manifest_digest))
            cache = os.path.join(work, "cache")
            by_turns(round_, lambda: cold.append(cold_history(berthctl, registry, "bench/history", cache, env, args.tags)),
                     lambda: curl.append(run_measured(baseline)[0]))
            by_turns(round_, lambda: warm.append(history_run(berthctl, registry, "bench/history", cache, env, args.tags)),
                     lambda: curl_heads.append(run_measured(head_baseline)[0]))

        def median(rows, i):
            return statistics.median(r[i] for r in rows)
        service_s, heads_s, curl_s = statistics.median(service), statistics.median(heads), statistics.median(curl)
        same_s = statistics.median(same_requests)
        cold_s, cold_user, cold_sys = median(cold, 0), median(cold, 1), median(cold, 2)
        warm_s = median(warm, 0)
        print(f"history over {args.tags} tags ({len(url_list)} manifests and configs), median of {args.rounds} rounds")
        print(f"  registry's service time (ab -k -c16, {args.tags} manifests + {args.tags} configs) {service_s:7.3f} s")
        print(f"  the same, over the run's own {len(url_list)} URLs (h2load, 16 keep-alive connections) {same_s:7.3f} s")
        print(f"  registry's HEAD time (ab -k -c16 -i, {args.tags} manifests)                {heads_s:7.3f} s")
        print(f"  16 parallel curl transfers (earlier baseline)                       {curl_s:7.3f} s")
        print(f"  berthctl history, cold (cache removed, sync)  {cold_s:7.3f} s   ratio to service {cold_s / service_s:5.2f} (target <= 1.30)"
              f"   to the same URLs {cold_s / same_s:5.2f}   to curl {cold_s / curl_s:5.2f}")
        print(f"      CPU: user {cold_user:5.2f} s, system {cold_sys:5.2f} s (target system <= 0.50), peak RSS {median(cold, 3):.0f} MiB")
        print(f"  berthctl history, warm                        {warm_s:7.3f} s   ratio to HEAD time {warm_s / heads_s:5.2f} (target <= 1.20)"
              f"   CPU: user {median(warm, 1):5.2f} s, system {median(warm, 2):5.2f} s")
        curl_heads_s = statistics.median(curl_heads)
        conditional_s = statistics.median(conditional_heads)
        print(f"      Berth's HEADs are conditional (If-None-Match: the digest it knows; the registry answers 304 without reading"
              f" the manifest). The registry's time for {args.tags} of those (ab -i, same header) {conditional_s:7.3f} s:"
              f" Berth {warm_s / conditional_s:5.2f}x that")
        print(f"      for reference, 16 parallel curl HEADs (curl --head --parallel, a whole process) {curl_heads_s:7.3f} s:"
              f" {curl_heads_s / heads_s:5.2f}x the HEAD time; Berth {warm_s / curl_heads_s:5.2f}x curl's")
        ok = cold_s / service_s <= 1.3 and cold_sys <= 0.5 and warm_s / heads_s <= 1.2

        if args.big_tags:
            big_urls = generate(registry, "bench/history-big", args.big_tags, work)
            big = cold_history(berthctl, registry, "bench/history-big", os.path.join(work, "cache-big"), env, args.big_tags)
            factor = big[0] / cold_s
            limit = 1.05 * args.big_tags / args.tags  # linear, with 5% to spare: 10.5x for 10x the tags
            print(f"  berthctl history, cold, {args.big_tags} tags          {big[0]:7.3f} s   {factor:5.2f}x the {args.tags}-tag time"
                  f" (target <= {limit:.1f})   peak RSS {big[3]:.0f} MiB ({big[3] / median(cold, 3):.1f}x the {args.tags}-tag run's),"
                  f" CPU user {big[1]:.2f} s, system {big[2]:.2f} s")
            # The registry's own scaling, for reading the figure above: the same 16 parallel curl
            # transfers over the large repository's manifests and configs.
            big_config = os.path.join(work, "curl-big.cfg")
            with open(big_config, "w") as f:
                for u in big_urls:
                    f.write(f'url = "{u}"\noutput = "/dev/null"\n')
            curl_big = run_measured(baseline[:-1] + [big_config])[0]
            print(f"  16 parallel curl transfers, {args.big_tags} tags    {curl_big:7.3f} s   {curl_big / curl_s:5.2f}x curl's {args.tags}-tag time"
                  f" (the registry's own scaling; Berth's {factor:5.2f}x)")
            ok = ok and factor <= limit
        print("  result: " + ("within targets" if ok else "OUTSIDE targets"))
        return 0 if ok else 1
    finally:
        subprocess.run([sys.executable, TESTBED, "stop", state], stdout=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
