"""Deployment specs without a server: prefect.yaml is generated, specs build, helpers behave."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID, uuid4

import pytest
import yaml
from prefect.client.schemas.schedules import CronSchedule

from flows.deploy import (
    DEFAULT_DIGEST_CRON,
    DEFAULT_INGEST_CRON,
    add_extra_loggers,
    build_deployments,
    deployment_specs,
    load_flow,
    render_prefect_yaml,
    schedule_settings,
)
from flows.runtime import RunProgress, ensure_writer_limit, writer_slot

REPO = Path(__file__).resolve().parents[2]


def test_committed_prefect_yaml_is_generated_from_the_specs() -> None:
    """Both YAML files equal what flows/deploy.py generates (regenerate with --write-yaml)."""
    committed = (REPO / "deployments" / "prefect.yaml").read_text(encoding="utf-8")
    assert committed == render_prefect_yaml(), "run: python deployments/serve.py --write-yaml"
    git = (REPO / "deployments" / "prefect-git.yaml").read_text(encoding="utf-8")
    assert git == render_prefect_yaml(git=True), "run: python deployments/serve.py --write-yaml"


@pytest.mark.parametrize("git", [False, True])
def test_prefect_yaml_names_every_deployment_on_the_radar_pool(git: bool) -> None:
    """Work-pool deployments: own names (never the served ones), limits, no empty schedules."""
    doc = yaml.safe_load(render_prefect_yaml(git=git))
    entries = {d["entrypoint"]: d for d in doc["deployments"]}
    names = {d["name"] for d in entries.values()}
    assert names == {"scheduled-pool", "weekly-pool", "range-pool"}
    assert not names & {s.name for s in deployment_specs("/s", "/d")}  # serve keeps its own
    assert {d["work_pool"]["name"] for d in entries.values()} == {"radar"}
    ingest = entries["flows/ingest.py:ingest_flow"]
    assert ingest["schedules"][0]["cron"] == DEFAULT_INGEST_CRON
    assert ingest["concurrency_limit"] == {"limit": 1, "collision_strategy": "CANCEL_NEW"}
    digest = entries["flows/digest.py:digest_flow"]
    assert digest["schedules"][0]["cron"] == DEFAULT_DIGEST_CRON
    assert digest["concurrency_limit"] == {"limit": 1, "collision_strategy": "ENQUEUE"}
    backfill = entries["flows/backfill.py:backfill_flow"]
    assert backfill["schedules"] is None  # `[]` makes prefect deploy warn, none makes it ask
    assert backfill["concurrency_limit"]["collision_strategy"] == "ENQUEUE"
    for entry in entries.values():
        assert "sources_file" not in entry["parameters"]  # Variables or the worker's env
        variables = entry["work_pool"]["job_variables"]
        assert ("working_dir" in variables) is not git
        assert (REPO / entry["entrypoint"].split(":")[0]).is_file()
    if git:
        (step,) = doc["pull"]
        assert step["prefect.deployments.steps.git_clone"]["repository"] == "{{ $RADAR_GIT_URL }}"
    else:
        assert doc["pull"] == []  # no RADAR_HOME step: the job variable working_dir instead


def test_specs_point_at_the_flows_they_name() -> None:
    """Each spec's entrypoint loads a flow whose name is the spec's flow name."""
    specs = deployment_specs("/abs/sources.toml", "/abs/data")
    assert [s.full_name for s in specs] == ["ingest/scheduled", "digest/weekly", "backfill/range"]
    for spec in specs:
        assert load_flow(spec).name == spec.flow_name


def test_build_deployments_carries_schedules_parameters_and_date_pickers() -> None:
    """RunnerDeployments get cron + timezone, absolute paths, and a date-typed backfill form."""
    built = build_deployments(
        "/abs/sources.toml", "/abs/data", ingest_cron="*/15 * * * *", timezone="Europe/Paris"
    )
    by_name = {d.name: d for d in built}
    ingest, digest, backfill = by_name["scheduled"], by_name["weekly"], by_name["range"]
    assert ingest.schedules and digest.schedules
    cron = ingest.schedules[0].schedule
    assert isinstance(cron, CronSchedule) and cron.cron == "*/15 * * * *"
    assert cron.timezone == "Europe/Paris"
    weekly = digest.schedules[0].schedule
    assert isinstance(weekly, CronSchedule) and weekly.cron == DEFAULT_DIGEST_CRON
    assert digest.parameters == {"data": "/abs/data", "timezone": "Europe/Paris"}
    assert not backfill.schedules
    assert backfill.parameters == {
        "sources_file": "/abs/sources.toml",
        "data": "/abs/data",
        "timezone": "Europe/Paris",
    }
    assert ingest.concurrency_limit == 1 and backfill.concurrency_limit == 1
    options = ingest.concurrency_options
    assert options is not None and options.collision_strategy.value == "CANCEL_NEW"
    props = backfill._parameter_openapi_schema.properties
    assert props["since"]["format"] == "date" and props["until"]["format"] == "date"
    assert props["since"]["description"].startswith("First day")
    assert set(backfill._parameter_openapi_schema.required or []) == {"since", "until"}
    assert props["window_days"]["title"] == "Days per ingest window"  # not the raw name
    assert props["sources_file"]["title"].startswith("Sources file")
    zones = props["timezone"]["anyOf"][0]
    assert "Asia/Shanghai" in zones["enum"] and "UTC" in zones["enum"]  # a dropdown
    week = digest._parameter_openapi_schema.properties["week"]
    assert week["pattern"] and week["title"].startswith("ISO week")


def test_schedule_settings_read_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """$RADAR_INGEST_CRON / $RADAR_TIMEZONE configure serve; arguments win over them."""
    monkeypatch.setenv("RADAR_INGEST_CRON", "5 * * * *")
    monkeypatch.setenv("RADAR_TIMEZONE", "Asia/Shanghai")
    assert schedule_settings() == ("5 * * * *", DEFAULT_DIGEST_CRON, "Asia/Shanghai")
    assert schedule_settings(ingest_cron="0 */2 * * *")[0] == "0 */2 * * *"


def test_extra_loggers_are_added_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """policy_radar joins PREFECT_LOGGING_EXTRA_LOGGERS without dropping others."""
    monkeypatch.setenv("PREFECT_LOGGING_EXTRA_LOGGERS", "dask")
    add_extra_loggers()
    add_extra_loggers()
    import os

    assert os.environ["PREFECT_LOGGING_EXTRA_LOGGERS"] == "dask,policy_radar"


def test_writer_slot_is_a_no_op_without_a_server() -> None:
    """Without PREFECT_API_URL the writer slot does nothing (the file lock still applies)."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        assert ensure_writer_limit() is False
        with writer_slot():
            pass


class FakeArtifacts:
    """Records progress artifact calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, float]] = []
        self.id = uuid4()

    def create(self, progress: float, description: str) -> UUID:
        self.calls.append(("create", progress))
        return self.id

    def update(self, artifact_id: UUID, progress: float, description: str) -> None:
        assert artifact_id == self.id
        self.calls.append(("update", progress))


class Stats:
    """A source's counters as the tracker reads them."""

    def __init__(self, source: str, discovered: int) -> None:
        self.source, self.discovered = source, discovered


def test_progress_artifact_only_on_long_runs_and_throttled() -> None:
    """No artifact for short runs; long runs get one, updated at most every few seconds."""
    now = [0.0]
    fake = FakeArtifacts()
    tracker = RunProgress(
        2, start_after=5, every=3, clock=lambda: now[0], create=fake.create, update=fake.update
    )
    first, second = tracker.hook(0), tracker.hook(1)
    a, b = Stats("a", 10), Stats("b", 10)
    for _ in range(10):
        now[0] += 1.0
        first(a, 1)
    for _ in range(10):
        now[0] += 0.5
        second(b, 1)
    tracker.finish()
    kinds = [k for k, _ in fake.calls]
    assert kinds[0] == "create" and kinds.count("create") == 1
    assert fake.calls[0][1] == 25.0  # 5 of 10 pages of the first of 2 sources
    assert len(fake.calls) <= 1 + (25 - 5) // 3 + 1
    assert fake.calls[-1] == ("update", 100.0)

    quick = FakeArtifacts()
    short = RunProgress(1, clock=lambda: 0.0, create=quick.create, update=quick.update)
    short.hook(0)(Stats("a", 1), 1)
    short.finish()
    assert quick.calls == []
