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
from collections import Counter
from collections.abc import Iterable

from extractors.bodyblocks import SENTENCE_END
from extractors.boilerkeys import (
    EDGE,
    EDGE_CHARS,
    EDGE_HEAD,
    EDGE_MIN_PAGES,
    EDGE_TAIL,
    HEAD,
    LABEL,
    MIN_KEY,
    PROSE_CHARS,
    STAMP,
    VALUE,
    block_signatures,
    cjk_weight,
    edge_key,
    edge_line_key,
    eligible_key,
    head_end,
    label_key,
    paragraph_keys,
    plain_key,
    stamp_key,
    text_keys,
    value_keys,
)
from extractors.edgeblocks import BLOCK, BlockEvidence
from extractors.edgechrome import sentences, trim_edge_chrome
from extractors.language import convert_to_simplified
from extractors.neardup import HAMMING_THRESHOLD, simhash_text
from extractors.rows import Article

__all__ = [
    "EDGE",
    "HEAD",
    "LABEL",
    "MIN_PAGES",
    "STAMP",
    "SourceBoilerplate",
    "line_keys",
    "story_id",
    "strip_boilerplate",
    "stripped_keys",
]

MIN_PAGES = 5
_VERSION_CHARS = 3_000


def _head_gone(paras: list[str], boilerplate: frozenset[str]) -> set[int]:
    """Return the learned head lines and the head lines without a sentence end above them."""
    # A head line learned where a short line followed it is the same line where prose follows
    # it (the heading test looks at the next paragraph): in the head its key alone counts.
    learned = [
        i
        for i in range(head_end(paras) if len(paras) >= EDGE_TAIL + 2 else 0)
        if cjk_weight(plain_key(paras[i])) >= MIN_KEY and HEAD + plain_key(paras[i]) in boilerplate
    ]
    if not learned:
        return set()
    above = {i for i in range(learned[-1]) if not SENTENCE_END.search(paras[i])}
    return set(learned) | above


def _learned_lead(para: str, boilerplate: frozenset[str]) -> bool:
    """Return whether a paragraph is a learned closing line or block with one short line after it."""
    # A source's closing card is one paragraph on most posts and the line below it another; a
    # post that prints the two run together holds a paragraph no other story repeats. Its
    # leading sentences are the learned card, and the rest is what the closing run takes when it
    # stands as a short line of its own below the card.
    parts = sentences(para)
    for k in range(1, len(parts)):
        lead, rest = "".join(parts[:k]), "".join(parts[k:]).strip()
        if len(rest) > EDGE_CHARS or "\n" in rest:
            continue
        key = plain_key(lead)
        if EDGE + key in boilerplate or BLOCK + key in boilerplate:
            return True
    return False


def _closing_line(texts: list[str], boilerplate: frozenset[str]) -> int | None:
    """Return a learned closing line among the last EDGE_HEAD paragraphs with short lines below."""
    for j in range(len(texts) - 1, max(len(texts) - EDGE_HEAD, 1) - 1, -1):
        if edge_line_key(texts, j) in boilerplate or _learned_lead(texts[j], boilerplate):
            return j
        if len(texts[j]) > EDGE_CHARS or "\n" in texts[j].strip():
            return None  # prose below it: the text goes on
    return None


def _closing_run(paras: list[str], boilerplate: frozenset[str]) -> set[int]:
    """Return the learned closing lines of a text, each with the short lines below it."""
    # A sign-off marks where a source's articles end; the short one-line paragraphs after it are
    # plugs (a paid group, a contact id), one-off wording each, and with a few of them the
    # sign-off stands above the EDGE_TAIL window it was learned in. A page may print it twice,
    # over a plug and under it: once the lower one and its plugs are gone, the upper one closes.
    left = list(range(len(paras)))
    while len(left) >= EDGE_TAIL + 2:
        j = _closing_line([paras[i] for i in left], boilerplate)
        if j is None:
            break
        left = left[:j]
    return set(range(len(left), len(paras)))


def line_keys(text: str) -> frozenset[str]:
    """Return the keys of the paragraphs of a text that may be boilerplate (edge keys too)."""
    return text_keys(text)[0]


def stripped_keys(fresh: str, stored: str) -> frozenset[str]:
    """Return the keys of the lines a fresh text holds and its stored (stripped) text lost."""
    # Edge keys depend on where a line stands: one stripped line moves the others, so only
    # the keys of lines that are gone from the stored text count.
    paras = fresh.split("\n\n")
    gone = {plain_key(p) for p in paras} - {plain_key(p) for p in stored.split("\n\n")}
    blocks = {i: key for i, key, *_sig in block_signatures(paras)}
    values = value_keys(paras)
    keys = {
        k
        for i, p in enumerate(paras)
        if plain_key(p) in gone
        for k in paragraph_keys(paras, i, blocks, values)
    }
    return frozenset(keys - line_keys(stored))


def story_id(text: str) -> str:
    """Return an identity of the story a text tells (copies of one story share it)."""
    # The lead and the longest paragraph together: on wire and press-release pages the longest
    # paragraph is often the same "About <company>" section on every story, and alone it made
    # all of a source's stories one, so none of their shared lines ever reached MIN_PAGES.
    paras = text.split("\n\n")
    longest = max(paras, key=len, default="")
    lead = next((p for p in paras if len(p) > PROSE_CHARS), longest)
    both = f"{plain_key(lead[:300])}|{plain_key(longest[:300])}"
    return hashlib.sha1(both.encode("utf-8")).hexdigest()[:16]


class SourceBoilerplate:
    """Evidence about one source's articles and the boilerplate keys it implies."""

    def __init__(self, min_pages: int = MIN_PAGES) -> None:
        self.min_pages = min_pages
        self._evidence: dict[str, tuple[str, frozenset[str]]] = {}
        self._stories: dict[str, Counter[str]] = {}
        self._blocks = BlockEvidence(_far)
        self._forced: set[str] = set()
        self._keys: frozenset[str] | None = frozenset()

    def observe(self, article_id: str, text: str) -> frozenset[str]:
        """Record (or replace) an article's evidence; return its candidate keys."""
        keys, sigs = text_keys(text)
        old = self._evidence.get(article_id)
        new = (story_id(text), keys)
        if old == new:
            return keys
        if old is not None:
            for key in old[1]:
                if not key.startswith(BLOCK):
                    self._stories[key][old[0]] -= 1
        for key in keys:
            if not key.startswith(BLOCK):  # blocks are judged by BlockEvidence
                self._stories.setdefault(key, Counter())[new[0]] += 1
        self._evidence[article_id] = new
        blocks = [(key, toks, bands, short) for _i, key, toks, bands, short in sigs]
        # Versions of one story differ in a few words; the start of the text tells them apart
        # from other stories as well as the whole text does, at a fraction of the cost.
        self._blocks.put(article_id, new[0], simhash_text(text[:_VERSION_CHARS]), blocks)
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
            self._keys = frozenset(found | self._blocks.learned() | self._forced)
        return self._keys


def _far(a: int, b: int) -> bool:
    """Return whether two SimHash fingerprints are further apart than near-duplicates."""
    return ((a ^ b) & 0xFFFF_FFFF_FFFF_FFFF).bit_count() > HAMMING_THRESHOLD


def strip_boilerplate(article: Article, boilerplate: frozenset[str]) -> Article:
    """Return the article without boilerplate paragraphs (hash, simhash, text_hans redone)."""
    if not boilerplate:
        return article
    paras = article.text.split("\n\n")
    blocks = {i for i, key, *_sig in block_signatures(paras) if key in boilerplate}
    head = _head_gone(paras, boilerplate)
    learned_values = any(k.startswith((VALUE, EDGE + VALUE)) for k in boilerplate)
    values = value_keys(paras) if learned_values else {}
    gone = {
        i
        for i in range(len(paras))
        if ((k := eligible_key(paras, i)) is not None and k in boilerplate)
        or ((e := edge_key(paras, i)) is not None and e in boilerplate)
        or i in blocks
        or i in head
        or ((lab := label_key(paras, i)) is not None and lab in boilerplate)
        or ((st := stamp_key(paras, i)) is not None and st in boilerplate)
        or any(v in boilerplate for v in values.get(i, ()))
    }
    gone |= _closing_run(paras, boilerplate)
    if not gone or len(gone) == len(paras):
        return article
    kept = _peel_new_edges(paras, gone)
    if not kept:
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


def _peel_new_edges(paras: list[str], gone: set[int]) -> list[str]:
    """Return the paragraphs left after the strip, with the edges it laid bare peeled again."""
    # The single-page peel stops at the first sentence that stays, and a source's card or
    # sign-off standing at the very edge stops it before the one-off line behind it (a reprint
    # credit under the account card, a call to action over the sign-off). Where the strip took
    # a paragraph of an edge window, that edge is judged again by the same classifier, gate
    # and budget (extractors/edgechrome.py); an edge the strip did not touch is not.
    kept = [p for i, p in enumerate(paras) if i not in gone]
    head = any(i in gone for i in range(min(EDGE_HEAD, len(paras))))
    tail = any(i in gone for i in range(max(0, len(paras) - EDGE_HEAD), len(paras)))
    if not (head or tail):
        return kept
    simple = [convert_to_simplified(p) for p in kept]
    return trim_edge_chrome(kept, simple, head=head, tail=tail)
