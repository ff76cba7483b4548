"""Cross-page chrome: paragraphs that recur in many articles of one source.

``extract_article`` sees one page; a flow that has several articles of a source can learn the
lines they share (sign-offs, promos, disclaimers the cue tables miss) and strip them.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Iterable

from extractors.language import convert_to_simplified
from extractors.neardup import simhash_text
from extractors.rows import Article

MAX_CHARS = 200
MIN_PAGES = 3
MIN_SHARE = 0.3


def _key(paragraph: str) -> str:
    return "".join(ch for ch in paragraph.lower() if ch.isalnum())


def find_boilerplate(
    texts: Iterable[str], min_pages: int = MIN_PAGES, min_share: float = MIN_SHARE
) -> frozenset[str]:
    """Return keys of short paragraphs found in at least min_pages and min_share of texts."""
    counts: Counter[str] = Counter()
    total = 0
    for text in texts:
        total += 1
        keys = {_key(p) for p in text.split("\n\n") if 0 < len(p) <= MAX_CHARS}
        counts.update(k for k in keys if k)
    if total < min_pages:
        return frozenset()
    return frozenset(k for k, n in counts.items() if n >= min_pages and n >= min_share * total)


def strip_boilerplate(article: Article, boilerplate: frozenset[str]) -> Article:
    """Return the article without boilerplate paragraphs (hash, simhash, text_hans redone)."""
    paras = article.text.split("\n\n")
    kept = [p for p in paras if len(p) > MAX_CHARS or _key(p) not in boilerplate]
    if len(kept) == len(paras) or not kept:
        return article
    text = "\n\n".join(kept)
    if article.language == "zh-Hant":
        text_hans: str | None = convert_to_simplified(text)
    else:
        text_hans = text if article.text_hans is not None else None
    return dataclasses.replace(
        article,
        text=text,
        text_hans=text_hans,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        simhash=simhash_text(text_hans or text),
    )
