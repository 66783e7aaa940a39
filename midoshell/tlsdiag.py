"""Why the API's TLS certificate was refused, in words that lead to the fix.

The MidoNet install guide makes its certificate with `openssl req -subj '/CN=localhost'`
and `openssl x509 -req -signkey`: the host is named only in the CN, with no subjectAltName,
which TLS clients stopped checking years ago.  OpenSSL then says "Hostname mismatch", which
sends people to --insecure; this says what is really wrong and how to remake the certificate.
"""

import ipaddress
import os
import socket
import ssl
from urllib.parse import urlsplit

HOSTNAME_MISMATCH = 62  # X509_V_ERR_HOSTNAME_MISMATCH
IP_MISMATCH = 64  # X509_V_ERR_IP_ADDRESS_MISMATCH
UNTRUSTED = {18, 19, 20, 21}  # self-signed, self-signed in chain, unknown issuer, unverifiable


def explain(url, ca_cert, trusted, error, timeout=5.0):
    """A sentence for a refused certificate of the API at `url`, or None to keep OpenSSL's
    words.  ca_cert: the file given with --ca-cert (or None); trusted: the CA file in use
    (--ca-cert, REQUESTS_CA_BUNDLE…) or True for requests' own."""
    code = getattr(error, "verify_code", None)
    if code in UNTRUSTED:
        return _untrusted(ca_cert, error)
    if code not in (HOSTNAME_MISMATCH, IP_MISMATCH):
        return None
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port or 443
    try:
        cert = peer_certificate(host, port, trusted if isinstance(trusted, str) else None,
                                timeout)
    except (OSError, ValueError):
        return None  # the certificate cannot be read a second time: OpenSSL's words
    return _mismatch(host, cert)


def peer_certificate(host, port, cafile, timeout):
    """The server's certificate (as ssl.getpeercert() gives it), its chain verified but not
    its host name."""
    if cafile and os.path.isdir(cafile):
        context = ssl.create_default_context(capath=cafile)
    elif cafile:
        context = ssl.create_default_context(cafile=cafile)
    else:
        import certifi

        context = ssl.create_default_context(cafile=certifi.where())
    context.check_hostname = False
    with socket.create_connection((host, port), timeout=timeout) as sock:
        with context.wrap_socket(sock, server_hostname=host) as tls:
            return tls.getpeercert()


def _mismatch(host, cert):
    names = [value for kind, value in cert.get("subjectAltName", ())
             if kind in ("DNS", "IP Address")]
    common = [value for rdn in cert.get("subject", ()) for key, value in rdn
              if key == "commonName"]
    cn = common[0] if common else None
    if names:
        return (f"the certificate is for {', '.join(names)}, not for {host}; connect with one "
                f"of those names in --midonet-url, or remake the certificate for {host}")
    fix = (f"remake it with the host in a subjectAltName: openssl req -x509 -sha256 -days 365 "
           f"-key midonet.key -out midonet.crt -subj '/CN={host}' "
           f"-addext 'subjectAltName={_san(host)}'")
    text = (f"the certificate has no subjectAltName, only a CN ({cn!r}), and TLS clients no "
            f"longer check the CN; {fix}")
    if cn and cn.lower() == host.lower() and not _is_ip(host):
        text += "; or accept its CN with --match-cn (the chain is still verified)"
    elif cn and not _is_ip(cn):
        text += (f"; its CN names {cn!r}, not {host!r} (with --match-cn, connect to {cn} "
                 f"instead)")
    return text


def _untrusted(ca_cert, error):
    what = getattr(error, "verify_message", None) or "not trusted"
    if ca_cert:
        return f"{what}; the certificate is not signed by the CA in --ca-cert {ca_cert}"
    return (f"{what}; if it is the API's own certificate (or its CA's), give that file with "
            f"--ca-cert FILE")


def _san(host):
    return f"IP:{host}" if _is_ip(host) else f"DNS:{host}"


def _is_ip(text):
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return False
