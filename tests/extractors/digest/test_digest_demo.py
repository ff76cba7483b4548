"""`radar demo` digests: no "unnamed actor" headline, and no item led by the one it targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.digest import build_digest
from extractors.digest.headline import jurisdiction_name
from extractors.digest.weeks import iso_week_of
from flows.cli import EXAMPLES
from flows.config import load_sources
from flows.digest import actor_kinds
from flows.ingest import run_ingest
from flows.sources import Window
from storage.read import read_week
from storage.store import Store, published_days


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return DATA after ingesting the bundled samples (what `radar demo` reads)."""
    data = tmp_path_factory.mktemp("demo") / "data"
    stats = run_ingest(load_sources(EXAMPLES), str(data), Window())
    assert sum(s.signal_errors for s in stats) == 0
    return data


def test_demo_digests_name_an_actor_and_never_lead_with_the_target(demo_data: Path) -> None:
    weeks = sorted({iso_week_of(day) for day in published_days(Store(demo_data))})
    assert weeks
    items = 0
    for week in weeks:
        digest = build_digest(read_week(demo_data, week, "UTC", actor_kinds()), similar=None)
        for item in digest.items:
            items += 1
            assert "unnamed actor" not in item.headline.lower(), item.headline
            assert not set(item.actors) & set(item.targets), item.headline
            for target in item.targets:
                name = jurisdiction_name(target)
                assert not item.headline.startswith(name + " "), item.headline
    assert items > 0
