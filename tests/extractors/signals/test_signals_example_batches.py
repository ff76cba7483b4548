"""Example sentences come in batches (examples*.jsonl), so that parallel batches merge cleanly."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_example_batch_trains_with_distinct_names() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from signal_data import EXAMPLE_FILES, example_docs

    folder = ROOT / "benchmarks" / "signal_training"
    assert EXAMPLE_FILES[0] == folder / "examples.jsonl"
    assert set(EXAMPLE_FILES) == set(folder.glob("examples*.jsonl"))
    docs = example_docs()
    assert len({d.name for d in docs}) == len(docs)
    assert docs[0].name == "examples/1"
