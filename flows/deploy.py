"""Deployment specs shared by `radar serve` and deployments/prefect.yaml: names, schedules, parameters."""

from __future__ import annotations

import importlib
import logging
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from flows.runtime import (
    EXTRA_LOGGERS,
    WRITER_LIMIT,
    add_extra_loggers,
    check_scheduler,
    ensure_writer_limit,
    resolve_address,
)

if TYPE_CHECKING:
    from prefect.deployments.runner import RunnerDeployment

DEFAULT_INGEST_CRON = "0 * * * *"
DEFAULT_DIGEST_CRON = "0 7 * * 1"
DEFAULT_TIMEZONE = "UTC"
WORK_POOL = "radar"
TAGS = ("policy-radar",)
POOL_SUFFIX = "-pool"
YAML_WORKING_DIR = "{{ $PWD }}"
YAML_GIT_URL = "{{ $RADAR_GIT_URL }}"
YAML_PREFECT_VERSION = "3.9.1"
# Hourly runs of an incremental ingest must not pile up: a run due while the last one still
# works is cancelled (the next hour picks up whatever it would have found). A digest or a
# backfill somebody asked for must happen: it waits for the running one (ENQUEUE).
CANCEL_NEW, ENQUEUE = "CANCEL_NEW", "ENQUEUE"
log = logging.getLogger("policy_radar.deploy")


@dataclass(frozen=True, slots=True)
class DeploymentSpec:
    """One deployment: which flow, its name, schedule, default parameters and labels."""

    flow_name: str
    name: str
    entrypoint: str
    description: str
    parameters: dict[str, Any]
    cron: str | None = None
    timezone: str = DEFAULT_TIMEZONE
    tags: tuple[str, ...] = field(default=TAGS)
    collision_strategy: str = ENQUEUE

    @property
    def full_name(self) -> str:
        """Return the name the UI and API use: ``flow/deployment``."""
        return f"{self.flow_name}/{self.name}"

    @property
    def module(self) -> str:
        """Return the flow's module path, e.g. ``flows.ingest``."""
        return self.entrypoint.split(":")[0].removesuffix(".py").replace("/", ".")

    @property
    def function(self) -> str:
        """Return the flow function's name."""
        return self.entrypoint.split(":")[1]


def schedule_settings(
    ingest_cron: str | None = None, digest_cron: str | None = None, timezone: str | None = None
) -> tuple[str, str, str]:
    """Return (ingest cron, digest cron, timezone): arguments, else $RADAR_* variables, else defaults."""
    env = os.environ
    return (
        ingest_cron or env.get("RADAR_INGEST_CRON") or DEFAULT_INGEST_CRON,
        digest_cron or env.get("RADAR_DIGEST_CRON") or DEFAULT_DIGEST_CRON,
        timezone or env.get("RADAR_TIMEZONE") or DEFAULT_TIMEZONE,
    )


def deployment_specs(
    sources: str | None,
    data: str | None,
    *,
    ingest_cron: str = DEFAULT_INGEST_CRON,
    digest_cron: str = DEFAULT_DIGEST_CRON,
    timezone: str = DEFAULT_TIMEZONE,
    dask_address: str | None = None,
) -> list[DeploymentSpec]:
    """Return the three deployments: ingest/scheduled, digest/weekly and backfill/range.

    ``sources`` and ``data`` None leave those parameters out: each run then reads them from the
    worker's environment or the Prefect Variables (flows/settings.py).
    """
    dask = {"dask_address": dask_address} if dask_address else {}
    where = {k: v for k, v in (("sources_file", sources), ("data", data)) if v is not None}
    stored = {k: v for k, v in (("data", data),) if v is not None}
    return [
        DeploymentSpec(
            flow_name="ingest",
            name="scheduled",
            entrypoint="flows/ingest.py:ingest_flow",
            description=(
                "Incremental ingest of every source on a schedule: unchanged pages are skipped, "
                "new and changed ones are extracted and committed."
            ),
            parameters={**where, **dask},
            cron=ingest_cron,
            timezone=timezone,
            tags=(*TAGS, "ingest"),
            collision_strategy=CANCEL_NEW,
        ),
        DeploymentSpec(
            flow_name="digest",
            name="weekly",
            entrypoint="flows/digest.py:digest_flow",
            description=(
                "Weekly digest of the last complete ISO week (in the configured timezone): "
                "Markdown and HTML files plus digest_items rows."
            ),
            parameters={**stored, "timezone": timezone},
            cron=digest_cron,
            timezone=timezone,
            tags=(*TAGS, "digest"),
        ),
        DeploymentSpec(
            flow_name="backfill",
            name="range",
            entrypoint="flows/backfill.py:backfill_flow",
            description=(
                "Backfill a date range: Custom run, pick since and until in the date pickers. "
                "Ingests window by window in date order (runs named backfill-YYYY-MM-DD), then "
                "rewrites the digest of every week it touched. Safe to re-run, and to run "
                "beside a scheduled run (writer lock radar-writer). Runs of this deployment "
                "wait for each other (concurrency limit 1, ENQUEUE)."
            ),
            parameters={**where, "timezone": timezone, **dask},
            timezone=timezone,
            tags=(*TAGS, "backfill"),
        ),
    ]


def load_flow(spec: DeploymentSpec) -> Any:
    """Import the flow object a spec points at."""
    return getattr(importlib.import_module(spec.module), spec.function)


def build_deployments(
    sources: str,
    data: str,
    *,
    ingest_cron: str | None = None,
    digest_cron: str | None = None,
    timezone: str | None = None,
    dask_address: str | None = None,
) -> list[RunnerDeployment]:
    """Return the RunnerDeployments of every spec, for `prefect.serve`."""
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.schedules import Cron
    from prefect.types.entrypoint import EntrypointType

    ingest, digest, zone = schedule_settings(ingest_cron, digest_cron, timezone)
    out: list[RunnerDeployment] = []
    specs = deployment_specs(
        sources,
        data,
        ingest_cron=ingest,
        digest_cron=digest,
        timezone=zone,
        dask_address=resolve_address(dask_address),
    )
    for spec in specs:
        schedules = [Cron(spec.cron, timezone=spec.timezone)] if spec.cron else None
        limit = ConcurrencyLimitConfig(
            limit=1, collision_strategy=ConcurrencyLimitStrategy(spec.collision_strategy)
        )
        deployment: RunnerDeployment = load_flow(spec).to_deployment(
            name=spec.name,
            schedules=schedules,
            parameters=dict(spec.parameters),
            description=spec.description,
            tags=list(spec.tags),
            concurrency_limit=limit,
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
        out.append(deployment)
        log.info("deployment %s: %s", spec.full_name, spec.cron or "no schedule (run it on demand)")
    return out


def serve_deployments(
    sources: str,
    data: str,
    *,
    ingest_cron: str | None = None,
    digest_cron: str | None = None,
    timezone: str | None = None,
    limit: int | None = None,
    dask_address: str | None = None,
) -> None:
    """Serve every deployment from this process until interrupted (which pauses them)."""
    add_extra_loggers()
    from prefect import serve

    address = resolve_address(dask_address)
    if address is not None:
        check_scheduler(address)
        log.info("extraction batches go to Dask %s (parameter dask_address)", address)

    if ensure_writer_limit():
        log.info("writer slot: global concurrency limit %s", WRITER_LIMIT)
    else:
        log.warning("PREFECT_API_URL is not set: no server, runs share only the DATA file lock")
    from flows.runtime import BLOCK_NAME, ensure_alert_automation, server_url

    if server_url() is not None and ensure_alert_automation() is None:
        log.warning(
            "no notification block named %s: failed runs alert nobody (set one up with "
            "`radar alerts URL`)",
            BLOCK_NAME,
        )
    deployments = build_deployments(
        sources,
        data,
        ingest_cron=ingest_cron,
        digest_cron=digest_cron,
        timezone=timezone,
        dask_address=address,
    )
    serve(*deployments, limit=limit)


def yaml_deployment(spec: DeploymentSpec, git: bool = False) -> dict[str, Any]:
    """Return one spec as a prefect.yaml deployment entry (process work pool ``radar``)."""
    job_variables: dict[str, Any] = {"env": {"PREFECT_LOGGING_EXTRA_LOGGERS": EXTRA_LOGGERS}}
    if not git:
        job_variables = {"working_dir": YAML_WORKING_DIR, **job_variables}
    entry: dict[str, Any] = {
        "name": spec.name + POOL_SUFFIX,
        "entrypoint": spec.entrypoint,
        "description": spec.description,
        "tags": list(spec.tags),
        "parameters": dict(spec.parameters),
        "concurrency_limit": {"limit": 1, "collision_strategy": spec.collision_strategy},
    }
    # `schedules: null`, not `[]` (a FutureWarning on deploy) nor missing (an interactive prompt).
    entry["schedules"] = (
        [{"cron": spec.cron, "timezone": spec.timezone, "active": True}] if spec.cron else None
    )
    entry["work_pool"] = {
        "name": WORK_POOL,
        "work_queue_name": "default",
        "job_variables": job_variables,
    }
    return entry


YAML_HEADER = """\
# GENERATED from flows/deploy.py by `python deployments/serve.py --write-yaml`: do not edit.
# Process work pool `radar`, deployments ingest/scheduled-pool (hourly), digest/weekly-pool
# (Monday 07:00) and backfill/range-pool (no schedule). From the repository root:
#   prefect work-pool create radar --type process
#   prefect variable set radar_sources "$PWD/examples/sources.toml"   # or your own file
#   prefect variable set radar_data "$PWD/radar-data"                 # or s3://bucket/prefix
#   prefect deploy --all --prefect-file deployments/prefect.yaml
#   prefect worker start --pool radar
# Runs execute in the folder `prefect deploy` ran from (job variable working_dir = $PWD then).
# A worker on another machine: deployments/prefect-git.yaml (git_clone pull step).
# Extraction on Dask: start the worker with RADAR_DASK_ADDRESS=tcp://scheduler:8786 in its
# environment, or regenerate with --dask-address tcp://scheduler:8786 (parameter dask_address).
"""
GIT_HEADER = """\
# GENERATED from flows/deploy.py by `python deployments/serve.py --write-yaml`: do not edit.
# Process work pool `radar` on machines without this checkout: each run clones the repository
# (git_clone pull step) into a temporary folder and runs there. On the machine you deploy from:
#   RADAR_GIT_URL=https://git.example/you/policy-radar.git \\
#     prefect deploy --all --prefect-file deployments/prefect-git.yaml
# On every worker machine: a checkout of the same revision with `uv sync` done (the worker's
# Python must have the dependencies), git on PATH, then `.venv/bin/prefect worker start --pool radar`.
# Same deployment names as deployments/prefect.yaml: deploy one file or the other.
# Extraction on Dask: start the worker with RADAR_DASK_ADDRESS=tcp://scheduler:8786 in its
# environment, or regenerate with --dask-address tcp://scheduler:8786 (parameter dask_address).
"""


def render_prefect_yaml(
    ingest_cron: str = DEFAULT_INGEST_CRON,
    digest_cron: str = DEFAULT_DIGEST_CRON,
    timezone: str = DEFAULT_TIMEZONE,
    dask_address: str | None = None,
    git: bool = False,
) -> str:
    """Return deployments/prefect.yaml (or prefect-git.yaml) as generated from the specs."""
    specs = deployment_specs(
        None,
        None,
        ingest_cron=ingest_cron,
        digest_cron=digest_cron,
        timezone=timezone,
        dask_address=resolve_address(dask_address) if dask_address else None,
    )
    pull: list[dict[str, Any]] = []
    if git:
        pull = [{"prefect.deployments.steps.git_clone": {"repository": YAML_GIT_URL}}]
    doc: dict[str, Any] = {
        "name": "policy-radar",
        "prefect-version": YAML_PREFECT_VERSION,
        "build": None,
        "push": None,
        "pull": pull,
        "deployments": [yaml_deployment(spec, git) for spec in specs],
    }
    body = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    return (GIT_HEADER if git else YAML_HEADER) + body
