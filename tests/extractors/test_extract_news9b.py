"""News pages, ninth round, second set: teaser blocks, teaser cards, post navigation, dated sentences."""

from __future__ import annotations

from datetime import UTC

import pytest
from lxml.html import HtmlElement

import extractors.bodypasses as bodypasses
from extractors.bodypasses import extract_pass_measured
from extractors.chromeline import is_line_chrome, measure
from extractors.chrometail import find_chrome_blocks
from extractors.htmlparse import parse_markup
from extractors.published import split_datelines

PROSE = (
    "The committee met on Tuesday to review the draft rules for automated decision systems, "
    "and members asked the agency to publish its impact assessments before the vote."
)
OTHER = "Elsewhere the harbour board approved a new ferry timetable that starts in the spring."


def _tree(markup: str) -> HtmlElement:
    tree = parse_markup(markup)
    assert tree is not None
    return tree


def _chrome(line: str) -> bool:
    return is_line_chrome(line, line, measure(line, line))


def test_the_fast_pass_prunes_teaser_blocks_as_bare_trafilatura(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = (
        f"<html><body><table><tr><td><div>{PROSE}<br>{PROSE}</div>"
        f"<div class='teaser'><p>{OTHER}</p></div></td></tr></table></body></html>"
    )
    text, _, _ = extract_pass_measured(_tree(page), None, True)
    assert "committee" in text and "harbour" not in text
    # trafilatura's fast mode alone keeps the teaser block in its wild-text recovery
    monkeypatch.setattr(bodypasses, "_teasers_pruned", lambda options: options)
    kept, _, _ = extract_pass_measured(_tree(page), None, True)
    assert "harbour" in kept


def test_teaser_cards_running_to_the_end_start_the_tail() -> None:
    cards = []
    for kicker, headline in (
        ("Ferries", "New timetable for the harbour"),
        ("Schools", "Term starts a week later"),
        ("Weather", "A dry week ahead for the region"),
    ):
        cards += [kicker, headline, f"{headline} after a decision on Monday, officials said."]
    paras = [PROSE, PROSE, PROSE, *cards, "1/3"]
    end, _ = find_chrome_blocks(paras, [measure(p, p) for p in paras])
    assert end == 3


def test_subheadings_over_paragraphs_are_no_card_run() -> None:
    paras = [PROSE, "What changes", PROSE, "Who is covered", PROSE, "What comes next", PROSE]
    end, _ = find_chrome_blocks(paras, [measure(p, p) for p in paras])
    assert end == len(paras)


@pytest.mark.parametrize(
    "line",
    [
        "Previous post: Council approves the new budget",
        "Next article: What the ruling means for drivers",
        "Nächster Artikel: Neue Regeln für Drohnen",
        "{ 4 comments }",
        "12 Kommentare",
        "Comments on this entry are closed.",
        "Les commentaires sont fermés.",
        "TELL YOUR FRIENDS ABOUT OUR SITE",
    ],
)
def test_post_navigation_and_comment_status_lines_are_chrome(line: str) -> None:
    assert _chrome(line)


def test_a_sentence_about_the_next_post_is_not_chrome() -> None:
    assert not _chrome("The next post office in the valley closes in May, the council said.")


def test_a_short_dated_sentence_stays_in_the_body() -> None:
    paras = [PROSE, "The new rules are due to take effect on 21 June 2027.", "(dpa)"]
    kept, _, _, _ = split_datelines(paras, UTC)
    assert "The new rules are due to take effect on 21 June 2027." in kept
    german = [PROSE, "Die Regeln sollen am 21. Juni 2027 gelten. (ab)"]
    assert split_datelines(german, UTC)[0] == german


def test_date_lines_are_still_removed() -> None:
    for line in ("Posted 2027-03-05 by admin.", "Updated 2027-03-03 at 5:00 p.m."):
        kept, _, _, _ = split_datelines([PROSE, line], UTC)
        assert kept == [PROSE]
