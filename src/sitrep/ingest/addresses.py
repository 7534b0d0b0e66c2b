"""Which IP addresses sitrep may connect to: public unicast only, unless allowed.

Refused: loopback, private (RFC 1918, fc00::/7), link-local (169.254.0.0/16 — where
cloud metadata services such as 169.254.169.254 live — and fe80::/10), unspecified,
multicast, reserved, shared/CGNAT (100.64.0.0/10) and every other range the standard
library does not call global. IPv6 forms that embed an IPv4 address (IPv4-mapped
``::ffff:a.b.c.d``) are judged by the IPv4 address they carry; tunnelling forms (NAT64
``64:ff9b::/96``, 6to4 ``2002::/16``, Teredo) are refused when either the IPv4 address
they carry or the IPv6 address itself is refused. Legacy IPv4 spellings that resolvers
accept ("127.1", "0x7f.0.0.1", "2130706433") are read as the address they stand for.

``allow_private`` (``--allow-private``, for a newsroom's own intranet or a test server)
opens loopback (127.0.0.0/8, ::1) and the private ranges (10.0.0.0/8, 172.16.0.0/12,
192.168.0.0/16, fc00::/7) only, IPv4-mapped forms included. Link-local addresses
(169.254.0.0/16, fe80::/10), cloud metadata addresses inside private ranges
(fd00:ec2::254), CGNAT, multicast, unspecified and reserved addresses stay refused.
"""

from __future__ import annotations

import ipaddress
import re
import socket

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_SHARED_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_OPENED_BY_ALLOW_PRIVATE = tuple(
    ipaddress.ip_network(n)
    for n in ("127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "::1/128", "fc00::/7")
)
_METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in ("fd00:ec2::254",))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_LEGACY_IPV4 = re.compile(r"[0-9a-fA-Fx.]+")


def parse_ip_literal(host: str) -> IPAddress | None:
    """Return the address ``host`` spells (IPv4, IPv6 or legacy IPv4), else ``None``."""
    candidate = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(candidate)
    except ValueError:
        pass
    if _LEGACY_IPV4.fullmatch(candidate) and any(ch.isdigit() for ch in candidate):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(candidate))
        except OSError:
            return None
    return None


def refusal_reason(address: IPAddress, *, allow_private: bool = False) -> str | None:
    """Why sitrep will not connect to ``address`` ("loopback", …), or ``None`` if public
    (or, with ``allow_private``, loopback or private)."""
    if allow_private and _opened_by_allow_private(address):
        return None
    if address in _METADATA_ADDRESSES:
        return "cloud metadata"
    return _public_only_reason(address)


def _opened_by_allow_private(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address in _METADATA_ADDRESSES:
        return False
    return any(address.version == network.version and address in network for network in _OPENED_BY_ALLOW_PRIVATE)


def _public_only_reason(address: IPAddress) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return _embedded_reason(address.ipv4_mapped, "IPv4-mapped")
    embedded = _tunnelled_ipv4(address)
    if embedded is not None and (reason := _embedded_reason(embedded, "tunnelled")):
        return reason
    checks = (
        (address.is_unspecified, "unspecified"),
        (address.is_loopback, "loopback"),
        (address.is_link_local, "link-local"),
        (address.is_multicast, "multicast"),
        (address in _SHARED_CGNAT, "shared (CGNAT)"),
        (address.is_private, "private"),
        (address.is_reserved, "reserved"),
        (not address.is_global, "non-public"),
    )
    return next((reason for failed, reason in checks if failed), None)


def _embedded_reason(address: ipaddress.IPv4Address, form: str) -> str | None:
    reason = _public_only_reason(address)
    return f"{reason} ({form} {address})" if reason else None


def _tunnelled_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address carried by a NAT64, 6to4 or Teredo IPv6 address, if any."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    return None
