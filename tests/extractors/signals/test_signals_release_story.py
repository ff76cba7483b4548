"""A model release counts only where it is the page's story: in the lead or under a release title."""

from __future__ import annotations

import pytest
from articlekit import make_article

from extractors.signals import detect_signals
from extractors.signals.requirements import RELEASE_LEAD, release_is_the_story

# Own words (the release is a public fact): a month-in-review essay on coding agents that retells a
# release in its middle, and the same release told as the page's news.
ESSAY_TITLE = "What a month of coding agents taught small teams"
ESSAY_OPENING = [
    "Small software teams spent the month learning how far coding agents can be trusted.",
    "Most of them started with narrow chores such as renaming variables and writing tests.",
    "By the third week several teams let the agents open pull requests on their own.",
    "Reviewers said the hardest part was reading long diffs that nobody had typed by hand.",
    "Some teams kept a log of every change an agent proposed and every change they refused.",
    "The logs showed that refusals fell as prompts grew more specific.",
    "Teams that wrote down their conventions saw fewer rejected changes.",
]
RELEASE = "Meta released Llama 4, its newest open-source large language model, in April 2025."
ESSAY_CLOSING = [
    "Several teams said they tried it within days.",
    "The month ended with more questions about review habits than about models.",
]
RELEASE_TITLE = "Meta releases Llama 4, its newest open-source language model"


def _text(sentences: list[str]) -> str:
    return "\n\n".join(sentences)


def _types(text: str, title: str) -> set[str]:
    article = make_article(text, language="en", title=title)
    return {r.signal_type for r in detect_signals(article)}


def test_a_release_retold_in_the_middle_of_an_essay_gives_no_release_row() -> None:
    text = _text([*ESSAY_OPENING, RELEASE, *ESSAY_CLOSING])
    assert "model_release" not in _types(text, ESSAY_TITLE)


def test_a_release_in_the_lead_keeps_its_row() -> None:
    text = _text([RELEASE, *ESSAY_OPENING, *ESSAY_CLOSING])
    assert "model_release" in _types(text, ESSAY_TITLE)


def test_a_release_under_a_release_title_keeps_its_row() -> None:
    text = _text([*ESSAY_OPENING, RELEASE, *ESSAY_CLOSING])
    assert "model_release" in _types(text, RELEASE_TITLE)


@pytest.mark.parametrize(
    ("index", "title_p", "kept"),
    [
        (0, 0.0, True),
        (RELEASE_LEAD, 0.0, True),
        (RELEASE_LEAD + 1, 0.0, False),
        (RELEASE_LEAD + 1, 0.5, True),
        (40, 0.49, False),
    ],
)
def test_release_is_the_story_reads_the_lead_and_the_title(
    index: int, title_p: float, kept: bool
) -> None:
    assert release_is_the_story(index, title_p, 0.5) is kept
