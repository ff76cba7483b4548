"""The items a roundup page prints, each judged as its own story (twenty-first round, issue 14).

A daily digest, weekly note or newsletter is a page of short independent news items, each under a
heading line the page itself prints. Judged as one story, such a page is full of AI words, so a
candidate from an item that is not about AI (a privacy law, a cloud-sovereignty rule, a crypto
regulation) finds its "AI context" in the neighbouring items, and a product item's release reads as
the page's story. Here the page is cut where it prints its item headings; on a roundup (at least
ROUNDUP_MIN headline items) a candidate must find its AI context inside its own item, and a model
release is never the page's story (no single item is), the labelling rule that release items of a
digest give no required type.

A heading line is a short line (at most HEADING_MAX characters) with no sentence-final punctuation,
followed within two lines by a body line; a headline is a heading long enough to name a story (at
least HEADLINE_HAN Han characters or HEADLINE_WORDS words), which section labels of a single story
("Background", "分析", "结论") are not.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from extractors.language import HAN
from extractors.signals.align import MatchText
from extractors.signals.rules import Candidate

__all__ = ["ROUNDUP_MIN", "PageItem", "item_at", "item_stories", "page_items", "roundup_items"]

HEADING_MAX = 80  # characters: a heading is one short line
HEADLINE_HAN = 8  # Han characters a headline needs (a section label has fewer)
HEADLINE_WORDS = 4  # Latin words a headline needs
ROUNDUP_MIN = 3  # headline items that make a page a roundup
_SENTENCE_END = re.compile(r"[。！？!?.:：;；，,」”\"')）]\s*$")
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class PageItem:
    """One printed item: its heading line and the text up to the next heading (offsets in text)."""

    start: int
    end: int
    heading: str


def _is_heading(line: str) -> bool:
    """Return whether a line reads as a printed heading: short, not a sentence."""
    s = line.strip()
    return bool(s) and len(s) <= HEADING_MAX and _SENTENCE_END.search(s) is None


def _is_headline(heading: str) -> bool:
    """Return whether a heading is long enough to name a story (not a section label)."""
    # Han characters plus HEADLINE_HAN / HEADLINE_WORDS per Latin word reach HEADLINE_HAN.
    words = len(_WORD.findall(heading)) * HEADLINE_HAN / HEADLINE_WORDS
    return len(HAN.findall(heading)) + words >= HEADLINE_HAN


def page_items(text: str) -> list[PageItem]:
    """Return the items a page prints: each heading line followed by body text, up to the next."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    heading = [_is_heading(line) for _, line in lines]  # once per line, not once per look-back
    # a heading needs body text (a non-empty line that is no heading) within the next two lines
    body = [not h and bool(line.strip()) for h, (_, line) in zip(heading, lines, strict=True)]
    heads = [i for i, h in enumerate(heading) if h and any(body[i + 1 : i + 3])]
    out: list[PageItem] = []
    for j, i in enumerate(heads):
        end = lines[heads[j + 1]][0] if j + 1 < len(heads) else len(text)
        out.append(PageItem(lines[i][0], end, lines[i][1].strip()))
    return out


def roundup_items(text: str) -> list[PageItem]:
    """Return a roundup page's items (the lead before the first heading is one), else []."""
    items = page_items(text)
    if sum(_is_headline(it.heading) for it in items) < ROUNDUP_MIN:
        return []
    lead = [PageItem(0, items[0].start, "")] if items[0].start > 0 else []
    return lead + items


def item_at(items: list[PageItem], offset: int) -> PageItem | None:
    """Return the item holding a text offset (None when items is empty)."""
    return next((it for it in items if it.start <= offset < it.end), None)


def _in_match(mt: MatchText, offset: int) -> int:
    """Return the first match-text index whose original index is at or after `offset`."""
    # original_index never decreases along the match text: one bisection, not a full map.
    return bisect_left(range(len(mt.text)), offset, key=mt.original_index)


def item_stories(
    candidates: list[tuple[Candidate, tuple[int, int]]],
    text: str,
    mt: MatchText,
    names_ai: Callable[[str], bool],
) -> list[tuple[Candidate, tuple[int, int]]]:
    """Return the candidates of a roundup page judged item by item (unchanged on other pages)."""
    # No model release (no item is the page's story) and none from an item whose own match text
    # has no AI context by names_ai (the lead before the first heading is an item too). Items are
    # cut in the article's text (the match text joins a heading to its body); spans are match-text.
    items = roundup_items(text) if candidates else []
    if not items:
        return candidates
    named = {
        it.start: names_ai(mt.text[_in_match(mt, it.start) : _in_match(mt, it.end)]) for it in items
    }
    out = []
    for cand, span in candidates:
        if cand.signal_type == "model_release":
            continue  # no single item is a roundup page's story
        item = item_at(items, mt.original_index(span[0]))
        if item is not None and not named[item.start]:
            continue  # the item names no AI itself: its neighbours' AI words do not count
        out.append((cand, span))
    return out
