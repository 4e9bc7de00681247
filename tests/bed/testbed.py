#!/usr/bin/env python3
"""Berth's registry test bed: real docker-registry servers on free loopback ports.

  testbed.py start STATE_DIR [--only anonymous] [--ocireg PATH]   start, seed, write STATE_DIR/bed.json
  testbed.py stop STATE_DIR                       stop everything started there
  testbed.py issuer ...                           (internal) the test token issuer
  testbed.py pager ...                            (internal) a paging front for tag lists

Four configurations of Debian's docker-registry (distribution 2.8.3) share one storage:
anonymous, htpasswd basic auth, token auth (JWTs signed by the issuer below and checked by the
registry against a test certificate) and TLS with a test CA. The paging front serves tag and
catalog lists in pages with RFC 8288 Link headers over the anonymous registry, as registries
that paginate do (2.8.3 itself returns every tag at once).

Every server runs under `timeout`, so nothing outlives a killed test run by more than two hours.
"""
import argparse
import base64
import http.client
import http.server
import json
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import relay  # noqa: E402  (forwarding to the real registry)
import seed  # noqa: E402  (the demo images)
import demo_story  # noqa: E402  (the demo's signatures, attachments and history)

SERVICE = "berth-test-registry"
ISSUER = "berth-test-issuer"
USERNAME = "berth-tester"
LIFETIME = "7200"


def fail(message):
    print(f"testbed: {message}", file=sys.stderr)
    sys.exit(1)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, **kwargs):
    try:
        return subprocess.run(cmd, check=True, capture_output=True, text=True, **kwargs)
    except FileNotFoundError:
        fail(f"'{cmd[0]}' is not installed; run the tests through packaging/dev.sh, which installs it")
    except subprocess.CalledProcessError as e:
        fail(f"{' '.join(cmd)} failed: {e.stderr.strip()}")


# The public registries' hosts that the stand-ins answer for (tests reach them with --connect-to).
ECR_HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com"  # moto's default account, in us-east-1
PUBLIC_HOSTS = ["hub.docker.com", "registry-1.docker.io", "auth.docker.io", "ghcr.io", "api.github.com", "quay.io",
                "quay.internal.example", ECR_HOST, "accounts.google.com", "oauth2.googleapis.com",
                "artifactregistry.googleapis.com", "us-docker.pkg.dev", "gcr.io"]


def make_certificates(d):
    """A test CA, a server certificate for 127.0.0.1/localhost, and the token signing key."""
    run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Berth Test CA",
         "-keyout", f"{d}/ca.key", "-out", f"{d}/ca.pem",
         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
         "-keyout", f"{d}/server.key", "-out", f"{d}/server.csr"])
    with open(f"{d}/server.ext", "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    run(["openssl", "x509", "-req", "-in", f"{d}/server.csr", "-CA", f"{d}/ca.pem", "-CAkey", f"{d}/ca.key",
         "-CAcreateserial", "-days", "2", "-extfile", f"{d}/server.ext", "-out", f"{d}/server.pem"])
    # One certificate for the stand-ins of public registries, under their real host names.
    run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=hub.docker.com",
         "-keyout", f"{d}/public.key", "-out", f"{d}/public.csr"])
    with open(f"{d}/public.ext", "w") as f:
        f.write("subjectAltName=" + ",".join(f"DNS:{h}" for h in PUBLIC_HOSTS) + ",IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
    run(["openssl", "x509", "-req", "-in", f"{d}/public.csr", "-CA", f"{d}/ca.pem", "-CAkey", f"{d}/ca.key",
         "-CAcreateserial", "-days", "2", "-extfile", f"{d}/public.ext", "-out", f"{d}/public.pem"])
    run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Berth Test Token Signer",
         "-keyout", f"{d}/token.key", "-out", f"{d}/token.pem"])


def registry_config(storage, port, secret, auth=None, tls=None, delete=True):
    http_section = {"addr": f"127.0.0.1:{port}", "secret": secret, "headers": {"X-Content-Type-Options": ["nosniff"]}}
    if tls:
        http_section["tls"] = tls
    config = {
        "version": "0.1",
        "log": {"level": "warn", "accesslog": {"disabled": True}},
        "storage": {"filesystem": {"rootdirectory": storage}, "delete": {"enabled": delete},
                    "maintenance": {"uploadpurging": {"enabled": False}}},
        "http": http_section,
    }
    if auth:
        config["auth"] = auth
    return config  # YAML is a superset of JSON: the registry reads this as written


class Bed:
    def __init__(self, state):
        self.state = os.path.abspath(state)
        self.pids_file = os.path.join(self.state, "pids")

    def spawn(self, name, cmd):
        log = open(os.path.join(self.state, f"{name}.log"), "w")
        proc = subprocess.Popen(["timeout", "--kill-after=10", LIFETIME] + cmd, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        with open(self.pids_file, "a") as f:
            f.write(f"{proc.pid} {name}\n")
        return proc

    def log_tail(self, name):
        try:
            with open(os.path.join(self.state, f"{name}.log")) as f:
                return "".join(f.readlines()[-8:])
        except OSError:
            return ""

    def wait_ready(self, name, proc, port, context=None, path="/v2/", deadline=30):
        end = time.time() + deadline
        while time.time() < end:
            if proc.poll() is not None:
                tail = self.log_tail(name)
                if "address already in use" in tail:
                    return "port-in-use"
                fail(f"{name} exited at start-up (code {proc.returncode}):\n{tail}")
            try:
                conn = (http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=2) if context
                        else http.client.HTTPConnection("127.0.0.1", port, timeout=2))
                conn.request("GET", path)
                status = conn.getresponse().status
                conn.close()
                if status in (200, 401):
                    return "ready"
            except OSError:
                pass
            time.sleep(0.1)
        fail(f"{name} did not answer on 127.0.0.1:{port} within {deadline} s:\n{self.log_tail(name)}")

    def start_server(self, name, make_cmd, context=None, path="/v2/"):
        """Starts a server on a free port; a port taken in the meantime is retried on another."""
        for _ in range(5):
            port = free_port()
            proc = self.spawn(name, make_cmd(port))
            if self.wait_ready(name, proc, port, context, path) == "ready":
                return port
        fail(f"{name}: no free loopback port after 5 tries")

    def registry(self, name, storage, secret, **kw):
        def cmd(port):
            path = os.path.join(self.state, f"{name}.json")
            with open(path, "w") as f:
                json.dump(registry_config(storage, port, secret, **kw), f, indent=1)
            return ["docker-registry", "serve", path]
        context = None
        if kw.get("tls"):
            context = ssl.create_default_context(cafile=os.path.join(self.state, "ca.pem"))
        return self.start_server(name, cmd, context)

    def start(self, only, demo=False, ocireg=None):
        if os.path.exists(os.path.join(self.state, "bed.json")):
            self.stop()
        os.makedirs(self.state, exist_ok=True)
        if shutil.which("docker-registry") is None:
            fail("docker-registry is not installed (Debian package docker-registry); "
                 "run the tests through packaging/dev.sh, which installs it")
        storage = os.path.join(self.state, "storage")
        shutil.rmtree(storage, ignore_errors=True)
        os.makedirs(storage)
        secret = secrets.token_hex(16)
        password = secrets.token_urlsafe(12)
        bed = {"username": USERNAME, "password": password, "state_dir": self.state}

        anonymous = self.registry("registry-anonymous", storage, secret)
        bed["anonymous"] = f"127.0.0.1:{anonymous}"
        bed["seeded"] = seed.seed_demo(f"http://127.0.0.1:{anonymous}", test_repositories=not demo)
        if demo:
            demo_story.dress(bed["anonymous"], self.state)

        if only != "anonymous" and not demo:
            make_certificates(self.state)
            bed["ca_file"] = os.path.join(self.state, "ca.pem")
            htpasswd = run(["htpasswd", "-Bbn", USERNAME, password]).stdout
            with open(os.path.join(self.state, "htpasswd"), "w") as f:
                f.write(htpasswd)
            basic = self.registry("registry-basic", storage, secret,
                                  auth={"htpasswd": {"realm": "berth-test", "path": os.path.join(self.state, "htpasswd")}})
            bed["basic"] = f"127.0.0.1:{basic}"

            me = os.path.abspath(__file__)
            issuer = self.start_server("token-issuer", lambda port: [
                sys.executable, me, "issuer", "--port", str(port), "--key", os.path.join(self.state, "token.key"),
                "--cert", os.path.join(self.state, "token.pem"), "--user", USERNAME, f"--password={password}",
                "--ttl", os.environ.get("BERTH_BED_TOKEN_TTL", "300")], path="/health")
            bed["token_issuer"] = f"127.0.0.1:{issuer}"
            token = self.registry("registry-token", storage, secret, auth={"token": {
                "realm": f"http://127.0.0.1:{issuer}/token", "service": SERVICE, "issuer": ISSUER,
                "rootcertbundle": os.path.join(self.state, "token.pem")}})
            bed["token"] = f"127.0.0.1:{token}"

            # Destinations of the copy tests, on storage of their own (so that copies move bytes and
            # other tests' catalogs stay as seeded): htpasswd, and token auth from the same issuer.
            copy_storage = os.path.join(self.state, "copy-storage")
            shutil.rmtree(copy_storage, ignore_errors=True)
            os.makedirs(copy_storage)
            bed["copy_basic"] = "127.0.0.1:%d" % self.registry(
                "registry-copy-basic", copy_storage, secret,
                auth={"htpasswd": {"realm": "berth-test", "path": os.path.join(self.state, "htpasswd")}})
            bed["copy_token"] = "127.0.0.1:%d" % self.registry("registry-copy-token", copy_storage, secret, auth={"token": {
                "realm": f"http://127.0.0.1:{issuer}/token", "service": SERVICE, "issuer": ISSUER,
                "rootcertbundle": os.path.join(self.state, "token.pem")}})

            tls = self.registry("registry-tls", storage, secret, tls={
                "certificate": os.path.join(self.state, "server.pem"), "key": os.path.join(self.state, "server.key")})
            bed["tls"] = f"127.0.0.1:{tls}"
            # The same storage behind a registry that refuses deletion (storage.delete off).
            nodelete = self.registry("registry-nodelete", storage, secret, delete=False)
            bed["nodelete"] = f"127.0.0.1:{nodelete}"

            pager = self.start_server("pager", lambda port: [
                sys.executable, me, "pager", "--port", str(port), "--upstream", f"127.0.0.1:{anonymous}",
                "--page-size", "4"])
            bed["paging"] = f"127.0.0.1:{pager}"

            hostile = self.start_server("hostile", lambda port: [
                sys.executable, os.path.join(os.path.dirname(me), "hostile.py"), str(port)])
            bed["hostile"] = f"127.0.0.1:{hostile}"
            fixtures = os.environ.get("BERTH_FIXTURES_DIR",
                                      os.path.join(os.path.dirname(me), "..", "fixtures"))
            # Harbor project members beside the administrator: a developer (may push, not delete) in
            # demo and a maintainer of harborprov, a guest there; harborprov keeps a retention policy.
            harbor_users = {"harbordev": secrets.token_urlsafe(12), "harborguest": secrets.token_urlsafe(12)}
            harbor_access = os.path.join(self.state, "harbor-access.json")
            with open(harbor_access, "w") as f:
                json.dump({"users": {"harbordev": {"password": harbor_users["harbordev"],
                                                   "projects": {"demo": "developer", "harborprov": "maintainer"}},
                                     "harborguest": {"password": harbor_users["harborguest"], "projects": {"harborprov": "guest"}}},
                           "public": ["public"],
                           "webhooks": {"harborprov": [{"name": "ci-notify", "enabled": True, "event_types": ["PUSH_ARTIFACT", "DELETE_ARTIFACT"],
                                                        "targets": [{"type": "http", "address": "https://ci.example/hooks/harbor",
                                                                     "auth_header": "Bearer hook-secret", "skip_cert_verify": False}]}]},
                           "retention": {"harborprov": {"algorithm": "or", "rules": [
                               {"priority": 1, "disabled": False, "action": "retain", "template": "latestPushedK",
                                "params": {"latestPushedK": 2}, "scope_selectors": {"repository": [
                                    {"kind": "doublestar", "decoration": "repoMatches", "pattern": "**"}]},
                                "tag_selectors": [{"kind": "doublestar", "decoration": "matches", "pattern": "**"}]}],
                               "trigger": {"kind": "Schedule", "settings": {"cron": "0 0 0 * * *"}},
                               "scope": {"level": "project", "ref": 0}}}}, f)
            harbor = self.start_server("harbor-mock", lambda port: [
                sys.executable, os.path.join(os.path.dirname(me), "harbor_mock.py"), str(port), f"127.0.0.1:{anonymous}",
                os.path.abspath(fixtures), USERNAME, password, harbor_access], path="/api/v2.0/systeminfo")
            bed["harbor"] = f"127.0.0.1:{harbor}"
            bed["harbor_users"] = harbor_users
            bed["harbor_tags"] = seed.seed_harbor(f"http://127.0.0.1:{harbor}", (USERNAME, password))
            ecr_secret = secrets.token_urlsafe(24)
            ecr_digest = "sha256:" + "e" * 64
            ecr = self.start_server("ecr-mock", lambda port: [
                sys.executable, os.path.join(os.path.dirname(me), "ecr_mock.py"), str(port), os.path.abspath(fixtures),
                "AKIDBERTHTEST", ecr_secret, "team/app", ecr_digest], path="/")
            bed["ecr"] = {"endpoint": f"http://127.0.0.1:{ecr}", "access_key": "AKIDBERTHTEST", "secret_key": ecr_secret,
                          "repository": "team/app", "digest": ecr_digest, "region": "us-east-1", "account": "123456789012"}
            bed["ecr_moto"] = self.start_ecr_moto(secret)
            bed["oci11"], bed["oci11_seeded"] = self.start_oci11(ocireg)
            public = self.start_public(fixtures, secret)
            bed["hub"], bed["ghcr"], bed["quay"], bed["gar"] = public["hub"], public["ghcr"], public["quay"], public["gar"]
            import hostile as hostile_module
            bed["hostile_blob_digest"] = hostile_module.BLOB_DIGEST
            bed["hostile_manifest_digest"] = hostile_module.MANIFEST_DIGEST

        with open(os.path.join(self.state, "bed.json"), "w") as f:
            json.dump(bed, f, indent=1)
        summary = ", ".join(f"{k} {bed[k]}" for k in ("anonymous", "basic", "token", "tls", "paging", "hostile", "harbor") if k in bed)
        print(f"testbed: running in {self.state}: {summary}")

    def start_oci11(self, ocireg):
        """An OCI 1.1 registry with the referrers API beside distribution 2.8.3 (which has none):
        go-containerregistry's registry, built by CMake (tests/bed/ocireg)."""
        if not ocireg or not os.access(ocireg, os.X_OK):
            fail(f"the OCI 1.1 registry is not built ({ocireg or 'no --ocireg given'}); build the 'testbed_ocireg' "
                 "target (needs Debian's golang-go and golang-github-google-go-containerregistry-dev)")
        port = self.start_server("registry-oci11", lambda port: [ocireg, str(port)])
        return f"127.0.0.1:{port}", seed.seed_oci11(f"http://127.0.0.1:{port}")

    def start_ecr_moto(self, secret):
        """Amazon ECR as moto_server implements its API (an implementation this team did not write),
        with the bed's real registry behind the ECR host name: over TLS, Basic auth for user AWS and
        the password moto's GetAuthorizationToken hands out."""
        moto = self.start_server("moto", lambda port: ["moto_server", "-H", "127.0.0.1", "-p", str(port)],
                                 path="/moto-api/data.json")
        api = f"http://127.0.0.1:{moto}"
        import boto3
        token = boto3.client("ecr", endpoint_url=api, region_name="us-east-1", aws_access_key_id="AKIDSEEDONLY",
                             aws_secret_access_key="seed-only").get_authorization_token()["authorizationData"][0]
        user, password = base64.b64decode(token["authorizationToken"]).decode().split(":", 1)
        htpasswd = os.path.join(self.state, "htpasswd-ecr")
        with open(htpasswd, "w") as f:
            f.write(run(["htpasswd", "-Bbn", user, password]).stdout)
        storage = os.path.join(self.state, "ecr-storage")
        shutil.rmtree(storage, ignore_errors=True)
        os.makedirs(storage)
        seeder = self.registry("registry-ecr-seed", storage, secret)
        registry = self.registry("registry-ecr", storage, secret, tls={
            "certificate": os.path.join(self.state, "public.pem"), "key": os.path.join(self.state, "public.key")},
            auth={"htpasswd": {"realm": "ecr.amazonaws.com", "path": htpasswd}})
        tags = seed.seed_ecr(f"http://127.0.0.1:{seeder}", api)
        return {"api": api, "host": ECR_HOST, "connect_to": f"{ECR_HOST}:443:127.0.0.1:{registry}", "tags": tags}

    def start_public(self, fixtures, secret):
        """The stand-ins of public registries (Docker Hub, GHCR, Quay) in front of one registry of
        their own, seeded with a user's and three organisations' repositories under each."""
        storage = os.path.join(self.state, "public-storage")
        shutil.rmtree(storage, ignore_errors=True)
        os.makedirs(storage)
        upstream = self.registry("registry-public", storage, secret)
        here = os.path.dirname(os.path.abspath(__file__))
        context = ssl.create_default_context(cafile=os.path.join(self.state, "ca.pem"))
        cert, key = os.path.join(self.state, "public.pem"), os.path.join(self.state, "public.key")

        def start_standin(name, state):
            """Writes the stand-in's state (users, seeded facts) and starts NAME_mock.py on a free port."""
            state_file = os.path.join(self.state, f"{name}-state.json")
            with open(state_file, "w") as f:
                json.dump(state, f)
            return self.start_server(f"{name}-mock", lambda port: [
                sys.executable, os.path.join(here, f"{name}_mock.py"), str(port), f"127.0.0.1:{upstream}",
                os.path.abspath(fixtures), cert, key, state_file], context=context, path="/")

        def pat(prefix):
            return prefix + secrets.token_urlsafe(20)

        hub_layout = seed.seed_hub(f"http://127.0.0.1:{upstream}")
        hub_users = {"berthuser": {"token": pat("dckr_pat_"), "scopes": ["repo:admin"]},
                     "berthreader": {"token": pat("dckr_pat_"), "scopes": ["repo:read"]},
                     "berthshort": {"token": pat("dckr_pat_"), "scopes": ["repo:read"], "token_uses": 1},
                     "berthlimited": {"token": pat("dckr_pat_"), "scopes": ["repo:read"], "pulls": 3}}
        hub_port = start_standin("hub", hub_users)

        ghcr_layout, known = seed.seed_ghcr(f"http://127.0.0.1:{upstream}")
        ghcr_state = {"users": {"ghuser": {"token": pat("ghp_"), "scopes": ["read:packages", "write:packages", "delete:packages"]},
                                "ghreader": {"token": pat("ghp_"), "scopes": ["read:packages"]},
                                "ghnoscope": {"token": pat("ghp_"), "scopes": ["repo"]}},
                      "orgs": ["ghorg1", "ghorg2", "ghorg3"], "known": known}
        ghcr_port = start_standin("ghcr", ghcr_state)
        quay_layout, quay_history, quay_policies = seed.seed_quay(f"http://127.0.0.1:{upstream}")
        quay_state = {"users": {"quayuser": {"token": secrets.token_urlsafe(30), "write": True},
                                "quayreader": {"token": secrets.token_urlsafe(30), "write": False}},
                      "namespaces": sorted(quay_layout), "history": quay_history, "policies": quay_policies}
        quay_port = start_standin("quay", quay_state)
        gar_state = seed.seed_gar(f"http://127.0.0.1:{upstream}")
        gar_port = start_standin("gar", gar_state)
        return {
            "gar": {"port": gar_port, "project": gar_state["project"], "location": gar_state["location"], "images": gar_state["images"],
                    "connect_to": [f"{h}:443:127.0.0.1:{gar_port}" for h in ("accounts.google.com", "oauth2.googleapis.com",
                                                                             "artifactregistry.googleapis.com", "us-docker.pkg.dev",
                                                                             "gcr.io")]},
            "upstream": f"127.0.0.1:{upstream}",
            "quay": {"port": quay_port, "users": quay_state["users"], "layout": quay_layout, "history": quay_history,
                     "connect_to": [f"{h}:443:127.0.0.1:{quay_port}" for h in ("quay.io", "quay.internal.example")]},
            "hub": {"port": hub_port, "users": hub_users, "layout": hub_layout,
                    "connect_to": [f"{h}:443:127.0.0.1:{hub_port}" for h in ("hub.docker.com", "auth.docker.io", "registry-1.docker.io")]},
            "ghcr": {"port": ghcr_port, "users": ghcr_state["users"], "layout": ghcr_layout, "known": known,
                     "connect_to": [f"{h}:443:127.0.0.1:{ghcr_port}" for h in ("ghcr.io", "api.github.com")]},
        }

    def stop(self):
        try:
            with open(self.pids_file) as f:
                entries = [line.split() for line in f if line.strip()]
        except FileNotFoundError:
            entries = []
        for pid, _name in entries:
            try:
                os.killpg(int(pid), signal.SIGTERM)
            except ProcessLookupError:
                pass
        end = time.time() + 5
        for pid, _name in entries:
            while time.time() < end:
                try:
                    os.killpg(int(pid), 0)
                    time.sleep(0.05)
                except ProcessLookupError:
                    break
            else:
                try:
                    os.killpg(int(pid), signal.SIGKILL)
                except ProcessLookupError:
                    pass
        for name in ("pids", "bed.json"):
            try:
                os.remove(os.path.join(self.state, name))
            except FileNotFoundError:
                pass
        print(f"testbed: stopped {len(entries)} servers in {self.state}")


# --- the token issuer -------------------------------------------------------------------------

def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def issuer_main(args):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    key = serialization.load_pem_private_key(open(args.key, "rb").read(), None)
    cert = x509.load_pem_x509_certificate(open(args.cert, "rb").read())
    x5c = [base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()]

    def grant(scope, authenticated):
        # type:name:actions, where the name may hold host:port (split at the first and last ':').
        first, last = scope.find(":"), scope.rfind(":")
        if first < 0 or last <= first:
            return None
        kind, name, actions = scope[:first], scope[first + 1:last], scope[last + 1:].split(",")
        if authenticated:
            allowed = actions
        elif kind == "repository" and name.startswith("public/"):
            allowed = [a for a in actions if a == "pull"]
        else:
            allowed = []
        return {"type": kind, "name": name, "actions": allowed}

    refresh_tokens = {}  # refresh token -> user, for the OAuth2 flow

    def issue(user, scopes):
        access = [g for g in (grant(s, user is not None) for s in scopes) if g]
        now = int(time.time())
        # Tokens for expiring/* live two seconds: the registry rejects them long before a
        # client's 60-second floor ends, which is how expiry looks to a client.
        ttl = 2 if any(a["name"].startswith("expiring/") for a in access) else args.ttl
        claims = {"iss": ISSUER, "sub": user or "", "aud": SERVICE, "exp": now + ttl, "nbf": now - 5,
                  "iat": now, "jti": secrets.token_hex(8), "access": access}
        header_json = {"typ": "JWT", "alg": "RS256", "x5c": x5c}
        signing_input = (b64url(json.dumps(header_json).encode()) + "." + b64url(json.dumps(claims).encode()))
        signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
        return signing_input + "." + b64url(signature), ttl, now

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, fmt, *a):
            sys.stderr.write("issuer: " + (fmt % a) + "\n")

        def do_POST(self):
            # The OAuth2 variant (distribution's oauth.md): password and refresh_token grants.
            if urllib.parse.urlparse(self.path).path != "/token":
                return self.reply(404, {"error": "not found"})
            length = int(self.headers.get("Content-Length", "0") or 0)
            form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode()).items()}
            if form.get("service") != SERVICE or not form.get("client_id"):
                return self.reply(400, {"error": "invalid_request"})
            grant_type = form.get("grant_type")
            if grant_type == "password":
                if form.get("username") != args.user or form.get("password") != args.password:
                    return self.reply(401, {"error": "invalid_grant"})
                user = args.user
            elif grant_type == "refresh_token":
                user = refresh_tokens.get(form.get("refresh_token", ""))
                if user is None:
                    return self.reply(401, {"error": "invalid_grant"})
            else:
                return self.reply(400, {"error": "unsupported_grant_type"})
            token, ttl, now = issue(user, form.get("scope", "").split(" ") if form.get("scope") else [])
            body = {"access_token": token, "expires_in": ttl, "scope": form.get("scope", ""),
                    "issued_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))}
            if grant_type == "password" and form.get("access_type") == "offline":
                refresh = secrets.token_urlsafe(24)
                refresh_tokens[refresh] = user
                body["refresh_token"] = refresh
            self.reply(200, body)

        def reply(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urllib.parse.urlparse(self.path)
            if url.path == "/health":
                return self.reply(200, {"ok": True})
            if url.path != "/token":
                return self.reply(404, {"error": "not found"})
            query = urllib.parse.parse_qs(url.query)
            user = None
            header = self.headers.get("Authorization", "")
            if header.startswith("Basic "):
                try:
                    name, _, password = base64.b64decode(header[6:]).decode().partition(":")
                except Exception:
                    return self.reply(400, {"details": "malformed Basic credentials"})
                if name != args.user or password != args.password:
                    return self.reply(401, {"details": "incorrect username or password"})
                user = name
            if query.get("service", [""])[0] != SERVICE:
                return self.reply(400, {"details": "unknown service"})
            token, ttl, now = issue(user, [s for scopes in query.get("scope", []) for s in scopes.split(" ")])
            issued = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
            self.reply(200, {"token": token, "access_token": token, "expires_in": ttl, "issued_at": issued})

    http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


# --- the paging front -------------------------------------------------------------------------

def pager_main(args):
    upstream_host, upstream_port = args.upstream.rsplit(":", 1)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):
            pass

        def send(self, status, headers, data):
            relay.answer(self, status, headers, data)

        def paged(self, key):
            url = urllib.parse.urlparse(self.path)
            query = urllib.parse.parse_qs(url.query)
            full_path = url.path  # ask upstream for everything
            conn = http.client.HTTPConnection(upstream_host, int(upstream_port), timeout=60)
            conn.request("GET", full_path + ("?n=1000" if key == "repositories" else ""))
            resp = conn.getresponse()
            data = resp.read()
            if resp.status != 200:
                return self.send(resp.status, resp.getheaders(), data)
            doc = json.loads(data)
            items = sorted(doc.get(key) or [])
            n = int(query.get("n", [str(args.page_size)])[0])
            n = min(n, args.page_size)
            last = query.get("last", [None])[0]
            if last is not None:
                items = [i for i in items if i > last]
            page, rest = items[:n], items[n:]
            doc[key] = page
            headers = [("Content-Type", "application/json")]
            if rest and n > 0:
                headers.append(("Link", f'<{url.path}?n={n}&last={urllib.parse.quote(page[-1])}>; rel="next"'))
            self.send(200, headers, json.dumps(doc).encode())

        def handle_method(self):
            path = urllib.parse.urlparse(self.path).path
            if self.command == "GET" and path.endswith("/tags/list"):
                return self.paged("tags")
            if self.command == "GET" and path == "/v2/_catalog":
                return self.paged("repositories")
            resp, data = relay.forward(self, upstream_host, upstream_port)
            self.send(resp.status, resp.getheaders(), data)

        do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = handle_method

    http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("start")
    p.add_argument("state")
    p.add_argument("--only", choices=["anonymous"])
    p.add_argument("--demo", action="store_true", help="the anonymous registry with the demo repositories only")
    p.add_argument("--ocireg", help="the built OCI 1.1 registry (tests/bed/ocireg) for the full bed")
    p = sub.add_parser("stop")
    p.add_argument("state")
    p = sub.add_parser("issuer")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--ttl", type=int, default=300)
    p = sub.add_parser("pager")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--upstream", required=True)
    p.add_argument("--page-size", type=int, default=4)
    args = parser.parse_args()
    if args.command == "start":
        Bed(args.state).start(args.only, args.demo, args.ocireg)
    elif args.command == "stop":
        Bed(args.state).stop()
    elif args.command == "issuer":
        issuer_main(args)
    elif args.command == "pager":
        pager_main(args)


if __name__ == "__main__":
    main()
