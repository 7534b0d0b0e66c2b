"""Which addresses sitrep refuses to contact."""

from __future__ import annotations

import ipaddress

import pytest

from sitrep.ingest.addresses import parse_ip_literal, refusal_reason


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.5", "private"),
        ("172.16.4.4", "private"),
        ("192.168.1.1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("100.64.0.1", "shared (CGNAT)"),
        ("100.127.255.254", "shared (CGNAT)"),
        ("::ffff:127.0.0.1", "loopback (IPv4-mapped 127.0.0.1)"),
        ("::ffff:169.254.169.254", "link-local (IPv4-mapped 169.254.169.254)"),
        ("::ffff:10.1.1.1", "private (IPv4-mapped 10.1.1.1)"),
        ("64:ff9b::a00:1", "private (tunnelled 10.0.0.1)"),
        ("2002:7f00:1::", "loopback (tunnelled 127.0.0.1)"),
        ("192.0.2.7", "private"),  # documentation range
        ("240.0.0.1", "private"),  # former class E
        ("198.18.0.1", "private"),  # benchmarking
        ("::7f00:1", "reserved"),  # IPv4-compatible, deprecated
    ],
)
def test_refused(address: str, reason: str) -> None:
    assert refusal_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"])
def test_public_allowed(address: str) -> None:
    assert refusal_reason(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("[::1]", "::1"),
        ("fe80::1%eth0", "fe80::1"),
        ("127.1", "127.0.0.1"),
        ("0x7f.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
    ],
)
def test_ip_literals_in_all_spellings(host: str, address: str) -> None:
    assert parse_ip_literal(host) == ipaddress.ip_address(address)


@pytest.mark.parametrize("host", ["example.org", "localhost", "cafe", "1e100.net", "deadbeef"])
def test_host_names_are_not_literals(host: str) -> None:
    assert parse_ip_literal(host) is None
