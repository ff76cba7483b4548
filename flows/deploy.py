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
YAML_SOURCES = "{{ $RADAR_SOURCES }}"
YAML_DATA = "{{ $RADAR_DATA }}"
YAML_HOME = "{{ $RADAR_HOME }}"
YAML_PREFECT_VERSION = "3.9.1"
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
    sources: str,
    data: str,
    *,
    ingest_cron: str = DEFAULT_INGEST_CRON,
    digest_cron: str = DEFAULT_DIGEST_CRON,
    timezone: str = DEFAULT_TIMEZONE,
    dask_address: str | None = None,
) -> list[DeploymentSpec]:
    """Return the three deployments: ingest/scheduled, digest/weekly and backfill/range."""
    dask = {"dask_address": dask_address} if dask_address else {}
    return [
        DeploymentSpec(
            flow_name="ingest",
            name="scheduled",
            entrypoint="flows/ingest.py:ingest_flow",
            description=(
                "Incremental ingest of every source on a schedule: unchanged pages are skipped, "
                "new and changed ones are extracted and committed."
            ),
            parameters={"sources": sources, "data": data, **dask},
            cron=ingest_cron,
            timezone=timezone,
            tags=(*TAGS, "ingest"),
        ),
        DeploymentSpec(
            flow_name="digest",
            name="weekly",
            entrypoint="flows/digest.py:digest_flow",
            description=(
                "Weekly digest of the last complete ISO week (in the configured timezone): "
                "Markdown and HTML files plus digest_items rows."
            ),
            parameters={"data": data, "timezone": timezone},
            cron=digest_cron,
            timezone=timezone,
            tags=(*TAGS, "digest"),
        ),
        DeploymentSpec(
            flow_name="backfill",
            name="range",
            entrypoint="flows/backfill.py:backfill_flow",
            description=(
                "Backfill a date range: Custom run, fill in since and until (YYYY-MM-DD). "
                "Ingests window by window in date order (runs named backfill-YYYY-MM-DD), then "
                "rewrites the digest of every week it touched. Safe to re-run, and to run "
                "beside a scheduled run (writer lock radar-writer)."
            ),
            parameters={"sources_file": sources, "data": data, "timezone": timezone, **dask},
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
        deployment: RunnerDeployment = load_flow(spec).to_deployment(
            name=spec.name,
            schedules=schedules,
            parameters=dict(spec.parameters),
            description=spec.description,
            tags=list(spec.tags),
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
        out.append(deployment)
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
    deployments = build_deployments(
        sources,
        data,
        ingest_cron=ingest_cron,
        digest_cron=digest_cron,
        timezone=timezone,
        dask_address=address,
    )
    serve(*deployments, limit=limit)


def yaml_deployment(spec: DeploymentSpec) -> dict[str, Any]:
    """Return one spec as a prefect.yaml deployment entry (process work pool ``radar``)."""
    entry: dict[str, Any] = {
        "name": spec.name,
        "entrypoint": spec.entrypoint,
        "description": spec.description,
        "tags": list(spec.tags),
        "parameters": dict(spec.parameters),
        "schedules": (
            [{"cron": spec.cron, "timezone": spec.timezone, "active": True}] if spec.cron else []
        ),
        "work_pool": {
            "name": WORK_POOL,
            "work_queue_name": "default",
            "job_variables": {"env": {"PREFECT_LOGGING_EXTRA_LOGGERS": EXTRA_LOGGERS}},
        },
    }
    return entry


YAML_HEADER = """\
# GENERATED from flows/deploy.py by `python deployments/serve.py --write-yaml`: do not edit.
# Process work pool `radar`; run from the repository root:
#   prefect work-pool create radar --type process
#   prefect gcl create radar-writer --limit 1        # or: python deployments/serve.py --create-limit
#   RADAR_SOURCES=/abs/sources.toml RADAR_DATA=/abs/radar-data \\
#     prefect deploy --all --prefect-file deployments/prefect.yaml
#   RADAR_HOME=/abs/checkout prefect worker start --pool radar   # on every worker machine
# Extraction on Dask: start the worker with RADAR_DASK_ADDRESS=tcp://scheduler:8786 in its
# environment, or regenerate with --dask-address tcp://scheduler:8786 (parameter dask_address).
# Deployments: ingest/scheduled (hourly), digest/weekly (Monday 07:00), backfill/range (no schedule).
"""


def render_prefect_yaml(
    ingest_cron: str = DEFAULT_INGEST_CRON,
    digest_cron: str = DEFAULT_DIGEST_CRON,
    timezone: str = DEFAULT_TIMEZONE,
    dask_address: str | None = None,
) -> str:
    """Return deployments/prefect.yaml as generated from the specs."""
    specs = deployment_specs(
        YAML_SOURCES,
        YAML_DATA,
        ingest_cron=ingest_cron,
        digest_cron=digest_cron,
        timezone=timezone,
        dask_address=resolve_address(dask_address) if dask_address else None,
    )
    doc: dict[str, Any] = {
        "name": "policy-radar",
        "prefect-version": YAML_PREFECT_VERSION,
        "build": None,
        "push": None,
        "pull": [
            {"prefect.deployments.steps.set_working_directory": {"directory": YAML_HOME}},
        ],
        "deployments": [yaml_deployment(spec) for spec in specs],
    }
    body = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    return YAML_HEADER + body
