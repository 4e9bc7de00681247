#!/usr/bin/env python3
"""Bench data tool: pushes one repository with N tags, each its own image (own config, built on
its own date) over one shared real gzip'd layer, and writes the list of manifest and config URLs
that a `history` run must read.

  gen_tags.py REGISTRY_URL REPOSITORY COUNT URL_LIST_FILE
"""
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "bed"))
import seed  # noqa: E402


def main():
    base, repo, count, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    reg = seed.Registry(base)
    layer = seed.tar_layer(seed.existing(["/usr/bin/env", "/usr/bin/cat"]), seed.epoch("2026-01-01"))
    layer_digest = reg.push_blob(repo, layer[0])

    def push(i):
        date = f"20{24 + i // 336:02d}-{(i // 28) % 12 + 1:02d}-{i % 28 + 1:02d}"
        image = seed.Image(date, [layer], cmd=["build", str(i)], labels={"build": str(i)})
        body, media_type = image.push(reg, repo, oci=i % 2 == 0)
        tag = f"build-{i:05d}"
        reg.push_manifest(repo, tag, body, media_type)
        config_digest = json.loads(body)["config"]["digest"]
        return tag, config_digest, media_type

    with ThreadPoolExecutor(8) as pool:
        rows = list(pool.map(push, range(count)))
    with open(out, "w") as f:
        for tag, config_digest, _ in rows:
            f.write(f"{base}/v2/{repo}/manifests/{tag}\n")
            f.write(f"{base}/v2/{repo}/blobs/{config_digest}\n")
    print(f"gen_tags: pushed {count} tags to {base}/{repo} (layer {layer_digest[:19]})", file=sys.stderr)


if __name__ == "__main__":
    main()
