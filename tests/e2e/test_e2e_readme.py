"""The README followed as written on a fresh copy of the checkout, against a real `prefect server`:
`make demo`, reading its outputs, and the work-pool route on that data (the worker it starts runs
the alert and docs routes too).

Every shell command is copied out of README.md by section; the only changes are the port (a free
one instead of 4200) and the webhook URL (a receiver on 127.0.0.1). Long-running commands (the
server, `radar serve`, the worker) run in their own process group and are stopped at the end.
tests/e2e/test_e2e_readme_cli.py follows the other sections on a server of its own.
"""

from __future__ import annotations

import json
import re
import subprocess
import time

import duckdb
import pytest
from freshkit import README, Fresh
from readmekit import REPO, blocks, commands, is_long_running, webhook

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]
SINCE, UNTIL = "2025-01-05", "2025-01-26"
EXAMPLE_WEBHOOK = "https://hooks.slack.com/services/T000/B000/XXXX"


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
