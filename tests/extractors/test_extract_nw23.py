"""nw23: a line chrome only by a boiler cue ("click here") is text where it stands among the story's paragraphs."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.chromeline import chrome_by_boiler_cue, measure
from extractors.clean import remove_chrome
from extractors.htmlparse import parse_markup
from extractors.linkzone import LinkZone
from extractors.rows import Page

# Our own text: a rowing club's news post about its spring regatta (invented, plain facts).
STORY = [
    "The rowing club held its spring regatta on the lake on Saturday, with forty crews from "
    "eleven clubs racing over a course of one thousand metres in calm and sunny weather.",
    "The junior eights opened the day, and the club's own crew won its heat by two lengths "
    "before finishing second in the final behind a crew from the university boat club.",
    "Volunteers from the club ran the start, the finish and the safety launches, and the "
    "organisers thanked the town council for lending the landing stage at the north shore.",
]
# The author's own closing lines, each holding a boiler cue and nothing else that is chrome.
CLOSING = [
    "Click here to see the full results of every race.",
    "For photographs of the finals, click here",
]
# A sign-up box: the same kind of cue, in its own box with a form, not in the story's flow.
SIGNUP = "Join our list of volunteers for the next regatta."


def _page(closing: str, box: str = "") -> str:
    story = "".join(f"<p>{p}</p>" for p in STORY)
    return (
        "<html><head><title>Spring regatta on the lake</title></head><body>"
        f"<article><h1>Spring regatta on the lake</h1><div class='post'>{story}{closing}</div>"
        f"{box}</article></body></html>"
    )


def _closing_paragraphs(link: bool = False) -> str:
    # link: "here" is a link to another page of the site (a pointer away from the story).
    lines = (
        line.replace("here", "<a href='/results'>here</a>") if link else line for line in CLOSING
    )
    return "".join(f"<p>{line}</p>" for line in lines)


def _signup_box() -> str:
    return (
        f"<div class='signup'><p>{SIGNUP}</p><form><input name='email'>"
        "<button>Send</button></form></div>"
    )


def _text(markup: str) -> str:
    page = Page("t", markup.encode(), datetime(2026, 1, 1, tzinfo=UTC), "p.html")
    return extract_article(page).text


def test_closing_lines_in_the_story_flow_are_kept() -> None:
    text = _text(_page(_closing_paragraphs()))
    assert STORY[-1] in text
    for line in CLOSING:
        assert line in text


def test_closing_lines_that_link_elsewhere_are_still_cut() -> None:
    text = _text(_page(_closing_paragraphs(link=True)))
    assert STORY[-1] in text
    for line in CLOSING:
        assert line not in text


def test_the_rule_applies_to_boiler_cues_only() -> None:
    for line in [*CLOSING, SIGNUP]:
        assert chrome_by_boiler_cue(line, line, measure(line, line))
    # Another cue keeps a line chrome wherever it stands (a contact line, a plain sentence).
    for line in ["Follow us on Twitter and Facebook", STORY[0]]:
        assert not chrome_by_boiler_cue(line, line, measure(line, line))


def test_a_cued_line_in_its_own_box_is_still_cut() -> None:
    zone = LinkZone(lambda: parse_markup(_page("", _signup_box())))
    assert not zone.in_flow(SIGNUP)
    paras = [*STORY, SIGNUP]
    assert remove_chrome(paras, paras, in_flow=zone.in_flow) == STORY


def test_in_flow_needs_the_story_paragraphs_around_it() -> None:
    zone = LinkZone(lambda: parse_markup(_page(_closing_paragraphs())))
    assert zone.in_flow(CLOSING[0])
    assert not zone.in_flow("A line the page does not hold")
    # Alone in its block (no prose paragraphs beside it), the same line is not in a flow.
    lone = LinkZone(
        lambda: parse_markup(f"<html><body><div><p>{CLOSING[0]}</p></div></body></html>")
    )
    assert not lone.in_flow(CLOSING[0])


def test_without_the_lookup_the_cue_still_cuts() -> None:
    paras = [*STORY, *CLOSING]
    assert remove_chrome(paras, paras) == STORY
