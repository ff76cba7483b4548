"""The fundus dev/test split: by publisher, sha1 parity, every publisher in one half only."""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import ModuleType

import pytest
from scriptkit import load_benchmark

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def fundus() -> ModuleType:
    """Return benchmarks/fundusdata.py as a module."""
    return load_benchmark("fundusdata")


def test_halves_are_disjoint_and_follow_the_parity_rule(fundus: ModuleType) -> None:
    dev, test = fundus.fundus_publishers("dev"), fundus.fundus_publishers("test")
    assert dev and test and dev.isdisjoint(test)
    assert fundus.fundus_publishers("all") == dev | test
    for name in dev:
        assert int(hashlib.sha1(name.encode()).hexdigest(), 16) % 2 == 0


def test_reference_body_joins_summary_headlines_and_paragraphs(fundus: ModuleType) -> None:
    body = {
        "summary": ["The council met."],
        "sections": [
            {"headline": [], "paragraphs": ["First point.", "Second point."]},
            {"headline": ["What next"], "paragraphs": ["A vote in June."]},
        ],
    }
    assert fundus.fundus_body(body).split("\n\n") == [
        "The council met.",
        "First point.",
        "Second point.",
        "What next",
        "A vote in June.",
    ]


def test_version_names_sort_in_time_order(fundus: ModuleType) -> None:
    names = ["V2", "V1_1", "V1", "V1_10", "V1_2"]
    assert sorted(names, key=fundus._version_key) == ["V1", "V1_1", "V1_2", "V1_10", "V2"]
