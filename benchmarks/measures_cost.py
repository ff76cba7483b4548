"""What the measure tables cost a digest week, before and after one build per input key.

Usage: python benchmarks/measures_cost.py DATA [DATA ...]
For every ISO week with articles in DATA (a folder `radar ingest` wrote; copied first, so DATA
is not changed), it times a full `rebuild_measures` (read every AI-policy article, build, write:
what each digest week did before), the rebuild a digest week does now (the input key only, when
the articles are unchanged), and the digest week itself (without the encoder). It prints the
per-week figures and checks that every week's tables equal one full build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from extractors.digest.weeks import iso_week_of
from flows.digest import rebuild_measures, write_digest
from storage.read import read_measures
from storage.store import Store, published_days


def clock(work: Callable[[], object]) -> float:
    """Return the seconds one call of work() takes."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def measure(data: Path) -> dict[str, float]:
    """Return the median per-week seconds of the three timings over DATA's weeks."""
    store = Store(data)
    weeks = sorted({iso_week_of(day) for day in published_days(store)})
    full_tables = rebuild_measures(store, reuse=False)  # warm the lexicons once
    full, now, week = [], [], []
    for name in weeks:
        full.append(clock(lambda: rebuild_measures(store, reuse=False)))
        now.append(clock(lambda: rebuild_measures(store)))
        week.append(clock(partial(write_digest, str(data), name, embeddings=False)))
        tables = rebuild_measures(store)
        if (tables.measures, tables.events) != (full_tables.measures, full_tables.events):
            raise SystemExit(f"{name}: the reused tables differ from a full build")
    stored_measures, stored_events = read_measures(data)
    by_id = sorted(full_tables.events, key=lambda e: (e.measure_id, e.event_id))
    if (stored_measures, stored_events) != (full_tables.measures, by_id):
        raise SystemExit("the stored tables differ from a full build")
    rest = [w - n for w, n in zip(week, now, strict=True)]
    return {
        "weeks": len(weeks),
        "full_rebuild_s": statistics.median(full),
        "reused_rebuild_s": statistics.median(now),
        "rest_of_week_s": statistics.median(rest),
        "week_before_s": statistics.median([r + f for r, f in zip(rest, full, strict=True)]),
        "week_after_s": statistics.median(week),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="+", type=Path, help="DATA folders written by radar ingest")
    args = parser.parse_args()
    for data in args.data:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "data"
            shutil.copytree(data, copy)
            got = measure(copy)
        share = (got["week_before_s"] - got["rest_of_week_s"]) / got["week_before_s"]
        print(
            f"{data}: {got['weeks']:.0f} weeks; per week: full rebuild {got['full_rebuild_s']:.3f} s, "
            f"reused {got['reused_rebuild_s']:.3f} s, rest of the week {got['rest_of_week_s']:.3f} s; "
            f"digest week {got['week_before_s']:.3f} s before -> {got['week_after_s']:.3f} s after "
            f"(the rebuild was {share:.0%} of it)"
        )


if __name__ == "__main__":
    main()
