"""The gate's decision without the title: taken only when the title cannot change it, and then the same."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from articlekit import make_article
from scriptkit import load_benchmark

from extractors.article import extract_article
from extractors.exceptions import ExtractionError
from extractors.rows import Article, Page
from extractors.signals.article_gate import (
    ARTICLE_FEATURES,
    TYPE_FEATURES,
    ArticleGate,
    LogisticHead,
    heading_of,
    kept_types,
)
from extractors.signals.classify import SignalModel, load_model
from extractors.signals.detect import propose
from extractors.signals.gate_bounds import decide_without_title
from extractors.signals.gate_file import load_gate
from extractors.signals.places import region_of

REPO = Path(__file__).resolve().parents[3]

# Own words: a ministry's export rule, with a second paragraph on the chips it covers.
EXPORT_RULE = (
    "The Commerce Department on Monday added 140 Chinese companies to the Entity List, barring "
    "US suppliers from selling them chips without a licence.\n\n"
    "The new export controls also cover high-bandwidth memory used in AI accelerators."
)
TITLE = "US adds 140 Chinese chip firms to the Entity List"


def _both(
    article: Article, gate: ArticleGate, model: SignalModel
) -> tuple[set[str] | None, set[str]]:
    """Return the decision without the title (None: undecided) and the full evidence's."""
    proposal = propose(article, model, region_of(None, article.url, article.language))
    assert proposal is not None and proposal.candidates
    cands = [c for c, _ in proposal.candidates]
    fast = decide_without_title(
        gate,
        heading_of(article),
        proposal.analysis,
        proposal.type_probs,
        proposal.money_probs,
        cands,
        model,
    )
    return fast, kept_types(gate, proposal.evidence(article, model))


def _head(n: int, weights: dict[int, float], bias: float) -> LogisticHead:
    """Return a head on unscaled features with the given weights."""
    w = np.zeros(n)
    for i, v in weights.items():
        w[i] = v
    return LogisticHead(np.zeros(n), np.ones(n), w, bias)


def _gate(
    title_article: float, title_type: float, article_bias: float, type_bias: float = -0.5
) -> ArticleGate:
    """Return a gate whose article head reads max_type and title_max, its type head max_p and
    title_p (the shipped text view, whose P the article head ignores)."""
    shipped = load_gate()
    n = len(ARTICLE_FEATURES) + (shipped.text_head is not None)
    a = {
        ARTICLE_FEATURES.index("max_type"): 1.0,
        ARTICLE_FEATURES.index("title_max"): title_article,
    }
    t = {TYPE_FEATURES.index("max_p"): 1.0, TYPE_FEATURES.index("title_p"): title_type}
    return dataclasses.replace(
        shipped,
        article_head=_head(n, a, article_bias),
        type_head=_head(len(TYPE_FEATURES), t, type_bias),
        article_threshold=0.5,
        type_threshold=0.5,
    )


ARTICLE = make_article(EXPORT_RULE, language="en", title=TITLE)


def test_a_gate_that_ignores_the_title_decides_without_it() -> None:
    fast, full = _both(ARTICLE, _gate(0.0, 0.0, 10.0), load_model())
    assert fast == full and "entity_list_sanction" in full


def test_a_title_that_can_tip_the_article_leaves_the_decision_to_the_full_evidence() -> None:
    model = load_model()
    assert _both(ARTICLE, _gate(40.0, 0.0, -20.0), model)[0] is None  # title_max 0 or 1 decides
    assert _both(ARTICLE, _gate(40.0, 0.0, 20.0), model)[0] is not None  # accepted either way
    assert _both(ARTICLE, _gate(40.0, 0.0, -60.0), model) == (set(), set())  # rejected either way


def test_a_title_that_can_tip_a_type_leaves_the_decision_to_the_full_evidence() -> None:
    model = load_model()
    fast, full = _both(ARTICLE, _gate(0.0, 40.0, 10.0, -20.0), model)
    assert fast is None and full  # title_p 0 drops every type, 1 keeps every one
    assert _both(ARTICLE, _gate(0.0, 40.0, 10.0, 20.0), model)[0] is not None


def _realnews_dev_pages(shared: Path) -> list[Page]:
    """Return the realnews dev pages (the test split is never read), read as radar ingest reads them."""
    realnews = load_benchmark("realnews")
    labels = realnews.labels_of("dev")
    fetched = datetime(2026, 1, 1, tzinfo=UTC)
    pages = []
    for folder in ("zh", "hant", "en"):
        for path in sorted((shared / "corpus" / "realnews" / folder / "pages").iterdir()):
            label = labels.get(path.name)
            if label is not None:
                zone = str(label.get("outlet_timezone") or "UTC")
                pages.append(Page("realnews", path.read_bytes(), fetched, path.name, timezone=zone))
    return pages


def test_on_real_articles_a_decision_without_the_title_is_the_full_one(shared: Path) -> None:
    model, gate = load_model(), load_gate()
    decided = undecided = 0
    for page in _realnews_dev_pages(shared):
        try:
            article = extract_article(page)
        except ExtractionError:
            continue
        region = region_of(page.timezone, article.url, article.language)
        proposal = propose(article, model, region)
        if proposal is None or not proposal.candidates:
            continue
        cands = [c for c, _ in proposal.candidates]
        fast = decide_without_title(
            gate,
            heading_of(article),
            proposal.analysis,
            proposal.type_probs,
            proposal.money_probs,
            cands,
            model,
        )
        full = kept_types(gate, proposal.evidence(article, model))
        if fast is None:
            undecided += 1
        else:
            decided += 1
            assert fast == full, page.path
    assert decided > 2 * undecided  # the shortcut is taken on most articles (about 9 in 10)
