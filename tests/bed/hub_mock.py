#!/usr/bin/env python3
"""A Docker Hub stand-in for the tests, built from Hub's API description and known quirks.

Docker Hub cannot be reached here, so this one HTTPS server answers for its three hosts, told apart
by the Host header (Berth reaches them with --connect-to and trusts the bed's CA):
  hub.docker.com        Hub's REST API: the routes of hub-api.reduced.yaml that Berth uses, plus the
                        tag DELETE that the description lacks but Docker staff and every client use
                        (FACTS.md H11). A route outside both is 404, a method outside them 405.
  auth.docker.io        the registry's token service (GET /token, Basic login or anonymous; R1).
  registry-1.docker.io  the registry API, forwarded to a real docker-registry, with Hub's quirks:
                        bearer tokens from auth.docker.io only, no catalog (401, R4), manifest DELETE
                        answering 405 UNSUPPORTED (R5), pull-limit headers on manifests (R3).
A tag deleted through the Hub API is gone from the registry API too (tags/list, manifests).

Push and pull times are Hub's to know; the stand-in gives every tag fixed ones derived from its
name (the tests compare Berth's output with this API's answers, never with these formulas).

Test hooks, each a namespace with a broken answer: "endless" (a next link that comes back),
"miscount" (a count that its pages disagree with), "throttled" (429 with a long Retry-After); and
"hubpaged/many", a repository of 250 tags made in memory (three pages of 100, for paged reads; not
the bed registry's own "paged/many", whose tags the Hub API serves as they are).
For benchmarks, HUB_MOCK_BULK=N adds the namespace "bulk" with N repositories and the repository
"bulk/many" with N tags, made in memory (no registry behind them); HUB_MOCK_DELAY_MS=D makes each
Hub API answer take D ms more, as from a server far away (requests in parallel wait in parallel);
HUB_MOCK_WATCHED=RxT makes every repository "watched/NAME" list the first T of those tags (R > 0).

  hub_mock.py PORT UPSTREAM_HOST:PORT FIXTURES_DIR CERT KEY USERS_JSON
USERS_JSON (the state file) maps user name -> {"token": PAT, "scopes": [...]} ("repo:admin" may delete); with
"token_uses": N, the Hub tokens that user gets answer N requests and then expire.
"""
import base64
import datetime
import hashlib
import json
import os
import re
import secrets
import sys
import threading
import time
import urllib.parse

import apispec
import relay
from standin import INDEX_TYPES, JsonHandler, Upstream, fixed_time, serve_tls, stable_id

HUB, AUTH, REGISTRY = "hub.docker.com", "auth.docker.io", "registry-1.docker.io"
# Served although hub-api.reduced.yaml does not describe it: Hub's tag deletion (FACTS.md H11).
UNDESCRIBED = [("DELETE", "/v2/repositories/{namespace}/{repository}/tags/{tag}/")]


def hub_date(when):
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ") if when else None


def main():
    port, upstream, fixtures, cert, key, users_file = sys.argv[1:7]
    up_host, up_port = upstream.rsplit(":", 1)
    registry = Upstream(upstream)
    _, paths = apispec.described_paths(f"{fixtures}/dockerhub/hub-api.reduced.yaml")
    described = [(method, template) for template, methods in paths.items() for method in methods]
    served = [("POST", "/v2/auth/token"), ("GET", "/v2/namespaces/{namespace}/repositories"),
              ("GET", "/v2/namespaces/{namespace}/repositories/{repository}/tags")] + UNDESCRIBED
    for route in served:
        if route not in described and route not in UNDESCRIBED:
            sys.exit(f"hub_mock: {route} is not in hub-api.reduced.yaml")
    hub_routes = [(method, template, apispec.template_regex(template)) for method, template in served]
    users = json.load(open(users_file))
    lock = threading.Lock()
    hub_tokens = {}  # Hub API bearer token -> user
    token_uses = {}  # token -> requests it still answers, for users whose tokens expire early (USERS_JSON "token_uses")
    registry_tokens = {}  # registry bearer token -> user (None for anonymous)
    deleted = set()  # (repository, tag) deleted through the Hub API
    tag_cache = {}  # repository -> [tag objects]
    # Pull limits as Hub counts them: per account for a login whose USERS_JSON entry has "pulls",
    # per address for anonymous pulls (100 per 6 hours); other accounts are paid, unlimited, and
    # get no ratelimit headers (FACTS.md R3). At 0 a manifest GET is refused with 429.
    pulls_left = {None: 100}
    for name, entry in users.items():
        if "pulls" in entry:
            pulls_left[name] = entry["pulls"]
    bulk = int(os.environ.get("HUB_MOCK_BULK", "0"))
    delay = int(os.environ.get("HUB_MOCK_DELAY_MS", "0")) / 1000

    def made_tags(namespace, count):
        return [{"creator": 1, "id": i, "name": f"t{i:05d}", "last_updated": hub_date(fixed_time(namespace, str(i))),
                 "tag_last_pushed": hub_date(fixed_time(namespace, str(i))), "tag_last_pulled": None, "tag_status": "inactive",
                 "full_size": 1000 + i, "v2": True, "digest": "sha256:" + hashlib.sha256(str(i).encode()).hexdigest(),
                 "media_type": "application/vnd.oci.image.manifest.v1+json", "content_type": "image",
                 "images": [{"architecture": "amd64", "os": "linux", "variant": None, "size": 1000 + i, "status": "inactive",
                             "digest": "sha256:" + hashlib.sha256(str(i).encode()).hexdigest(),
                             "last_pushed": hub_date(fixed_time(namespace, str(i))), "last_pulled": None}]}
                for i in range(count)]

    bulk_tags = made_tags("bulk", bulk)
    paged_tags = made_tags("hubpaged", 250)

    # HUB_MOCK_WATCHED=RxT: the namespace "watched" with R repositories of T tags each (watch_bench).
    watched_repos, _, watched_count = os.environ.get("HUB_MOCK_WATCHED", "0x0").partition("x")
    watched_tags = bulk_tags[:int(watched_count)] if int(watched_repos) else []
    if watched_tags and len(watched_tags) < int(watched_count):
        sys.exit("hub_mock: HUB_MOCK_WATCHED needs HUB_MOCK_BULK of at least its tag count")

    def repository_row(namespace, n):
        return {"name": n, "namespace": namespace, "repository_type": "image", "status": 1, "status_description": "active",
                "description": "", "is_private": False, "star_count": 0, "pull_count": 1,
                "last_updated": hub_date(fixed_time(namespace, n)), "date_registered": "2025-01-01T00:00:00.000000Z",
                "affiliation": "", "media_types": ["application/vnd.oci.image.index.v1+json"],
                "content_types": ["image"], "categories": [], "storage_size": 1000}

    bulk_rows = [repository_row("bulk", f"repo{i:05d}") for i in range(bulk)]  # made once: the server must not be the bottleneck

    def repositories(namespace):
        return sorted(n.split("/", 1)[1] for n in registry.catalog() if n.startswith(namespace + "/") and n.count("/") == 1)

    def platform_of(repo, manifest):
        resp, body = registry.get("GET", f"/v2/{repo}/blobs/{manifest['config']['digest']}", "*/*")
        config = json.loads(body)
        return config.get("os", ""), config.get("architecture", ""), config.get("variant")

    def tags_of(repo):
        if repo == "bulk/many" and bulk:
            return bulk_tags
        if repo == "hubpaged/many":
            return paged_tags
        if repo.startswith("watched/") and watched_tags:
            return watched_tags
        with lock:
            if repo in tag_cache:
                return [t for t in tag_cache[repo] if (repo, t["name"]) not in deleted]
        names = registry.tags(repo)
        if names is None:
            return None
        out = []
        for tag in names:
            digest, media_type, manifest = registry.manifest(repo, tag)
            pushed = fixed_time(repo, tag)
            pulled = None if int(hashlib.sha1(f"{repo}:{tag}".encode()).hexdigest(), 16) % 3 == 0 else \
                pushed + datetime.timedelta(days=3, seconds=17)
            images = []
            children = manifest.get("manifests") if media_type in INDEX_TYPES else [
                {"digest": digest, "manifest": manifest}]
            for child in children:
                if "manifest" not in child:
                    child = {**child, "manifest": registry.manifest(repo, child["digest"])[2]}
                os_, arch, variant = platform_of(repo, child["manifest"])
                platform = child.get("platform") or {}  # an index names its children's platforms
                os_, arch = platform.get("os", os_), platform.get("architecture", arch)
                variant = platform.get("variant", variant)
                size = sum(layer["size"] for layer in child["manifest"].get("layers", []))
                images.append({"architecture": arch, "features": "", "variant": variant, "digest": child["digest"],
                               "os": os_, "os_features": "", "os_version": None, "size": size,
                               "status": "active" if pulled else "inactive",
                               "last_pulled": hub_date(pulled), "last_pushed": hub_date(pushed)})
            out.append({"creator": 1234567, "id": stable_id(repo, tag),
                        "images": images, "last_updated": hub_date(pushed), "last_updater": 1234567,
                        "last_updater_username": repo.split("/")[0], "name": tag, "repository": 7654321,
                        "full_size": max((i["size"] for i in images), default=0), "v2": True,
                        "tag_status": "active" if pulled else "inactive", "tag_last_pulled": hub_date(pulled),
                        "tag_last_pushed": hub_date(pushed), "media_type": media_type, "content_type": "image",
                        "digest": digest})
        with lock:
            tag_cache[repo] = out
        return [t for t in out if (repo, t["name"]) not in deleted]

    class Handler(JsonHandler):
        def dispatch(self):
            host = self.host()
            if host == HUB:
                self.hub()
            elif host == AUTH:
                self.auth()
            elif host == REGISTRY:
                self.registry()
            elif self.path == "/":
                self.send_json(200, {"ready": True})  # the bed's readiness check, by address
            else:
                self.send_json(404, {"message": f"unknown host {host}"})

        do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = dispatch

        # --- hub.docker.com -------------------------------------------------------------------
        def hub(self):
            if delay:
                time.sleep(delay)
            url = urllib.parse.urlsplit(self.path)
            for method, template, regex in hub_routes:
                m = regex.match(url.path)
                if m:
                    break
            else:
                self.send_json(404, {"message": "page not found"})
                return
            allowed = {meth for meth, tmpl, rx in hub_routes if rx.match(url.path)}
            if self.command not in allowed:
                self.send_json(405, {"message": "method not allowed"})
                return
            template = next(t for meth, t, rx in hub_routes if rx.match(url.path) and meth == self.command)
            query = urllib.parse.parse_qs(url.query)
            token = self.bearer()
            user = hub_tokens.get(token) if token else None
            with lock:
                expired = token in token_uses and token_uses[token] <= 0
                if token in token_uses:
                    token_uses[token] -= 1
            if token and (user is None or expired):
                self.send_json(401, {"message": "invalid or expired token"})
                return
            limits = [("X-RateLimit-Limit", "180"), ("X-RateLimit-Remaining", "179"),
                      ("X-RateLimit-Reset", str(int(datetime.datetime.now().timestamp()) + 60))]
            args = [urllib.parse.unquote(g) for g in m.groups()]
            if template == "/v2/auth/token":
                self.login(limits)
            elif template.endswith("/repositories"):
                self.list_repositories(args[0], query, limits)
            elif template.endswith("/tags"):
                self.list_tags(f"{args[0]}/{args[1]}", query, limits)
            else:
                self.delete_tag(user, f"{args[0]}/{args[1]}", args[2], limits)

        def login(self, limits):
            try:
                request = json.loads(self.body() or b"{}")
            except ValueError:
                self.send_json(400, {"message": "bad JSON"})
                return
            user = users.get(request.get("identifier", ""))
            if not user or request.get("secret") != user["token"]:
                self.send_json(401, {"message": "Incorrect authentication credentials"}, limits)
                return
            token = secrets.token_urlsafe(32)
            with lock:
                hub_tokens[token] = request["identifier"]
                if "token_uses" in user:
                    token_uses[token] = user["token_uses"]
            self.send_json(200, {"access_token": token}, limits)

        def page(self, items, query, limits, base_path):
            page_size = min(int((query.get("page_size") or ["10"])[0]), 100)
            page = int((query.get("page") or ["1"])[0])
            start = (page - 1) * page_size
            if page < 1 or (start >= len(items) and page > 1):
                self.send_json(404, {"message": "page not found"}, limits)  # past the end: 404 (H5)
                return
            rows = items[start:start + page_size]
            def link(p):
                return f"https://{HUB}{base_path}?page={p}&page_size={page_size}"
            self.send_json(200, {"count": len(items), "next": link(page + 1) if start + page_size < len(items) else None,
                                 "previous": link(page - 1) if page > 1 else None, "results": rows}, limits)

        def list_repositories(self, namespace, query, limits):
            path = f"/v2/namespaces/{namespace}/repositories"
            if namespace == "throttled":
                self.send_json(429, {"message": "Too Many Requests"}, [("Retry-After", "3600")] + limits)
                return
            if namespace == "endless":
                self.send_json(200, {"count": 3, "next": f"https://{HUB}{path}?page=1&page_size=1", "previous": None,
                                     "results": [{"name": "again", "namespace": "endless"}]}, limits)
                return
            if namespace == "miscount":
                self.send_json(200, {"count": 5, "next": None, "previous": None,
                                     "results": [{"name": "one", "namespace": "miscount"}]}, limits)
                return
            if namespace == "bulk" and bulk_rows:
                self.page(bulk_rows, query, limits, path)
                return
            names = repositories(namespace)
            if not names:
                self.send_json(404, {"message": f"namespace {namespace} not found"}, limits)
                return
            rows = [repository_row(namespace, n) for n in names]
            self.page(rows, query, limits, path)

        def list_tags(self, repository, query, limits):
            tags = tags_of(repository)
            if tags is None:
                self.send_json(404, {"message": f"repository {repository} not found"}, limits)
                return
            namespace, name = repository.split("/", 1)
            self.page(tags, query, limits, f"/v2/namespaces/{namespace}/repositories/{name}/tags")

        def delete_tag(self, user, repository, tag, limits):
            if user is None:
                self.send_json(401, {"message": "authentication required"}, limits)
                return
            if repository.split("/")[0] != user and "repo:admin" not in users[user]["scopes"]:
                self.send_json(403, {"message": "access to the resource is forbidden with personal access token"}, limits)
                return
            if "repo:admin" not in users[user]["scopes"] and "repo:write" not in users[user]["scopes"]:
                self.send_json(403, {"message": "access to the resource is forbidden with personal access token"}, limits)
                return
            current = tags_of(repository) or []
            if tag not in [t["name"] for t in current]:
                self.send_json(404, {"message": "tag not found"}, limits)
                return
            with lock:
                deleted.add((repository, tag))
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        # --- auth.docker.io -------------------------------------------------------------------
        def auth(self):
            url = urllib.parse.urlsplit(self.path)
            if url.path != "/token" or self.command != "GET":
                self.send_json(404, {"details": "not found"})
                return
            query = urllib.parse.parse_qs(url.query)
            if query.get("service") != ["registry.docker.io"]:
                self.send_json(400, {"details": "invalid service"})
                return
            who = None
            auth = self.headers.get("Authorization") or ""
            if auth.startswith("Basic "):
                name, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
                if name not in users or users[name]["token"] != secret:
                    self.send_json(401, {"details": "incorrect username or password"})
                    return
                who = name
            token = secrets.token_urlsafe(32)
            with lock:
                registry_tokens[token] = who
            self.send_json(200, {"token": token, "access_token": token, "expires_in": 300,
                                 "issued_at": datetime.datetime.now(datetime.timezone.utc).isoformat()})

        # --- registry-1.docker.io -------------------------------------------------------------
        def challenge(self, scope=None):
            value = f'Bearer realm="https://{AUTH}/token",service="registry.docker.io"'
            if scope:
                value += f',scope="{scope}"'
            self.send_json(401, {"errors": [{"code": "UNAUTHORIZED", "message": "authentication required",
                                             "detail": None}]}, [("WWW-Authenticate", value)])

        def registry(self):
            path = urllib.parse.urlsplit(self.path).path
            token = self.bearer()
            if path == "/v2/" or path == "/v2":
                if token in registry_tokens:
                    self.send_json(200, {})
                else:
                    self.challenge()
                return
            if path.startswith("/v2/_catalog"):
                self.send_json(401, {"errors": [{"code": "UNAUTHORIZED", "message": "authentication required",
                                                 "detail": {"Type": "registry", "Name": "catalog", "Action": "*"}}]},
                               [("WWW-Authenticate", f'Bearer realm="https://{AUTH}/token",service="registry.docker.io",'
                                                     'scope="registry:catalog:*",error="insufficient_scope"')])
                return
            m = re.match(r"^/v2/(.+?)/(manifests|tags|blobs)/(.*)$", path)
            repo = m.group(1) if m else ""
            action = "pull" if self.command in ("GET", "HEAD") else "pull,push"
            if token not in registry_tokens:
                self.challenge(f"repository:{repo}:{action}")
                return
            if m and m.group(2) == "manifests" and self.command == "DELETE":
                self.send_json(405, {"errors": [{"code": "UNSUPPORTED", "message": "The operation is unsupported."}]})
                return
            if m and m.group(2) == "manifests" and (repo, m.group(3)) in deleted and self.command in ("GET", "HEAD"):
                self.send_json(404, {"errors": [{"code": "MANIFEST_UNKNOWN", "message": "manifest unknown",
                                                 "detail": m.group(3)}]})
                return
            if m and m.group(2) == "manifests" and self.command == "PUT":
                with lock:
                    deleted.discard((repo, m.group(3)))
                    tag_cache.pop(repo, None)
            account = registry_tokens[token]
            counted = bool(m) and m.group(2) == "manifests" and self.command in ("GET", "HEAD") and account in pulls_left
            if counted and self.command == "GET" and pulls_left[account] <= 0:
                limit = users[account]["pulls"] if account else 100
                self.send_json(429, {"errors": [{"code": "TOOMANYREQUESTS", "message": "You have reached your pull rate limit."}]},
                               [("ratelimit-limit", f"{limit};w=21600"), ("ratelimit-remaining", "0;w=21600")])
                return
            resp, data = relay.forward(self, up_host, up_port, drop=("host", "connection", "authorization"))
            headers = resp.getheaders()
            if m and m.group(2) == "tags" and resp.status == 200:
                listing = json.loads(data)
                listing["tags"] = [t for t in listing.get("tags") or [] if (repo, t) not in deleted]
                data = json.dumps(listing).encode()
            if counted and self.command == "GET":
                with lock:
                    pulls_left[account] -= 1
            if counted:
                limit = users[account]["pulls"] if account else 100
                headers += [("ratelimit-limit", f"{limit};w=21600"), ("ratelimit-remaining", f"{pulls_left[account]};w=21600"),
                            ("docker-ratelimit-source", account or "127.0.0.1")]
            relay.answer(self, resp.status, headers, data)

    serve_tls(port, cert, key, Handler)


if __name__ == "__main__":
    main()
