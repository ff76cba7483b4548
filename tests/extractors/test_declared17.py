"""The htmldate fallback keeps only a day the page declares as a date or prints under its heading."""

from __future__ import annotations

from datetime import UTC, datetime

import htmldate

from extractors.article import extract_article
from extractors.declared import declared_days, printed_under
from extractors.rows import Article, Page

FETCHED = datetime(2026, 6, 1, tzinfo=UTC)
PROSE = (
    "The harbour board met on a wet morning to weigh the cost of new cranes, and the members "
    "argued for an hour about whether the old quay could carry the extra load at all."
)


def _page(extra_head: str = "", under_heading: str = "", tail: str = "") -> str:
    return (
        f"<html><head><title>Harbour cranes</title>{extra_head}</head><body>"
        f"<h1>Harbour cranes</h1>{under_heading}<article><p>{PROSE}</p><p>{PROSE}</p></article>"
        f"{tail}</body></html>"
    )


def _extract(body: str) -> Article:
    return extract_article(Page(source="t", body=body.encode(), fetched_at=FETCHED))


def test_a_date_only_in_script_state_is_not_the_page_date() -> None:
    # An app's state lists other items (episodes, products) with their own dates.
    state = '<script>window.state={"items":[{"publishDate":"2021-12-09T00:05:28Z"}]}</script>'
    body = _page(tail=state)
    assert htmldate.find_date(body, original_date=True) == "2021-12-09"
    assert _extract(body).published_at is None


def test_a_date_in_a_code_listing_is_not_the_page_date() -> None:
    listing = "<pre><span class='s'>start_date: '2020-06-01'</span></pre>"
    body = _page(tail=listing)
    assert htmldate.find_date(body, original_date=True) == "2020-06-01"
    assert _extract(body).published_at is None


def test_a_time_element_or_a_line_under_the_heading_keeps_the_fallback() -> None:
    timed = _page(tail="<footer><time datetime='2025-03-04'>Spring</time></footer>")
    assert _extract(timed).published_at == datetime(2025, 3, 4, tzinfo=UTC)
    assert datetime(2025, 3, 4).date() in declared_days(timed, None, UTC)
    line = "<div class='when'>March 4, 2025 - 11:28 local</div>"
    assert datetime(2025, 3, 4).date() in printed_under(
        "Harbour cranes", _page(under_heading=line), UTC
    )


def test_a_url_date_declares_the_day() -> None:
    assert datetime(2024, 5, 3).date() in declared_days(
        "", "https://x.example/2024/05/03/cranes", UTC
    )
