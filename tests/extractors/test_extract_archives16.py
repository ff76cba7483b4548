"""Sixteenth round: dated stamp lines learned across a source, short closing lines over a stamp (own text)."""

from __future__ import annotations

from articlekit import make_article
from boilerkit import find_boilerplate

from extractors.boilerplate import EDGE, STAMP, line_keys, strip_boilerplate
from extractors.stamplines import stamp_rest

POSTS = [
    (
        "The canal trust opened the restored lock gates at the top of the flight on Tuesday morning.",
        "Boaters had waited three seasons for the work, which replaced timber that had rotted through.",
        "The trust says the next repairs will be on the towpath bridges further down the valley.",
        "Walkers can follow the works from a viewing platform beside the old lock keeper's cottage.",
    ),
    (
        "A small bakery on the high street has started selling bread made from a local heritage wheat.",
        "The owner found the grain in a seed bank and persuaded two farms to grow it last year.",
        "Loaves sold out within an hour on the first morning, and a waiting list has started.",
        "She hopes to mill the next harvest on site once the planning permission comes through.",
    ),
    (
        "The village choir will sing at the harvest supper in the community centre next month.",
        "Rehearsals have moved to Wednesday evenings so that younger members can join after school.",
        "New singers of any age are welcome, and no audition is needed to take part.",
        "Tickets for the supper can be had from the post office until the end of the week.",
    ),
]
STAMPS = [
    "Posted by riverclerk at March 3, 2009 07:15 PM",
    "Posted by riverclerk at October 21, 2010 11:02 AM",
    "Posted by riverclerk at June 9, 2008 08:40 AM",
]


def post(i: int, *, head: bool = False, closing: str | None = None) -> str:
    """Return post i with its dated stamp at the close (or over the text) and a closing line."""
    body = list(POSTS[i])
    tail = [closing] if closing else []
    if head:
        return "\n\n".join([f"Published Tuesday, {STAMPS[i].split(' at ')[1][:-9]}", *body])
    return "\n\n".join([*body, *tail, STAMPS[i]])


def test_a_stamp_is_keyed_without_its_date_and_clock_time() -> None:
    assert stamp_rest(STAMPS[0]) == stamp_rest(STAMPS[1]) == "postedbyriverclerkat"
    assert stamp_rest("Published Monday, June 16, 2003") == "published"
    assert stamp_rest("发布于 2024年3月5日 10:20") == "发布于"


def test_sentences_bare_dates_and_long_lines_are_no_stamps() -> None:
    assert stamp_rest("The vote is set for 3 May 2011.") is None
    assert stamp_rest("June 16, 2003") is None
    assert stamp_rest("Posted by riverclerk") is None
    assert stamp_rest("Posted by riverclerk at March 3, 2009 07:15 PM, " + "and more " * 12) is None


def test_a_closing_stamp_whose_date_changes_is_learned_and_stripped() -> None:
    keys = find_boilerplate([post(0), post(1)])
    assert STAMP + "postedbyriverclerkat" in keys
    assert strip_boilerplate(make_article(post(2)), keys).text.split("\n\n") == list(POSTS[2])


def test_a_stamp_over_the_text_is_learned_too() -> None:
    keys = find_boilerplate([post(0, head=True), post(1, head=True)])
    assert STAMP + "published" in keys
    assert strip_boilerplate(make_article(post(2, head=True)), keys).text.split("\n\n") == list(
        POSTS[2]
    )


def test_a_stamp_on_one_story_only_stays() -> None:
    keys = find_boilerplate([post(0), "\n\n".join(POSTS[1])])
    assert not any(k.startswith(STAMP) for k in keys)
    assert STAMPS[2] in strip_boilerplate(make_article(post(2)), keys).text


def test_a_dated_line_inside_the_text_stays() -> None:
    keys = find_boilerplate([post(0), post(1)])
    inner = "Posted by riverclerk at May 1, 2007 09:00 AM"
    lead = POSTS[2][0] + " " + POSTS[2][1]  # a long first paragraph: the head ends there
    text = "\n\n".join([lead, inner, *POSTS[0], *POSTS[2][2:], STAMPS[2]])
    assert inner in strip_boilerplate(make_article(text), keys).text.split("\n\n")


def test_a_labelled_date_over_the_text_is_no_stamp() -> None:
    # An archiver's "Original published: <date>" over a text is metadata the signal stage reads.
    texts = [
        f"Original published: {STAMPS[i].split(' at ')[1]}\n\n" + "\n\n".join(POSTS[i])
        for i in (0, 1)
    ]
    assert not any(k.startswith(STAMP) for k in find_boilerplate(texts))


def test_a_short_closing_line_over_a_stamp_is_an_edge_line_not_a_subheading() -> None:
    # "Sent from my phone" over the stamp recurs on two posts: a short line followed by a short
    # line without a sentence end is no subheading over prose, so the edge tier learns it.
    keys = find_boilerplate(
        [post(0, closing="Sent from my phone"), post(1, closing="Sent from my phone")]
    )
    assert EDGE + "sentfrommyphone" in keys
    out = strip_boilerplate(make_article(post(2, closing="Sent from my phone")), keys).text
    assert out.split("\n\n") == list(POSTS[2])


def test_a_subheading_over_prose_is_still_no_edge_line() -> None:
    body = [*POSTS[0][:2], "What comes next", POSTS[0][2] + " " + POSTS[0][3]]
    assert EDGE + "whatcomesnext" not in line_keys("\n\n".join(body))


def test_dated_list_items_are_a_lists_facts_not_stamps() -> None:
    texts = [
        "\n\n".join([*POSTS[i], f"- Applications close: {STAMPS[i].split(' at ')[1][:-9]}"])
        for i in (0, 1)
    ]
    assert not any(k.startswith(STAMP) for k in find_boilerplate(texts))
