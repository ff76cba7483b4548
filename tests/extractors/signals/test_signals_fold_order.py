"""The CV's fold dealing in benchmarks/signal_model.py: order 0 is by size, a seeded order keeps
whole outlets together; a fold salt redeals only the training documents; gate_docs leaves out only
the named examples batch."""

from __future__ import annotations

import sys
import zlib
from collections import Counter
from pathlib import Path

import pytest

from extractors.signals.classify import analyse

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "benchmarks"))
import signal_model  # noqa: E402  # benchmark script, on sys.path above
from signal_data import ALWAYS, Doc  # noqa: E402  # benchmark script, on sys.path above

_ANALYSIS = analyse("The ministry published a draft rule on AI models.")
# outlet -> number of articles: sizes 6, 5, 4, 3, 2, 1, 1 (the two 1s tie, broken by name)
_SIZES = {"aa": 6, "bb": 5, "cc": 4, "dd": 3, "ee": 2, "ff": 1, "gg": 1}


def _docs() -> list[Doc]:
    """Return dev documents of seven outlets and three training ones (our own fixture names)."""
    dev = [Doc(f"{g}/{i}", g, _ANALYSIS) for g, n in _SIZES.items() for i in range(n)]
    train = [Doc(f"examples_xx/{i}", ALWAYS, _ANALYSIS) for i in range(1, 3)]
    return [*dev, *train, Doc("examples/1", ALWAYS, _ANALYSIS)]


def _outlet_folds(docs: list[Doc], folds: list[int]) -> dict[str, set[int]]:
    """Return the set of folds each outlet's documents fell in."""
    seen: dict[str, set[int]] = {}
    for d, f in zip(docs, folds, strict=True):
        seen.setdefault(d.group, set()).add(f)
    return seen


def test_order_zero_deals_outlets_by_size_round_robin() -> None:
    docs = _docs()
    folds = signal_model._fold_of(docs, 0)
    seen = _outlet_folds(docs, folds)
    # sorted by size (ties by name): aa bb cc dd ee ff gg -> folds 0 1 2 3 4 0 1
    assert {g: seen[g] for g in _SIZES} == {
        "aa": {0},
        "bb": {1},
        "cc": {2},
        "dd": {3},
        "ee": {4},
        "ff": {0},
        "gg": {1},
    }
    assert folds == signal_model._fold_of(docs)  # FOLD_ORDER defaults to 0


def test_a_seeded_order_keeps_outlets_whole_and_is_reproducible() -> None:
    docs = _docs()
    base = signal_model._fold_of(docs, 0)
    dealt = {n: signal_model._fold_of(docs, n) for n in (1, 2, 3)}
    for folds in dealt.values():
        seen = _outlet_folds(docs, folds)
        assert all(len(seen[g]) == 1 for g in _SIZES)  # an outlet is never split
        # each outlet goes to the emptiest fold: the folds differ by at most the largest outlet
        held = Counter(f for d, f in zip(docs, folds, strict=True) if d.group != ALWAYS)
        assert len(held) == signal_model.FOLDS
        assert max(held.values()) - min(held.values()) <= max(_SIZES.values())
        # training documents keep their name-hash fold whatever the order
        assert [f for d, f in zip(docs, folds, strict=True) if d.group == ALWAYS] == [
            f for d, f in zip(docs, base, strict=True) if d.group == ALWAYS
        ]
    assert dealt[1] == signal_model._fold_of(docs, 1)
    assert len({tuple(f) for f in (base, *dealt.values())}) > 1  # the orders do differ
    with pytest.raises(ValueError, match="fold order"):
        signal_model._fold_of(docs, -1)


def test_gate_docs_leave_out_only_the_named_batch() -> None:
    docs = _docs()
    assert signal_model.gate_docs(docs, ()) is docs
    kept = signal_model.gate_docs(docs, ("examples_xx",))
    assert [d.name for d in docs if d not in kept] == ["examples_xx/1", "examples_xx/2"]
    assert "examples/1" in {d.name for d in kept}
    with pytest.raises(ValueError, match="examples_yy"):
        signal_model.gate_docs(docs, ("examples_yy",))


def test_the_empty_fold_salt_keeps_the_shipped_name_hash() -> None:
    docs = _docs()
    assert signal_model.FOLD_SALT == ""
    # the shipped dealing: training documents by zlib.crc32 of their name alone
    want = [zlib.crc32(d.name.encode()) % signal_model.FOLDS for d in docs if d.group == ALWAYS]
    for order in (0, 2):
        folds = signal_model._fold_of(docs, order, "")
        assert folds == signal_model._fold_of(docs, order)
        assert [f for d, f in zip(docs, folds, strict=True) if d.group == ALWAYS] == want


def test_a_fold_salt_redeals_only_the_training_documents() -> None:
    # enough training documents that some salted hash must land in another fold
    docs = [*_docs(), *(Doc(f"written/{i}", ALWAYS, _ANALYSIS) for i in range(40))]
    train = [d.group == ALWAYS for d in docs]
    for order in (0, 3):
        base = signal_model._fold_of(docs, order)
        for salt in ("fs28a:", "fs28b:"):
            salted = signal_model._fold_of(docs, order, salt)
            # the dev outlets' folds are the order's own, whatever the salt
            assert [f for f, t in zip(salted, train, strict=True) if not t] == [
                f for f, t in zip(base, train, strict=True) if not t
            ]
            moved = [a != b for a, b, t in zip(salted, base, train, strict=True) if t]
            assert any(moved)
            assert salted == signal_model._fold_of(docs, order, salt)  # deterministic
            want = [zlib.crc32(f"{salt}{d.name}".encode()) % signal_model.FOLDS for d in docs]
            assert [f for f, t in zip(salted, train, strict=True) if t] == [
                w for w, t in zip(want, train, strict=True) if t
            ]
    a, b = (signal_model._fold_of(docs, 0, s) for s in ("fs28a:", "fs28b:"))
    assert a != b


def test_fold_salt_defaults_to_the_module_constant(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [*_docs(), *(Doc(f"written/{i}", ALWAYS, _ANALYSIS) for i in range(40))]
    monkeypatch.setattr(signal_model, "FOLD_SALT", "fs28a:")
    assert signal_model._fold_of(docs, 0) == signal_model._fold_of(docs, 0, "fs28a:")
    assert signal_model._fold_of(docs, 0) != signal_model._fold_of(docs, 0, "")
