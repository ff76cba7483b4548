"""Local process pool vs a Dask LocalCluster for extraction: pages/s and identical rows.

python benchmarks/dask_vs_pool.py --copies 10 --workers 2
python benchmarks/dask_vs_pool.py --shared 2      # 2 copies of ../shared AEB + CWCE (500 pages)

Builds ``--copies`` copies of examples/pages (distinct paths, same mtimes), ingests them with
run_ingest (no Prefect flow: plain Dask tasks) into fresh DATA folders: once on the local
process pool, then twice on one LocalCluster (``--workers`` processes, one thread each, on
127.0.0.1): cold (fresh workers load the models) and warm; then the local pool again (the
first run also pays this process's imports), and inline in one process (RADAR_WORKERS=1).
Checks every table's rows match.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from distributed import LocalCluster  # noqa: E402  (after the sys.path line above)

from flows.config import load_sources  # noqa: E402
from flows.ingest import run_ingest  # noqa: E402
from flows.sources import Window  # noqa: E402
from storage.store import Store  # noqa: E402

TABLES = ("articles", "signals", "rejects", "pages")


def build_corpus(root: Path, copies: int) -> Path:
    """Copy examples/pages ``copies`` times under root; return the sources file."""
    examples = REPO / "examples"
    for lang in (examples / "pages").iterdir():
        for n in range(copies):
            shutil.copytree(
                lang, root / "pages" / lang.name / f"copy{n}", copy_function=shutil.copy2
            )
    shutil.copy2(examples / "sources.toml", root / "sources.toml")
    return root / "sources.toml"


def rows(data: Path) -> dict[str, list[str]]:
    """Return every table's rows as sorted reprs."""
    store = Store(data)
    return {table: sorted(map(repr, store.read_rows(table))) for table in TABLES}


def timed(label: str, pages: int, run: object) -> float:
    """Run a callable, print its pages/s, return seconds."""
    assert callable(run)
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    print(f"{label}: {seconds:.2f} s, {pages / seconds:.1f} pages/s", flush=True)
    return seconds


def main() -> int:
    """Run the comparison; return 1 if the Dask rows differ from the local pool's."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shared", type=int, default=0, help="copies of ../shared AEB+CWCE")
    args = parser.parse_args()
    os.environ["RADAR_WORKERS"] = str(args.workers)
    with tempfile.TemporaryDirectory(prefix="radar-bench-dask-") as tmp:
        root = Path(tmp)
        if args.shared:
            from throughput import build_corpus as shared_corpus
            from throughput import write_sources

            pages = shared_corpus(root / "pages", args.shared)
            sources = load_sources(write_sources(root / "sources.toml", root / "pages"))
            label = f"{args.shared} copies of ../shared AEB+CWCE"
        else:
            sources = load_sources(build_corpus(root, args.copies))
            pages = sum(1 for _ in (root / "pages").rglob("*.*"))
            label = f"{args.copies} copies of examples/pages"
        print(f"corpus: {pages} pages ({label})", flush=True)
        local = timed(
            f"local pool, {args.workers} processes",
            pages,
            lambda: run_ingest(sources, str(root / "local"), Window()),
        )
        started = time.perf_counter()
        with LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            host="127.0.0.1",
            processes=True,
            dashboard_address=":0",  # None still binds :8787 (a clash warns); :0 picks a free port
        ) as cluster:
            print(f"LocalCluster start: {time.perf_counter() - started:.2f} s", flush=True)
            address = cluster.scheduler_address
            cold = timed(
                "dask cold",
                pages,
                lambda: run_ingest(sources, str(root / "cold"), Window(), dask_address=address),
            )
            warm = timed(
                "dask warm",
                pages,
                lambda: run_ingest(sources, str(root / "warm"), Window(), dask_address=address),
            )
        again = timed(
            "local pool again",
            pages,
            lambda: run_ingest(sources, str(root / "again"), Window()),
        )
        os.environ["RADAR_WORKERS"] = "1"
        timed("inline, 1 process", pages, lambda: run_ingest(sources, str(root / "one"), Window()))
        best = min(local, again)
        print(f"RATIO dask/local time (best local): cold {cold / best:.2f}, warm {warm / best:.2f}")
        same = (
            rows(root / "local")
            == rows(root / "cold")
            == rows(root / "warm")
            == rows(root / "again")
            == rows(root / "one")
        )
        print(f"rows identical: {same}")
        return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
