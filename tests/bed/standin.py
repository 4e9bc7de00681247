"""What the public registries' stand-ins (hub_mock.py, ghcr_mock.py) share: the real registry
behind them, JSON answers, fixed dates and serving HTTPS under the real host names."""
import datetime
import hashlib
import http.client
import http.server
import json
import os
import socket
import ssl
import sys
import time

MANIFEST_TYPES = ", ".join(["application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
                            "application/vnd.docker.distribution.manifest.v2+json",
                            "application/vnd.docker.distribution.manifest.list.v2+json"])
INDEX_TYPES = ("application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json")


def fixed_time(*parts, days=300):
    """A time in 2026 that depends only on `parts`, with microseconds."""
    h = int(hashlib.sha256("/".join(parts).encode()).hexdigest(), 16)
    base = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    return base + datetime.timedelta(seconds=h % (days * 86400), microseconds=(h >> 64) % 1000000)


def stable_id(*parts):
    return int(hashlib.sha1("/".join(parts).encode()).hexdigest()[:8], 16)


class Upstream:
    """The real docker-registry behind a stand-in (anonymous, plain HTTP on loopback)."""

    def __init__(self, address):
        self.host, self.port = address.rsplit(":", 1)

    def get(self, method, path, accept=MANIFEST_TYPES):
        conn = http.client.HTTPConnection(self.host, int(self.port), timeout=60)
        conn.request(method, path, headers={"Accept": accept})
        resp = conn.getresponse()
        return resp, resp.read()

    def catalog(self):
        names, path = [], "/v2/_catalog?n=1000"
        while path:
            resp, body = self.get("GET", path)
            names += json.loads(body).get("repositories") or []
            link = resp.getheader("Link")
            path = link.split(";")[0].strip("<> ") if link else None
        return names

    def tags(self, repo):
        resp, body = self.get("GET", f"/v2/{repo}/tags/list")
        return sorted(json.loads(body).get("tags") or []) if resp.status == 200 else None

    def manifest(self, repo, reference):
        """(digest, media type, parsed manifest), or None."""
        resp, body = self.get("GET", f"/v2/{repo}/manifests/{reference}")
        if resp.status != 200:
            return None
        return resp.getheader("Docker-Content-Digest"), resp.getheader("Content-Type"), json.loads(body)


class JsonHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # As web servers do: without it, Nagle and the client's delayed ACK hold a page's last
        # segment for 40 ms, and the benchmarks would measure that instead of the clients.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, fmt, *args):
        if os.environ.get("STANDIN_LOG"):  # what a client asked, for debugging a benchmark
            sys.stderr.write(f"{time.monotonic():.4f} {fmt % args}\n")

    def host(self):
        return (self.headers.get("Host") or "").split(":")[0]

    def send_json(self, status, obj, headers=()):
        data = json.dumps(obj).encode() if obj is not None else b""
        self.send_response(status)
        if obj is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def bearer(self):
        auth = self.headers.get("Authorization") or ""
        return auth[7:] if auth.startswith("Bearer ") else None

    def registry_error(self, status, code, message, headers=()):
        self.send_json(status, {"errors": [{"code": code, "message": message, "detail": None}]}, headers)


def serve_tls(port, cert, key, handler):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.serve_forever()
