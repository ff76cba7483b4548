"""A real HTTP server on 127.0.0.1 for the fetch and reliability suites: routes, faults, a hit log."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from flows.fetch.robots import MEMORY
from flows.fetch.wire import host_key


@dataclass(frozen=True, slots=True)
class Hit:
    """One request the server saw; unpacks as ``(path, headers)``."""

    at: float
    path: str
    headers: dict[str, str]

    def __iter__(self) -> Iterator[object]:
        """Yield the path, then the headers (``for path, headers in site.hits``)."""
        yield self.path
        yield self.headers


@dataclass(slots=True)
class Reply:
    """What a route answers: ``delay`` before the head, ``chunks`` streamed ``gap`` apart."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunks: Iterable[bytes] | None = None
    length: bool = True
    gap: float = 0.0


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
                    if site.closing.wait(reply.gap):
                        return
                    self.wfile.write(chunk)
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


@contextmanager
def serve(port: int = 0) -> Iterator[Site]:
    """Run a threaded HTTP/1.0 server on 127.0.0.1 for the length of the block.

    The process forgets what it remembered of an earlier server on the same port (a reused port
    is a new host here: a robots.txt refusal or a pacing slot must not carry over).
    """
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    MEMORY.forget(host_key(site.base))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield site
    finally:
        site.closing.set()
        server.shutdown()
        server.server_close()
        thread.join()
