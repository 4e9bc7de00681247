#!/usr/bin/env python3
"""Pushes realistic images to a registry over the distribution API.

Layers are real gzip'd tar archives of real files from this Debian 13 system (binaries, /etc,
the dpkg status database), built on different dates, in Docker schema 2 and OCI media types,
with a multi-arch index. Used by the test bed and the demo; `python3 seed.py URL` seeds by hand.
"""
import base64
import gzip
import hashlib
import io
import json
import os
import re
import sys
import tarfile
import time
import urllib.error
import urllib.parse
import urllib.request

DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json"
DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


class Registry:
    def __init__(self, base, login=None):
        self.base = base.rstrip("/")
        self.login = login  # (user, password) for a registry's token service (the Harbor stand-in)
        self.tokens = {}  # scope -> bearer token

    def request(self, method, path, data=None, headers=None):
        url = path if path.startswith("http") else self.base + path
        status, answer_headers, body = self._send(method, url, data, headers or {})
        challenge = answer_headers.get("WWW-Authenticate", "")
        if status == 401 and challenge.startswith("Bearer ") and self.login:
            # The distribution token flow: a token for the challenge's scope, then the same request.
            fields = dict(re.findall(r'(\w+)="([^"]*)"', challenge))
            query = urllib.parse.urlencode({k: v for k, v in fields.items() if k in ("service", "scope")})
            basic = base64.b64encode(f"{self.login[0]}:{self.login[1]}".encode()).decode()
            code, _, answer = self._send("GET", f"{fields['realm']}?{query}", None, {"Authorization": f"Basic {basic}"})
            if code != 200:
                raise RuntimeError(f"token for {fields.get('scope')}: {code} {answer[:200]!r}")
            self.tokens[fields.get("scope", "")] = json.loads(answer)["token"]
            status, answer_headers, body = self._send(method, url, data, dict(headers or {}, Authorization=f"Bearer {self.tokens[fields.get('scope', '')]}"))
        return status, answer_headers, body

    @staticmethod
    def _send(method, url, data, headers):
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return resp.status, dict(resp.headers), resp.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def push_blob(self, repo, data):
        digest = sha256(data)
        status, _, _ = self.request("HEAD", f"/v2/{repo}/blobs/{digest}")
        if status == 200:
            return digest
        status, headers, body = self.request("POST", f"/v2/{repo}/blobs/uploads/")
        if status != 202:
            raise RuntimeError(f"upload start for {repo} failed: {status} {body[:200]!r}")
        location = headers.get("Location")
        if not location.startswith("http"):
            location = self.base + location
        sep = "&" if "?" in location else "?"
        status, _, body = self.request("PUT", f"{location}{sep}digest={digest}", data,
                                       {"Content-Type": "application/octet-stream"})
        if status != 201:
            raise RuntimeError(f"blob upload to {repo} failed: {status} {body[:200]!r}")
        return digest

    def push_manifest(self, repo, ref, manifest_bytes, media_type):
        status, _, body = self.request("PUT", f"/v2/{repo}/manifests/{ref}", manifest_bytes,
                                       {"Content-Type": media_type})
        if status != 201:
            raise RuntimeError(f"manifest {repo}:{ref} failed: {status} {body[:300]!r}")
        return sha256(manifest_bytes)


def tar_layer(entries, mtime):
    """entries: (path in image, source path on disk | bytes | None for a directory, mode)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        made_dirs = set()
        for arcname, source, mode in entries:
            parts = arcname.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                d = "/".join(parts[:i])
                if d and d not in made_dirs:
                    info = tarfile.TarInfo(d)
                    info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, mtime
                    tar.addfile(info)
                    made_dirs.add(d)
            if isinstance(source, str) and os.path.islink(source):
                info = tarfile.TarInfo(arcname)
                info.type, info.linkname, info.mode, info.mtime = tarfile.SYMTYPE, os.readlink(source), 0o777, mtime
                tar.addfile(info)
                continue
            if source is None:
                info = tarfile.TarInfo(arcname)
                info.type, info.mode, info.mtime = tarfile.DIRTYPE, mode or 0o755, mtime
                tar.addfile(info)
                made_dirs.add(arcname)
                continue
            data = open(source, "rb").read() if isinstance(source, str) else source
            info = tarfile.TarInfo(arcname)
            info.size, info.mtime = len(data), mtime
            info.mode = mode if mode is not None else (os.stat(source).st_mode & 0o7777 if isinstance(source, str) else 0o644)
            tar.addfile(info, io.BytesIO(data))
    uncompressed = raw.getvalue()
    compressed = gzip.compress(uncompressed, compresslevel=6, mtime=0)
    return compressed, sha256(uncompressed)


def existing(paths):
    return [(p.lstrip("/"), p, None) for p in paths if os.path.exists(p) or os.path.islink(p)]


# The demo's package sets: real stanzas from this Debian 13 system's dpkg database, a small base
# and what the web app adds, at the versions each release of the base carried. 13.1 is this
# system's own; the older bases carry earlier versions (and Debian 12's names: libssl3, python3.11).
BASE_PACKAGES = ["base-files", "libc6", "dash", "coreutils", "tzdata", "ca-certificates", "libssl3t64", "zlib1g",
                 "libzstd1", "gcc-14-base", "libgcc-s1", "mawk", "netbase", "debian-archive-keyring", "media-types"]
APP_PACKAGES = ["python3-minimal", "python3.13-minimal", "libpython3.13-minimal", "libexpat1", "libffi8"]
OLDER_PACKAGES = {
    "13.0": {"base-files": "13.8", "libc6": "2.41-12", "tzdata": "2025b-4", "libssl3t64": "3.5.1-1",
             "python3.13-minimal": "3.13.5-2", "libpython3.13-minimal": "3.13.5-2", "libexpat1": "2.7.1-2"},
    "12.8": {"base-files": "12.4+deb12u8", "libc6": "2.36-9+deb12u9", "coreutils": "9.1-1", "dash": "0.5.12-2",
             "tzdata": "2024b-0+deb12u1", "ca-certificates": "20230311", "libssl3t64": ("libssl3", "3.0.15-1~deb12u1"),
             "zlib1g": "1:1.2.13.dfsg-1", "libzstd1": "1.5.4+dfsg2-5", "gcc-14-base": ("gcc-12-base", "12.2.0-14"),
             "libgcc-s1": "12.2.0-14", "mawk": "1.3.4.20200120-3.1", "debian-archive-keyring": "2023.3+deb12u1",
             "media-types": "10.0.0", "netbase": "6.4", "python3-minimal": "3.11.2-1+b1",
             "python3.13-minimal": ("python3.11-minimal", "3.11.2-6+deb12u4"),
             "libpython3.13-minimal": ("libpython3.11-minimal", "3.11.2-6+deb12u4"), "libexpat1": "2.5.0-1+deb12u1",
             "libffi8": "3.4.4-1"},
}
OLDER_PACKAGES["12.0"] = {**OLDER_PACKAGES["12.8"], "base-files": "12.4", "libc6": "2.36-9", "tzdata": "2023c-5",
                          "libssl3t64": ("libssl3", "3.0.9-1"), "ca-certificates": "20230311",
                          "python3.13-minimal": ("python3.11-minimal", "3.11.2-6"),
                          "libpython3.13-minimal": ("libpython3.11-minimal", "3.11.2-6")}


def dpkg_status(release, with_app=False):
    """A dpkg status database of the base `release` (and the web app's packages): the real stanzas,
    with the package names and versions that release had."""
    try:
        text = open("/var/lib/dpkg/status", encoding="utf-8").read()
    except OSError:
        return b""
    stanzas = {}
    for stanza in text.split("\n\n"):
        lines = stanza.strip().split("\n")
        if lines and lines[0].startswith("Package: "):
            stanzas[lines[0][len("Package: "):]] = lines
    older = OLDER_PACKAGES.get(release, {})
    out = []
    for name in BASE_PACKAGES + (APP_PACKAGES if with_app else []):
        if name not in stanzas:
            continue
        renamed, version = older.get(name, (name, None)) if isinstance(older.get(name), tuple) else (name, older.get(name))
        lines = [f"Package: {renamed}" if l.startswith("Package: ") else
                 f"Version: {version}" if version and l.startswith("Version: ") else l for l in stanzas[name]]
        out.append("\n".join(lines))
    return ("\n\n".join(out) + "\n").encode()


def package_versions(status):
    """name -> version of a status database (for the demo's SBOMs)."""
    versions, name = {}, None
    for line in status.decode().split("\n"):
        if line.startswith("Package: "):
            name = line[len("Package: "):]
        elif line.startswith("Version: ") and name:
            versions[name] = line[len("Version: "):]
    return versions


def iso(date):
    return date + "T09:30:00Z"


def epoch(date):
    import calendar
    import time
    return calendar.timegm(time.strptime(date, "%Y-%m-%d"))


class Image:
    """One platform image: layers plus config, pushed as a manifest."""

    def __init__(self, created, layers, arch="amd64", env=None, cmd=None, entrypoint=None, labels=None,
                 history=None, workdir="", user="", exposed=None):
        self.created, self.layers, self.arch = created, layers, arch
        self.env = env or ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
        self.cmd, self.entrypoint, self.labels = cmd, entrypoint, labels or {}
        self.history = history or []
        self.workdir, self.user, self.exposed = workdir, user, exposed

    def push(self, reg, repo, oci):
        layer_descs, diff_ids = [], []
        for compressed, diff_id in self.layers:
            digest = reg.push_blob(repo, compressed)
            layer_descs.append({"mediaType": OCI_LAYER if oci else DOCKER_LAYER, "size": len(compressed),
                                "digest": digest})
            diff_ids.append(diff_id)
        config = {"created": iso(self.created), "architecture": self.arch, "os": "linux",
                  "config": {"Env": self.env, "Cmd": self.cmd, "Entrypoint": self.entrypoint,
                             "Labels": self.labels, "WorkingDir": self.workdir, "User": self.user},
                  "rootfs": {"type": "layers", "diff_ids": diff_ids},
                  "history": [{"created": iso(self.created), "created_by": h} for h in self.history]}
        if self.exposed:
            config["config"]["ExposedPorts"] = {p: {} for p in self.exposed}
        config_bytes = json.dumps(config, indent=None, separators=(",", ":")).encode()
        config_digest = reg.push_blob(repo, config_bytes)
        manifest = {"schemaVersion": 2, "mediaType": OCI_MANIFEST if oci else DOCKER_MANIFEST,
                    "config": {"mediaType": OCI_CONFIG if oci else DOCKER_CONFIG, "size": len(config_bytes),
                               "digest": config_digest},
                    "layers": layer_descs}
        if oci:
            manifest["annotations"] = {"org.opencontainers.image.created": iso(self.created)}
        body = json.dumps(manifest, indent=3).encode()
        return body, manifest["mediaType"]


def push_image(reg, repo, tags, image, oci=False):
    body, media_type = image.push(reg, repo, oci)
    digest = None
    for tag in tags:
        digest = reg.push_manifest(repo, tag, body, media_type)
    return digest, len(body), media_type


def push_index(reg, repo, tags, images, oci=True):
    manifests = []
    for image in images:
        body, media_type = image.push(reg, repo, oci)
        digest = reg.push_manifest(repo, sha256(body), body, media_type)
        manifests.append({"mediaType": media_type, "size": len(body), "digest": digest,
                          "platform": {"architecture": image.arch, "os": "linux",
                                       **({"variant": "v8"} if image.arch == "arm64" else {})}})
    index = {"schemaVersion": 2, "mediaType": OCI_INDEX if oci else DOCKER_LIST, "manifests": manifests}
    body = json.dumps(index, indent=3).encode()
    for tag in tags:
        reg.push_manifest(repo, tag, body, index["mediaType"])
    return sha256(body)


BASE_FILES = ["/etc/debian_version", "/etc/host.conf", "/etc/issue", "/etc/nsswitch.conf", "/usr/lib/os-release",
              "/etc/os-release", "/usr/bin/dash", "/usr/bin/ls", "/usr/bin/cat", "/usr/bin/env", "/bin", "/lib", "/lib64",
              "/usr/share/base-files/profile"]


def base_layer(date, arch, release):
    entries = existing(BASE_FILES)
    entries.append(("var/lib/dpkg/status", dpkg_status(release), 0o644))
    entries.append(("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n", 0o644))
    entries.append(("etc/group", b"root:x:0:\nnogroup:x:65534:\n", 0o644))
    entries.append(("etc/berth-demo-arch", f"{arch}\n".encode(), 0o644))
    entries.append(("tmp", None, 0o1777))
    return tar_layer(entries, epoch(date))


def cleanup_layer(removed, date):
    """A layer that deletes a file of a lower layer (an OCI whiteout) and adds another."""
    directory, name = os.path.dirname(removed), os.path.basename(removed)
    return tar_layer([(f"{directory}/.wh.{name}", b"", 0o644),
                      (f"{directory}/theme.css", b"body { color: #222; }\n", 0o644)], epoch(date))


def app_layer(version, date, extra_kb, base_release):
    entries = [
        ("var/lib/dpkg/status", dpkg_status(base_release, with_app=True), 0o644),
        ("app/VERSION", f"{version}\n".encode(), 0o644),
        ("app/server.py", (f"# webapp {version}\nimport http.server\n" + "print('serving')\n").encode(), 0o755),
        ("app/static/app.js", (f"// webapp {version}\n" + "console.log('berth');\n" * (extra_kb * 40)).encode(), 0o644),
        ("app/static/style.css", b"body { font-family: sans-serif; }\n" * 200, 0o644),
    ]
    return tar_layer(entries, epoch(date))


TRUST_TAGS = ("signed", "unsigned", "copied", "tampered", "skopeo-src", "referred", "bundled", "moved")


def seed_trust(reg):
    """Images the trust tests sign, leave unsigned, and copy signatures onto (the same bytes on
    every registry, so both registries give the same digests)."""
    for i, tag in enumerate(TRUST_TAGS):
        layer = tar_layer([("trust.txt", f"{tag}\n".encode(), 0o644)], epoch("2026-07-04"))
        push_image(reg, "trust/app", [tag], Image(f"2026-07-{4 + i:02d}", [layer], cmd=["cat", "/trust.txt"]))
    return list(TRUST_TAGS)


def seed_gui_trust(reg):
    """The image the GUI's trust test signs and attaches to."""
    trusted = tar_layer([("trust.txt", b"gui\n", 0o644)], epoch("2026-07-10"))
    push_image(reg, "gui/trust", ["signed"], Image("2026-07-10", [trusted], cmd=["cat", "/trust.txt"]))
    return ["signed"]


def seed_oci11(base_url):
    """The OCI 1.1 registry (referrers API): the trust images only."""
    reg = Registry(base_url)
    return {"trust/app": seed_trust(reg), "gui/trust": seed_gui_trust(reg)}


def seed_demo(base_url, test_repositories=True):
    """Pushes the demo repositories (and, unless only a demo is wanted, the ones tests change);
    returns {repository: [tags]}."""
    reg = Registry(base_url)
    seeded = {}

    def note(repo, tags):
        seeded.setdefault(repo, [])
        seeded[repo] += [t for t in tags if t not in seeded[repo]]

    base_history = ["ADD rootfs.tar.gz / # buildkit", 'CMD ["/bin/sh"]']
    bases = {}
    for tag, date in (("12.0", "2025-06-10"), ("12.8", "2025-11-15"), ("13.0", "2026-08-09"), ("13.1", "2026-10-04")):
        amd = Image(date, [base_layer(date, "amd64", tag)], "amd64", cmd=["/bin/sh"], history=base_history,
                    labels={"org.opencontainers.image.version": tag, "org.opencontainers.image.vendor": "Berth demo"})
        arm = Image(date, [base_layer(date, "arm64", tag)], "arm64", cmd=["/bin/sh"], history=base_history,
                    labels={"org.opencontainers.image.version": tag})
        bases[tag] = amd
        tags = [tag] + (["latest"] if tag == "13.1" else [])
        if tag.startswith("13"):
            push_index(reg, "demo/debian-base", tags, [amd, arm], oci=True)
        else:
            push_image(reg, "demo/debian-base", tags, amd, oci=False)
        note("demo/debian-base", tags)

    releases = [("1.0.0", "2026-02-02", 4, None), ("1.1.0", "2026-03-15", 6, None), ("1.2.0", "2026-05-20", 8, None),
                ("1.9.0", "2026-08-30", 12, "app/static/style.css"), ("1.10.0", "2026-10-12", 16, None)]
    for version, date, kb, removed in releases:
        release = "13.1" if date >= "2026-10-04" else "13.0" if date >= "2026-08-09" else "12.8"
        base = bases[release]
        layers = [base.layers[0], app_layer(version, date, kb, release)]
        if removed:
            layers.append(cleanup_layer(removed, date))
        image = Image(date, layers, env=base.env + [f"APP_VERSION={version}", "PORT=8080"],
                      entrypoint=["python3", "/app/server.py"], workdir="/app", user="nobody", exposed=["8080/tcp"],
                      labels={"org.opencontainers.image.version": version,
                              "org.opencontainers.image.source": "https://example.invalid/webapp"},
                      history=base_history + ["COPY app/ /app/ # buildkit", "EXPOSE 8080/tcp", "USER nobody"])
        tags = [version]
        if version == "1.2.0":
            tags += ["a1b2c3d", "prod-2026-05-21"]
        if version == "1.10.0":
            tags += ["latest", "staging", "9f8e7d6"]
        push_image(reg, "demo/webapp", tags, image, oci=False)
        note("demo/webapp", tags)

    for i, date in enumerate(("2026-01-10", "2026-04-22", "2026-09-03")):
        version = f"v0.{i + 1}.0"
        layer = tar_layer(existing(["/usr/bin/env", "/usr/bin/cat"]) +
                          [("usr/local/bin/berth-demo-cli", f"#!/bin/sh\necho cli {version}\n".encode(), 0o755)],
                          epoch(date))
        push_image(reg, "tools/cli", [version], Image(date, [layer], entrypoint=["/usr/local/bin/berth-demo-cli"],
                                                      history=["COPY cli /usr/local/bin/"]), oci=True)
        note("tools/cli", [version])

    def nightlies(month, days, base):
        for day in days:
            date = f"2026-{month}-{day:02d}"
            layer = tar_layer([("backup/run.sh", f"#!/bin/sh\n# nightly {date}\n".encode(), 0o755)], epoch(date))
            tag = f"nightly-2026{month}{day:02d}"
            push_image(reg, "ops/backup", [tag], Image(date, [base.layers[0], layer], cmd=["/backup/run.sh"],
                                                       history=base_history + ["COPY run.sh /backup/"]), oci=True)
            note("ops/backup", [tag])

    nightlies("11", range(1, 6), bases["13.1"])

    hello = tar_layer([("hello.txt", b"Hello from Berth's demo registry.\n", 0o644)], epoch("2026-07-01"))
    push_image(reg, "public/hello", ["1.0", "latest"], Image("2026-07-01", [hello], cmd=["cat", "/hello.txt"]))
    note("public/hello", ["1.0", "latest"])
    if not test_repositories:
        nightlies("10", range(1, 31), bases["13.0"])  # ripe for cleanup: a month of builds nobody deleted
        return seeded
    push_image(reg, "expiring/app", ["1.0"], Image("2026-07-01", [hello], cmd=["cat", "/hello.txt"]))
    # An image the delete test removes.
    push_image(reg, "scratch/delete", ["doomed"], Image("2026-07-03", [hello], cmd=["true"]))
    note("trust/app", seed_trust(reg))
    note("gui/trust", seed_gui_trust(reg))
    # An image the copy test signs and attaches to before copying it.
    push_image(reg, "copy/source", ["signed"], Image("2026-07-05", [hello], cmd=["cat", "/hello.txt"], labels={"copy": "source"}))
    note("copy/source", ["signed"])
    # A subject for the tests that attach signatures and SBOMs (they add tags, so not a demo repo).
    push_image(reg, "interop/subject", ["1.0"], Image("2026-07-02", [hello], cmd=["cat", "/hello.txt"]))
    note("expiring/app", ["1.0"])

    # Two builds and a tag the history tests move from one to the other.
    for version, date in (("v1", "2026-03-01"), ("v2", "2026-04-01")):
        layer = tar_layer([("version.txt", f"{version}\n".encode(), 0o644)], epoch(date))
        push_image(reg, "history/moving", [version] + (["current"] if version == "v1" else []),
                   Image(date, [layer], cmd=["cat", "/version.txt"]))
    note("history/moving", ["v1", "v2", "current"])
    # The same for the GUI's restore test, which must not race the history test.
    for version, date in (("v1", "2026-03-01"), ("v2", "2026-04-01")):
        layer = tar_layer([("version.txt", f"{version}\n".encode(), 0o644)], epoch(date))
        push_image(reg, "gui/moving", [version] + (["current"] if version == "v1" else []),
                   Image(date, [layer], cmd=["cat", "/version.txt"]))
    note("gui/moving", ["v1", "v2", "current"])

    # Four builds the retention tests delete, plus an alias of the newest.
    for i, date in enumerate(("2026-01-05", "2026-02-05", "2026-03-05", "2026-04-05")):
        layer = tar_layer([("build.txt", f"build {i + 1}\n".encode(), 0o644)], epoch(date))
        push_image(reg, "retention/app", [f"v{i + 1}"] + (["alias"] if i == 3 else []),
                   Image(date, [layer], cmd=["cat", "/build.txt"]))
    note("retention/app", ["v1", "v2", "v3", "v4", "alias"])

    # The GUI's retention window: "latest" stays on the oldest build, so a keep-tag guard shows.
    for i, date in enumerate(("2025-10-01", "2026-03-01", "2026-09-01")):
        layer = tar_layer([("build.txt", f"gui build {i + 1}\n".encode(), 0o644)], epoch(date))
        push_image(reg, "gui/retention", [f"v{i + 1}"] + (["latest"] if i == 0 else []),
                   Image(date, [layer], cmd=["cat", "/build.txt"]))
    note("gui/retention", ["v1", "v2", "v3", "latest"])

    # Many small tags, for the paging tests: one shared layer, a config per tag.
    many = tar_layer([("tag.txt", b"paged\n", 0o644)], epoch("2026-01-01"))
    tags = [f"t{i:02d}" for i in range(23)]
    for i, tag in enumerate(tags):
        push_image(reg, "paged/many", [tag], Image(f"2026-01-{(i % 28) + 1:02d}", [many], cmd=[tag]))
    note("paged/many", tags)
    return seeded


def push_namespaces(reg, layout, layer, date):
    """One small image tagged 1.0 in every repository of {namespace: [names]}."""
    for namespace, names in layout.items():
        for name in names:
            push_image(reg, f"{namespace}/{name}", ["1.0"], Image(date, [layer], cmd=[name]))


def seed_hub(base_url):
    """Docker Hub's stand-in content: the user berthuser's own repositories, three organisations of
    40 repositories each, and berthuser/webapp with tags on three images and a multi-arch index.
    berthuser/webapp-window holds the same for the window's test alone: the CLI's tests delete tags
    of webapp while ctest runs the two at once."""
    reg = Registry(base_url)
    layer = tar_layer([("hub.txt", b"hub\n", 0o644)], epoch("2026-01-01"))
    layout = {"berthuser": [f"own{i}" for i in range(5)], "berthshort": ["one"]}
    for org in ("berthorg1", "berthorg2", "berthorg3"):
        layout[org] = [f"svc{i:02d}" for i in range(40)]
    push_namespaces(reg, layout, layer, "2026-01-02")
    for name in ("webapp", "webapp-window"):
        layout["berthuser"].append(name)
        for i, date in enumerate(("2026-02-01", "2026-03-01", "2026-04-01")):
            build = tar_layer([("build.txt", f"webapp {i + 1}\n".encode(), 0o644)], epoch(date))
            push_image(reg, f"berthuser/{name}", [f"v{i + 1}"] + (["latest", "stable"] if i == 2 else []),
                       Image(date, [layer, build], cmd=["cat", "/build.txt"]))
        push_index(reg, f"berthuser/{name}", ["multi"], [Image("2026-04-02", [layer], arch="amd64"),
                                                         Image("2026-04-02", [layer], arch="arm64")])
    return layout


def seed_ghcr(base_url):
    """GHCR's stand-in content: the user ghuser's own packages, three organisations of 40, and
    ghuser/tool with a two-tag version, a multi-arch index (its platform manifests are untagged
    versions on GHCR), a signature attached to it through the referrers API (an untagged version with
    a subject) and an image its tag moved away from (a real untagged version).
    Returns the layout and, per repository, the digests no tag names (the stand-in lists them)."""
    reg = Registry(base_url)
    layer = tar_layer([("ghcr.txt", b"ghcr\n", 0o644)], epoch("2026-01-01"))
    layout = {"ghuser": [f"own{i}" for i in range(5)]}
    for org in ("ghorg1", "ghorg2", "ghorg3"):
        layout[org] = [f"pkg{i:02d}" for i in range(40)]
    push_namespaces(reg, layout, layer, "2026-01-03")
    layout["ghuser"].append("tool")
    known = {}
    old, _, _ = push_image(reg, "ghuser/tool", ["edge"], Image("2026-02-01", [layer], cmd=["old"]))
    push_image(reg, "ghuser/tool", ["edge"], Image("2026-02-02", [layer], cmd=["new"]))
    known["ghuser/tool"] = [old]
    one, one_size, one_type = push_image(reg, "ghuser/tool", ["1.0", "stable"], Image("2026-03-01", [layer], cmd=["one"]))
    # A signature attached through the referrers API: on GHCR an untagged version with a subject.
    empty = reg.push_blob("ghuser/tool", b"{}")
    payload = b'{"critical":{"type":"cosign container image signature"}}'
    signature = {"schemaVersion": 2, "mediaType": OCI_MANIFEST, "artifactType": "application/vnd.dev.cosign.artifact.sig.v1+json",
                 "config": {"mediaType": "application/vnd.oci.empty.v1+json", "digest": empty, "size": 2},
                 "layers": [{"mediaType": "application/vnd.dev.cosign.simplesigning.v1+json",
                             "digest": reg.push_blob("ghuser/tool", payload), "size": len(payload)}],
                 "subject": {"mediaType": one_type, "digest": one, "size": one_size}}
    body = json.dumps(signature).encode()
    known["ghuser/tool"].append(reg.push_manifest("ghuser/tool", sha256(body), body, OCI_MANIFEST))
    push_image(reg, "ghuser/tool", ["2.0"], Image("2026-04-01", [layer], cmd=["two"]))
    push_index(reg, "ghuser/tool", ["multi"], [Image("2026-04-02", [layer], arch="amd64", cmd=["m"]),
                                               Image("2026-04-02", [layer], arch="arm64", cmd=["m"])])
    return layout, known


def seed_quay(base_url):
    """Quay's stand-in content: three organisations of 40 repositories, and quayuser/app whose
    "prod" tag pointed at three images in turn (Quay's own history records when), a "beta" tag,
    and versions for an auto-prune policy that keeps two tags."""
    reg = Registry(base_url)
    layer = tar_layer([("quay.txt", b"quay\n", 0o644)], epoch("2026-01-01"))
    layout = {f"quayorg{i}": [f"repo{j:02d}" for j in range(40)] for i in (1, 2, 3)}
    push_namespaces(reg, layout, layer, "2026-01-04")
    layout["quayuser"] = ["app"]
    prod = []
    for i, date in enumerate(("2026-05-01", "2026-06-01", "2026-07-01")):
        digest, _, _ = push_image(reg, "quayuser/app", ["prod"], Image(date, [layer], cmd=[f"prod{i}"]))
        prod.append((digest, int(epoch(date))))
    history = [{"name": "prod", "manifest_digest": d, "start_ts": start,
                **({"end_ts": prod[i + 1][1]} if i + 1 < len(prod) else {})} for i, (d, start) in enumerate(prod)]
    for i, (tag, date) in enumerate((("beta", "2026-07-15"), ("v1", "2026-03-01"), ("v2", "2026-04-01"))):
        digest, _, _ = push_image(reg, "quayuser/app", [tag], Image(date, [layer], cmd=[tag]))
        history.append({"name": tag, "manifest_digest": digest, "start_ts": int(epoch(date))})
    policies = {"quayuser/app": [{"uuid": "4a9b1d6e-0000-4000-8000-000000000001", "method": "number_of_tags", "value": 2}]}
    return layout, {"quayuser/app": history}, policies


def seed_harbor(base_url, login):
    """harborprov/app pushed through the Harbor stand-in (which records push times), one image a
    moment after the other: v1; v2 and stable; v3. Returns {tag: digest}."""
    reg = Registry(base_url, login)
    layer = tar_layer([("harbor.txt", b"harbor\n", 0o644)], epoch("2026-01-01"))
    tags = {}
    for names, date in ((["v1"], "2026-02-01"), (["v2", "stable"], "2026-03-01"), (["v3"], "2026-04-01")):
        body, media_type = Image(date, [layer], cmd=["harborprov", names[0]]).push(reg, "harborprov/app", True)
        for name in names:
            tags[name] = reg.push_manifest("harborprov/app", name, body, media_type)
        time.sleep(0.05)
    return tags


def seed_gar(base_url):
    """Artifact Registry's content, under PROJECT/REPOSITORY/IMAGE in the registry behind the
    stand-in: example-project's repositories apps (web: v1; v2 and latest; an untagged build; team/api:
    1.0), base (debian: bookworm) and gcr.io (legacy/tool: 1.4; 1.5 and latest), which serves
    gcr.io/example-project/IMAGE as Artifact Registry's gcr.io repositories do. apps keeps cleanup
    policies in dry-run mode. Returns the stand-in's state: repositories and every image with its
    tags and upload time."""
    reg = Registry(base_url)
    layer = tar_layer([("gar.txt", b"gar\n", 0o644)], epoch("2026-01-01"))
    project = "example-project"  # the test service account's own project (adc/service_account.json)
    layout = {"apps": {"web": [(["v1"], "2026-02-01"), (["v2", "latest"], "2026-03-01"), ([], "2026-03-15")],
                       "team/api": [(["1.0"], "2026-02-15")]},
              "base": {"debian": [(["bookworm"], "2026-01-10")]},
              "gcr.io": {"legacy/tool": [(["1.4"], "2025-11-01"), (["1.5", "latest"], "2026-01-20")]}}
    images = {}
    for repo, packages in layout.items():
        for package, versions in packages.items():
            for tags, date in versions:
                path = f"{project}/{repo}/{package}"
                body, media_type = Image(date, [layer], cmd=[path, date]).push(reg, path, True)
                digest = reg.push_manifest(path, tags[0] if tags else sha256(body), body, media_type)
                for tag in tags[1:]:
                    reg.push_manifest(path, tag, body, media_type)
                uploaded = iso(date).replace("Z", ".250Z")  # uploaded a moment after the build, as CI does
                images.setdefault(repo, {}).setdefault(package, {})[digest] = {
                    "tags": tags, "uploadTime": uploaded, "buildTime": iso(date), "size": len(body) + 113}
    repositories = {"apps": {"cleanupPolicyDryRun": True, "cleanupPolicies": {
        "drop-untagged": {"id": "drop-untagged", "action": "DELETE", "condition": {"tagState": "UNTAGGED", "olderThan": "604800s"}},
        "keep-latest": {"id": "keep-latest", "action": "KEEP", "condition": {"tagState": "TAGGED", "tagPrefixes": ["latest"]}}}},
                    "base": {}, "gcr.io": {}}
    return {"project": project, "location": "us", "repositories": repositories, "images": images}


def seed_ecr(base_url, ecr_api):
    """ECR's content: images pushed to the registry behind the ECR host, and the same manifests told
    to moto's ECR API (PutImage with their digest; without it moto would invent one) so that
    DescribeImages and the registry agree. team/app holds v1, v2 (also "stable"), v3 (also
    "latest"); team/tools 1.0; base/alpine 3.20. Returns {repository: {tag: digest}}."""
    import boto3  # moto's dependency; only the ECR part of the bed needs it
    reg = Registry(base_url)
    ecr = boto3.client("ecr", endpoint_url=ecr_api, region_name="us-east-1",
                       aws_access_key_id="AKIDSEEDONLY", aws_secret_access_key="seed-only")
    layer = tar_layer([("ecr.txt", b"ecr\n", 0o644)], epoch("2026-01-01"))
    layout = {"team/app": [(["v1"], "2026-02-01"), (["v2", "stable"], "2026-03-01"), (["v3", "latest"], "2026-04-01")],
              "team/tools": [(["1.0"], "2026-02-15")], "base/alpine": [(["3.20"], "2026-01-15")]}
    tags = {}
    for repo, images in layout.items():
        ecr.create_repository(repositoryName=repo)
        tags[repo] = {}
        for n, (names, date) in enumerate(images):
            if n:
                time.sleep(1.1)  # moto stamps imagePushedAt to the second: one image per second keeps their order
            body, media_type = Image(date, [layer], cmd=[repo, names[0]]).push(reg, repo, True)
            for name in names:
                digest = reg.push_manifest(repo, name, body, media_type)
                ecr.put_image(repositoryName=repo, imageManifest=body.decode(), imageManifestMediaType=media_type,
                              imageTag=name, imageDigest=digest)
                tags[repo][name] = digest
    return tags


if __name__ == "__main__":
    print(json.dumps(seed_demo(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5000"), indent=1))
