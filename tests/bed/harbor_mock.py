#!/usr/bin/env python3
"""A Harbor stand-in for the tests, built from Harbor's own API description.

Harbor cannot run here, so this serves what Berth reads from it:
  /v2/...                         the registry API, forwarded to a real docker-registry
  /api/v2.0/systeminfo            {"harbor_version": ...}
  /api/v2.0/projects/{p}/repositories/{r}/artifacts                     paged (page, page_size, X-Total-Count, Link)
  /api/v2.0/projects/{p}/repositories/{r}/artifacts/{ref}               with scan_overview
  /api/v2.0/projects/{p}/repositories/{r}/artifacts/{ref}/additions/vulnerabilities
The routes, methods and base path come from swagger.yaml (tests/fixtures/harbor): a path the
description does not define is 404, a method it does not define is 405. Bodies are the fixture
scan overview (webhook-scanning-completed) and report (vulnerability-report-v1.1). The API takes
HTTP Basic credentials, as Harbor's securityDefinitions say. The artifact list is made from the
upstream registry's tags plus the manifests pushed through this server that no tag names (Harbor
lists untagged artifacts too); push_time is when a manifest was pushed through this server, as
Harbor records it, and the server's start for what was there before it (as after a Harbor import).

  harbor_mock.py PORT UPSTREAM_HOST:PORT FIXTURES_DIR USER PASSWORD
"""
import base64
import http.client
import http.server
import json
import datetime
import re
import sys
import threading
import urllib.parse

import apispec
import relay

REPORT_MIME = "application/vnd.security.vulnerability.report; version=1.1"


def load_routes(swagger_path):
    """(base path, [(regex, template, {methods})]) from the swagger 2.0 document's paths."""
    base, paths = apispec.described_paths(swagger_path)
    return base or "/api/v2.0", [(apispec.template_regex(t), t, methods) for t, methods in paths.items()]


def main():
    port, upstream, fixtures, user, password = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
    base, routes = load_routes(f"{fixtures}/harbor/swagger.yaml")
    report = json.load(open(f"{fixtures}/harbor/vulnerability-report-v1.1.scanner-spec-readme.json"))
    webhook = json.load(open(f"{fixtures}/harbor/webhook-scanning-completed.zulip-fixture.json"))
    overview = webhook["event_data"]["resources"][0]["scan_overview"]
    up_host, up_port = upstream.rsplit(":", 1)
    started = datetime.datetime.now(datetime.timezone.utc)
    pushed_at = {}  # (repository, manifest digest) -> when it was pushed through this server
    pushed_lock = threading.Lock()
    manifest_types = ", ".join(["application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
                                "application/vnd.docker.distribution.manifest.v2+json",
                                "application/vnd.docker.distribution.manifest.list.v2+json"])

    def upstream_request(method, path, headers=None):
        conn = http.client.HTTPConnection(up_host, int(up_port), timeout=60)
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        return resp, resp.read()

    def harbor_time(moment):
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"

    def artifacts(name):
        """One artifact per manifest digest, newest push first, as Harbor sorts by default."""
        resp, body = upstream_request("GET", f"/v2/{name}/tags/list")
        if resp.status != 200:
            return None
        by_digest = {}
        for tag in json.loads(body).get("tags") or []:
            head, _ = upstream_request("HEAD", f"/v2/{name}/manifests/{urllib.parse.quote(tag)}", {"Accept": manifest_types})
            digest = head.getheader("Docker-Content-Digest")
            if head.status == 200 and digest:
                by_digest.setdefault(digest, []).append(tag)
        with pushed_lock:
            pushed_here = [d for (repo, d) in pushed_at if repo == name]
        for digest in pushed_here:
            if digest not in by_digest:
                head, _ = upstream_request("HEAD", f"/v2/{name}/manifests/{digest}", {"Accept": manifest_types})
                if head.status == 200:
                    by_digest[digest] = []
        with pushed_lock:
            times = {d: pushed_at.get((name, d), started) for d in by_digest}
        listed = [{"digest": d, "repository_name": name, "type": "IMAGE", "push_time": harbor_time(times[d]),
                   "tags": [{"name": t, "push_time": harbor_time(times[d])} for t in sorted(tags)]}
                  for d, tags in by_digest.items()]
        listed.sort(key=lambda a: (a["push_time"], a["digest"]), reverse=True)
        return listed

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):
            pass

        def reply(self, status, body, content_type="application/json", extra=()):
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for k, v in extra:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def errors(self, status, code, message, extra=()):
            self.reply(status, {"errors": [{"code": code, "message": message}]}, extra=extra)

        def forward(self):
            # Harbor's login is not the registry's behind it: the Authorization header stays here.
            resp, data = relay.forward(self, up_host, up_port, drop=("host", "connection", "authorization"))
            if self.command == "PUT" and "/manifests/" in self.path and resp.status == 201 and resp.getheader("Docker-Content-Digest"):
                repository = self.path[len("/v2/"):self.path.index("/manifests/")]
                with pushed_lock:
                    pushed_at[(repository, resp.getheader("Docker-Content-Digest"))] = datetime.datetime.now(datetime.timezone.utc)
            relay.answer(self, resp.status, resp.getheaders(), data)

        def authorised(self):
            header = self.headers.get("Authorization", "")
            if not header.startswith("Basic "):
                return False
            name, _, secret = base64.b64decode(header[6:]).decode(errors="replace").partition(":")
            return name == user and secret == password

        def api(self):
            url = urllib.parse.urlparse(self.path)
            path = url.path[len(base):]
            for pattern, template, methods in routes:
                m = pattern.match(path)
                if not m:
                    continue
                if self.command not in methods and not (self.command == "HEAD" and "GET" in methods):
                    return self.errors(405, "METHOD_NOT_ALLOWED", f"{self.command} is not defined for {template}")
                if template == "/systeminfo":
                    return self.reply(200, {"harbor_version": "v2.11.0-berth-mock", "auth_mode": "db_auth"})
                if not self.authorised():
                    return self.errors(401, "UNAUTHORIZED", "unauthorized", [("WWW-Authenticate", 'Basic realm="harbor"')])
                params = dict(zip(re.findall(r"\{([^}]+)\}", template), m.groups()))
                # {repository_name} is URL-encoded twice by clients when it has a '/'.
                repository = urllib.parse.unquote(urllib.parse.unquote(params.get("repository_name", "")))
                if template.endswith("/artifacts/{reference}"):
                    query = urllib.parse.parse_qs(url.query)
                    artifact = {"digest": urllib.parse.unquote(params["reference"]), "repository_name": f"{params['project_name']}/{repository}",
                                "type": "IMAGE"}
                    if query.get("with_scan_overview", ["false"])[0] == "true":
                        artifact["scan_overview"] = overview
                    return self.reply(200, artifact)
                if template.endswith("/artifacts"):
                    query = urllib.parse.parse_qs(url.query)
                    page = max(1, int(query.get("page", ["1"])[0]))
                    size = int(query.get("page_size", ["10"])[0])
                    if not 1 <= size <= 100:
                        return self.errors(400, "BAD_REQUEST", "page_size must be between 1 and 100")
                    listed = artifacts(f"{params['project_name']}/{repository}")
                    if listed is None:
                        return self.errors(404, "NOT_FOUND", f"repository {params['project_name']}/{repository} not found")
                    extra = [("X-Total-Count", str(len(listed)))]
                    if page * size < len(listed):
                        extra.append(("Link", f'<{base}{path}?page={page + 1}&page_size={size}>; rel="next"'))
                    return self.reply(200, listed[(page - 1) * size:page * size], extra=extra)
                if template.endswith("/additions/vulnerabilities"):
                    return self.reply(200, {REPORT_MIME: report})
                return self.errors(404, "NOT_FOUND", f"the mock does not serve {template}")
            return self.errors(404, "NOT_FOUND", f"{path} is not in Harbor's API")

        def handle_any(self):
            if self.path.startswith("/v2/"):
                return self.forward()
            if self.path.startswith(base + "/"):
                return self.api()
            return self.errors(404, "NOT_FOUND", "not found")

        do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = handle_any

    http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), Handler).serve_forever()


if __name__ == "__main__":
    main()
