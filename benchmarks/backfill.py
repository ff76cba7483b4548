"""Backfill cost against its length: N weeks of pages, backfilled over those N weeks.

Usage: python benchmarks/backfill.py [--weeks 1,2,4,8] [--per-week 12] [--flow]
Each N gets a fresh DATA folder and a directory source holding N weeks of synthetic pages
(--per-week pages a week). The backfill runs window by window (7 days) and then writes the
digest of every week, as `backfill/range` does. Without --flow it runs the same work without
Prefect (run_ingest per window, write_digest per week); with --flow it runs backfill_flow in
Prefect's ephemeral mode (each subflow run adds its own overhead). The printed ratio is
t(N) / (N x t(1)): ~1 means N weeks cost N x one window; quadratic rescans would make it grow
with N.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from flows.backfill import split_windows
from flows.config import load_sources
from flows.ingest import run_ingest
from flows.sources import Window

START = date(2025, 1, 6)  # a Monday: windows and ISO weeks line up
TOPICS = [
    ("chip export controls", "Commerce Department", "semiconductor equipment", "$2 billion"),
    ("AI safety institute", "UK government", "frontier model evaluations", "£100 million"),
    ("data centre subsidies", "Ministry of Industry", "compute clusters", "€5 billion"),
    ("AI Act enforcement", "European Commission", "general-purpose AI models", "€200 million"),
]


def page(n: int, day: date) -> bytes:
    """Return one synthetic news page published on a day."""
    topic, actor, thing, amount = TOPICS[n % len(TOPICS)]
    paras = "".join(
        f"<p>{actor} said on {day.isoformat()} that plan {n}-{k} on {topic} would cover "
        f"{thing}, with funding of {amount} over {k + 2} years. Officials added that reviews "
        f"of {thing} would start next quarter and that industry groups were consulted.</p>"
        for k in range(5)
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{actor} announces {topic} plan {n}</title>"
        f"<meta property='article:published_time' content='{day.isoformat()}T08:00:00Z'>"
        "</head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{actor} announces {topic} plan {n}</h1>{paras}</article>"
        "<footer>Copyright Example News</footer></body></html>"
    ).encode()


def make_corpus(root: Path, weeks: int, per_week: int) -> Path:
    """Write N weeks of pages into a directory source; return its sources file."""
    pages = root / "pages"
    pages.mkdir(parents=True)
    n = 0
    for week in range(weeks):
        for k in range(per_week):
            day = START + timedelta(days=7 * week + k % 7)
            (pages / f"p{n:05d}.html").write_bytes(page(n, day))
            n += 1
    sources = root / "sources.toml"
    sources.write_text(
        '[[sources]]\nname = "bench"\nkind = "directory"\npath = "pages"\nlanguage = "en"\n',
        encoding="utf-8",
    )
    return sources


def run_pipeline(sources: Path, data: str, since: date, until: date) -> None:
    """Backfill without Prefect: one run_ingest per window, then one digest per week."""
    from flows.digest import weeks_between, write_digest

    selected = load_sources(sources)
    for lo, hi in split_windows(since, until, 7):
        run_ingest(selected, data, Window(lo, hi))
    for week in weeks_between(since, until):
        write_digest(data, week)


def run_flow(sources: Path, data: str, since: date, until: date) -> None:
    """Backfill through backfill_flow (Prefect ephemeral mode)."""
    from flows.backfill import backfill_flow

    backfill_flow(since=since, until=until, sources_file=str(sources), data=data)


def measure(weeks: int, per_week: int, flow: bool) -> float:
    """Return the seconds one backfill over N weeks of pages takes."""
    with tempfile.TemporaryDirectory(prefix="radar-bench-backfill-") as tmp:
        root = Path(tmp)
        sources = make_corpus(root, weeks, per_week)
        since, until = START, START + timedelta(days=7 * weeks - 1)
        started = time.perf_counter()
        (run_flow if flow else run_pipeline)(sources, str(root / "data"), since, until)
        return time.perf_counter() - started


def main() -> None:
    """Measure every N and print seconds, seconds per week and the ratio to N x one week."""
    parser = argparse.ArgumentParser(description="backfill cost vs number of weeks")
    parser.add_argument("--weeks", default="1,2,4,8", help="comma-separated N values")
    parser.add_argument("--per-week", type=int, default=12, help="pages per week")
    parser.add_argument("--flow", action="store_true", help="run backfill_flow (Prefect)")
    args = parser.parse_args()
    counts = sorted({int(w) for w in args.weeks.split(",")})
    if counts[0] != 1:
        counts.insert(0, 1)
    measure(1, args.per_week, args.flow)  # warm-up: imports, lazy models, the Prefect server
    mode = "backfill_flow (Prefect ephemeral)" if args.flow else "pipeline (no Prefect)"
    print(f"backfill benchmark, {mode}, {args.per_week} pages/week, 7-day windows")
    print(f"{'weeks':>5} {'seconds':>8} {'s/week':>7} {'t(N)/(N*t(1))':>14}")
    one = 0.0
    for n in counts:
        seconds = measure(n, args.per_week, args.flow)
        one = one or seconds
        print(f"{n:>5} {seconds:>8.2f} {seconds / n:>7.2f} {seconds / (n * one):>14.2f}")


if __name__ == "__main__":
    main()
