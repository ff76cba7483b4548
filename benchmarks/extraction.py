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
from datetime import UTC, datetime
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
        return "aeb", [(f.name.removesuffix(".html.gz"), gzip.decompress(f.read_bytes()))
                       for f in files]
    files = sorted((root / "original").glob("*.html"))
    return "cwce", [(f.stem, f.read_bytes()) for f in files]


def run_extractor(name: str, pages: list[tuple[str, bytes]]) -> tuple[list[dict[str, object]],
                                                                      float]:
    """Return prediction rows and the seconds spent in extract_article."""
    tz = "Asia/Shanghai" if name == "cwce" else "UTC"
    rows: list[dict[str, object]] = []
    spent = 0.0
    for pid, body in pages:
        page = Page(source=name, body=body, fetched_at=FETCHED_AT, path=f"{pid}.html",
                    content_type="text/html; charset=utf-8" if name == "aeb" else None,
                    timezone=tz)
        start = time.perf_counter()
        try:
            art = extract_article(page)
            text = art.text
            date = (art.published_at.astimezone(get_zone(tz)).date().isoformat()
                    if art.published_at else None)
        except ExtractionError:
            text, date = "", None
        spent += time.perf_counter() - start
        rows.append({"id": pid, "text": text, "date": date})
    return rows, spent


def time_trafilatura(name: str, pages: list[tuple[str, bytes]]) -> float:
    """Return the seconds bare trafilatura.extract spends on the decoded pages."""
    spent = 0.0
    for _pid, body in pages:
        html_str, _ = decode_bytes(body, "text/html; charset=utf-8" if name == "aeb" else None)
        start = time.perf_counter()
        trafilatura.extract(html_str)
        spent += time.perf_counter() - start
    return spent


def main() -> int:
    """Run the benchmark and print timing figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--no-baseline", action="store_true", help="skip timing bare trafilatura")
    args = ap.parse_args()
    name, pages = load_corpus(args.corpus)
    warm = "<html><body><p>人工智能政策。Artificial intelligence policy is news.</p></body></html>"
    with contextlib.suppress(ExtractionError):
        extract_article(Page(source="warm", body=warm.encode(), fetched_at=FETCHED_AT))
    rows, ours = run_extractor(name, pages)
    out = args.out or Path(f"{name}-predictions.jsonl")
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{name}: {len(pages)} pages -> {out}")
    print(f"extract_article: {ours:.2f} s, {len(pages) / ours:.1f} pages/s")
    if not args.no_baseline:
        base = time_trafilatura(name, pages)
        print(f"bare trafilatura: {base:.2f} s, {len(pages) / base:.1f} pages/s")
        print(f"ratio (ours / bare): {ours / base:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
