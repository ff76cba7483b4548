"""Cold run vs unchanged re-run of a 500-page feed on a local HTTP server, net of start-up.

Usage: python benchmarks/incremental.py [--pages 500] [--repeat 3] [--workers N]
Start-up is a run over an empty feed (same session, same settings); the ratio is
(unchanged - start-up) / (cold - start-up). The minimum interval per host is switched off
(RADAR_FETCH_MIN_INTERVAL=0, one local host) so the figure measures the pipeline, not the
politeness delays; every other fetch setting keeps its default (2 requests per host).
Also prints the CPU time of this process during the re-run (the fetch thread and runner).
The feed and the pages carry ETags. With the default ``recheck_days`` the stored pages (dated
March 2025) are past their re-check age, so the re-run asks for the feed only (a 304); with
``--recheck-days 36500`` it is 501 conditional GETs answered 304.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from email.utils import formatdate
from multiprocessing.queues import Queue
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("RADAR_FETCH_MIN_INTERVAL", "0")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from flows.config import DEFAULT_RECHECK_DAYS, SourceConfig
from flows.ingest import run_ingest
from flows.sources import SourceStats, Window

TOPICS = [
    ("chip export controls", "Commerce Department", "semiconductor equipment"),
    ("AI safety institute", "UK government", "frontier model evaluations"),
    ("data centre subsidies", "Ministry of Industry", "compute clusters"),
    ("AI Act enforcement", "European Commission", "general-purpose AI models"),
]


def article(n: int) -> bytes:
    """Return one synthetic news page in UTF-8 with a title, a date and a few paragraphs."""
    topic, actor, thing = TOPICS[n % len(TOPICS)]
    day = 1 + n % 28
    paras = "".join(
        f"<p>{actor} said on day {day} that its plan {n}-{k} on {topic} would cover {thing}, "
        f"with funding of {n * 10 + k} million dollars over {k + 2} years. Officials added that "
        f"reviews of {thing} would start next quarter and that industry groups were consulted.</p>"
        for k in range(6)
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{actor} announces {topic} plan {n}</title>"
        f"<meta property='article:published_time' content='2025-03-{day:02d}T08:00:00Z'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{actor} announces {topic} plan {n}</h1>{paras}</article>"
        "<footer>Copyright Example News</footer></body></html>"
    ).encode()


class Corpus:
    """The pages and feeds one benchmark server serves, with a request counter."""

    def __init__(self, pages: int) -> None:
        self.pages = {f"/news/{n}.html": article(n) for n in range(pages)}
        self.requests = 0
        self.base = ""

    def feed(self, paths: list[str]) -> bytes:
        """Return an RSS feed of paths on this server."""
        items = "".join(
            f"<item><title>{p}</title><link>{self.base}{p}</link></item>" for p in paths
        )
        return (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>{items}'
            "</channel></rss>"
        ).encode()


def serve_forever(pages: int, ready: Queue[int]) -> None:
    """Serve the corpus on 127.0.0.1 until killed (runs in its own process)."""
    asyncio.run(_serve(Corpus(pages), ready))


def _response(status: str, body: bytes, ctype: str | None, etag: str | None) -> bytes:
    head = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}"]
    if ctype:
        head.append(f"Content-Type: {ctype}")
    if etag:
        head += [f"ETag: {etag}", f"Last-Modified: {formatdate(1_700_000_000, usegmt=True)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


async def _serve(corpus: Corpus, ready: Queue[int]) -> None:
    """A small keep-alive HTTP/1.1 origin (answers like a static server: 200, 304, 404)."""
    answers: dict[str, tuple[bytes, bytes | None, str | None]] = {}

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split(" ")[1]
                match = next(
                    (
                        ln.split(":", 1)[1].strip()
                        for ln in lines
                        if ln.lower().startswith("if-none-match:")
                    ),
                    None,
                )
                if path == "/count":
                    writer.write(
                        _response("200 OK", str(corpus.requests).encode(), "text/plain", None)
                    )
                else:
                    corpus.requests += 1
                    full, not_modified, etag = answers.get(path) or (
                        _response("404 Not Found", b"", "text/plain", None),
                        None,
                        None,
                    )
                    writer.write(not_modified if match and match == etag and not_modified else full)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = int(server.sockets[0].getsockname()[1])
    corpus.base = f"http://127.0.0.1:{port}"
    rss = "application/rss+xml"
    answers["/empty.xml"] = (_response("200 OK", corpus.feed([]), rss, None), None, None)
    answers["/all.xml"] = (
        _response("200 OK", corpus.feed(list(corpus.pages)), rss, '"all"'),
        _response("304 Not Modified", b"", None, '"all"'),
        '"all"',
    )
    for path, body in corpus.pages.items():
        etag = f'"{path}"'
        answers[path] = (
            _response("200 OK", body, "text/html; charset=utf-8", etag),
            _response("304 Not Modified", b"", None, etag),
            etag,
        )
    ready.put(port)
    async with server:
        await server.serve_forever()


def count_requests(base: str) -> int:
    """Return how many requests the server has answered (not counting this one)."""
    with urllib.request.urlopen(base + "/count") as answer:
        return int(answer.read())


def timed(source: SourceConfig, data: Path) -> tuple[float, SourceStats]:
    """Run one ingest and return its wall time and counters."""
    started = time.perf_counter()
    (stats,) = run_ingest([source], str(data), Window())
    return time.perf_counter() - started, stats


def main() -> None:
    """Measure start-up, cold run and unchanged re-run; print the net ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3, help="runs of start-up and re-run")
    parser.add_argument("--workers", type=int, default=0, help="extraction processes")
    parser.add_argument(
        "--recheck-days",
        type=float,
        default=DEFAULT_RECHECK_DAYS,
        help="re-request stored pages younger than this (36500: re-check every page)",
    )
    args = parser.parse_args()
    if args.workers:
        os.environ["RADAR_WORKERS"] = str(args.workers)
    ctx = multiprocessing.get_context("spawn")
    ready: Queue[int] = ctx.Queue()
    server = ctx.Process(target=serve_forever, args=(args.pages, ready), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{ready.get(timeout=60)}"
    try:
        with tempfile.TemporaryDirectory(prefix="radar-bench-") as tmp:
            os.environ.setdefault("PREFECT_HOME", str(Path(tmp) / "prefect"))
            empty = SourceConfig(
                name="empty", kind="feed", url=base + "/empty.xml", allow_private=True
            )
            full = SourceConfig(
                name="bench",
                kind="feed",
                url=base + "/all.xml",
                allow_private=True,
                recheck_days=args.recheck_days,
            )
            data = Path(tmp) / "data"
            timed(empty, Path(tmp) / "warm")  # imports and first start, not counted
            startups = [timed(empty, data)[0]]
            before = count_requests(base)
            cold, cold_stats = timed(full, data)
            cold_requests = count_requests(base) - before
            warms: list[float] = []
            cpus: list[float] = []
            for _ in range(args.repeat):
                before = count_requests(base)
                cpu = time.process_time()
                took, warm_stats = timed(full, data)
                cpus.append(time.process_time() - cpu)
                warm_requests = count_requests(base) - before
                warms.append(took)
                startups.append(timed(empty, data)[0])
    finally:
        server.kill()
        server.join()
    startup, warm = statistics.median(startups), statistics.median(warms)
    net_cold, net_warm = cold - startup, max(0.0, warm - startup)
    print(f"pages                 {args.pages}  (runs of start-up/re-run: median of {args.repeat})")
    print(f"recheck_days          {args.recheck_days:g}  (pages are dated March 2025)")
    print(f"start-up (empty feed) {startup:8.3f} s  all: {', '.join(f'{x:.3f}' for x in startups)}")
    print(
        f"cold run              {cold:8.3f} s  net {net_cold:8.3f} s  "
        f"requests {cold_requests}  fetched {cold_stats.fetched}  "
        f"new articles {cold_stats.new_articles}"
    )
    print(
        f"unchanged re-run      {warm:8.3f} s  net {net_warm:8.3f} s  "
        f"requests {warm_requests}  fetched {warm_stats.fetched}  "
        f"not modified {warm_stats.not_modified}  all: {', '.join(f'{x:.3f}' for x in warms)}"
    )
    print(f"re-run CPU (this proc) {statistics.median(cpus):8.3f} s")
    print(f"ratio (net)           {net_warm / net_cold:8.2%}  target <= 3%")
    print(f"ratio (gross)         {warm / cold:8.2%}")


if __name__ == "__main__":
    main()
