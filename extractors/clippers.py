"""Clipper and note-app markup in saved Markdown: provenance banners, excerpts, Obsidian syntax."""

from __future__ import annotations

import re
from typing import Any

from extractors.itemdates import repeated_labels
from extractors.markdown import MD_HEADING, MD_LINK_TARGET, convert_markdown_line, is_link_line
from extractors.urlhost import host_of

__all__ = [
    "clipper_excerpt_end",
    "clipper_lines",
    "is_note_scaffold",
    "provenance_url",
    "source_link_line",
    "strip_note_markup",
    "top_headings",
    "unwrap_wikilinks",
]

# Provenance lines that clippers and reposters write above (or under) a saved article; each
# names the original address, which is metadata, never body text or the title:
#   SimpRead:  "> 本文由 [简悦 SimpRead](http://ksria.com/simpread/) 转码， 原文地址 [host](url)"
#   labelled:  "原文链接：https://…", "原文地址: [host](url)", "Source: <https://…>", "source: https://…"
#   a label on its own line with the address alone on the next line ("原文链接：" / "https://…").
# Whitespace is taken whole ("*+"): nothing between two runs of it is whitespace, so no match
# needs a run split, and a line of spaces is not tried in every split (quadratic in its length).
_SIMPREAD = re.compile(
    r"^\s*+>?\s*+本文由\s*+\[?\s*+简悦\s*+SimpRead\s*+\]?(?:\([^)]*\))?\s*+转码\s*+[，,]?\s*+"
    r"(?:原文地址\s*+[:：]?\s*+(?P<rest>\S(?:.*\S)?)?)?\s*$"
)
_LABEL = (
    r"(?:原文|原文链接|原文鏈接|原文地址|原文網址|原文网址|原始链接|原始鏈接|文章来源|"
    r"source|source url|original|original url|original link|url|link|clipped from|saved from)"
)
# The leading whitespace is taken whole (possessive "*+"): a label starts with a non-space, so
# no match needs it split, and a line of spaces is not tried in every split (cubic in its length).
# The value runs to its last non-space, read greedily: a lazy value tried the whitespace check at
# every character (quadratic in a run of spaces inside the value).
_LABELLED = re.compile(
    r"^\s*+(?:>\s*+)?[-*]?\s*+\**(?P<label>" + _LABEL + r")\**\s*[:：]\s*(?P<rest>\S(?:.*\S)?)\s*$",
    re.IGNORECASE,
)
_LABEL_ONLY = re.compile(r"^\s*+(?:>\s*+)?\**" + _LABEL + r"\**\s*[:：]\s*$", re.IGNORECASE)
_URL = re.compile(r"<?(https?://[^\s<>]+)>?")
# MarkDownload's excerpt block: "> ## Excerpt" then the page's description as "> …" lines.
_EXCERPT_HEAD = re.compile(r"^\s*>\s*#{1,6}\s*Excerpt\s*$", re.IGNORECASE)
_TRUNCATED = re.compile(r"(?:\.{3,}|…+|。{3,})\s*$")
_SQUASH = re.compile(r"[\s>*_`#\[\]]+")
_DUP_PREFIX = 30  # an excerpt whose first characters recur below is the lead, quoted twice
# Obsidian: %% comments %% are hidden, "^block-id" lines are anchors, "> [!type] title" opens a
# callout box, "Key:: value" is a Dataview field; none of them is text of the saved article.
_OBSIDIAN_COMMENT = re.compile(r"(?m)^[ \t>]*%%[ \t]*$.*?^[ \t>]*%%[ \t]*$", re.DOTALL)
_BLOCK_ID = re.compile(r"^\s*(?:>\s*)*\^[A-Za-z0-9][A-Za-z0-9-]{2,}\s*$")
_CALLOUT_SCAN = 12  # a clipper's callout opens the note, under its front matter and heading
_CALLOUT_LINK = re.compile(r"\]\(<?(https?://[^\s<>()]+)>?\)")
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "::1"})
_CALLOUT = re.compile(r"^\s*(?:>\s*)+\[![A-Za-z][\w-]*\][+-]?(?:\s|$)")
_FIELD = re.compile(
    r"^\s*(?:>\s*)*(?:[-*]\s+)?\**[\w\u4e00-\u9fff][\w\u4e00-\u9fff .-]{0,30}?\**::\s"
)
_WIKILINK = re.compile(r"!?\[\[([^\[\]|]+)(?:\|([^\[\]]*))?\]\]")
# Markdown escaped a second time by a converter: "\> 本文由 \[简悦 SimpRead\](http://…)".
_ESCAPED_LINK = re.compile(r"\\\]\(")
_ESCAPED = re.compile(r"\\([\[\]>#*_`])")
_ESCAPED_MIN = 2
_EXCERPT_SCAN = 20  # a MarkDownload excerpt block sits among a page's first lines
# a line this long, or a shorter sentence, is prose: the headings below it are sections
_PROSE_CHARS = 80
_PROSE_MIN = 25
# A numbered heading ("1. …", "一、…", "Part 2") or a generic one ("前言", "Introduction") opens a
# section of the text; a page's title is neither.
_SECTION = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})+\s|\d{1,2}[.、)）]\s*(?!\d)|[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十\d]+[章节部分]"
    r"|(?:前言|引言|导言|导语|概述|简介|背景|摘要|(?:文章|本文)?目录|正文|写在前面|introduction|overview|background"
    r"|summary|abstract|contents|table of contents|preface|foreword)\s*[:：]?$)",
    re.IGNORECASE,
)
_SETEXT_H1 = re.compile(r"^\s{0,3}=+\s*$")  # "Title" underlined with "=====": a level-1 heading
_PROSE_END = re.compile(r"[。！？.!?]\s*$")
# Cubox and like clippers write the page's address under its title as a link named by its own
# host, then the author and the account: "[mp.weixin.qq.com](https://mp.weixin.qq.com/s/…)晚点团队
# 晚点LatePost". A host-named link further down is a link card inside the story, not this line.
_SOURCE_LINK = re.compile(r"^\s*\[([^\[\]]+)\]\(<?(https?://[^\s<>()]+)>?\)(.*)$")
_SOURCE_TAIL = 40  # what follows the link: an author and an account name, never a sentence
_SOURCE_SCAN = 12  # the title, its underline and blank lines come first


def _url_of(rest: str) -> str | None:
    link = MD_LINK_TARGET.fullmatch(rest.strip())
    if link is not None:
        rest = link.group(2)
    m = _URL.fullmatch(rest.strip())
    return m.group(1) if m else None


def provenance_url(lines: list[str], i: int) -> tuple[str | None, int, bool] | None:
    """Return (original URL or None, lines used, is a clipper banner) for line i, else None."""
    line = lines[i]
    simpread = _SIMPREAD.match(line)
    if simpread is not None:
        return _url_of(simpread.group("rest") or ""), 1, True
    labelled = _LABELLED.match(line)
    if labelled is not None:
        url = _url_of(labelled.group("rest"))
        return (url, 1, False) if url else None
    if _LABEL_ONLY.match(line):
        nxt = next((j for j in range(i + 1, min(i + 3, len(lines))) if lines[j].strip()), None)
        if nxt is not None:
            url = _url_of(lines[nxt])
            if url:
                return url, nxt - i + 1, False
    return None


def clipper_excerpt_end(lines: list[str], start: int, after_banner: bool) -> int:
    """Return the index past a clipper's excerpt quote starting at start (start when none)."""
    # SimpRead quotes the page's description under its banner, MarkDownload under "## Excerpt":
    # metadata, unless (SimpRead) it is the article's own standfirst, kept whole and not repeated.
    i = start
    while i < len(lines) and not lines[i].strip():
        i += 1
    head = i < len(lines) and _EXCERPT_HEAD.match(lines[i]) is not None
    if not head and not (after_banner and i < len(lines) and lines[i].lstrip().startswith(">")):
        return start
    end = i + 1 if head else i
    while end < len(lines) and lines[end].lstrip().startswith(">"):
        end += 1
    if head:
        return end
    quote = " ".join(ln.lstrip().lstrip(">") for ln in lines[i:end]).strip()
    prefix = _SQUASH.sub("", _TRUNCATED.sub("", quote))[:_DUP_PREFIX]
    rest = _SQUASH.sub("", "\n".join(lines[end:]))
    if _TRUNCATED.search(quote) or (prefix and prefix in rest):
        return end
    return start


def strip_note_markup(text: str) -> str:
    """Return a page without Obsidian comments and with double-escaped Markdown unescaped."""
    text = _OBSIDIAN_COMMENT.sub("", text)
    if len(_ESCAPED_LINK.findall(text)) >= _ESCAPED_MIN:
        text = _ESCAPED.sub(r"\1", text)
    return text


def is_note_scaffold(line: str) -> bool:
    """Return True for a note app's block anchor, callout header or Dataview field line."""
    return bool(_BLOCK_ID.match(line) or _CALLOUT.match(line) or _FIELD.match(line))


def unwrap_wikilinks(line: str) -> str:
    """Return a line with [[target|alias]] as its alias and [[target]] as its target."""
    if "[[" not in line:
        return line
    return _WIKILINK.sub(lambda m: "" if m.group(0)[0] == "!" else (m.group(2) or m.group(1)), line)


def callout_url(line: str) -> str | None:
    """Return the page address a clipper's opening callout links to, past its local links."""
    # "> [!example]- [内部链接](<http://localhost:7026/unread/5>) [外部链接](<https://…>)"
    for target in _CALLOUT_LINK.findall(line):
        host = host_of(target) or ""  # a malformed address names no host
        if host not in _LOCAL_HOSTS and "." in host:
            return str(target)
    return None


def _item_link_labels(lines: list[str]) -> frozenset[str]:
    """Return the link labels that give several different addresses: a digest's item fields."""
    # "**Link**: [Read More](url)" under every item of a roundup is that item's address; the
    # page's own provenance line names one address (maybe twice).
    found = ((m.group("label"), _url_of(m.group("rest"))) for m in map(_LABELLED.match, lines) if m)
    return repeated_labels((label, url) for label, url in found if url)


def source_link_line(lines: list[str], skip: frozenset[int]) -> tuple[int, str] | None:
    """Return (line, address) of a clipper's source line under the page's title, else None."""
    # The first line under the title (skip: a metadata header's lines), a link named by its own
    # host with at most a short byline after it.
    titled = False
    for i in range(min(len(lines), _SOURCE_SCAN)):
        line = lines[i]
        if i in skip or not line.strip() or (titled and _SETEXT_H1.match(line)):
            continue
        if not titled:
            setext = i + 1 < len(lines) and _SETEXT_H1.match(lines[i + 1]) is not None
            if not (MD_HEADING.match(line) or setext):
                return None  # the first line is not a title: no line stands under one
            titled = True
            continue
        found = _SOURCE_LINK.match(line)
        if found is None:
            return None
        tail = convert_markdown_line(found.group(3)).strip()
        host = host_of(found.group(2))  # None for a malformed address: no source line
        named = host is not None and found.group(1).strip().lower().removeprefix("www.") == host
        short = len(tail) <= _SOURCE_TAIL and not _PROSE_END.search(tail)
        return (i, found.group(2)) if named and short else None
    return None


def clipper_lines(
    lines: list[str], meta: dict[str, Any], header: frozenset[int] = frozenset()
) -> set[int]:
    """Return the lines that are clipper metadata: provenance, excerpts, note-app scaffolding."""
    # header: the lines a metadata header (front matter) holds, above any title
    used: set[int] = set()
    source = source_link_line(lines, header)
    if source is not None:
        used.add(source[0])
        meta.setdefault("url", source[1])
    items = _item_link_labels(lines)
    i = 0
    while i < len(lines):
        if is_note_scaffold(lines[i]):
            used.add(i)
            if i < _CALLOUT_SCAN and _CALLOUT.match(lines[i]):
                found_url = callout_url(lines[i])
                if found_url:
                    meta.setdefault("url", found_url)
            i += 1
            continue
        found = provenance_url(lines, i)
        if found is None:
            end = clipper_excerpt_end(lines, i, after_banner=False) if i < _EXCERPT_SCAN else i
            used.update(range(i, end))
            i = max(end, i + 1)
            continue
        url, span, banner = found
        labelled = _LABELLED.match(lines[i])
        if url and not (labelled is not None and labelled.group("label").casefold() in items):
            meta.setdefault("url", url)
        if banner:  # the clipper keeps the page's title in the file name, not in the text
            meta["clipper"] = True
        used.update(range(i, i + span))
        end = clipper_excerpt_end(lines, i + span, after_banner=banner)
        used.update(range(i + span, end))
        i = max(end, i + span)
    return used


def top_headings(lines: list[str], used: set[int]) -> list[str]:
    """Return the headings above the first prose line: a heading below prose is a section's."""
    heads: list[str] = []
    for i, line in enumerate(lines[:40]):
        if i in used or not line.strip():
            continue
        text = convert_markdown_line(unwrap_wikilinks(line)).strip()
        setext = i + 1 < len(lines) and _SETEXT_H1.match(lines[i + 1]) is not None
        if MD_HEADING.match(line) or setext:
            if not is_link_line(MD_HEADING.sub("", line)) and text and not _SECTION.match(text):
                heads.append(text)
        elif len(text) >= _PROSE_CHARS or (len(text) >= _PROSE_MIN and _PROSE_END.search(text)):
            break
    return heads
