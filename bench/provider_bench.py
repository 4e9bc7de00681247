#!/usr/bin/env python3
"""Benchmark: Docker Hub through its own API, against the bed's Hub stand-in (tests/bed/hub_mock.py)
with a namespace of 5,000 repositories and a repository of 5,000 tags, pages of 100, over TLS
under the real host names.

Runs twice: on loopback, and with each Hub answer 100 ms later (HUB_MOCK_DELAY_MS) as the real
API answers from afar. Prints, each beside its baseline from the same run (median of several runs):
  - berthctl repos docker.io/bulk: first row and all rows, against curl fetching the same 50 pages
    on one connection (target: all rows in at most 1.2x curl's time);
  - berthctl --json tags docker.io/bulk/many (push and pull dates), against curl's 50 pages
    (target: at most 1.2x);
  - for both berthctl figures, its CPU and new memory pages beside curl's (what a gap is made of);
  - the window's sidebar filling with the 5,000 repositories (the window drawn first, then the
    registry added): first rows (target under 1 s), all rows against curl's 50 pages (target at
    most 1.2x), and the longest GUI-thread stall (target under 50 ms);
  - the window's tag table filling with the 5,000 tags and Hub's push and pull dates (the
    repository opened in the window; Hub's listing, no image read): all rows against curl's 50
    pages (target at most 1.2x), the longest GUI-thread stall (target under 50 ms).

  provider_bench.py BUILD_DIR [--count N] [--runs R]
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
BED = os.path.join(HERE, "..", "tests", "bed")
sys.path.insert(0, BED)
import testbed  # noqa: E402  (certificates and free ports as the bed makes them)

HOSTS = ("hub.docker.com", "auth.docker.io", "registry-1.docker.io")


def curl_command(urls, ca, connect_to, quiet=False):
    """curl fetching urls one after the other on one connection, under the real host names."""
    args = ["curl", "-s" if quiet else "-sS", "--fail", "--cacert", ca]
    for entry in connect_to:
        args += ["--connect-to", entry]
    for url in urls:
        args += [url, "-o", "/dev/null"]
    return args


def timed_curl(urls, ca, connect_to, quiet=False):
    args = curl_command(urls, ca, connect_to, quiet)
    start = time.perf_counter()
    subprocess.run(args, check=True)
    return time.perf_counter() - start


def measured_curl(urls, ca, connect_to):
    """(seconds, the process's rusage) of curl fetching urls, for its CPU and new pages beside Berth's."""
    start = time.perf_counter()
    proc = subprocess.Popen(curl_command(urls, ca, connect_to))
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("provider_bench: curl failed")
    return time.perf_counter() - start, usage


def cost(usages):
    """Median user and system CPU (ms) and new memory pages (minor faults) of runs: on a virtual
    machine a page touched for the first time can cost ~10 us, so the faults explain a time."""
    usages, med = list(usages), statistics.median
    return (f"CPU user {med(u.ru_utime for u in usages) * 1000:.0f} ms, system {med(u.ru_stime for u in usages) * 1000:.0f} ms, "
            f"{med(u.ru_minflt for u in usages):.0f} new pages")


def timed_run(args):
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def timed_refused(args, env):
    """Seconds of a run that fails at its first connection (and must fail: a run that got through
    would time something else)."""
    start = time.perf_counter()
    if subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env).returncode == 0:
        sys.exit(f"provider_bench: {args[0]} reached a closed port")
    return time.perf_counter() - start


def timed_berthctl(berthctl, args, env):
    """(seconds to the first line on stdout, seconds in all with stdout to /dev/null as curl's is,
    the second run's rusage).
    Two runs: one streams to a pipe for the first line, one writes to /dev/null for the total, so
    that the time this script takes to read Berth's output is not counted as Berth's."""
    start = time.perf_counter()
    proc = subprocess.Popen([berthctl] + args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    proc.stdout.readline()
    first = time.perf_counter() - start
    while proc.stdout.read(1 << 20):
        pass
    proc.wait()
    start = time.perf_counter()
    proc = subprocess.Popen([berthctl] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    _, status, usage = os.wait4(proc.pid, 0)  # wait4 for the run's own CPU and page faults
    total = time.perf_counter() - start
    err = proc.stderr.read()  # a short error text at most: it cannot fill the pipe before the exit
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"provider_bench: berthctl {' '.join(args)} failed: {err}")
    return first, total, usage


def interleaved(baseline, measured, runs):
    """(baseline results, measured results), the two run by turns."""
    a, b = [], []
    for _ in range(runs):
        a.append(baseline())
        b.append(measured())
    return a, b


def output_lines(berthctl, args, env):
    return subprocess.run([berthctl] + args, capture_output=True, env=env, text=True, check=True).stdout.count("\n")


def measure(build, work, count, runs, delay_ms, gui):
    """Starts the stand-in (answers delayed by delay_ms) and prints the figures; returns failures."""
    berthctl = os.path.join(build, "app", "berthctl")
    ca = os.path.join(work, "ca.pem")
    users = os.path.join(work, "users.json")
    with open(users, "w") as f:
        json.dump({}, f)
    port = testbed.free_port()
    env = dict(os.environ, HUB_MOCK_BULK=str(count), HUB_MOCK_DELAY_MS=str(delay_ms))
    proc = subprocess.Popen([sys.executable, os.path.join(BED, "hub_mock.py"), str(port), "127.0.0.1:9",
                             os.path.join(HERE, "..", "tests", "fixtures"), os.path.join(work, "public.pem"),
                             os.path.join(work, "public.key"), users], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        connect_to = [f"{h}:443:127.0.0.1:{port}" for h in HOSTS]
        for _ in range(100):
            try:
                timed_curl(["https://hub.docker.com/v2/namespaces/bulk/repositories?page_size=1"], ca, connect_to, quiet=True)
                break
            except subprocess.CalledProcessError:
                time.sleep(0.1)
        pages = (count + 99) // 100
        ctl_env = dict(os.environ, BERTH_CONNECT_TO=" ".join(connect_to), BERTH_CONFIG_DIR=os.path.join(work, "config"),
                       BERTH_CACHE_DIR=os.path.join(work, "cache"), DOCKER_CONFIG=os.path.join(work, "docker"))
        where = "loopback" if not delay_ms else f"each page answered {delay_ms} ms later, as from afar"
        failures = 0

        # What a run costs before any request: loading Qt and 70 libraries, against curl's own start.
        if not delay_ms:
            start_berth = statistics.median(timed_run([berthctl, "--help"]) for _ in range(runs * 3))
            start_curl = statistics.median(timed_run(["curl", "--version"]) for _ in range(runs * 3))
            print(f"Process start alone: berthctl --help {start_berth * 1000:5.1f} ms, curl --version {start_curl * 1000:5.1f} ms")
            # Start to the first connection: the same command aimed at a closed port (refused at
            # once), so what is timed is everything a run does before its first request.
            refused = [f"{h}:443:127.0.0.1:9" for h in HOSTS]
            refused_env = dict(ctl_env, BERTH_CONNECT_TO=" ".join(refused))
            to_berth = statistics.median(timed_refused([berthctl, "--ca-file", ca, "repos", "docker.io/bulk"], refused_env)
                                         for _ in range(runs * 3))
            to_curl = statistics.median(timed_refused(curl_command(
                ["https://hub.docker.com/v2/namespaces/bulk/repositories?page=1&page_size=100"], ca, refused), None)
                                        for _ in range(runs * 3))
            print(f"Start to a first connection (refused): berthctl repos {to_berth * 1000:5.1f} ms, curl {to_curl * 1000:5.1f} ms")

        repo_urls = [f"https://hub.docker.com/v2/namespaces/bulk/repositories?page={p}&page_size=100" for p in range(1, pages + 1)]
        repos_args = ["--ca-file", ca, "repos", "docker.io/bulk"]
        if output_lines(berthctl, repos_args, ctl_env) != count:
            sys.exit("provider_bench: berthctl did not list every repository")
        # Berth and curl take turns, so that both meet the machine in the same state (its speed
        # drifts by a third over a minute on a shared host).
        curl_runs, timings = interleaved(lambda: measured_curl(repo_urls, ca, connect_to),
                                         lambda: timed_berthctl(berthctl, repos_args, ctl_env), runs)
        curl_repos = statistics.median(r[0] for r in curl_runs)
        first = statistics.median(r[0] for r in timings)
        total = statistics.median(r[1] for r in timings)
        ratio = total / curl_repos
        print(f"Docker Hub namespace of {count} repositories, {pages} pages of 100 ({where}; median of {runs})")
        print(f"  berthctl repos: first row {first * 1000:7.0f} ms, all rows {total * 1000:7.0f} ms")
        print(f"  baseline, curl of the same {pages} pages one after the other on one connection {curl_repos * 1000:7.0f} ms")
        print(f"  ratio {ratio:.2f} (target at most 1.20): {'within target' if ratio <= 1.2 else 'OUTSIDE target'}")
        print(f"  berthctl {cost(r[2] for r in timings)}; curl {cost(r[1] for r in curl_runs)}")
        failures += ratio > 1.2

        tag_urls = [f"https://hub.docker.com/v2/namespaces/bulk/repositories/many/tags?page={p}&page_size=100"
                    for p in range(1, pages + 1)]
        curl_tag_runs, tag_runs = interleaved(lambda: measured_curl(tag_urls, ca, connect_to),
                                              lambda: timed_berthctl(berthctl, ["--ca-file", ca, "--json", "tags", "docker.io/bulk/many"], ctl_env),
                                              runs)
        curl_tags = statistics.median(r[0] for r in curl_tag_runs)
        tags_total = statistics.median(r[1] for r in tag_runs)
        tag_ratio = tags_total / curl_tags
        print(f"Docker Hub repository of {count} tags with push and pull dates ({where}; median of {runs})")
        print(f"  berthctl --json tags {tags_total * 1000:7.0f} ms   baseline, curl of the same {pages} pages {curl_tags * 1000:7.0f} ms")
        print(f"  ratio {tag_ratio:.2f} (target at most 1.20): {'within target' if tag_ratio <= 1.2 else 'OUTSIDE target'}")
        print(f"  berthctl {cost(r[2] for r in tag_runs)}; curl {cost(r[1] for r in curl_tag_runs)}")
        failures += tag_ratio > 1.2

        gui_bench = os.path.join(build, "bench", "berth_gui_bench")
        if gui and os.path.exists(gui_bench):
            gui_env = dict(ctl_env, QT_QPA_PLATFORM="offscreen")

            def gui_figures(args, prefix, env=gui_env):
                """The JSON line berth_gui_bench prints after `prefix`."""
                done = subprocess.run([gui_bench] + args, env=env, capture_output=True, text=True)
                line = next((l for l in done.stdout.splitlines() if l.startswith(prefix)), None)
                if done.returncode != 0 or line is None:
                    sys.exit(f"provider_bench: berth_gui_bench {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
                return json.loads(line[len(prefix):])

            def sidebar():
                return gui_figures(["sidebar", "docker.io", "bulk", ca], "SIDEBAR_JSON ")

            # In the open window (the window drawn first, then the registry added), against curl
            # fetching the same pages, the two by turns.
            curl_times, fills = interleaved(lambda: timed_curl(repo_urls, ca, connect_to), sidebar, runs)
            curl_sidebar = statistics.median(curl_times)
            first_ms = statistics.median(f["first_ms"] for f in fills)
            total_ms = statistics.median(f["total_ms"] for f in fills)
            stall_ms = max(f["stall_ms"] for f in fills)
            rows = min(f["repositories"] for f in fills)
            gui_ratio = total_ms / 1000 / curl_sidebar
            print(f"The window's sidebar filling with docker.io/bulk ({where}; median of {runs})")
            print(f"  first rows {first_ms:7.0f} ms (target under 1000 ms), all {rows} rows {total_ms:7.0f} ms")
            print(f"  baseline, curl of the same {pages} pages {curl_sidebar * 1000:7.0f} ms")
            print(f"  ratio {gui_ratio:.2f} (target at most 1.20); longest GUI-thread stall {stall_ms:.1f} ms (target under 50 ms): "
                  f"{'within target' if gui_ratio <= 1.2 and first_ms < 1000 and stall_ms < 50 and rows == count else 'OUTSIDE target'}")
            failures += gui_ratio > 1.2 or first_ms >= 1000 or stall_ms >= 50 or rows != count

            def tag_table():
                # A window that opens with nothing selected (settings of their own; the cache is shared,
                # so the repository is one Berth has seen before, as when a user opens it again).
                settings = tempfile.mkdtemp(dir=work)
                return gui_figures(["registrytags", "docker.io", "bulk/many", ca], "TAGS_JSON ", dict(gui_env, BERTH_CONFIG_DIR=settings))

            # The repository opened in the window: every row with Hub's push and pull dates (from
            # Hub's listing; no image read, as none would be on Docker Hub).
            curl_times, tables = interleaved(lambda: timed_curl(tag_urls, ca, connect_to), tag_table, runs)
            curl_table = statistics.median(curl_times)
            table_ms = statistics.median(t["total_ms"] for t in tables)
            table_stall = max(t["stall_ms"] for t in tables)
            dated = min(t["dated"] for t in tables)
            table_ratio = table_ms / 1000 / curl_table
            print(f"The window's tag table filling with docker.io/bulk/many, push and pull dates included ({where}; median of {runs})")
            print(f"  all {dated} rows dated {table_ms:7.0f} ms   baseline, curl of the same {pages} pages {curl_table * 1000:7.0f} ms")
            print(f"  ratio {table_ratio:.2f} (target at most 1.20); longest GUI-thread stall {table_stall:.1f} ms (target under 50 ms): "
                  f"{'within target' if table_ratio <= 1.2 and table_stall < 50 and dated == count else 'OUTSIDE target'}")
            failures += table_ratio > 1.2 or table_stall >= 50 or dated != count
        return failures
    finally:
        proc.terminate()
        proc.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--delay-ms", type=int, default=100, help="the far-away case's added latency per page")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    work = tempfile.mkdtemp(prefix="berth-provider-bench-")
    try:
        testbed.make_certificates(work)
        failures = measure(build, work, args.count, args.runs, 0, gui=True)
        failures += measure(build, work, args.count, args.runs, args.delay_ms, gui=True)
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
