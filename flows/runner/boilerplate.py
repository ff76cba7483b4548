"""One source's cross-page boilerplate during an ingest: learn, strip before commit, fix up.

The step extracts nothing itself: it returns the pages to re-extract, and the runner sends
them through the same page pool (local processes or Dask) as every other page.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from typing import Any

from extractors.boilerplate import SourceBoilerplate, stripped_keys
from extractors.exceptions import StorageError
from extractors.pipeline import strip_page_boilerplate
from extractors.rows import EXTRACTOR_VERSION, Article, Page, PageResult
from storage.state import PageState
from storage.store import Store

PROBE_PAGES = 8
# Evidence from history is the source's latest stored articles: memory stays bounded for
# sources with years of articles (a line must recur within them to count).
STORED_LIMIT = 2000
log = logging.getLogger("policy_radar.ingest")


class BoilerplateStep:
    """Learns a source's boilerplate lines from its articles and strips them before commit."""

    # Evidence: the pre-strip text of every article extracted in this run and the stored text
    # of the source's other articles (read once, when the first article of the run arrives).
    # Stored texts no longer hold lines stripped in earlier runs, so the PROBE_PAGES most
    # recent stored articles are re-extracted from the raw store: a line present there but not
    # in the stored text was stripped before and stays boilerplate.

    def __init__(
        self,
        store: Store,
        source: str,
        states: dict[str, PageState],
        page_for: Callable[[PageState, bytes], Page],
    ) -> None:
        self.store = store
        self.source = source
        self.page_for = page_for
        self.learner = SourceBoilerplate()
        self._by_article = {s.article_id: s for s in states.values() if s.article_id}
        self._loaded = False
        self._stored: dict[str, frozenset[str]] = {}
        self._applied: dict[str, tuple[Page, frozenset[str], frozenset[str]]] = {}
        self._probe_texts: list[str] = []  # stored texts of the pages probe_pages returned

    def probe_pages(self, results: list[PageResult], keep: Callable[[Article], bool]) -> list[Page]:
        """Return the stored pages to re-extract before the first batch of articles is stripped.

        Called before every ``apply``; only the first batch holding articles loads the stored
        evidence and returns pages (the PROBE_PAGES most recent ones), later calls return none.
        """
        if self._loaded:
            return []
        batch = {r.article.article_id for r in results if r.article is not None and keep(r.article)}
        if not batch:
            return []
        self._loaded = True
        rows = self._stored_rows(["article_id", "text", "fetched_at", "extractor_version"])
        texts: dict[str, str] = {}
        for aid, text, _fetched, _version in rows:
            if aid not in batch:
                texts[aid] = text
                self._stored[aid] = self.learner.observe(aid, text)
        usable = [
            r
            for r in rows
            if r[0] in texts and r[0] in self._by_article and r[3] == EXTRACTOR_VERSION
        ]
        usable.sort(key=lambda r: (r[2], r[0]), reverse=True)
        pages: list[Page] = []
        self._probe_texts = []
        for aid, text, _fetched, _version in usable[:PROBE_PAGES]:
            page = self._with_body(self._page_of(self._by_article[aid]))
            if page is not None:
                pages.append(page)
                self._probe_texts.append(text)
        return pages

    def _stored_rows(self, columns: list[str]) -> list[tuple[Any, ...]]:
        """Return some columns of the source's stored articles (only those are read)."""
        return self.store.source_articles(self.source, columns, limit=STORED_LIMIT)

    def _page_of(self, state: PageState) -> Page:
        return self.page_for(state, b"")

    def _with_body(self, page: Page) -> Page | None:
        """Return the page with its stored bytes; None (logged) when they are unreadable."""
        try:
            body = self.store.raw.get(page.raw_hash)
        except StorageError as exc:
            log.warning("boilerplate: raw page of %s unreadable: %s", page.locator, exc)
            return None
        return dataclasses.replace(page, body=body)

    def apply(
        self,
        results: list[PageResult],
        keep: Callable[[Article], bool],
        probed: Sequence[PageResult],
    ) -> list[PageResult]:
        """Learn from a batch (and the re-extracted ``probe_pages``), then strip its boilerplate."""
        # A line present in a probe's fresh text but not in its stored text was stripped by an
        # earlier run: it stays boilerplate.
        # Its fresh text is its evidence too (the pre-strip text, as for this run's articles):
        # a block whose copies change a figure each time (a donations paragraph) has no key to
        # force, and its stripped copies left no trace in the stored texts.
        for fresh, text in zip(probed, self._probe_texts, strict=True):
            if fresh.article is not None:
                self.learner.force(stripped_keys(fresh.article.text, text))
                self.learner.observe(fresh.article.article_id, fresh.article.text)
        self._probe_texts = []
        articles = [r.article for r in results if r.article is not None and keep(r.article)]
        if not articles:
            return results
        candidates = {}
        for art in articles:
            self._stored.pop(art.article_id, None)
            candidates[art.article_id] = self.learner.observe(art.article_id, art.text)
        keys = self.learner.keys()
        out: list[PageResult] = []
        for result in results:
            row = result.article
            if row is None or row.article_id not in candidates:
                out.append(result)
                continue
            found = candidates[row.article_id]
            light = dataclasses.replace(result.page, body=b"")
            self._applied[row.article_id] = (light, found, found & keys)
            out.append(strip_page_boilerplate(result, keys))
        return out

    def fix_up_pages(self) -> list[Page]:
        """Return the pages of committed articles whose stripping changed since their commit."""
        keys = self.learner.keys()
        redo = [page for page, found, applied in self._applied.values() if found & keys != applied]
        stale = [
            self._page_of(self._by_article[aid])
            for aid, found in self._stored.items()
            if found & keys and aid in self._by_article
        ]
        with_body = (self._with_body(page) for page in [*redo, *stale])
        return [page for page in with_body if page is not None]

    def fix_ups(self, fresh: list[PageResult]) -> list[PageResult]:
        """Return the re-extracted ``fix_up_pages``, stripped again, to commit over the old rows."""
        if not fresh:
            return []
        keys = self.learner.keys()
        columns = ["article_id", "text", "extractor_version"]
        rows = self.store.source_articles(self.source, columns)
        current = {aid for aid, _text, _version in rows}
        # A stored text this extractor wrote keeps what earlier strips took from it: a block
        # learned from near copies in an earlier run (a donations paragraph with new figures)
        # is no key of this run's evidence once the copies are stripped.
        stored = {aid: text for aid, text, version in rows if version == EXTRACTOR_VERSION}
        out: list[PageResult] = []
        for result in fresh:
            if result.article is None:
                continue
            aid = result.article.article_id
            earlier = stored.get(aid)
            lost = stripped_keys(result.article.text, earlier) if earlier is not None else None
            done = strip_page_boilerplate(result, keys | lost if lost else keys)
            if aid in current and done.article is not None:  # the store's commit marks it
                out.append(done)
        return out
