"""Web addresses: whether a string is one, and the host it names without "www."."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["address_problem", "host_of", "web_address"]

# Spaces and control characters never belong in the host part ("http://exa mple.com/").
_BAD_NETLOC = re.compile(r"[\x00-\x20\x7f\s]")


def address_problem(url: str) -> str | None:
    """Return what keeps a string from being an absolute http(s) address, or None when nothing."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises for "host:99999" and "host:abc"
    except ValueError as exc:  # also "http://[abc": an unclosed IPv6 bracket
        return f"malformed address ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return "not an http(s) address"
    if not parts.hostname:
        return "no host in the address"
    if _BAD_NETLOC.search(parts.netloc):
        return "a space or control character in the host part"
    return None


def web_address(value: object) -> str | None:
    """Return a string stripped when it is an absolute http(s) address, else None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    return url if url and address_problem(url) is None else None


def host_of(url: str) -> str | None:
    """Return the host of a URL without "www." (None when it has none or is malformed)."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # "http://[::1": an unclosed IPv6 bracket names no host
        return None
    return host.removeprefix("www.") if host else None
