#!/usr/bin/env python3
"""A Quay stand-in for the tests, built from the Quay API v1 facts in tests/fixtures/quay/FACTS.md
(no licensed machine-readable description of Quay exists; FACTS.md names the routes and fields,
each from quay/quay's source). Every route served is checked against FACTS.md at start.

One HTTPS server answers as quay.io, and as quay.internal.example (a self-hosted Quay):
  /api/v1/discovery                                 the Swagger description Quay serves of itself (Q1)
  /api/v1/repository?namespace=NS                   repositories, 100 a page, next_page tokens (Q3)
  /api/v1/repository/{ns}/{repo}                    can_write / can_admin for the token (Q4)
  /api/v1/repository/{ns}/{repo}/tag/               every tag row, dead or alive, page/limit/has_additional (Q5, Q6)
  DELETE /api/v1/repository/{ns}/{repo}/tag/{tag}   the tag moves into the time machine (Q7)
  POST   /api/v1/repository/{ns}/{repo}/tag/{tag}/restore   back to a digest from its history (Q8)
  /api/v1/repository/{ns}/{repo}/autoprunepolicy/   the repository's auto-prune policies (Q10)
  /v2/...                                           the registry, forwarded to a real docker-registry,
                                                    with Quay's token service at /v2/auth (Q2); its
                                                    catalog lists the Quay namespaces only
The API takes OAuth bearer tokens; public repositories are readable without one.

  quay_mock.py PORT UPSTREAM_HOST:PORT FIXTURES_DIR CERT KEY STATE_JSON
STATE_JSON: {"users": {name: {"token", "write": bool}}, "namespaces": [...],
             "history": {repo: [{"name", "manifest_digest", "start_ts", "end_ts"?}]},
             "policies": {repo: [policy, ...]}}
"""
import base64
import email.utils
import http.client
import json
import re
import secrets
import sys
import threading
import time
import urllib.parse

import relay
from standin import JsonHandler, Upstream, fixed_time, serve_tls

# quay.io, and a self-hosted Quay under a name of its own (found by its /api/v1/discovery).
HOSTS = ("quay.io", "quay.internal.example")
PAGE = 100
SERVED = [("GET", "/api/v1/discovery"), ("GET", "/api/v1/repository"), ("GET", "/api/v1/repository/{namespace}/{repo}"),
          ("GET", "/api/v1/repository/{namespace}/{repo}/tag/"), ("DELETE", "/api/v1/repository/{namespace}/{repo}/tag/{tag}"),
          ("POST", "/api/v1/repository/{namespace}/{repo}/tag/{tag}/restore"),
          ("GET", "/api/v1/repository/{namespace}/{repo}/autoprunepolicy/")]


def check_described(facts_path):
    """Each served route's method and path shape must be in FACTS.md (which abbreviates the
    common prefix as '…')."""
    facts = open(facts_path, encoding="utf-8").read()
    for method, template in SERVED:
        tail = re.sub(r"\{[^}]+\}", "{x}", template.split("/{repo}")[-1] or template)
        shapes = re.sub(r"\{[^}]+\}", "{x}", facts)
        if tail not in shapes or method not in facts:
            sys.exit(f"quay_mock: {method} {template} is not in FACTS.md")


def rfc2822(ts):
    return email.utils.formatdate(ts, usegmt=False).replace("+0000", "-0000")


def main():
    port, upstream, fixtures, cert, key, state_file = sys.argv[1:7]
    check_described(f"{fixtures}/quay/FACTS.md")
    registry = Upstream(upstream)
    state = json.load(open(state_file))
    users, namespaces = state["users"], set(state["namespaces"])
    lock = threading.RLock()  # tag_rows() takes it inside other holders
    rows = {repo: list(history) for repo, history in state.get("history", {}).items()}  # repo -> tag rows
    registry_tokens = {}
    pages = {}  # next_page token -> (namespace, offset)

    def now():
        return int(time.time())

    def tag_rows(repo):
        """Every row of the repository's tag history; made from the registry's tags the first time."""
        with lock:
            if repo in rows:
                return rows[repo]
        made = []
        for tag in registry.tags(repo) or []:
            found = registry.manifest(repo, tag)
            if found:
                made.append({"name": tag, "manifest_digest": found[0], "start_ts": int(fixed_time(repo, tag).timestamp())})
        with lock:
            return rows.setdefault(repo, made)

    def live(repo, tag):
        t = now()
        return next((r for r in tag_rows(repo) if r["name"] == tag and ("end_ts" not in r or r["end_ts"] > t)), None)

    def repositories(ns):
        return sorted(n.split("/", 1)[1] for n in registry.catalog() if n.startswith(ns + "/"))

    def row_json(r):
        out = {"name": r["name"], "reversion": r.get("reversion", False), "start_ts": r["start_ts"],
               "manifest_digest": r["manifest_digest"], "is_manifest_list": False, "size": 1000,
               "last_modified": rfc2822(r["start_ts"])}
        if "end_ts" in r:
            out["end_ts"] = r["end_ts"]
            out["expiration"] = rfc2822(r["end_ts"])
        return out

    class Handler(JsonHandler):
        def dispatch(self):
            if self.host() not in HOSTS:
                if self.path == "/":
                    self.send_json(200, {"ready": True})
                else:
                    self.send_json(404, {"error_message": "unknown host"})
                return
            if self.path.startswith("/api/v1/"):
                self.api()
            else:
                self.registry()

        do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = dispatch

        def user(self):
            token = self.bearer()
            if token is None:
                return None, True
            name = next((n for n, u in users.items() if u["token"] == token), None)
            return name, name is not None

        # --- /api/v1 --------------------------------------------------------------------------
        def api(self):
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query)
            user, valid = self.user()
            if not valid:
                self.send_json(401, {"error_message": "Invalid bearer token format", "detail": "invalid token"})
                return
            path = url.path
            if path == "/api/v1/discovery" and self.command == "GET":
                # Quay describes its API at run time (endpoints/api/discovery.py): Swagger 2.0, titled as Quay's.
                self.send_json(200, {"swagger": "2.0", "host": self.host(), "basePath": "/",
                                     "info": {"version": "v1", "title": "Quay Frontend",
                                              "description": "This API allows you to perform many of the operations required "
                                                             "to work with Quay repositories, users, and organizations."},
                                     "paths": {}})
                return
            if path == "/api/v1/repository" and self.command == "GET":
                self.list_repositories(query)
                return
            m = re.match(r"^/api/v1/repository/([^/]+)/([^/]+)(/.*)?$", path)
            if not m or m.group(1) not in namespaces:
                self.send_json(404, {"error_message": "Not Found", "detail": "Not Found"})
                return
            repo, rest = f"{m.group(1)}/{m.group(2)}", m.group(3) or ""
            if registry.tags(repo) is None:
                self.send_json(404, {"error_message": "Not Found", "detail": "Not Found"})
                return
            may_write = bool(user) and users[user]["write"]
            if rest == "" and self.command == "GET":
                self.send_json(200, {"namespace": m.group(1), "name": m.group(2), "kind": "image", "state": "NORMAL",
                                     "is_public": True, "can_write": may_write, "can_admin": may_write,
                                     "tag_expiration_s": 1209600})
            elif rest == "/tag/" and self.command == "GET":
                self.list_tags(repo, query)
            elif rest == "/autoprunepolicy/" and self.command == "GET":
                self.send_json(200, {"policies": state.get("policies", {}).get(repo, [])})
            elif re.match(r"^/tag/[^/]+$", rest) and self.command == "DELETE":
                if not may_write:
                    self.send_json(403, {"error_message": "Unauthorized", "detail": "Unauthorized"})
                    return
                self.delete_tag(repo, urllib.parse.unquote(rest[5:]))
            elif re.match(r"^/tag/[^/]+/restore$", rest) and self.command == "POST":
                if not may_write:
                    self.send_json(403, {"error_message": "Unauthorized", "detail": "Unauthorized"})
                    return
                self.restore_tag(repo, urllib.parse.unquote(rest[5:-8]))
            else:
                self.send_json(405 if rest in ("", "/tag/", "/autoprunepolicy/") else 404, {"error_message": "Not Found"})

        def list_repositories(self, query):
            token = (query.get("next_page") or [None])[0]
            if token:
                if token not in pages:
                    self.send_json(400, {"error_message": "Invalid next page token"})
                    return
                ns, offset = pages[token]
            else:
                ns, offset = (query.get("namespace") or [None])[0], 0
                if not ns:
                    self.send_json(400, {"error_message": "namespace, starred or public are required for this API call"})
                    return
            names = repositories(ns) if ns in namespaces else []
            out = {"repositories": [{"namespace": ns, "name": n, "description": None, "is_public": True, "kind": "image",
                                     "state": "NORMAL", "last_modified": int(fixed_time(ns, n).timestamp())}
                                    for n in names[offset:offset + PAGE]]}
            if offset + PAGE < len(names):
                nxt = secrets.token_urlsafe(12)
                with lock:
                    pages[nxt] = (ns, offset + PAGE)
                out["next_page"] = nxt
            self.send_json(200, out)

        def list_tags(self, repo, query):
            page = int((query.get("page") or ["1"])[0])
            limit = min(int((query.get("limit") or ["50"])[0]), 100)
            only_active = (query.get("onlyActiveTags") or ["false"])[0] == "true"
            specific = (query.get("specificTag") or [""])[0]
            t = now()
            selected = [r for r in tag_rows(repo) if (not specific or r["name"] == specific)
                        and (not only_active or "end_ts" not in r or r["end_ts"] > t)]
            selected.sort(key=lambda r: (-r["start_ts"], r["name"]))
            start = (page - 1) * limit
            self.send_json(200, {"tags": [row_json(r) for r in selected[start:start + limit]], "page": page,
                                 "has_additional": start + limit < len(selected)})

        def delete_tag(self, repo, tag):
            row = live(repo, tag)
            if not row:
                self.send_json(404, {"error_message": "Not Found"})
                return
            with lock:
                row["end_ts"] = now()
            self.send_json(204, None)

        def restore_tag(self, repo, tag):
            try:
                digest = json.loads(self.body() or b"{}").get("manifest_digest")
            except ValueError:
                digest = None
            if not digest or not any(r["name"] == tag and r["manifest_digest"] == digest for r in tag_rows(repo)):
                self.send_json(400, {"error_message": "Cannot restore to a manifest that was never under this tag"})
                return
            # Point the registry's tag at that manifest again, then record a reversion row.
            resp, body = registry.get("GET", f"/v2/{repo}/manifests/{digest}")
            if resp.status != 200:
                self.send_json(404, {"error_message": "Manifest is no longer in the time machine"})
                return
            conn = http.client.HTTPConnection(registry.host, int(registry.port), timeout=60)
            conn.request("PUT", f"/v2/{repo}/manifests/{tag}", body=body, headers={"Content-Type": resp.getheader("Content-Type")})
            conn.getresponse().read()
            with lock:
                current = live(repo, tag)
                if current:
                    current["end_ts"] = now()
                rows[repo].append({"name": tag, "manifest_digest": digest, "start_ts": now(), "reversion": True})
            self.send_json(200, {"success": True})

        # --- /v2 ------------------------------------------------------------------------------
        def registry(self):
            url = urllib.parse.urlsplit(self.path)
            if url.path == "/v2/auth":
                query = urllib.parse.parse_qs(url.query)
                auth = self.headers.get("Authorization") or ""
                who = None
                if auth.startswith("Basic "):
                    name, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
                    who = next((n for n, u in users.items() if u["token"] == secret), None)
                    if who is None or query.get("service") != [self.host()]:
                        self.registry_error(401, "UNAUTHORIZED", "Invalid Username or Password")
                        return
                token = secrets.token_urlsafe(32)
                with lock:
                    registry_tokens[token] = who
                self.send_json(200, {"token": token})
                return
            if self.bearer() not in registry_tokens:
                m = re.match(r"^/v2/(.+?)/(manifests|tags|blobs)/", url.path)
                scope = f',scope="repository:{m.group(1)}:pull"' if m else ""
                self.registry_error(401, "UNAUTHORIZED", "access to the requested resource is not authorized",
                                    [("WWW-Authenticate", f'Bearer realm="https://{self.host()}/v2/auth",service="{self.host()}"{scope}')])
                return
            m = re.match(r"^/v2/(.+?)/(manifests|tags|blobs)/(.*)$", url.path)
            repo, kind, ref = (m.group(1), m.group(2), m.group(3)) if m else ("", "", "")
            if kind == "manifests" and self.command in ("GET", "HEAD") and not ref.startswith("sha256:") and not live(repo, ref):
                self.registry_error(404, "MANIFEST_UNKNOWN", "manifest unknown")
                return
            resp, data = relay.forward(self, registry.host, registry.port, drop=("host", "connection", "authorization"))
            if url.path.startswith("/v2/_catalog") and resp.status == 200:
                listing = json.loads(data)
                listing["repositories"] = [r for r in listing.get("repositories") or [] if r.split("/")[0] in namespaces]
                data = json.dumps(listing).encode()
            if kind == "tags" and resp.status == 200:
                listing = json.loads(data)
                listing["tags"] = [t for t in listing.get("tags") or [] if live(repo, t)]
                data = json.dumps(listing).encode()
            if kind == "manifests" and self.command == "PUT" and resp.status == 201:
                digest = resp.getheader("Docker-Content-Digest")
                with lock:
                    history = rows.setdefault(repo, tag_rows(repo))
                    if not ref.startswith("sha256:"):
                        current = live(repo, ref)
                        if current:
                            current["end_ts"] = now()
                        history.append({"name": ref, "manifest_digest": digest, "start_ts": now()})
            if kind == "manifests" and self.command == "DELETE" and resp.status == 202:
                with lock:
                    for r in tag_rows(repo):
                        if r["manifest_digest"] == ref and "end_ts" not in r:
                            r["end_ts"] = now()
            relay.answer(self, resp.status, resp.getheaders(), data)

    serve_tls(port, cert, key, Handler)


if __name__ == "__main__":
    main()
