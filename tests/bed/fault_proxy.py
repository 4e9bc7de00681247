#!/usr/bin/env python3
"""A fault-injecting HTTP proxy in front of one of the bed's registries (tests/registry/tst_faults).

Usage: fault_proxy.py --target HOST:PORT [--port P] [--fault RULE]...   (or --tls-alert, see below)
Prints "listening PORT" once it accepts. Requests pass on to the registry unchanged (Host kept, so
the upload URLs the registry hands out point back here) unless a rule matches. A RULE is
KIND:PATTERN[:TIMES[:SKIP]]: PATTERN is a regular expression searched in "METHOD PATH"; the rule
leaves the first SKIP matching requests alone, then fires on the next TIMES (0 = on every one after).
KIND is one of:
  reset     the registry answers; the client gets the headers and half the body, then a TCP reset
            (an answer without a body is lost whole: the registry acted, the client never hears)
  drop      the request never reaches the registry: the connection is reset at once (a cable cut)
  stall     the registry answers; the client gets the headers and half the body, then nothing, ever
  slow      the answer trickles at 1 KB/s
  503       503 Service Unavailable in the registry's error format, without asking the registry
  429       429 Too Many Requests with Retry-After: 1
  chunked   the answer goes out chunked, and the connection closes before the last chunk
--tls-alert: answers every TLS ClientHello with a handshake_failure alert (a TLS handshake that fails).
GET /_faults answers how often each rule fired: {"fired": [n, ...]}.
"""
import argparse
import http.client
import http.server
import json
import re
import socket
import socketserver
import struct
import sys
import threading
import time

HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "date", "server"}


class Rule:
    def __init__(self, text):
        # KIND:PATTERN[:TIMES[:SKIP]], the numbers peeled off the end (patterns hold colons: sha256:).
        kind, _, rest = text.partition(":")
        parts = re.fullmatch(r"(.+?)(?::(\d+))?(?::(\d+))?", rest)
        if not kind or not parts:
            raise SystemExit(f"fault_proxy: bad rule {text!r}")
        self.kind = kind
        self.pattern = re.compile(parts.group(1))
        self.times = int(parts.group(2)) if parts.group(2) else 1
        self.skip = int(parts.group(3)) if parts.group(3) else 0
        self.matched = 0
        self.fired = 0

    def applies(self, what):
        """Counts a matching request; True when this one is to be faulted."""
        if not self.pattern.search(what):
            return False
        self.matched += 1
        if self.matched <= self.skip:
            return False
        if self.times and self.matched > self.skip + self.times:
            return False
        self.fired += 1
        return True


RULES = []
LOCK = threading.Lock()
TARGET = ("127.0.0.1", 0)


def reset(sock):
    # SO_LINGER with a zero timeout turns close() into a RST.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("fault_proxy: " + fmt % args + "\n")

    def handle_one(self):
        if self.path == "/_faults":
            body = json.dumps({"fired": [r.fired for r in RULES]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        length = int(self.headers.get("Content-Length", "0") or 0)
        body = self.rfile.read(length) if length else None
        what = f"{self.command} {self.path}"
        with LOCK:
            fault = next((r.kind for r in RULES if r.applies(what)), None)
        if fault:
            self.log_message("%s on %s", fault, what)
        if fault == "drop":
            reset(self.connection)
            self.close_connection = True
            return
        if fault in ("503", "429"):
            status = int(fault)
            error = {"errors": [{"code": "UNAVAILABLE" if status == 503 else "TOOMANYREQUESTS",
                                 "message": "injected fault", "detail": None}]}
            data = json.dumps(error).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            if status == 429:
                self.send_header("Retry-After", "1")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return

        conn = http.client.HTTPConnection(*TARGET, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
        conn.request(self.command, self.path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        if fault == "reset" and (not data or self.command == "HEAD"):
            # Nothing to cut in half: the whole answer is lost, after the registry acted on it.
            reset(self.connection)
            self.close_connection = True
            return
        self.send_response(resp.status)
        for k, v in resp.getheaders():
            if k.lower() not in HOP_HEADERS:
                self.send_header(k, v)
        if fault == "chunked":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            half = data[: max(1, len(data) // 2)]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(half), half))
            self.wfile.flush()
            time.sleep(0.05)
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command == "HEAD":
            return
        if fault in ("reset", "stall"):
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            if fault == "stall":
                time.sleep(3600)
            time.sleep(0.05)
            reset(self.connection)
            self.close_connection = True
            return
        if fault == "slow":
            for i in range(0, len(data), 128):
                self.wfile.write(data[i:i + 128])
                self.wfile.flush()
                time.sleep(0.125)  # 128 bytes per 1/8 s: 1 KB/s
            return
        self.wfile.write(data)

    def handle_one_request(self):
        # As the base class, with the answer ours; a client that went away ends the connection.
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if not self.raw_requestline:
                self.close_connection = True
                return
            if not self.parse_request():
                return
            self.handle_one()
            self.wfile.flush()
        except (ConnectionError, OSError):
            self.close_connection = True


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class TlsAlert(socketserver.BaseRequestHandler):
    def handle(self):
        try:
            self.request.recv(16384)  # the ClientHello
            # A fatal handshake_failure alert (TLS record 21, version 3.3, level 2, description 40).
            self.request.sendall(bytes([21, 3, 3, 0, 2, 2, 40]))
        except OSError:
            pass


class TlsServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    global TARGET
    parser = argparse.ArgumentParser()
    parser.add_argument("--target")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--fault", action="append", default=[])
    parser.add_argument("--tls-alert", action="store_true")
    args = parser.parse_args()
    if args.tls_alert:
        server = TlsServer(("127.0.0.1", args.port), TlsAlert)
    else:
        host, port = args.target.rsplit(":", 1)
        TARGET = (host, int(port))
        RULES.extend(Rule(text) for text in args.fault)
        server = Server(("127.0.0.1", args.port), Handler)
    print(f"listening {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
