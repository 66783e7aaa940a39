"""Login and per-request token checks: MidoNet's mock provider, or one user with a password."""

import base64
import binascii
import datetime
import json
import secrets
import threading

from werkzeug.wrappers import Response

from . import media
from .errors import ApiError

MOCK_TOKEN = "00000000"
TOKEN_LIFETIME = datetime.timedelta(hours=1)
_CHALLENGE = {"WWW-Authenticate": 'Basic  realm="BASIC_AUTH_REALM"'}  # two spaces, as sent
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _cookie_date(when):
    """Java's `EEE, dd-MM-yyyy HH:mm:ss z` in UTC, independent of the C locale."""
    return f"{_DAYS[when.weekday()]}, {when:%d-%m-%Y %H:%M:%S} UTC"


def _unauthorized(message, challenge=True):
    return ApiError(401, message, headers=_CHALLENGE if challenge else None, charset=True)


def _credentials(header):
    """(user, password) from an `Authorization: Basic` header, with the login filter's 401s."""
    if not header:
        raise _unauthorized("Authorization header is not set.")
    if not header[:6].lower() == "basic ":
        raise _unauthorized("Authorization header does not contain Basic.")
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise _unauthorized("Authorization header is not valid") from None
    # Java's split(":") drops trailing empty parts: "u:" is one part, "a:b:c" three.
    parts = decoded.split(":")
    while parts and parts[-1] == "":
        parts.pop()
    if len(parts) != 2:
        raise _unauthorized("Authorization header is not valid")
    return parts[0], parts[1]


class Authenticator:
    """Issues and checks tokens. Tokens live in memory: a restart logs everyone out."""

    def __init__(self, mode="none", user=None, password=None):
        if mode not in ("none", "password"):
            raise ValueError(f"unknown auth mode {mode!r}")
        if mode == "password" and (not user or not password):
            raise ValueError("auth 'password' needs a user and a password")
        self.mode = mode
        self.user = user
        self.password = password
        self._tokens = {}  # token -> expiry (aware UTC datetime)
        self._lock = threading.Lock()

    def login(self, request):
        """Answer `POST /login`: a token in Set-Cookie and in a Token-v1 body."""
        if self.mode == "none":
            return self._token_response(MOCK_TOKEN, None)
        user, password = _credentials(request.headers.get("Authorization"))
        if (user, password) != (self.user, self.password):
            raise _unauthorized("Invalid username or password.")
        token = secrets.token_hex(16)
        expires = datetime.datetime.now(datetime.timezone.utc) + TOKEN_LIFETIME
        with self._lock:
            self._tokens[token] = expires
        return self._token_response(token, _cookie_date(expires))

    @staticmethod
    def _token_response(token, expires):
        cookie = f"sessionId={token}" + (f"; Expires={expires}" if expires else "")
        resp = Response(json.dumps({"key": token, "expires": expires}), status=200,
                        content_type=media.TOKEN + ";charset=UTF-8")
        resp.headers["Set-Cookie"] = cookie
        return resp

    def authorize(self, request):
        """Raise 401 unless the request may proceed (always may, in mock mode)."""
        if self.mode == "none":
            return
        token = request.headers.get("X-Auth-Token")
        now = datetime.datetime.now(datetime.timezone.utc)
        with self._lock:
            expires = self._tokens.get(token)
            if expires is not None and expires <= now:
                del self._tokens[token]
                expires = None
        if expires is None:
            raise _unauthorized("Authentication error")
