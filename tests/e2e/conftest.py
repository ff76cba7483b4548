"""End-to-end fixtures: a real `prefect server` and `radar serve`, each in its own process group."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from freshkit import Fresh, open_fresh
from prockit import clean_env, free_port, start, stop, tail

REPO = Path(__file__).resolve().parents[2]
PAGES = REPO / "examples" / "pages"
BIN = Path(sys.executable).parent
ZH_PAGES = (
    "wechat-microsoft-80bn-ai-datacenters.md",
    "portal-utf8-1260h-tencent-catl.html",
    "portal-gbk-stargate-500bn.html",
    "netease-alibaba-380bn-cloud-ai.txt",
)
EN_PAGES = ("techledger-stargate-500bn.html", "asiamarkets-alibaba-380bn-rmb.html")
SOURCES_TOML = """\
[[sources]]
name = "e2e-zh"
kind = "directory"
path = "pages/zh"
timezone = "Asia/Shanghai"
language = "zh"

[[sources]]
name = "e2e-en"
kind = "directory"
path = "pages/en"
timezone = "UTC"
language = "en"
"""
# Far-away schedules: a scheduled run must not write DATA while the test compares snapshots.
BUSY = (429, 502, 503)  # answers the server gives when overloaded: retry
QUIET_INGEST_CRON = "17 3 1 1 *"
QUIET_DIGEST_CRON = "19 3 1 1 *"


@dataclass
class Stack:
    """A running server and `radar serve`, with the paths the test needs."""

    api: str
    client: httpx.Client
    data: Path
    sources: Path
    logs: Path
    ingest_cron: str = QUIET_INGEST_CRON
    digest_cron: str = QUIET_DIGEST_CRON

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Send a request, retrying as Prefect's own client does when the server is busy."""
        for attempt in range(12):
            try:
                resp = self.client.request(method, path, **kwargs)
            except httpx.TransportError:
                if attempt == 11:
                    raise
            else:
                if resp.status_code not in BUSY or attempt == 11:
                    return resp
            time.sleep(min(5.0, 0.5 * 2**attempt))
        raise AssertionError("unreachable")

    def wait_for(self, path: str, timeout: float) -> dict[str, Any]:
        """Poll GET path until it answers 200; return its JSON."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                resp = self.client.get(path)
            except httpx.TransportError:  # not listening yet
                time.sleep(0.5)
                continue
            if resp.status_code == 200:
                body: dict[str, Any] = resp.json()
                return body
            time.sleep(0.5)
        raise AssertionError(f"{path} not ready after {timeout:.0f}s\n{self.diagnostics()}")

    def create_run(self, name: str, parameters: dict[str, Any]) -> str:
        """Create a run of a deployment as the UI's Custom run does; return its id."""
        deployment = self.wait_for(f"/deployments/name/{name}", 60)
        resp = self.call(
            "POST",
            f"/deployments/{deployment['id']}/create_flow_run",
            json={"parameters": parameters},
        )
        assert resp.status_code == 201, resp.text
        run_id: str = resp.json()["id"]
        return run_id

    def wait_run(self, run_id: str, timeout: float) -> dict[str, Any]:
        """Poll a flow run until it reaches a final state; return it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            run: dict[str, Any] = self.call("GET", f"/flow_runs/{run_id}").json()
            state = run.get("state") or {}
            if state.get("type") in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
                return run
            time.sleep(0.5)
        raise AssertionError(
            f"run {run_id} not finished after {timeout:.0f}s\n{self.diagnostics()}"
        )

    def run_deployment(
        self, name: str, parameters: dict[str, Any], timeout: float
    ) -> dict[str, Any]:
        """Create a run as the UI's Custom run does, wait for a final state, return the run."""
        return self.wait_run(self.create_run(name, parameters), timeout)

    def log_names(self) -> set[str]:
        """Return the logger names of every log the server holds."""
        names: set[str] = set()
        offset = 0
        while True:
            page = self.call("POST", "/logs/filter", json={"offset": offset, "limit": 200}).json()
            names.update(entry["name"] for entry in page)
            if len(page) < 200:
                return names
            offset += 200

    def client_env(self) -> dict[str, str]:
        """Return an environment for a client process of this server."""
        return clean_env(PREFECT_API_URL=self.api, PREFECT_HOME=str(self.logs.parent / "client"))

    def diagnostics(self) -> str:
        """Return the tails of the server and serve logs."""
        return "\n".join(
            f"--- {log.name} ---\n{tail(log)}" for log in sorted(self.logs.glob("*.log"))
        )


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Start `prefect server` and `radar serve` on a small directory source; stop both after."""
    root = tmp_path_factory.mktemp("e2e")
    for lang, names in (("zh", ZH_PAGES), ("en", EN_PAGES)):
        (root / "pages" / lang).mkdir(parents=True)
        for name in names:
            shutil.copy2(PAGES / lang / name, root / "pages" / lang / name)
    sources = root / "sources.toml"
    sources.write_text(SOURCES_TOML, encoding="utf-8")
    data, logs = root / "data", root / "logs"
    logs.mkdir()
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    procs: list[subprocess.Popen[bytes]] = []
    client = httpx.Client(base_url=api, timeout=10.0)
    try:
        server_env = clean_env(PREFECT_HOME=str(root / "server-home"), PREFECT_UI_ENABLED="false")
        procs.append(
            start(
                [
                    str(BIN / "prefect"),
                    "server",
                    "start",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                ],
                server_env,
                logs / "server.log",
            )
        )
        stack = Stack(api, client, data, sources, logs)
        stack.wait_for("/health", 90)
        serve_env = clean_env(
            PREFECT_HOME=str(root / "serve-home"),
            PREFECT_API_URL=api,
            PREFECT_RUNNER_POLL_FREQUENCY="1",
            RADAR_WORKERS="1",
            RADAR_INGEST_CRON=QUIET_INGEST_CRON,
            RADAR_DIGEST_CRON=QUIET_DIGEST_CRON,
        )
        serve_cmd = [sys.executable, "-m", "flows.cli", "serve"]
        procs.append(
            start(
                [*serve_cmd, "--sources", str(sources), "--data", str(data)],
                serve_env,
                logs / "serve.log",
            )
        )
        yield stack
    finally:
        client.close()
        for proc in reversed(procs):
            stop(proc)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fresh]:
    """A fresh copy of the checkout and the README's server, one per test module."""
    yield from open_fresh(tmp_path_factory)
