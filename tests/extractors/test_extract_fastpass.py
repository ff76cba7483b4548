"""The fast pass's own trafilatura sequence: its page measure agrees with html2txt's."""

from __future__ import annotations

from pathlib import Path

import pytest
from trafilatura.baseline import html2txt
from trafilatura.core import ESCALATION_PAGE_SHARE
from trafilatura.utils import load_html
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

from extractors.bodypasses import covers_little, find_comment_sections, find_raw_prunes

HERE = Path(__file__).parent
PAGES = sorted([*HERE.glob("golden/*.html"), *HERE.glob("forums/*.html")])

COOKIE_PAGE = (
    "<html><body><div id='onetrust-banner-sdk'><p>{cookie}</p></div>"
    "<main><p>{body}</p></main><aside><p>{aside}</p></aside></body></html>"
).format(
    cookie="We use cookies to improve the site. " * 20,
    body="The registry opened on Monday and received its first filings. " * 10,
    aside="Most read stories of the week in one list. " * 10,
)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_page_measure_decides_like_html2txt(path: Path) -> None:
    markup = path.read_bytes().decode("utf-8", errors="replace")
    tree = load_html(markup)
    assert tree is not None
    limit = ESCALATION_PAGE_SHARE * len(html2txt(tree))
    # Words joined across blocks make our measure a few percent short: decisions agree
    # outside a 10% band around the limit.
    assert covers_little(tree, int(limit * 0.9))
    assert not covers_little(tree, int(limit * 1.1) + 1)


def test_cookie_banners_and_asides_do_not_count_as_page_text() -> None:
    tree = load_html(COOKIE_PAGE)
    assert tree is not None
    body = len("The registry opened on Monday and received its first filings. " * 10)
    assert not covers_little(tree, int(0.21 * body) + 1)
    assert covers_little(tree, int(0.19 * body))


PRUNE_PAGE = """<html><body>
<div id="main"><h1>Headline</h1><p>Body text of the story.</p></div>
<div id="comments"><p>A reader comment.</p></div>
<section class="comment-list"><p>Another.</p></section>
<div class="commentary"><p>An analysis column, not comments.</p></div>
<ol id="commentlist"><li>Listed comment</li></ol>
<ul class="menu"><li>Menu</li></ul>
<ul id="disqus_thread"><li>Disqus list: kept, the id rule for lists has no disqus</li></ul>
<div id="disqus_thread"><p>Disqus box</p></div>
<div class="post-comments wrap"><p>Post comments</p></div>
<div class="Comment-box"><p>Capitalised</p></div>
<details id="comol-1"><summary>More</summary></details>
<div class="infinite-scroll"><h1>Next article</h1><p>Appended</p></div>
<div id="infinitescroll"><p>Appended without a headline</p></div>
<section class="mvp-post-add-box"><h1>Added</h1></section>
<aside class="elementor-share-buttons x"><a href="#">Share</a></aside>
</body></html>"""


@pytest.mark.parametrize("path", [*PAGES, None], ids=lambda p: p.name if p else "synthetic")
def test_python_prunes_select_what_trafilaturas_xpaths_select(path: Path | None) -> None:
    markup = PRUNE_PAGE if path is None else path.read_bytes().decode("utf-8", errors="replace")
    tree = load_html(markup)
    assert tree is not None
    raw = [el for xpath in RAW_TREE_PRUNE_XPATH for el in xpath(tree)]
    comments = [el for xpath in REMOVE_COMMENTS_AND_LISTS_XPATH for el in xpath(tree)]
    assert find_raw_prunes(tree) == raw
    assert find_comment_sections(tree) == comments
    if path is None:
        assert [el.get("id") or el.get("class") for el in raw] == [
            "infinitescroll",
            "mvp-post-add-box",
            "elementor-share-buttons x",
        ]
        assert len(comments) == 7, [el.get("id") or el.get("class") for el in comments]
