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


def write_config(tmp_path, text):
    path = tmp_path / "config" / "midoshell" / "config"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_five_sources_in_order_with_a_profile(isolated_home, tmp_path):
    write_rc(isolated_home, "[cli]\napi_url = http://rc/midonet-api\nusername = rc-user\n"
                            "project_id = rc-project\ntenant = rc-tenant\n")
    write_config(tmp_path, "[default]\napi_url = http://default/midonet-api\noutput = table\n"
                           "timeout = 5\n[profile lab]\nusername = lab-user\ntimeout = 7\n")
    env = {"HOME": str(isolated_home), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "MIDOSHELL_PROFILE": "lab", "MIDO_TENANT": "env-tenant"}
    s = config.load({"output": "json"}, env)
    assert s.project_id == "rc-project"                       # only in ~/.midonetrc
    assert s.api_url == "http://default/midonet-api"           # config [default] over rc
    assert s.username == "lab-user"                            # the profile over [default]
    assert s.timeout == 7.0
    assert s.tenant == "env-tenant"                            # environment over files
    assert s.output == "json"                                  # flags over everything
    assert s.profile == "lab"
    assert s.sources["username"].endswith("[profile lab]")
    assert s.sources["tenant"] == "environment"
    assert s.sources["output"] == "command line"
    assert s.sources["project_id"] == "~/.midonetrc"


def test_the_profile_flag_beats_the_variable_and_an_unknown_profile_is_an_error(isolated_home, tmp_path):
    import pytest
    write_config(tmp_path, "[profile a]\nusername = a\n[profile b]\nusername = b\n")
    env = {"HOME": str(isolated_home), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "MIDOSHELL_PROFILE": "a"}
    assert config.load({"profile": "b"}, env).username == "b"
    with pytest.raises(config.ConfigError) as caught:
        config.load({"profile": "c"}, env)
    assert "profiles: a, b" in str(caught.value)


def test_show_config_masks_secrets(isolated_home):
    s = config.load({"password": None}, {"HOME": str(isolated_home), "MIDO_PASSWORD": "hunter2"})
    shown = "\n".join(s.shown())
    assert "hunter2" not in shown
    assert "********" in shown and "(environment)" in shown


def test_password_command_and_readable_password_files(isolated_home, tmp_path):
    path = write_config(tmp_path, "[default]\npassword_command = echo from-command\n")
    env = {"HOME": str(isolated_home), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    s = config.load({}, env)
    assert config.resolve_password(s) == "from-command"
    path.write_text("[default]\npassword = plain\n")
    path.chmod(0o644)
    assert "can be read by other users" in config.load({}, env).warnings[0]
    path.chmod(0o600)
    assert config.load({}, env).warnings == []
