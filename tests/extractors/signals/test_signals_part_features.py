"""The sentence parts' features file (benchmarks/part_features.py): what the type head trains on,
without the pages, guarded by the feature code and the hand labels that wrote it."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from extractors.signals.classify import analyse
from extractors.signals.records import SIGNAL_TYPES

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "benchmarks"))
import part_features  # noqa: E402  # benchmark script, on sys.path above
import signal_model  # noqa: E402  # benchmark script, on sys.path above
from signal_data import ALWAYS, Doc  # noqa: E402  # benchmark script, on sys.path above

# our own fixture text (public facts, written for this test)
_PAGES = {
    "xx-dev/a.md": "The EU AI Act entered into force on 1 August 2024. Phone sales rose in Asia.",
    "xx-dev/b.md": "A company opened two stores in Berlin.",
    "yy-dev/c.md": "The US added chip makers to the Entity List. The firm said demand was strong.",
}


def _docs() -> list[Doc]:
    """Return labelled sentence-only documents of our own text (hand weight on the first)."""
    docs = []
    for name, text in _PAGES.items():
        doc = Doc(name, ALWAYS, analyse(text))
        doc.type_labels = [
            [int(k == 0 and t == "legislation_regulation") for t in SIGNAL_TYPES]
            for k in range(len(doc.analysis.sentences))
        ]
        doc.type_weights = [3.0 if k == 0 else 1.0 for k in range(len(doc.analysis.sentences))]
        docs.append(doc)
    return docs


def test_a_written_file_loads_back_what_the_type_head_trains_on(tmp_path: Path) -> None:
    docs = _docs()
    path = tmp_path / "part_features.npz"
    part_features.write(docs, path)
    back = part_features.load(("xx-dev", "yy-dev"), path)
    assert [d.name for d in back] == [d.name for d in docs]
    for one, two in zip(docs, back, strict=True):
        assert [f.tolist() for f in one.analysis.features] == [
            f.tolist() for f in two.analysis.features
        ]
        assert one.type_labels == two.type_labels and one.type_weights == two.type_weights
        assert two.group == ALWAYS and two.sentence_train and two.article is None
        assert list(two.analysis.amounts) == [] and two.money_labels == []
    # the type head's rows are the same from the file as from the pages
    rows, labels, _, _ = signal_model._rows(docs)
    rows_back, labels_back, _, _ = signal_model._rows(back)
    assert [list(r) for r in rows] == [list(r) for r in rows_back]
    assert np.array_equal(labels, labels_back)
    # only the parts asked for
    assert [d.name for d in part_features.load(("yy-dev",), path)] == ["yy-dev/c.md"]
    with pytest.raises(ValueError, match="no part named"):
        part_features.load(("zz-dev",), path)


def test_a_file_from_other_features_or_labels_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "part_features.npz"
    part_features.write(_docs(), path)
    monkeypatch.setattr(part_features, "CANARY", "Another sentence of ours about AI rules.")
    with pytest.raises(ValueError, match="other sentence features"):
        part_features.load(("xx-dev",), path)
    monkeypatch.undo()
    labels = tmp_path / "part_sentences.jsonl"
    labels.write_text("// no label yet\n", encoding="utf-8")
    monkeypatch.setattr(part_features, "PART_LABELS", labels)
    with pytest.raises(ValueError, match="other labels"):
        part_features.load(("xx-dev",), path)


def test_a_missing_file_says_how_to_write_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"part_features\.py export"):
        part_features.load(("xx-dev",), tmp_path / "part_features.npz")


def test_leaving_one_part_out_needs_two_parts(tmp_path: Path) -> None:
    import signal_lopo  # benchmark script, on sys.path above

    with pytest.raises(SystemExit):
        signal_lopo.main(["--work", str(tmp_path), "--parts", "ty30-dev"])
    assert not any(tmp_path.iterdir())  # nothing built
