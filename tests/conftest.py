"""Test session setup: a private PREFECT_HOME, no telemetry, no inherited Prefect server."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_HOME = tempfile.mkdtemp(prefix="radar-prefect-home-")
os.environ["PREFECT_HOME"] = _HOME
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ.pop("PREFECT_API_URL", None)
os.environ.setdefault("RADAR_WORKERS", "2")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """Return ../shared, skipping tests that need it when it is absent (failing under CI=true)."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


def _ci() -> bool:
    """Return whether the run is CI (CI=true), where missing ../shared data is a failure."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under CI=true, a test skipped because ../shared (or its data) is missing fails instead."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]
    if not (_ci() and report.skipped and isinstance(report.longrepr, tuple)):
        return
    reason = str(report.longrepr[2])
    if "shared" in reason or "seeds" in reason or "corpus" in reason:
        report.outcome = "failed"
        report.longrepr = f"CI=true: a test that needs ../shared must not skip ({reason})"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the files holding slow or end-to-end tests first, in their own order.

    `make test` gives each xdist worker whole files, in collection order (--no-loadscope-reorder):
    a long file collected late would run alone at the end while the other workers sit idle.
    """
    heavy = {i.path for i in items if i.get_closest_marker("slow") or i.get_closest_marker("e2e")}
    items.sort(key=lambda item: item.path not in heavy)  # stable: order within a file is kept


@pytest.fixture(scope="session")
def prefect_session() -> Iterator[None]:
    """Run Prefect in ephemeral mode once per session (flows need it)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
