"""Two writers at once lose and duplicate nothing; kill -9 mid-write leaves readable tables."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.dataset as pads
import pytest

from flows.config import load_sources
from flows.ingest import run_ingest
from flows.runner import Window

REPO = Path(__file__).resolve().parents[2]
TABLES = ("articles", "signals", "rejects")
KEYS = {"articles": "article_id", "signals": "signal_id", "rejects": "reject_id"}
RUNNER = """
import sys
from flows.config import load_sources
from flows.ingest import run_ingest
from flows.runner import Window
if __name__ == "__main__":
    run_ingest(load_sources(sys.argv[1]), sys.argv[2], Window())
"""


def read_keys(data: Path) -> dict[str, list[str]]:
    """Read every table with all three readers; they must agree; return the keys per table."""
    out: dict[str, list[str]] = {}
    for table in TABLES:
        glob = str(data / table / "**" / "*.parquet")
        key = KEYS[table]
        seen = [
            sorted(
                pl.scan_parquet(glob, hive_partitioning=True).select(key).collect()[key].to_list()
            ),
            sorted(
                r[0]
                for r in duckdb.sql(
                    f"select {key} from read_parquet('{glob}', hive_partitioning=true)"
                ).fetchall()
            ),
            sorted(
                pads.dataset(data / table, format="parquet", partitioning="hive")
                .to_table(columns=[key])[key]
                .to_pylist()
            ),
        ]
        assert seen[0] == seen[1] == seen[2], table
        out[table] = seen[0]
    return out


def make_corpus(root: Path, shared: Path, copies: int) -> Path:
    pages = root / "pages"
    for i in range(copies):
        shutil.copytree(shared / "corpus" / "cwce" / "original", pages / f"c{i}")
    shutil.copytree(REPO / "examples" / "pages", pages / "examples")
    toml = root / "sources.toml"
    toml.write_text(
        '[[sources]]\nname = "crash"\nkind = "directory"\npath = "pages"\ntimezone = "Asia/Shanghai"\n'
    )
    return toml


def test_kill_9_mid_write_then_rerun_matches_clean_run(tmp_path: Path, shared: Path) -> None:
    toml = make_corpus(tmp_path, shared, copies=2)
    reference = tmp_path / "reference"
    run_ingest(load_sources(toml), str(reference), Window())
    want = read_keys(reference)
    assert len(want["articles"]) > 100
    data = tmp_path / "data"
    script = tmp_path / "runner.py"
    script.write_text(RUNNER)
    env = {**os.environ, "RADAR_COMMIT_PAGES": "7", "RADAR_WORKERS": "1", "PYTHONPATH": str(REPO)}
    rng = random.Random(20250106)
    kills = 0
    for _ in range(4):
        proc = subprocess.Popen(
            [sys.executable, str(script), str(toml), str(data)],
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Wait for the first commit, then kill at a random moment during the writes.
        deadline = time.monotonic() + 120
        while (
            not list((data / "state").rglob("*.parquet"))
            and time.monotonic() < deadline
            and proc.poll() is None
        ):
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 2.5))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        got = read_keys(data)
        for table in TABLES:
            assert len(got[table]) == len(set(got[table])), f"duplicates in {table} after kill"
            assert set(got[table]) <= set(want[table]), f"unexpected rows in {table}"
    assert kills >= 1
    run_ingest(load_sources(toml), str(data), Window())
    assert read_keys(data) == want


def test_two_ingest_processes_at_once(tmp_path: Path) -> None:
    toml = tmp_path / "sources.toml"
    shutil.copytree(REPO / "examples" / "pages", tmp_path / "pages")
    toml.write_text(
        '[[sources]]\nname = "a"\nkind = "directory"\npath = "pages"\ntimezone = "Asia/Shanghai"\n'
    )
    reference = tmp_path / "reference"
    run_ingest(load_sources(toml), str(reference), Window())
    data = tmp_path / "data"
    cmd = [sys.executable, "-m", "flows.cli", "ingest", "--sources", str(toml), "--data", str(data)]
    procs = [
        subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for _ in range(2)
    ]
    outputs = []
    try:
        for proc in procs:
            outputs.append((proc.communicate(timeout=300)[0], proc.returncode))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    for out, code in outputs:
        assert code == 0, out
    assert read_keys(data) == read_keys(reference)


@pytest.mark.parametrize("table", TABLES)
def test_no_stray_files_visible_to_readers(tmp_path: Path, table: str) -> None:
    toml = tmp_path / "sources.toml"
    shutil.copytree(REPO / "examples" / "pages" / "en", tmp_path / "pages")
    toml.write_text('[[sources]]\nname = "a"\nkind = "directory"\npath = "pages"\n')
    run_ingest(load_sources(toml), str(tmp_path / "d"), Window())
    for path in (tmp_path / "d" / table).rglob("*"):
        assert not path.name.startswith("."), f"temporary file left in {table}: {path}"
