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

from extractors.bodyblocks import SENTENCE_END, body_candidates
from extractors.cues import LIST_ITEM
from extractors.edgeblocks import BLOCK, BODY, SHORT_CHARS, BlockEvidence, signature
from extractors.edgechrome import trim_edge_chrome
from extractors.language import convert_to_simplified
from extractors.neardup import HAMMING_THRESHOLD, simhash_text
from extractors.rows import Article
from extractors.stamplines import stamp_rest

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
_LABELED = re.compile(r"^[\s*_>#-]*([^\W\d_][^\d:：。！？!?.]{0,40}?)\s*[:：]\s*\S")
_LABEL_MIN = 4
_LABEL_WORDS = 8
_VERSION_CHARS = 3_000
_HEADING_CHARS = 40
_PROSE_CHARS = 100


# Punctuation inside a line ("备份，仅供查阅", "notes, links"): a note, not a heading.
_INNER_PUNCT = re.compile(r"[，、,；;：:|｜]")
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
    if len(para) <= _HEADING_CHARS and len(nxt) > _PROSE_CHARS and not SENTENCE_END.search(para):
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
    return _edge_line_key(paras, i)


def _edge_line_key(paras: list[str], i: int) -> str | None:
    """Return the edge key paragraph i would have at an edge (a short line, no subheading)."""
    para, nxt = paras[i], paras[i + 1] if i + 1 < len(paras) else ""
    if len(para) > EDGE_CHARS or "\n" in para.strip():
        return None
    if (
        len(para) <= _HEADING_CHARS
        and len(nxt) > 2 * len(para)
        and not SENTENCE_END.search(para)
        and (len(nxt) > _PROSE_CHARS or SENTENCE_END.search(nxt))
    ):
        return None  # a subheading ("Conclusion") over prose recurs on a source's posts
    key = _key(para)
    return EDGE + key if _cjk_weight(key) >= MIN_KEY else None


def _label_key(paras: list[str], i: int) -> str | None:
    """Return the label key of paragraph i if it is a labelled line at the close of the text."""
    if len(paras) < EDGE_TAIL + 2 or i < len(paras) - EDGE_TAIL:
        return None
    para = paras[i]
    if len(para) > MAX_CHARS or "\n" in para.strip() or "://" in para[:12] or LIST_ITEM.match(para):
        return None  # a list item is one of a list's facts ("- Deadline: …"), no credit line
    match = _LABELED.match(para)
    if not match or len(match.group(1).split()) > _LABEL_WORDS:
        return None
    key = _key(match.group(1))
    return LABEL + key if _cjk_weight(key) >= _LABEL_MIN else None


def _stamp_key(paras: list[str], i: int) -> str | None:
    """Return the stamp key of paragraph i if it is a dated one-line stamp at an edge."""
    if len(paras) < EDGE_TAIL + 2 or not (
        i < max(_head_end(paras), 1) or i >= len(paras) - EDGE_TAIL
    ):
        return None
    if LIST_ITEM.match(paras[i]):
        return None  # a list's facts ("- Applications close: 30 June 2025"), no stamp
    if i < len(paras) - EDGE_TAIL and _LABELED.match(paras[i]):
        return None  # labelled lines over a text are an archiver's metadata (see LABEL)
    rest = stamp_rest(paras[i])
    return STAMP + rest if rest else None


def _head_end(paras: list[str]) -> int:
    """Return the end of the head: the first EDGE_HEAD paragraphs, up to the first long one."""
    end = min(EDGE_HEAD, len(paras) - EDGE_TAIL)
    for i, para in enumerate(paras[:end]):
        if len(para) > EDGE_CHARS:
            return i
    return max(end, 0)


def _head_key(paras: list[str], i: int) -> str | None:
    """Return the head key of paragraph i if it is a short line in the head of the text."""
    if len(paras) < EDGE_TAIL + 2 or i >= _head_end(paras):
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
    key = _key(para)
    return HEAD + key if _cjk_weight(key) >= MIN_KEY else None


def _head_gone(paras: list[str], boilerplate: frozenset[str]) -> set[int]:
    """Return the learned head lines and the head lines without a sentence end above them."""
    # A head line learned where a short line followed it is the same line where prose follows
    # it (the heading test looks at the next paragraph): in the head its key alone counts.
    learned = [
        i
        for i in range(_head_end(paras) if len(paras) >= EDGE_TAIL + 2 else 0)
        if _cjk_weight(_key(paras[i])) >= MIN_KEY and HEAD + _key(paras[i]) in boilerplate
    ]
    if not learned:
        return set()
    above = {i for i in range(learned[-1]) if not SENTENCE_END.search(paras[i])}
    return set(learned) | above


def _closing_line(texts: list[str], boilerplate: frozenset[str]) -> int | None:
    """Return a learned closing line among the last EDGE_HEAD paragraphs with short lines below."""
    for j in range(len(texts) - 1, max(len(texts) - EDGE_HEAD, 1) - 1, -1):
        if _edge_line_key(texts, j) in boilerplate:
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


def _in_edge_region(paras: list[str], i: int) -> bool:
    """Return whether paragraph i is among the first or last EDGE_TAIL of a long enough text."""
    return len(paras) >= EDGE_TAIL + 2 and (i < EDGE_TAIL or i >= len(paras) - EDGE_TAIL)


_Sig = tuple[int, str, frozenset[str], tuple[str, ...], bool]  # index, key, tokens, bands, short


def _blocks(paras: list[str]) -> list[_Sig]:
    """Return the paragraphs that may be blocks (edge region and body): index, key, tokens, bands."""
    out: list[_Sig] = []
    edge: set[int] = set()
    for i, para in enumerate(paras):
        if not _in_edge_region(paras, i):
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
            out.append((i, BLOCK + _key(para), toks, bands, len(para) <= SHORT_CHARS))
    # The rest of the text: prose paragraphs a source repeats mid-body (extractors/bodyblocks.py).
    for i in body_candidates(paras, edge):
        toks, bands = signature(paras[i])
        if bands:
            out.append((i, BODY + _key(paras[i]), toks, bands, False))
    return out


def _paragraph_keys(paras: list[str], i: int, blocks: dict[int, str]) -> set[str]:
    """Return the keys of paragraph i: anywhere, edge line and edge block."""
    keys = (
        _eligible(paras, i),
        _edge_key(paras, i),
        _head_key(paras, i),
        _label_key(paras, i),
        _stamp_key(paras, i),
        blocks.get(i),
    )
    return {k for k in keys if k}


def _text_keys(text: str) -> tuple[frozenset[str], list[_Sig]]:
    """Return the keys of a text's paragraphs and the signatures of its edge blocks."""
    paras = text.split("\n\n")
    sigs = _blocks(paras)
    blocks = {i: key for i, key, *_sig in sigs}
    return frozenset(k for i in range(len(paras)) for k in _paragraph_keys(paras, i, blocks)), sigs


def line_keys(text: str) -> frozenset[str]:
    """Return the keys of the paragraphs of a text that may be boilerplate (edge keys too)."""
    return _text_keys(text)[0]


def stripped_keys(fresh: str, stored: str) -> frozenset[str]:
    """Return the keys of the lines a fresh text holds and its stored (stripped) text lost."""
    # Edge keys depend on where a line stands: one stripped line moves the others, so only
    # the keys of lines that are gone from the stored text count.
    paras = fresh.split("\n\n")
    gone = {_key(p) for p in paras} - {_key(p) for p in stored.split("\n\n")}
    blocks = {i: key for i, key, *_sig in _blocks(paras)}
    keys = {
        k for i, p in enumerate(paras) if _key(p) in gone for k in _paragraph_keys(paras, i, blocks)
    }
    return frozenset(keys - line_keys(stored))


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
        self._blocks = BlockEvidence(_far)
        self._forced: set[str] = set()
        self._keys: frozenset[str] | None = frozenset()

    def observe(self, article_id: str, text: str) -> frozenset[str]:
        """Record (or replace) an article's evidence; return its candidate keys."""
        keys, sigs = _text_keys(text)
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
    blocks = {i for i, key, *_sig in _blocks(paras) if key in boilerplate}
    head = _head_gone(paras, boilerplate)
    gone = {
        i
        for i in range(len(paras))
        if ((k := _eligible(paras, i)) is not None and k in boilerplate)
        or ((e := _edge_key(paras, i)) is not None and e in boilerplate)
        or i in blocks
        or i in head
        or ((lab := _label_key(paras, i)) is not None and lab in boilerplate)
        or ((st := _stamp_key(paras, i)) is not None and st in boilerplate)
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
