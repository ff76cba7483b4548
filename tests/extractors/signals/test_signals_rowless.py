"""A page where no sentence reaches a type threshold keeps its likeliest pair above the floor."""

from __future__ import annotations

import numpy as np
import pytest
from articlekit import make_article

from extractors.signals import detect_signals
from extractors.signals.classify import load_model
from extractors.signals.rowless import ROWLESS_FLOOR, likeliest_pair

# Own words: an official's position on AI oversight, stated without a measure or a strong cue, so
# the statement reads just under the per-type threshold and nothing else on the page is a candidate.
OFFICIAL_ON_OVERSIGHT = (
    "A senior European Commission official said the bloc must treat frontier AI models with great "
    "caution and called on member states to coordinate oversight of artificial intelligence. The "
    "remarks came at a conference in Brussels."
)
MINISTER_STUDIES_RULES = (
    "The digital minister said the government is studying whether new rules are needed for AI "
    "chatbots used by children. No decision has been made, she told reporters. Officials will meet "
    "industry groups next month to discuss artificial intelligence safety."
)
# Controls: product news and a hire read far below the floor and stay without rows.
APP_FEATURE = (
    "A small software company said on Thursday that its note-taking app now uses an AI model to "
    "summarise meetings. The feature is free for paying customers. The company has forty employees."
)
NEW_CTO = (
    "An AI start-up hired a former cloud executive as its chief technology officer, the company "
    "said on Monday. He will lead a team of engineers in London."
)


@pytest.mark.parametrize("text", [OFFICIAL_ON_OVERSIGHT, MINISTER_STUDIES_RULES])
def test_a_policy_page_with_nothing_over_threshold_keeps_its_likeliest_statement(text: str) -> None:
    rows = detect_signals(make_article(text, language="en"))
    assert [r.signal_type for r in rows] == ["policy_statement"]


@pytest.mark.parametrize("text", [APP_FEATURE, NEW_CTO])
def test_product_news_and_hires_stay_without_rows(text: str) -> None:
    assert detect_signals(make_article(text, language="en")) == []


def test_the_likeliest_pair_skips_spending_types_and_releases_and_respects_the_floor() -> None:
    types = load_model().types
    probs = np.zeros((2, len(types)))
    probs[0, types.index("investment_capex")] = 0.59
    probs[0, types.index("model_release")] = 0.58
    probs[1, types.index("legislation_regulation")] = ROWLESS_FLOOR + 0.01
    pair = likeliest_pair(probs, types)
    assert pair is not None
    assert pair[:2] == (1, types.index("legislation_regulation"))
    assert pair[2] == pytest.approx(ROWLESS_FLOOR + 0.01)
    probs[1, types.index("legislation_regulation")] = ROWLESS_FLOOR - 0.01
    assert likeliest_pair(probs, types) is None
    assert likeliest_pair(probs, types, floor=0.0) is None  # a floor of 0 turns it off
