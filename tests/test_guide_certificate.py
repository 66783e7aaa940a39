"""The install guide's own HTTPS certificate (MidoNet Cluster chapter), made with its exact
openssl commands: a CN and no subjectAltName.

midoshell names the real cause and the fix instead of "Hostname mismatch", accepts such a
certificate only when asked (--match-cn, chain still verified), and the fix it prints works.
"""

import re
import shlex
import shutil
import subprocess

import pytest

from conftest import environ_trusting_no_ca, run_in_process
from midoshell.sandbox import start

# The guide's commands; -passout/-passin only because a test cannot type the pass phrase
# that `genrsa -des3` asks for (the next line removes it again).
GUIDE = [
    "openssl genrsa -des3 -passout pass:midonet -out midonet.key 2048",
    "openssl rsa -passin pass:midonet -in midonet.key -out midonet.key",
    "openssl req -sha256 -new -key midonet.key -out midonet.csr -subj '/CN=localhost'",
    "openssl x509 -req -days 365 -in midonet.csr -signkey midonet.key -out midonet.crt",
]

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


def openssl(line, directory):
    done = subprocess.run(shlex.split(line), cwd=directory, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def guide_cert(tmp_path):
    for line in GUIDE:
        openssl(line, tmp_path)
    return tmp_path / "midonet.crt", tmp_path / "midonet.key"


@pytest.fixture
def serve(guide_cert):
    servers = []

    def serve_with(cert, key):
        server = start(host="127.0.0.1", port=0, hosts=1, certfile=str(cert), keyfile=str(key))
        servers.append(server)
        return f"https://localhost:{server.port}/midonet-api"

    yield serve_with
    for server in servers:
        server.stop()


@pytest.fixture
def env(isolated_home):
    return environ_trusting_no_ca()


def mido(url, env, *args):
    done = run_in_process(["--midonet-url", url, *args, "-c", "list host"], env)
    assert "Traceback" not in done.stderr
    return done


def test_the_real_cause_and_the_fix_are_named(guide_cert, serve, env, tmp_path):
    cert, key = guide_cert
    url = serve(cert, key)
    done = mido(url, env, "--ca-cert", str(cert))
    assert done.returncode == 3
    message = done.stderr
    assert "Hostname mismatch" not in message
    assert "no subjectAltName" in message
    assert "-addext 'subjectAltName=DNS:localhost'" in message
    assert "--match-cn" in message

    # The command it gives makes a certificate that works as it is.
    fix = re.search(r"(openssl req -x509 .*?'subjectAltName=DNS:localhost')", message).group(1)
    fixed = tmp_path / "fixed"
    fixed.mkdir()
    shutil.copy(key, fixed / "midonet.key")
    openssl(fix, fixed)
    fixed_url = serve(fixed / "midonet.crt", fixed / "midonet.key")
    again = mido(fixed_url, env, "--ca-cert", str(fixed / "midonet.crt"))
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("host ")


def test_match_cn_accepts_the_cn_and_still_verifies_the_chain(guide_cert, serve, env, tmp_path):
    cert, key = guide_cert
    url = serve(cert, key)
    done = mido(url, env, "--ca-cert", str(cert), "--match-cn")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("host ")
    assert done.stderr == ("midoshell: warning: --match-cn: a certificate naming the host only "
                           "in its CN is accepted (the chain is still verified)\n")  # not silent
    # the chain is still checked: without the CA, refused (and --ca-cert is suggested)
    untrusted = mido(url, env, "--match-cn")
    assert untrusted.returncode == 3
    assert "self-signed certificate" in untrusted.stderr and "--ca-cert" in untrusted.stderr
    # and the CN is checked: it must name the host connected to
    by_address = mido(url.replace("localhost", "127.0.0.1"), env, "--ca-cert", str(cert),
                      "--match-cn")
    assert by_address.returncode == 3
    assert "its CN names 'localhost', not '127.0.0.1'" in by_address.stderr


def test_match_cn_can_be_set_in_the_config_file(guide_cert, serve, env, tmp_path):
    cert, key = guide_cert
    url = serve(cert, key)
    config = tmp_path / "config" / "midoshell" / "config"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"[default]\nca_cert = {cert}\nmatch_cn = true\n")
    done = mido(url, env)
    assert done.returncode == 0, done.stderr


def test_without_ca_cert_a_self_signed_failure_mentions_ca_cert(guide_cert, serve, env):
    url = serve(*guide_cert)
    done = mido(url, env)
    assert done.returncode == 3
    assert "self-signed certificate" in done.stderr
    assert "--ca-cert FILE" in done.stderr


def test_a_certificate_for_another_name_says_which(tmp_path, serve, env):
    from test_https import make_certificate

    cert, key = make_certificate(tmp_path, names=("api.example.test",), addresses=())
    url = serve(cert, key)
    done = mido(url, env, "--ca-cert", str(cert))
    assert done.returncode == 3
    assert "the certificate is for api.example.test, not for localhost" in done.stderr
