#!/usr/bin/env python3
"""A GitHub Container Registry stand-in for the tests, built from GitHub's packages API
description (github-packages.openapi.json) and the ghcr.io facts (FACTS.md) in tests/fixtures/github.

One HTTPS server answers for two hosts, told apart by the Host header:
  api.github.com  the packages REST API for the three owner kinds (/user, /orgs/{org},
                  /users/{username}): list container packages, list versions (state=active|deleted),
                  delete and restore a version. Every route served is checked against the description
                  at start. Paging with page/per_page (max 100) and Link rel="next"/"last"; 400 when
                  per_page x page passes 10,000; X-OAuth-Scopes on every answer, as for classic tokens.
  ghcr.io         the registry API forwarded to a real docker-registry, with ghcr.io's quirks: bearer
                  tokens from ghcr.io/token (anonymous, or Basic user:token), no catalog, manifest
                  DELETE answering 405 UNSUPPORTED, no untag.
A package version is a manifest digest; its tags are the tags naming it; an index's platform
manifests are untagged versions of their own (C6). A deleted version is gone from the registry API
(with its tags) and listed under state=deleted until restored.

  ghcr_mock.py PORT UPSTREAM_HOST:PORT FIXTURES_DIR CERT KEY STATE_JSON
STATE_JSON: {"users": {name: {"token", "scopes"}}, "login": user, "orgs": [...],
             "known": {repository: [digests pushed that no tag may name]}}
"""
import base64
import datetime
import json
import re
import secrets
import sys
import threading
import urllib.parse

import relay
from standin import INDEX_TYPES, JsonHandler, Upstream, fixed_time, serve_tls, stable_id

API, REGISTRY = "api.github.com", "ghcr.io"
PER_PAGE_MAX = 100


def github_date(when):
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    port, upstream, fixtures, cert, key, state_file = sys.argv[1:7]
    registry = Upstream(upstream)
    state = json.load(open(state_file))
    users, orgs, known = state["users"], set(state["orgs"]), state.get("known", {})
    description = json.load(open(f"{fixtures}/github/github-packages.openapi.json"))["paths"]
    served = []
    for owner in ("/user", "/orgs/{org}", "/users/{username}"):
        served += [("GET", owner + "/packages"), ("GET", owner + "/packages/{package_type}/{package_name}/versions"),
                   ("DELETE", owner + "/packages/{package_type}/{package_name}/versions/{package_version_id}"),
                   ("POST", owner + "/packages/{package_type}/{package_name}/versions/{package_version_id}/restore")]
    for method, template in served:
        if method.lower() not in description.get(template, {}):
            sys.exit(f"ghcr_mock: {method} {template} is not in github-packages.openapi.json")
    routes = [(method, template, re.compile("^" + re.sub(r"\{[^}]+\}", "([^/]+)", template) + "$"))
              for method, template in served]
    lock = threading.Lock()
    registry_tokens = {}
    deleted = {}  # (repository, digest) -> when
    pushed_here = {}  # repository -> {digest: when} for manifests pushed through this server

    def owner_of(repo):
        return repo.split("/", 1)[0]

    def packages(owner):
        return sorted(n.split("/", 1)[1] for n in registry.catalog() if n.startswith(owner + "/"))

    def versions(repo):
        """{digest: {"tags": [...], "created": datetime}} of every manifest of the repository."""
        out = {}
        for tag in registry.tags(repo) or []:
            found = registry.manifest(repo, tag)
            if not found:
                continue
            digest, media_type, manifest = found
            out.setdefault(digest, {"tags": []})["tags"].append(tag)
            if media_type in INDEX_TYPES:
                for child in manifest.get("manifests", []):
                    out.setdefault(child["digest"], {"tags": []})
        for digest in known.get(repo, []):
            out.setdefault(digest, {"tags": []})
        for digest in pushed_here.get(repo, {}):
            out.setdefault(digest, {"tags": []})
        for digest, v in out.items():
            v["created"] = pushed_here.get(repo, {}).get(digest) or fixed_time(repo, digest)
        return out

    def version_json(repo, prefix, digest, v, when_deleted=None):
        vid = stable_id(repo, digest)
        created = v["created"]
        updated = created + datetime.timedelta(hours=1) if v["tags"] else created
        name = repo.split("/", 1)[1]
        item = {"id": vid, "name": digest, "url": f"https://{API}{prefix}/packages/container/{urllib.parse.quote(name, safe='')}/versions/{vid}",
                "package_html_url": f"https://github.com/{owner_of(repo)}/packages/container/package/{name}",
                "created_at": github_date(created), "updated_at": github_date(updated),
                "html_url": f"https://github.com/{owner_of(repo)}/packages/container/{name}/{vid}",
                "metadata": {"package_type": "container", "container": {"tags": sorted(v["tags"])}}}
        if when_deleted:
            item["deleted_at"] = github_date(when_deleted)
        return item

    class Handler(JsonHandler):
        def dispatch(self):
            host = self.host()
            if host == API:
                self.api()
            elif host == REGISTRY:
                self.registry()
            elif self.path == "/":
                self.send_json(200, {"ready": True})
            else:
                self.send_json(404, {"message": f"unknown host {host}"})

        do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = dispatch

        # --- api.github.com -------------------------------------------------------------------
        def api(self):
            url = urllib.parse.urlsplit(self.path)
            matches = [(m, t, rx.match(url.path)) for m, t, rx in routes if rx.match(url.path)]
            if not matches:
                self.send_json(404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
                return
            chosen = next(((m, t, mt) for m, t, mt in matches if m == self.command), None)
            if not chosen:
                self.send_json(405, {"message": "Method Not Allowed"})
                return
            _, template, match = chosen
            token = self.bearer()
            user = next((name for name, u in users.items() if u["token"] == token), None) if token else None
            if not user:
                self.send_json(401, {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"})
                return
            scopes = users[user]["scopes"]
            self.headers_out = [("X-OAuth-Scopes", ", ".join(scopes)), ("X-GitHub-Api-Version-Selected", "2022-11-28"),
                                ("x-ratelimit-remaining", "4999"), ("x-ratelimit-reset", "9999999999")]
            if not {"read:packages", "write:packages"} & set(scopes):
                self.send_json(403, {"message": "You need at least read:packages scope to list packages."},
                               self.headers_out + [("X-Accepted-OAuth-Scopes", "read:packages")])
                return
            args = [urllib.parse.unquote(g) for g in match.groups()]
            query = urllib.parse.parse_qs(url.query)
            if template.startswith("/user/"):
                owner, args = user, args
            else:
                owner, args = args[0], args[1:]
                is_org = owner in orgs
                if template.startswith("/orgs/") != is_org or (not is_org and owner not in users):
                    self.send_json(404, {"message": "Not Found"}, self.headers_out)
                    return
            prefix = url.path.split("/packages")[0]
            if template.endswith("/packages"):
                if (query.get("package_type") or [""])[0] != "container":
                    self.send_json(200, [], self.headers_out)
                    return
                rows = [{"id": stable_id(owner, n), "name": n, "package_type": "container",
                         "owner": {"login": owner, "type": "Organization" if owner in orgs else "User"},
                         "version_count": 1, "visibility": "public",
                         "url": f"https://{API}{prefix}/packages/container/{urllib.parse.quote(n, safe='')}",
                         "created_at": github_date(fixed_time(owner, n)), "updated_at": github_date(fixed_time(owner, n, "u")),
                         "html_url": f"https://github.com/{owner}/packages/container/package/{n}"} for n in packages(owner)]
                self.paged(rows, query, url.path)
                return
            package_type, package = args[0], args[1]
            repo = f"{owner}/{package}"
            if package_type != "container" or registry.tags(repo) is None:
                self.send_json(404, {"message": "Package not found."}, self.headers_out)
                return
            all_versions = versions(repo)
            if template.endswith("/versions"):
                wanted = (query.get("state") or ["active"])[0]
                rows = [version_json(repo, prefix, d, v, deleted.get((repo, d))) for d, v in sorted(all_versions.items())
                        if ((repo, d) in deleted) == (wanted == "deleted")]
                rows.sort(key=lambda r: r["created_at"], reverse=True)
                self.paged(rows, query, url.path, extra={"state": wanted})
                return
            vid = int(args[2])
            digest = next((d for d in all_versions if stable_id(repo, d) == vid), None)
            if digest is None:
                self.send_json(404, {"message": "Package version not found."}, self.headers_out)
                return
            if self.command == "DELETE":
                if "delete:packages" not in scopes:
                    self.send_json(403, {"message": "Resource not accessible by personal access token"},
                                   self.headers_out + [("X-Accepted-OAuth-Scopes", "delete:packages, read:packages")])
                    return
                with lock:
                    deleted[(repo, digest)] = datetime.datetime.now(datetime.timezone.utc)
                self.send_json(204, None, self.headers_out)
            else:  # restore
                if "write:packages" not in scopes:
                    self.send_json(403, {"message": "Resource not accessible by personal access token"}, self.headers_out)
                    return
                with lock:
                    if deleted.pop((repo, digest), None) is None:
                        self.send_json(404, {"message": "Package version not found."}, self.headers_out)
                        return
                self.send_json(204, None, self.headers_out)

        def paged(self, rows, query, path, extra=None):
            per_page = min(int((query.get("per_page") or ["30"])[0]), PER_PAGE_MAX)
            page = int((query.get("page") or ["1"])[0])
            if per_page * page > 10000:
                self.send_json(400, {"message": "The value of `per_page` multiplied by `page` cannot be greater than 10000.",
                                     "code": "package_es_list_error"}, self.headers_out)
                return
            start = (page - 1) * per_page
            params = dict(extra or {}, per_page=per_page)
            if "package_type" in query:
                params["package_type"] = query["package_type"][0]
            def link(p):
                return f"<https://{API}{path}?{urllib.parse.urlencode(dict(params, page=p))}>"
            links = []
            last = max(1, -(-len(rows) // per_page))
            if page < last:
                links.append(f'{link(page + 1)}; rel="next"')
                links.append(f'{link(last)}; rel="last"')
            headers = self.headers_out + ([("Link", ", ".join(links))] if links else [])
            self.send_json(200, rows[start:start + per_page], headers)

        # --- ghcr.io --------------------------------------------------------------------------
        def registry(self):
            url = urllib.parse.urlsplit(self.path)
            if url.path == "/token":
                self.token(urllib.parse.parse_qs(url.query))
                return
            token = self.bearer()
            m = re.match(r"^/v2/(.+?)/(manifests|tags|blobs)/(.*)$", url.path)
            repo = m.group(1) if m else ""
            if url.path in ("/v2/", "/v2") or token not in registry_tokens:
                if token in registry_tokens:
                    self.send_json(200, {})
                    return
                scope = f',scope="repository:{repo}:pull"' if repo else ""
                self.registry_error(401, "UNAUTHORIZED", "authentication required",
                                    [("WWW-Authenticate", f'Bearer realm="https://{REGISTRY}/token",service="{REGISTRY}"{scope}')])
                return
            if url.path.startswith("/v2/_catalog"):
                self.registry_error(404, "NOT_FOUND", "the catalog is not supported")
                return
            kind, ref = (m.group(2), m.group(3)) if m else ("", "")
            if kind == "manifests" and self.command == "DELETE":
                self.registry_error(405, "UNSUPPORTED", "The operation is unsupported.")
                return
            if kind == "manifests" and self.command in ("GET", "HEAD"):
                digest = ref if ref.startswith("sha256:") else (registry.manifest(repo, ref) or (None,))[0]
                if digest and (repo, digest) in deleted:
                    self.registry_error(404, "MANIFEST_UNKNOWN", "manifest unknown")
                    return
            resp, data = relay.forward(self, registry.host, registry.port, drop=("host", "connection", "authorization"))
            headers = resp.getheaders()
            if kind == "manifests" and self.command == "PUT" and resp.status == 201:
                with lock:
                    pushed_here.setdefault(repo, {})[resp.getheader("Docker-Content-Digest")] = \
                        datetime.datetime.now(datetime.timezone.utc)
            if kind == "tags" and resp.status == 200:
                listing = json.loads(data)
                keep = []
                for tag in listing.get("tags") or []:
                    found = registry.manifest(repo, tag)
                    if found and (repo, found[0]) not in deleted:
                        keep.append(tag)
                listing["tags"] = keep
                data = json.dumps(listing).encode()
            relay.answer(self, resp.status, headers, data)

        def token(self, query):
            if query.get("service") != [REGISTRY]:
                self.send_json(400, {"errors": [{"code": "DENIED", "message": "invalid service"}]})
                return
            auth = self.headers.get("Authorization") or ""
            who = None
            if auth.startswith("Basic "):
                name, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
                who = next((n for n, u in users.items() if u["token"] == secret), None)
                if who is None:
                    self.registry_error(401, "UNAUTHORIZED", "bad credentials")
                    return
            token = secrets.token_urlsafe(32)
            with lock:
                registry_tokens[token] = who
            self.send_json(200, {"token": token})

    serve_tls(port, cert, key, Handler)


if __name__ == "__main__":
    main()
