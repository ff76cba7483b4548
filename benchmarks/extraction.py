"""Run the extractor over a corpus folder and write {"id","text","date"} JSON Lines.

Usage: python benchmarks/extraction.py --corpus ../shared/corpus/cwce --out /tmp/cwce.jsonl
It also times bare ``trafilatura.extract(html_str)`` on the same decoded pages and prints the
time ratio and pages/s of both.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura

from extractors.article import extract_article
from extractors.dates import get_zone
from extractors.decode import decode_bytes
from extractors.exceptions import ExtractionError
from extractors.rows import Page

FETCHED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def load_corpus(root: Path) -> tuple[str, list[tuple[str, bytes]]]:
    """Return the corpus name and (id, raw bytes) of each page of an aeb or cwce folder."""
    if (root / "html").is_dir():
        files = sorted((root / "html").glob("*.html.gz"))
        return "aeb", [
            (f.name.removesuffix(".html.gz"), gzip.decompress(f.read_bytes())) for f in files
        ]
    files = sorted((root / "original").glob("*.html"))
    return "cwce", [(f.stem, f.read_bytes()) for f in files]


def corpus_page(name: str, pid: str, body: bytes) -> Page:
    """Return the Page of one aeb or cwce corpus page, as the scored runs build it."""
    tz = "Asia/Shanghai" if name == "cwce" else "UTC"
    return Page(
        source=name,
        body=body,
        fetched_at=FETCHED_AT,
        path=f"{pid}.html",
        content_type="text/html; charset=utf-8" if name == "aeb" else None,
        timezone=tz,
    )


def _row(pid: str, page: Page) -> dict[str, object]:
    try:
        art = extract_article(page)
    except ExtractionError:
        return {"id": pid, "text": "", "date": None}
    local = art.published_at.astimezone(get_zone(page.timezone)) if art.published_at else None
    return {"id": pid, "text": art.text, "date": local.date().isoformat() if local else None}


def _timed(func: Callable[[], object]) -> tuple[float, float]:
    """Return the wall and CPU (process) seconds of one call."""
    start, cpu = time.perf_counter(), time.process_time()
    func()
    return time.perf_counter() - start, time.process_time() - cpu


@dataclass(slots=True)
class Timing:
    """Seconds summed over pages (the fastest run of each page), wall and CPU."""

    wall: float = 0.0
    cpu: float = 0.0
    pages: list[tuple[float, float]] = field(default_factory=list)

    def add(self, runs: list[tuple[float, float]]) -> None:
        """Add one page's fastest run (wall and CPU minima taken separately)."""
        if runs:
            best = (min(r[0] for r in runs), min(r[1] for r in runs))
            self.wall += best[0]
            self.cpu += best[1]
            self.pages.append(best)


def run_interleaved(
    name: str, pages: list[tuple[str, bytes]], baseline: bool, repeat: int
) -> tuple[list[dict[str, object]], Timing, Timing, Timing, list[bool]]:
    """Return rows, the time in extract_article, decoding and bare trafilatura, bare's empties."""
    # Per page, bare trafilatura (on the decoded str) and extract_article (on the raw bytes,
    # decoding included) run back to back ``repeat`` times in alternating order, and the
    # fastest run of each counts, so machine load and cache warmth affect both alike. CPU
    # time (this process only) is reported too: steadier than wall time on a shared machine.
    rows: list[dict[str, object]] = []
    ours, decoding, bare = Timing(), Timing(), Timing()
    bare_empty: list[bool] = []
    for pid, body in pages:
        page = corpus_page(name, pid, body)
        html_str, _ = decode_bytes(body, page.content_type)
        decode_runs: list[tuple[float, float]] = []
        ours_runs: list[tuple[float, float]] = []
        bare_runs: list[tuple[float, float]] = []
        for turn in range(repeat):
            decode_runs.append(_timed(partial(decode_bytes, body, page.content_type)))
            order = [True, False] if turn % 2 else [False, True]
            for is_ours in order:
                if is_ours:
                    ours_runs.append(_timed(partial(_row, pid, page)))
                elif baseline:
                    bare_runs.append(_timed(partial(trafilatura.extract, html_str)))
        rows.append(_row(pid, page))
        if baseline:
            bare_empty.append(not trafilatura.extract(html_str))
        decoding.add(decode_runs)
        ours.add(ours_runs)
        bare.add(bare_runs)
    return rows, ours, decoding, bare, bare_empty


def main() -> int:
    """Run the benchmark and print timing figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--no-baseline", action="store_true", help="skip timing bare trafilatura")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per page (fastest counts)")
    args = ap.parse_args()
    name, pages = load_corpus(args.corpus)
    warm = "<html><body><p>人工智能政策。Artificial intelligence policy is news.</p></body></html>"
    with contextlib.suppress(ExtractionError):
        extract_article(Page(source="warm", body=warm.encode(), fetched_at=FETCHED_AT))
    rows, ours, decoding, bare, bare_empty = run_interleaved(
        name, pages, not args.no_baseline, args.repeat
    )
    out = args.out or Path(f"{name}-predictions.jsonl")
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    n = len(pages)
    print(f"{name}: {n} pages -> {out}")
    print(f"extract_article (decode included): {ours.wall:.2f} s, {n / ours.wall:.1f} pages/s")
    if bare.wall:
        print(f"bare trafilatura.extract(str): {bare.wall:.2f} s, {n / bare.wall:.1f} pages/s")
        print(
            f"ratio ours / bare: {ours.wall / bare.wall:.2f} "
            f"(decode excluded: {(ours.wall - decoding.wall) / bare.wall:.2f}); "
            f"CPU time: {ours.cpu / bare.cpu:.2f}"
        )
        if any(bare_empty):
            # Pages bare trafilatura returns nothing for (it cannot parse them) cost it little.
            kept = [i for i, empty in enumerate(bare_empty) if not empty]
            wall = sum(ours.pages[i][0] for i in kept) / sum(bare.pages[i][0] for i in kept)
            cpu = sum(ours.pages[i][1] for i in kept) / sum(bare.pages[i][1] for i in kept)
            print(
                f"without the {n - len(kept)} page(s) bare trafilatura returns nothing for: "
                f"ratio {wall:.2f}, CPU time {cpu:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
