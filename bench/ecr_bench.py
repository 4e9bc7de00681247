#!/usr/bin/env python3
"""Benchmark: the tag list with dates of an ECR repository of 10,000 images, through ECR's API
(DescribeImages, pages of 1,000), against the bed's ECR stand-in (tests/bed/ecr_mock.py, which
checks every SigV4 signature).

Prints `berthctl --json tags` beside its baseline from the same run: a plain sequential HTTP
client (Python's http.client, each page SigV4-signed, the next page asked for when the previous
one has arrived), both started as processes. Target: at most 1.1x.

  ecr_bench.py BUILD_DIR [--images N] [--runs R]
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
import testbed  # noqa: E402  (free ports as the bed finds them)

ACCESS, SECRET, REPOSITORY = "AKIDBERTHBENCH", "bench-secret", "team/app"
HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com"

# The baseline client: sequential pages, each signed as AWS SigV4 asks, body read, next token found.
BASELINE = r'''
import hashlib, hmac, http.client, json, re, sys, time
port, access, secret, repository = sys.argv[1:5]
def sign(key, msg): return hmac.new(key, msg.encode(), hashlib.sha256).digest()
conn = http.client.HTTPConnection("127.0.0.1", int(port))
token, pages = None, 0
while True:
    request = {"registryId": "123456789012", "repositoryName": repository, "maxResults": 1000}
    if token: request["nextToken"] = token
    body = json.dumps(request).encode()
    amz = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()); day = amz[:8]
    headers = {"content-type": "application/x-amz-json-1.1", "host": f"127.0.0.1:{port}", "x-amz-date": amz,
               "x-amz-target": "AmazonEC2ContainerRegistry_V20150921.DescribeImages"}
    signed = ";".join(sorted(headers))
    canonical = "\n".join(["POST", "/", "", "".join(f"{h}:{headers[h]}\n" for h in sorted(headers)), signed, hashlib.sha256(body).hexdigest()])
    scope = f"{day}/us-east-1/ecr/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = sign(sign(sign(sign(("AWS4" + secret).encode(), day), "us-east-1"), "ecr"), "aws4_request")
    headers["Authorization"] = f"AWS4-HMAC-SHA256 Credential={access}/{scope}, SignedHeaders={signed}, Signature={hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()}"
    conn.request("POST", "/", body, headers)
    resp = conn.getresponse(); data = resp.read()
    if resp.status != 200: sys.exit(f"baseline: HTTP {resp.status} {data[:200]!r}")
    pages += 1
    found = re.search(rb'"nextToken": "([^"]+)"', data)
    if not found: break
    token = found.group(1).decode()
print(pages)
'''


def timed(args, env=None):
    start = time.perf_counter()
    done = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"ecr_bench: {' '.join(args[:3])} failed: {done.stderr}")
    return time.perf_counter() - start, done.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--images", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--plain", action="store_true", help="time berthctl tags without --json (names only)")
    args = parser.parse_args()
    berthctl = os.path.join(os.path.abspath(args.build), "app", "berthctl")
    work = tempfile.mkdtemp(prefix="berth-ecr-bench-")
    port = testbed.free_port()
    mock = subprocess.Popen([sys.executable, os.path.join(BED, "ecr_mock.py"), str(port), os.path.join(HERE, "..", "tests", "fixtures"),
                             ACCESS, SECRET, REPOSITORY, "sha256:" + "e" * 64], env=dict(os.environ, ECR_MOCK_IMAGES=str(args.images)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        env = dict(os.environ, AWS_ACCESS_KEY_ID=ACCESS, AWS_SECRET_ACCESS_KEY=SECRET, AWS_ENDPOINT_URL_ECR=f"http://127.0.0.1:{port}",
                   HOME=work, BERTH_CONFIG_DIR=os.path.join(work, "config"), BERTH_CACHE_DIR=os.path.join(work, "cache"),
                   DOCKER_CONFIG=os.path.join(work, "docker"))
        for _ in range(50):  # until the stand-in answers
            if subprocess.run([sys.executable, "-c", BASELINE, str(port), ACCESS, SECRET, REPOSITORY], capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
        _, out = timed([berthctl, "--json", "tags", f"{HOST}/{REPOSITORY}"], env)
        tags = json.loads(out)["details"]
        if len(tags) != args.images or not all(t["pushed"] for t in tags):
            sys.exit(f"ecr_bench: berthctl listed {len(tags)} tags with dates, not {args.images}")
        berth, baseline = [], []
        for _ in range(args.runs):
            baseline.append(timed([sys.executable, "-c", BASELINE, str(port), ACCESS, SECRET, REPOSITORY])[0])
            berth.append(timed([berthctl, "--json", "tags", f"{HOST}/{REPOSITORY}"], env)[0])
        b, base = statistics.median(berth), statistics.median(baseline)
        pages = (args.images + 999) // 1000
        print(f"ECR repository of {args.images} images, {pages} pages of DescribeImages (loopback stand-in; median of {args.runs})")
        print(f"  berthctl --json tags (tags with push dates) {b * 1000:7.0f} ms")
        print(f"  baseline, a plain sequential HTTP client of the same pages {base * 1000:7.0f} ms")
        ratio = b / base
        print(f"  ratio {ratio:.2f} (target at most 1.10): {'within target' if ratio <= 1.1 else 'OUTSIDE target'}")
        return 0 if ratio <= 1.1 else 1
    finally:
        mock.terminate()
        mock.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
