"""Running the sandbox: a threaded werkzeug server on a daemon thread, started and stopped."""

import ssl
import threading

from werkzeug.serving import WSGIRequestHandler, make_server

from .app import ROOT, SandboxApp
from .auth import Authenticator
from .resources.admin import AdminMiddleware
from .seed import seed_hosts
from .store import Store


class _QuietHandler(WSGIRequestHandler):
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
    https:// when a certificate is given.
    """

    def __init__(self, host="127.0.0.1", port=0, state=None, hosts=3, auth="none",
                 user=None, password=None, log_requests=False, poll_interval=0.02,
                 certfile=None, keyfile=None, admin=False):
        authenticator = Authenticator(auth, user, password)
        # Certificates first: a bad one should stop us before the state file is opened.
        context = tls_context(certfile, keyfile) if certfile else None
        self._store = Store(state)
        try:
            seed_hosts(self._store, hosts)
            handler = WSGIRequestHandler if log_requests else _QuietHandler
            app = SandboxApp(self._store, authenticator)
            if admin:  # tests change agent-reported state (host alive, port active)
                app = AdminMiddleware(app, self._store)
            self._server = make_server(host, port, app,
                                       threaded=True, request_handler=handler,
                                       ssl_context=context)
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
          password=None, certfile=None, keyfile=None):
    """Start a sandbox and return it once it is listening (see SandboxServer).

    Raises StateFileError for a state file that is not the sandbox's, OSError for a
    certificate that cannot be loaded.
    """
    return SandboxServer(host=host, port=port, state=state, hosts=hosts, auth=auth,
                         user=user, password=password, certfile=certfile, keyfile=keyfile)
