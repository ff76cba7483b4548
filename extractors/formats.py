"""Format adapters: HTML, Markdown/text with YAML front matter, saved text dumps with header lines."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from extractors.clippers import clipper_lines, strip_note_markup, top_headings, unwrap_wikilinks
from extractors.feeddump import unwrap_feed_dumps
from extractors.frontmatter import (
    parse_front_matter,
    permalink_day,
    person_names,
    same_day_stamp,
    title_text,
    unnest_dates,
)
from extractors.htmlstart import starts_as_html
from extractors.itemdates import repeated_labels
from extractors.markdown import (
    CJK,
    HTML_COMMENT,
    LINK_CARRY,
    LINK_TEXT,
    MD_CAPTION,
    MD_HEADING,
    MD_IMAGE,
    MD_LINK_TARGET,
    MD_RULE,
    STRIKE,
    WORD_CHAR,
    closes_soon,
    convert_markdown_line,
    cuts_target,
    drop_closing_blocks,
    drop_empty_sections,
    drop_orphan_lead_ins,
    fold_code_blocks,
    is_link_line,
    opens_link,
    strip_link_residue,
    without_fenced_code,
)
from extractors.sitetemplates import strip_site_templates
from extractors.urlhost import host_of, web_address

__all__ = [
    "Document",
    "convert_markdown_line",
    "fold_code_blocks",
    "front_meta",
    "host_of",
    "is_link_line",
    "looks_html",
    "parse_document",
    "parse_front_matter",
    "parse_text",
]

_DOC_TAG = re.compile(r"<(?:html|head|body)\b[^>]*>", re.IGNORECASE)
_MD_MARK = re.compile(
    r"^[ ]{0,3}(?:#{1,6}[ \t]|```|~~~)|\]\((?:https?://|/)|^[ ]{0,3}\[[^\]\n]+\]:[ \t]",
    re.MULTILINE,
)
_BLOCK_TAG = re.compile(r"<(?:p|div|br|table|section|article|span|h[1-6])\b[^>]*>", re.IGNORECASE)
# Header lines of saved dumps: "文章作者: X", "· 本文来源:X", "发布时间: 2025-01-04 07:16".
HEADER_LABELS: dict[str, str] = {
    "文章作者": "author",
    "作者": "author",
    "作者名": "author",
    "记者": "author",
    "記者": "author",
    "发布时间": "date",
    "發布時間": "date",
    "发布日期": "date",
    "發布日期": "date",
    "发表时间": "date",
    "發表時間": "date",
    "发布于": "date",
    "發布於": "date",
    "时间": "date",
    "時間": "date",
    "日期": "date",
    "原文链接": "url",
    "原文鏈接": "url",
    "原文地址": "url",
    "文章链接": "url",
    "链接": "url",
    "source_url": "url",
    "url": "url",
    "本文来源": "outlet",
    "本文來源": "outlet",
    "来源": "outlet",
    "來源": "outlet",
    "公众号": "outlet",
    "公眾號": "outlet",
    "发布地": "place",
    "發布地": "place",
    "封面图链接": "cover",
    "封面圖鏈接": "cover",
    "标题": "title",
    "標題": "title",
    # A repost's "原标题：X" (sohu, NetEase) names the original headline.
    "原标题": "title",
    "原標題": "title",
    # Reader-service dumps ("Title: …", "URL Source: …", "Published Time: …"): the page's
    # <title>, so its site suffix is removed later.
    "Title": "html_title",
    "URL Source": "url",
    "Published Time": "date",
}
# A header line may sit in a Markdown quote block ("> 公众号: X" under the headline).
# Leading whitespace taken whole ("*+", a label starts with a non-space) and the value read greedily
# to its last non-space (an all-space value is one space): linear in a line's runs of spaces.
_HEADER_LINE = re.compile(
    r"^\s*+(?:>\s*+)?[·•*\-]?\s*+("
    + "|".join(sorted(HEADER_LABELS, key=len, reverse=True))
    + r")(?:\s*[:：|｜]|\s+(?=\[))\s*(\S(?:.*\S)?|\s)\s*$"
)
# An archiver's provenance line above a repost: "原文来自「北青深一度」：[title](link)",
# "转载自公众号「X」", "本文转自X": the quoted name is the outlet, the line is not body.
_PROVENANCE = re.compile(
    r"^\s*+(?:>\s*+)?[*_]*(?:原文|本文|文章|全文)?(?:来自|轉自|转自|转载自|轉載自|出自|来源于|來源於)"
    r"\s*(?:微信|公众号|公眾號|公号|网站|網站)?\s*[「『《“\"]([^」』》”\"]{1,30})[」』》”\"]"
)
_PROVENANCE_REST = 12  # at most this many letters outside the name and the link
_HEADER_SCAN = 20
# A short link glued after a paragraph's last sentence ("…逼真。[返回搜狐，查看更多](url)"):
# a back-link or "read more" button the converter ran into the text, dropped like a link line.
_TRAILING_LINK = re.compile(
    r"([。！？!?.])\s*(?<!!)\[[^\[\]。！？!?.]{1,24}\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)\s*$"
)
_PUBLISHED_KEY = re.compile(r"publish|pub_?date|posted|^date|date$|^time$")
_NOT_PUBLISHED_KEY = re.compile(
    r"collect|crawl|fetch|scrap|sav|clip|updat|modif|edit|access|retriev|archiv|download|expir|"
    r"index|import|sync|last|end|start|event|birth"
)
# A post's own creation time as platforms and blog generators name it ("created_at",
# "create_time", "creationTime", "created_utc"): its publication when nothing says published.
# A bare "created" is left out: clipping and note apps write it for the day of the clip.
_CREATED_KEY = re.compile(r"^creat(?:e|ed|ion)[_ -]?(?:at|time|date|on|utc)(?:[_ -]?utc)?$")
# Line breaks and inline formatting typed into a written title; other tag names ("The <dialog>
# element") are words of the title.
_TITLE_TAG = re.compile(
    r"</?(?:br|wbr|span|em|strong|b|i|u|small|sup|sub|mark|font)\b[^<>]*/?>", re.I
)
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
_CONTENT_MARKER = re.compile(r"^\s*Markdown Content:\s*$")
_OUTLET_KEYS = (  # display names first, then fields that may hold an id or a URL
    "outlet",
    "source_name",
    "site_name",
    "sitename",
    "publisher",
    "site",
    "source",
    "author_site",
    "author-site",
    "blog",
)


@dataclass(slots=True)
class Document:
    """A page reduced to its format, body and metadata found outside the body."""

    kind: str  # "html" or "text"
    body: str
    meta: dict[str, Any] = field(default_factory=dict)
    headings: list[str] = field(default_factory=list)
    # Every section heading's text (a text page's Markdown headings): a heading left with no
    # text under it once chrome is removed closed a box of furniture (remove_chrome).
    sections: frozenset[str] = frozenset()


def looks_html(text: str) -> bool:
    """Return True when a text is an HTML document or an HTML-heavy fragment."""
    if starts_as_html(text):
        return True
    if "```" in text or "~~~" in text:  # with no fence marker the scan changes nothing
        text = without_fenced_code(text)
    if _DOC_TAG.search(text[:5000]):
        return True
    head = text[:20000]
    tags = len(_BLOCK_TAG.findall(head))
    if tags < 3 or tags * 40 <= len(head.split("\n")):
        return False
    # Markdown with a few inline tags ("<br>" in a table cell) is still Markdown: its own
    # syntax (headings, code fences, links, link definitions) outnumbers the tags.
    return len(_MD_MARK.findall(head)) < tags


def front_meta(data: dict[str, Any]) -> dict[str, Any]:
    """Return title, date, author, url and outlet read from front-matter (or record) fields."""
    meta: dict[str, Any] = {}
    data = unnest_dates(data)
    # The original document's date ("original_published", "original_date") wins over the
    # repost's own "date", as a labelled "Original Published:" line does in the text.
    originals = [k for k in data if k.startswith("original") and ("date" in k or "publish" in k)]
    named = ("date", "published", "published_at", "pubdate")
    # Scrapers name it their own way ("published_date", "publish_time", "date_posted"); the
    # archive's own times (collected, crawled, updated…) are not the publication date.
    others = [
        k
        for k in data
        if k not in named
        and k not in originals
        and _PUBLISHED_KEY.search(k)
        and not _NOT_PUBLISHED_KEY.search(k)
    ]
    others += [k for k in data if k not in others and _CREATED_KEY.match(str(k).lower())]
    for key in ("title", "author", *originals, *named, *others):
        if data.get(key) not in (None, ""):
            meta.setdefault("date" if key not in ("title", "author") else key, data[key])
    if "date" not in meta and (day := permalink_day(data)) is not None:
        meta["date"] = day  # no date field: the post's permalink day ("2023/05/29/slug")
    if isinstance(meta.get("title"), str):  # zero-width spaces pasted from a web page
        # an inline tag typed into the title ("Weekly News <br> March 3") is a break, not text
        title = _TITLE_TAG.sub(" ", _ZERO_WIDTH.sub("", meta["title"]))
        meta["title"] = " ".join(title.split())
    for key, read in (("title", title_text), ("author", person_names)):
        if key in meta and (value := read(meta.pop(key))) is not None:
            meta[key] = value
    for key in ("title", "author"):  # "[Name](https://…)", "[[Name]]": the name
        if isinstance(meta.get(key), str) and "[" in meta[key]:
            meta[key] = unwrap_wikilinks(LINK_TEXT.sub(r"\1", meta[key])).strip()
    for key in ("source_url", "url", "from", "canonical", "link", "original_url", "origin_url"):
        if (address := web_address(data.get(key))) is not None:
            meta["url"] = address
            break
    for key in _OUTLET_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            if value.startswith(("http://", "https://")):
                # a URL names the host, not the outlet: the last resort, after a labelled
                # source line in the text ("公众号: X") and the page's own site name
                if (address := web_address(value)) is not None:  # a malformed one names none
                    meta.setdefault("url", address)
                    meta["outlet_host"] = host_of(address)
            else:
                meta["outlet"] = value.strip()
            break
    if meta.get("url"):
        meta.setdefault("outlet_host", host_of(meta["url"]))
    return meta


def _parse_header(lines: list[str]) -> tuple[dict[str, Any], set[int]]:
    meta: dict[str, Any] = {}
    used: set[int] = set()
    # A date label repeated with different dates ("## 条目" / "发布时间：…" per item) dates a digest's
    # items (or a thread's posts): "date_items" tells the date chooser where its date came from.
    fields = (
        m for m in map(_HEADER_LINE.match, lines) if m and HEADER_LABELS[m.group(1)] == "date"
    )
    items = repeated_labels((m.group(1), m.group(2)) for m in fields)
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > _HEADER_SCAN:
            break
        if _CONTENT_MARKER.match(line):
            used.add(i)
            continue
        source = _provenance(line)
        if source is not None:
            meta.setdefault("outlet", source)
            used.add(i)
            continue
        m = _HEADER_LINE.match(line)
        if not m or len(line) > 300:
            continue
        key = HEADER_LABELS[m.group(1)]
        value = header_value(m.group(2), key)
        if value and key == "date" and "date" not in meta and m.group(1).casefold() in items:
            meta["date_items"] = True
        if value:
            meta.setdefault(key, value)
        used.add(i)
    return meta, used


def header_value(raw: str, key: str) -> str:
    """Return a header line's value as text: "[host](url)" gives the URL for url keys."""
    value = STRIKE.sub(r"\1", raw).strip().strip("~").strip()
    link = MD_LINK_TARGET.fullmatch(value)
    if link is not None:
        value = link.group(2) if key == "url" else link.group(1)
    if key == "outlet" and value.startswith(("http://", "https://")):
        return host_of(value) or ""
    return value


def saved_page_link(lines: list[str]) -> tuple[str, str] | None:
    """Return (title, URL) of a clipping that opens "# Title" then "[Title](https://…)"."""
    top = [ln.strip() for ln in lines[:_HEADER_SCAN] if ln.strip()][:4]
    for head, nxt in itertools.pairwise(top):
        if not MD_HEADING.match(head):
            continue
        link = MD_LINK_TARGET.fullmatch(nxt)
        text = MD_HEADING.sub("", head).strip()
        if link is not None and link.group(1).strip() == text and link.group(2).startswith("http"):
            return text, link.group(2)
    return None


def _provenance(line: str) -> str | None:
    """Return the outlet named by an archiver's "原文来自「X」：[link]" line, else None."""
    found = _PROVENANCE.match(line)
    if found is None:
        return None
    rest = LINK_TEXT.sub(" ", line[found.end() :])
    rest = re.sub(r"https?://\S+", " ", rest)
    return found.group(1).strip() if len(WORD_CHAR.findall(rest)) <= _PROVENANCE_REST else None


def parse_text(text: str, meta: dict[str, Any]) -> Document:
    """Parse a Markdown/plain-text dump: header metadata lines out, body lines converted."""
    text = HTML_COMMENT.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    code: set[int] = set()
    lines = fold_code_blocks(strip_note_markup(text).split("\n"), code)
    header, used = _parse_header(lines)
    if same_day_stamp(meta.get("date"), header.get("date")):
        meta["date"] = header["date"]
    for key, value in header.items():
        meta.setdefault(key, value)
    used |= clipper_lines(lines, meta, frozenset(used))
    saved = saved_page_link(lines)
    if saved is not None:  # the page's <title> and address, as web clippers write them
        meta.setdefault("html_title", saved[0])
        meta.setdefault("url", saved[1])
    if web_address(meta.get("url")) is not None:
        meta.setdefault("outlet_host", host_of(meta["url"]))
    headings = top_headings(lines, used)
    body: list[str] = []
    rules: list[int] = []
    sections: set[str] = set()
    after_image = False
    carried = 0
    for i, line in enumerate(lines):
        if i in code and i not in used:  # a code block is text as written: no Markdown inside
            body.append(line)
            carried = 0
            continue
        if i + 1 < len(lines) and {i, i + 1}.isdisjoint(used) and cuts_target(line, lines[i + 1]):
            lines[i + 1] = line.rstrip() + lines[i + 1].lstrip()
            continue
        if opens_link(line) and carried < LINK_CARRY and i + 1 < len(lines):
            nxt = lines[i + 1]
            if nxt.strip() and i + 1 not in used and closes_soon(lines, i + 1):
                # A link whose text was hard-wrapped: "[first half\nsecond half](url)".
                sep = "" if CJK.search(line[-1:] + nxt.lstrip()[:1]) else " "
                lines[i + 1] = line.rstrip() + sep + nxt.lstrip()
                carried += 1
                continue
        carried = 0
        line = line if i in used else strip_link_residue(line)
        if i in used or MD_RULE.match(line) or (after_image and MD_CAPTION.match(line)):
            # "---" under a text line is a setext heading's underline, not a rule
            setext = line.strip()[:1] in "-=" and i > 0 and bool(lines[i - 1].strip())
            if i not in used and MD_RULE.match(line) and not setext:
                rules.append(len(body))
            body.append("")
            after_image = False
            continue
        if line.strip():
            after_image = bool(MD_IMAGE.fullmatch(line.strip()))
            if not after_image and is_link_line(line):
                body.append("")
                continue
        text_line = convert_markdown_line(_TRAILING_LINK.sub(r"\1", unwrap_wikilinks(line)))
        # A Markdown heading is a block of its own: the line under it starts a new paragraph.
        heading = bool(MD_HEADING.match(line)) and bool(text_line.strip())
        if heading:
            sections.add(" ".join(text_line.split()))
        body.append(text_line + "\n" if heading else text_line)
    drop_empty_sections(lines, body)
    drop_orphan_lead_ins(lines, body)
    drop_closing_blocks(body, rules)
    return Document("text", "\n".join(body), meta, [h for h in headings if h], frozenset(sections))


def parse_document(text: str) -> Document:
    """Return the Document for a decoded page, whatever its format."""
    split = parse_front_matter(text)
    if split is None:
        # an HTML document's scripts may hold such a repr as data: only a saved text is unwrapped
        text = text if starts_as_html(text) else unwrap_feed_dumps(text)
        return Document("html", text, {}) if looks_html(text) else parse_text(text, {})
    data, body = split
    body = body if starts_as_html(body) else unwrap_feed_dumps(body)
    meta = front_meta(data)
    html = looks_html(body)
    body = strip_site_templates(body, html=html)  # a post source of a static-site generator
    return Document("html", body, meta) if html else parse_text(body, meta)
