"""Cross-page boilerplate: what is learned and how it is stripped (the ingest side: tests/flows/runner)."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
from datetime import UTC, datetime

from articlekit import make_article
from boilerkit import HEADING, PROMO, find_boilerplate, html, story, story_text

from extractors.boilerplate import EDGE, SourceBoilerplate, strip_boilerplate
from extractors.edgeblocks import BLOCK
from extractors.pipeline import process_page
from extractors.rows import Page


def test_promo_is_kept_by_single_page_extraction() -> None:
    # The premise: one page alone cannot tell the promo from the article.
    page = Page(
        source="s",
        body=html(0),
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        path="p0.html",
        timezone="Asia/Shanghai",
    )
    result = process_page(page)
    assert result.article is not None and PROMO in result.article.text
    assert any(s.evidence == PROMO for s in result.signals)


def _anywhere(keys: frozenset[str]) -> set[str]:
    """Return the keys stripped wherever their line stands (not only at a text's edge)."""
    return {k for k in keys if not k.startswith((EDGE, BLOCK))}


def test_learned_keys_need_five_distinct_stories() -> None:
    # The promo closes each story, so two stories already make it an edge line (stripped only
    # at the end of a text); anywhere in a text it needs five.
    texts = [story_text(i) for i in range(5)]
    assert len(_anywhere(find_boilerplate(texts))) == 1  # the repeated subheading is not
    assert _anywhere(find_boilerplate(texts[:4])) == set()
    assert _anywhere(find_boilerplate([texts[0]] * 9 + texts[1:4])) == set()  # copies count once
    assert find_boilerplate([texts[0]] * 9) == frozenset()
    numbered = [t.replace(HEADING, "一、试点安排与下一步工作") for t in texts]
    assert len(_anywhere(find_boilerplate(numbered))) == 1  # a numbered heading never qualifies


def test_learned_keys_ignore_order_and_only_grow() -> None:
    texts = [story_text(i) for i in range(8)]
    learner = SourceBoilerplate()
    seen: list[frozenset[str]] = []
    for i, text in enumerate(texts):
        learner.observe(f"a{i}", text)
        seen.append(learner.keys())
    assert all(a <= b for a, b in itertools.pairwise(seen))
    assert find_boilerplate(reversed(texts)) == seen[-1] == find_boilerplate(texts)


def test_strip_keeps_body_and_rehashes() -> None:
    keys = find_boilerplate(story_text(i) for i in range(6))
    base = make_article(story_text(7), published=None, text_hans=story_text(7), language="zh-Hans")
    clean = strip_boilerplate(base, keys)
    assert clean.text == "\n\n".join(story(7)[:-1]) and clean.text_hans == clean.text
    assert clean.content_hash == hashlib.sha256(clean.text.encode()).hexdigest()
    alone = dataclasses.replace(base, text=PROMO, text_hans=PROMO)
    assert strip_boilerplate(alone, keys).text == PROMO  # never strips a page to nothing


def test_a_shared_about_section_does_not_make_stories_one() -> None:
    # Wire pages end with the same long "About" section, often each page's longest paragraph:
    # the stories still differ by their leads, so a sign-off on five of them is learned.
    about = "About the Example Wire: " + "an invented news service for tests, " * 12
    sign_off = "Investors can read every update of Example Corp on its newsroom page."
    leads = [
        f"Story {i}: the agency published rule number {i} on model audits today." * 2
        for i in range(5)
    ]
    texts = [f"{lead}\n\n{sign_off}\n\n{about}" for lead in leads]
    assert len(find_boilerplate(texts)) == 1
    assert find_boilerplate([texts[0]] * 5) == frozenset()  # copies of one story still count once
