"""Settings that cannot be used are usage errors (exit 2) that say where they were given;
--show-config tells where each value came from and what will be used."""

import os

import pytest

from conftest import ROOT, run_in_process


@pytest.fixture
def env(isolated_home):
    return dict(os.environ, PYTHONPATH=ROOT)


def config_file(tmp_path, text):
    path = tmp_path / "config" / "midoshell" / "config"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def usage_error(done, *words):
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stdout == ""
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert "using the bundled sandbox at" not in done.stderr  # nothing was started
    for word in words:
        assert word in done.stderr, (word, done.stderr)


# -- an empty API URL is never the sandbox ------------------------------------------------------
@pytest.mark.parametrize("args", [["--midonet-url="], ["--midonet-url", ""],
                                  ["--midonet-url", " , "]])
def test_an_empty_url_flag_is_a_usage_error(env, args):
    usage_error(run_in_process([*args, "-c", "create router name r"], env),
                "--midonet-url", "empty")


def test_an_empty_url_variable_is_a_usage_error(env):
    usage_error(run_in_process(["-c", "list host"], dict(env, MIDO_API_URL="")),
                "MIDO_API_URL", "empty")


def test_an_empty_url_in_the_config_file_is_a_usage_error(env, tmp_path):
    path = config_file(tmp_path, "[default]\napi_url =\n")
    usage_error(run_in_process(["-c", "list host"], env), str(path), "api_url", "empty")


def test_an_empty_url_in_midonetrc_is_a_usage_error(env, isolated_home):
    (isolated_home / ".midonetrc").write_text("[cli]\napi_url =\nusername = admin\n")
    usage_error(run_in_process(["-c", "list host"], env), "~/.midonetrc", "api_url")


@pytest.mark.parametrize("url", ["localhost:8181/midonet-api", "10.0.0.1:8181",
                                 "ftp://host/midonet-api", "http:///midonet-api",
                                 "http://host:port/midonet-api", "http://ho st/midonet-api",
                                 "http://[::1/midonet-api", "http://host:99999/midonet-api"])
def test_a_url_that_is_not_an_http_url_is_a_plain_usage_error(env, url):
    done = run_in_process(["--midonet-url", url, "-c", "list host"], env)
    usage_error(done, "--midonet-url", url)
    assert "Invalid URL" not in done.stderr and "No connection adapters" not in done.stderr


def test_a_url_without_midonet_api_asks_did_you_mean(sandbox, env):
    base = sandbox.url[:-len("/midonet-api")]
    for given in (base, base + "/"):
        done = run_in_process(["--midonet-url", given, "-c", "list host"], env)
        assert done.returncode == 3
        assert f"no MidoNet API at {base}" in done.stderr
        assert done.stderr.rstrip().endswith(f"did you mean {base}/midonet-api?")


# -- bad values ----------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "-inf", "abc", "", "1e15"])
def test_a_bad_timeout_flag(env, value):
    usage_error(run_in_process([f"--timeout={value}", "-c", "list host"], env), "--timeout")


def test_a_missing_ca_cert_file(env, tmp_path):
    missing = tmp_path / "nope.pem"
    usage_error(run_in_process(["--ca-cert", str(missing), "--midonet-url", "https://h/m",
                               "-c", "list host"], env), "--ca-cert", str(missing))


@pytest.mark.parametrize("line, words", [
    ("timeout = abc", ["timeout", "'abc'"]),
    ("timeout = 0", ["timeout"]),
    ("output = xml", ["output", "'xml'", "text, table, json, csv"]),
    ("insecure = maybe", ["insecure", "'maybe'"]),
    ("ca_cert = /no/such/ca.pem", ["ca_cert", "/no/such/ca.pem"]),
])
def test_bad_values_in_the_config_file_name_the_file_and_key(env, tmp_path, line, words):
    path = config_file(tmp_path, f"[default]\n{line}\n")
    usage_error(run_in_process(["-c", "list host"], env), f"{path} [default]: ", *words)


def test_a_bad_value_in_a_profile_names_the_profile(env, tmp_path):
    path = config_file(tmp_path, "[default]\n[profile lab]\ntimeout = soon\n")
    usage_error(run_in_process(["--profile", "lab", "-c", "list host"], env),
                f"{path} [profile lab]: timeout")


def test_version_with_insecure_prints_no_raw_urllib3_warning(env, tmp_path):
    from test_https import make_certificate
    from midoshell.sandbox import start

    cert, key = make_certificate(tmp_path)
    server = start(port=0, hosts=1, certfile=str(cert), keyfile=str(key))
    try:
        done = run_in_process(["--version", "--insecure", "--midonet-url", server.url], env)
    finally:
        server.stop()
    assert done.returncode == 0
    assert "MidoNet API v5.0" in done.stdout
    assert "InsecureRequestWarning" not in done.stderr and "urllib3" not in done.stderr
    assert done.stderr == "midoshell: warning: TLS certificates are not verified (--insecure)\n"


# -- --show-config -----------------------------------------------------------------------------
def shown(env, *args):
    done = run_in_process(["--show-config", *args], env)
    assert done.returncode == 0, done.stderr
    return {line.split()[0]: line for line in done.stdout.splitlines()}, done.stdout


def test_show_config_labels_only_real_flags(env):
    lines, _ = shown(env, "--timeout", "5")
    assert lines["timeout"].endswith("(command line)")
    for name in ("vi", "no_auth", "insecure", "match_cn", "output", "api_url"):
        assert lines[name].endswith("(default)"), lines[name]
    lines, _ = shown(env, "--vi", "-A", "--insecure")
    for name in ("vi", "no_auth", "insecure"):
        assert lines[name].endswith("(command line)"), lines[name]


def test_show_config_labels_values_inherited_from_default(env, tmp_path):
    path = config_file(tmp_path, "[default]\ntimeout = 5\noutput = table\n"
                                 "[profile lab]\nusername = lab-user\noutput = json\n")
    lines, _ = shown(env, "--profile", "lab")
    assert lines["timeout"].endswith(f"({path} [default])")
    assert lines["output"].endswith(f"({path} [profile lab])")
    assert lines["username"].endswith(f"({path} [profile lab])")
    assert lines["profile"].endswith("(command line)")


def test_show_config_says_when_the_sandbox_will_be_used(env, tmp_path):
    _, text = shown(env)
    state = tmp_path / "data" / "midoshell" / "sandbox.db"
    assert f"bundled sandbox, with its state in {state}" in text
    _, text = shown(env, "--midonet-url", "http://api.example.test:8181/midonet-api")
    assert "sandbox" not in text


def test_a_password_in_the_url_is_masked(env):
    url = "http://admin:hunter2@127.0.0.1:1/midonet-api"
    lines, text = shown(env, "--midonet-url", url)
    assert "hunter2" not in text
    assert "http://admin:********@127.0.0.1:1/midonet-api" in lines["api_url"]
    done = run_in_process(["--midonet-url", url, "-c", "list host"], env)
    assert done.returncode == 3
    assert "cannot reach the MidoNet API at http://" in done.stderr
    assert "hunter2" not in done.stderr
    done = run_in_process(["--midonet-url", url, "-d", "-c", "list host"], env)
    assert "hunter2" not in done.stderr


def test_the_user_and_password_in_the_url_log_in(env):
    from midoshell.sandbox import start

    server = start(port=0, hosts=1, auth="password", user="admin", password="p@ss%x")
    try:
        url = server.url.replace("http://", "http://admin:p%40ss%25x@")
        done = run_in_process(["--midonet-url", url, "-c", "list host"], env)
    finally:
        server.stop()
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("host ")


def test_json_that_is_not_a_root_document_is_no_api(env):
    """Another service on the port (its own JSON) is not taken for the MidoNet API."""
    import http.server
    import threading

    class Other(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            body = b'{"status": "ok", "service": "something else"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Other)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        done = run_in_process(["--midonet-url", base, "-c", "list router"], env)
    finally:
        server.shutdown()
    assert done.returncode == 3
    assert f"no MidoNet API at {base} (its JSON is not a MidoNet root document); " \
           f"did you mean {base}/midonet-api?" in done.stderr
