"""Threads whose posts are written with line breaks and carry a post-body class (fifteenth round)."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html

from extractors.article import extract_article
from extractors.htmlbody import read_visible_paragraphs
from extractors.postrun import post_run
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
OPENING = [
    "Our allotment group waters the shared beds in turns, and the rota lives on paper today.",
    "Has anyone moved a rota like this to something people can check from their phones?",
    "Ideally it would remind whoever is due the evening before and let people swap days.",
]
REPLIES = [
    [
        "We tried a shared calendar last summer and it worked better than the paper sheet did.",
        "People swapped days by editing the entry and the reminders came by mail on their own.",
    ],
    [
        "A group chat with a pinned message is simpler if most members already use the same app.",
        "The downside is that swaps get lost in the scroll unless someone keeps the pin current.",
    ],
    [
        "Paper still helps for the older members, so we print the calendar once a month as well.",
        "Whatever you pick, give one person the job of keeping it right, or it drifts in weeks.",
    ],
    [
        "Thanks all, we will start with the calendar and a printed copy on the shed door.",
        "I will report back after the first month on how the swaps and reminders went.",
    ],
]


def _post(number: int, name: str, lines: list[str], extra: str = "") -> str:
    body = "<br/>\n<br/>\n".join(lines)
    return (
        f'<div class="post"><h4>#{number} - {name} - Sat May 0{number % 9 + 1}, 2021 6:1{number % 9} pm</h4>'
        f'<div class="postbody"><span class="postbody">{extra}{body}</span></div></div>'
    )


def _thread(extra: str = "") -> Page:
    names = ["willow", "ferncrest", "oakley", "willow"]
    posts = [_post(1, "willow", OPENING)] + [
        _post(i + 2, names[i], lines, extra if i < 3 else "") for i, lines in enumerate(REPLIES)
    ]
    html = (
        "<html><head><title>Watering rota - garden board archive</title></head><body>"
        "<h1>garden board archive</h1><h2>Tools &gt; Watering rota</h2>"
        f'<div id="posts">{"".join(posts)}</div></body></html>'
    )
    return Page(source="t", body=html.encode(), fetched_at=FETCHED)


def test_line_break_runs_count_as_paragraphs_where_a_page_has_none() -> None:
    tree = lxml.html.fromstring(_thread().body.decode())
    chars, count, probes = read_visible_paragraphs(tree)
    assert chars >= 30 * count
    assert count == 2 * len(REPLIES) + len(OPENING)
    assert probes and all(len(p) >= 30 for p in probes)


def test_a_thread_written_with_line_breaks_keeps_its_replies() -> None:
    text = extract_article(_thread()).text
    assert OPENING[0] in text
    for lines in REPLIES:
        assert lines[0] in text


def test_repeated_quote_captions_in_replies_are_no_furniture_of_an_opening_post() -> None:
    # Each reply opens with the same quote caption and quoted line: repeated short lines, as
    # the action links under an article's comments, yet the replies are the thread.
    quote = '<span class="quote">willow wrote:<br/>\nswap days<br/>\nrota?<br/>\n</span>'
    text = extract_article(_thread(quote)).text
    for lines in REPLIES:
        assert lines[0] in text


def test_a_post_run_needs_twins_of_one_class() -> None:
    tree = lxml.html.fromstring(_thread().body.decode())
    first = "\n".join(OPENING)
    assert len(post_run(tree, f"#1 - willow - Sat May 02, 2021 6:11 pm\n{first}").keys) == 5
    single = lxml.html.fromstring(
        f'<html><body><div class="entry">{"<br/>".join(OPENING)}</div></body></html>'
    )
    assert post_run(single, first).keys == []
