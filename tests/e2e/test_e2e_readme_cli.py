"""The README's command-line examples, `radar serve` and the Settings block, followed as written
on a fresh copy of the checkout against a real `prefect server` of this module's own (see
tests/e2e/test_e2e_readme.py for the rest of the README)."""

from __future__ import annotations

import subprocess
import time
from typing import Any

import pytest
from freshkit import README, Fresh
from prockit import stop
from readmekit import blocks, commands

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]


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


def test_no_readme_command_mentions_a_missing_file(fresh: Fresh) -> None:
    """The README never points at ./sources.toml or RADAR_HOME, which a fresh clone lacks."""
    text = README.read_text(encoding="utf-8")
    assert "--sources sources.toml" not in text and "RADAR_HOME" not in text
    assert not (fresh.clone / "sources.toml").exists()
