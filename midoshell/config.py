"""Settings: defaults < ~/.midonetrc [cli] < config file profile < MIDO_* environment < flags.

~/.midonetrc is midonet-cli's file and stays compatible.  midoshell's own file,
$XDG_CONFIG_HOME/midoshell/config, is INI with a [default] section and [profile NAME]
sections (chosen with --profile or MIDOSHELL_PROFILE), and knows more keys.
"""

import configparser
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
    "pager": "pager", "vi": "vi",
}
ENV_KEYS = {
    "MIDO_API_URL": "api_url", "MIDO_USER": "username", "MIDO_PASSWORD": "password",
    "MIDO_PROJECT_ID": "project_id", "MIDO_TENANT": "tenant",
    "MIDO_DISABLE_SSL_CERTIFICATE_VALIDATION": "insecure",
}
SECRETS = ("password",)
BOOLEANS = ("insecure", "vi")


@dataclass
class Settings:
    api_url: str = None
    username: str = None
    password: str = None
    password_command: str = None
    project_id: str = None
    tenant: str = None
    insecure: bool = False
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
        for name, value in values.items():
            if value is None or name not in _NAMES:
                continue
            if name in BOOLEANS and isinstance(value, str):
                value = value.strip().lower() in ("true", "yes", "1", "on")
            elif name == "timeout":
                value = float(value)
            setattr(self, name, value)
            self.sources[name] = source

    def shown(self):
        """`--show-config`: every setting, its value (secrets masked) and where it came from."""
        lines = []
        for f in fields(self):
            if f.name in ("sources", "warnings"):
                continue
            value = getattr(self, f.name)
            if f.name in SECRETS and value:
                value = "********"
            source = self.sources.get(f.name, "default")
            lines.append(f"{f.name:<17} {'' if value is None else value!s:<40} ({source})")
        return lines


_NAMES = {f.name for f in fields(Settings)} - {"sources", "warnings"}


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
    return {RC_KEYS[k]: v.strip() for k, v in parser.items("cli") if k in RC_KEYS and v.strip()}


def read_config_file(path, profile):
    """[default] then [profile NAME] of midoshell's config file; a missing profile is an error."""
    text = _read(path)
    if text is None:
        if profile:
            raise ConfigError(f"profile {profile!r} asked for, but {path} does not exist")
        return {}
    parser = _parse_ini(text)
    if parser is None:
        raise ConfigError(f"{path} is not an INI file")
    values = {}
    if parser.has_section("default"):
        values.update(parser.items("default"))
    if profile:
        section = f"profile {profile}"
        if not parser.has_section(section):
            known = [s[8:] for s in parser.sections() if s.startswith("profile ")]
            raise ConfigError(f"no [{section}] in {path} (profiles: {', '.join(known) or 'none'})")
        values.update(parser.items(section))
    return {CONFIG_KEYS[k]: v.strip() for k, v in values.items() if k in CONFIG_KEYS}


class ConfigError(Exception):
    """The configuration cannot be used (reported as a usage error)."""


def from_environment(environ):
    return {setting: environ[var] for var, setting in ENV_KEYS.items() if environ.get(var)}


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
    values = read_config_file(path, profile)
    settings.merge(values, f"{path}" + (f" [profile {profile}]" if profile else ""))
    if values.get("password"):
        _warn_if_readable(path, settings)
    settings.merge(from_environment(environ), "environment")
    settings.merge({name: flags.get(name) for name in _NAMES}, "command line")
    settings.profile = profile
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


def config_path(environ=None):
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CONFIG_HOME") or os.path.join(
        environ.get("HOME") or os.path.expanduser("~"), ".config")
    # a string, not a pathlib.Path: pathlib costs every start-up ~3 ms to import
    return os.path.join(base, "midoshell", "config")


def xdg_dir(kind, environ=None):
    """$XDG_<KIND>_HOME/midoshell (data, state, config), made private (0700) on first use."""
    environ = os.environ if environ is None else environ
    defaults = {"DATA": ".local/share", "STATE": ".local/state", "CONFIG": ".config"}
    base = environ.get(f"XDG_{kind}_HOME") or os.path.join(
        environ.get("HOME") or os.path.expanduser("~"), defaults[kind])
    from pathlib import Path

    path = Path(base) / "midoshell"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path
