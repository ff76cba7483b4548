"""SIGKILL at random moments (extraction, mid-write, between rows and state): nothing lost or doubled.

``RADAR_KILLS`` sets the number of kills (default 8; the recorded run in docs/reliability.md
used 50), ``RADAR_KILLS_PER_CYCLE`` how many kills land on one DATA before a re-run must finish
the job (default 4; 1 checks the re-run after every single kill), ``RADAR_KILL_SEED`` the seed.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from relkit import (
    RUNNER,
    TABLES,
    child_env,
    cli,
    content_of,
    crash_corpus,
    kill_group,
    read_keys,
    reaped,
    start,
    table_dir,
)

KILLS = int(os.environ.get("RADAR_KILLS", "8"))
PER_CYCLE = max(1, int(os.environ.get("RADAR_KILLS_PER_CYCLE", "4")))
SEED = int(os.environ.get("RADAR_KILL_SEED", "20261124"))
CLI_EVERY = 8  # every 8th kill hits the real `radar ingest` (it starts a Prefect server)
PHASES = ("extraction", "mid-write", "rows-before-state", "random")


def parquet_count(folder: Path) -> int:
    """Return the number of Parquet files below a folder."""
    return sum(1 for _ in folder.rglob("*.parquet")) if folder.is_dir() else 0


def staging_busy(data: Path) -> bool:
    """Return True while a commit has files in DATA/.staging."""
    staging = data / ".staging"
    try:
        return any(True for _ in staging.iterdir())
    except OSError:
        return False


def kill_at(
    phase: str, data: Path, proc: subprocess.Popen[bytes], rng: random.Random, span: float
) -> bool:
    """Wait for the moment of a phase, return True if the child was still running then."""
    state_dir = table_dir(data, "pages")
    articles = table_dir(data, "articles")
    deadline = time.monotonic() + 240
    if phase == "extraction":
        # Before or around the first commit: workers busy, nothing or little written yet.
        end = time.monotonic() + rng.uniform(0.3, 4.0)
        while time.monotonic() < end and proc.poll() is None:
            time.sleep(0.01)
        return proc.poll() is None
    # The other phases start once the first commit went through.
    while parquet_count(state_dir) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if phase == "random":
        end = time.monotonic() + rng.uniform(0.0, span / 2)
        while time.monotonic() < end and proc.poll() is None:
            time.sleep(0.01)
    elif phase == "mid-write":
        # Kill as soon as a commit is writing: staging in use or a table gained a file.
        time.sleep(rng.uniform(0.0, span / 4))
        tables = [table_dir(data, t) for t in ("signals", "rejects", "pages")]
        counts = [parquet_count(t) for t in tables]
        end = time.monotonic() + span / 3
        while proc.poll() is None and time.monotonic() < end:
            if staging_busy(data) or [parquet_count(t) for t in tables] != counts:
                break
            time.sleep(0.0005)
    else:
        # Kill right after a commit wrote new article files, before it writes the state.
        time.sleep(rng.uniform(0.0, span / 4))
        before = parquet_count(articles)
        end = time.monotonic() + span / 3
        while parquet_count(articles) == before and proc.poll() is None and time.monotonic() < end:
            time.sleep(0.001)
    return proc.poll() is None


def finish(script: Path, toml: Path, data: Path) -> None:
    """Run an uninterrupted ingest in a child, as the killed runs do (same interpreter set-up)."""
    done = subprocess.run(
        [sys.executable, str(script), str(toml), str(data)],
        env=child_env(RADAR_WORKERS="2"),
        capture_output=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_sigkill_at_random_moments_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    toml = crash_corpus(tmp_path)
    script = tmp_path / "runner.py"
    script.write_text(RUNNER)
    reference = tmp_path / "reference"
    started = time.monotonic()
    finish(script, toml, reference)
    span = max(2.0, (time.monotonic() - started) * 1.2)
    want = read_keys(reference)
    want_content = content_of(reference)
    assert len(want["articles"]) > 10 and want["signals"]
    data = tmp_path / "data"
    rng = random.Random(SEED)
    kills: Counter[str] = Counter()
    finished_early = 0
    cycles = 0
    in_cycle = 0
    attempt = 0
    while sum(kills.values()) < KILLS:
        attempt += 1
        assert attempt < KILLS * 4, "could not land the kills; runs finish too fast"
        phase = PHASES[attempt % len(PHASES)] if attempt > 1 else "random"
        through_cli = attempt % CLI_EVERY == 0
        argv = (
            cli("ingest", "--sources", str(toml), "--data", str(data))
            if through_cli
            else [sys.executable, str(script), str(toml), str(data)]
        )
        env = child_env(RADAR_COMMIT_PAGES="7", RADAR_WORKERS=rng.choice(["1", "2"]))
        proc = start(argv, env)
        with reaped([proc]):
            # The CLI spends its first seconds starting a Prefect server: extraction comes later.
            moment = "random" if through_cli and phase == "extraction" else phase
            t0 = time.monotonic()
            alive = kill_at(moment, data, proc, rng, span)
            if alive:
                busy = staging_busy(data)
                kill_group(proc)
                label = "mid-write" if busy else moment
                kills[f"{label}{' (cli)' if through_cli else ''}"] += 1
                print(f"kill {sum(kills.values())}: {label} after {time.monotonic() - t0:.1f} s")
                in_cycle += 1
            else:
                proc.wait(timeout=60)
                assert proc.returncode == 0
                finished_early += 1
        got = read_keys(data)  # every table reads with all three readers
        for table in TABLES:
            assert len(got[table]) == len(set(got[table])), f"duplicates in {table} after kill"
            assert set(got[table]) <= set(want[table]), f"unexpected rows in {table}"
        assert content_of(data)["articles"] <= want_content["articles"]  # same text per article
        assert not any(p.name.startswith(".") for p in (data / "articles").rglob("*"))
        if in_cycle >= PER_CYCLE or not alive:
            # The re-run finishes the job: exactly the rows of the uninterrupted run.
            finish(script, toml, data)
            assert read_keys(data) == want
            assert content_of(data) == want_content
            cycles += 1
            in_cycle = 0
            shutil.rmtree(data)
    if data.exists():
        finish(script, toml, data)
        assert read_keys(data) == want
        assert content_of(data) == want_content
        cycles += 1
    print(
        f"\nkills by moment: {dict(kills)}; finished before the kill: {finished_early}; "
        f"cycles verified: {cycles}"
    )
    assert cycles >= 1
