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
scan overview (webhook-scanning-completed) and report (vulnerability-report-v1.1), made each
artifact's own (the report names the artifact, the overview has its own report id). The API takes
HTTP Basic credentials, as Harbor's securityDefinitions say. The artifact list is made from the
upstream registry's tags plus the manifests pushed through this server that no tag names (Harbor
lists untagged artifacts too); push_time is when a manifest was pushed through this server, as
Harbor records it, and the server's start for what was there before it (as after a Harbor import).
The registry API wants a token from /service/token, as Harbor's does: pull for readers of the
project (public projects anonymously), push for those with repository:push, delete for
artifact:delete, the catalog for an administrator; an artifact or report of a digest the registry
does not have is 404.

Projects are the first parts of the upstream's repository names. Besides USER (a system
administrator), ACCESS_JSON may name project members: {"users": {NAME: {"password": P,
"projects": {PROJECT: ROLE}}}, "public": [PROJECT...], "retention": {PROJECT: RetentionPolicy}},
ROLE one of projectAdmin, maintainer, developer, guest with Harbor's permissions for artifacts and
tags. Served for them: the projects a login can see (GET /projects, /projects/{name}), their
repositories, the login's permissions (/users/current/permissions), artifact and tag deletion
(refused without the permission), pull times (recorded when a manifest is read through /v2), and
a project's tag-retention policy (/retentions/{id}).

For benchmarks, HARBOR_MOCK_BULK=PxR serves P projects of R repositories each, made in memory
instead of read from the upstream's catalog.

  harbor_mock.py PORT UPSTREAM_HOST:PORT FIXTURES_DIR USER PASSWORD [ACCESS_JSON]
"""
import base64
import http.client
import http.server
import json
import os
import datetime
import fnmatch
import re
import secrets
import socket
import sys
import threading
import urllib.parse

import apispec
import relay

RETENTION_TEMPLATES = ("latestPushedK", "latestPulledN", "nDaysSinceLastPush", "nDaysSinceLastPull", "always")
# What GET /projects/{p}/webhook/events answers here (the swagger gives the shape, SupportedWebhookEventTypes,
# not the list; these are Harbor 2.x's event topics, the zulip fixture's SCANNING_COMPLETED among them).
WEBHOOK_EVENT_TYPES = ["PUSH_ARTIFACT", "PULL_ARTIFACT", "DELETE_ARTIFACT", "SCANNING_FAILED", "SCANNING_STOPPED",
                       "SCANNING_COMPLETED", "QUOTA_EXCEED", "QUOTA_WARNING", "REPLICATION", "TAG_RETENTION"]
REPORT_MIME = "application/vnd.security.vulnerability.report; version=1.1"


def load_routes(swagger_path):
    """(base path, [(regex, template, {methods})]) from the swagger 2.0 document's paths."""
    base, paths = apispec.described_paths(swagger_path)
    return base or "/api/v2.0", [(apispec.template_regex(t), t, methods) for t, methods in paths.items()]


def main():
    port, upstream, fixtures, user, password = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
    access = json.load(open(sys.argv[6])) if len(sys.argv) > 6 else {}
    members = access.get("users", {})
    public_projects = set(access.get("public", []))
    retention = access.get("retention", {})
    # Harbor's project roles and what they may do with artifacts and tags (Harbor's RBAC tables).
    role_permissions = {
        "projectAdmin": {"repository:pull", "repository:push", "repository:delete", "artifact:delete", "tag:delete", "tag:create"},
        "maintainer": {"repository:pull", "repository:push", "repository:delete", "artifact:delete", "tag:delete", "tag:create"},
        "developer": {"repository:pull", "repository:push", "tag:create"},
        "guest": {"repository:pull"},
    }
    pulled_at = {}  # (repository, manifest digest) -> last read through /v2
    tokens = {}  # registry token -> {repository or "registry:catalog": set of actions} it grants
    shape = os.environ.get("HARBOR_MOCK_BULK", "")
    bulk = [f"proj{p:02d}/repo{r:03d}" for p in range(int(shape.split("x")[0])) for r in range(int(shape.split("x")[1]))] if shape else []
    deleted_tags = set()  # (repository, tag) removed through the API; the registry behind keeps them
    executions = {}  # retention id -> [{"id", "status", "dry_run", "tasks": [...]}], newest first
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
            if (name, tag) in deleted_tags:
                continue
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
            pulls = {d: pulled_at.get((name, d)) for d in by_digest}
        never = "0001-01-01T00:00:00.000Z"  # what Harbor writes for an artifact nobody pulled
        listed = [{"digest": d, "repository_name": name, "type": "IMAGE", "push_time": harbor_time(times[d]),
                   "pull_time": harbor_time(pulls[d]) if pulls[d] else never, "size": 1000,
                   "tags": [{"name": t, "push_time": harbor_time(times[d]), "pull_time": never} for t in sorted(tags)]}
                  for d, tags in by_digest.items()]
        listed.sort(key=lambda a: (a["push_time"], a["digest"]), reverse=True)
        return listed

    def retention_task(project, name, policy):
        """Harbor's count for one repository under a tag-retention policy: rules are OR'ed; an
        artifact no enabled rule retains goes (Harbor's documentation of tag retention)."""
        listed = artifacts(name) or []
        now = datetime.datetime.now(datetime.timezone.utc)
        retained = set()
        for rule in policy.get("rules", []):
            if rule.get("disabled"):
                continue
            selector = (rule.get("tag_selectors") or [{"pattern": "**", "decoration": "matches"}])[0]
            pattern = selector.get("pattern", "**").replace("**", "*")
            def selected(a):
                hit = any(fnmatch.fnmatchcase(t["name"], pattern) for t in a["tags"])
                return hit if selector.get("decoration", "matches") == "matches" else not hit
            chosen = sorted((a for a in listed if a["tags"] and selected(a)), key=lambda a: a["push_time"], reverse=True)
            kind, count = rule["template"], int((rule.get("params") or {}).get(rule["template"], 0) or 0)
            for i, a in enumerate(chosen):
                pushed = datetime.datetime.fromisoformat(a["push_time"].replace("Z", "+00:00"))
                if (kind == "latestPushedK" and i < count) or kind == "always" \
                        or (kind == "nDaysSinceLastPush" and pushed >= now - datetime.timedelta(days=count)):
                    retained.add(a["digest"])
        return {"repository": name.split("/", 1)[1], "total": len(listed), "retained": len(retained)}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            # Without it Nagle and the client's delayed ACK hold each answer's last segment for 40 ms.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

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

        def body(self):
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def errors(self, status, code, message, extra=()):
            self.reply(status, {"errors": [{"code": code, "message": message}]}, extra=extra)

        def registry_scope(self):
            """What this /v2 request needs, as a token scope: (resource, action); None for /v2/ itself."""
            path = urllib.parse.urlsplit(self.path).path
            if path in ("/v2", "/v2/"):
                return None
            if path == "/v2/_catalog":
                return "registry:catalog", "*"
            named = re.match(r"^/v2/(.+?)/(manifests|blobs|tags)/", path)
            name = named.group(1) if named else path[len("/v2/"):]
            action = "pull" if self.command in ("GET", "HEAD") else "delete" if self.command == "DELETE" else "push"
            return name, action

        def challenge(self, scope):
            """Harbor's registry answers a request without the right token with its token service."""
            realm = f'Bearer realm="http://{self.headers.get("Host")}/service/token",service="harbor-registry"'
            if scope:
                resource, action = scope
                kind = "registry" if resource == "registry:catalog" else "repository"
                name = "catalog" if kind == "registry" else resource
                realm += f',scope="{kind}:{name}:{action}"'
            self.errors(401, "UNAUTHORIZED", "unauthorized to access repository", extra=[("WWW-Authenticate", realm)])

        def token_service(self):
            """GET /service/token: a token for the scopes asked that the login (or anonymity) allows.
            Pull needs read access to the project (a member, an administrator, or a public project);
            push the repository:push permission; delete artifact:delete; the catalog an administrator."""
            header = self.headers.get("Authorization", "")
            who = self.login()
            if header and who is None:
                return self.errors(401, "UNAUTHORIZED", "invalid credentials")
            granted = {}
            for scope in urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("scope", []):
                kind, _, rest = scope.partition(":")
                name, _, actions = rest.rpartition(":")
                if kind == "registry" and name == "catalog":
                    if who == user:
                        granted["registry:catalog"] = {"*"}
                    continue
                perms = self.permissions(who, name.split("/", 1)[0])
                allowed = set()
                for action in actions.split(","):
                    needed = {"pull": "repository:pull", "push": "repository:push", "delete": "artifact:delete", "*": "artifact:delete"}.get(action)
                    if needed in perms:
                        allowed.add(action)
                if allowed:
                    granted[name] = allowed
            token = secrets.token_hex(16)
            tokens[token] = granted
            self.reply(200, {"token": token, "access_token": token, "expires_in": 1800,
                             "issued_at": harbor_time(datetime.datetime.now(datetime.timezone.utc))})

        def artifact_exists(self, name, digest):
            return self.artifact_head(name, digest) is not None

        def artifact_head(self, name, reference):
            """(digest, media type) of the manifest `reference` names in `name`, None when there is none."""
            head, _ = upstream_request("HEAD", f"/v2/{name}/manifests/{urllib.parse.quote(reference, safe=':')}", {"Accept": manifest_types})
            if head.status != 200 or (name, reference) in deleted_tags:
                return None
            return head.getheader("Docker-Content-Digest"), head.getheader("Content-Type")

        def scan_of(self, name, digest, media_type):
            """The artifact's own scan: the fixture's findings in a report that names this artifact
            (Harbor's report carries the artifact it was made for), and an overview with its own id."""
            mine = json.loads(json.dumps(report))
            mine["artifact"] = {"repository": name, "digest": digest, "mime_type": media_type}
            summary = json.loads(json.dumps(overview))
            for entry in summary.values():
                entry["report_id"] = f"{digest[7:15]}-{digest[15:19]}-{digest[19:23]}-{digest[23:27]}-{digest[27:39]}"
            return mine, summary

        def token_allows(self, scope):
            header = self.headers.get("Authorization", "")
            if not header.startswith("Bearer "):
                return False
            granted = tokens.get(header[len("Bearer "):].strip())
            if granted is None:
                return False
            if scope is None:
                return True  # /v2/: any token Harbor issued
            resource, action = scope
            actions = granted.get(resource, set())
            return action in actions or "*" in actions

        def forward(self):
            scope = self.registry_scope()
            if not self.token_allows(scope):
                return self.challenge(scope)
            manifest = re.match(r"^/v2/(.+)/manifests/([^/?]+)", self.path)
            if manifest and self.command in ("GET", "HEAD") and (manifest.group(1), manifest.group(2)) in deleted_tags:
                return self.errors(404, "MANIFEST_UNKNOWN", "manifest unknown")
            # Harbor's login is not the registry's behind it: the Authorization header stays here.
            resp, data = relay.forward(self, up_host, up_port, drop=("host", "connection", "authorization"))
            if manifest and self.command == "GET" and resp.status == 200 and resp.getheader("Docker-Content-Digest"):
                with pushed_lock:
                    pulled_at[(manifest.group(1), resp.getheader("Docker-Content-Digest"))] = datetime.datetime.now(datetime.timezone.utc)
            if self.command == "PUT" and "/manifests/" in self.path and resp.status == 201 and resp.getheader("Docker-Content-Digest"):
                repository = self.path[len("/v2/"):self.path.index("/manifests/")]
                with pushed_lock:
                    pushed_at[(repository, resp.getheader("Docker-Content-Digest"))] = datetime.datetime.now(datetime.timezone.utc)
            relay.answer(self, resp.status, resp.getheaders(), data)

        def login(self):
            """The user name of a valid Basic login, else None."""
            header = self.headers.get("Authorization", "")
            if not header.startswith("Basic "):
                return None
            name, _, secret = base64.b64decode(header[6:]).decode(errors="replace").partition(":")
            if name == user and secret == password:
                return name
            if name in members and members[name].get("password") == secret:
                return name
            return None

        def authorised(self):
            return self.login() is not None

        def catalog(self):
            """Every repository of the upstream registry, following its pages."""
            if bulk:
                return bulk
            names, path = [], "/v2/_catalog?n=1000"
            while path:
                resp, body = upstream_request("GET", path)
                if resp.status != 200:
                    break
                names += json.loads(body).get("repositories") or []
                found = re.match(r"<([^>]+)>", resp.getheader("Link") or "")
                path = found.group(1) if found else None
            return names

        def projects(self):
            """Every project: the first parts of the upstream's repository names, ids by name order."""
            names = sorted({r.split("/", 1)[0] for r in self.catalog() if "/" in r})
            return {name: i + 1 for i, name in enumerate(names)}

        def permissions(self, who, project):
            if who == user:
                return set().union(*role_permissions.values())
            role = members.get(who, {}).get("projects", {}).get(project)
            if role:
                return role_permissions[role]
            return {"repository:pull"} if project in public_projects else set()

        def visible(self, who, project):
            return bool(self.permissions(who, project))

        def project_json(self, name, project_id):
            metadata = {"public": "true" if name in public_projects else "false"}
            if name in retention:
                metadata["retention_id"] = str(project_id)
            return {"project_id": project_id, "name": name, "metadata": metadata, "owner_name": user,
                    "creation_time": "2026-01-01T00:00:00.000Z", "update_time": "2026-01-01T00:00:00.000Z"}

        def paged(self, url, path, rows):
            query = urllib.parse.parse_qs(url.query)
            page = max(1, int(query.get("page", ["1"])[0]))
            size = int(query.get("page_size", ["10"])[0])
            if not 1 <= size <= 100:
                return self.errors(400, "BAD_REQUEST", "page_size must be between 1 and 100")
            extra = [("X-Total-Count", str(len(rows)))]
            if page * size < len(rows):
                extra.append(("Link", f'<{base}{path}?page={page + 1}&page_size={size}>; rel="next"'))
            return self.reply(200, rows[(page - 1) * size:page * size], extra=extra)

        def member_api(self, who, template, params, url, path):
            """What project members see and may do: True when answered, None when the template is not one of these."""
            projects = self.projects()
            if template == "/users/current":
                return self.reply(200, {"username": who, "sysadmin_flag": who == user}) or True
            if template == "/users/current/permissions":
                scope = urllib.parse.parse_qs(url.query).get("scope", [""])[0]
                by_id = {i: n for n, i in projects.items()}
                found = re.match(r"^/project/(\d+)$", scope)
                project = by_id.get(int(found.group(1))) if found else None
                if project is None:
                    return self.errors(400, "BAD_REQUEST", f"unknown scope {scope}") or True
                return self.reply(200, [{"resource": p.split(":")[0], "action": p.split(":")[1]} for p in sorted(self.permissions(who, project))]) or True
            if template == "/projects" and self.command == "GET":
                rows = [self.project_json(n, i) for n, i in projects.items() if self.visible(who, n)]
                return self.paged(url, path, rows) or True
            if template == "/projects/{project_name_or_id}" and self.command == "GET":
                key = urllib.parse.unquote(params["project_name_or_id"])
                name = key if key in projects else {str(i): n for n, i in projects.items()}.get(key)
                if name is None or not self.visible(who, name):
                    return self.errors(404, "NOT_FOUND", f"project {key} not found") or True
                return self.reply(200, self.project_json(name, projects[name])) or True
            if template == "/projects/{project_name}/repositories" and self.command == "GET":
                project = params["project_name"]
                if project not in projects or not self.visible(who, project):
                    return self.errors(404, "NOT_FOUND", f"project {project} not found") or True
                names = sorted(r for r in self.catalog() if r.startswith(project + "/"))
                return self.paged(url, path, [{"name": n, "project_id": projects[project]} for n in names]) or True
            if template.startswith("/projects/{project_name_or_id}/webhook/"):
                project = urllib.parse.unquote(params["project_name_or_id"])
                if project not in projects or not self.visible(who, project):
                    return self.errors(404, "NOT_FOUND", f"project {project} not found") or True
                if "repository:delete" not in self.permissions(who, project):  # notification policies: Maintainer and up
                    return self.errors(403, "FORBIDDEN", f"{who} may not use project {project}'s webhook policies") or True
                hooks = access.setdefault("webhooks", {}).setdefault(project, [])
                if template.endswith("/events") and self.command == "GET":  # GetSupportedEventTypes
                    return self.reply(200, {"event_type": WEBHOOK_EVENT_TYPES, "notify_type": ["http", "slack"],
                                            "payload_formats": [{"notify_type": "http", "formats": ["Default", "CloudEvents"]}]}) or True
                if template.endswith("/policies") and self.command == "GET":
                    rows = [dict(w, id=i + 1, project_id=projects[project]) for i, w in enumerate(hooks)]
                    return self.paged(url, path, rows) or True
                if self.command in ("POST", "PUT"):  # Create/UpdateWebhookPolicyOfProject: "targets" and "event_types" needed
                    policy = {k: v for k, v in json.loads(self.body() or b"{}").items() if k not in ("id", "project_id")}
                    if not policy.get("targets") or not policy.get("event_types"):
                        return self.errors(400, "BAD_REQUEST", "targets and event_types are required") or True
                    if any(t not in WEBHOOK_EVENT_TYPES for t in policy["event_types"]):
                        return self.errors(400, "BAD_REQUEST", f"unsupported event type in {policy['event_types']}") or True
                    if self.command == "POST" and template.endswith("/policies"):
                        if any(w.get("name") == policy.get("name") for w in hooks):
                            return self.errors(409, "CONFLICT", f"webhook policy {policy.get('name')} exists") or True
                        hooks.append(policy)
                        self.send_response(201)
                        self.send_header("Location", f"/api/v2.0/projects/{project}/webhook/policies/{len(hooks)}")
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return True
                    if self.command == "PUT" and "webhook_policy_id" in params:
                        index = int(params["webhook_policy_id"]) - 1
                        if not 0 <= index < len(hooks):
                            return self.errors(404, "NOT_FOUND", "webhook policy not found") or True
                        hooks[index] = policy
                        return self.reply(200, b"", "text/plain") or True
            if template.startswith("/retentions/{id}"):
                by_id = {str(i): n for n, i in projects.items()}
                project = by_id.get(params["id"])
                if project not in retention or not self.visible(who, project):
                    return self.errors(404, "NOT_FOUND", f"retention {params['id']} not found") or True
                runs = executions.setdefault(params["id"], [])
                if template == "/retentions/{id}" and self.command == "GET":
                    return self.reply(200, dict(retention[project], id=int(params["id"]))) or True
                if template == "/retentions/{id}" and self.command == "PUT":
                    if "repository:delete" not in self.permissions(who, project):
                        return self.errors(403, "FORBIDDEN", f"{who} may not change project {project}'s retention") or True
                    policy = json.loads(self.body() or b"{}")
                    for rule in policy.get("rules", []):
                        if rule.get("template") not in RETENTION_TEMPLATES:
                            return self.errors(400, "BAD_REQUEST", f"unknown template {rule.get('template')}") or True
                    retention[project] = {k: v for k, v in policy.items() if k != "id"}
                    return self.reply(200, b"", "text/plain") or True
                if template == "/retentions/{id}/executions" and self.command == "POST":
                    dry_run = bool(json.loads(self.body() or b"{}").get("dry_run"))
                    tasks = [dict(retention_task(project, name, retention[project]), id=i + 1)
                             for i, name in enumerate(sorted(r for r in self.catalog() if r.startswith(project + "/")))]
                    run = {"id": sum(len(v) for v in executions.values()) + 1, "policy_id": int(params["id"]), "dry_run": dry_run,
                           "trigger": "MANUAL", "status": "Running", "polls": 1, "tasks": tasks}
                    runs.insert(0, run)
                    return self.reply(201, b"", "text/plain", [("Location", f"{base}/retentions/{params['id']}/executions/{run['id']}")]) or True
                if template == "/retentions/{id}/executions" and self.command == "GET":
                    rows = []
                    for run in runs:  # one poll while it runs, as a real execution takes a moment
                        if run["status"] == "Running" and run["polls"] > 0:
                            run["polls"] -= 1
                        elif run["status"] == "Running":
                            run["status"] = "Succeed"
                        rows.append({k: v for k, v in run.items() if k not in ("tasks", "polls")})
                    return self.paged(url, path, rows) or True
                if template == "/retentions/{id}/executions/{eid}/tasks":
                    run = next((r for r in runs if str(r["id"]) == params["eid"]), None)
                    if run is None:
                        return self.errors(404, "NOT_FOUND", f"execution {params['eid']} not found") or True
                    return self.paged(url, path, [dict(t, execution_id=run["id"], status="Succeed") for t in run["tasks"]]) or True
            return None

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
                who = self.login()
                if who is None:
                    return self.errors(401, "UNAUTHORIZED", "unauthorized", [("WWW-Authenticate", 'Basic realm="harbor"')])
                params = dict(zip(re.findall(r"\{([^}]+)\}", template), m.groups()))
                answered = self.member_api(who, template, params, url, path)
                if answered is not None:
                    return answered
                project = params.get("project_name", "")
                if project and not self.visible(who, project):
                    return self.errors(404, "NOT_FOUND", f"project {project} not found")
                # {repository_name} is URL-encoded twice by clients when it has a '/'.
                repository = urllib.parse.unquote(urllib.parse.unquote(params.get("repository_name", "")))
                if template.endswith("/artifacts/{reference}/scan") and self.command == "POST":
                    if not self.permissions(who, project) & {"repository:push", "artifact:delete"}:
                        return self.errors(403, "FORBIDDEN", f"{who} may not scan in project {project}")
                    return self.reply(202, b"", "text/plain")
                if template.endswith("/artifacts/{reference}/tags/{tag_name}") and self.command == "DELETE":
                    if "tag:delete" not in self.permissions(who, project):
                        return self.errors(403, "FORBIDDEN", f"{who} may not delete tags in project {project}")
                    name = f"{project}/{repository}"
                    deleted_tags.add((name, urllib.parse.unquote(params["tag_name"])))
                    return self.reply(200, b"", "text/plain")
                if template.endswith("/artifacts/{reference}") and self.command == "DELETE":
                    if "artifact:delete" not in self.permissions(who, project):
                        return self.errors(403, "FORBIDDEN", f"{who} may not delete artifacts in project {project}")
                    name = f"{project}/{repository}"
                    resp, _ = upstream_request("DELETE", f"/v2/{name}/manifests/{urllib.parse.unquote(params['reference'])}")
                    if resp.status != 202:
                        return self.errors(404, "NOT_FOUND", f"artifact {params['reference']} not found")
                    return self.reply(200, b"", "text/plain")
                if template.endswith("/artifacts/{reference}"):
                    query = urllib.parse.parse_qs(url.query)
                    reference = urllib.parse.unquote(params["reference"])
                    name = f"{project}/{repository}"
                    found = self.artifact_head(name, reference)  # a tag or a digest: the artifact it names
                    if found is None:
                        return self.errors(404, "NOT_FOUND", f"artifact {reference} not found")
                    artifact = {"digest": found[0], "repository_name": name, "type": "IMAGE", "manifest_media_type": found[1]}
                    if query.get("with_scan_overview", ["false"])[0] == "true":
                        artifact["scan_overview"] = self.scan_of(name, *found)[1]
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
                    # The report of the artifact asked for; Harbor has none for one that is not there.
                    name = f"{project}/{repository}"
                    found = self.artifact_head(name, urllib.parse.unquote(params["reference"]))
                    if found is None:
                        return self.errors(404, "NOT_FOUND", f"artifact {params['reference']} not found")
                    return self.reply(200, {REPORT_MIME: self.scan_of(name, *found)[0]})
                return self.errors(404, "NOT_FOUND", f"the mock does not serve {template}")
            return self.errors(404, "NOT_FOUND", f"{path} is not in Harbor's API")

        def handle_any(self):
            if bulk and self.path == "/v2/":  # no registry behind a benchmark's Harbor: the API version check answers here
                return self.reply(200, {})
            if self.path.startswith("/v2/") or self.path == "/v2":
                return self.forward()
            if self.path.startswith("/service/token"):
                return self.token_service()
            if self.path.startswith(base + "/"):
                return self.api()
            return self.errors(404, "NOT_FOUND", "not found")

        do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = handle_any

    http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), Handler).serve_forever()


if __name__ == "__main__":
    main()
