"""The client address behind the trusted proxies: what every login limit and throttle counts by."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory

from config.client_address import address_bucket, client_address


def request(remote: str, forwarded: str | None = None) -> Any:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.254"),  # no trusted proxy: the header is the client's word
        (1, "203.0.113.5", "203.0.113.5"),  # the one proxy appended what it saw
        (1, "1.2.3.4, 203.0.113.5", "203.0.113.5"),  # whatever the client wrote before it is ignored
        (2, "1.2.3.4, 203.0.113.5, 10.0.0.9", "203.0.113.5"),  # the outer proxy's entry, before the inner one's
        (2, "203.0.113.5", "10.0.0.254"),  # fewer entries than proxies: nothing in it is trusted
        (1, "not-an-address", "10.0.0.254"),
        (1, "", "10.0.0.254"),
    ],
)
def test_the_client_is_the_entry_the_outermost_trusted_proxy_appended(settings: Any, count: int, forwarded: str, expected: str) -> None:
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(request("10.0.0.254", forwarded)) == expected


def test_ipv6_clients_are_counted_per_64_network() -> None:
    assert address_bucket("2001:db8:1:2::1") == address_bucket("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert address_bucket("2001:db8:1:3::1") != address_bucket("2001:db8:1:2::1")
    assert address_bucket("198.51.100.7") == "198.51.100.7"
