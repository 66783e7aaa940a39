"""Credentials in API URLs: masked wherever a URL is shown, taken out before any request."""

import pytest

from midoshell.connect import split_credentials
from midoshell.masking import mask_url


@pytest.mark.parametrize("url, shown", [
    ("http://admin:PW@host/midonet-api", "http://admin:********@host/midonet-api"),
    ("http://a:p@ss@h:81/m?x=1", "http://a:********@h:81/m?x=1"),  # an unescaped @
    ("https://h/a@b", "https://h/a@b"),  # an @ in the path is not a password
    ("http://user@h/", "http://user@h/"),  # no password to hide
    ("http://a:b@h,http://c:d@i", "http://a:********@h,http://c:********@i"),
    ("http://h:8181/midonet-api", "http://h:8181/midonet-api"),
    (None, None),
])
def test_mask_url(url, shown):
    assert mask_url(url) == shown


@pytest.mark.parametrize("url, clean, user, password", [
    ("http://admin:p%40ss@h:8181/midonet-api", "http://h:8181/midonet-api", "admin", "p@ss"),
    ("http://admin@h/midonet-api", "http://h/midonet-api", "admin", None),
    ("http://h/midonet-api", "http://h/midonet-api", None, None),
    ("http://a:1@h1/m,http://h2/m", "http://h1/m,http://h2/m", "a", "1"),
])
def test_split_credentials(url, clean, user, password):
    assert split_credentials(url) == (clean, user, password)
