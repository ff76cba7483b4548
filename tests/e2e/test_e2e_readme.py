"""The README followed as written on a fresh copy of the checkout, against a real `prefect server`.

Every shell command is copied out of README.md by section; the only changes are the port (a free
one instead of 4200) and the webhook URL (a receiver on 127.0.0.1). Long-running commands (the
server, `radar serve`, the worker) run in their own process group and are stopped at the end.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pytest
from prockit import clean_env, free_port, start, stop, tail
from readmekit import REPO, blocks, commands, fresh_copy, is_long_running, shell_env, webhook

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]
README = REPO / "README.md"
SINCE, UNTIL = "2025-01-05", "2025-01-26"
EXAMPLE_WEBHOOK = "https://hooks.slack.com/services/T000/B000/XXXX"
BUSY = (429, 502, 503)


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
        return command.replace("4200", str(self.port))

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


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fresh]:
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


def test_readme_make_demo_and_reading_the_outputs(fresh: Fresh) -> None:
    """`make demo`, then every Python example of "Reading the outputs" runs as written."""
    (make_demo, make_test) = commands(blocks(README, "Set-up: two commands")[0])
    assert make_demo == "make demo" and make_test == "make test"
    done = fresh.run([make_demo], timeout=900)
    assert "latest digest (2025-W39)" in done.stdout, done.stdout
    weeks = sorted(
        p.parent.name for p in (fresh.clone / "radar-data" / "digests").glob("*/digest.md")
    )
    assert weeks[0] == "2024-W29" and weeks[-1] == "2025-W39" and len(weeks) == 13, weeks
    for code in blocks(README, "Reading the outputs", "python"):
        ran = subprocess.run(
            [str(fresh.clone / ".venv" / "bin" / "python"), "-c", code],
            cwd=fresh.clone,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert ran.returncode == 0, f"{code}\n{ran.stderr}"


def test_readme_totals_count_each_commitment_once(fresh: Fresh) -> None:
    """The README's commitment totals equal a count over distinct commitments, unlike mentions."""
    data = fresh.clone / "radar-data"
    if not (data / "digest_items").is_dir():
        pytest.fail("run after test_readme_make_demo_and_reading_the_outputs")
    query = next(
        re.search(r'"""(.*?)"""', code, re.S)
        for code in blocks(README, "Reading the outputs", "python")
        if "where is_new" in code
    )
    assert query is not None
    with duckdb.connect() as db:
        sql = query.group(1).replace("'radar-data/", f"'{data}/")
        readme = {t: usd for t, _, usd in db.sql(sql).fetchall()}
        signals = f"read_parquet('{data}/signals/**/*.parquet', hive_partitioning = true)"
        items = f"read_parquet('{data}/digest_items/**/*.parquet', hive_partitioning = true)"
        # Independently of the digest's own amount: a new item is worth the largest amount among
        # the mentions it groups (a total carries its components and conversions inside it)...
        rows = db.sql(
            f"select signal_type, sum(top) / 1e9 from (select i.item_id, i.signal_type, "
            f"max(s.amount_usd) as top from (select item_id, signal_type, unnest(signal_ids) "
            f"as signal_id from {items} where is_new) i join {signals} s using (signal_id) "
            f"group by all) where top is not null group by all"
        ).fetchall()
        # ... and no mention is counted in two new items.
        ((shared,),) = db.sql(
            f"select count(*) from (select sid from (select unnest(signal_ids) as sid "
            f"from {items} where is_new) group by sid having count(*) > 1)"
        ).fetchall()
        naive = dict(
            db.sql(
                f"select signal_type, sum(amount_usd) / 1e9 from {signals} "
                f"where amount_usd is not null group by all"
            ).fetchall()
        )
        ((stargate,),) = db.sql(
            f"select count(*) from {signals} where abs(amount_usd - 5e11) < 1e9"
        ).fetchall()
    assert stargate >= 3  # the pledge is mentioned several times
    # ... summed once per lookback: the two January reports are one item (the September recap,
    # 35 weeks later, is beyond the 26-week lookback and an item of its own week)
    assert naive["investment_capex"] - readme["investment_capex"] >= 500
    assert shared == 0
    assert rows
    for signal_type, distinct_bn in rows:
        assert readme[signal_type] == pytest.approx(distinct_bn, rel=1e-3), signal_type


def test_readme_command_line_examples(fresh: Fresh) -> None:
    """The command-line examples run as written (no server: each boots a temporary one)."""
    fresh.run(commands(blocks(README, "Command line")[0]), timeout=900)
    digest = fresh.clone / "radar-data" / "digests" / "2025-W04" / "digest.md"
    assert "Stargate" in digest.read_text(encoding="utf-8")


def test_readme_serve_schedules_the_three_deployments(fresh: Fresh) -> None:
    """`radar serve` as the README says registers and schedules the three deployments."""
    script = commands(blocks(README, "Run on a schedule")[1])
    assert any("--sources-file examples/sources.toml" in c for c in script)
    serve = fresh.background(script, "serve")
    try:
        ingest = fresh.wait_for("/deployments/name/ingest/scheduled", 120)
        digest = fresh.wait_for("/deployments/name/digest/weekly", 60)
        backfill = fresh.wait_for("/deployments/name/backfill/range", 60)
        assert [s["schedule"]["cron"] for s in ingest["schedules"]] == ["0 * * * *"]
        assert [s["schedule"]["cron"] for s in digest["schedules"]] == ["0 7 * * 1"]
        assert backfill["schedules"] == []
        assert ingest["parameters"]["sources_file"] == str(fresh.clone / "examples/sources.toml")
        assert ingest["concurrency_options"]["collision_strategy"] == "CANCEL_NEW"
        assert backfill["concurrency_options"]["collision_strategy"] == "ENQUEUE"
        assert ingest["global_concurrency_limit"]["limit"] == 1
        deadline = time.monotonic() + 90
        scheduled: list[Any] = []
        while not scheduled and time.monotonic() < deadline:
            scheduled = fresh.call(
                "POST",
                "/flow_runs/filter",
                json={
                    "flow_runs": {"deployment_id": {"any_": [ingest["id"]]}},
                    "limit": 5,
                },
            )
            time.sleep(2.0)
        assert scheduled, f"no scheduled ingest run\n{fresh.diagnostics()}"
        assert all(r["state"]["type"] == "SCHEDULED" for r in scheduled)
    finally:
        stop(serve)


def test_readme_work_pool_worker_runs_a_backfill(fresh: Fresh) -> None:
    """The work-pool commands as written; the worker completes a UI-style backfill run."""
    script = commands(blocks(README, "Run on a schedule")[2])
    assert is_long_running(script[-1]) and not any("RADAR_HOME" in c for c in script)
    fresh.run(script[:-1], timeout=300)  # pool, Variables, `prefect deploy`: each must succeed
    exports = [c for c in script if c.startswith("export ")]
    fresh.background([*exports, script[-1]], "worker")  # the block's `prefect worker start`
    for name in ("ingest/scheduled-pool", "digest/weekly-pool"):
        assert fresh.wait_for(f"/deployments/name/{name}", 60)["schedules"]
    latest_before = [a["id"] for a in fresh.artifacts("latest-digest")[:1]]
    run = fresh.run_deployment("backfill/range-pool", {"since": SINCE, "until": UNTIL}, 600)
    assert run["state"]["type"] == "COMPLETED", f"{run['state']}\n{fresh.diagnostics()}"
    assert run["name"] == f"backfill-{SINCE}-to-{UNTIL}"

    data = fresh.clone / "radar-data"  # the Variable radar_data the README sets
    quiet = (data / "digests" / "2025-W03" / "digest.md").read_text(encoding="utf-8")
    assert "Quiet week." in quiet and "##" not in quiet  # one line, not six empty sections
    summary = fresh.artifacts("backfill-summary")[0]
    assert summary["flow_run_id"] == run["id"]
    assert "2025-W03: quiet week" in summary["data"] and "digest-2025-w04" in summary["data"]
    assert "| found |" in summary["data"]
    progress = fresh.artifacts("backfill-progress")[0]
    assert progress["flow_run_id"] == run["id"] and float(progress["data"]) == 100.0
    week4 = fresh.artifacts("digest-2025-w04")[0]
    assert "Stargate" in week4["data"]
    # DATA holds newer weeks with items (make demo wrote 2025-W39): the backfill's weeks are
    # older, so latest-digest must not move (make demo's runs share this server's database).
    assert [a["id"] for a in fresh.artifacts("latest-digest")[:1]] == latest_before
    newest = fresh.run_deployment("digest/weekly-pool", {"week": "2025-W39"}, 300)
    assert newest["state"]["type"] == "COMPLETED" and newest["name"] == "digest-2025-W39"
    empty = fresh.run_deployment("digest/weekly-pool", {"week": "2025-W45"}, 300)
    assert empty["state"]["type"] == "COMPLETED"
    latest = fresh.artifacts("latest-digest")[0]
    assert latest["data"] == fresh.artifacts("digest-2025-w39")[0]["data"]
    assert "Quiet week." in fresh.artifacts("digest-2025-w45")[0]["data"]


def test_readme_alerts_fire_on_a_failed_run(fresh: Fresh) -> None:
    """`radar alerts URL` as written; a failing run posts to the webhook through the automation."""
    script = commands(blocks(README, "Alerts")[0])
    assert any(EXAMPLE_WEBHOOK in c for c in script)
    with webhook() as hook:
        fresh.run([c.replace(EXAMPLE_WEBHOOK, hook.url) for c in script], timeout=120)
        fresh.wait_for("/deployments/name/backfill/range-pool", 60)  # the worker test deployed it
        run = fresh.run_deployment("backfill/range-pool", {"since": UNTIL, "until": SINCE}, 300)
        assert run["state"]["type"] == "FAILED", run["state"]
        message = run["state"]["message"]
        assert message == f"ConfigError: since {UNTIL} is after until {SINCE}", message
        logs = fresh.call(
            "POST", "/logs/filter", json={"logs": {"flow_run_id": {"any_": [run["id"]]}}}
        )
        assert not [e for e in logs if "Traceback" in e["message"]]  # one message, no traceback
        deadline = time.monotonic() + 120
        while not hook.bodies and time.monotonic() < deadline:
            time.sleep(1.0)
        assert hook.bodies, f"the automation never posted\n{fresh.diagnostics()}"
    text = hook.bodies[0]["text"]
    assert run["name"] in text and "Failed" in text and "is after" in text, json.dumps(hook.bodies)


def test_no_readme_command_mentions_a_missing_file(fresh: Fresh) -> None:
    """The README never points at ./sources.toml or RADAR_HOME, which a fresh clone lacks."""
    text = README.read_text(encoding="utf-8")
    assert "--sources sources.toml" not in text and "RADAR_HOME" not in text
    assert not (fresh.clone / "sources.toml").exists()


def test_docs_git_route_worker_clones_the_repository(fresh: Fresh) -> None:
    """docs/deployments.md route 2: deploy prefect-git.yaml; the worker clones and runs there."""
    docs = REPO / "docs" / "deployments.md"
    title = "Process workers (`deployments/prefect.yaml`, `deployments/prefect-git.yaml`)"
    script = next(commands(b) for b in blocks(docs, title) if "RADAR_GIT_URL" in b)
    git = ["git", "-c", "user.name=radar", "-c", "user.email=radar@example.org"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "fresh"]):
        subprocess.run([*git, *args], cwd=fresh.clone, check=True, capture_output=True)
    origin = "https://git.example.org/you/policy-radar.git"
    assert any(origin in c for c in script)
    local = [
        c.replace("prefect.internal", "127.0.0.1").replace(origin, str(fresh.clone)) for c in script
    ]
    fresh.run(local, timeout=300)
    deployment = fresh.wait_for("/deployments/name/backfill/range-pool", 60)
    (step,) = deployment["pull_steps"]
    assert step["prefect.deployments.steps.git_clone"]["repository"] == str(fresh.clone)
    assert "working_dir" not in deployment["job_variables"]
    run = fresh.run_deployment("backfill/range-pool", {"since": SINCE, "until": "2025-01-11"}, 600)
    assert run["state"]["type"] == "COMPLETED", f"{run['state']}\n{fresh.diagnostics()}"
    logs = fresh.call(
        "POST", "/logs/filter", json={"logs": {"flow_run_id": {"any_": [run["id"]]}}, "limit": 200}
    )
    assert any("git_clone" in entry["message"] for entry in logs), [e["message"] for e in logs]


def test_docs_route_one_and_settings_blocks_run_as_written(fresh: Fresh) -> None:
    """docs/deployments.md: route 1 up to the worker, and the Settings block."""
    docs = REPO / "docs" / "deployments.md"
    title = "Process workers (`deployments/prefect.yaml`, `deployments/prefect-git.yaml`)"
    route = commands(blocks(docs, title)[0])
    assert is_long_running(route[-1]) and any("--create-limit" in c for c in route)
    fresh.run(route[:-1], timeout=300)  # the worker of this module is already running
    deployment = fresh.wait_for("/deployments/name/backfill/range-pool", 60)
    assert deployment["job_variables"]["working_dir"] == str(fresh.clone)
    assert deployment["pull_steps"] in (None, [])
    listed = fresh.run(commands(blocks(docs, "Settings")[0]), timeout=120).stdout
    assert "radar_data" in listed and "radar_sources" in listed


def test_readme_settings_variable_and_s3_block(fresh: Fresh) -> None:
    """The Settings block as written: DATA from the Variable, S3 credentials from the block."""
    script = commands(blocks(README, "Settings")[0])
    fresh.run(script, timeout=300)
    probe = (
        "import os\n"
        "from flows.settings import apply_s3_credentials, data_location\n"
        "data = data_location(None)\n"
        "print(data, apply_s3_credentials(data), os.environ['AWS_REGION'])\n"
    )
    env = {k: v for k, v in fresh.env.items() if not k.startswith("AWS_")}
    env["PREFECT_API_URL"] = f"http://127.0.0.1:{fresh.port}/api"
    done = subprocess.run(
        [str(fresh.clone / ".venv" / "bin" / "python"), "-c", probe],
        cwd=fresh.clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    taken = "['AWS_ACCESS_KEY_ID', 'AWS_REGION', 'AWS_SECRET_ACCESS_KEY']"
    assert done.stdout.split("\n")[0] == f"s3://my-bucket/radar {taken} eu-west-1", done.stdout
    env["RADAR_DATA"] = "/env/wins"
    env["AWS_ACCESS_KEY_ID"] = "from-env"
    done = subprocess.run(
        [str(fresh.clone / ".venv" / "bin" / "python"), "-c", probe.replace("None", "'s3://b/p'")],
        cwd=fresh.clone,
        env={**env, "AWS_REGION": "us-east-2"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.split("\n")[0] == "s3://b/p [] us-east-2", done.stdout + done.stderr
