"""Publication dates found around the post when trafilatura keeps side lists before it."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
_PROSE = "地方档案馆整理了清末报刊中的改良主张，学者据此重新梳理了当年的争论脉络与传播路径。"


def _blog_page(links: int) -> bytes:
    side = "".join(f"<p>友情站点{i}[个人书房{i}号]</p>" for i in range(links))
    body = "".join(f"<p>第{i}段：{_PROSE * 2}</p>" for i in range(6))
    html = (
        "<html><head><title>山间小筑 博客</title></head><body><div class='post'>"
        f"{side}<div class='meta'>[读书笔记] <span>林间客</span> 发表于 2006-3-21 9:05:00</div>"
        f"<h2>清末报刊札记</h2>{body}</div><div>本站文章均为转载</div></body></html>"
    )
    return html.encode()


def test_post_date_found_after_a_long_kept_link_list() -> None:
    # 24 short link lines come before the first prose paragraph: the body start used to
    # find the header zone must be that paragraph, not the first kept line.
    page = Page(
        source="blog",
        body=_blog_page(24),
        fetched_at=FETCHED,
        path="p.html",
        timezone="Asia/Shanghai",
    )
    article = extract_article(page)
    assert article.text.startswith("友情站点0")  # the list is kept: the case under test
    assert article.published_at == datetime(2006, 3, 21, 1, 5, tzinfo=UTC)
