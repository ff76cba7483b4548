"""Cross-page chrome: short lines that recur on many distinct stories of one source.

``extract_article`` sees one page; the ingest flow feeds every article of a source to a
``SourceBoilerplate`` (pre-strip text) and strips the lines it has learned (sign-offs, promos,
disclaimers the cue tables miss) before signals are detected. The learned set is a function of
the evidence only (not of its order), and only grows as evidence is added, so batches can be
stripped as they are committed and the few pages committed before a line qualified are fixed
up at the end of the run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter
from collections.abc import Iterable

from extractors.cues import LIST_ITEM
from extractors.language import convert_to_simplified
from extractors.neardup import simhash_text
from extractors.rows import Article

MAX_CHARS = 200
MIN_KEY = 6
MIN_PAGES = 5
# The edge tier: a short paragraph among the last EDGE_TAIL paragraphs of a text (or its first)
# that recurs at an edge of EDGE_MIN_PAGES distinct stories is a sign-off, plug or card: a
# source repeats its closing lines on post after post, while body text seldom recurs at the
# same place. It is keyed apart (EDGE prefix) and stripped only where it is an edge line.
EDGE = "^"
EDGE_TAIL = 3
EDGE_CHARS = 120
EDGE_MIN_PAGES = 2
_HEADING_CHARS = 40
_PROSE_CHARS = 100
_SENTENCE_END = re.compile(r"[。！？!?；;…]|[.](?:\s|$)")


_NOT_ALNUM = re.compile(r"[\W_]+")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.、)）]|[一二三四五六七八九十]+[、.]|[(（]\d{1,2}[)）])")


def _key(paragraph: str) -> str:
    return _NOT_ALNUM.sub("", paragraph.lower())


def _eligible(paras: list[str], i: int) -> str | None:
    """Return the key of paragraph i if it may be boilerplate, else None."""
    # Long paragraphs, tiny lines, numbered items and subheadings (a short line without
    # sentence punctuation followed by prose) are never boilerplate: sources reuse such
    # headings. A bulleted line repeated on 5 stories ("- Automated score: …") can be.
    para = paras[i]
    if len(para) > MAX_CHARS or (LIST_ITEM.match(para) and _NUMBERED.match(para)):
        return None
    nxt = paras[i + 1] if i + 1 < len(paras) else ""
    if len(para) <= _HEADING_CHARS and len(nxt) > _PROSE_CHARS and not _SENTENCE_END.search(para):
        return None
    key = _key(para)
    if len(key) < MIN_KEY:
        return None
    return key


def _cjk_weight(key: str) -> int:
    """Return a key's length with each CJK character counted twice (one is about a word)."""
    return len(key) + sum(1 for ch in key if "\u3400" <= ch <= "\u9fff")


def _edge_key(paras: list[str], i: int) -> str | None:
    """Return the edge key of paragraph i if it is a short line at an edge of the text."""
    if len(paras) < EDGE_TAIL + 2 or not (i == 0 or i >= len(paras) - EDGE_TAIL):
        return None
    para, nxt = paras[i], paras[i + 1] if i + 1 < len(paras) else ""
    if len(para) > EDGE_CHARS or "\n" in para.strip():
        return None
    if len(para) <= _HEADING_CHARS and len(nxt) > 2 * len(para) and not _SENTENCE_END.search(para):
        return None  # a subheading ("Conclusion") recurs on a source's posts and is no chrome
    key = _key(para)
    return EDGE + key if _cjk_weight(key) >= MIN_KEY else None


def line_keys(text: str) -> frozenset[str]:
    """Return the keys of the paragraphs of a text that may be boilerplate (edge keys too)."""
    paras = text.split("\n\n")
    keys = {k for i in range(len(paras)) if (k := _eligible(paras, i))}
    return frozenset(keys | {k for i in range(len(paras)) if (k := _edge_key(paras, i))})


def stripped_keys(fresh: str, stored: str) -> frozenset[str]:
    """Return the keys of the lines a fresh text holds and its stored (stripped) text lost."""
    # Edge keys depend on where a line stands: one stripped line moves the others, so only
    # the keys of lines that are gone from the stored text count.
    gone = {_key(p) for p in fresh.split("\n\n")} - {_key(p) for p in stored.split("\n\n")}
    return frozenset(k for k in line_keys(fresh) - line_keys(stored) if k.lstrip(EDGE) in gone)


def story_id(text: str) -> str:
    """Return an identity of the story a text tells (copies of one story share it)."""
    # The lead and the longest paragraph together: on wire and press-release pages the longest
    # paragraph is often the same "About <company>" section on every story, and alone it made
    # all of a source's stories one, so none of their shared lines ever reached MIN_PAGES.
    paras = text.split("\n\n")
    longest = max(paras, key=len, default="")
    lead = next((p for p in paras if len(p) > _PROSE_CHARS), longest)
    both = f"{_key(lead[:300])}|{_key(longest[:300])}"
    return hashlib.sha1(both.encode("utf-8")).hexdigest()[:16]


class SourceBoilerplate:
    """Evidence about one source's articles and the boilerplate keys it implies."""

    def __init__(self, min_pages: int = MIN_PAGES) -> None:
        self.min_pages = min_pages
        self._evidence: dict[str, tuple[str, frozenset[str]]] = {}
        self._stories: dict[str, Counter[str]] = {}
        self._forced: set[str] = set()
        self._keys: frozenset[str] | None = frozenset()

    def observe(self, article_id: str, text: str) -> frozenset[str]:
        """Record (or replace) an article's evidence; return its candidate keys."""
        keys = line_keys(text)
        old = self._evidence.get(article_id)
        new = (story_id(text), keys)
        if old == new:
            return keys
        if old is not None:
            for key in old[1]:
                self._stories[key][old[0]] -= 1
        for key in keys:
            self._stories.setdefault(key, Counter())[new[0]] += 1
        self._evidence[article_id] = new
        self._keys = None
        return keys

    def force(self, keys: Iterable[str]) -> None:
        """Add keys known to be boilerplate already (stripped from stored articles earlier)."""
        # A stripped edge line leaves both of its keys behind: only the edge key is known.
        known = set(keys)
        self._forced.update(k for k in known if EDGE + k not in known)
        self._keys = None

    def keys(self) -> frozenset[str]:
        """Return the keys found on at least min_pages distinct stories, plus forced keys."""
        if self._keys is None:
            found = {
                k
                for k, c in self._stories.items()
                if sum(1 for n in c.values() if n > 0)
                >= (min(self.min_pages, EDGE_MIN_PAGES) if k.startswith(EDGE) else self.min_pages)
            }
            self._keys = frozenset(found | self._forced)
        return self._keys


def strip_boilerplate(article: Article, boilerplate: frozenset[str]) -> Article:
    """Return the article without boilerplate paragraphs (hash, simhash, text_hans redone)."""
    if not boilerplate:
        return article
    paras = article.text.split("\n\n")
    kept = [
        p
        for i, p in enumerate(paras)
        if ((k := _eligible(paras, i)) is None or k not in boilerplate)
        and ((e := _edge_key(paras, i)) is None or e not in boilerplate)
    ]
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
