#!/usr/bin/env python3
"""One fuzzing campaign over every fuzz target (packaging/dev.sh fuzz [SECONDS]).

Runs each libFuzzer target of a BERTH_FUZZ build for SECONDS (two at a time: the machine has two
cores), starting from its seed corpus and growing a corpus of its own in BUILD/fuzz-corpus/<target>.
Prints per target: executions, executions per second, corpus size, coverage (edges), crashes (and
leaks and undefined behaviour, which ASan/UBSan turn into crashes), then the totals. A crash's input
is kept in BUILD/fuzz-crashes/<target>/; copy it to tests/fuzz/regressions/<target>/ once fixed.
Exit status 1 when any target crashed. Usage: fuzz_campaign.py BUILD [SECONDS] [PARALLEL]
BERTH_FUZZ_ONLY="ecr_page gar_page" runs only the targets named.
"""
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import time

build = os.path.abspath(sys.argv[1])
seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 60
parallel = int(sys.argv[3]) if len(sys.argv) > 3 else 2
fuzz_dir = os.path.join(build, "tests", "fuzz")
targets = sorted(f for f in os.listdir(fuzz_dir) if f.startswith("fuzz_") and os.access(os.path.join(fuzz_dir, f), os.X_OK)
                 and os.path.isfile(os.path.join(fuzz_dir, f)))
only = os.environ.get("BERTH_FUZZ_ONLY", "").split()
if only:
    targets = [t for t in targets if t[len("fuzz_"):] in only]
if not targets:
    sys.exit(f"no fuzz targets in {fuzz_dir}: build with packaging/dev.sh fuzz")


def campaign(exe):
    name = exe[len("fuzz_"):]
    corpus = os.path.join(build, "fuzz-corpus", name)
    seeds = os.path.join(build, "fuzz-seeds", name)
    crashes = os.path.join(build, "fuzz-crashes", name)
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(crashes, exist_ok=True)
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1",
               UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1", QT_QPA_PLATFORM="offscreen")
    cmd = [os.path.join(fuzz_dir, exe), f"-max_total_time={seconds}", "-print_final_stats=1", "-timeout=20",
           "-rss_limit_mb=2560", "-max_len=65536", f"-artifact_prefix={crashes}/", corpus, seeds]
    started = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, errors="replace", env=env)
    stats = dict(re.findall(r"^stat::(\w+):\s+(\d+)", done.stderr, re.M))
    final = re.findall(r"#\d+\s+\w+\s+cov: (\d+) ft: \d+ corp: (\d+)/", done.stderr)
    found = [f for f in os.listdir(crashes) if f.split("-")[0] in ("crash", "leak", "timeout", "oom")]
    if done.returncode != 0 and not found:
        found = [f"exit {done.returncode}"]
    if found:
        with open(os.path.join(crashes, "last-run.log"), "w") as log:
            log.write(done.stderr)
    return {"target": name, "execs": int(stats.get("number_of_executed_units", 0)),
            "per_second": int(stats.get("average_exec_per_sec", 0)),
            "corpus": int(final[-1][1]) if final else len(os.listdir(corpus)),
            "coverage": int(final[-1][0]) if final else 0, "crashes": found,
            "seconds": time.monotonic() - started}


print(f"fuzz campaign: {len(targets)} targets, {seconds} s each, {parallel} at a time (libFuzzer, ASan, UBSan)")
started = time.monotonic()
with concurrent.futures.ThreadPoolExecutor(parallel) as pool:
    results = list(pool.map(campaign, targets))
print(f"{'TARGET':<24}{'EXECUTIONS':>14}{'EXEC/S':>10}{'CORPUS':>9}{'COVERAGE':>10}  CRASHES")
for r in results:
    print(f"{r['target']:<24}{r['execs']:>14,}{r['per_second']:>10,}{r['corpus']:>9}{r['coverage']:>10}  "
          f"{len(r['crashes'])}{' (' + ', '.join(r['crashes'][:3]) + ')' if r['crashes'] else ''}")
total = sum(r["execs"] for r in results)
crashed = sum(len(r["crashes"]) for r in results)
print(f"total: {total:,} executions in {time.monotonic() - started:.0f} s wall clock; "
      f"{crashed} crashes (leaks and undefined behaviour included); goal: >= 10,000,000 executions, 0 crashes")
sys.exit(1 if crashed else 0)
