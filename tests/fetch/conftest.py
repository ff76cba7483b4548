"""A real HTTP server on 127.0.0.1 for the fetcher tests: routes, faults and a request log."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from flows.fetch_settings import FetchSettings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pages"
FAST = FetchSettings(
    concurrency=8,
    per_host=2,
    min_interval=0.02,
    connect_timeout=1.0,
    read_timeout=1.0,
    page_timeout=1.5,
    max_attempts=3,
    backoff_base=0.05,
    backoff_max=0.2,
    max_retry_after=5.0,
    dead_host_after=2,
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One request the server saw."""

    at: float
    path: str
    headers: dict[str, str]


@dataclass(slots=True)
class Reply:
    """What a route answers; ``chunks`` streams a body without Content-Length."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunks: Iterable[bytes] | None = None
    length: bool = True


Route = Callable[[Hit], Reply]


class Site:
    """Routes by path, a log of hits, and a stop event that ends slow answers."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.closing = threading.Event()
        self.base = ""

    def add(self, path: str, reply: Reply | Route) -> None:
        """Serve a fixed reply or a callable at a path."""
        if isinstance(reply, Reply):
            fixed = reply

            def route(hit: Hit) -> Reply:
                return fixed

            self.routes[path] = route
        else:
            self.routes[path] = reply

    def page(self, path: str, body: bytes, ctype: str = "text/html; charset=utf-8") -> None:
        """Serve a page with an ETag and Last-Modified that answer 304 when they match."""
        etag = f'"{abs(hash(body)) % 10**12:x}"'
        stamp = formatdate(1_700_000_000, usegmt=True)

        def route(hit: Hit) -> Reply:
            if hit.headers.get("if-none-match") == etag:
                return Reply(304, headers={"ETag": etag, "Last-Modified": stamp})
            return Reply(200, body, {"Content-Type": ctype, "ETag": etag, "Last-Modified": stamp})

        self.add(path, route)

    def url(self, path: str) -> str:
        """Return the absolute URL of a path on this server."""
        return self.base + path

    def paths(self) -> list[str]:
        """Return the paths requested so far, in order."""
        with self.lock:
            return [h.path for h in self.hits]

    def count(self, path: str) -> int:
        """Return how many times a path was requested."""
        return self.paths().count(path)

    def handle(self, hit: Hit) -> Reply:
        """Log a hit and return the route's reply (404 for unknown paths)."""
        with self.lock:
            self.hits.append(hit)
        route = self.routes.get(hit.path)
        if route is None:
            return Reply(404, b"not found", {"Content-Type": "text/plain"})
        return route(hit)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hit = Hit(time.monotonic(), self.path, {k.lower(): v for k, v in self.headers.items()})
            reply = site.handle(hit)
            if reply.delay and site.closing.wait(reply.delay):
                return
            try:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.chunks is None and reply.length:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if reply.chunks is None:
                    self.wfile.write(reply.body)
                    return
                for chunk in reply.chunks:
                    if site.closing.is_set():
                        return
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                return

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    """Start a threaded HTTP/1.0 server on 127.0.0.1 for one test."""
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield state
    finally:
        state.closing.set()
        server.shutdown()
        server.server_close()
        thread.join()


def example(rel: str) -> bytes:
    """Return the bytes of a bundled example page."""
    return (EXAMPLES / rel).read_bytes()


def rss(items: list[tuple[str, str]], title: str = "Test feed") -> bytes:
    """Return an RSS 2.0 feed of (link, RFC 822 date) items."""
    entries = "".join(
        f"<item><title>item {i}</title><link>{link}</link><pubDate>{day}</pubDate></item>"
        for i, (link, day) in enumerate(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.org/</link>{entries}</channel></rss>"
    ).encode()
