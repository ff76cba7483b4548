"""Helpers of the reliability suite: three-reader table checks, corpora, subprocess runs, a server."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.dataset as pads
from localserver import Reply, Site, serve

from storage.raw import RawStore

__all__ = ["Reply", "Site", "serve"]  # the local HTTP server lives in tests/localserver.py
REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples" / "pages"
CWCE = SHARED / "corpus" / "cwce" / "original"
# a third of the corpus: enough pages for many commits, and each of the crash test's ~14 runs
# and the concurrency test's six stays short
CWCE_PAGES = 24
TABLES = ("articles", "signals", "rejects", "pages")
FOLDERS = {"pages": "state/pages"}
KEYS = {
    "articles": "article_id",
    "signals": "signal_id",
    "rejects": "reject_id",
    "pages": "page_key",
    "digest_items": "item_id",
}
ALL_TABLES = (*TABLES, "digest_items")
RUNNER = """
import sys
from datetime import date
from flows.config import load_sources
from flows.ingest import run_ingest
from flows.sources import Window
if __name__ == "__main__":
    window = Window(*(date.fromisoformat(a) for a in sys.argv[3:5]))
    run_ingest(load_sources(sys.argv[1]), sys.argv[2], window)
"""


def table_dir(data: Path, table: str) -> Path:
    """Return the folder of a table under DATA."""
    return data / FOLDERS.get(table, table)


def read_keys(data: Path, tables: Iterable[str] = TABLES) -> dict[str, list[str]]:
    """Read each table whole with polars, DuckDB and pyarrow; assert they agree; return its keys."""
    out: dict[str, list[str]] = {}
    for table in tables:
        folder = table_dir(data, table)
        key = KEYS[table]
        if not any(folder.rglob("*.parquet")):
            out[table] = []
            continue
        glob = str(folder / "**" / "*.parquet")
        hive = table != "pages"
        by_polars = pl.scan_parquet(glob, hive_partitioning=hive).collect()
        relation = duckdb.sql(
            f"select * from read_parquet('{glob}', hive_partitioning={str(hive).lower()})"
        )
        assert relation is not None
        by_duck = relation.to_arrow_table()
        by_arrow = pads.dataset(
            folder, format="parquet", partitioning="hive" if hive else None
        ).to_table()
        assert by_polars.height == by_duck.num_rows == by_arrow.num_rows, f"{table}: row counts"
        names = [set(by_polars.columns), set(by_duck.column_names), set(by_arrow.column_names)]
        assert names[0] == names[1] == names[2], (table, names)
        seen = [
            sorted(by_polars[key].to_list()),
            sorted(by_duck.column(key).to_pylist()),
            sorted(by_arrow.column(key).to_pylist()),
        ]
        assert seen[0] == seen[1] == seen[2], f"readers disagree on {table}"
        out[table] = seen[0]
    return out


def read_table(data: Path, table: str) -> pl.DataFrame:
    """Read a whole table with polars (an empty frame when it has no rows)."""
    files = sorted(table_dir(data, table).rglob("*.parquet"))
    frames = [pl.read_parquet(f) for f in files]
    frames = [f for f in frames if f.height]
    return pl.concat(frames, how="diagonal_relaxed") if frames else pl.DataFrame()


def content_of(data: Path, tables: Iterable[str] = TABLES) -> dict[str, list[str]]:
    """Return every row of each table as a sorted list of JSON lines (all columns compared)."""
    out: dict[str, list[str]] = {}
    for table in tables:
        rows = read_table(data, table).to_dicts()
        out[table] = sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)
    return out


def everything_stored(data: Path) -> str:
    """Return every table as text, every raw page unpacked and every other file, for leak searches."""
    parts = []
    for table in ALL_TABLES:
        frame = read_table(data, table)
        if frame.height:
            # one JSON line per row: list and struct columns (actors, targets) as their values
            parts.extend(json.dumps(r, default=str, ensure_ascii=False) for r in frame.to_dicts())
    raw = RawStore(data)
    for path in (data / "raw").rglob("*.zst"):
        parts.append(raw.get(path.stem).decode("utf-8", "replace"))
    for path in data.rglob("*"):
        if path.is_file() and path.suffix not in (".parquet", ".zst", ".gz"):
            parts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


def directory_sources(root: Path, *names: str, folder: str = "pages") -> Path:
    """Write a sources.toml with one directory source per name over ``root/folder/<name>``."""
    blocks = [
        f'[[sources]]\nname = "{n}"\nkind = "directory"\npath = "{folder}/{n}"\n'
        'timezone = "Asia/Shanghai"\n'
        for n in names
    ]
    toml = root / f"sources-{'-'.join(names)}.toml"
    toml.write_text("\n".join(blocks), encoding="utf-8")
    return toml


BAD_PAGES = {
    "empty.html": b"",
    "binary.html": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16,
    "nav.html": b"<html><body><nav>" + b"<a href='/x'>home</a>" * 30 + b"</nav></body></html>",
    "front.md": b"---\ntitle: [unclosed\n---\nbody\n",
}


def copy_cwce(dest: Path) -> None:
    """Copy the first CWCE_PAGES pages of the CWCE corpus (by name) to dest."""
    dest.mkdir(parents=True)
    for page in sorted(CWCE.iterdir())[:CWCE_PAGES]:
        shutil.copy2(page, dest / page.name)


def crash_corpus(root: Path) -> Path:
    """Copy CWCE pages (when present), the examples and a few bad pages into one source."""
    pages = root / "pages" / "crash"
    if CWCE.is_dir():
        copy_cwce(pages / "cwce")
    shutil.copytree(EXAMPLES, pages / "examples")
    (pages / "bad").mkdir()
    for name, body in BAD_PAGES.items():
        (pages / "bad" / name).write_bytes(body)
    return directory_sources(root, "crash")


def child_env(**extra: str) -> dict[str, str]:
    """Return the environment of a child run (repo importable, quiet Prefect)."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    env.update(extra)
    return env


def cli(*args: str) -> list[str]:
    """Return the argv of the real radar CLI."""
    return [sys.executable, "-m", "flows.cli", *args]


def run_child(argv: list[str], env: dict[str, str]) -> None:
    """Run one child process to the end; fail with the tail of its stderr unless it exits 0."""
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def start(argv: list[str], env: dict[str, str], log: Path | None = None) -> subprocess.Popen[bytes]:
    """Start a child in its own process group (so extraction workers can be killed with it)."""
    out = open(log, "wb") if log is not None else subprocess.DEVNULL  # noqa: SIM115
    try:
        return subprocess.Popen(
            argv,
            env=env,
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        if log is not None and not isinstance(out, int):
            out.close()


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL a child's whole process group and reap the child."""
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)


@contextmanager
def reaped(procs: list[subprocess.Popen[bytes]]) -> Iterator[None]:
    """Make sure every child (and its group) is gone when the block ends."""
    try:
        yield
    finally:
        for proc in procs:
            if proc.poll() is None:
                kill_group(proc)
            else:
                with suppress(ProcessLookupError, PermissionError):
                    os.killpg(proc.pid, signal.SIGKILL)


def wait_for(check: Callable[[], bool], timeout: float, proc: subprocess.Popen[bytes]) -> bool:
    """Poll until check() holds, the child exits or the timeout passes; return check()."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if check():
            return True
        time.sleep(0.02)
    return check()
