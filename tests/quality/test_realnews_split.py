"""The realnews dev/test split: by outlet, every labelled file in exactly one part."""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import ModuleType

import pytest
from scriptkit import load_benchmark

REPO = Path(__file__).resolve().parents[2]
REALNEWS = REPO.parent / "shared" / "corpus" / "realnews"


def _load_split_module() -> ModuleType:
    return load_benchmark("realnews")


@pytest.fixture(scope="module")
def realnews() -> ModuleType:
    """Return benchmarks/realnews.py, failing under CI when the corpus is missing."""
    if not REALNEWS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("../shared/corpus/realnews is missing under CI")
        pytest.skip("../shared/corpus/realnews is not beside the repository")
    return _load_split_module()


def test_every_file_is_in_exactly_one_part(realnews: ModuleType) -> None:
    labelled = set()
    for folder in ("zh", "hant", "en"):
        labelled |= set(json.loads((REALNEWS / folder / "labels.json").read_text())["files"])
    dev, test = set(realnews.labels_of("dev")), set(realnews.labels_of("test"))
    assert dev.isdisjoint(test)
    assert dev | test == labelled
    assert set(realnews.labels_of("all")) == labelled


def test_parts_share_no_outlet(realnews: ModuleType) -> None:
    outlets: dict[str, set[tuple[str, str]]] = {"dev": set(), "test": set()}
    for folder in ("zh", "hant", "en"):
        for name in (REALNEWS / folder / "pages").iterdir():
            part = realnews.split_of(folder, name.name)
            outlets[part].add((folder, realnews.outlet_of(folder, name.name)))
    assert outlets["dev"].isdisjoint(outlets["test"])
    assert len(outlets["test"]) >= 10


def test_test_part_covers_each_language_and_negatives(realnews: ModuleType) -> None:
    test = realnews.labels_of("test")
    assert {label["language"] for label in test.values()} == {"zh-Hans", "zh-Hant", "en"}
    assert any(not label["is_ai_policy"] for label in test.values())
    assert 35 <= len(test) <= 50


def test_unknown_outlet_is_a_clear_error(realnews: ModuleType) -> None:
    with pytest.raises(ValueError, match="no outlet"):
        realnews.outlet_of("en", "not-a-realnews-name.md")
    with pytest.raises(ValueError, match="no split part"):
        realnews.split_of("en", "en99-nosuchoutlet-page.md")


def test_totals_only_names_no_file(realnews: ModuleType) -> None:
    report = (
        "money recall 3/4 = 75%; precision 3/3 = 100%\n"
        "negatives with rows ['en01-neg-a.md', 'zh_02_b.md']\n"
        "AI-policy articles with no rows []\n"
        "\n## en01-neg-a.md: title ok; rows 2\n   types got ['export_control']\n"
    )
    assert realnews.totals_only(report) == (
        "money recall 3/4 = 75%; precision 3/3 = 100%\n"
        "negatives with rows: 2 files\n"
        "AI-policy articles with no rows: 0 files\n"
    )
