#!/usr/bin/env python3
"""A Google Artifact Registry stand-in built from Artifact Registry's discovery document
(tests/fixtures/gar/artifactregistry.v1.discovery.json) and the facts in tests/fixtures/gar/FACTS.md.

Served over TLS under the real host names (reached with --connect-to):
  accounts.google.com, oauth2.googleapis.com   the OAuth token endpoint: a service account's JWT
        (RS256, checked with the public half of the test key in adc/, its audience, issuer, scope
        and lifetime) or an authorized user's refresh token, for an access token of an hour
  artifactregistry.googleapis.com   /v1: repositories (list, get, patch of cleanupPolicies),
        dockerImages.list, packages.list, packages.tags get/delete, packages.versions delete
        (force); each route is checked at start against the discovery document's methods
  LOCATION-docker.pkg.dev   the registry: Bearer token flow whose token endpoint takes
        oauth2accesstoken:<access token>, forwarding to the real docker-registry behind it under
        PROJECT/REPOSITORY/IMAGE; its _catalog answers empty as Artifact Registry's does (FACTS.md L2)
  gcr.io, us.gcr.io, eu.gcr.io, asia.gcr.io   the same registry for PROJECT/IMAGE, served by the
        repository named after the host in its multi-region (FACTS.md L5), when the state has one

  gar_mock.py PORT UPSTREAM_HOST:PORT FIXTURES_DIR CERT KEY STATE_JSON
STATE_JSON: {"project", "location", "repositories": {REPO: Repository fields}, "images":
{REPO: {PACKAGE: {DIGEST: {"tags": [...], "uploadTime": ..., "buildTime": ..., "size": N}}}}}
"""
import base64
import datetime
import json
import re
import secrets
import sys
import threading
import time
import urllib.parse

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

import apispec
import relay
from standin import JsonHandler, Upstream, serve_tls

TOKEN_HOSTS = ("accounts.google.com", "oauth2.googleapis.com")
API_HOST = "artifactregistry.googleapis.com"
# Container Registry host -> the location of the Artifact Registry repository of that name (FACTS.md L5).
GCR_HOSTS = {"gcr.io": "us", "us.gcr.io": "us", "eu.gcr.io": "europe", "asia.gcr.io": "asia"}
SCOPE = "https://www.googleapis.com/auth/cloud-platform"
# The routes served, each the id of a method of the discovery document.
SERVED = {
    "artifactregistry.projects.locations.repositories.list",
    "artifactregistry.projects.locations.repositories.get",
    "artifactregistry.projects.locations.repositories.patch",
    "artifactregistry.projects.locations.repositories.dockerImages.list",
    "artifactregistry.projects.locations.repositories.packages.list",
    "artifactregistry.projects.locations.repositories.packages.tags.get",
    "artifactregistry.projects.locations.repositories.packages.tags.delete",
    "artifactregistry.projects.locations.repositories.packages.versions.delete",
}


def discovery_routes(path):
    """{method id: (HTTP method, regex of its flatPath)} for the served ids, failing on any missing."""
    doc = json.load(open(path))
    found = {}

    def walk(resource):
        for method in resource.get("methods", {}).values():
            if method["id"] in SERVED:
                found[method["id"]] = (method["httpMethod"], apispec.template_regex("/" + method["flatPath"]))
        for child in resource.get("resources", {}).values():
            walk(child)
    walk(doc)
    missing = SERVED - set(found)
    if missing:
        sys.exit(f"gar_mock: not in the discovery document: {sorted(missing)}")
    return found


def b64url_decode(part):
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def main():
    port, upstream, fixtures, cert, key, state_path = sys.argv[1:7]
    routes = discovery_routes(f"{fixtures}/gar/artifactregistry.v1.discovery.json")
    state = json.load(open(state_path))
    project, location = state["project"], state["location"]
    registry_host = f"{location}-docker.pkg.dev"
    service_account = json.load(open(f"{fixtures}/gar/adc/service_account.json"))
    authorized_user = json.load(open(f"{fixtures}/gar/adc/authorized_user.json"))
    public_key = x509.load_pem_x509_certificate(open(f"{fixtures}/gar/adc/public_cert.pem", "rb").read()).public_key()
    registry = Upstream(upstream)
    lock = threading.Lock()
    access_tokens = set()
    registry_tokens = set()
    repositories = state["repositories"]
    images = state["images"]

    def resource(repo):
        return f"projects/{project}/locations/{location}/repositories/{repo}"

    def repository_json(repo):
        return dict(repositories[repo], name=resource(repo), format="DOCKER")

    class Handler(JsonHandler):
        def dispatch(self):
            host = self.host()
            if host in TOKEN_HOSTS:
                return self.token()
            if host == API_HOST:
                return self.api()
            if host == registry_host:
                return self.registry(host)
            if GCR_HOSTS.get(host) == location and host in repositories:
                return self.registry(host)
            if self.path == "/":
                return self.send_json(200, {"ready": True})
            return self.send_json(404, {"error": "unknown host"})

        do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = dispatch

        def oauth_error(self, error, description):
            self.send_json(400, {"error": error, "error_description": description})

        # --- OAuth ----------------------------------------------------------------------------
        def token(self):
            form = urllib.parse.parse_qs(self.body().decode())
            grant = form.get("grant_type", [""])[0]
            if grant == "urn:ietf:params:oauth:grant-type:jwt-bearer":
                parts = form.get("assertion", [""])[0].split(".")
                if len(parts) != 3:
                    return self.oauth_error("invalid_grant", "Invalid JWT: not three parts")
                try:
                    header, claims = json.loads(b64url_decode(parts[0])), json.loads(b64url_decode(parts[1]))
                    public_key.verify(b64url_decode(parts[2]), f"{parts[0]}.{parts[1]}".encode(), padding.PKCS1v15(), hashes.SHA256())
                except (ValueError, InvalidSignature):
                    return self.oauth_error("invalid_grant", "Invalid JWT Signature.")
                now = time.time()
                if header.get("alg") != "RS256" or header.get("kid") != service_account["private_key_id"]:
                    return self.oauth_error("invalid_grant", "Invalid JWT header")
                if claims.get("iss") != service_account["client_email"] or claims.get("aud") != service_account["token_uri"]:
                    return self.oauth_error("invalid_grant", "Invalid JWT: issuer or audience")
                if SCOPE not in (claims.get("scope") or "").split():
                    return self.oauth_error("invalid_scope", "Invalid OAuth scope")
                if not claims.get("iat", 0) - 300 <= now < claims.get("exp", 0) or claims["exp"] - claims["iat"] > 3600:
                    return self.oauth_error("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes)")
            elif grant == "refresh_token":
                if (form.get("refresh_token", [""])[0] != authorized_user["refresh_token"]
                        or form.get("client_id", [""])[0] != authorized_user["client_id"]
                        or form.get("client_secret", [""])[0] != authorized_user["client_secret"]):
                    return self.oauth_error("invalid_grant", "Token has been expired or revoked.")
            else:
                return self.oauth_error("unsupported_grant_type", f"Invalid grant_type: {grant}")
            token = "ya29." + secrets.token_urlsafe(40)
            with lock:
                access_tokens.add(token)
            self.send_json(200, {"access_token": token, "expires_in": 3599, "token_type": "Bearer"})

        # --- /v1 ------------------------------------------------------------------------------
        def google_error(self, status, code, message):
            self.send_json(status, {"error": {"code": status, "message": message, "status": code}})

        def api(self):
            if self.bearer() not in access_tokens:
                return self.google_error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.")
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query)
            for method_id, (verb, pattern) in routes.items():
                m = pattern.match(url.path)
                if m and verb == self.command:
                    return self.serve(method_id, m.groups(), query)
            return self.google_error(404, "NOT_FOUND", f"{self.command} {url.path} is not a method of Artifact Registry's API")

        def page(self, rows, key, query):
            size = min(int(query.get("pageSize", ["100"])[0]), 1000)
            start = int(query.get("pageToken", ["0"])[0] or 0)
            answer = {key: rows[start:start + size]}
            if start + size < len(rows):
                answer["nextPageToken"] = str(start + size)
            self.send_json(200, answer)

        def serve(self, method_id, groups, query):
            p, loc = groups[0], groups[1]
            if p != project or loc != location:
                return self.google_error(403, "PERMISSION_DENIED", f"Permission denied on projects/{p}/locations/{loc} (or it does not exist)")
            repo = groups[2] if len(groups) > 2 else None
            if repo is not None and repo not in repositories:
                return self.google_error(404, "NOT_FOUND", f"Requested entity was not found: {resource(repo)}")
            name = method_id.split(".")[-2:]
            if method_id.endswith("repositories.list"):
                return self.page([repository_json(r) for r in sorted(repositories)], "repositories", query)
            if method_id.endswith("repositories.get"):
                return self.send_json(200, repository_json(repo))
            if method_id.endswith("repositories.patch"):
                mask = query.get("updateMask", [""])[0].split(",")
                change = json.loads(self.body() or b"{}")
                with lock:
                    for field in mask:
                        if field == "cleanupPolicies":
                            policies = change.get("cleanupPolicies") or {}
                            for pid, policy in policies.items():
                                if policy.get("action") not in ("DELETE", "KEEP"):
                                    return self.google_error(400, "INVALID_ARGUMENT", f"cleanup policy {pid}: action must be DELETE or KEEP")
                            repositories[repo]["cleanupPolicies"] = policies
                        elif field == "cleanupPolicyDryRun":
                            repositories[repo]["cleanupPolicyDryRun"] = bool(change.get("cleanupPolicyDryRun"))
                return self.send_json(200, repository_json(repo))
            if method_id.endswith("dockerImages.list"):
                rows = []
                for package, versions in sorted(images.get(repo, {}).items()):
                    for digest, v in sorted(versions.items()):
                        rows.append({"name": f"{resource(repo)}/dockerImages/{package.replace('/', '%2F')}@{digest}",
                                     "uri": (f"{repo}/{project}/{package}@{digest}" if repo in GCR_HOSTS
                                             else f"{registry_host}/{project}/{repo}/{package}@{digest}"), "tags": v["tags"],
                                     "imageSizeBytes": str(v["size"]), "uploadTime": v["uploadTime"], "buildTime": v["buildTime"],
                                     "updateTime": v["uploadTime"], "mediaType": "application/vnd.oci.image.manifest.v1+json"})
                return self.page(rows, "dockerImages", query)
            if method_id.endswith("packages.list"):
                rows = [{"name": f"{resource(repo)}/packages/{package.replace('/', '%2F')}"} for package in sorted(images.get(repo, {}))]
                return self.page(rows, "packages", query)
            package = urllib.parse.unquote(groups[3])
            versions = images.get(repo, {}).get(package)
            if versions is None:
                return self.google_error(404, "NOT_FOUND", f"Requested entity was not found: package {package}")
            if name == ["tags", "get"] or name == ["tags", "delete"]:
                tag = urllib.parse.unquote(groups[4])
                digest = next((d for d, v in versions.items() if tag in v["tags"]), None)
                if digest is None:
                    return self.google_error(404, "NOT_FOUND", f"Requested entity was not found: tag {tag}")
                if name[1] == "delete":
                    with lock:
                        versions[digest]["tags"].remove(tag)
                    return self.send_json(200, {})
                pkg_resource = f"{resource(repo)}/packages/{package.replace('/', '%2F')}"
                return self.send_json(200, {"name": f"{pkg_resource}/tags/{tag}", "version": f"{pkg_resource}/versions/{digest}"})
            if name == ["versions", "delete"]:
                digest = urllib.parse.unquote(groups[4])
                if digest not in versions:
                    return self.google_error(404, "NOT_FOUND", f"Requested entity was not found: version {digest}")
                if versions[digest]["tags"] and query.get("force", ["false"])[0] != "true":
                    return self.google_error(400, "FAILED_PRECONDITION", "Version has tags; use force to delete it with its tags")
                registry.get("DELETE", f"/v2/{project}/{repo}/{package}/manifests/{digest}")
                with lock:
                    del versions[digest]
                return self.send_json(200, {"name": f"projects/{project}/locations/{location}/operations/{secrets.token_hex(8)}", "done": True})
            return self.google_error(404, "NOT_FOUND", "not served")

        # --- /v2 ------------------------------------------------------------------------------
        def live_tag(self, path_repo, tag):
            # path_repo as the upstream stores it: PROJECT/REPOSITORY/IMAGE
            parts = path_repo.split("/", 2)
            if len(parts) < 3:
                return True
            versions = images.get(parts[1], {}).get(parts[2], {})
            return any(tag in v["tags"] for v in versions.values())

        def registry(self, host):
            url = urllib.parse.urlsplit(self.path)
            gcr = host in GCR_HOSTS
            if url.path == "/v2/token":
                auth = self.headers.get("Authorization") or ""
                user, _, secret = base64.b64decode(auth[6:]).decode(errors="replace").partition(":") if auth.startswith("Basic ") else ("", "", "")
                if user != "oauth2accesstoken" or secret not in access_tokens:
                    return self.registry_error(401, "UNAUTHORIZED", "Not Authorized.")
                token = secrets.token_urlsafe(32)
                with lock:
                    registry_tokens.add(token)
                return self.send_json(200, {"token": token, "expires_in": 3600})
            if self.bearer() not in registry_tokens:
                m = re.match(r"^/v2/(.+?)/(manifests|tags|blobs)/", url.path)
                scope = f',scope="repository:{m.group(1)}:pull"' if m else ""
                return self.registry_error(401, "UNAUTHORIZED", "Unauthenticated request.",
                                           [("WWW-Authenticate", f'Bearer realm="https://{host}/v2/token",service="{host}"{scope}')])
            if url.path.startswith("/v2/_catalog"):
                return self.send_json(200, {"repositories": []})  # FACTS.md L2
            if gcr:  # gcr.io/PROJECT/IMAGE is PROJECT/<host>/IMAGE in the repository named after the host
                inner = re.match(r"^/v2/([^/]+)/(.+)$", url.path)
                if inner:
                    self.path = urllib.parse.urlunsplit(("", "", f"/v2/{inner.group(1)}/{host}/{inner.group(2)}", url.query, ""))
                    url = urllib.parse.urlsplit(self.path)
            m = re.match(r"^/v2/(.+?)/(manifests|tags)/(.*)$", url.path)
            if m and m.group(2) == "manifests" and self.command in ("GET", "HEAD") and not m.group(3).startswith("sha256:") \
                    and not self.live_tag(m.group(1), m.group(3)):
                return self.registry_error(404, "MANIFEST_UNKNOWN", "manifest unknown")
            resp, data = relay.forward(self, registry.host, registry.port, drop=("host", "connection", "authorization"))
            if m and m.group(2) == "tags" and resp.status == 200:
                listing = json.loads(data)
                listing["tags"] = [t for t in listing.get("tags") or [] if self.live_tag(m.group(1), t)]
                data = json.dumps(listing).encode()
            relay.answer(self, resp.status, resp.getheaders(), data)

    serve_tls(port, cert, key, Handler)


if __name__ == "__main__":
    main()
