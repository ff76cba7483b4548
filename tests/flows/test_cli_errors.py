"""The radar CLI: config errors are one clear line and a non-zero exit; runs complete."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def radar_process(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """Run the radar CLI in a subprocess, exactly as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        env=dict(os.environ),
    )


def radar(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the radar CLI in this process (fast), returning what a subprocess would."""
    from typer.testing import CliRunner

    from flows.cli import app

    cwd = Path.cwd()
    os.chdir(REPO)
    try:
        result = CliRunner().invoke(app, list(args))
    finally:
        os.chdir(cwd)
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


def assert_one_clear_line(proc: subprocess.CompletedProcess[str], needle: str) -> None:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert needle in lines[0]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_sources_file(tmp_path: Path) -> None:
    proc = radar_process(
        "ingest", "--sources", str(tmp_path / "nope.toml"), "--data", str(tmp_path / "d")
    )
    assert_one_clear_line(proc, "sources file not found")


def test_bad_toml(tmp_path: Path) -> None:
    bad = write(tmp_path / "s.toml", "[[sources]\nname = ")
    assert_one_clear_line(radar("ingest", "--sources", str(bad)), "not valid TOML")


def test_unknown_kind(tmp_path: Path) -> None:
    bad = write(tmp_path / "s.toml", '[[sources]]\nname = "x"\nkind = "ftp"\n')
    assert_one_clear_line(radar("ingest", "--sources", str(bad)), "unknown kind 'ftp'")


def test_duplicate_names_and_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    dup = write(tmp_path / "s.toml", '[[sources]]\nname="a"\nkind="directory"\npath="p"\n' * 2)
    assert_one_clear_line(radar("ingest", "--sources", str(dup)), "unique")
    gone = write(tmp_path / "g.toml", '[[sources]]\nname="a"\nkind="directory"\npath="nope"\n')
    assert_one_clear_line(radar("ingest", "--sources", str(gone)), "folder not found")


@pytest.mark.parametrize(
    "args,needle",
    [
        (["--since", "2025-13-01"], "--since must be a date"),
        (["--until", "yesterday"], "--until must be a date"),
        (["--since", "2025-02-01", "--until", "2025-01-01"], "is after"),
        (["--only", "ghost"], "unknown source(s): ghost"),
    ],
)
def test_bad_arguments(args: list[str], needle: str) -> None:
    proc = radar("ingest", "--sources", "examples/sources.toml", *args)
    assert_one_clear_line(proc, needle)


def test_bad_week_and_backfill_range() -> None:
    assert_one_clear_line(radar("digest", "--week", "2025-W77"), "week")
    proc = radar(
        "backfill",
        "--since",
        "2025-03-01",
        "--until",
        "2025-01-01",
        "--sources",
        "examples/sources.toml",
    )
    assert_one_clear_line(proc, "is after")


def test_unknown_timezone() -> None:
    assert_one_clear_line(radar("digest", "--timezone", "Mars/Olympus"), "unknown timezone")
    proc = radar(
        "backfill",
        "--since",
        "2025-01-01",
        "--until",
        "2025-01-02",
        "--sources",
        "examples/sources.toml",
        "--timezone",
        "Mars/Olympus",
    )
    assert_one_clear_line(proc, "unknown timezone 'Mars/Olympus'")


def test_unwritable_data(tmp_path: Path) -> None:
    blocker = write(tmp_path / "file", "x")
    proc = radar_process(
        "ingest", "--sources", "examples/sources.toml", "--data", str(blocker / "data")
    )
    assert_one_clear_line(proc, "cannot")


@pytest.mark.parametrize(
    "since,until,week",
    [("0001-01-01", "0001-01-09", "0001-W01"), ("9999-12-01", "9999-12-31", "9999-W48")],
)
def test_a_backfill_touching_a_week_no_digest_can_hold_is_refused_before_any_window(
    tmp_path: Path, since: str, until: str, week: str
) -> None:
    data = tmp_path / "data"
    proc = radar(
        "backfill",
        "--since",
        since,
        "--until",
        until,
        "--sources",
        "examples/sources.toml",
        "--data",
        str(data),
    )
    assert_one_clear_line(proc, f"week '{week}' is outside the years 0002–9998")
    assert not data.exists(), "nothing ingested before the refusal"


@pytest.mark.parametrize("command", [["digest", "--week", "2025-W03"], ["measures"]])
def test_a_missing_data_folder_is_refused_and_not_created(
    tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "radar-dat"
    assert_one_clear_line(radar(*command, "--data", str(missing)), "does not exist")
    assert not missing.exists()
