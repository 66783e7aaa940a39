"""From settings to an API client: the configured MidoNet API, or the bundled sandbox."""

import sys

from midoshell import config
from midoshell.errors import ConnectError


class Connection:
    """A context manager giving the Client; with no URL anywhere, it runs the sandbox."""

    def __init__(self, settings, stderr=None):
        self.settings = settings
        self.stderr = stderr or sys.stderr
        self.sandbox = None

    def __enter__(self):
        from midoshell.client import Client

        s = self.settings
        url = s.api_url or self.start_sandbox()
        login_user = None if s.no_auth else s.username
        if login_user:
            config.resolve_password(s)
        # the bundled sandbox gets a new port each run: its root document is not worth keeping
        return Client(url, login_user, s.password, s.project_id, verify=self.verify(),
                      timeout=s.timeout, cache_root=self.sandbox is None)

    def verify(self):
        """TLS checks: on by default, against --ca-cert when given; off only when asked."""
        s = self.settings
        if s.insecure:
            import urllib3

            urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
            self.warn("TLS certificates are not verified (--insecure)")
            return False
        return s.ca_cert or True

    def start_sandbox(self):
        from midoshell.sandbox import start

        state = config.xdg_dir("DATA") / "sandbox.db"
        try:
            self.sandbox = start(host="127.0.0.1", port=0, state=str(state))
        except Exception as error:  # noqa: BLE001 - the sandbox says what is wrong
            raise ConnectError(f"the bundled sandbox cannot start: {error}") from None
        self.warn(f"no MidoNet API configured; using the bundled sandbox at {self.sandbox.url} "
                  f"(state in {state})", prefix="")
        return self.sandbox.url

    def warn(self, message, prefix="warning: "):
        print(f"midoshell: {prefix}{message}", file=self.stderr)

    def __exit__(self, *exc):
        if self.sandbox is not None:
            self.sandbox.stop()
        return False
