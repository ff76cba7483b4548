"""The HTTP fetcher: paced per host, robots-aware, retrying, size-capped (the only httpx user)."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType

import httpx

from extractors.exceptions import FetchError
from flows.fetch.guard import Resolver, checked_pool, resolve_host, tls_context, vet_host
from flows.fetch.hosts import AnsweredError, DroppedError, Host, RetryableError
from flows.fetch.redact import outgoing_headers, redact, secret_forms, strip_userinfo
from flows.fetch.robots import MEMORY, Rules, parse_rules, rules_after_failure
from flows.fetch.settings import FetchSettings
from flows.fetch.wire import (
    REDIRECT_CODES,
    RETRY_CODES,
    BodyDecoder,
    Fetched,
    check_address,
    compute_backoff,
    host_key,
    is_html_type,
    parse_retry_after,
    redirect_target,
    status_detail,
    status_reason,
)

ROBOTS_LIMIT = 512 * 1024
BASE_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
    "Accept-Encoding": "gzip, deflate",
    "Connection": "keep-alive",
}
DRAIN_LIMIT = 64 * 1024
log = logging.getLogger("policy_radar.fetch")
# The one table of httpx exceptions -> reject reasons. The nearest class in an error's MRO
# decides, and every exception class httpx defines is covered (a test checks). HTTPStatusError
# takes the reason of its status. Connect-time failures (RETRIED) are tried again.
HTTPX_ERRORS: dict[type[Exception], str] = {
    httpx.ConnectError: "connection_error",
    httpx.ConnectTimeout: "connection_error",
    httpx.RemoteProtocolError: "connection_error",
    httpx.ReadTimeout: "timeout",
    httpx.WriteTimeout: "timeout",
    httpx.PoolTimeout: "timeout",
    httpx.TimeoutException: "timeout",
    httpx.ReadError: "connection_error",
    httpx.WriteError: "connection_error",
    httpx.CloseError: "connection_error",
    httpx.NetworkError: "connection_error",
    httpx.ProxyError: "connection_error",
    httpx.ProtocolError: "connection_error",
    httpx.StreamError: "connection_error",
    httpx.HTTPError: "connection_error",
    httpx.InvalidURL: "parse_error",
    httpx.UnsupportedProtocol: "parse_error",
    httpx.LocalProtocolError: "parse_error",
    httpx.DecodingError: "parse_error",
    httpx.CookieConflict: "parse_error",
    httpx.TooManyRedirects: "too_many_redirects",
    httpx.HTTPStatusError: "http_4xx",
}
RETRIED = (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError)


def fetch_error(exc: Exception, *, answered: bool = False) -> FetchError:
    """Return the FetchError an httpx exception becomes (HTTPX_ERRORS decides the reason)."""
    reason = next(HTTPX_ERRORS[c] for c in type(exc).__mro__ if c in HTTPX_ERRORS)
    if isinstance(exc, httpx.HTTPStatusError):
        reason = status_reason(exc.response.status_code)
    name = type(exc).__name__
    if reason == "timeout":
        return FetchError(reason, f"{name} reading the page")
    if not isinstance(exc, RETRIED):
        return FetchError(reason, f"{name}: {exc}")
    if answered:  # a body cut short or malformed: this page's fault, not the host's
        return AnsweredError(reason, f"{name} after the response head: {exc}")
    dropped = isinstance(exc, httpx.RemoteProtocolError)  # a server closing on one URL lives on
    return (DroppedError if dropped else RetryableError)(reason, f"{name}: {exc}")


@dataclass(slots=True)
class _Answer:
    status: int
    headers: httpx.Headers
    body: bytes = b""


class Fetcher:
    """Fetch pages politely: robots.txt, per-host pacing, retries, redirects, caps."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        user_agent: str | None = None,
        headers: dict[str, str] | None = None,
        allow_private: bool = False,
        max_bytes: int = 10 * 1024 * 1024,
        resolver: Resolver | None = None,
    ) -> None:
        self.settings = settings
        self.user_agent = user_agent or settings.user_agent
        self.agent_token = self.user_agent.split("/", 1)[0].split()[0] or "*"
        self.extra_headers = dict(headers or {})
        self.secrets = secret_forms(v for v in self.extra_headers.values() if v)
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self.resolver = resolver or resolve_host
        self.requests = 0
        self._hosts: dict[str, Host] = {}
        self._slots = asyncio.Semaphore(settings.concurrency)
        # The transport without httpx.Client: redirects are followed by hand, there is no
        # auth, and cookies are handled below only when a site sets one (the client's jar
        # cost about a fifth of the CPU of every request, 304s included).
        self._transport: httpx.AsyncHTTPTransport | None = None
        self._cookies = httpx.Cookies()
        timeout = httpx.Timeout(settings.connect_timeout, read=settings.read_timeout, pool=None)
        self._extensions = {"timeout": timeout.as_dict()}

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        limits = httpx.Limits(max_connections=s.concurrency + 4, max_keepalive_connections=32)
        self._transport = httpx.AsyncHTTPTransport(
            verify=tls_context(), trust_env=False, limits=limits
        )
        if not self.allow_private:
            # httpx takes no network backend: its pool is rebuilt with ours, same limits
            # (test_rel_security's rebinding test fails if a later httpx ignores it).
            self._transport._pool = checked_pool(
                self.resolver,
                max_connections=s.concurrency + 4,
                keepalive=32,
                keepalive_expiry=limits.keepalive_expiry or 5.0,
            )
        await self._transport.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._transport is not None:
            await self._transport.aclose()
            self._transport = None

    def clean(self, text: str) -> str:
        """Return text safe to log: no header secrets, no URL credentials."""
        return redact(text, self.secrets)

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        html_only: bool = True,
        limit: int | None = None,
    ) -> Fetched:
        """Fetch one URL (following redirects); raise FetchError with a reject reason."""
        cap = limit or self.max_bytes
        validators = {"If-None-Match": etag, "If-Modified-Since": last_modified}
        conditional = {name: value for name, value in validators.items() if value}
        seen = [url]
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            await self._admit(current)
            headers = self._headers(url, current, conditional)
            answer = await self._retrying(current, headers, html_only, cap)
            if answer.status in REDIRECT_CODES:
                target = redirect_target(current, answer.status, answer.headers.get("location")).url
                if target in seen:
                    raise FetchError(
                        "redirect_loop", " -> ".join(strip_userinfo(u) for u in [*seen, target])
                    )
                seen.append(target)
                current = target
                continue
            if answer.status == 304 and not conditional:
                raise FetchError("parse_error", "304 Not Modified to a request without validators")
            return Fetched(
                url=url,
                final_url=current,
                status=answer.status,
                body=answer.body,
                content_type=answer.headers.get("content-type"),
                etag=answer.headers.get("etag"),
                last_modified=answer.headers.get("last-modified"),
                fetched_at=datetime.now(UTC),
            )
        raise FetchError(
            "too_many_redirects",
            f"more than {self.settings.max_redirects} redirects from {strip_userinfo(url)}",
        )

    def _headers(self, origin: str, current: str, conditional: dict[str, str]) -> dict[str, str]:
        extra = outgoing_headers(self.extra_headers, host_key(origin) != host_key(current))
        return {"User-Agent": self.user_agent, **BASE_HEADERS, **extra, **conditional}

    def _host(self, url: str) -> Host:
        key = host_key(url)
        host = self._hosts.get(key)
        if host is None:
            host = Host(
                asyncio.Semaphore(self.settings.per_host),
                self.settings.min_interval,
                key,
                next_start=MEMORY.next_start(key),
            )
            self._hosts[key] = host
        return host

    async def _admit(self, url: str) -> None:
        """Check scheme, address and robots.txt before any request to a URL."""
        address = check_address(url)
        host = self._host(url)
        async with host.lock:
            if not host.checked:
                host.checked = True
                if not self.allow_private:
                    host.dead, host.refusal = await vet_host(
                        self.resolver, address.host, address.port
                    )
                if host.dead is None and host.refusal is None:
                    await self._load_robots(host, url)
        if host.dead is not None:
            raise FetchError("connection_error", host.dead)
        if host.refusal is not None:
            raise FetchError(host.refusal.reason, host.refusal.detail)
        host.rules.check(url, self.agent_token)

    async def _load_robots(self, host: Host, url: str) -> None:
        """Set the host's robots rules: remembered by the process, else fetched now."""
        known = MEMORY.rules(host.key, self.agent_token)
        if known is None:
            known = await self._fetch_rules(host)
            if known is None:
                return
            MEMORY.remember(host.key, self.agent_token, known)
        host.rules = known
        if known.delay:
            cap = self.settings.max_crawl_delay
            host.interval = max(host.interval, min(known.delay, cap))

    async def _fetch_rules(self, host: Host) -> Rules | None:
        """Fetch robots.txt; None when the host is unreachable (nothing to remember)."""
        robots_url = host.key + "/robots.txt"
        try:
            answer = await self._robots_answer(robots_url)
        except FetchError as exc:
            if exc.reason in ("connection_error", "timeout"):
                host.dead = host.dead or f"robots.txt: {exc.detail}"
            return rules_after_failure(exc)
        if answer.status != 200:
            return Rules()  # redirects that lead nowhere
        return parse_rules(answer.body.decode("utf-8", "replace"), self.agent_token, robots_url)

    async def _robots_answer(self, robots_url: str) -> _Answer:
        """Fetch robots.txt, following up to five redirects (RFC 9309)."""
        current = robots_url
        for _hop in range(5):
            headers = self._headers(robots_url, current, {})
            answer = await self._retrying(current, headers, False, ROBOTS_LIMIT)
            location = answer.headers.get("location")
            if answer.status not in REDIRECT_CODES or not location:
                return answer
            try:
                target = redirect_target(current, answer.status, location)
            except FetchError:  # robots.txt moved somewhere unreadable: no rules from it
                return answer
            if target.url == current:
                return answer
            elsewhere = host_key(target.url) != host_key(current) and not self.allow_private
            if elsewhere and any(await vet_host(self.resolver, target.host, target.port)):
                return answer
            current = target.url
        return answer

    async def _retrying(
        self, url: str, headers: dict[str, str], html_only: bool, cap: int
    ) -> _Answer:
        """Send one request with retries on 429/502/503/504 and connection errors."""
        s = self.settings
        host = self._host(url)
        for attempt in range(1, s.max_attempts + 1):
            if host.dead is not None:
                raise FetchError("connection_error", host.dead)
            try:
                answer = await self._send(url, host, headers, html_only, cap)
            except RetryableError as exc:
                detail = self.clean(f"{exc.detail} ({strip_userinfo(url)})")
                if host.strike(exc, attempt, detail, s.dead_host_after):
                    raise FetchError("connection_error", detail) from None
                if attempt == s.max_attempts:
                    raise FetchError(
                        "connection_error", f"{detail} after {attempt} attempts"
                    ) from None
                await asyncio.sleep(compute_backoff(attempt, s.backoff_base, s.backoff_max))
                continue
            host.failures = 0
            if answer.status not in RETRY_CODES:
                if answer.status >= 400:
                    raise FetchError(status_reason(answer.status), status_detail(answer.status))
                return answer
            reason = status_reason(answer.status)
            if attempt == s.max_attempts:
                raise FetchError(reason, f"{status_detail(answer.status)} after {attempt} attempts")
            asked = parse_retry_after(answer.headers.get("retry-after"))
            if asked is not None and asked > s.max_retry_after:
                # Waiting that long would stall the run: leave the whole host for now.
                host.refusal = FetchError(
                    reason,
                    f"{status_detail(answer.status)}; Retry-After {asked:.0f} s exceeds "
                    f"the {s.max_retry_after:.0f} s limit; host skipped for this source",
                )
                raise FetchError(host.refusal.reason, host.refusal.detail)
            backoff = compute_backoff(attempt, s.backoff_base, s.backoff_max)
            if asked is not None:
                # The server asked the whole host to wait, not just this URL; never less
                # than our own backoff (Retry-After: 0 must not turn into a hammer).
                host.next_start = max(host.next_start, time.monotonic() + max(asked, backoff))
                MEMORY.book(host.key, host.next_start)
            else:
                await asyncio.sleep(backoff)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _send(
        self, url: str, host: Host, headers: dict[str, str], html_only: bool, cap: int
    ) -> _Answer:
        assert self._transport is not None, "use the Fetcher as an async context manager"
        async with host.slots:
            await host.take_turn(self._slots)
            try:
                self.requests += 1
                async with asyncio.timeout(self.settings.page_timeout):
                    return await self._exchange(url, headers, html_only, cap)
            except TimeoutError:
                raise FetchError(
                    "timeout", f"no complete page within {self.settings.page_timeout:g} s"
                ) from None
            except tuple(HTTPX_ERRORS) as exc:  # the one place httpx errors become reasons
                raise fetch_error(exc) from None
            finally:
                self._slots.release()

    async def _exchange(
        self, url: str, headers: dict[str, str], html_only: bool, cap: int
    ) -> _Answer:
        assert self._transport is not None
        request = httpx.Request("GET", url, headers=headers, extensions=self._extensions)
        if self._cookies:
            self._cookies.set_cookie_header(request)
        response = await self._transport.handle_async_request(request)
        response.request = request
        try:
            return await self._read(response, html_only, cap)
        except tuple(HTTPX_ERRORS) as exc:
            raise fetch_error(exc, answered=True) from None
        finally:
            await response.aclose()

    async def _read(self, response: httpx.Response, html_only: bool, cap: int) -> _Answer:
        """Read an answer whose head has come: its cookies, type, size and decoded body."""
        if "set-cookie" in response.headers:
            self._cookies.extract_cookies(response)
        answer = _Answer(response.status_code, response.headers)
        if not 200 <= response.status_code < 300:
            await _drain(response)
            return answer
        ctype = response.headers.get("content-type")
        if html_only and not is_html_type(ctype):
            raise FetchError("not_html", f"Content-Type {ctype}")
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > cap and not response.headers.get("content-encoding"):
            raise FetchError("too_large", f"Content-Length {length} > limit {cap}")
        decoder = BodyDecoder(response.headers.get("content-encoding"), cap)
        chunks: list[bytes] = []
        async for raw in response.aiter_raw():
            chunks.append(decoder.feed(raw))
        answer.body = b"".join(chunks)
        return answer


async def _drain(response: httpx.Response) -> None:
    """Read a short error or redirect body so the connection can be reused."""
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) <= DRAIN_LIMIT:
        async for _ in response.aiter_raw():
            pass
