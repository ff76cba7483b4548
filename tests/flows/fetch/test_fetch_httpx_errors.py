"""The one table of httpx errors: every exception class httpx defines becomes a reject reason."""

from __future__ import annotations

import inspect

import httpx
import pytest

from extractors.rows import REJECT_REASONS
from flows.fetch import HTTPX_ERRORS, fetch_error

HTTPX_EXCEPTIONS = sorted(
    (c for c in vars(httpx).values() if inspect.isclass(c) and issubclass(c, Exception)),
    key=lambda c: c.__name__,
)


def _instance(cls: type[Exception]) -> Exception:
    request = httpx.Request("GET", "https://example.org/a")
    if issubclass(cls, httpx.HTTPStatusError):
        return cls("x", request=request, response=httpx.Response(503, request=request))
    if issubclass(cls, httpx.RequestError):
        return cls("boom", request=request)
    if issubclass(cls, httpx.StreamError):
        return cls() if cls is not httpx.StreamError else cls("boom")
    return cls("boom")


def test_every_httpx_exception_class_is_in_the_table() -> None:
    assert len(HTTPX_EXCEPTIONS) >= 28  # the classes of httpx 0.28
    missing = [c.__name__ for c in HTTPX_EXCEPTIONS if not set(c.__mro__) & set(HTTPX_ERRORS)]
    assert missing == []
    unlisted = [c.__name__ for c in HTTPX_EXCEPTIONS if c not in HTTPX_ERRORS]
    # Only the stream misuse errors fall back on their base class (StreamError).
    assert sorted(unlisted) == [
        "RequestError",
        "RequestNotRead",
        "ResponseNotRead",
        "StreamClosed",
        "StreamConsumed",
        "TransportError",
    ]


@pytest.mark.parametrize("cls", HTTPX_EXCEPTIONS, ids=lambda c: c.__name__)
def test_every_httpx_exception_becomes_a_known_reject_reason(cls: type[Exception]) -> None:
    error = fetch_error(_instance(cls))
    assert error.reason in REJECT_REASONS
    assert cls.__name__ in error.detail


@pytest.mark.parametrize(
    ("cls", "reason"),
    [
        (httpx.ConnectError, "connection_error"),
        (httpx.ConnectTimeout, "connection_error"),
        (httpx.RemoteProtocolError, "connection_error"),
        (httpx.ReadTimeout, "timeout"),
        (httpx.WriteTimeout, "timeout"),
        (httpx.ReadError, "connection_error"),
        (httpx.WriteError, "connection_error"),
        (httpx.InvalidURL, "parse_error"),
        (httpx.UnsupportedProtocol, "parse_error"),
        (httpx.LocalProtocolError, "parse_error"),
        (httpx.HTTPStatusError, "http_5xx"),  # the reason of its status (503 here)
    ],
)
def test_the_reasons_of_the_errors_the_fetcher_meets(cls: type[Exception], reason: str) -> None:
    assert fetch_error(_instance(cls)).reason == reason


def test_only_connect_time_failures_are_retried() -> None:
    retried = {
        c.__name__
        for c in HTTPX_EXCEPTIONS
        if type(fetch_error(_instance(c))).__name__
        in ("RetryableError", "DroppedError", "AnsweredError")
    }
    assert retried == {"ConnectError", "ConnectTimeout", "RemoteProtocolError"}


def test_what_counts_against_the_host_depends_on_when_the_error_came() -> None:
    kinds = {
        c.__name__: (
            type(fetch_error(_instance(c))).__name__,
            type(fetch_error(_instance(c), answered=True)).__name__,
        )
        for c in (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError)
    }
    assert kinds == {
        "ConnectError": ("RetryableError", "AnsweredError"),
        "ConnectTimeout": ("RetryableError", "AnsweredError"),
        "RemoteProtocolError": ("DroppedError", "AnsweredError"),
    }
