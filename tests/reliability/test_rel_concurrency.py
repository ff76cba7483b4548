"""Two ingests and a backfill at once on one DATA end with the rows of running them one by one."""

from __future__ import annotations

import shutil
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from relkit import (
    ALL_TABLES,
    BAD_PAGES,
    CWCE,
    EXAMPLES,
    RUNNER,
    child_env,
    cli,
    content_of,
    copy_cwce,
    directory_sources,
    read_keys,
    reaped,
    run_child,
    start,
)

from flows.config import load_sources
from flows.ingest import run_ingest
from flows.sources import Window
from storage.store import Store

SINCE, UNTIL = "2024-11-25", "2024-12-08"  # two ISO weeks: en articles, none of zh or tw


def corpus(root: Path) -> tuple[Path, Path, Path]:
    """Return the sources files of ingest A (en, zh), ingest B (zh, tw) and the backfill."""
    for lang in ("en", "zh", "tw"):
        shutil.copytree(EXAMPLES / lang, root / "pages" / lang)
    for name, body in BAD_PAGES.items():  # rejects too, in a source both ingests share
        (root / "pages" / "zh" / f"bad-{name}").write_bytes(body)
    if CWCE.is_dir():
        copy_cwce(root / "pages" / "cwce")
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
            "backfill", "--since", SINCE, "--until", UNTIL, "--window-days", "14",
            "--sources", str(c), "--data", str(data),
        ),
    ]  # fmt: skip


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_two_ingests_and_a_backfill_at_once_equal_one_after_the_other(tmp_path: Path) -> None:
    # Without ../shared the backfill's source holds the example pages the ingests store too:
    # near_duplicate_of must not depend on which run stores a copy first.
    env = child_env(RADAR_COMMIT_PAGES="3", RADAR_WORKERS="2")
    tomls = corpus(tmp_path)
    script = tmp_path / "runner.py"
    script.write_text(RUNNER)
    serial = tmp_path / "serial"
    for argv in commands(tomls, script, serial):  # the same three commands, one after the other
        run_child(argv, env)
    want = read_keys(serial, ALL_TABLES)
    assert want["articles"] and want["signals"] and want["rejects"] and want["digest_items"]
    together = tmp_path / "together"
    ingest_a, ingest_b, backfill = commands(tomls, script, together)
    log = tmp_path / "backfill.log"
    procs = [start(backfill, env, log)]
    overlapped = False
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
        while any(p.poll() is None for p in procs) and time.monotonic() < deadline + 600:
            overlapped |= all(p.poll() is None for p in procs)
            time.sleep(0.05)
        for proc in procs:
            proc.wait(timeout=60)
        codes = [p.returncode for p in procs]
    logs = (log, tmp_path / "a.log", tmp_path / "b.log")
    failed = [path for path, code in zip(logs, codes, strict=True) if code != 0]
    assert codes == [0, 0, 0], "\n".join(p.read_text(errors="replace")[-4000:] for p in failed)
    assert overlapped, "the three runs never ran at the same time"
    assert read_keys(together, ALL_TABLES) == want
    assert content_of(together) == content_of(serial)  # every column of every row
    assert not list((together / ".staging").iterdir())


def test_a_windowed_run_that_read_state_early_does_not_undo_an_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The interleaving a backfill and an ingest of one source can meet, made deterministic."""
    shutil.copytree(EXAMPLES / "en", tmp_path / "pages" / "en")
    sources = load_sources(directory_sources(tmp_path, "en"))
    window = Window(date(2024, 11, 25), date(2024, 12, 8))
    serial, together = tmp_path / "serial", tmp_path / "together"
    run_ingest(sources, str(serial), Window())
    run_ingest(sources, str(serial), window)
    run_ingest(sources, str(together), Window())
    # The windowed run read the state before the ingest committed: it saw nothing stored.
    monkeypatch.setattr(Store, "page_states", lambda self, source: {})
    run_ingest(sources, str(together), window)
    assert content_of(together) == content_of(serial)
