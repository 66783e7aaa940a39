"""HTTPS for real: the sandbox serves a certificate made here; midoshell verifies it, or warns."""

import datetime
import ipaddress
import os
import re
import subprocess
import sys

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from conftest import ROOT, environ_trusting_no_ca, run_midoshell
from midoshell.sandbox import start


def make_certificate(directory, names=("localhost",), addresses=("127.0.0.1",), stem="server"):
    """A self-signed certificate and its key (PEM files in `directory`) for these names.

    It is its own CA (basicConstraints CA, keyCertSign) with the usual extensions, so it
    works as a --ca-cert trust anchor under strict X.509 checking too.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    now = datetime.datetime.now(datetime.timezone.utc)
    alt = [x509.DNSName(n) for n in names] + [x509.IPAddress(ipaddress.ip_address(a))
                                              for a in addresses]
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True,
                                         content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False,
                                         crl_sign=False, encipher_only=False,
                                         decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False)
            .add_extension(ski, critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = directory / f"{stem}.pem", directory / f"{stem}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


@pytest.fixture
def certificate(tmp_path):
    return make_certificate(tmp_path)


@pytest.fixture
def https_sandbox(certificate):
    cert, key = certificate
    server = start(host="127.0.0.1", port=0, hosts=2, certfile=str(cert), keyfile=str(key))
    server.cafile = str(cert)  # what a test's own requests trust
    yield server
    server.stop()


@pytest.fixture
def env(isolated_home):
    return environ_trusting_no_ca()


def shell(args, url, env):
    return run_midoshell(["--midonet-url", url, *args, "-c", "create router name r1",
                          "-c", "list router"], env)


def assert_worked(done):
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2 and lines[1].endswith('name r1 state up asn 0'), done.stdout
    assert "Traceback" not in done.stderr


def test_the_sandbox_serves_https_with_the_given_certificate(https_sandbox, certificate):
    assert https_sandbox.url == f"https://127.0.0.1:{https_sandbox.port}/midonet-api"
    cert, _ = certificate
    root = requests.get(https_sandbox.url + "/", verify=str(cert), timeout=10,
                        headers={"Accept": "application/json"})
    assert root.status_code == 200
    assert root.json()["hosts"] == https_sandbox.url + "/hosts"  # URIs say https too
    by_name = requests.get(f"https://localhost:{https_sandbox.port}/midonet-api/hosts",
                           verify=str(cert), timeout=10)
    assert len(by_name.json()) == 2
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(https_sandbox.url + "/hosts", timeout=10)  # the system CAs do not know it


def test_a_silent_client_does_not_stall_https(https_sandbox, certificate):
    """A connection that never sends its TLS hello must not hold up everyone else."""
    import socket

    idle = socket.create_connection(("127.0.0.1", https_sandbox.port))
    try:
        got = requests.get(https_sandbox.url + "/hosts", verify=str(certificate[0]), timeout=5)
        assert got.status_code == 200
    finally:
        idle.close()


def test_ca_cert_verifies_the_sandbox(https_sandbox, certificate, env):
    done = shell(["--ca-cert", str(certificate[0])], https_sandbox.url, env)
    assert_worked(done)
    assert done.stderr == ""  # verified: nothing to warn about


def test_the_host_name_is_checked_too(https_sandbox, certificate, env):
    url = f"https://localhost:{https_sandbox.port}/midonet-api"
    assert_worked(shell(["--ca-cert", str(certificate[0])], url, env))
    other, _ = make_certificate(certificate[0].parent, names=("api.example.test",),
                                addresses=(), stem="other")
    done = shell(["--ca-cert", str(other)], url, env)
    assert done.returncode == 3
    assert "certificate verify failed" in done.stderr


def test_without_ca_cert_verification_fails_clearly(https_sandbox, env):
    done = shell([], https_sandbox.url, env)
    assert done.returncode == 3
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    first = done.stderr.splitlines()[0]
    assert first.startswith(f"-c:1: cannot reach the MidoNet API at {https_sandbox.url}: "
                            "TLS error: "), done.stderr
    assert "certificate verify failed" in first
    assert len(https_sandbox_routers(https_sandbox)) == 0


def test_the_tls_failure_message_is_clean(https_sandbox, env):
    done = shell([], https_sandbox.url, env)
    first = done.stderr.splitlines()[0]
    assert "self-signed certificate" in first
    assert not re.search(r"""['")]{2,}$""", first), first  # no debris of a repr()


def https_sandbox_routers(server):
    return requests.get(server.url + "/routers", verify=server.cafile, timeout=10).json()


@pytest.mark.parametrize("flags", [["--insecure"],
                                   ["--disable_ssl_certificate_validation", "true"]])
def test_insecure_works_and_warns(https_sandbox, env, flags):
    done = shell(flags, https_sandbox.url, env)
    assert_worked(done)
    assert done.stderr.startswith("midoshell: warning: ")
    assert "not verified" in done.stderr
    assert len(done.stderr.splitlines()) == 1  # one warning, not one per request
    assert "InsecureRequestWarning" not in done.stderr


def test_the_legacy_flag_with_false_keeps_verifying(https_sandbox, env):
    done = shell(["--disable_ssl_certificate_validation", "false"], https_sandbox.url, env)
    assert done.returncode == 3
    assert "certificate verify failed" in done.stderr


def test_plain_http_to_the_https_port_fails_cleanly(https_sandbox, env):
    url = https_sandbox.url.replace("https://", "http://")
    done = run_midoshell(["--midonet-url", url, "--timeout", "5", "-c", "list router"], env)
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    # and the server is still there for everyone else
    assert https_sandbox_routers(https_sandbox) == []


# -- the midoshell-sandbox command ------------------------------------------------------------
def _spawn(*args):
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, "-m", "midoshell.sandbox", "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.parametrize("combined", [False, True])
def test_sandbox_command_serves_https(certificate, tmp_path, combined):
    cert, key = certificate
    if combined:  # one PEM file holding both, as some tools write them
        both = tmp_path / "both.pem"
        both.write_bytes(cert.read_bytes() + key.read_bytes())
        args = ["--cert", str(both)]
    else:
        args = ["--cert", str(cert), "--key", str(key)]
    proc = _spawn("--hosts", "1", *args)
    try:
        line = proc.stdout.readline()
        assert line.startswith("midoshell-sandbox: serving https://127.0.0.1:"), \
            line + proc.stderr.read()
        url = line.split()[-1]
        assert len(requests.get(url + "/hosts", verify=str(cert), timeout=10).json()) == 1
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
    assert proc.returncode == 0


@pytest.mark.parametrize("bad", ["missing", "not-pem", "wrong-key"])
def test_sandbox_command_rejects_bad_certificates(certificate, tmp_path, bad):
    cert, key = certificate
    if bad == "missing":
        cert = tmp_path / "nope.pem"
    elif bad == "not-pem":
        cert = tmp_path / "junk.pem"
        cert.write_text("this is not a certificate\n")
    else:
        _, key = make_certificate(tmp_path, stem="stranger")
    proc = _spawn("--cert", str(cert), "--key", str(key))
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 1
    assert out == ""
    assert err.startswith(f"midoshell-sandbox: cannot start: cannot load TLS certificate {cert}")
    assert "Traceback" not in err


def test_sandbox_command_key_needs_cert(certificate):
    proc = _spawn("--key", str(certificate[1]))
    _, err = proc.communicate(timeout=10)
    assert proc.returncode == 2
    assert "--key needs --cert" in err


def test_start_raises_for_a_bad_certificate(tmp_path):
    with pytest.raises(OSError, match="cannot load TLS certificate"):
        start(port=0, certfile=str(tmp_path / "absent.pem"))


@pytest.mark.parametrize("match_cn", [True, False])
def test_match_cn_holds_through_an_https_proxy_too(match_cn):
    """HTTPS_PROXY connections get the same TLS context as direct ones (--match-cn's)."""
    from midoshell.client import Client

    adapter = Client("https://127.0.0.1:9/midonet-api", match_cn=match_cn).http.get_adapter(
        "https://")
    through_proxy = adapter.proxy_manager_for("http://127.0.0.1:9").connection_pool_kw
    if match_cn:
        assert through_proxy["ssl_context"] is adapter.ssl_context
        assert adapter.ssl_context.hostname_checks_common_name
    else:
        assert adapter.ssl_context is None and "ssl_context" not in through_proxy
