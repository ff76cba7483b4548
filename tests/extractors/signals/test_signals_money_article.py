"""An amount needs an article the article head finds more likely AI policy than not (own wording)."""

from __future__ import annotations

import numpy as np
import pytest
from articlekit import make_article

from extractors.signals import detect_signals
from extractors.signals.article_gate import (
    ARTICLE_FEATURES,
    TYPE_FEATURES,
    ArticleGate,
    Evidence,
    LogisticHead,
)
from extractors.signals.money_article import MONEY_ARTICLE_FLOOR, article_holds_money

# A phone maker's quarter: its AI features are product news, not AI policy.
PHONE_TITLE = "Nova Mobile's quarterly revenue rises on premium handsets"
PHONE_HEAD = (
    "Nova Mobile, a smartphone maker based in Shenzhen, reported revenue of 82 billion yuan for "
    "the third quarter, up 9 percent from a year earlier, as its premium handsets sold well in "
    "Europe. The company said its new flagship phone, which offers AI photo editing and an AI "
    "voice assistant, drew strong orders. "
)
PHONE_TAIL = (
    "Shipments rose 12 percent to 41 million units. Gross margin improved to 21 percent. "
    "The shares rose 4 percent in Hong Kong."
)
# A public body's AI programme with its budget and a rule: clearly AI policy.
POLICY_TITLE = "EU agrees 20 billion euro plan for AI gigafactories"
POLICY = (
    "The European Commission said on Tuesday it will mobilise 20 billion euros for AI "
    "gigafactories under its InvestAI plan, to give European researchers and companies the "
    "computing power to train large AI models. The money will come from the EU budget and "
    "member states. Commission officials said the AI Act's rules for general-purpose AI models "
    "apply from August."
)


def _gate(article_bias: float) -> ArticleGate:
    """Return a gate whose article head gives every article sigmoid(article_bias) and whose type
    head keeps every candidate type (no text view, no article veto)."""
    n, m = len(ARTICLE_FEATURES), len(TYPE_FEATURES)
    article = LogisticHead(np.zeros(n), np.ones(n), np.zeros(n), article_bias)
    types = LogisticHead(np.zeros(m), np.ones(m), np.zeros(m), 5.0)
    return ArticleGate(article, types, article_threshold=0.0, type_threshold=0.5)


def _evidence() -> Evidence:
    """Return the evidence of an article with one candidate type (its values do not matter here)."""
    per_type = np.zeros((1, len(TYPE_FEATURES)))
    return Evidence(np.zeros(len(ARTICLE_FEATURES)), ("investment_capex",), per_type)


def test_money_is_kept_from_the_decision_point_up() -> None:
    """P(AI policy) of exactly 0.5 holds money; a hair below does not."""
    assert MONEY_ARTICLE_FLOOR == 0.5
    assert article_holds_money(_gate(0.0), _evidence())
    assert not article_holds_money(_gate(-1e-6), _evidence())


@pytest.mark.parametrize(
    ("middle", "value"),
    [
        (
            "Nova Mobile invested 3 billion yuan in research and development in the quarter, "
            "much of it on AI features. ",
            3e9,
        ),
        ("The company spent 2 billion yuan on marketing the AI phone. ", 2e9),
    ],
)
def test_a_phone_makers_quarter_gives_no_amount(middle: str, value: float) -> None:
    """The head reads the quarter as not AI policy, so its spending is no AI-policy amount."""
    article = make_article(PHONE_HEAD + middle + PHONE_TAIL, language="en", title=PHONE_TITLE)
    assert value not in {r.amount_value for r in detect_signals(article)}


def test_a_clear_ai_policy_article_keeps_its_amount() -> None:
    """The Commission's gigafactory budget stays a row, with its type."""
    article = make_article(POLICY, language="en", title=POLICY_TITLE)
    rows = {(r.signal_type, r.amount_value) for r in detect_signals(article)}
    assert ("government_ai_budget", 20e9) in rows


def test_below_the_floor_only_the_amount_goes() -> None:
    """With the head below 0.5 the amount's row goes and the amount-free row stays; above, both."""
    article = make_article(POLICY, language="en", title=POLICY_TITLE)
    low = {(r.signal_type, r.amount_value) for r in detect_signals(article, gate=_gate(-3.0))}
    high = {(r.signal_type, r.amount_value) for r in detect_signals(article, gate=_gate(3.0))}
    assert ("legislation_regulation", None) in low
    assert all(value is None for _, value in low)
    assert high == low | {("government_ai_budget", 20e9)}
