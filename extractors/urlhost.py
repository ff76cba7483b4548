"""The host a web address names, without "www.": one reading for every module that needs it."""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["host_of"]


def host_of(url: str) -> str | None:
    """Return the host of a URL without "www." (None when it has none or is malformed)."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # "http://[::1": an unclosed IPv6 bracket names no host
        return None
    return host.removeprefix("www.") if host else None
