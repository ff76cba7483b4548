"""A temporary Prefect API server for one CLI run, booted while the CLI imports its flows.

With no ``PREFECT_API_URL``, Prefect starts its own temporary server the first time a flow
needs the API: it first imports the whole server app in the CLI process (seconds of CPU),
then boots a uvicorn subprocess that imports it again, and waits. ``TemporaryServer`` starts
the same subprocess (same command, same ``PREFECT_HOME`` database, same ephemeral settings)
before the CLI imports Prefect, so the boot overlaps the imports and the CLI process never
imports the server app. The flow then runs with ``PREFECT_API_URL`` pointing at it.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.metadata
import importlib.util
import logging
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extractors.exceptions import ConfigError

log = logging.getLogger("policy_radar.apiserver")
STARTUP_TIMEOUT_ENV = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
STARTS = 3
STOP_WAIT_S = 5.0
POLL_S = 0.05
# Marks the URL of a server this module started, so the writer slot skips it (locks.py).
URL_ENV = "RADAR_TEMPORARY_API_URL"
# Alembic's check on every start costs ~0.7 s: skipped once this database is known to be at
# the head of the installed Prefect's migrations (same Prefect version, and the database
# records the revision this version migrated it to).
MARKER = ".radar-migrated"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _prefect_dir() -> Path:
    spec = importlib.util.find_spec("prefect")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("prefect is not installed")
    return Path(next(iter(spec.submodule_search_locations))).parent


class TemporaryServer:
    """One uvicorn process serving Prefect's API on 127.0.0.1, stopped at exit."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._starts = 0

    @property
    def url(self) -> str:
        """Return the API URL."""
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> TemporaryServer:
        """Start the server process (without waiting for it); return self."""
        self._starts += 1
        env = {
            **os.environ,
            "PREFECT_UI_ENABLED": "0",
            "PREFECT__SERVER_EPHEMERAL": "1",
            "PREFECT__SERVER_FINAL": "1",
        }
        env.pop("PREFECT_API_URL", None)
        marker = _migrated_marker()
        if marker is not None and marker == _read_marker():
            env.setdefault("PREFECT_API_DATABASE_MIGRATE_ON_START", "false")
        command = [
            sys.executable, "-m", "uvicorn",
            "--app-dir", str(_prefect_dir()),
            "--factory", "prefect.server.api.server:create_app",
            "--host", "127.0.0.1", "--port", str(self.port),
            "--log-level", "error", "--lifespan", "on",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL)
        atexit.register(self.stop)  # after Prefect's own exit hooks: they flush logs to it
        return self

    def wait(self, timeout: float | None = None) -> str:
        """Block until the API answers /health; return its URL."""
        limit = timeout if timeout is not None else float(os.environ.get(STARTUP_TIMEOUT_ENV, 120))
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            assert self.process is not None, "start() first"
            code = self.process.poll()
            if code is not None:
                if self._starts >= STARTS:
                    raise ConfigError(f"the temporary Prefect server exited with code {code}")
                self.port = _free_port()  # most likely the port was taken meanwhile
                self.start()
                continue
            if self._healthy():
                os.environ[URL_ENV] = self.url
                _write_marker()
                return self.url
            time.sleep(POLL_S)
        self.stop()
        raise ConfigError(
            f"the temporary Prefect server did not answer within {limit:.0f} s "
            f"(set PREFECT_API_URL to use a running server, or raise {STARTUP_TIMEOUT_ENV})"
        )

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/health", timeout=1) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    def stop(self) -> None:
        """Stop the server process (gracefully, then by force)."""
        process, self.process = self.process, None
        if os.environ.get(URL_ENV) == self.url:
            del os.environ[URL_ENV]
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_WAIT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _prefect_home() -> Path:
    return Path(os.environ.get("PREFECT_HOME", "~/.prefect")).expanduser()


def _migrated_marker() -> str | None:
    """Return this Prefect version and the revision its default SQLite database records."""
    if any(
        os.environ.get(name)
        for name in (
            "PREFECT_API_DATABASE_CONNECTION_URL",
            "PREFECT_SERVER_DATABASE_CONNECTION_URL",
            "PREFECT_API_DATABASE_MIGRATE_ON_START",
        )
    ):
        return None  # another database, or the user decides: Prefect's default behaviour
    revision = _database_revision(_prefect_home() / "prefect.db")
    if revision is None:
        return None
    return f"prefect {importlib.metadata.version('prefect')} alembic {revision}"


def _database_revision(path: Path) -> str | None:
    """Return the Alembic revision the SQLite database at ``path`` records, if any."""
    if not path.is_file():
        return None  # sqlite3 would create it
    try:
        with contextlib.closing(
            sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1)
        ) as db:
            rows = db.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        return None  # no table yet (a new file), locked or not a database: migrations run
    return str(rows[0][0]) if len(rows) == 1 else None


def _read_marker() -> str | None:
    try:
        return (_prefect_home() / MARKER).read_text(encoding="utf-8")
    except OSError:
        return None


def _write_marker() -> None:
    """Note that this database is at the head of this Prefect version's migrations."""
    marker = _migrated_marker()
    if marker is not None and marker != _read_marker():
        with contextlib.suppress(OSError):
            (_prefect_home() / MARKER).write_text(marker, encoding="utf-8")


def wanted() -> bool:
    """Return True when no API is configured and Prefect would start a temporary server."""
    if "prefect.settings" in sys.modules:  # already imported: ask it (a test harness, a profile)
        from prefect.settings import PREFECT_API_URL

        return not PREFECT_API_URL.value()
    return not os.environ.get("PREFECT_API_URL") and not _api_url_in_profile()


def _api_url_in_profile() -> bool:
    """Return True when the active Prefect profile sets an API URL (read without Prefect)."""
    home = _prefect_home()
    profiles = Path(os.environ.get("PREFECT_PROFILES_PATH", home / "profiles.toml")).expanduser()
    try:
        import tomllib

        data = tomllib.loads(profiles.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    name = os.environ.get("PREFECT_PROFILE") or data.get("active", "ephemeral")
    profile = data.get("profiles", {}).get(name, {})
    return bool(isinstance(profile, dict) and profile.get("PREFECT_API_URL"))


@contextlib.contextmanager
def early_server() -> Iterator[TemporaryServer | None]:
    """Start a temporary server now when one will be needed; stop it when the block ends."""
    server = TemporaryServer().start() if wanted() else None
    try:
        yield server
    finally:
        if server is not None:
            _flush_prefect_logs()
            server.stop()


@contextlib.contextmanager
def api_of(server: TemporaryServer | None) -> Iterator[None]:
    """Wait for the server, then point Prefect at it for the block (nothing without one)."""
    if server is None:
        yield
        return
    url = server.wait()
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        temporary_settings,
    )

    # Heartbeats let a server's services mark crashed runs; a temporary server runs none, and
    # each flow run's end waits up to 1 s for the heartbeat thread's sleep.
    updates = {PREFECT_API_URL: url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
    with temporary_settings(updates=updates):
        yield
        _flush_prefect_logs()


def _flush_prefect_logs() -> None:
    """Send what Prefect's log and event workers still hold while the server is up."""
    workers: list[Any] = []
    if "prefect.logging.handlers" in sys.modules:
        from prefect.logging.handlers import APILogWorker

        workers.append(APILogWorker)
    if "prefect.events.worker" in sys.modules:
        from prefect.events.worker import EventsWorker

        workers.append(EventsWorker)
    for worker in workers:
        worker.drain_all(timeout=STOP_WAIT_S, at_exit=False)
