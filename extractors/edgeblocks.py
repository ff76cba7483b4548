"""Repeated blocks at the edges of a source's texts, exact or rewritten a little on each post.

A publication opens or closes its posts with blocks of any length: a disclaimer, an "about us"
card, an editors' line whose names change, a subscription call with one word swapped. The
learner (``extractors/boilerplate.py``) keeps the word / CJK-bigram set of each paragraph in a
text's edge region and finds its near-duplicates among the source's other stories through
MinHash bands (candidates), then checks the Jaccard similarity itself (no probabilistic verdict).
Numbers are tokens as written: a market report that repeats its template with new figures is
news, not boilerplate, and its figures keep two days' paragraphs apart.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable

import numpy as np

BLOCK = "\u00a7"  # the key prefix of a learned edge block (never the first character of a text key)
ROWS = 3
BANDS = 6
MIN_TOKENS = 10
MAX_CHARS = 2_000
# Two paragraphs are one block rewritten when their token sets have Jaccard >= NEAR_JACCARD.
NEAR_JACCARD = 0.8
_WORD = re.compile(r"[a-z0-9]+")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
# ROWS * BANDS hash functions h(x) = (a * x + b) mod 2**61 - 1 over a token's CRC-32, a and b
# drawn once from a fixed seed (numpy's generator is stable across versions for integers).
_PRIME = (1 << 61) - 1
_RNG = np.random.default_rng(20261212)
_A = _RNG.integers(1, 1 << 31, ROWS * BANDS, dtype=np.uint64).reshape(-1, 1)
_B = _RNG.integers(0, 1 << 31, ROWS * BANDS, dtype=np.uint64).reshape(-1, 1)


def tokens(paragraph: str) -> frozenset[str]:
    """Return the words and numbers (lowercased) and the CJK character bigrams of a paragraph."""
    text = paragraph.lower()
    words = set(_WORD.findall(text))
    for run in _CJK_RUN.findall(text):
        words.update(run[j : j + 2] for j in range(max(1, len(run) - 1)))
    return frozenset(words)


def signature(paragraph: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Return a paragraph's tokens and MinHash band keys (none when too short or too long)."""
    if len(paragraph) > MAX_CHARS:
        return frozenset(), ()
    toks = tokens(paragraph)
    if len(toks) < MIN_TOKENS:
        return toks, ()
    crc = np.fromiter((zlib.crc32(t.encode("utf-8")) for t in toks), np.uint64, len(toks))
    mins = ((_A * crc + _B) % _PRIME).min(axis=1).tolist()  # a, b, crc < 2**32: no overflow
    bands = tuple(
        f"{b}:" + ".".join(f"{m:x}" for m in mins[b * ROWS : (b + 1) * ROWS]) for b in range(BANDS)
    )
    return toks, bands


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the Jaccard similarity of two token sets."""
    return len(a & b) / len(a | b) if a or b else 0.0


# A block is learned when it or its near-duplicates stand at an edge of NEAR_MIN_STORIES
# distinct stories; a short one (at most SHORT_CHARS characters: the edge-line tier's size and
# evidence) also when its exact copies (the same token set) stand at an edge of
# EXACT_MIN_STORIES. Two is not enough for the rest: a long paragraph repeated at the start of
# two posts of a series is as often the series' recap as a card, and two posts may open with
# the same sentence with one term swapped.
NEAR_MIN_STORIES = 3
EXACT_MIN_STORIES = 2
SHORT_CHARS = 120
# A body block (a prose paragraph outside the edge region, extractors/bodyblocks.py) is learned
# from near copies on BODY_MIN_STORIES distinct stories: the bar of the anywhere tier
# (boilerplate.MIN_PAGES). Mid-body, three stories are too few: a weekly quotes a project's
# release announcements, written from one template with the version swapped, three times.
BODY = BLOCK + "~"
BODY_MIN_STORIES = 5
_Block = tuple[str, frozenset[str], tuple[str, ...], bool]  # key, tokens, bands, short


class BlockEvidence:
    """The edge paragraphs of one source's articles and the blocks they make known."""

    def __init__(self, far: Callable[[int, int], bool]) -> None:
        self._far = far  # whether two SimHash fingerprints belong to different stories
        self._articles: dict[str, tuple[str, int, list[_Block]]] = {}
        # band -> the (article, block) pairs holding it, in the order they were observed
        self._bands: dict[str, dict[tuple[str, int], None]] = {}
        self._found: set[str] = set()  # learned so far (evidence only grows between drops)
        self._checked: dict[tuple[str, int], int] = {}  # block -> band holders when checked

    def put(self, article_id: str, story: str, simhash: int, blocks: list[_Block]) -> None:
        """Record (or replace) the edge paragraphs of an article."""
        self.drop(article_id)
        self._articles[article_id] = (story, simhash, blocks)
        for n, (_key, _toks, bands, _short) in enumerate(blocks):
            for band in bands:
                self._bands.setdefault(band, {})[(article_id, n)] = None

    def drop(self, article_id: str) -> None:
        """Forget an article's edge paragraphs."""
        old = self._articles.pop(article_id, None)
        if old is None:
            return
        for n, (_key, _toks, bands, _short) in enumerate(old[2]):
            for band in bands:
                self._bands[band].pop((article_id, n), None)
        self._found.clear()  # the evidence shrank: judge every block again
        self._checked.clear()

    def learned(self) -> set[str]:
        """Return the keys of the edge paragraphs that recur, exactly or nearly, across stories."""
        found = self._found
        for aid, (story, sim, blocks) in self._articles.items():
            for n, (key, toks, bands, short) in enumerate(blocks):
                if key in found:
                    continue
                holders = sum(len(self._bands[band]) for band in bands)
                if self._checked.get((aid, n)) == holders:
                    continue  # no new evidence since it was last judged
                self._checked[(aid, n)] = holders
                need = BODY_MIN_STORIES if key.startswith(BODY) else NEAR_MIN_STORIES
                if self._recurs((aid, n), (story, sim), toks, bands, short, need):
                    found.add(key)
        return set(found)

    def _recurs(
        self,
        where: tuple[str, int],
        own: tuple[str, int],
        toks: frozenset[str],
        bands: tuple[str, ...],
        short: bool,
        need: int,
    ) -> bool:
        near, exact = [own], [own]
        # Candidates in a fixed order (article ids, not arrival order), so that the verdict is
        # a function of the evidence, however the pages were batched or stored.
        others = sorted({o for band in bands for o in self._bands.get(band, ())} - {where})
        for aid, n in others:
            o_story, o_sim, o_blocks = self._articles[aid]
            score = jaccard(toks, o_blocks[n][1])
            if score < NEAR_JACCARD:
                continue
            if self._new_story(near, o_story, o_sim):
                near.append((o_story, o_sim))
            if short and score == 1.0 and self._new_story(exact, o_story, o_sim):
                exact.append((o_story, o_sim))
            if len(near) >= need or len(exact) >= EXACT_MIN_STORIES:
                return True
        return False

    def _new_story(self, kept: list[tuple[str, int]], story: str, sim: int) -> bool:
        return all(s != story and self._far(h, sim) for s, h in kept)
