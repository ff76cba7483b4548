"""A fresh copy of the checkout and a `prefect server` started as the README says (e2e tests)."""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from prockit import clean_env, free_port, start, stop, tail
from readmekit import REPO, blocks, commands, fresh_copy, is_long_running, shell_env

README = REPO / "README.md"
BUSY = (429, 502, 503)
# The README's port as a whole number: never the 4200 inside a test's own port (44200, 42001).
README_PORT = re.compile(r"(?<![0-9])4200(?![0-9])")


@dataclass
class Fresh:
    """A fresh copy of the checkout and a Prefect server started as the README says."""

    clone: Path
    logs: Path
    port: int
    env: dict[str, str]
    client: httpx.Client
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def adapt(self, command: str) -> str:
        """Return a README command for this test: its port, and the local webhook."""
        return README_PORT.sub(str(self.port), command)

    def run(self, script: list[str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
        """Run README commands in one bash, from the copy's root; fail on the first error."""
        body = "set -e\n" + "\n".join(self.adapt(c) for c in script)
        done = subprocess.run(
            ["bash", "-c", body],
            cwd=self.clone,
            env=self.env,
            stdin=subprocess.DEVNULL,  # not a terminal: no interactive prompt can wait
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, f"{body}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
        return done

    def background(self, script: list[str], name: str) -> subprocess.Popen[bytes]:
        """Start README commands whose last one runs until stopped; return the process group."""
        body = "set -e\n" + "\n".join(self.adapt(c) for c in script)
        proc = start(["bash", "-c", body], self.env, self.logs / f"{name}.log", cwd=self.clone)
        self.procs.append(proc)
        return proc

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """Send an API request (retrying while the server is busy); return its JSON."""
        for attempt in range(10):
            try:
                resp = self.client.request(method, path, **kwargs)
            except httpx.TransportError:
                resp = None
            if resp is not None and resp.status_code not in BUSY:
                assert resp.status_code < 300, f"{path}: {resp.status_code} {resp.text}"
                return resp.json() if resp.content else None
            time.sleep(min(5.0, 0.5 * 2**attempt))
        raise AssertionError(f"{path}: server busy\n{self.diagnostics()}")

    def wait_for(self, path: str, timeout: float) -> Any:
        """Poll GET path until it answers 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                resp = self.client.get(path)
            except httpx.TransportError:
                resp = None
            if resp is not None and resp.status_code == 200:
                return resp.json()
            time.sleep(1.0)
        raise AssertionError(f"{path} not ready after {timeout:.0f}s\n{self.diagnostics()}")

    def run_deployment(self, name: str, parameters: dict[str, Any], timeout: float) -> Any:
        """Create a run as the UI's Custom run does; wait for a final state; return the run."""
        deployment = self.wait_for(f"/deployments/name/{name}", 60)
        run = self.call(
            "POST",
            f"/deployments/{deployment['id']}/create_flow_run",
            json={"parameters": parameters},
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            run = self.call("GET", f"/flow_runs/{run['id']}")
            if run["state"]["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
                return run
            time.sleep(1.0)
        raise AssertionError(f"{name} run not finished\n{self.diagnostics()}")

    def artifacts(self, key: str) -> list[Any]:
        """Return the artifacts of a key, newest first."""
        found: list[Any] = self.call(
            "POST",
            "/artifacts/filter",
            json={"artifacts": {"key": {"any_": [key]}}, "sort": "CREATED_DESC"},
        )
        return found

    def diagnostics(self) -> str:
        """Return the tails of every log of this test."""
        return "\n".join(f"--- {p.name} ---\n{tail(p)}" for p in sorted(self.logs.glob("*.log")))


def open_fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fresh]:
    """Copy the checkout; start the server with the README's command; stop everything after."""
    root = tmp_path_factory.mktemp("readme")
    clone = fresh_copy(root / "clone")
    logs = root / "logs"
    logs.mkdir()
    port = free_port()
    env = shell_env(
        clean_env(
            PREFECT_HOME=str(root / "prefect-home"),
            PREFECT_UI_ENABLED="false",
            PREFECT_RUNNER_POLL_FREQUENCY="2",
            PREFECT_WORKER_QUERY_SECONDS="2",
            RADAR_WORKERS="1",
        )
    )
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}/api", timeout=15.0)
    state = Fresh(clone, logs, port, env, client)
    try:
        (server,) = [c for c in commands(blocks(README, "Run on a schedule")[0])]
        assert is_long_running(server)
        state.background([f"{server} --port {port}"], "server")
        state.wait_for("/health", 120)
        yield state
    finally:
        client.close()
        for proc in reversed(state.procs):
            stop(proc)
