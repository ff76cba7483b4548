"""Child of the crash test: an ingest (``run_ingest`` or the real CLI) that stops at a chosen moment.

The test, not the production code, installs the hooks: they count events (extraction results,
Parquet writes, raw page writes, state commits, folder swaps) and, at the planned one, write a
marker file and sleep so the parent SIGKILLs the process group exactly there. With
``RADAR_KILL_PLAN={"count": "<file>"}`` the hooks only count and write the totals at exit.

Usage: ``crashchild.py run SOURCES DATA`` or ``crashchild.py cli ingest --sources … --data …``.
"""

from __future__ import annotations

import atexit
import json
import os
import runpy
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

PARK_S = 900.0
counts: Counter[str] = Counter()
plan: dict[str, Any] = {}
armed = {"partial_state": False}


def park(what: str) -> None:
    """Tell the parent where we stopped (atomic marker file), then wait for SIGKILL."""
    marker = Path(plan["marker"])
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(json.dumps({"at": what, "counts": dict(counts)}))
    os.replace(tmp, marker)
    time.sleep(PARK_S)
    raise SystemExit("crashchild: never killed")


def due(event: str) -> bool:
    """Count one event; return True when it is the planned one."""
    counts[event] += 1
    return plan.get("event") == event and counts[event] == plan.get("n")


def truncate(path: Path, fraction: float) -> None:
    """Cut a file to a fraction of its size, as a write stopped half way leaves it."""
    os.truncate(path, int(path.stat().st_size * fraction))


def install() -> None:
    """Wrap the moments of an ingest the crash test can stop at."""
    import pyarrow.parquet as pq

    import storage.dataset as dataset
    from flows.runner import PagePool
    from storage.raw import RawStore, _compress, hash_bytes

    real_map = PagePool.map
    real_write = pq.write_table
    real_put = RawStore.put
    real_apply = dataset.Dataset._apply
    real_exchange = dataset.exchange_dirs

    def map_(self: PagePool, pages: Iterable[Any]) -> Iterator[Any]:
        for result in real_map(self, pages):
            if due("result"):
                park(f"extraction: result {counts['result']} not yet handed to the runner")
            yield result

    def write_table(table: Any, where: Any, **kwargs: Any) -> None:
        real_write(table, where, **kwargs)
        path = Path(where)
        if armed["partial_state"]:
            armed["partial_state"] = False
            truncate(path, plan["fraction"])
            park(f"mid-commit of state: state file {path.name} half written")
        if due("write"):
            if plan["sub"] == "partial":
                truncate(path, plan["fraction"])
            park(f"mid-write ({plan['sub']}): {path.name} for {path.parent.name}")

    def put(self: RawStore, body: bytes) -> str:
        dest = self.path_for(hash_bytes(body))
        if not dest.exists() and due("raw"):
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = dest.parent / f".{dest.stem}.crash0000.tmp"
            blob = _compress(body)
            tmp.write_bytes(blob[: int(len(blob) * plan["fraction"])])
            park(f"mid-write (raw): {tmp.name}")
        return real_put(self, body)

    def apply(self: Any, spec: Any, change: Any) -> Any:
        if spec.name == "pages" and change.rows and due("state"):
            if plan["sub"] == "before":
                park("mid-commit of state: rows committed, state not yet written")
            armed["partial_state"] = True
        try:
            return real_apply(self, spec, change)
        finally:
            armed["partial_state"] = False

    def exchange(a: Path, b: Path) -> bool:
        hit = due("swap")
        if hit and plan["sub"] == "before":
            park(f"mid-write (swap): {b.name} about to be exchanged")
        done = real_exchange(a, b)
        if hit:
            park(f"mid-write (swap): {b.name} exchanged, old files not yet removed")
        return done

    if "compact_at" in plan:  # small folders get compacted (swapped) often
        dataset.COMPACT_AT_FILES = int(plan["compact_at"])
    PagePool.map = map_  # type: ignore[method-assign]
    pq.write_table = write_table
    RawStore.put = put  # type: ignore[method-assign]
    dataset.Dataset._apply = apply  # type: ignore[method-assign]
    dataset.exchange_dirs = exchange


def main() -> None:
    """Install the hooks, then run the ingest the arguments name."""
    plan.update(json.loads(os.environ.get("RADAR_KILL_PLAN", "{}")))
    install()
    if "count" in plan:
        atexit.register(lambda: Path(plan["count"]).write_text(json.dumps(dict(counts))))
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "cli":
        sys.argv = ["radar", *args]
        runpy.run_module("flows.cli", run_name="__main__", alter_sys=True)
        return
    from flows.config import load_sources
    from flows.ingest import run_ingest
    from flows.sources import Window

    run_ingest(load_sources(Path(args[0])), args[1], Window())


if __name__ == "__main__":
    main()
