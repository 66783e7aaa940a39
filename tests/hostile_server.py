"""A loopback HTTP proxy in front of a sandbox that rewrites the JSON it answers, to play a
MidoNet API whose data is hostile (control characters, lone surrogates, nulls in lists).

    with RewritingProxy(sandbox.url, rewrite) as proxy:
        ... midoshell --midonet-url proxy.url -c "list bridge" ...

`rewrite(path, document)` gets every JSON answer to a GET (except the root document, which
the client needs intact to find its way) and returns the document to send instead.  The
proxy sends the sandbox its own Host and points the links in answers back at itself.
"""

import http.client
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class RewritingProxy:
    def __init__(self, backend_url, rewrite):
        parts = urlsplit(backend_url)
        self.backend = (parts.hostname, parts.port)
        self.backend_base = f"http://{parts.hostname}:{parts.port}"
        self.rewrite = rewrite
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                proxy.forward(self)

            do_POST = do_PUT = do_DELETE = do_GET

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.url = self.base + parts.path
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def forward(self, handler):
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else None
        if body:
            body = body.replace(self.base.encode(), self.backend_base.encode())
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in _HOP_BY_HOP}
        conn = http.client.HTTPConnection(*self.backend, timeout=30)
        try:
            conn.request(handler.command, handler.path, body=body, headers=headers)
            answer = conn.getresponse()
            data = answer.read()
            out_headers = [(k, v) for k, v in answer.getheaders()
                           if k.lower() not in _HOP_BY_HOP]
            status = answer.status
        finally:
            conn.close()
        data = data.replace(self.backend_base.encode(), self.base.encode())
        path = handler.path.split("?")[0]
        if handler.command == "GET" and data and not path.rstrip("/").endswith("midonet-api"):
            document = json.loads(data)
            # ensure_ascii keeps lone surrogates as \ud800 escapes, as a Java server sends them
            data = json.dumps(self.rewrite(path, document)).encode()
        handler.send_response(status)
        for key, value in out_headers:
            if key.lower() == "location":
                value = value.replace(self.backend_base, self.base)
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def each_object(document, change):
    """Apply `change(obj)` to the document if it is an object, or to each object of a list."""
    if isinstance(document, list):
        return [change(item) if isinstance(item, dict) else item for item in document]
    return change(document) if isinstance(document, dict) else document
