"""From settings to an API client: the configured MidoNet API, or the bundled sandbox.

Credentials as shells do them: a user name without a password asks `Password:` (no echo)
when stdin is a terminal, never otherwise; a session that asked (and every interactive one)
logs in before its first command, and a refused password is asked again, three times at most.
"""

import sys
from urllib.parse import unquote, urlsplit, urlunsplit

from midoshell import config
from midoshell.errors import EXIT_USAGE, ConnectError, LoginRefused, MidoError

LOGIN_TRIES = 3


class PasswordNotGiven(MidoError):
    """No password could be asked for, or none was typed."""

    exit_status = EXIT_USAGE


class Connection:
    """A context manager giving the Client; with no URL anywhere, it runs the sandbox.

    interactive: the session will show a prompt (it logs in before the first one).
    ask_password: -p, ask for the password whatever is configured.
    """

    def __init__(self, settings, stderr=None, interactive=False, ask_password=False,
                 stdin=None, environ=None):
        self.settings = settings
        self.stderr = stderr or sys.stderr
        self.stdin = stdin or sys.stdin
        self.environ = environ  # where the sandbox keeps its state (None: os.environ)
        self.interactive = interactive
        self.ask_password = ask_password
        self.sandbox = None

    def __enter__(self):
        from midoshell.client import LOGIN_HINT, Client

        s = self.settings
        urls, url_user, url_password = split_credentials(s.api_url)
        url = urls or self.start_sandbox()
        user = None if s.no_auth or self.sandbox else (s.username or url_user)
        password, asked = self.password(user, url_password)
        hint = "drop -A (--no-auth) to log in" if s.no_auth else LOGIN_HINT
        # the bundled sandbox gets a new port each run: its root document is not worth keeping
        client = Client(url, user, password, s.project_id, verify=tls_verify(s, self.warn),
                        timeout=s.timeout, cache_root=self.sandbox is None, match_cn=s.match_cn,
                        login_hint=hint, notice=self.notice())
        if user and (asked or self.interactive):
            self.log_in(client)
        return client

    # -- credentials ------------------------------------------------------------------------
    def password(self, user, url_password):
        """(password, whether it was asked for) for `user`."""
        s = self.settings
        if not user:
            return None, False
        if self.ask_password:
            return self.ask(), True
        if s.password is not None or url_password is not None:
            return (s.password if s.password is not None else url_password), False
        if config.resolve_password(s) is not None:
            return s.password, False
        if self.can_ask():
            return self.ask(), True
        return None, False

    def can_ask(self):
        try:
            return self.stdin.isatty()
        except (AttributeError, ValueError):
            return False

    def ask(self):
        """The password typed on the terminal (no echo).  Ctrl-C ends midoshell (130)."""
        if not self.can_ask():
            raise PasswordNotGiven(
                "midoshell: cannot ask for the password: stdin is not a terminal (give it with "
                "MIDO_PASSWORD, `password` or `password_command` in the config file)")
        import getpass  # (and termios) only when a password is asked for

        try:
            return getpass.getpass("Password: ")
        except EOFError:
            print(file=self.stderr)
            raise PasswordNotGiven("midoshell: no password given") from None

    def log_in(self, client):
        """Log in now; a refused password is asked again (three tries in all) when a
        terminal is there to ask on."""
        for attempt in range(1, LOGIN_TRIES + 1):
            try:
                with client.deadline():
                    client.login()
                return
            except LoginRefused as error:
                if attempt == LOGIN_TRIES or not self.can_ask():
                    raise
                self.warn(error.message, prefix="")
                client.password = self.ask()

    # -- the sandbox ------------------------------------------------------------------------
    def start_sandbox(self):
        from midoshell.sandbox import start

        state = config.xdg_dir("DATA", self.environ) / "sandbox.db"
        try:
            self.sandbox = start(host="127.0.0.1", port=0, state=str(state))
        except Exception as error:  # noqa: BLE001 - the sandbox says what is wrong
            raise ConnectError(f"the bundled sandbox cannot start: {error}") from None
        self.warn(f"no MidoNet API configured; using the bundled sandbox at {self.sandbox.url} "
                  f"(state in {state})", prefix="")
        return self.sandbox.url

    def notice(self):
        """How the client tells a retry: the default (stderr of the main thread) unless this
        run writes its messages elsewhere."""
        if self.stderr is sys.stderr:
            return None
        return lambda text: print(f"midoshell: {text}", file=self.stderr)

    def warn(self, message, prefix="warning: "):
        print(f"midoshell: {prefix}{message}", file=self.stderr)

    def __exit__(self, *exc):
        if self.sandbox is not None:
            self.sandbox.stop()
        return False


def tls_verify(settings, warn):
    """TLS checks: on by default, against --ca-cert when given; off only when asked (said
    once on stderr, instead of urllib3's warning on every request)."""
    if settings.insecure:
        import urllib3

        urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
        warn("TLS certificates are not verified (--insecure)")
        return False
    if settings.match_cn and "https:" in (settings.api_url or "").lower():
        warn("--match-cn: a certificate naming the host only in its CN is accepted "
             "(the chain is still verified)")
    return settings.ca_cert or True


def split_credentials(api_url):
    """(URLs without user parts, user, password) from `http://user:PW@host/…` URLs: the
    credentials are used to log in and never shown or sent along with every request."""
    if not api_url:
        return api_url, None, None
    user = password = None
    clean = []
    for url in api_url.split(","):
        parts = urlsplit(url.strip())
        if parts.username is not None or "@" in parts.netloc:
            userinfo, _, host = parts.netloc.rpartition("@")
            name, colon, secret = userinfo.partition(":")
            if user is None:
                user = unquote(name) or None
                password = unquote(secret) if colon else None
            parts = parts._replace(netloc=host)
        clean.append(urlunsplit(parts))
    return ",".join(clean), user, password
