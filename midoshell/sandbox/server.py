"""Running the sandbox: a threaded werkzeug server on a daemon thread, started and stopped."""

import threading

from werkzeug.serving import WSGIRequestHandler, make_server

from .app import ROOT, SandboxApp
from .auth import Authenticator
from .seed import seed_hosts
from .store import Store


class _QuietHandler(WSGIRequestHandler):
    """Request handler that does not log each request (library use, tests)."""

    def log_request(self, code="-", size="-"):
        pass


class SandboxServer:
    """A listening sandbox. `url` is the API root without a trailing slash."""

    def __init__(self, host="127.0.0.1", port=0, state=None, hosts=3, auth="none",
                 user=None, password=None, log_requests=False, poll_interval=0.02):
        authenticator = Authenticator(auth, user, password)
        self._store = Store(state)
        try:
            seed_hosts(self._store, hosts)
            handler = WSGIRequestHandler if log_requests else _QuietHandler
            self._server = make_server(host, port, SandboxApp(self._store, authenticator),
                                       threaded=True, request_handler=handler)
        except BaseException:
            self._store.close()
            raise
        self.host = host
        self.port = self._server.server_port
        shown = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown}:{self.port}{ROOT}"
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
          password=None):
    """Start a sandbox and return it once it is listening (see SandboxServer)."""
    return SandboxServer(host=host, port=port, state=state, hosts=hosts, auth=auth,
                         user=user, password=password)
