"""Settings precedence: defaults < ~/.midonetrc [cli] < MIDO_* environment < flags."""

from midoshell import config


def write_rc(home, text):
    (home / ".midonetrc").write_text(text)


def test_each_source_overrides_the_one_before(isolated_home):
    write_rc(isolated_home, "[cli]\napi_url = http://rc/midonet-api\nusername = rc-user\n"
                            "password = rc-pass\nproject_id = rc-project\ntenant = rc-tenant\n")
    env = {"MIDO_USER": "env-user", "MIDO_TENANT": "env-tenant", "HOME": str(isolated_home)}
    flags = {"tenant": "flag-tenant", "api_url": None}
    s = config.load(flags, env)
    assert s.api_url == "http://rc/midonet-api"
    assert s.username == "env-user"
    assert s.password == "rc-pass"
    assert s.project_id == "rc-project"
    assert s.tenant == "flag-tenant"


def test_defaults_when_nothing_is_configured(isolated_home):
    s = config.load({}, {"HOME": str(isolated_home)})
    assert s == config.Settings()


def test_percent_signs_in_passwords_are_literal(isolated_home):
    write_rc(isolated_home, "[cli]\npassword = 100%sure\n")
    assert config.load({}, {"HOME": str(isolated_home)}).password == "100%sure"


def test_a_file_without_section_header_is_read_as_cli(isolated_home):
    write_rc(isolated_home, "api_url = http://x:8181/midonet-api\nusername = admin\n")
    s = config.load({}, {"HOME": str(isolated_home)})
    assert (s.api_url, s.username) == ("http://x:8181/midonet-api", "admin")


def test_other_sections_and_garbage_are_ignored(isolated_home):
    write_rc(isolated_home, "[other]\napi_url = http://no\n")
    assert config.load({}, {"HOME": str(isolated_home)}).api_url is None
    write_rc(isolated_home, "[cli\n===\n")
    assert config.load({}, {"HOME": str(isolated_home)}).api_url is None


def test_ssl_validation_flag_takes_only_true(isolated_home):
    env = {"HOME": str(isolated_home), "MIDO_DISABLE_SSL_CERTIFICATE_VALIDATION": "TRUE"}
    assert config.load({}, env).insecure is True
    assert config.load({"insecure": "no"}, env).insecure is False


def test_xdg_directories_are_private(tmp_path):
    path = config.xdg_dir("DATA", {"XDG_DATA_HOME": str(tmp_path / "d")})
    assert path == tmp_path / "d" / "midoshell"
    assert oct(path.stat().st_mode & 0o777) == "0o700"
