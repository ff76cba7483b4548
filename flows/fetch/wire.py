"""What travels on the wire: the fetched page, status codes, Retry-After and back-off, body decoding."""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

from extractors.exceptions import FetchError
from extractors.urlhost import address_problem
from flows.fetch.redact import strip_userinfo

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
RETRY_CODES = frozenset({429, 502, 503, 504})
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A page the fetcher got: 200 with its bytes, or 304 with no bytes."""

    url: str
    final_url: str
    status: int
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: datetime


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Return the seconds a Retry-After header asks for (delta seconds or HTTP date)."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():  # "²".isdigit() is True too
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def compute_backoff(
    attempt: int, base: float, cap: float, rng: random.Random | None = None
) -> float:
    """Return the wait before retry ``attempt`` (1-based): exponential with full jitter."""
    ceiling = min(cap, base * (2 ** (attempt - 1)))
    return (rng or random).uniform(ceiling / 2, ceiling)


def host_key(url: str) -> str:
    """Return scheme://host[:port] of a URL (the unit of pacing and robots.txt)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}".lower()


@dataclass(frozen=True, slots=True)
class Address:
    """An http(s) address read once: the host and the port a connection goes to."""

    url: str
    host: str
    port: int


def check_address(url: str) -> Address:
    """Return an http(s) address read; raise FetchError("parse_error") for anything else."""
    problem = address_problem(url)
    if problem is not None:
        raise FetchError("parse_error", f"{problem}: {strip_userinfo(url)!r}")
    parts = urlsplit(url)
    assert parts.hostname is not None, "address_problem refuses an address without a host"
    default = 443 if parts.scheme.lower() == "https" else 80
    return Address(url, parts.hostname, parts.port or default)


def redirect_target(current: str, status: int, location: str | None) -> Address:
    """Return where a redirect leads; raise FetchError("parse_error") for no or a malformed target."""
    if not location:
        raise FetchError("parse_error", f"{status} redirect without Location")
    try:
        target = urljoin(current, location.strip())
    except ValueError:  # "Location: http://[abc": urljoin splits it first
        target = location.strip()
    try:
        return check_address(target)
    except FetchError as exc:
        raise FetchError(exc.reason, f"redirect: {exc.detail}") from None


def status_reason(status: int) -> str:
    """Return the reject reason of a final HTTP error status."""
    return "http_5xx" if status >= 500 else "http_4xx"


def status_detail(status: int) -> str:
    """Return ``404 Not Found`` style text for a status code."""
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def is_html_type(content_type: str | None) -> bool:
    """Return True for an HTML content type or a missing one (the bytes decide then)."""
    if not content_type or not content_type.strip():
        return True
    return content_type.split(";", 1)[0].strip().lower() in HTML_TYPES


class BodyDecoder:
    """Undo Content-Encoding chunk by chunk; never produce more than ``limit`` bytes in total."""

    def __init__(self, encoding: str | None, limit: int) -> None:
        codings = [c.strip().lower() for c in (encoding or "").split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise FetchError("parse_error", f"unsupported Content-Encoding {encoding!r}")
        self.coding = codings[0] if codings else None
        self.limit = limit
        self.size = 0
        self._zlib: zlib._Decompress | None = None
        if self.coding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._deflate_started = False

    def feed(self, chunk: bytes) -> bytes:
        """Return the decoded bytes of one raw chunk; raise FetchError past the limit."""
        if self.coding == "deflate" and not self._deflate_started:
            self._deflate_started = True
            # zlib-wrapped deflate is the standard; raw deflate is common in the wild.
            wbits = zlib.MAX_WBITS if chunk[:1] == b"\x78" else -zlib.MAX_WBITS
            self._zlib = zlib.decompressobj(wbits)
        if self._zlib is None:
            return self._count(chunk)
        room = self.limit - self.size + 1
        try:
            out = self._zlib.decompress(chunk, room)
        except zlib.error as exc:
            raise FetchError("parse_error", f"bad {self.coding} stream: {exc}") from None
        if self._zlib.unconsumed_tail:
            raise FetchError("too_large", f"more than {self.limit} bytes after decompression")
        return self._count(out)

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise FetchError("too_large", f"more than {self.limit} bytes")
        return data
