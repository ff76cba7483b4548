"""The fast pass's own trafilatura sequence: its page measure agrees with html2txt's."""

from __future__ import annotations

from pathlib import Path

import pytest
from trafilatura.baseline import html2txt
from trafilatura.core import ESCALATION_PAGE_SHARE
from trafilatura.utils import load_html

from extractors.htmlbody import covers_little

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
