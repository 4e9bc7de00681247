#!/usr/bin/env python3
"""Benchmark: the window's sidebar filling with a Harbor of 50 projects x 100 repositories, seen
by a logged-in user through Harbor's own API (projects, then each project's repositories, pages
of 100), against the bed's Harbor stand-in (tests/bed/harbor_mock.py, HARBOR_MOCK_BULK).

Prints, beside its baseline from the same run (curl fetching the same pages one after the other
on one connection): first rows visible (target under 1 s), all rows, and the longest GUI-thread
stall while filling (target under 50 ms).

  harbor_bench.py BUILD_DIR [--projects P] [--repositories R]
"""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BED = os.path.join(HERE, "..", "tests", "bed")
sys.path.insert(0, BED)
import testbed  # noqa: E402  (free ports as the bed finds them)

USER, PASSWORD = "bench-admin", "bench-password"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--projects", type=int, default=50)
    parser.add_argument("--repositories", type=int, default=100)
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    work = tempfile.mkdtemp(prefix="berth-harbor-bench-")
    port = testbed.free_port()
    env = dict(os.environ, HARBOR_MOCK_BULK=f"{args.projects}x{args.repositories}")
    mock = subprocess.Popen([sys.executable, os.path.join(BED, "harbor_mock.py"), str(port), "127.0.0.1:9",
                             os.path.join(HERE, "..", "tests", "fixtures"), USER, PASSWORD], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/api/v2.0"
        auth = ["-u", f"{USER}:{PASSWORD}"]
        for _ in range(100):
            if subprocess.run(["curl", "-sf", f"{base}/systeminfo"], stdout=subprocess.DEVNULL).returncode == 0:
                break
            time.sleep(0.1)
        urls = [f"{base}/projects?with_detail=false&page=1&page_size=100"]
        urls += [f"{base}/projects/proj{p:02d}/repositories?page={page}&page_size=100"
                 for p in range(args.projects) for page in range(1, args.repositories // 100 + 2)]
        start = time.perf_counter()
        curl = ["curl", "-sf"] + auth
        for url in urls:
            curl += [url, "-o", "/dev/null"]
        subprocess.run(curl, check=True)
        baseline = time.perf_counter() - start

        docker = os.path.join(work, "docker")
        os.makedirs(docker)
        with open(os.path.join(docker, "config.json"), "w") as f:
            json.dump({"auths": {f"127.0.0.1:{port}": {"auth": base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()}}}, f)
        gui_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DOCKER_CONFIG=docker, BERTH_CONFIG_DIR=os.path.join(work, "config"),
                       BERTH_CACHE_DIR=os.path.join(work, "cache"), HOME=work)
        done = subprocess.run([os.path.join(build, "bench", "berth_gui_bench"), "sidebar", f"127.0.0.1:{port}", "-", "-", "harbor"],
                              env=gui_env, capture_output=True, text=True)
        sys.stdout.write(done.stdout)
        sys.stderr.write(done.stderr)
        figures = json.loads(next(line for line in done.stdout.splitlines() if line.startswith("SIDEBAR_JSON")).split(" ", 1)[1])
        print(f"  baseline, curl of the same {len(urls)} pages one after the other on one connection {baseline * 1000:7.0f} ms")
        ok = figures["repositories"] == args.projects * args.repositories and figures["first_ms"] < 1000 and figures["stall_ms"] < 50
        print(f"  {figures['repositories']} of {args.projects * args.repositories} repositories listed; "
              f"result: {'within target' if ok else 'OUTSIDE target'}")
        return 0 if ok else 1
    finally:
        mock.terminate()
        mock.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
