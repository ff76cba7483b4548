"""bl43: a boiler cue makes a call's line chrome, not a paragraph of prose that holds one."""

from __future__ import annotations

from storykit import LIBRARY_PARAS, library_page

from extractors.article import extract_article
from extractors.chromeline import is_line_chrome, measure

# A paragraph of the story that mentions a link (229 characters).
MENTION = (
    "The council published the full timetable of the new opening hours, with the names of the "
    "volunteers on each shift and the rooms that stay closed on Sundays, such as the archive and "
    "the map room; to read the timetable, "
    "<a href='https://council.example.org/t.pdf'>click here</a>."
)
MENTION_TEXT = MENTION.replace("<a href='https://council.example.org/t.pdf'>", "").replace(
    "</a>", ""
)
# A call to act, a line of its own (88 characters).
CALL = "Get the day's top stories delivered to your inbox every morning: sign up for our letter."


def _story(extra: str) -> str:
    paras = "".join(f"<p>{p}</p>\n" for p in LIBRARY_PARAS[:2])
    rest = "".join(f"<p>{p}</p>\n" for p in LIBRARY_PARAS[2:])
    return f'<div id="story"><h1>Library opens on Sundays</h1>{paras}{extra}{rest}</div>'


def test_a_paragraph_that_mentions_a_link_is_kept() -> None:
    text = extract_article(library_page(_story(f"<p>{MENTION}</p>\n"))).text
    assert MENTION_TEXT in text


def test_a_call_to_act_in_the_story_is_still_dropped() -> None:
    link = f"<p><a href='https://letters.example.com/join'>{CALL}</a></p>\n"
    text = extract_article(library_page(_story(link))).text
    assert LIBRARY_PARAS[3] in text
    assert "sign up for our letter" not in text


def test_the_line_rule_reads_the_length_of_a_call() -> None:
    prose = (
        "They host a set of tools that we can use for some clever tricks, but first we need to "
        "use the loader to get access to them. This is simply a case of loading the library "
        "from their servers and telling it which of the tools we want to use on the page."
    )
    assert len(prose) > 200
    assert not is_line_chrome(prose, prose, measure(prose, prose))
    assert len(CALL) <= 200
    assert is_line_chrome(CALL, CALL, measure(CALL, CALL))
