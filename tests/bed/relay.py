"""What the test bed's fronts (the paging front, the Harbor stand-in) share: passing a request on to
the real registry behind them, and passing its answer back."""
import http.client

# Headers of one hop that the front sets itself.
HOP_HEADERS = ("content-length", "connection", "transfer-encoding", "date", "server")


def forward(handler, host, port, drop=("host", "connection")):
    """The handler's request, sent on to host:port without the headers in `drop`: (response, body)."""
    length = int(handler.headers.get("Content-Length", "0") or 0)
    body = handler.rfile.read(length) if length else None
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    headers = {k: v for k, v in handler.headers.items() if k.lower() not in drop}
    conn.request(handler.command, handler.path, body=body, headers=headers)
    resp = conn.getresponse()
    return resp, resp.read()


def answer(handler, status, headers, data):
    """Answers with `data` and the upstream's headers, less those of its own hop."""
    handler.send_response(status)
    for k, v in headers:
        if k.lower() not in HOP_HEADERS:
            handler.send_header(k, v)
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(data)
