"""The address of the client behind the proxies, worked out in one place for every limit.

``TRUSTED_PROXY_COUNT`` says how many proxies in front of the web processes append the address
they received from to ``X-Forwarded-For``. The client address is then the entry that the
outermost trusted proxy appended: the N-th from the right. Everything left of it was written by
the client and is ignored, so a client that sends its own ``X-Forwarded-For`` changes nothing.
With 0 (the default unless ``BEHIND_TLS_PROXY``) the header is never read and the socket
peer (``REMOTE_ADDR``) is the client.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_address(request: Any) -> str:
    """The client's IP address as text; the socket peer when no trusted proxy names one."""
    meta = request.META
    peer = str(meta.get("REMOTE_ADDR") or "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return peer
    entries = [e for e in str(meta.get("HTTP_X_FORWARDED_FOR") or "").split(",") if e.strip()]
    # Fewer entries than proxies means the request did not come through all of them (or the
    # proxies do not append): nothing in the header can be trusted then.
    if len(entries) < count:
        return peer
    parsed = _parse(entries[-count])
    return str(parsed) if parsed is not None else peer


def address_bucket(address: str) -> str:
    """The unit a limit counts per: one IPv4 address, or the /64 network of an IPv6 address
    (one subscriber usually holds a whole /64 and could otherwise rotate through it)."""
    parsed = _parse(address)
    if parsed is None:
        return address or "unknown"
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def is_loopback(address: str) -> bool:
    parsed = _parse(address)
    return parsed is not None and parsed.is_loopback
