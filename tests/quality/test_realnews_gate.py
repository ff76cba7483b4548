"""Eval gate: realnews test-split figures may not fall below their pinned floors."""

# The floors are the figures measured when the test split was scored (docs/quality.md), less a
# small margin for one article's worth of noise. A change that loses more fails here.

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from scriptkit import load_script

pytestmark = pytest.mark.slow  # ingests the realnews test split once per module

REPO = Path(__file__).resolve().parents[2]
REALNEWS = REPO.parent / "shared" / "corpus" / "realnews"

# First scored on 2026-12-02 (docs/quality.md): money recall 19/23, precision 19/20, type recall
# 30/38, 13 extra type-article pairs in 45 articles (11.6 per 40), 6 negatives with rows, 4
# AI-policy articles without rows, chrome left in 7 files, 45/45 titles, 35 exact dates.
# Re-pinned after the second scoring (article gate and text view, same day): money recall 18/23,
# precision 18/19, 11 extra pairs (9.8 per 40), the rest unchanged. The margins allow about one
# article's worth of change; the goals are higher (see docs).
# Re-pinned in the fifteenth round (types judged per candidate, hand-labelled sentences; scored
# once with the final code): money 20/23 and 20/21, type recall 32/38, 4 extra pairs (3.6 per 40),
# 5 negatives with rows, 4 AI-policy articles without rows, chrome 7, titles 45, dates 35 exact.
FLOORS: dict[str, float] = {
    "money_recall": 0.82,
    "money_precision": 0.90,
    "type_recall": 0.81,
    "titles_ok": 44,
    "dates_exact": 33,
}
CEILINGS: dict[str, float] = {
    "extra_pairs_per_40": 5.5,
    "negatives_with_rows": 6,
    "policy_without_rows": 5,
    "chrome_left_files": 8,
}


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Ingest and score the test split once."""
    if not REALNEWS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("../shared/corpus/realnews is missing under CI")
        pytest.skip("../shared/corpus/realnews is not beside the repository")
    out = tmp_path_factory.mktemp("realnews") / "results.json"
    script = REPO / "benchmarks" / "realnews.py"
    done = subprocess.run(
        [sys.executable, str(script), "--split", "test", "--quiet", "--json", str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    module = load_script(script)
    summary: dict[str, Any] = module.summarize(json.loads(out.read_text()), "test")
    return summary


def test_every_test_article_is_ingested(figures: dict[str, Any]) -> None:
    assert figures["articles"] == figures["labelled"]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_figure_holds_its_floor(figures: dict[str, Any], name: str) -> None:
    assert figures[name] >= FLOORS[name], f"{name} {figures[name]} < floor {FLOORS[name]}"


@pytest.mark.parametrize("name", sorted(CEILINGS))
def test_figure_stays_under_its_ceiling(figures: dict[str, Any], name: str) -> None:
    assert figures[name] <= CEILINGS[name], f"{name} {figures[name]} > ceiling {CEILINGS[name]}"
