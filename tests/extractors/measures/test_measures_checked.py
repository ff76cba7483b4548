"""Done-when gate of the measure tracker: a hand-checked list of measures and dated events.

The list (measures_checked.toml) is my own reading of the bundled examples and of the dev split of
../shared/corpus/realnews. Both corpora are ingested once; measures are built over their union,
so one instrument named by pages of both must still get one measure_id.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scriptkit import load_benchmark

from extractors.measures import AI_TERM_PREFILTER, MeasureTables, build_measures
from extractors.rows import Article
from storage.read import read_measure_inputs

pytestmark = pytest.mark.slow  # ingests the realnews corpus once per module

REPO = Path(__file__).resolve().parents[3]
CHECKED = Path(__file__).with_name("measures_checked.toml")
REALNEWS = REPO.parent / "shared" / "corpus" / "realnews"
MIN_FOUND = 0.9


def _ingest_examples(data: Path) -> None:
    cmd = [sys.executable, "-m", "flows.cli", "ingest", "--sources-file"]
    cmd += [str(REPO / "examples" / "sources.toml"), "--data", str(data)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=600, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


def _ingest_realnews_dev(data: Path) -> None:
    script = REPO / "benchmarks" / "realnews.py"
    cmd = [sys.executable, str(script), "--split", "dev", "--quiet", "--data", str(data)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=600, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory, shared: Path
) -> Iterator[tuple[MeasureTables, list[Article]]]:
    """Ingest the examples and realnews dev, then build measures over both."""
    if not REALNEWS.is_dir():
        pytest.skip("../shared/corpus/realnews is not beside the repository")
    base = tmp_path_factory.mktemp("measures")
    _ingest_examples(base / "examples")
    _ingest_realnews_dev(base / "realnews")
    articles: list[Article] = []
    signals = []
    for name in ("examples", "realnews"):
        found, sigs = read_measure_inputs(base / name, AI_TERM_PREFILTER)
        articles += found
        signals += sigs
    yield build_measures(articles, signals), articles


def score(tables: MeasureTables, articles: list[Article]) -> tuple[int, int, dict[str, set[str]]]:
    """Return (events found, events listed, measure ids per listed measure)."""
    # The held-out benchmark's scorer, run on the checked list.
    heldout = load_benchmark("measures_heldout")
    result = heldout.score(tables, articles, tomllib.loads(CHECKED.read_text(encoding="utf-8")))
    return result.found, result.total, result.ids


def test_checked_list_is_large_enough() -> None:
    listed: list[dict[str, Any]] = tomllib.loads(CHECKED.read_text(encoding="utf-8"))["measure"]
    assert len(listed) >= 15


def test_checked_events_are_found(built: tuple[MeasureTables, list[Article]]) -> None:
    found, total, _ = score(*built)
    assert found / total >= MIN_FOUND, f"{found}/{total} checked events found"


def test_one_id_per_checked_measure(built: tuple[MeasureTables, list[Article]]) -> None:
    _, _, ids = score(*built)
    assert {name: sorted(v) for name, v in ids.items() if len(v) > 1} == {}
    assert sum(1 for v in ids.values() if v) >= 15
