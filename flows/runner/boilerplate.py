"""One source's cross-page boilerplate during an ingest: learn, strip before commit, fix up."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from extractors.boilerplate import SourceBoilerplate, line_keys
from extractors.exceptions import StorageError
from extractors.pipeline import PageResult, process_page, strip_page_boilerplate
from extractors.rows import EXTRACTOR_VERSION, Article, Page
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

    def _load(self, skip: set[str]) -> None:
        self._loaded = True
        rows = self._stored_rows(["article_id", "text", "fetched_at", "extractor_version"])
        texts: dict[str, str] = {}
        for aid, text, _fetched, _version in rows:
            if aid not in skip:
                texts[aid] = text
                self._stored[aid] = self.learner.observe(aid, text)
        usable = [
            r
            for r in rows
            if r[0] in texts and r[0] in self._by_article and r[3] == EXTRACTOR_VERSION
        ]
        usable.sort(key=lambda r: (r[2], r[0]), reverse=True)
        for aid, text, _fetched, _version in usable[:PROBE_PAGES]:
            fresh = self._redo(self._page_of(self._by_article[aid]))
            if fresh is not None and fresh.article is not None:
                self.learner.force(line_keys(fresh.article.text) - line_keys(text))

    def _stored_rows(self, columns: list[str]) -> list[tuple[Any, ...]]:
        """Return some columns of the source's stored articles (only those are read)."""
        return self.store.source_articles(self.source, columns, limit=STORED_LIMIT)

    def _page_of(self, state: PageState) -> Page:
        return self.page_for(state, b"")

    def _redo(self, page: Page) -> PageResult | None:
        try:
            body = self.store.raw.get(page.raw_hash)
        except StorageError as exc:
            log.warning("boilerplate: raw page of %s unreadable: %s", page.locator, exc)
            return None
        return process_page(dataclasses.replace(page, body=body))

    def apply(self, results: list[PageResult], keep: Callable[[Article], bool]) -> list[PageResult]:
        """Learn from the articles of a batch, then strip every boilerplate line from them."""
        articles = [r.article for r in results if r.article is not None and keep(r.article)]
        if not articles:
            return results
        candidates = {}
        for art in articles:
            self._stored.pop(art.article_id, None)
            candidates[art.article_id] = self.learner.observe(art.article_id, art.text)
        if not self._loaded:
            self._load(set(candidates))
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

    def fix_ups(self) -> list[PageResult]:
        """Return the stored articles whose stripping changed since they were committed."""
        keys = self.learner.keys()
        redo = [page for page, found, applied in self._applied.values() if found & keys != applied]
        stale = [
            self._page_of(self._by_article[aid])
            for aid, found in self._stored.items()
            if found & keys and aid in self._by_article
        ]
        if not redo and not stale:
            return []
        current = dict(self.store.source_articles(self.source, ["article_id", "near_duplicate_of"]))
        out: list[PageResult] = []
        for page in [*redo, *stale]:
            fresh = self._redo(page)
            if fresh is None or fresh.article is None:
                continue
            done = strip_page_boilerplate(fresh, keys)
            aid = fresh.article.article_id
            if aid not in current or done.article is None:
                continue
            article = dataclasses.replace(done.article, near_duplicate_of=current[aid])
            out.append(dataclasses.replace(done, article=article))
        return out
