"""Posts of discussion pages: anchors, replies below quotes, action links, bylines, post bodies."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from extractors.posts import render_paragraphs, repeated_posts, trim_bylines
from extractors.threads import Thread, replaces_body, thread_text

_REPLIES = [
    "The kettle descales best with plain citric acid and a long soak overnight.",
    "Vinegar works too, but the smell stays in the kitchen for a whole day.",
    "Rinse it twice afterwards or the first cup of tea tastes sour.",
]
# Distinct posts, as many as a thread found by a weaker sign needs (_LOOSE_POSTS).
_SIX = [f"{text} ({i})" for i, text in enumerate(_REPLIES * 2)]


def _posts(markup: str, numbered: bool = False) -> list[list[str]]:
    found = repeated_posts(lxml_html.fromstring(markup))
    assert found is not None
    assert found[2] is numbered
    return found[0]


def test_posts_numbered_only_by_an_anchor_are_the_rows_around_it() -> None:
    # An old table layout: each post is a row whose only numbered element is its anchor.
    rows = "".join(
        f'<tr><td><a name="post{100 + i}"></a><b>member{i}</b> 3 days ago</td>'
        f"<td><p>{text}</p></td></tr>"
        for i, text in enumerate(_SIX)
    )
    markup = f"<html><body><table><tbody>{rows}</tbody></table></body></html>"
    assert [post[-1] for post in _posts(markup)] == _SIX
    # Fewer rows than _LOOSE_POSTS are a layout as likely as a thread.
    rows = rows.split("</tr>", 4)[-1]
    assert repeated_posts(lxml_html.fromstring(f"<table>{rows}</table>")) is None


def test_numbered_containers_win_over_the_fallbacks() -> None:
    posts = "".join(
        f'<div id="p{7 + i}" class="post"><a name="c{i}"></a><span>Jan {i + 1}, 2020</span>'
        f"<p>{text}</p></div>"
        for i, text in enumerate(_REPLIES)
    )
    found = _posts(f"<html><body>{posts}</body></html>", numbered=True)
    assert [post[-1] for post in found] == _REPLIES


def test_a_reply_written_below_a_quote_is_the_post_not_the_quote() -> None:
    quote = "A long quoted paragraph from the earlier post, repeated here in full so it is big."
    posts = "".join(
        f'<table id="post{i}"><tr><td class="userinfo">member{i}</td><td>Mar {i + 1}, 2019</td>'
        f'<td class="postbody"><div class="quote"><h4>someone posted:</h4>'
        f"<blockquote>{quote}</blockquote></div><br>{reply}</td></tr></table>"
        for i, reply in enumerate(["Agreed.", "Not on my machine, it does not work at all."])
    )
    found = _posts(f"<html><body>{posts}</body></html>", numbered=True)
    assert [post[-1] for post in found] == [
        "Agreed.",
        "Not on my machine, it does not work at all.",
    ]


def test_a_lone_reply_link_is_not_post_text() -> None:
    el = lxml_html.fromstring(
        '<div><p>The actual answer to the question.</p><div class="reply"><p><font><u>'
        '<a href="reply?id=4">reply</a></u></font></p></div></div>'
    )
    assert render_paragraphs(el) == ["The actual answer to the question."]
    # A link that is a sentence of the post stays.
    el = lxml_html.fromstring('<div><p><a href="/guide">Read the whole guide first</a></p></div>')
    assert render_paragraphs(el) == ["Read the whole guide first"]


def test_an_appended_short_body_keeps_its_heading_and_text_but_not_its_counters() -> None:
    posts = [[f"{text} ({i})"] for i, text in enumerate(_REPLIES * 2)]
    thread = Thread(posts, by_schema=False, opening="member0 3 days ago", article=False)
    body = "52.1k\nWhich kettle cleaner works?\n86% Upvoted\nMine is full of scale again."
    text = thread_text(thread, body, "Which kettle cleaner works?")
    joined = "\n".join(post[0] for post in posts)
    assert text == "Which kettle cleaner works?\nMine is full of scale again.\n" + joined
    # The posts follow the body there: a better body is still worth a second pass.
    assert not replaces_body(thread, body, "Which kettle cleaner works?")


def test_posts_found_around_anchors_never_follow_a_body_that_is_none_of_them() -> None:
    posts = [[f"{text} ({i})"] for i, text in enumerate(_REPLIES * 2)]
    body = "A short story teaser line of some length."
    for numbered in (True, False):
        thread = Thread(posts, by_schema=False, opening="x", article=False, numbered=numbered)
        text = thread_text(thread, body, "Some heading of the page")
        assert (text is not None) is numbered


def test_a_list_of_reference_links_is_post_text_not_an_action_bar() -> None:
    links = "".join(
        f'<li><a href="http://example.org/guide/{i}.html">http://example.org/guide/{i}.html</a></li>'
        for i in range(3)
    )
    actions = '<ul><li><a href="#">permalink</a></li><li><a href="#">reply</a></li></ul>'
    el = lxml_html.fromstring(f"<div><p>The guide covers this:</p><ul>{links}</ul>{actions}</div>")
    assert render_paragraphs(el) == ["The guide covers this:"] + [
        f"http://example.org/guide/{i}.html" for i in range(3)
    ]


@pytest.mark.parametrize(
    ("paras", "kept"),
    [
        # A byline of names before its stamp goes (the short reply stays).
        (["level 2", "some_user", "· 4 yr. ago", "Yarp."], ["Yarp."]),
        (["Anonymous", "updated 2014-09-09 13:50:16 -0600", "The text."], ["The text."]),
        # Dated lines opening a post go, as they did.
        (["Jan 3, 2020", "Jan 4, 2020", "The text."], ["The text."]),
        # A greeting is no name, a sentence holding a time is no stamp: both stay.
        (["Hi all,", "I tried it at 10:30 today", "The text."], None),
        (["Thanks", "I tried it at 10:30 today", "The text."], None),
        # Names are only looked for in the first lines.
        (["one", "two", "three", "four", "· 4 yr. ago", "The text."], None),
    ],
)
def test_bylines_of_names_and_a_stamp_leave_a_post(
    paras: list[str], kept: list[str] | None
) -> None:
    assert trim_bylines(paras) == (paras if kept is None else kept)


def test_a_post_body_keeps_its_short_list_lines_before_long_comments() -> None:
    # A blog post (paragraphs, then a list of short steps) under a comment thread four times
    # its length: the post stays whole before the comments, its steps included.
    prose = "A paragraph of the post itself, telling how the dish came about and why it works. "
    body = "\n".join([prose + "One.", prose + "Two.", prose + "Three.", "- Stir well.", "- Serve."])
    comment = "A reader comment that runs on for a while about trying the dish at home, twice. "
    posts = [[comment * 2 + str(i)] for i in range(6)]
    thread = Thread(posts, by_schema=False, opening="Another title", article=False)
    text = thread_text(thread, body, "The page heading")
    assert text is not None and "- Stir well." in text and "- Serve." in text
    # Furniture above the posts (a menu, counters, one story line) still loses its short lines.
    menu = "\n".join(["Home", "Recipes", "Seen 120 times", prose])
    text = thread_text(thread, menu, "The page heading")
    assert text is not None and "Recipes" not in text and prose.strip() in text
