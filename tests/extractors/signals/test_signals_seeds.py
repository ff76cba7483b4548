"""Seed-set quality gates: money precision/recall and signal type recall on the labelled seeds."""

from __future__ import annotations

import pytest
from seed_eval import SEEDS, build_raw_article, evaluate, load_labels

from extractors.signals import detect_signals

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


@pytest.mark.parametrize("mode", ["raw", "extract"])
def test_money_precision_and_recall(mode: str) -> None:
    score = evaluate(mode)
    assert score.money_tp / score.money_pred >= 0.95, score.money_false
    assert score.money_tp / score.money_gold >= 0.95, score.money_missed


@pytest.mark.parametrize("mode", ["raw", "extract"])
def test_signal_type_recall(mode: str) -> None:
    score = evaluate(mode)
    # In-sample (the seeds are training data of the classifier): 39/47 = 83% on 2026-12-02, down
    # from 47/47 once the seed-specific cues and rules were removed (issue 14). Out-of-sample
    # figures are the realnews leave-outlets-out ones in docs/signals.md.
    assert score.signals_found / score.signals_gold >= 0.80, score.signals_missed


def test_evidence_offsets_always_hold() -> None:
    for key, label in load_labels().items():
        article = build_raw_article(key, label)
        for row in detect_signals(article):
            assert article.text[row.evidence_start : row.evidence_end] == row.evidence
            assert 0.0 <= row.confidence <= 1.0


def test_one_row_per_dedupe_key() -> None:
    for key, label in load_labels().items():
        rows = detect_signals(build_raw_article(key, label))
        keys = [r.dedupe_key for r in rows]
        assert len(keys) == len(set(keys)), key
