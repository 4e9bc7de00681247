#!/usr/bin/env python3
"""The demo tells its story (what `packaging/dev.sh demo` shows a new user), checked end to end:
a demo registry is started, berthctl sees what the demo promises (a signed and an unsigned
release, an SBOM and scan reports attached, a tag that moved five times, a real small package set
whose versions change, a repository ripe for cleanup), and the headless window tour saves every
view. Usage: check_demo.py BUILD_DIR"""
import json
import os
import shutil
import subprocess
import sys

build = os.path.abspath(sys.argv[1])
here = os.path.dirname(os.path.abspath(__file__))
bed = os.path.join(here, "..", "bed", "testbed.py")
state = os.path.join(build, "demo-check")
ctl = os.path.join(build, "app", "berthctl")
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def run(*args):
    env = dict(os.environ, BERTH_CONFIG_DIR=os.path.join(state, "config"), BERTH_CACHE_DIR=os.path.join(state, "cache"))
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)


shutil.rmtree(state, ignore_errors=True)
subprocess.run([sys.executable, bed, "start", state, "--demo"], check=True, capture_output=True)
try:
    registry = json.load(open(os.path.join(state, "bed.json")))["anonymous"]
    webapp = f"{registry}/demo/webapp"
    key = os.path.join(state, "demo-trust", "cosign.pub")

    check(run(ctl, "verify", f"{webapp}:latest", "--key", key).returncode == 0, "latest (1.10.0) is signed with the demo key")
    unsigned = run(ctl, "verify", f"{webapp}:1.9.0", "--key", key)
    check(unsigned.returncode == 1 and "not signed" in unsigned.stdout, "1.9.0 is not signed")
    types = [r["artifactType"] for r in json.loads(run(ctl, "referrers", f"{webapp}:latest", "--json").stdout)["referrers"]]
    check("application/spdx+json" in types and "application/vnd.aquasec.trivy.report+json" in types,
          f"latest has an SBOM and a scan report attached ({', '.join(types)})")
    scan = run(ctl, "scan", f"{webapp}:1.2.0", "--fail-on", "high")
    check(scan.returncode == 5, "1.2.0's scan report has a finding at or above high")
    clean = run(ctl, "scan", f"{webapp}:latest", "--fail-on", "low")
    check(clean.returncode == 0 and "0 findings" in clean.stdout, "latest's attached report passes a --fail-on low gate")

    moves = json.loads(run(ctl, "timeline", f"{webapp}:latest", "--json").stdout)
    rows = [r for r in moves.get("observations", moves.get("timeline", [])) if r.get("tag") == "latest"]
    check(len(rows) == 5, f"latest pointed at 5 digests over the year ({len(rows)})")

    diff = json.loads(run(ctl, "diff", f"{webapp}:1.2.0", f"{webapp}:latest", "--json").stdout)
    packages = {c["package"] for c in diff["packages"]}
    check(10 <= len(packages) <= 40 and "libc6" in packages and "libssl3t64" in packages,
          f"1.2.0 -> latest changes a small real package set ({len(packages)} packages, libc6 and libssl3 -> libssl3t64)")
    check(not any(p.startswith("qt6") for p in packages), "no build-root packages (qt6-*) in the demo images")

    nightlies = run(ctl, "tags", f"{registry}/ops/backup").stdout.split()
    check(len(nightlies) >= 30, f"ops/backup is ripe for cleanup ({len(nightlies)} nightly tags)")

    shots = os.path.join(state, "shots")
    tour = run(os.path.join(build, "app", "berth"), "--registry", registry, "--open", "demo/webapp:latest",
               "--compare-with", "1.2.0", "--screenshots", shots)
    check(tour.returncode == 0 and "did not finish" not in tour.stderr, "the window tour ran to the end: " + tour.stderr.strip()[-300:])
    for view in ("main", "trust", "files", "timeline", "chart", "compare"):
        path = os.path.join(shots, view + ".png")
        check(os.path.exists(path) and os.path.getsize(path) > 20000, f"{view}.png saved")
        if os.path.exists(path):
            os.makedirs(os.path.join(build, "screenshots"), exist_ok=True)
            shutil.copy(path, os.path.join(build, "screenshots", f"demo-{view}.png"))
finally:
    subprocess.run([sys.executable, bed, "stop", state], capture_output=True)

sys.exit(1 if failures else 0)
