"""One page through the pure pipeline: raw page -> article row -> signal rows, or a reject."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from extractors.article import extract_noted
from extractors.boilerplate import strip_boilerplate
from extractors.exceptions import ExtractionError, SignalError
from extractors.rows import Article, Page, PageResult, Reject, make_reject_id
from extractors.signals import detect_signals
from extractors.signals.places import region_of


def reject_page(page: Page, reason: str, detail: str, seen_at: datetime) -> Reject:
    """Return the reject row for a page."""
    return Reject(
        reject_id=make_reject_id(page.source, page.locator),
        source=page.source,
        path=page.path,
        url=page.url,
        reason=reason,
        detail=detail[:500],
        seen_at=seen_at,
        raw_hash=page.raw_hash or None,
    )


def process_page(page: Page) -> PageResult:
    """Extract one page and detect its signals; any failure becomes one reject row."""
    try:
        extracted = extract_noted(page)
    except ExtractionError as exc:
        return PageResult(page, reject=reject_page(page, exc.reason, exc.detail, page.fetched_at))
    except (RecursionError, MemoryError, ValueError, TypeError, LookupError) as exc:
        detail = f"{type(exc).__name__}: {exc}"
        return PageResult(page, reject=reject_page(page, "parse_error", detail, page.fetched_at))
    result = _with_signals(page, extracted.article)
    if not extracted.notes:
        return result
    return dataclasses.replace(result, warning=f"{page.locator}: " + "; ".join(extracted.notes))


def _with_signals(page: Page, article: Article) -> PageResult:
    region = region_of(page.timezone, article.url, article.language)
    try:
        signals = detect_signals(article, region)
    except SignalError as exc:  # a detector bug: the article is kept, the run logs and counts it
        cause = exc.__cause__ or exc
        error = f"signal detection failed on {page.locator}: {type(cause).__name__}: {cause}"
        return PageResult(page, article=article, signal_error=error)
    signals = [dataclasses.replace(s, fetched_at=article.fetched_at) for s in signals]
    return PageResult(page, article=article, signals=signals)


def strip_page_boilerplate(result: PageResult, keys: frozenset[str]) -> PageResult:
    """Return the result without the source's boilerplate lines, signals detected again."""
    if result.article is None or not keys:
        return result
    article = strip_boilerplate(result.article, keys)
    if article is result.article:
        return result
    return dataclasses.replace(_with_signals(result.page, article), warning=result.warning)


def process_pages(pages: list[Page]) -> list[PageResult]:
    """Process a batch of pages (the unit of work sent to a worker process)."""
    return [process_page(page) for page in pages]
