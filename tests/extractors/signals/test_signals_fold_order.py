"""The CV's fold dealing in benchmarks/signal_model.py: order 0 is by size, a seeded order keeps
whole outlets together; gate_docs leaves out only the named examples batch."""

from __future__ import annotations

import sys
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
