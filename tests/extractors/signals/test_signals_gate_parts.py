"""Frozen dev parts as always-training pages (benchmarks/gate_parts.py, the `--gate-parts` and
`--sentence-parts` options of signal_model.py): a gate part's pages give the article gate rows in
every fold, never train the sentence model, and are held out of the text view's cross-fit part by
part; a sentence part's pages train the type head with weak and hand labels, never the gate."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest

from extractors.rows import Article
from extractors.signals.classify import analyse, load_model

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "benchmarks"))
import gate_model  # noqa: E402  # benchmark script, on sys.path above
import gate_parts  # noqa: E402  # benchmark script, on sys.path above
import part_features  # noqa: E402  # benchmark script, on sys.path above
import signal_model  # noqa: E402  # benchmark script, on sys.path above
from signal_candidates import sentence_key  # noqa: E402  # benchmark script, on sys.path above
from signal_data import ALWAYS, HAND_WEIGHT, Doc, all_docs  # noqa: E402  # benchmark script

from extractors.signals.records import SIGNAL_TYPES  # noqa: E402

# our own fixture text (public facts, written for this test)
_POLICY = (
    "The European Union's AI Act entered into force on Thursday. The law bans social scoring "
    "and sets duties for providers of high-risk AI systems, the Commission said."
)
_NEGATIVE = (
    "A phone maker said its quarterly sales rose eight percent on strong demand in Asia. "
    "The company will open two new stores in Berlin next spring."
)
_POLICY_LABEL = {
    "is_ai_policy": True,
    "types": {"required": ["legislation_regulation"], "acceptable": []},
    "amounts": [],
    "outlet_timezone": "Europe/Brussels",
}
_NEGATIVE_LABEL = {
    "is_ai_policy": False,
    "types": {"required": [], "acceptable": []},
    "amounts": [],
    "outlet_timezone": "Europe/Berlin",
}


def _article(name: str, text: str) -> Article:
    """Return an ingested-looking English article of our own text."""
    return Article(
        article_id=f"fixture-{name}",
        source="fixture",
        url=None,
        path=f"/pages/{name}",
        title=text.split(".")[0],
        author=None,
        outlet=None,
        published_at=None,
        fetched_at=datetime(2025, 1, 1, tzinfo=UTC),
        language="en",
        text=text,
        text_hans=None,
        content_hash=name,
        extractor_version="fixture",
    )


def _doc(name: str, text: str, label: dict[str, Any], part: str | None) -> Doc:
    """Return a labelled always-training document (a gate part's page when part is given)."""
    doc = Doc(name, ALWAYS, analyse(text), article=_article(name, text), label=label)
    doc.sentence_train, doc.gate_part = False, part
    return doc


def test_a_gate_parts_pages_give_gate_rows_and_a_written_article_does_not() -> None:
    model = load_model()
    part = _doc("xx-dev/policy.md", _POLICY, _POLICY_LABEL, "xx-dev")
    written = _doc("written/1", _POLICY, _POLICY_LABEL, None)
    assert not gate_model.WRITTEN_ROWS  # the shipped choice this test is about
    xa, ya, xt, yt = gate_model.gate_rows([part, written], {d.name: model for d in (part, written)})
    assert xa.shape[0] == 1 and ya.tolist() == [1]  # the part's page only
    assert len(xt) == len(yt) >= 1 and 1 in yt.tolist()  # its required type is a positive row


def test_the_text_view_holds_a_gate_part_out_together() -> None:
    one = _doc("xx-dev/a.md", _POLICY, _POLICY_LABEL, "xx-dev")
    two = _doc("xx-dev/b.md", _NEGATIVE, _NEGATIVE_LABEL, "xx-dev")
    written = _doc("written/7", _POLICY, _POLICY_LABEL, None)
    dev = Doc("en/page.md", "en:outlet", analyse(_POLICY))
    assert gate_model.text_key(one) == gate_model.text_key(two) == "xx-dev"
    assert gate_model.text_key(written) == "written/7"
    assert gate_model.text_key(dev) == "en:outlet"


def _part_folder(tmp_path: Path) -> gate_parts.GatePart:
    """Return a realnews-style part of two labelled pages, one of them ingested as an article."""
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    (corpus / "en").mkdir(parents=True)
    labels = {"policy.md": _POLICY_LABEL, "dropped.md": _NEGATIVE_LABEL}
    (corpus / "en" / "labels.json").write_text(json.dumps({"files": labels}), encoding="utf-8")
    (data / "articles").mkdir(parents=True)
    frame = pl.DataFrame([dataclasses.asdict(_article("policy.md", _POLICY))])
    frame.write_parquet(data / "articles" / "part.parquet")
    return gate_parts.GatePart("xx-dev", corpus, data)


def test_part_docs_are_gate_only_always_training_pages(tmp_path: Path) -> None:
    docs = gate_parts.part_docs(_part_folder(tmp_path))
    # the page the ingest did not keep gives nothing; the kept one is named after its part
    assert [d.name for d in docs] == ["xx-dev/policy.md"]
    doc = docs[0]
    assert doc.group == ALWAYS and doc.gate_part == "xx-dev"
    assert doc.sentence_train is False and doc.label == _POLICY_LABEL
    assert doc.article is not None and doc.article.text == _POLICY
    # never a CV fold's held-out page: the fold of an always-training document is its name's hash
    dev = [Doc(f"en/{i}.md", "en:outlet", doc.analysis) for i in range(3)]
    folds = signal_model._fold_of([*dev, doc], 0, "")
    assert folds[:3] == [0, 0, 0]


def test_parts_are_named_frozen_sets_and_none_stands_alone(tmp_path: Path) -> None:
    assert signal_model.parts_of(["none"]) == ()
    assert signal_model.parts_of(["ty30-dev", "mo30-dev"]) == ("ty30-dev", "mo30-dev")
    with pytest.raises(ValueError, match="stands alone"):
        signal_model.parts_of(["none", "ty30-dev"])
    with pytest.raises(ValueError, match="frozen set"):
        gate_parts.prepare("../elsewhere", tmp_path)
    with pytest.raises(ValueError, match="named twice"):
        gate_parts.gate_part_docs(("xx-dev", "xx-dev"), tmp_path)
    assert gate_parts.gate_part_docs((), tmp_path) == []


def test_gate_thresholds_are_read_when_the_gate_is_fitted(monkeypatch: pytest.MonkeyPatch) -> None:
    model = load_model()
    docs = [_doc(f"xx-dev/p{i}.md", _POLICY, _POLICY_LABEL, "xx-dev") for i in range(3)] + [
        _doc(f"yy-dev/n{i}.md", _NEGATIVE + " " + _POLICY, _NEGATIVE_LABEL, "yy-dev")
        for i in range(3)
    ]
    monkeypatch.setattr(gate_model, "TEXT_VIEW", False)
    monkeypatch.setattr(gate_model, "ARTICLE_THRESHOLD", 0.4)
    monkeypatch.setattr(gate_model, "TYPE_THRESHOLD", 0.35)
    gate = gate_model.fit_gate(docs, {d.name: model for d in docs})
    assert (gate.article_threshold, gate.type_threshold) == (0.4, 0.35)
    assert np.isfinite(gate.article_head.bias)


def test_a_sentence_parts_pages_train_the_type_head_and_never_the_gate(tmp_path: Path) -> None:
    docs = gate_parts.labelled(gate_parts.part_docs(_part_folder(tmp_path)), "xx-dev")
    doc = docs[0]
    required = SIGNAL_TYPES.index("legislation_regulation")
    # weak labels as a realnews dev page's: the law's sentence is positive by its cue; amounts
    # stay unknown (the money head never trains on a part)
    assert any(row[required] == 1 for row in doc.type_labels)
    assert all(y == -1 for y in doc.money_labels)
    part_features.write(docs, tmp_path / "part_features.npz")
    (only,) = part_features.load(("xx-dev",), tmp_path / "part_features.npz")
    assert only.sentence_train and only.gate_part is None
    assert only.article is None and only.label is None
    model = load_model()
    xa, _, xt, _ = gate_model.gate_rows([only], {only.name: model})
    assert len(xa) == len(xt) == 0  # no article row, no type row


def test_hand_labels_override_a_parts_weak_labels_and_must_all_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    part = _part_folder(tmp_path)
    page = gate_parts.part_docs(part)[0]
    key = sentence_key(page, 0)
    labels = tmp_path / "part_sentences.jsonl"
    line = {"file": "xx-dev/policy.md", "sha1": key, "types": ["policy_statement"], "note": "x"}
    labels.write_text("// comment\n" + json.dumps(line) + "\n", encoding="utf-8")
    monkeypatch.setattr(gate_parts, "PART_LABELS", labels)
    (doc,) = gate_parts.labelled([page], "xx-dev")
    assert doc.type_labels[0] == [int(t == "policy_statement") for t in SIGNAL_TYPES]
    assert doc.type_weights[0] == HAND_WEIGHT
    # another part's labels are not this part's; a label that matches nothing is an error
    assert gate_parts.labelled(gate_parts.part_docs(part), "yy-dev")
    labels.write_text(json.dumps({**line, "sha1": "000000000000"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="match nothing"):
        gate_parts.labelled(gate_parts.part_docs(part), "xx-dev")


def test_a_part_has_one_role(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="both for the gate and for the sentence head"):
        all_docs(None, False, ("xx-dev",), tmp_path, ("xx-dev",))
    with pytest.raises(ValueError, match="named twice"):
        part_features.part_pages(("xx-dev", "xx-dev"), tmp_path)
    assert part_features.part_pages((), tmp_path) == []
