"""Two ingests and a backfill at once on one DATA end with the rows of running them one by one."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from relkit import (
    EXAMPLES,
    RUNNER,
    SHARED,
    child_env,
    cli,
    content_of,
    directory_sources,
    read_keys,
    reaped,
    start,
)

SINCE, UNTIL = "2025-01-20", "2025-02-16"  # four ISO weeks, one window


def corpus(root: Path) -> tuple[Path, Path, Path]:
    """Return the sources files of ingest A (en, zh), ingest B (zh, tw) and the backfill."""
    for lang in ("en", "zh", "tw"):
        shutil.copytree(EXAMPLES / lang, root / "pages" / lang)
    cwce = SHARED / "corpus" / "cwce" / "original"
    if cwce.is_dir():
        shutil.copytree(cwce, root / "pages" / "cwce")
    else:
        shutil.copytree(EXAMPLES, root / "pages" / "cwce")
    return (
        directory_sources(root, "en", "zh"),
        directory_sources(root, "zh", "tw"),
        directory_sources(root, "cwce", "en"),
    )


def commands(tomls: tuple[Path, Path, Path], script: Path, data: Path) -> list[list[str]]:
    """Return the argv of ingest A, ingest B and the backfill over one DATA."""
    a, b, c = tomls
    return [
        [sys.executable, str(script), str(a), str(data)],
        [sys.executable, str(script), str(b), str(data)],
        cli(
            "backfill", "--since", SINCE, "--until", UNTIL, "--window-days", "28",
            "--sources", str(c), "--data", str(data),
        ),
    ]  # fmt: skip


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_two_ingests_and_a_backfill_at_once_equal_one_after_the_other(tmp_path: Path) -> None:
    env = child_env(RADAR_COMMIT_PAGES="3", RADAR_WORKERS="2")
    tomls = corpus(tmp_path)
    script = tmp_path / "runner.py"
    script.write_text(RUNNER)
    serial = tmp_path / "serial"
    # One after the other; the backfill's rows are those of an ingest over its window (its
    # digests are checked below for readability only: they depend on what was there first).
    first, second, _ = commands(tomls, script, serial)
    window = [sys.executable, str(script), str(tomls[2]), str(serial), SINCE, UNTIL]
    for argv in (first, second, window):
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
    want = read_keys(serial)
    assert want["articles"]
    together = tmp_path / "together"
    ingest_a, ingest_b, backfill = commands(tomls, script, together)
    log = tmp_path / "backfill.log"
    procs = [start(backfill, env, log)]
    with reaped(procs):
        # Start both ingests when the backfill's flow begins, so all three write at once.
        deadline = time.monotonic() + 300
        while procs[0].poll() is None and time.monotonic() < deadline:
            if "Beginning flow run" in log.read_text(errors="replace"):
                break
            time.sleep(0.05)
        procs += [
            start(ingest_a, env, tmp_path / "a.log"),
            start(ingest_b, env, tmp_path / "b.log"),
        ]
        for proc in procs:
            proc.wait(timeout=900)
        codes = [p.returncode for p in procs]
    logs = (log, tmp_path / "a.log", tmp_path / "b.log")
    failed = [path for path, code in zip(logs, codes, strict=True) if code != 0]
    assert codes == [0, 0, 0], "\n".join(p.read_text(errors="replace")[-4000:] for p in failed)
    got = read_keys(together, ("articles", "signals", "rejects", "pages", "digest_items"))
    for table in ("articles", "signals", "rejects", "pages"):
        assert got[table] == want[table], table
    assert content_of(together) == content_of(serial)
    assert got["digest_items"] and len(got["digest_items"]) == len(set(got["digest_items"]))
    assert not list((together / ".staging").iterdir())
