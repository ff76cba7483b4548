"""Boilerplate keys: which tiers' keys a paragraph of a text carries (see extractors/boilerplate.py)."""

from __future__ import annotations

import re
from collections import Counter

from extractors.bodyblocks import SENTENCE_END, body_candidates
from extractors.cues import LIST_ITEM
from extractors.edgeblocks import BLOCK, BODY, SHORT_CHARS, signature
from extractors.language import cjk_weight
from extractors.stamplines import stamp_rest
from extractors.valuelines import value_rest

__all__ = [
    "EDGE",
    "EDGE_CHARS",
    "EDGE_HEAD",
    "EDGE_MIN_PAGES",
    "EDGE_TAIL",
    "HEAD",
    "LABEL",
    "MIN_KEY",
    "PROSE_CHARS",
    "STAMP",
    "VALUE",
    "Signature",
    "block_signatures",
    "cjk_weight",
    "edge_key",
    "edge_line_key",
    "eligible_key",
    "head_end",
    "label_key",
    "paragraph_keys",
    "plain_key",
    "stamp_key",
    "text_keys",
    "value_keys",
]

MAX_CHARS = 200
MIN_KEY = 6
# The edge tier: a short paragraph among the last EDGE_TAIL paragraphs of a text (or its first)
# that recurs at an edge of EDGE_MIN_PAGES distinct stories is a sign-off, plug or card: a
# source repeats its closing lines on post after post, while body text seldom recurs at the
# same place. It is keyed apart (EDGE prefix) and stripped only where it is an edge line.
EDGE = "^"
EDGE_TAIL = 3
EDGE_CHARS = 120
EDGE_MIN_PAGES = 2
# The head tier: a short line among the first EDGE_HEAD paragraphs of a text, before its first
# long one and before the closing window, that recurs in the head of EDGE_MIN_PAGES distinct
# stories. An account or author card, an archiver's note, a font-size widget stand there as a
# run of short lines (a WeChat dump opens with byline, account name, account id, profile).
# Keyed apart from the closing lines (HEAD prefix): a sign-off is no head line. Where a learned
# head line stands, the head lines above it without a sentence end go with it (the byline over
# a card); a line with a sentence end stays unless learned itself.
HEAD = EDGE + ">"
EDGE_HEAD = 6
# The block tier (extractors/edgeblocks.py): a paragraph of any length among the first or last
# EDGE_TAIL paragraphs that stands, exactly or rewritten a little, at an edge of other stories
# of the source (a disclaimer, an "about us" card, an editors' line, a subscription call). The
# stories must not be versions of one another (SimHash within HAMMING_THRESHOLD): an updated
# story repeats its own lead and closing paragraphs, and those are no boilerplate. Prose
# paragraphs outside the edge region are judged by the same evidence under the near-copy bar
# only (extractors/bodyblocks.py: a donations section, a standing note mid-body).
# The label tier: a line among the last EDGE_TAIL paragraphs that is a label and a value
# ("Edited by: …", "编辑：…", "Photo: …") whose label opens such a line on EDGE_MIN_PAGES distinct
# stories. The value changes from issue to issue (the editors' names, the photographer, the
# source), so neither the line nor the block tier sees a repeat; the label does. Keyed apart
# (LABEL prefix). Closing lines only: labelled lines over a text are an archiver's metadata
# (source, document number, dates) that the signal stage reads as context.
LABEL = EDGE + ":"
# The stamp tier (extractors/stamplines.py): a one-line byline or stamp in the head or among the
# last EDGE_TAIL paragraphs, keyed by its words without its dates and clock times ("Posted by
# <author> at <date>", "Published <weekday>, <date>"), learned on EDGE_MIN_PAGES distinct stories.
STAMP = EDGE + "@"
# The value tier (extractors/valuelines.py): a one-line label with a link or number that changes
# from post to post ("Permalink for this issue: <address>"), keyed by its words without the
# values. Learned anywhere on MIN_PAGES distinct stories (VALUE), at an edge on EDGE_MIN_PAGES
# (EDGE + VALUE), like the line tiers.
VALUE = "%"
_LABELED = re.compile(r"^[\s*_>#-]*([^\W\d_][^\d:：。！？!?.]{0,40}?)\s*[:：]\s*\S")
_LABEL_MIN = 4
_LABEL_WORDS = 8
_HEADING_CHARS = 40
PROSE_CHARS = 100


# Punctuation inside a line ("备份，仅供查阅", "notes, links"): a note, not a heading.
_INNER_PUNCT = re.compile(r"[，、,；;：:|｜]")
_NOT_ALNUM = re.compile(r"[\W_]+")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.、)）]|[一二三四五六七八九十]+[、.]|[(（]\d{1,2}[)）])")


def plain_key(paragraph: str) -> str:
    return _NOT_ALNUM.sub("", paragraph.lower())


def eligible_key(paras: list[str], i: int) -> str | None:
    """Return the key of paragraph i if it may be boilerplate, else None."""
    # Long paragraphs, tiny lines, numbered items and subheadings (a short line without
    # sentence punctuation followed by prose) are never boilerplate: sources reuse such
    # headings. A bulleted line repeated on 5 stories ("- Automated score: …") can be.
    para = paras[i]
    if len(para) > MAX_CHARS or (LIST_ITEM.match(para) and _NUMBERED.match(para)):
        return None
    nxt = paras[i + 1] if i + 1 < len(paras) else ""
    if len(para) <= _HEADING_CHARS and len(nxt) > PROSE_CHARS and not SENTENCE_END.search(para):
        return None
    key = plain_key(para)
    if len(key) < MIN_KEY:
        return None
    return key


def edge_key(paras: list[str], i: int) -> str | None:
    """Return the edge key of paragraph i if it is a short line at an edge of the text."""
    if len(paras) < EDGE_TAIL + 2 or not (i == 0 or i >= len(paras) - EDGE_TAIL):
        return None
    return edge_line_key(paras, i)


def edge_line_key(paras: list[str], i: int) -> str | None:
    """Return the edge key paragraph i would have at an edge (a short line, no subheading)."""
    para, nxt = paras[i], paras[i + 1] if i + 1 < len(paras) else ""
    if len(para) > EDGE_CHARS or "\n" in para.strip():
        return None
    if (
        len(para) <= _HEADING_CHARS
        and len(nxt) > 2 * len(para)
        and not SENTENCE_END.search(para)
        and (len(nxt) > PROSE_CHARS or SENTENCE_END.search(nxt))
    ):
        return None  # a subheading ("Conclusion") over prose recurs on a source's posts
    key = plain_key(para)
    return EDGE + key if cjk_weight(key) >= MIN_KEY else None


def label_key(paras: list[str], i: int) -> str | None:
    """Return the label key of paragraph i if it is a labelled line at the close of the text."""
    if len(paras) < EDGE_TAIL + 2 or i < len(paras) - EDGE_TAIL:
        return None
    para = paras[i]
    if len(para) > MAX_CHARS or "\n" in para.strip() or "://" in para[:12] or LIST_ITEM.match(para):
        return None  # a list item is one of a list's facts ("- Deadline: …"), no credit line
    match = _LABELED.match(para)
    if not match or len(match.group(1).split()) > _LABEL_WORDS:
        return None
    key = plain_key(match.group(1))
    return LABEL + key if cjk_weight(key) >= _LABEL_MIN else None


def stamp_key(paras: list[str], i: int) -> str | None:
    """Return the stamp key of paragraph i if it is a dated one-line stamp at an edge."""
    if len(paras) < EDGE_TAIL + 2 or not (
        i < max(head_end(paras), 1) or i >= len(paras) - EDGE_TAIL
    ):
        return None
    if LIST_ITEM.match(paras[i]):
        return None  # a list's facts ("- Applications close: 30 June 2025"), no stamp
    if i < len(paras) - EDGE_TAIL and _LABELED.match(paras[i]):
        return None  # labelled lines over a text are an archiver's metadata (see LABEL)
    rest = stamp_rest(paras[i])
    return STAMP + rest if rest else None


def value_keys(paras: list[str]) -> dict[int, tuple[str, ...]]:
    """Return the value keys of a text's paragraphs: anywhere, and at an edge where one stands."""
    # A label the page prints once (a permalink, a download line). A masked key met twice in
    # one text is a field of a list's items ("Article URL: … Points: 3" under every item of a
    # digest): the items' facts, not the page's furniture.
    found: dict[int, str] = {}
    head = head_end(paras)
    for i, para in enumerate(paras):
        if i < head and _LABELED.match(para):
            continue  # labelled lines over a text are an archiver's metadata (see LABEL)
        nxt = paras[i + 1] if i + 1 < len(paras) else ""
        if len(para) <= _HEADING_CHARS and len(nxt) > PROSE_CHARS and not SENTENCE_END.search(para):
            continue  # a numbered subheading over prose ("Week 12", "2024 年回顾")
        rest = value_rest(para)
        if rest is not None:
            found[i] = rest
    seen = Counter(found.values())
    edge = max(head, 1), len(paras) - EDGE_TAIL
    out: dict[int, tuple[str, ...]] = {}
    for i, rest in found.items():
        if seen[rest] > 1:
            continue
        at_edge = len(paras) >= EDGE_TAIL + 2 and (i < edge[0] or i >= edge[1])
        out[i] = (VALUE + rest, EDGE + VALUE + rest) if at_edge else (VALUE + rest,)
    return out


def head_end(paras: list[str]) -> int:
    """Return the end of the head: the first EDGE_HEAD paragraphs, up to the first long one."""
    end = min(EDGE_HEAD, len(paras) - EDGE_TAIL)
    for i, para in enumerate(paras[:end]):
        if len(para) > EDGE_CHARS:
            return i
    return max(end, 0)


def head_key(paras: list[str], i: int) -> str | None:
    """Return the head key of paragraph i if it is a short line in the head of the text."""
    if len(paras) < EDGE_TAIL + 2 or i >= head_end(paras):
        return None
    para, nxt = paras[i], paras[i + 1]
    if "\n" in para.strip():
        return None
    if (
        len(para) <= _HEADING_CHARS
        and len(nxt) > 2 * len(para)
        and not SENTENCE_END.search(para)
        and not _INNER_PUNCT.search(para)
    ):
        return None  # a section heading the posts share, over prose
    key = plain_key(para)
    return HEAD + key if cjk_weight(key) >= MIN_KEY else None


def in_edge_region(paras: list[str], i: int) -> bool:
    """Return whether paragraph i is among the first or last EDGE_TAIL of a long enough text."""
    return len(paras) >= EDGE_TAIL + 2 and (i < EDGE_TAIL or i >= len(paras) - EDGE_TAIL)


Signature = tuple[
    int, str, frozenset[str], tuple[str, ...], bool
]  # index, key, tokens, bands, short


def block_signatures(paras: list[str]) -> list[Signature]:
    """Return the paragraphs that may be blocks (edge region and body): index, key, tokens, bands."""
    out: list[Signature] = []
    edge: set[int] = set()
    for i, para in enumerate(paras):
        if not in_edge_region(paras, i):
            continue
        edge.add(i)
        nxt = paras[i + 1] if i + 1 < len(paras) else ""
        if (
            len(para) <= _HEADING_CHARS
            and len(nxt) > 2 * len(para)
            and not SENTENCE_END.search(para)
        ):
            continue  # a subheading
        toks, bands = signature(para)
        if bands:
            out.append((i, BLOCK + plain_key(para), toks, bands, len(para) <= SHORT_CHARS))
    # The rest of the text: prose paragraphs a source repeats mid-body (extractors/bodyblocks.py).
    for i in body_candidates(paras, edge):
        toks, bands = signature(paras[i])
        if bands:
            out.append((i, BODY + plain_key(paras[i]), toks, bands, False))
    return out


def paragraph_keys(
    paras: list[str], i: int, blocks: dict[int, str], values: dict[int, tuple[str, ...]]
) -> set[str]:
    """Return the keys of paragraph i: anywhere, edge line, edge block and value line."""
    keys = (
        eligible_key(paras, i),
        edge_key(paras, i),
        head_key(paras, i),
        label_key(paras, i),
        stamp_key(paras, i),
        blocks.get(i),
        *values.get(i, ()),
    )
    return {k for k in keys if k}


def text_keys(text: str) -> tuple[frozenset[str], list[Signature]]:
    """Return the keys of a text's paragraphs and the signatures of its edge blocks."""
    paras = text.split("\n\n")
    sigs = block_signatures(paras)
    blocks = {i: key for i, key, *_sig in sigs}
    values = value_keys(paras)
    keys = frozenset(k for i in range(len(paras)) for k in paragraph_keys(paras, i, blocks, values))
    return keys, sigs
