"""discover_web against a real local HTTP server: faults, private addresses, secrets, dead hosts."""

from __future__ import annotations

import dataclasses
import gzip
import logging
import socket
import time
from collections.abc import Generator, Iterator

import pytest
from fetchkit import FAST, SEND_JITTER, UTF8, Reply, Site, rss, run, urls_source
from localserver import serve

from flows.config import SourceConfig
from flows.sources import Candidate, SourceStats, Window, discover_web


def make_faults(site: Site) -> None:
    """Serve one path per fault the fetcher must handle."""
    site.add("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private\n"))
    site.page("/ok", UTF8.format(n="ok").encode())
    site.add("/private/secret", Reply(body=b"<html>secret</html>"))
    site.add("/missing", Reply(404, b"gone"))
    site.add("/forbidden", Reply(403, b"no"))
    site.add("/teapot-500", Reply(500, b"bad"))
    site.add("/always-503", Reply(503, b"busy", {"Retry-After": "0"}))
    storm = iter([503, 503, 200])
    site.add(
        "/storm",
        lambda hit: Reply(
            next(storm, 200), b"<html><p>calm</p></html>", {"Content-Type": "text/html"}
        ),
    )
    limited = iter([429])
    site.add(
        "/limited",
        lambda hit: Reply(
            next(limited, 200),
            b"<html><p>fine</p></html>",
            {"Content-Type": "text/html", "Retry-After": "1"},
        ),
    )
    site.add("/slow", Reply(body=b"<html>late</html>", delay=5.0))
    site.add("/loop-a", Reply(302, headers={"Location": "/loop-b"}))
    site.add("/loop-b", Reply(301, headers={"Location": "/loop-a"}))
    for n in range(8):
        site.add(f"/hop{n}", Reply(302, headers={"Location": f"/hop{n + 1}"}))
    site.add("/hop8", Reply(body=b"<html>end</html>"))
    site.add("/moved", Reply(301, headers={"Location": "/ok"}))
    bomb = gzip.compress(b" " * (12 * 1024 * 1024))
    site.add(
        "/bomb", Reply(body=bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
    )
    site.add(
        "/huge",
        Reply(
            body=b"",
            headers={"Content-Type": "text/html", "Content-Length": str(50 * 1024 * 1024)},
            length=False,
        ),
    )
    site.add(
        "/huge-stream",
        Reply(headers={"Content-Type": "text/html"}, chunks=(b"a" * 65536 for _ in range(800))),
    )
    site.add("/pdf", Reply(body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}))
    site.add("/trickle", Reply(headers={"Content-Type": "text/html"}, chunks=trickle(site)))


def trickle(site: Site) -> Iterator[bytes]:
    """Yield a byte every 0.25 s: each read is quick, the whole page is too slow."""
    for _ in range(40):
        if site.closing.wait(0.25):
            return
        yield b"<p>drip</p>"


FAULTS = {
    "/ok": None,
    "/moved": None,
    "/storm": None,
    "/limited": None,
    "/private/secret": "robots",
    "/missing": "http_4xx",
    "/forbidden": "http_4xx",
    "/teapot-500": "http_5xx",
    "/always-503": "http_5xx",
    "/slow": "timeout",
    "/trickle": "timeout",
    "/loop-a": "redirect_loop",
    "/hop0": "too_many_redirects",
    "/bomb": "too_large",
    "/huge": "too_large",
    "/huge-stream": "too_large",
    "/pdf": "not_html",
}


def test_every_fault_ends_as_the_right_reason(site: Site, sends: list[tuple[float, str]]) -> None:
    make_faults(site)
    started = time.monotonic()
    got, stats = run(urls_source(site, list(FAULTS)))
    elapsed = time.monotonic() - started
    reasons = {loc.removeprefix(site.base): c.reason for loc, c in got.items()}
    assert reasons == FAULTS
    assert stats.fetched == 4 and stats.discovered == len(FAULTS)
    assert stats.error is None
    assert site.count("/private/secret") == 0
    assert site.count("/always-503") == FAST.max_attempts
    assert site.count("/teapot-500") == 1 and site.count("/missing") == 1
    assert site.count("/storm") == 3 and site.count("/limited") == 2
    assert site.count("/hop5") == 1 and site.count("/hop6") == 0
    assert got[site.url("/moved")].body == UTF8.format(n="ok").encode()
    assert "404" in got[site.url("/missing")].detail
    hits = [at for at, path in sends if path == "/limited"]
    assert hits[1] - hits[0] >= 1 - SEND_JITTER, "Retry-After: 1 was not honoured"
    assert elapsed < 15


def test_private_addresses_refused_unless_allowed(site: Site) -> None:
    site.page("/a", UTF8.format(n="a").encode())
    got, stats = run(urls_source(site, ["/a"], allow_private=False))
    assert got[site.url("/a")].reason == "blocked_address"
    assert "127.0.0.1" in got[site.url("/a")].detail
    assert site.hits == []
    assert stats.error is not None
    feed = SourceConfig(name="f", kind="feed", url=site.url("/rss.xml"))
    got, stats = run(feed)
    assert got == {} and stats.error and "blocked_address" in stats.error


def test_redirect_to_private_host_is_rechecked(site: Site) -> None:
    port = site.base.rsplit(":", 1)[1]
    site.add("/jump", Reply(302, headers={"Location": f"http://localhost:{port}/inside"}))
    site.add("/inside", Reply(body=b"<html>internal</html>"))

    async def pretend(host: str, port: int) -> list[str]:
        return ["93.184.216.34"] if host == "127.0.0.1" else ["127.0.0.1"]

    got, _ = run(urls_source(site, ["/jump"], allow_private=False), resolver=pretend)
    assert got[site.url("/jump")].reason == "blocked_address"
    assert site.count("/inside") == 0 and site.count("/jump") == 1


def dead_port() -> int:
    """Return a local port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_dead_host_does_not_stall_others(site: Site) -> None:
    paths = [f"/live{n}" for n in range(4)]
    for p in paths:
        site.page(p, UTF8.format(n=p).encode())
    dead = f"http://127.0.0.1:{dead_port()}"
    urls = [dead + f"/x{n}" for n in range(20)] + [site.url(p) for p in paths]
    source = SourceConfig(name="m", kind="urls", urls=tuple(urls), allow_private=True)
    started = time.monotonic()
    got, stats = run(source)
    assert time.monotonic() - started < 5
    assert stats.fetched == 4 and stats.error is None
    assert {got[dead + f"/x{n}"].reason for n in range(20)} == {"connection_error"}


def test_unreachable_feed_and_forbidden_everywhere(site: Site) -> None:
    feed = SourceConfig(
        name="f", kind="feed", url=f"http://127.0.0.1:{dead_port()}/rss", allow_private=True
    )
    got, stats = run(feed)
    assert got == {} and stats.error and "connection_error" in stats.error
    site.add("/rss.xml", Reply(body=rss([(site.url("/x"), ""), (site.url("/y"), "")])))
    site.add("/x", Reply(403, b"no"))
    site.add("/y", Reply(403, b"no"))
    source = SourceConfig(name="f", kind="feed", url=site.url("/rss.xml"), allow_private=True)
    got, stats = run(source)
    assert {c.reason for c in got.values()} == {"http_4xx"}
    assert stats.error and "http_4xx=2" in stats.error


def test_source_headers_sent_redacted_and_not_leaked(
    site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    port = site.base.rsplit(":", 1)[1]
    secret = "Bearer top-secret-token-123"
    site.add("/start", Reply(302, headers={"Location": f"http://localhost:{port}/landing"}))
    site.add("/landing", Reply(401, b"who?"))
    caplog.set_level(logging.DEBUG)
    got, _ = run(urls_source(site, ["/start"], headers={"Authorization": secret, "X-Team": "r"}))
    first, second = [h for h in site.hits if h.path != "/robots.txt"]
    assert first.headers["authorization"] == secret
    assert "authorization" not in second.headers and second.headers["x-team"] == "r"
    assert got[site.url("/start")].reason == "http_4xx"
    assert "top-secret" not in caplog.text


def test_long_retry_after_leaves_the_host(site: Site) -> None:
    site.add("/r1", Reply(429, b"later", {"Retry-After": "3600"}))
    site.page("/r2", UTF8.format(n="r2").encode())
    got, _ = run(urls_source(site, ["/r1", "/r2"]), dataclasses.replace(FAST, per_host=1))
    assert got[site.url("/r1")].reason == "http_4xx"
    assert "3600" in got[site.url("/r1")].detail
    assert got[site.url("/r2")].reason == "http_4xx" and site.count("/r2") == 0


def test_closing_the_stream_cancels_fetches_in_flight(site: Site) -> None:
    site.page("/quick", UTF8.format(n="q").encode())
    site.add("/stuck", Reply(body=b"<html>late</html>", delay=20.0))
    slow = dataclasses.replace(FAST, read_timeout=30.0, page_timeout=30.0, per_host=2)
    gen: Generator[Candidate, None, None] = discover_web(  # type: ignore[assignment]
        urls_source(site, ["/quick", "/stuck"]),
        {},
        Window(),
        SourceStats("t", "urls"),
        settings=slow,
    )
    assert next(gen).locator == site.url("/quick")
    started = time.monotonic()
    gen.close()
    assert time.monotonic() - started < 2.0


def test_unresolvable_feed_host_fails_the_source_only() -> None:
    async def no_dns(host: str, port: int) -> list[str]:
        raise socket.gaierror(-2, "Name or service not known")

    feed = SourceConfig(name="f", kind="feed", url="http://feeds.example.invalid/rss.xml")
    got, stats = run(feed, resolver=no_dns)
    assert got == {}
    assert stats.error and "cannot resolve feeds.example.invalid" in stats.error


def test_a_new_server_on_a_used_port_is_a_new_host() -> None:
    with serve() as first:
        first.add("/robots.txt", Reply(500, b"down"))
        first.page("/a", UTF8.format(n="a").encode())
        got, stats = run(urls_source(first, ["/a"]))
        assert got[first.url("/a")].reason == "robots"
        port = int(first.base.rsplit(":", 1)[1])
    with serve(port) as second:
        second.page("/a", UTF8.format(n="a").encode())
        got, stats = run(urls_source(second, ["/a"]))
        assert stats.fetched == 1 and got[second.url("/a")].reason is None
