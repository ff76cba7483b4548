"""The CLI's temporary Prefect server: started early, used by the flow, stopped at the end."""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from flows.runtime.apiserver import TemporaryServer, _api_url_in_profile, _migrated_marker

REPO = Path(__file__).resolve().parents[3]


def _servers_of(home: str) -> list[int]:
    """Return the pids of uvicorn processes whose PREFECT_HOME is ``home``."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes()
            env = (proc / "environ").read_bytes()
        except OSError:
            continue
        if b"uvicorn" in cmd and f"PREFECT_HOME={home}\0".encode() in env:
            found.append(int(proc.name))
    return found


def test_profile_with_an_api_url_means_no_temporary_server(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles.toml"
    profiles.write_text('active = "team"\n[profiles.team]\nPREFECT_API_URL = "http://x:4200/api"\n')
    old = os.environ.get("PREFECT_PROFILES_PATH")
    os.environ["PREFECT_PROFILES_PATH"] = str(profiles)
    try:
        assert _api_url_in_profile()
        profiles.write_text('active = "local"\n[profiles.local]\n')
        assert not _api_url_in_profile()
    finally:
        if old is None:
            del os.environ["PREFECT_PROFILES_PATH"]
        else:
            os.environ["PREFECT_PROFILES_PATH"] = old


@pytest.mark.timeout(300)
def test_taken_port_moves_to_a_free_one_and_stop_leaves_nothing() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        server = TemporaryServer()
        server.port = busy
        server.start()
        url = server.wait()
    assert server.process is not None
    pid = server.process.pid
    try:
        assert url == server.url
        assert f":{busy}/" not in url
    finally:
        server.stop()
    assert server.process is None
    assert not Path(f"/proc/{pid}").exists()  # stopped and reaped


@pytest.mark.timeout(300)
def test_cli_flow_runs_on_its_temporary_server_and_stops_it(tmp_path: Path) -> None:
    home = tmp_path / "prefect-home"
    env = {**os.environ, "PREFECT_HOME": str(home), "PYTHONPATH": str(REPO)}
    env.pop("PREFECT_API_URL", None)
    (tmp_path / "d").mkdir()  # an empty DATA: a quiet week (a missing one is refused)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "digest",
            "--week",
            "2025-W03",
            "--data",
            str(tmp_path / "d"),
        ],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Beginning flow run" in done.stdout + done.stderr
    # Prefect's own temporary server announces itself; ours replaces it, and logs reached it.
    assert "Starting temporary server" not in done.stdout + done.stderr
    assert "Error logging to API" not in done.stdout + done.stderr
    assert (home / "prefect.db").is_file()
    assert _servers_of(str(home)) == []
    # The database was migrated by this server: later starts skip Alembic's check.
    assert (home / ".radar-migrated").read_text().startswith("prefect 3.")


def test_migration_marker_names_the_revision_the_database_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    db = tmp_path / "prefect.db"
    assert _migrated_marker() is None  # no database yet: migrations run
    assert not db.exists()  # and looking did not create one
    db.write_bytes(b"")
    assert _migrated_marker() is None  # an empty file is not at any revision
    _set_revision(db, "27d8f4e1a6c9")
    first = _migrated_marker()
    assert first is not None and first.endswith("alembic 27d8f4e1a6c9")
    db.unlink()
    db.write_bytes(b"")  # a new file, whatever inode it gets, is not trusted
    assert _migrated_marker() is None
    _set_revision(db, "000000000000")
    assert _migrated_marker() not in (None, first)  # another revision is another marker
    db.write_bytes(b"not a database")
    assert _migrated_marker() is None
    _set_revision(db.with_name("x.db"), "27d8f4e1a6c9")
    db.with_name("x.db").replace(db)
    assert _migrated_marker() == first
    monkeypatch.setenv("PREFECT_API_DATABASE_MIGRATE_ON_START", "true")
    assert _migrated_marker() is None  # the user's setting wins


def _set_revision(path: Path, revision: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        db.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
        db.commit()
