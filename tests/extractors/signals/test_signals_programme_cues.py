"""Cues for official programme documents, laws named in English and blacklists (twelfth round)."""

from __future__ import annotations

from articlekit import make_article

from extractors.signals import detect_signals
from extractors.signals.cues import find_cues


def _weights(text: str, signal_type: str) -> set[int]:
    """Return the weights of the cues of one type found in a text."""
    return {c.weight for c in find_cues(text) if c.signal_type == signal_type}


def test_chinese_programme_documents_are_strong_plan_cues() -> None:
    for text in (
        "市政府印发人工智能产业实施方案。",
        "区里出台支持大模型的若干措施。",
        "部署工作方案和专项行动。",
    ):
        assert _weights(text, "strategy_action_plan") == {2}, text


def test_laws_and_blacklists_are_strong_cues() -> None:
    assert _weights("The governor signed the AI bill into law.", "legislation_regulation") == {2}
    assert _weights("立法院三读通过人工智能基本法。", "legislation_regulation") == {2}
    assert _weights("Washington blacklisted three AI firms.", "entity_list_sanction") == {2}
    assert 2 in _weights("各地发放算力券，设立专项资金。", "government_ai_budget")


def test_a_signed_ai_law_makes_a_legislation_row() -> None:
    text = "The governor signed the state's AI law on Tuesday."
    rows = detect_signals(make_article(text, language="en"))
    assert "legislation_regulation" in {r.signal_type for r in rows}
