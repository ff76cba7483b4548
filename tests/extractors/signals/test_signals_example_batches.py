"""Example sentences come in batches (examples*.jsonl), so that parallel batches merge cleanly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

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


def test_acceptable_types_of_an_example_are_unknown(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from signal_data import _example_file_docs

    from extractors.signals.records import SIGNAL_TYPES

    batch = tmp_path / "examples_test.jsonl"
    line = (
        '{"text": "The ministry published a national AI strategy with new computing centres.", '
        '"types": ["strategy_action_plan"], "acceptable": ["energy_datacenter_infra"], '
        '"money": null}'
    )
    batch.write_text("// own words\n" + line + "\n", encoding="utf-8")
    (doc,) = _example_file_docs(batch)
    assert doc.type_labels
    row = dict(zip(SIGNAL_TYPES, doc.type_labels[0], strict=True))
    assert row["strategy_action_plan"] == 1
    assert row["energy_datacenter_infra"] == -1
    assert row["policy_statement"] == 0
    batch.write_text(line.replace('["energy', '["strategy_action_plan", "energy') + "\n", "utf-8")
    with pytest.raises(ValueError, match=r"both stated and acceptable \['strategy_action_plan'\]"):
        _example_file_docs(batch)
