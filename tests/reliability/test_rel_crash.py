"""SIGKILL during extraction, mid-write and mid-commit of state: nothing lost, doubled or unreadable.

Each attempt runs an ingest in a child (``crashchild.py``: ``run_ingest``, or the real ``radar
ingest`` CLI every 5th time) and kills its whole process group (extraction workers and the CLI's
Prefect server too) with SIGKILL. Targeted attempts stop the child at a random event of one
phase (the n-th extraction result, Parquet write, raw page write, folder swap or state commit,
n drawn at random) and are killed there; "random" attempts are killed after a uniform delay.
Every kill is classified by what it left in DATA (a half-written file, rows without their state
row, or neither); a targeted kill must leave what its phase implies, and each phase must be hit.

``RADAR_KILLS`` sets the number of kills (default 8; docs/reliability.md records a 50-kill
run), ``RADAR_KILLS_PER_CYCLE`` how many kills land on one DATA before a re-run must finish the
job (default 2), ``RADAR_KILL_SEED`` the seed.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from relkit import (
    ALL_TABLES,
    EXAMPLES,
    TABLES,
    child_env,
    content_of,
    crash_corpus,
    directory_sources,
    kill_group,
    read_keys,
    read_table,
    reaped,
    start,
    table_dir,
    wait_for,
)

from flows.config import load_sources
from flows.ingest import run_ingest
from flows.sources import Window
from storage.raw import RawStore

KILLS = int(os.environ.get("RADAR_KILLS", "8"))
PER_CYCLE = max(1, int(os.environ.get("RADAR_KILLS_PER_CYCLE", "2")))
SEED = int(os.environ.get("RADAR_KILL_SEED", "20261124"))
CLI_EVERY = 5
TARGETED = ("extraction", "mid-write", "state")
PHASES = (*TARGETED, "random")
CHILD = Path(__file__).with_name("crashchild.py")
COMMIT_PAGES = "4"  # pages per commit: with ~40 pages, about ten commits to land kills in
COMPACT_AT = 6  # folders past 6 files are compacted: the swap path runs often


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a kill can leave in DATA: half-done files, and committed rows lacking their state."""

    partial: frozenset[str]
    stateless: frozenset[str]


def stateless_rows(data: Path) -> set[str]:
    """Return ids of articles and rejects whose page has no matching state row yet."""
    state = read_table(data, "pages")
    known: dict[tuple[str, str], tuple[str, str | None]] = {}
    if state.height:
        for row in state.iter_rows(named=True):
            known[(row["source"], row["locator"])] = (row["outcome"], row["article_id"])
    out: set[str] = set()
    for row in read_table(data, "articles").iter_rows(named=True):
        where = (row["source"], row["path"] or row["url"])
        if known.get(where) != ("article", row["article_id"]):
            out.add(row["article_id"])
    for row in read_table(data, "rejects").iter_rows(named=True):
        where = (row["source"], row["path"] or row["url"])
        if row["raw_hash"] and known.get(where, ("",))[0] != "reject":
            out.add(row["reject_id"])
    return out


def evidence(data: Path) -> Evidence:
    """Return the half-done files (staging, raw temporaries) and the stateless rows of DATA."""
    partial: set[str] = set()
    if (data / ".staging").is_dir():
        partial |= {str(p.relative_to(data)) for p in (data / ".staging").rglob("*")}
    if (data / "raw").is_dir():
        partial |= {str(p.relative_to(data)) for p in (data / "raw").glob("*/.*.tmp")}
    return Evidence(
        frozenset(partial), frozenset(stateless_rows(data)) if data.exists() else frozenset()
    )


def group_size(pgid: int) -> int:
    """Return how many live processes are in a process group (the child, workers, server)."""
    n = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        n += int(fields[2]) == pgid and fields[0] != "Z"
    return n


def plan_for(phase: str, rng: random.Random, totals: Counter[str], left: float) -> dict[str, Any]:
    """Draw the moment of a targeted attempt: which event, which occurrence, how far into it."""

    def nth(event: str) -> int:
        return rng.randint(1, max(1, round(totals[event] * left)))

    fraction = round(rng.uniform(0.05, 0.95), 3)
    if phase == "extraction":
        return {"event": "result", "n": nth("result")}
    if phase == "state":
        return {"event": "state", "n": nth("state"), "sub": rng.choice(["before", "partial"]),
                "fraction": fraction}  # fmt: skip
    kind = rng.choice(["partial", "partial", "unrenamed", "raw", "swap-before", "swap-after"])
    if kind == "raw":
        return {"event": "raw", "n": nth("raw"), "fraction": fraction}
    if kind.startswith("swap") and totals["swap"]:
        return {"event": "swap", "n": nth("swap"), "sub": kind[5:]}
    return {"event": "write", "n": nth("write"), "sub": kind.replace("swap-after", "partial"),
            "fraction": fraction}  # fmt: skip


def classify(phase: str, plan: dict[str, Any], before: Evidence, after: Evidence) -> str:
    """Return the phase a kill landed in, judged from DATA; targeted kills must match their plan."""
    new_partial = after.partial - before.partial
    new_stateless = after.stateless - before.stateless
    if phase == "extraction":
        assert not new_partial and not new_stateless, (plan, new_partial, new_stateless)
    elif phase == "mid-write":
        assert new_partial, f"no half-done file after {plan}"
    elif phase == "state":
        assert after.stateless, f"no rows without state after {plan}"
        assert new_partial or plan["sub"] == "before", plan
    else:
        return "mid-write" if new_partial else "state" if new_stateless else "between commits"
    return phase


def child(mode: str, toml: Path, data: Path) -> list[str]:
    """Return the argv of a crash child: ``run_ingest`` or the real CLI."""
    if mode == "cli":
        return [sys.executable, str(CHILD), "cli", "ingest", "--sources", str(toml),
                "--data", str(data)]  # fmt: skip
    return [sys.executable, str(CHILD), "run", str(toml), str(data)]


def finish(toml: Path, data: Path, plan: dict[str, Any] | None = None) -> None:
    """Run an uninterrupted ingest in a child, as the killed runs do (same interpreter set-up)."""
    env = child_env(RADAR_WORKERS="2", RADAR_COMMIT_PAGES=COMMIT_PAGES,
                    RADAR_KILL_PLAN=json.dumps({"compact_at": COMPACT_AT, **(plan or {})}))  # fmt: skip
    done = subprocess.run(child("run", toml, data), env=env, capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode()[-2000:]


def check_raw(data: Path) -> None:
    """Every raw page a state row names is there, whole (its hash verified)."""
    raw = RawStore(data)
    state = read_table(data, "pages")
    for raw_hash in state["raw_hash"].drop_nulls().to_list() if state.height else []:
        raw.get(raw_hash)


def check_after_kill(data: Path, want: dict[str, list[str]], rows: dict[str, list[str]]) -> None:
    """Every table reads with three readers; no key twice; nothing the uninterrupted run lacks."""
    got = read_keys(data, ALL_TABLES)
    stored = content_of(data)
    for table in TABLES:
        assert len(got[table]) == len(set(got[table])), f"duplicates in {table} after kill"
        assert set(got[table]) <= set(want[table]), f"unexpected rows in {table}"
        assert set(stored[table]) <= set(rows[table]), f"rows of {table} differ from the reference"
    check_raw(data)


def check_finished(data: Path, want: dict[str, list[str]], rows: dict[str, list[str]]) -> None:
    """The re-run ended with exactly the rows (all columns) of the uninterrupted run."""
    assert read_keys(data, ALL_TABLES) == {**want, "digest_items": []}
    assert content_of(data) == rows
    check_raw(data)
    assert not list((data / ".staging").iterdir())
    assert not [p for t in TABLES for p in table_dir(data, t).rglob(".*")], "hidden files"


@pytest.mark.slow
@pytest.mark.timeout(7200)
def test_sigkill_during_extraction_writes_and_state_loses_and_duplicates_nothing(
    tmp_path: Path, shared: Path
) -> None:
    # Needs ../shared: the CWCE pages make the run long enough to be killed mid-swap.
    toml = crash_corpus(tmp_path)
    reference, counts = tmp_path / "reference", tmp_path / "counts.json"
    started = time.monotonic()
    finish(toml, reference, {"count": str(counts)})
    span = time.monotonic() - started
    totals: Counter[str] = Counter(json.loads(counts.read_text()))
    want, rows = read_keys(reference), content_of(reference)
    pages = len(want["pages"])
    assert len(want["articles"]) > 10 and want["signals"] and want["rejects"]
    assert totals["state"] > 3 and totals["swap"], totals
    data = tmp_path / "data"
    rng = random.Random(SEED)
    landed: Counter[str] = Counter()
    moments: Counter[str] = Counter()
    workers_killed = early = cycles = in_cycle = attempt = cli_runs = 0
    while sum(landed.values()) < KILLS:
        attempt += 1
        assert attempt <= KILLS * 3, "could not land the kills"
        through_cli = attempt % CLI_EVERY == 0
        phase = TARGETED[cli_runs % 3] if through_cli else PHASES[(attempt - 1) % len(PHASES)]
        cli_runs += through_cli
        left = 1.0 - len(read_keys(data, ["pages"])["pages"]) / pages if data.exists() else 1.0
        plan = plan_for(phase, rng, totals, max(left, 0.05)) if phase != "random" else {}
        marker = tmp_path / f"marker-{attempt}.json"
        plan |= {"marker": str(marker), "compact_at": COMPACT_AT}
        workers = "2" if phase == "extraction" else rng.choice(["1", "2"])
        env = child_env(RADAR_COMMIT_PAGES=COMMIT_PAGES, RADAR_WORKERS=workers,
                        RADAR_KILL_PLAN=json.dumps(plan))  # fmt: skip
        before = evidence(data)
        proc = start(child("cli" if through_cli else "run", toml, data), env)
        with reaped([proc]):
            if phase == "random":
                deadline = time.monotonic() + rng.uniform(1.0, span)
                while time.monotonic() < deadline and proc.poll() is None:
                    time.sleep(0.01)
                alive = proc.poll() is None
            else:
                alive = wait_for(marker.exists, 600, proc)
            size = 0
            if alive:
                if phase == "extraction":
                    time.sleep(rng.uniform(0.0, 0.3))  # the workers go on extracting
                size = group_size(proc.pid)
                kill_group(proc)
            else:
                proc.wait(timeout=60)
        if not alive:
            assert proc.returncode == 0
            early += 1
        else:
            label = classify(phase, plan, before, evidence(data))
            landed[label + (" (cli)" if through_cli else "")] += 1
            where = json.loads(marker.read_text())["at"] if marker.exists() else "uniform delay"
            moments[where.split(":")[0]] += 1
            workers_killed += size > 1
            print(f"kill {sum(landed.values())}: {phase} -> {label}, {size} processes; {where}")
            in_cycle += 1
            check_after_kill(data, want, rows)
        if in_cycle >= PER_CYCLE or not alive:
            finish(toml, data)  # the re-run finishes the job
            check_finished(data, want, rows)
            cycles += 1
            in_cycle = 0
            shutil.rmtree(data)
    if data.exists():
        finish(toml, data)
        check_finished(data, want, rows)
        cycles += 1
    print(
        f"\nkills by phase (judged from DATA): {dict(sorted(landed.items()))}\n"
        f"moments: {dict(sorted(moments.items()))}\nkills with live extraction workers or "
        f"server: {workers_killed}; finished before their moment: {early}; re-runs verified: "
        f"{cycles}; attempts: {attempt}; reference run: {span:.1f} s, events {dict(totals)}"
    )
    if KILLS >= 3:
        for phase in TARGETED:
            assert sum(n for k, n in landed.items() if k.startswith(phase)) >= 1, (phase, landed)


def test_a_rerun_with_nothing_to_commit_clears_what_a_killed_writer_left(tmp_path: Path) -> None:
    pages = tmp_path / "pages" / "one"
    pages.mkdir(parents=True)
    shutil.copy(EXAMPLES / "en" / "bom-eu-ai-act-in-force.html", pages)
    sources = load_sources(directory_sources(tmp_path, "one"))
    data = tmp_path / "data"
    run_ingest(sources, str(data), Window())
    left = data / ".staging" / "part-0123abcd"
    left.mkdir()
    (left / "part-x.parquet").write_bytes(b"PAR1 half")
    (data / ".staging" / ".part-y.parquet.tmp").write_bytes(b"PAR1")
    with FileLock(str(data / ".radar.lock")):  # another writer holds the lock: its files stay
        (stats,) = run_ingest(sources, str(data), Window())
        assert left.exists()
    (stats,) = run_ingest(sources, str(data), Window())
    assert stats.extracted == 0 and not list((data / ".staging").iterdir())
