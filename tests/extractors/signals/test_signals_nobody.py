"""A measure nobody takes is no row: merge drops a measure row that names no actor or place."""

from __future__ import annotations

from datetime import date

from articlekit import make_article

from extractors.signals.align import build_match_text
from extractors.signals.classify import analyse
from extractors.signals.merge import build_rows
from extractors.signals.rules import Candidate

DAY = date(2025, 1, 4)
NEWSROOM = "https://www.example-news.com/tech/1"


def _rows(text: str, signal_type: str, title: str = "A look at the year ahead") -> list[str]:
    """Return the actors of the rows one candidate of a type in the first sentence gives."""
    analysis = analyse(text, None, None)
    mt = build_match_text(text, None)
    span = analysis.prep.spans[0]
    hits = [h for h in analysis.actors if span[0] <= h.start < span[1]]
    amount = analysis.prep.amounts[0] if analysis.prep.amounts else None
    cand = Candidate(signal_type, 0, None, amount, 1, signal_type, hits, False)
    page = make_article(text, language="en", url=NEWSROOM, title=title)
    rows = build_rows(page, mt, [(cand, span)], DAY)
    return [",".join(r.actors) or "-" for r in rows]


def test_a_measure_word_with_no_one_taking_it_gives_no_row() -> None:
    text = "Observers expect more cooperation on common rules for AI in the years ahead."
    assert _rows(text, "international_governance") == []
    skills = "The platform now ships three hundred ready-made AI agent skills."
    assert _rows(skills, "talent_skills") == []


def test_the_same_measure_with_its_actor_named_is_a_row() -> None:
    text = "Japan and Canada agreed on more cooperation on common rules for AI this week."
    assert _rows(text, "international_governance") != []
    # the actor may also come from the title, as for a ministry's notice that names itself there
    bare = "The rules on AI services take effect in March."
    assert _rows(bare, "legislation_regulation", "European Union adopts AI rules") != []


def test_a_statement_without_a_named_speaker_and_an_amount_keep_their_rows() -> None:
    text = "More cooperation on common rules for AI is needed, the letter said."
    assert _rows(text, "policy_statement") == ["-"]
    money = "A new fund will put $2 billion into AI computing centres over five years."
    assert _rows(money, "government_ai_budget") != []
