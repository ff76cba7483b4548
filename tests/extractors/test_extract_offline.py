"""Extraction never goes to the network, even for markup htmldate would take for a URL."""

from __future__ import annotations

from datetime import UTC, datetime

from localserver import serve

from extractors.article import extract_article
from extractors.published import search_page_date
from extractors.rows import Page

_FETCHED = datetime(2025, 3, 1, tzinfo=UTC)
# Markup with no space that opens with an address: htmldate's loader downloads such a string
# (the whole string as the address; the server logs any request, 404 or not).
_BODY = (
    "<html><head><meta_name='date'_content='2023-05-06'></head><body><article><p>"
    + "The_council_adopted_the_rules_for_public-sector_AI_systems_on_Tuesday._" * 12
    + "</p></article></body></html>"
)


def test_search_page_date_fetches_nothing_for_url_like_markup() -> None:
    with serve() as site:
        markup = site.url("/2024/01/x") + _BODY
        for extensive in (False, True):
            search_page_date(markup, site.url("/2024/01/x"), UTC, _FETCHED, extensive)
        assert site.paths() == []


def test_extract_article_fetches_nothing_for_url_like_markup() -> None:
    with serve() as site:
        markup = site.url("/2024/01/x") + _BODY
        page = Page(
            source="s", body=markup.encode(), fetched_at=_FETCHED, url=site.url("/2024/01/p")
        )
        article = extract_article(page)
        assert "council adopted" in article.text.replace("_", " ")
        assert site.paths() == []
