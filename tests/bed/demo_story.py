"""What the demo registry tells beyond its images (`testbed.py start --demo`): trust and history.

- demo/webapp 1.10.0 (latest) and 1.2.0 (prod) are signed with cosign, with a key the demo's
  Berth trusts (registries.ini); 1.9.0 is not signed.
- 1.10.0 carries an SPDX SBOM of its real packages and a Trivy report with no findings; 1.2.0 a
  Trivy report with findings (Trivy's own test output for a Debian image, tests/fixtures/trivy).
- The demo's tag history (Berth's observation log) is written as if Berth had watched the registry
  since February: `latest` and `staging` moved with each release, so Timeline has points.
All made with the real tools (cosign, oras) in the Debian 13 root.
"""
import calendar
import json
import os
import sqlite3
import subprocess
import time

import seed

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures")
WEBAPP = "demo/webapp"
RELEASES = [("1.0.0", "2026-02-02"), ("1.1.0", "2026-03-15"), ("1.2.0", "2026-05-20"), ("1.9.0", "2026-08-30"),
            ("1.10.0", "2026-10-12")]


def ms(date, hour=10):
    return (calendar.timegm(time.strptime(date, "%Y-%m-%d")) + hour * 3600) * 1000


def tool(cmd, cwd, env):
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def digest_of(reg, repo, tag):
    status, headers, _ = reg.request("HEAD", f"/v2/{repo}/manifests/{tag}",
                                     headers={"Accept": ",".join([seed.DOCKER_MANIFEST, seed.OCI_MANIFEST,
                                                                  seed.OCI_INDEX, seed.DOCKER_LIST])})
    if status != 200:
        raise RuntimeError(f"{repo}:{tag} is not in the demo registry ({status})")
    return {k.lower(): v for k, v in headers.items()}["docker-content-digest"]


def spdx(name, packages):
    return {"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": name,
            "documentNamespace": f"https://example.invalid/berth-demo/{name}",
            "creationInfo": {"created": "2026-10-12T09:40:00Z", "creators": ["Tool: berth-demo"]},
            "packages": [{"name": p, "SPDXID": f"SPDXRef-Package-{i}", "versionInfo": v, "downloadLocation": "NOASSERTION",
                          "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                                            "referenceLocator": f"pkg:deb/debian/{p}@{v}?distro=debian-13"}]}
                         for i, (p, v) in enumerate(sorted(packages.items()))]}


def trivy_clean(name):
    return {"SchemaVersion": 2, "ArtifactName": name, "ArtifactType": "container_image",
            "Metadata": {"OS": {"Family": "debian", "Name": "13.1"}},
            "Results": [{"Target": f"{name} (debian 13.1)", "Class": "os-pkgs", "Type": "debian", "Vulnerabilities": []}]}


def sign_and_attach(host, state, reg):
    work = os.path.join(state, "demo-trust")
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, HOME=work, COSIGN_PASSWORD="")
    if not os.path.exists(os.path.join(work, "cosign.pub")):
        tool(["cosign", "generate-key-pair"], work, env)
    digests = {tag: digest_of(reg, WEBAPP, tag) for tag, _ in RELEASES}
    for tag in ("1.10.0", "1.2.0"):
        tool(["cosign", "sign", "--key", "cosign.key", "--tlog-upload=false", "--allow-http-registry", "--yes",
              f"{host}/{WEBAPP}@{digests[tag]}"], work, env)
    newest = f"{host}/{WEBAPP}@{digests['1.10.0']}"
    files = {
        "sbom.spdx.json": spdx(f"{WEBAPP}:1.10.0", seed.package_versions(seed.dpkg_status("13.1", with_app=True))),
        "trivy-1.10.0.json": trivy_clean(f"{WEBAPP}:1.10.0"),
    }
    for name, document in files.items():
        with open(os.path.join(work, name), "w") as f:
            json.dump(document, f, indent=2)
    with open(os.path.join(FIXTURES, "trivy", "debian-buster.json.golden"), "rb") as src, \
            open(os.path.join(work, "trivy-1.2.0.json"), "wb") as dst:
        dst.write(src.read())
    for subject, artifact_type, name, media_type in (
            (newest, "application/spdx+json", "sbom.spdx.json", "application/spdx+json"),
            (newest, "application/vnd.aquasec.trivy.report+json", "trivy-1.10.0.json", "application/json"),
            (f"{host}/{WEBAPP}@{digests['1.2.0']}", "application/vnd.aquasec.trivy.report+json", "trivy-1.2.0.json",
             "application/json")):
        tool(["oras", "attach", "--plain-http", "--artifact-type", artifact_type, subject, f"{name}:{media_type}"],
             work, env)
    return os.path.join(work, "cosign.pub"), digests


def write_history(host, cache_dir, digests):
    """Berth's observation log, as if it had watched demo/webapp since the first release."""
    os.makedirs(cache_dir, exist_ok=True)
    now = int(time.time() * 1000)
    rows = []
    for i, (version, date) in enumerate(RELEASES):
        digest = digests[version]
        rows.append((version, digest, ms(date), now))
        until = ms(RELEASES[i + 1][1]) if i + 1 < len(RELEASES) else now
        rows.append(("latest", digest, ms(date, 11), until))
        if i >= 2:  # staging from 1.2.0 on
            rows.append(("staging", digest, ms(date, 10), until))
    rows.append(("prod-2026-05-21", digests["1.2.0"], ms("2026-05-21"), now))
    db = sqlite3.connect(os.path.join(cache_dir, "history.sqlite"))
    db.execute("CREATE TABLE IF NOT EXISTS observations (registry TEXT NOT NULL, repository TEXT NOT NULL, tag TEXT NOT NULL,"
               " digest TEXT NOT NULL, media_type TEXT, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,"
               " PRIMARY KEY (registry, repository, tag, digest))")
    db.executemany("INSERT OR REPLACE INTO observations VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [(host, WEBAPP, tag, digest, seed.DOCKER_MANIFEST, first, last) for tag, digest, first, last in rows])
    db.commit()
    db.close()


def trust_the_key(host, config_dir, public_key):
    """The demo's Berth checks signatures from the demo registry against the demo key."""
    os.makedirs(config_dir, exist_ok=True)
    with open(os.path.join(config_dir, "registries.ini"), "w") as f:
        f.write(f"[registries]\n1\\name={host}\n1\\plainHttp=true\n1\\trustedKeys={public_key}\nsize=1\n")


def dress(host, state):
    reg = seed.Registry(f"http://{host}")
    public_key, digests = sign_and_attach(host, state, reg)
    write_history(host, os.path.join(state, "cache"), digests)
    trust_the_key(host, os.path.join(state, "config"), public_key)
