"""Settings from ~/.midonetrc [cli], MIDO_* variables and flags, in midonet-cli's precedence."""

import configparser
import os
from dataclasses import dataclass, fields
from pathlib import Path

RC_KEYS = {  # ~/.midonetrc key -> setting
    "api_url": "api_url", "username": "username", "password": "password",
    "project_id": "project_id", "tenant": "tenant",
    "disable_ssl_certificate_validation": "insecure",
}
ENV_KEYS = {
    "MIDO_API_URL": "api_url", "MIDO_USER": "username", "MIDO_PASSWORD": "password",
    "MIDO_PROJECT_ID": "project_id", "MIDO_TENANT": "tenant",
    "MIDO_DISABLE_SSL_CERTIFICATE_VALIDATION": "insecure",
}


@dataclass
class Settings:
    api_url: str = None
    username: str = None
    password: str = None
    project_id: str = None
    tenant: str = None
    insecure: bool = False
    no_auth: bool = False

    def merge(self, values):
        for name, value in values.items():
            if value is None:
                continue
            if name == "insecure" and isinstance(value, str):
                value = value.strip().lower() == "true"
            setattr(self, name, value)


def read_midonetrc(home):
    """The [cli] section of ~/.midonetrc.  A file without a section header (as some install
    guides wrote it) is read as if it were all [cli]; `%` in a password is kept literally."""
    path = Path(home) / ".midonetrc"
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    parser = _parse_ini(text)
    if parser is None or not parser.has_section("cli"):
        return {}
    return {RC_KEYS[k]: v.strip() for k, v in parser.items("cli") if k in RC_KEYS and v.strip()}


def _parse_ini(text):
    """The parsed file, or None when it is not INI at all (ignored, as midonet-cli did)."""
    for attempt in (text, "[cli]\n" + text):
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read_string(attempt)
            return parser
        except configparser.MissingSectionHeaderError:
            continue
        except configparser.Error:
            return None
    return None


def from_environment(environ):
    return {setting: environ[var] for var, setting in ENV_KEYS.items() if environ.get(var)}


def load(flags, environ=None, home=None):
    """Settings: defaults < ~/.midonetrc < MIDO_* environment < command-line flags."""
    environ = os.environ if environ is None else environ
    home = home or environ.get("HOME") or os.path.expanduser("~")
    settings = Settings()
    settings.merge(read_midonetrc(home))
    settings.merge(from_environment(environ))
    settings.merge({f.name: flags.get(f.name) for f in fields(Settings)})
    return settings


def xdg_dir(kind, environ=None):
    """$XDG_<KIND>_HOME/midoshell (data, state, config), made private (0700) on first use."""
    environ = os.environ if environ is None else environ
    defaults = {"DATA": ".local/share", "STATE": ".local/state", "CONFIG": ".config"}
    base = environ.get(f"XDG_{kind}_HOME") or os.path.join(
        environ.get("HOME") or os.path.expanduser("~"), defaults[kind])
    path = Path(base) / "midoshell"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path
