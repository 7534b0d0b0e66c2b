"""``allow_private`` opens loopback and private ranges only: link-local and metadata stay shut."""

from __future__ import annotations

import ipaddress

import httpx
import pytest

from sitrep.ingest import Failure, IngestOptions, iter_articles
from sitrep.ingest.addresses import refusal_reason

OPENED = [
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.20",
    "::1",
    "fd12:3456::1",
    "::ffff:192.168.0.1",
    "::ffff:127.0.0.1",
]
STILL_REFUSED = [
    "169.254.169.254",
    "169.254.0.1",
    "fe80::1",
    "fd00:ec2::254",
    "::ffff:169.254.169.254",
    "100.100.100.200",
    "0.0.0.0",
    "::",
    "224.0.0.1",
    "240.0.0.1",
    "255.255.255.255",
    "2002:a9fe:a9fe::1",
    "64:ff9b::a9fe:a9fe",
    "192.0.0.170",
]


@pytest.mark.parametrize("address", OPENED)
def test_allow_private_opens_loopback_and_private(address: str) -> None:
    ip = ipaddress.ip_address(address)
    assert refusal_reason(ip) is not None
    assert refusal_reason(ip, allow_private=True) is None


@pytest.mark.parametrize("address", STILL_REFUSED)
def test_allow_private_never_opens_link_local_or_metadata(address: str) -> None:
    reason = refusal_reason(ipaddress.ip_address(address), allow_private=True)
    assert reason is not None and reason == refusal_reason(ipaddress.ip_address(address))


def test_metadata_addresses_are_named_as_such() -> None:
    assert refusal_reason(ipaddress.ip_address("fd00:ec2::254"), allow_private=True) == "cloud metadata"
    assert refusal_reason(ipaddress.ip_address("169.254.169.254"), allow_private=True) == "link-local"


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/",
        "http://metadata.example.org/",
        "http://[fe80::1]/",
    ],
)
def test_links_to_metadata_are_refused_before_any_connection_even_when_private_is_allowed(url: str) -> None:
    sent: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: sent.append(request) or httpx.Response(200, text="x"))
    options = IngestOptions(allow_private=True, transport=transport, resolver=lambda host: ["169.254.169.254"])
    [failure] = list(iter_articles([url], options))
    assert isinstance(failure, Failure)
    assert "refused to connect" in failure.message
    assert failure.message.endswith("address (allow_private opens loopback and private ranges only)")
    assert sent == []


def test_a_redirect_to_metadata_is_refused_when_private_is_allowed() -> None:
    sent: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(str(request.url))
        return httpx.Response(302, headers={"location": "http://169.254.169.254/latest/meta-data/"})

    options = IngestOptions(
        allow_private=True, transport=httpx.MockTransport(answer), resolver=lambda host: ["10.0.0.5"]
    )
    [failure] = list(iter_articles(["http://intranet.example/story"], options))
    assert isinstance(failure, Failure) and "link-local" in failure.message
    assert sent == ["http://10.0.0.5/story"]
