#!/usr/bin/env python3
"""A webhook receiver for the watch tests: checks each delivery's HMAC-SHA256 signature
(X-Berth-Signature-256: sha256=<hex> of the body under the shared secret) and writes one JSON
line per attempt to the log: what it answered, whether the signature held, the event's id,
type and tag. The first --fail-first attempts are answered 500 (a receiver having a bad moment).

Usage: webhook_receiver.py --log FILE --secret S [--port P] [--fail-first N]
Prints "listening PORT" on stdout once it accepts connections."""
import argparse
import hashlib
import hmac
import http.server
import json
import sys
import threading


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--fail-first", type=int, default=0)
    args = parser.parse_args()
    lock = threading.Lock()
    state = {"attempts": 0}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
            expected = "sha256=" + hmac.new(args.secret.encode(), body, hashlib.sha256).hexdigest()
            signature_ok = hmac.compare_digest(expected, self.headers.get("X-Berth-Signature-256", ""))
            try:
                event = json.loads(body)
            except ValueError:
                event = {}
            with lock:
                state["attempts"] += 1
                status = 500 if state["attempts"] <= args.fail_first else (200 if signature_ok else 401)
                resource = (event.get("event_data", {}).get("resources") or [{}])[0]
                record = {"status": status, "signature_ok": signature_ok, "id": event.get("id"), "type": event.get("type"),
                          "tag": resource.get("tag"), "digest": resource.get("digest"),
                          "previous_digest": resource.get("previous_digest"),
                          "delivery": self.headers.get("X-Berth-Delivery"), "event_header": self.headers.get("X-Berth-Event")}
                with open(args.log, "a", encoding="utf-8") as log:
                    log.write(json.dumps(record) + "\n")
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"listening {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
