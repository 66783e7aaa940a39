"""Running the sandbox: a threaded werkzeug server on a daemon thread, started and stopped."""

import json
import ssl
import sys
import threading

from werkzeug.serving import WSGIRequestHandler, make_server

from .app import ROOT, SandboxApp
from . import media
from .auth import Authenticator
from .browsers import Cors, HostCheck
from .framing import mark_framing
from .presets import apply as apply_preset
from .resources.admin import AdminMiddleware
from .seed import seed_hosts
from .store import Store


class _Handler(WSGIRequestHandler):
    """werkzeug's request handler, with an idle timeout and framing checks for the app."""

    # A connection that sends nothing (or stops sending headers) is dropped after this
    # long; it never holds a lock, only its own thread.
    timeout = 30

    def make_environ(self):
        environ = super().make_environ()
        mark_framing(environ, self.headers)
        return environ

    def send_error(self, code, message=None, explain=None):
        """http.server's own refusals (a bad request line, headers too long, ...) in
        MidoNet's JSON error shape instead of an HTML page."""
        self.log_error("code %d, message %s", code, message)
        if self.request_version == "HTTP/0.9":  # an unreadable request line: answer in 1.0
            self.request_version = "HTTP/1.0"
        body = json.dumps({"message": message or self.responses.get(code, ("Error",))[0],
                           "code": code}).encode()
        self.send_response(code, message)
        self.send_header("Content-Type", media.ERROR)
        self.send_header("Connection", "close")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.close_connection = True
        if self.command != "HEAD" and code >= 200 and code not in (204, 304):
            self.wfile.write(body)

    def log_request(self, code="-", size="-"):
        if sys.stderr.isatty():  # werkzeug colours the line by status
            super().log_request(code, size)
            return
        line = getattr(self, "requestline", "").translate(self._control_char_table)
        self.log("info", '"%s" %s %s', line, code, size)


class _QuietHandler(_Handler):
    """Request handler that does not log each request (library use, tests)."""

    def log_request(self, code="-", size="-"):
        pass


class _HandshakeInWorker(ssl.SSLContext):
    """TLS context whose handshakes run in the request's worker thread, not in accept().

    werkzeug wraps the listening socket; with the default, accept() (on the one serving
    thread) waits for each handshake, so one client that connects and sends nothing
    would stall every other client.
    """

    def wrap_socket(self, sock, server_side=False, **kwargs):
        kwargs["do_handshake_on_connect"] = False
        return super().wrap_socket(sock, server_side=server_side, **kwargs)


def tls_context(certfile, keyfile=None):
    """A server TLS context for a PEM certificate (chain) and key (or both in `certfile`)."""
    context = _HandshakeInWorker(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(certfile, keyfile)
    except ssl.SSLError as exc:
        raise OSError(f"cannot load TLS certificate {_files(certfile, keyfile)}: not a usable "
                      f"PEM certificate and private key ({exc})") from None
    except OSError as exc:
        raise OSError(f"cannot load TLS certificate {_files(certfile, keyfile)}: "
                      f"{exc.strerror or exc}") from None
    return context


def _files(certfile, keyfile):
    return f"{certfile} (key {keyfile})" if keyfile else certfile


class SandboxServer:
    """A listening sandbox. `url` is the API root without a trailing slash; it starts with
    https:// when a certificate is given.  It answers only requests whose Host names its
    address or a name in `allow_hosts` (421 otherwise); `cors` lists the web origins allowed to use it ("*": any);
    `preset` names a starting state (presets.PRESETS), e.g. "packstack".
    """

    def __init__(self, host="127.0.0.1", port=0, state=None, hosts=3, auth="none",
                 user=None, password=None, log_requests=False, poll_interval=0.02,
                 certfile=None, keyfile=None, cors=(), preset=None, allow_hosts=(),
                 admin=False):
        authenticator = Authenticator(auth, user, password)
        # Certificates first: a bad one should stop us before the state file is opened.
        context = tls_context(certfile, keyfile) if certfile else None
        self._store = Store(state)
        try:
            seed_hosts(self._store, hosts)
            handler = _Handler if log_requests else _QuietHandler
            app = SandboxApp(self._store, authenticator, cors=Cors(cors))
            if preset:
                apply_preset(preset, app, self._store)
            served = AdminMiddleware(app, self._store) if admin else app  # tests only
            self._server = make_server(host, port, served, threaded=True,
                                       request_handler=handler, ssl_context=context)
            # Known only once bound (port 0 picks one): Hosts that name this address.
            app.host_check = HostCheck(host, self._server.server_port,
                                       "https" if context else "http", allow_hosts)
        except BaseException:
            self._store.close()
            raise
        self.host = host
        self.port = self._server.server_port
        shown = f"[{host}]" if ":" in host else host
        scheme = "https" if context else "http"
        self.url = f"{scheme}://{shown}:{self.port}{ROOT}"
        # stop() waits up to one poll interval; test suites that start a sandbox per test
        # want that short, a long-running CLI server would rather wake up less often.
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        args=(poll_interval,),
                                        name="midoshell-sandbox", daemon=True)
        self._thread.start()

    def stop(self):
        """Stop serving, release the socket and close the store. Safe to call twice."""
        if self._thread is None:
            return
        self._server.shutdown()
        self._thread.join()
        self._server.server_close()
        self._store.close()
        self._thread = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def start(host="127.0.0.1", port=0, state=None, hosts=3, auth="none", user=None,
          password=None, certfile=None, keyfile=None, cors=(), preset=None, allow_hosts=()):
    """Start a sandbox and return it once it is listening (see SandboxServer).

    Raises StateFileError for a state file that is not the sandbox's, OSError for a
    certificate that cannot be loaded.
    """
    return SandboxServer(host=host, port=port, state=state, hosts=hosts, auth=auth,
                         user=user, password=password, certfile=certfile, keyfile=keyfile,
                         cors=cors, preset=preset, allow_hosts=allow_hosts)
