"""Template paragraphs: one frame a source fills with a new title, name or date on each post.

A generator or an editor prints the same sentence frame on post after post with slots filled
in ("This summary of <title> was generated from <source> by <model>; it may contain errors.",
"本文为「<刊名>」原创内容 文｜<作者>"). The line tiers key whole paragraphs, the block tiers near
copies (Jaccard of the word sets, ``extractors/edgeblocks.py``); a frame with a long slot is
neither. Here two paragraphs are one template when their common opening and closing words
(``frame``) make most of each: the slot is what differs between the source's own posts, found
by comparing them, never named by a word list. A template is learned when it stands on as many
distinct stories as a block needs where it stands (``NEAR_MIN_STORIES`` at an edge,
``BODY_MIN_STORIES`` mid-body), and stripped where it stands.

Guards, read on the dev parts: a list item is one of a list's facts ("- API: <address>",
"- Original link: <address> - Source: …"), and a paragraph whose opening words open another
paragraph of its own text is one of a run of like items ("Summary: …" under each item of a
digest), however often a digest retells it; both are left alone. An exact copy is the other
tiers' evidence, not a template's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from extractors.bodyblocks import body_candidates
from extractors.cues import LIST_ITEM
from extractors.edgeblocks import BLOCK, BODY_MIN_STORIES, MAX_CHARS, NEAR_MIN_STORIES

__all__ = ["TEMPLATE", "TemplateEvidence", "frame", "template_words"]

TEMPLATE = BLOCK + "="  # the key prefix of a learned template paragraph
# Two paragraphs are one template when their common opening and closing words are at least
# FRAME_MIN words and FRAME_SHARE of the longer one's words: the slot is a small part, so a
# lead that shares a newsroom's formula ("… today announced that … in prison.") is not one.
FRAME_MIN = 8
FRAME_SHARE = 2 / 3
_ENDS = 3  # words of each end that index a paragraph for its candidates
_WORD = re.compile(r"[a-z0-9]+|[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")

_Item = tuple[str, tuple[str, ...], bool]  # key, words, at an edge


def words(paragraph: str) -> tuple[str, ...]:
    """Return the words and numbers (lowercased) and the CJK characters of a paragraph, in order."""
    return tuple(_WORD.findall(paragraph.lower()))


def frame(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """Return how many words two paragraphs share at their start and end (their frame)."""
    n = min(len(a), len(b))
    p = 0
    while p < n and a[p] == b[p]:
        p += 1
    s = 0
    while s < n - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return p + s


def one_template(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Return whether two different paragraphs are one frame with a different slot."""
    if a == b:
        return False
    shared = frame(a, b)
    return shared >= FRAME_MIN and shared >= FRAME_SHARE * max(len(a), len(b))


def template_words(paras: list[str], edge: set[int]) -> dict[int, tuple[tuple[str, ...], bool]]:
    """Return the paragraphs that may be templates: index -> (words, whether at an edge)."""
    toks = [words(p) for p in paras]
    opens = Counter(t[:2] for t in toks if len(t) >= 2)
    body = set(body_candidates(paras, edge))
    out: dict[int, tuple[tuple[str, ...], bool]] = {}
    for i, para in enumerate(paras):
        if (i not in edge and i not in body) or len(para) > MAX_CHARS:
            continue
        if len(toks[i]) < FRAME_MIN or LIST_ITEM.match(para) or opens[toks[i][:2]] > 1:
            continue  # a list's facts, or one of a run of like items
        out[i] = (toks[i], i in edge)
    return out


class TemplateEvidence:
    """The template candidates of one source's articles and the templates they make known."""

    def __init__(self, far: Callable[[int, int], bool]) -> None:
        self._far = far  # whether two SimHash fingerprints belong to different stories
        self._articles: dict[str, tuple[str, int, list[_Item]]] = {}
        self._ends: dict[tuple[str, ...], dict[tuple[str, int], None]] = {}

    def put(self, article_id: str, story: str, simhash: int, items: list[_Item]) -> None:
        """Record (or replace) an article's template candidates."""
        self.drop(article_id)
        self._articles[article_id] = (story, simhash, items)
        for n, (_key, toks, _edge) in enumerate(items):
            for end in _index(toks):
                self._ends.setdefault(end, {})[(article_id, n)] = None

    def drop(self, article_id: str) -> None:
        """Forget an article's template candidates."""
        old = self._articles.pop(article_id, None)
        if old is not None:
            for n, (_key, toks, _edge) in enumerate(old[2]):
                for end in _index(toks):
                    self._ends[end].pop((article_id, n), None)

    def learned(self) -> set[str]:
        """Return the keys of the candidates whose frame stands on enough distinct stories."""
        found: set[str] = set()
        for story, sim, items in self._articles.values():
            for key, toks, edge in items:
                if key in found:
                    continue
                need = NEAR_MIN_STORIES if edge else BODY_MIN_STORIES
                kept = [(story, sim)]
                # Candidates in a fixed order (article ids), so that the verdict is a function
                # of the evidence, however the pages were batched or stored.
                others = sorted({o for end in _index(toks) for o in self._ends.get(end, ())})
                for o_aid, o_n in others:
                    o_story, o_sim, o_items = self._articles[o_aid]
                    _o_key, o_toks, o_edge = o_items[o_n]
                    if o_edge != edge or not one_template(toks, o_toks):
                        continue
                    if all(s != o_story and self._far(h, o_sim) for s, h in kept):
                        kept.append((o_story, o_sim))
                    if len(kept) >= need:
                        found.add(key)
                        break
        return found


def _index(toks: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return (("<", *toks[:_ENDS]), (">", *toks[-_ENDS:]))
