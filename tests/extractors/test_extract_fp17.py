"""A thread page's posts keep their inside lines (output, URLs, separators) (seventeenth round)."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.postclass import ClassRuns
from extractors.postlines import PostSources, author_lines
from extractors.rows import Page
from extractors.threads import Thread

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
REPLIES = [
    "<p>Thanks for the quick answer. I tried the new build of the counting tool on the orchard "
    "survey and it now finishes without the error message I described in my first post.</p>"
    "<p>This is what it printed for the first two plots:</p>"
    "<p>##<br>0 35 45<br>1 31 4 14<br>2 3 1 11<br>##<br>"
    "https://example.org/orchard/survey/run-log-2019.txt</p>"
    "<p>Does the third column look right to you, or should it count the young trees apart?</p>",
    "<p>The third column counts every tree taller than one metre, young or not, so the numbers "
    "you printed look right to me. The young trees get their own column in the next release.</p>",
    "<p>Great, that settles it for our group. We will wait for the next release before we "
    "count the young trees on the remaining plots of the orchard this autumn.</p>",
]
POSTS = "".join(
    f'<div class="post-{i} reply type-reply"><div class="bbp-reply-header">'
    f'<p class="bbp-reply-post-date">March {i + 3}, 2019 at 9:1{i} am</p></div>'
    f'<div class="bbp-reply-author">Member {i}</div>'
    f'<div class="bbp-reply-content">{body}</div></div>\n'
    for i, body in enumerate(REPLIES, start=1)
)
OPENING = (
    "<p>Our volunteer group counts the trees of an old orchard every spring with the counting "
    "tool, and since the last update it stops with an error on the second plot of the survey. "
    "Has anyone seen this before, and is there a way to get the counts out again?</p>"
)
PAGE = f"""<html><head><title>Counting tool stops on the second plot | Support forum</title></head>
<body><div id="header"><a href="/">Home</a> <a href="/forums/">Forums</a></div>
<div id="content"><h1>Counting tool stops on the second plot</h1>
<div class="forums bbp-replies">
<div class="post-0 topic type-topic"><div class="bbp-reply-header">
<p class="bbp-reply-post-date">March 3, 2019 at 8:55 am</p></div>
<div class="bbp-reply-author">Member 0</div>
<div class="bbp-reply-content">{OPENING}</div></div>
{POSTS}
</div></div>
<div id="footer">Copyright 2019 Example Orchard Software</div>
</body></html>
"""


def test_post_keeps_program_output_url_and_separator_lines() -> None:
    text = extract_article(Page(source="t", body=PAGE.encode(), fetched_at=FETCHED)).text
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for kept in (
        "0 35 45",
        "1 31 4 14",
        "##",
        "https://example.org/orchard/survey/run-log-2019.txt",
    ):
        assert kept in lines
    assert lines.index("0 35 45") < lines.index("2 3 1 11")
    assert "Copyright 2019 Example Orchard Software" not in text


def test_post_edges_and_template_lines_are_not_author_lines() -> None:
    posts = [
        ["Posted by A", "first own line", "-----", "stamp 1"],
        ["Posted by B", "second own line", "-----", "stamp 2"],
        ["Posted by C", "third own line", "-----", "stamp 3"],
    ]
    paras = [line for post in posts for line in post]
    found = PostSources(Thread(posts, by_schema=True), ClassRuns(()), "\n".join(paras), "", False)
    assert author_lines(found, paras, None) == frozenset(
        {"first own line", "second own line", "third own line"}
    )
    article = PostSources(
        Thread(posts, by_schema=False, article=True), ClassRuns(()), None, "\n".join(paras), True
    )
    assert author_lines(article, paras, None) == frozenset()
