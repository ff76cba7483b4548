"""Redaction: header secrets and URL credentials never reach a log line or a reject row."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, quote_plus, urlsplit, urlunsplit

# "scheme://user:password@": what a URL with credentials opens with.
_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@")
SENSITIVE_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization", "x-api-key"})


def strip_userinfo(url: str) -> str:
    """Return a URL without user:password@ (for logs and reject details)."""
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed address ("http://u:p@[abc") is still printed, unsigned
        return _USERINFO.sub(r"\1", url, count=1)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1]))


def secret_forms(values: Iterable[str]) -> list[str]:
    """Return what to redact for header values: each value, its credential, their URL forms."""
    forms: set[str] = set()
    for value in values:
        # "Bearer <token>" -> the token; "a=1; sid=<id>" -> each cookie value.
        parts = {value.split(" ", 1)[-1], *(p.split("=", 1)[-1].strip() for p in value.split(";"))}
        for part in {value} | {p for p in parts if len(p) >= 6}:
            forms |= {part, quote(part, safe=""), quote_plus(part)}
    return sorted(forms, key=len, reverse=True)  # a whole value before its parts


def redact(text: str, secrets: Iterable[str]) -> str:
    """Return text with every secret value replaced by ``***``."""
    for secret in secrets:
        if len(secret) >= 4:
            text = text.replace(secret, "***")
    return text


def outgoing_headers(headers: dict[str, str], cross_host: bool) -> dict[str, str]:
    """Return a source's extra headers for a request: no sensitive ones to another host."""
    if not cross_host:
        return dict(headers)
    return {k: v for k, v in headers.items() if k.lower() not in SENSITIVE_HEADERS}
