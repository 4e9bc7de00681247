#!/usr/bin/env python3
"""A broken and hostile registry, for the tests of what Berth does with bad answers.

Serves /v2/ like a registry, and under /v2/h/<case>/... one misbehaviour per case:
  notjson      tag list that is not JSON            truncated   body shorter than Content-Length
  nochallenge  401 without WWW-Authenticate         ratelimited 429 + Retry-After: 1 once, then fine
  limited      429 + Retry-After: 3600 always       flaky       503 once, then fine
  mismatch     manifest whose Docker-Content-Digest lies, and wrong bytes for a digest
  huge         a 5 MiB manifest                     badblob     a blob whose bytes do not match its digest
  badimage     an image whose layer's bytes (of the right length) do not match its digest
  redirect     a blob answered with 307 to another loopback host (127.0.0.2), which refuses any
               request that carries Authorization; needs Basic auth on this host
  loop         a tag list whose next-page Link points back to itself
  counted      a tag list with Docker Hub's ratelimit-limit / ratelimit-remaining headers
Everything else is 404 in the registry's error format.
"""
import hashlib
import http.server
import json
import socket
import sys
import threading

GOOD_LIST = {"name": "h/x", "tags": ["1.0", "2.0"]}
BLOB = b"the real blob content\n" * 100
BLOB_DIGEST = "sha256:" + hashlib.sha256(BLOB).hexdigest()
MANIFEST = json.dumps({
    "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": 2,
               "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},
    "layers": []}).encode()
MANIFEST_DIGEST = "sha256:" + hashlib.sha256(MANIFEST).hexdigest()
EMPTY_DIGEST = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
# An image whose one layer is served with bytes of the right length that do not match its digest.
BAD_IMAGE = json.dumps({
    "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": 2, "digest": EMPTY_DIGEST},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "size": len(BLOB), "digest": BLOB_DIGEST}]}).encode()
counters = {}
lock = threading.Lock()


def once(key):
    with lock:
        counters[key] = counters.get(key, 0) + 1
        return counters[key] == 1


def make_handler(storage_port):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):
            pass

        def reply(self, status, body=b"", headers=(), length=None):
            self.send_response(status)
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def error(self, status, code, message, headers=()):
            body = json.dumps({"errors": [{"code": code, "message": message}]}).encode()
            self.reply(status, body, [("Content-Type", "application/json")] + list(headers))

        def do_GET(self):
            path = self.path.split("?")[0]
            if path == "/v2/":
                return self.reply(200, b"{}", [("Docker-Distribution-API-Version", "registry/2.0")])
            parts = path.split("/")
            if len(parts) < 5 or parts[2] != "h":
                return self.error(404, "NAME_UNKNOWN", "repository name not known to registry")
            case = parts[3]
            rest = "/".join(parts[4:])
            if case == "notjson" and rest == "tags/list":
                return self.reply(200, b"<html>this is not json</html>", [("Content-Type", "application/json")])
            if case == "truncated" and rest == "tags/list":
                self.reply(200, json.dumps(GOOD_LIST).encode()[:10], [("Content-Type", "application/json")], length=400)
                self.close_connection = True
                return
            if case == "nochallenge":
                return self.error(401, "UNAUTHORIZED", "authentication required")
            if case == "ratelimited" and rest == "tags/list":
                if once("ratelimited"):
                    return self.error(429, "TOOMANYREQUESTS", "slow down", [("Retry-After", "1")])
                return self.reply(200, json.dumps(GOOD_LIST).encode(), [("Content-Type", "application/json")])
            if case == "counted" and rest == "tags/list":  # Docker Hub's pull-limit headers
                return self.reply(200, json.dumps(GOOD_LIST).encode(), [("Content-Type", "application/json"),
                                  ("ratelimit-limit", "100;w=21600"), ("ratelimit-remaining", "76;w=21600")])
            if case == "limited":
                return self.error(429, "TOOMANYREQUESTS", "pull rate limit reached", [("Retry-After", "3600")])
            if case == "flaky" and rest == "tags/list":
                if once("flaky"):
                    return self.reply(503, b"busy")
                return self.reply(200, json.dumps(GOOD_LIST).encode(), [("Content-Type", "application/json")])
            if case == "loop" and rest == "tags/list":
                return self.reply(200, json.dumps(GOOD_LIST).encode(),
                                  [("Content-Type", "application/json"), ("Link", f'<{path}>; rel="next"')])
            if case == "mismatch" and rest.startswith("manifests/"):
                ref = rest.split("/", 1)[1]
                lie = "sha256:" + "0" * 64
                if ref.startswith("sha256:"):  # bytes that are not what the digest names
                    return self.reply(200, MANIFEST, [("Content-Type", "application/vnd.oci.image.manifest.v1+json")])
                return self.reply(200, MANIFEST, [("Content-Type", "application/vnd.oci.image.manifest.v1+json"),
                                                  ("Docker-Content-Digest", lie)])
            if case == "huge" and rest.startswith("manifests/"):
                body = b'{"schemaVersion":2,"padding":"' + b"x" * (5 * 1024 * 1024) + b'"}'
                return self.reply(200, body, [("Content-Type", "application/vnd.oci.image.manifest.v1+json")])
            if case == "badimage":
                if rest.startswith("manifests/"):
                    return self.reply(200, BAD_IMAGE, [("Content-Type", "application/vnd.oci.image.manifest.v1+json"),
                                                       ("Docker-Content-Digest", "sha256:" + hashlib.sha256(BAD_IMAGE).hexdigest())])
                if rest == f"blobs/{EMPTY_DIGEST}":
                    return self.reply(200, b"{}", [("Content-Type", "application/octet-stream")])
                if rest.startswith("blobs/"):
                    return self.reply(200, BLOB[:-8] + b"tampered", [("Content-Type", "application/octet-stream")])
            if case == "badblob" and rest.startswith("blobs/"):
                return self.reply(200, BLOB + b"tampered", [("Content-Type", "application/octet-stream")])
            if case == "redirect" and rest.startswith("blobs/"):
                if not self.headers.get("Authorization", "").startswith("Basic "):
                    return self.error(401, "UNAUTHORIZED", "authentication required",
                                      [("WWW-Authenticate", 'Basic realm="hostile"')])
                return self.reply(307, b"", [("Location", f"http://127.0.0.2:{storage_port}/object/blob")])
            return self.error(404, "MANIFEST_UNKNOWN", "manifest unknown")

        do_HEAD = do_GET

    return Handler


class StorageHandler(http.server.BaseHTTPRequestHandler):
    """Object storage on another host: the signed URL is the credential, Authorization is a leak."""
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *a):
        pass

    def do_GET(self):
        if "Authorization" in self.headers:
            body = b"credentials leaked to the storage host"
            self.send_response(400)
        else:
            body = BLOB
            self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    port = int(sys.argv[1])
    storage = http.server.ThreadingHTTPServer(("127.0.0.2", 0), StorageHandler)
    threading.Thread(target=storage.serve_forever, daemon=True).start()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), make_handler(storage.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
