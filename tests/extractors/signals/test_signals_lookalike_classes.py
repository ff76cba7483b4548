"""Sentence classes of the sixteenth round's second wave: AI spending reaching an amount is money,
regulation discussed in an essay is not a measure (model trained on examples_sx16.jsonl)."""

from __future__ import annotations

from extractors.signals.classify import analyse, load_model
from extractors.signals.records import SIGNAL_TYPES

# Written for this test (own words, generic or public actors), none of them in
# benchmarks/signal_training. The round-start model (58c6a40) gave the two Chinese ones 0.04 and
# 0.11 (threshold 0.35); the model with examples_sx16.jsonl 0.83 and 0.48.
SPENDING = [
    "The retailer expects its AI-related spending to reach $4 billion next year.",
    "美团今年在人工智能上的相关支出预计将达到120亿元。",
    "該電信商預計今年AI相關支出將達到50億元。",
]
# Regulation named as background or opinion: the round-start model put 2 of 4 at or above the
# legislation threshold (mean 0.51); with examples_sx16.jsonl 1 of 4 (mean 0.38).
BACKGROUND = [
    "Rules such as the AI Act come up often in this course, but we focus on building the pipeline.",
    "The writer thinks lawmakers will keep arguing about AI liability for years.",
    "笔者认为，围绕AI责任的立法争论还会持续很多年。",
    "這篇評論認為，AI法規最終會改變新創公司的產品設計。",
]


def test_ai_spending_expected_to_reach_an_amount_is_a_commitment() -> None:
    model = load_model()
    for text in SPENDING:
        items = analyse(text).amounts
        assert len(items) == 1, text
        prob = float(model.money_head.predict([items[0].features])[0, 0])
        assert prob >= model.money_threshold, (text, prob)


def test_regulation_discussed_as_background_mostly_stays_below_the_type_threshold() -> None:
    model = load_model()
    t = SIGNAL_TYPES.index("legislation_regulation")
    probs = [
        float(model.type_head.predict(analyse(text).features).max(axis=0)[t]) for text in BACKGROUND
    ]
    assert sum(p >= model.type_threshold[t] for p in probs) <= 1, probs
    assert sum(probs) / len(probs) < 0.45, probs
