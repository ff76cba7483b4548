"""The Dask address in the deployments: a parameter of ingest and backfill, off by default."""

from __future__ import annotations

import pytest
import yaml

from flows.deploy import build_deployments, deployment_specs, render_prefect_yaml
from flows.runtime import DASK_ENV


def test_specs_carry_dask_address_only_when_given() -> None:
    """ingest/scheduled and backfill/range get dask_address when set; digest never does."""
    plain = {s.full_name: s.parameters for s in deployment_specs("/s.toml", "/d")}
    assert all("dask_address" not in p for p in plain.values())
    specs = deployment_specs("/s.toml", "/d", dask_address="tcp://sched:8786")
    params = {s.full_name: s.parameters for s in specs}
    assert params["ingest/scheduled"]["dask_address"] == "tcp://sched:8786"
    assert params["backfill/range"]["dask_address"] == "tcp://sched:8786"
    assert "dask_address" not in params["digest/weekly"]


def test_served_deployments_take_the_address_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`radar serve` bakes $RADAR_DASK_ADDRESS into the parameters; the flows accept it."""
    monkeypatch.setenv(DASK_ENV, "sched.internal:8786")
    built = {d.name: d for d in build_deployments("/s.toml", "/d")}
    assert built["scheduled"].parameters["dask_address"] == "tcp://sched.internal:8786"
    assert built["range"].parameters["dask_address"] == "tcp://sched.internal:8786"
    for name in ("scheduled", "range"):
        props = built[name]._parameter_openapi_schema.properties
        assert "dask_address" in props


def test_generated_yaml_leaves_the_address_to_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The committed YAML names no scheduler (workers read the env); --dask-address adds one."""
    monkeypatch.setenv(DASK_ENV, "tcp://not-in-the-file:8786")
    default = render_prefect_yaml()
    assert "not-in-the-file" not in default and "RADAR_DASK_ADDRESS" in default
    doc = yaml.safe_load(render_prefect_yaml(dask_address="tcp://sched:8786"))
    by_name = {d["name"]: d["parameters"] for d in doc["deployments"]}
    assert by_name["scheduled-pool"]["dask_address"] == "tcp://sched:8786"
    assert "dask_address" not in by_name["weekly-pool"]
