"""The polite HTTP client: robots.txt, per-host pacing, retries, size caps; knows no sources.

``client`` is the only httpx user (its ``HTTPX_ERRORS`` table turns httpx errors into reject
reasons); ``guard`` holds the address policy, ``wire`` status codes, Retry-After and decoding,
``redact`` what never reaches a log, ``robots`` the rules, ``settings`` the limits.
"""

from flows.fetch.client import HTTPX_ERRORS, Fetcher, fetch_error
from flows.fetch.guard import Resolver, check_addresses, is_public_address, resolve_host
from flows.fetch.redact import redact, secret_forms, strip_userinfo
from flows.fetch.settings import DEFAULT_USER_AGENT, FetchSettings
from flows.fetch.wire import (
    BodyDecoder,
    Fetched,
    check_address,
    compute_backoff,
    host_key,
    is_html_type,
    parse_retry_after,
    status_detail,
    status_reason,
)

__all__ = [
    "DEFAULT_USER_AGENT",
    "HTTPX_ERRORS",
    "BodyDecoder",
    "FetchSettings",
    "Fetched",
    "Fetcher",
    "Resolver",
    "check_address",
    "check_addresses",
    "compute_backoff",
    "fetch_error",
    "host_key",
    "is_html_type",
    "is_public_address",
    "parse_retry_after",
    "redact",
    "resolve_host",
    "secret_forms",
    "status_detail",
    "status_reason",
    "strip_userinfo",
]
