"""Backfill from the UI against a real `prefect server` + `radar serve`, twice, then a bad range."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl
import pytest

from storage.schema import TABLES as TABLE_SPECS

if TYPE_CHECKING:
    from conftest import Stack

SINCE, UNTIL = "2025-01-05", "2025-01-25"
# Pages of the e2e source published inside [SINCE, UNTIL] (UTC day of published_at).
IN_RANGE = {
    "wechat-microsoft-80bn-ai-datacenters.md",
    "portal-utf8-1260h-tencent-catl.html",
    "portal-gbk-stargate-500bn.html",
    "techledger-stargate-500bn.html",
}
WEEKS = ["2025-W01", "2025-W02", "2025-W03", "2025-W04"]
TABLES = ("articles", "signals", "rejects", "digest_items", "pages")

pytestmark = pytest.mark.e2e


def read_table(data: Path, table: str) -> pl.DataFrame:
    """Read every Parquet file of a table (placeholders included) as one frame."""
    folder = data / TABLE_SPECS[table].folder
    files = sorted(p for p in folder.rglob("*.parquet") if not p.name.startswith((".", "_")))
    frames = [pl.read_parquet(p) for p in files]
    frames = [f for f in frames if f.height] or frames[:1]
    return pl.concat(frames, how="diagonal_relaxed") if frames else pl.DataFrame()


def snapshot(data: Path) -> dict[str, Any]:
    """Return the content of DATA: every table's rows (sorted) and every digest file's text."""
    out: dict[str, Any] = {}
    for table in TABLES:
        frame = read_table(data, table)
        out[table] = sorted(map(repr, frame.rows())) if frame.height else []
    for path in sorted((data / "digests").rglob("digest.*")):
        out[str(path.relative_to(data))] = path.read_text(encoding="utf-8")
    return out


def subflow_names(stack: Stack, parent_id: str) -> list[str]:
    """Return the names of the flow runs started inside a parent run, oldest first."""
    tasks = stack.call(
        "POST", "/task_runs/filter", json={"flow_runs": {"id": {"any_": [parent_id]}}, "limit": 200}
    ).json()
    ids = [t["id"] for t in tasks]
    runs = stack.call(
        "POST",
        "/flow_runs/filter",
        json={"flow_runs": {"parent_task_run_id": {"any_": ids}}, "sort": "START_TIME_ASC"},
    ).json()
    return [r["name"] for r in runs]


def test_e2e_backfill_from_ui_twice(stack: Stack) -> None:
    """A Custom run of backfill/range completes, writes rows and digests; a re-run changes nothing."""
    started = time.monotonic()
    run = stack.run_deployment("backfill/range", {"since": SINCE, "until": UNTIL}, timeout=150)
    assert run["state"]["type"] == "COMPLETED", f"{run['state']}\n{stack.diagnostics()}"
    first_s = time.monotonic() - started

    names = subflow_names(stack, run["id"])
    windows = [n for n in names if n.startswith("backfill-")]
    assert windows == ["backfill-2025-01-05", "backfill-2025-01-12", "backfill-2025-01-19"]
    assert sorted(n for n in names if n.startswith("digest-")) == [f"digest-{w}" for w in WEEKS]

    articles = read_table(stack.data, "articles")
    assert articles.height == len(IN_RANGE), articles.select("path", "published_at")
    assert {Path(p).name for p in articles["path"].to_list()} == IN_RANGE
    assert read_table(stack.data, "signals").height > 0
    digest_weeks = set(read_table(stack.data, "digest_items")["week"].to_list())
    assert digest_weeks <= set(WEEKS) and digest_weeks
    for week in WEEKS:
        assert (stack.data / "digests" / week / "digest.md").is_file()
        assert (stack.data / "digests" / week / "digest.html").is_file()
    before = snapshot(stack.data)

    again = stack.run_deployment("backfill/range", {"since": SINCE, "until": UNTIL}, timeout=150)
    assert again["state"]["type"] == "COMPLETED", f"{again['state']}\n{stack.diagnostics()}"
    after = snapshot(stack.data)
    assert after.keys() == before.keys()
    for key in before:
        assert after[key] == before[key], f"{key} changed on re-run"
    assert "policy_radar.locks" in stack.log_names()  # package loggers reach the UI
    summaries = stack.call(
        "POST", "/artifacts/filter", json={"artifacts": {"key": {"any_": ["ingest-summary"]}}}
    ).json()
    assert len(summaries) >= 3  # one summary per ingest window
    assert all(
        "| source | found | unchanged | extracted | rejected |" in a["data"] for a in summaries
    )
    print(f"\nfirst backfill {first_s:.1f}s, total so far {time.monotonic() - started:.1f}s")


def test_e2e_bad_parameters_fail_with_one_clear_message(stack: Stack) -> None:
    """since after until, or a date the server let through unparsed: the run fails, saying why."""
    reversed_id = stack.create_run("backfill/range", {"since": UNTIL, "until": SINCE})
    garbled_id = stack.create_run("backfill/range", {"since": "2025-13-45", "until": UNTIL})
    run = stack.wait_run(reversed_id, 90)
    assert run["state"]["type"] == "FAILED", run["state"]
    message = run["state"]["message"]
    assert f"{UNTIL} is after" in message and SINCE in message, message
    run = stack.wait_run(garbled_id, 90)
    assert run["state"]["type"] == "FAILED", run["state"]
    assert "since" in run["state"]["message"], run["state"]["message"]
    print(f"\nreversed: {message}\ngarbled: {run['state']['message']}")


def test_e2e_deployments_schedules_and_writer_limit(stack: Stack) -> None:
    """Serve registered the three deployments with their schedules, and the writer limit."""
    ingest = stack.wait_for("/deployments/name/ingest/scheduled", 60)
    digest = stack.wait_for("/deployments/name/digest/weekly", 60)
    backfill = stack.wait_for("/deployments/name/backfill/range", 60)
    assert [s["schedule"]["cron"] for s in ingest["schedules"]] == [stack.ingest_cron]
    assert [s["schedule"]["cron"] for s in digest["schedules"]] == [stack.digest_cron]
    assert backfill["schedules"] == []
    assert ingest["parameters"]["sources_file"] == str(stack.sources)
    assert backfill["parameters"]["data"] == str(stack.data)
    schema = backfill["parameter_openapi_schema"]["properties"]
    assert schema["since"]["format"] == "date" and schema["since"]["description"]
    limit = stack.wait_for("/v2/concurrency_limits/radar-writer", 10)
    assert limit["limit"] == 1
    # The form's pattern is enforced by the server: a week that cannot exist makes no run.
    refused = stack.call(
        "POST",
        f"/deployments/{digest['id']}/create_flow_run",
        json={"parameters": {"week": "2025-W60"}},
    )
    assert refused.status_code in (409, 422), refused.text
    assert "2025-W60" in refused.text


SLOT_SCRIPT = """
import sys
from prefect.concurrency.sync import concurrency
try:
    with concurrency("radar-writer", occupy=1, strict=True, timeout_seconds=float(sys.argv[1])):
        print("held", flush=True)
        if sys.argv[2] == "hold":
            sys.stdin.readline()  # hold the slot until the test says so
except TimeoutError:
    sys.exit(3)
"""


def test_e2e_writer_slot_is_strict_and_exclusive(stack: Stack) -> None:
    """radar-writer admits one holder across processes: a second one times out meanwhile."""
    stack.wait_for("/v2/concurrency_limits/radar-writer", 60)  # radar serve creates it
    env = stack.client_env()
    holder = subprocess.Popen(
        [sys.executable, "-c", SLOT_SCRIPT, "30", "hold"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        lines = (line.strip() for line in iter(holder.stdout.readline, ""))
        assert "held" in lines, "the first holder never got the slot"
        blocked = subprocess.run([sys.executable, "-c", SLOT_SCRIPT, "1", "-"], env=env, timeout=60)
        assert blocked.returncode == 3  # timed out waiting for the slot
        holder.communicate("release\n", timeout=60)
        assert holder.returncode == 0
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.communicate()
    free = subprocess.run([sys.executable, "-c", SLOT_SCRIPT, "10", "-"], env=env, timeout=60)
    assert free.returncode == 0


def test_e2e_backfill_beside_a_scheduled_ingest(stack: Stack) -> None:
    """A backfill and an ingest/scheduled run at the same time both complete, without duplicates."""
    ingest_id = stack.create_run("ingest/scheduled", {})
    backfill_id = stack.create_run("backfill/range", {"since": SINCE, "until": UNTIL})
    for run_id in (ingest_id, backfill_id):
        run = stack.wait_run(run_id, 150)
        assert run["state"]["type"] == "COMPLETED", f"{run['state']}\n{stack.diagnostics()}"
    articles = read_table(stack.data, "articles")
    assert articles["article_id"].n_unique() == articles.height
    assert articles.height == len(IN_RANGE) + 2  # the scheduled ingest keeps every date


def test_e2e_hourly_ingests_never_pile_up(stack: Stack) -> None:
    """ingest/scheduled has concurrency limit 1 with CANCEL_NEW: a run due meanwhile is cancelled."""
    first = stack.create_run("ingest/scheduled", {})
    second = stack.create_run("ingest/scheduled", {})
    states = sorted(stack.wait_run(run_id, 150)["state"]["type"] for run_id in (first, second))
    assert states == ["CANCELLED", "COMPLETED"], f"{states}\n{stack.diagnostics()}"
