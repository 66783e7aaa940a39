"""Settings: defaults < ~/.midonetrc [cli] < config file profile < MIDO_* environment < flags.

~/.midonetrc is midonet-cli's file and stays compatible.  midoshell's own file,
$XDG_CONFIG_HOME/midoshell/config, is INI with a [default] section and [profile NAME]
sections (chosen with --profile or MIDOSHELL_PROFILE), and knows more keys.
"""

import math
import os
import stat

from midoshell.records import dataclass, field, fields

RC_KEYS = {  # ~/.midonetrc key -> setting
    "api_url": "api_url", "username": "username", "password": "password",
    "project_id": "project_id", "tenant": "tenant",
    "disable_ssl_certificate_validation": "insecure",
}
CONFIG_KEYS = {  # midoshell config file key -> setting
    "api_url": "api_url", "username": "username", "password": "password",
    "password_command": "password_command", "project_id": "project_id", "tenant": "tenant",
    "insecure": "insecure", "ca_cert": "ca_cert", "timeout": "timeout", "output": "output",
    "pager": "pager", "vi": "vi", "match_cn": "match_cn",
}
ENV_KEYS = {
    "MIDO_API_URL": "api_url", "MIDO_USER": "username", "MIDO_PASSWORD": "password",
    "MIDO_PROJECT_ID": "project_id", "MIDO_TENANT": "tenant",
    "MIDO_DISABLE_SSL_CERTIFICATE_VALIDATION": "insecure",
}
SECRETS = ("password",)
BOOLEANS = ("insecure", "vi", "match_cn", "no_auth")
MAX_TIMEOUT = 1_000_000  # seconds; the system's clocks and sockets take no more
TRUE, FALSE = ("true", "yes", "1", "on"), ("false", "no", "0", "off")
# How a setting is given on the command line, for messages that say where a value came from.
FLAGS = {"api_url": "--midonet-url", "username": "--user", "project_id": "--project-id",
         "tenant": "--tenant", "insecure": "--disable_ssl_certificate_validation",
         "no_auth": "--no-auth",
         "ca_cert": "--ca-cert", "timeout": "--timeout", "output": "--output", "vi": "--vi",
         "match_cn": "--match-cn", "profile": "--profile"}
ENV_NAMES = {setting: var for var, setting in ENV_KEYS.items()}
RC_NAMES = {setting: key for key, setting in RC_KEYS.items()}


@dataclass
class Settings:
    api_url: str = None
    username: str = None
    password: str = None
    password_command: str = None
    project_id: str = None
    tenant: str = None
    insecure: bool = False
    match_cn: bool = False
    no_auth: bool = False
    ca_cert: str = None
    timeout: float = 30.0
    output: str = "text"
    pager: str = None
    vi: bool = False
    profile: str = None
    sources: dict = field(default_factory=dict, repr=False, compare=False)
    warnings: list = field(default_factory=list, repr=False, compare=False)

    def merge(self, values, source):
        """Take `values` (setting -> text) from `source`; a value that cannot be used is a
        ConfigError naming where it was given."""
        for name, value in values.items():
            if value is None or name not in _NAMES:
                continue
            setattr(self, name, checked(name, value, where(source, name)))
            self.sources[name] = source

    def shown(self, sandbox_state=None):
        """`--show-config`: every setting, its value (secrets masked) and where it came from;
        with no API URL, that the bundled sandbox will be used and where its state is."""
        from midoshell.masking import mask_url

        lines = []
        for f in fields(self):
            if f.name in ("sources", "warnings"):
                continue
            value = getattr(self, f.name)
            if f.name in SECRETS and value:
                value = "********"
            elif f.name == "api_url":
                value = mask_url(value)
            source = self.sources.get(f.name, "default")
            lines.append(f"{f.name:<17} {'' if value is None else value!s:<40} ({source})")
        if not self.api_url:
            lines.append("no MidoNet API URL is configured: midoshell will use its bundled "
                         f"sandbox, with its state in {sandbox_state or sandbox_state_path()}")
        return lines


def where(source, name):
    """How a user finds the value: `--timeout`, `MIDO_API_URL`, `FILE [profile x]: timeout`."""
    if source == "command line":
        return FLAGS.get(name, name)
    if source == "environment":
        return ENV_NAMES.get(name, "the environment")
    if source == "~/.midonetrc":
        return f"{source}: {RC_NAMES.get(name, name)}"
    return f"{source}: {name}"


def checked(name, value, place):
    """`value` (text from a file or the environment, or a flag's value) as the setting
    needs it; ConfigError saying `place` when it cannot be."""
    if name in BOOLEANS and isinstance(value, str):
        word = value.strip().lower()
        if word not in TRUE + FALSE:
            raise ConfigError(f"{place}: {value!r} is not true or false")
        return word in TRUE
    if name == "timeout":
        return _seconds(value, place)
    if name == "output":
        from midoshell.formats import FORMATS

        if value not in FORMATS:
            raise ConfigError(f"{place}: unknown output format {value!r} "
                              f"(one of {', '.join(FORMATS)})")
    if name == "ca_cert" and not os.path.exists(os.path.expanduser(value)):
        raise ConfigError(f"{place}: no such file: {value}")  # a file, or a c_rehash'd directory
    if name == "ca_cert":
        return os.path.expanduser(value)
    if name == "api_url":
        check_api_url(value, place)
    return value


def _seconds(value, place):
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{place}: {value!r} is not a number of seconds") from None
    if not math.isfinite(seconds) or not 0 < seconds <= MAX_TIMEOUT:
        raise ConfigError(f"{place}: {value!r}: the timeout must be a number of seconds "
                          f"above 0 and at most {MAX_TIMEOUT:,}")
    return seconds


def check_api_url(value, place):
    """An API URL (or several, separated by commas) that can be used; ConfigError else.
    An empty one is never taken to mean the bundled sandbox: that is for no URL at all."""
    from midoshell.masking import mask_url

    urls = [u.strip() for u in value.split(",") if u.strip()]
    if not urls:
        raise ConfigError(f"{place}: the MidoNet API URL is empty (to use the bundled sandbox, "
                          f"configure no URL at all)")
    for url in urls:
        _check_one_url(url, mask_url(url), place)


def _check_one_url(url, shown, place):
    from urllib.parse import urlsplit  # not urllib3: --version and --help do without it

    if "://" not in url:
        raise ConfigError(f"{place}: {shown!r} is not a URL: write http://{shown} (or https://)")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises for a port that is not a number or out of range
    except ValueError as error:
        raise ConfigError(f"{place}: {shown!r} is not a valid URL ({error})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ConfigError(f"{place}: {shown!r}: the MidoNet API is reached with http:// "
                          f"or https://, not {parts.scheme}://")
    if not parts.hostname:
        raise ConfigError(f"{place}: {shown!r}: no host name")
    odd = sorted({ch for ch in parts.hostname if not (ch.isalnum() or ch in ".-_:%")})
    if odd:
        raise ConfigError(f"{place}: {shown!r} is not a valid URL (the host name holds "
                          f"{''.join(odd)!r})")


def sandbox_state_path(environ=None):
    """Where the bundled sandbox keeps its objects (not created here)."""
    return xdg_dir("DATA", environ, create=False) / "sandbox.db"


_NAMES = {f.name for f in fields(Settings)} - {"sources", "warnings"}


def _parse_ini(text):
    """The parsed file, or None when it is not INI at all (ignored, as midonet-cli did)."""
    import configparser  # only when there is a file: most one-liners have none

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


def _read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            return stream.read()
    except OSError:
        return None


def read_midonetrc(home):
    """The [cli] section of ~/.midonetrc.  A file without a section header (as some install
    guides wrote it) is read as if it were all [cli]; `%` in a password is kept literally."""
    text = _read(os.path.join(home, ".midonetrc"))
    parser = _parse_ini(text) if text is not None else None
    if parser is None or not parser.has_section("cli"):
        return {}
    return _given(RC_KEYS, parser.items("cli"))


def _given(keys, items):
    """The known keys with a value; an empty value counts as not given, but for api_url,
    where an empty value is an error (it must not quietly mean the bundled sandbox)."""
    return {keys[k]: v.strip() for k, v in items
            if k in keys and (v.strip() or keys[k] == "api_url")}


def read_config_file(path, profile):
    """[(section label, values)] of midoshell's config file: [default], then [profile NAME]
    when one is chosen (a missing profile is an error)."""
    text = _read(path)
    if text is None:
        if profile:
            raise ConfigError(f"profile {profile!r} asked for, but {path} does not exist")
        return []
    parser = _parse_ini(text)
    if parser is None:
        raise ConfigError(f"{path} is not an INI file")
    sections = []
    if parser.has_section("default"):
        sections.append(("default", parser.items("default")))
    if profile:
        section = f"profile {profile}"
        if not parser.has_section(section):
            known = [s[8:] for s in parser.sections() if s.startswith("profile ")]
            raise ConfigError(f"no [{section}] in {path} (profiles: {', '.join(known) or 'none'})")
        sections.append((section, parser.items(section)))
    return [(label, _given(CONFIG_KEYS, items)) for label, items in sections]


class ConfigError(Exception):
    """The configuration cannot be used (reported as a usage error)."""


def from_environment(environ):
    """MIDO_* settings; an empty variable counts as unset, but MIDO_API_URL set and empty is
    kept (an error: it must not quietly mean the bundled sandbox)."""
    return {setting: environ[var] for var, setting in ENV_KEYS.items()
            if environ.get(var) or (setting == "api_url" and var in environ)}


def load(flags, environ=None, home=None):
    """Settings from every source, later ones winning, with where each value came from."""
    environ = os.environ if environ is None else environ
    home = home or environ.get("HOME") or os.path.expanduser("~")
    settings = Settings()
    rc = read_midonetrc(home)
    settings.merge(rc, "~/.midonetrc")
    if rc.get("password"):
        _warn_if_readable(os.path.join(home, ".midonetrc"), settings)
    profile = flags.get("profile") or environ.get("MIDOSHELL_PROFILE")
    path = config_path(environ)
    for section, values in read_config_file(path, profile):
        settings.merge(values, f"{path} [{section}]")
        if values.get("password"):
            _warn_if_readable(path, settings)
    settings.merge(from_environment(environ), "environment")
    settings.merge({name: flags.get(name) for name in _NAMES}, "command line")
    settings.profile = profile
    if profile:
        settings.sources["profile"] = "command line" if flags.get("profile") else "environment"
    return settings


def resolve_password(settings):
    """The password, running `password_command` when that is how it is configured."""
    if settings.password or not settings.password_command:
        return settings.password
    import subprocess  # only for this: one-liners should not pay for it

    try:
        done = subprocess.run(settings.password_command, shell=True, capture_output=True,
                              text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ConfigError(f"password_command failed: {error}") from None
    if done.returncode != 0:
        raise ConfigError(f"password_command exited with status {done.returncode}")
    settings.password = done.stdout.rstrip("\n")
    settings.sources["password"] = "password_command"
    return settings.password


def _warn_if_readable(path, settings):
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if mode & (stat.S_IRGRP | stat.S_IROTH):
        settings.warnings.append(f"{path} holds a password and can be read by other users "
                                 f"(chmod 600 {path})")


_XDG_DEFAULTS = {"CONFIG": ".config", "CACHE": ".cache", "DATA": ".local/share",
                 "STATE": ".local/state"}


def xdg_home(kind, environ=None):
    """$XDG_<KIND>_HOME/midoshell (CONFIG, CACHE, DATA, STATE), or its default under $HOME:
    the one rule for where midoshell keeps its files.  A string, not a pathlib.Path: pathlib
    costs every start-up ~3 ms to import."""
    environ = os.environ if environ is None else environ
    base = environ.get(f"XDG_{kind}_HOME") or os.path.join(
        environ.get("HOME") or os.path.expanduser("~"), _XDG_DEFAULTS[kind])
    return os.path.join(base, "midoshell")


def config_path(environ=None):
    return os.path.join(xdg_home("CONFIG", environ), "config")


def xdg_dir(kind, environ=None, create=True):
    """$XDG_<KIND>_HOME/midoshell (data, state, config), private: made 0700, tightened to
    0700 when found open to others, refused when another user's (midoshell.private).
    With `create` false, only the path (to say where something would be)."""
    from pathlib import Path

    path = Path(xdg_home(kind, environ))
    if not create:
        return path
    from midoshell.private import private_dir

    return private_dir(path)
