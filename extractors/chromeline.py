"""One paragraph on its own: its classifier features, and whether it is chrome wherever it stands."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors.cues import (
    BREADCRUMB,
    CAPTION_CREDIT,
    CREDIT_LINE,
    DATE_ONLY,
    LIST_ITEM,
    NOTICE,
    PLACEHOLDER,
    READING_TIME,
    RELATED_LEAD,
    find_cues,
)

_SENTENCE_END = re.compile(r"[。！？!?；;…]|[.](?:\s|$)|[”」\"]$")
_TERMINAL = "。！？!?…；;.”」\"'）)】"
WORDS = re.compile(r"[\u3400-\u9fff]|[^\W\d_]+")
_MENU_SPLIT = re.compile(r"[|｜]|\s[-/·•]\s")
_MENU_MARKS = "|｜-/·•"
_BARE_URL = re.compile(r"^(?:\w{1,12}\s?(?:\w{1,12})?\s*[:：]\s*)?(?:https?://|www\.)\S+$")
_SHORT = 30
_CUE_SCAN = 300
_SHORT_SCAN = 120
# Longer paragraphs are only scanned when one of these occurs (the rules that apply to long
# paragraphs need a follow/contact, legal or boilerplate cue).
_LONG_TRIGGERS = (
    "扫",
    "二维码",
    "微信",
    "关注",
    "声明",
    "版权",
    "订阅",
    "转载",
    "侵权",
    "notice",
    "copyright",
    "subscri",
    "sign up",
    "click",
    "cookie",
    "personal",
    "error",
    "join",
    "access to",
    "tell us",
    "send us",
    "rights",
    "contact",
    "inbox",
    "newsletter",
    "write to",
    "coverage",
    "投资建议",
    "购买",
    "developing story",
    "check back",
    "was created by",
    "was produced by",
)
_CAPTION_CHARS = 240
_CREDIT_CHARS = 60  # a credit line names a person or an agency, no more
# A related/most-read heading is a short line: 24 characters cover Chinese and English ones,
# European-language ones run longer ("TAMBIÉN TE PUEDE INTERESAR", "Contenidos relacionados").
RELATED_HEADING = 32
_RELATED_LINE = 200  # a labelled cross-link line ("Related: …") is one headline, not a paragraph
# A call to act ("Click here to subscribe", "Sign up for our newsletter") is a line of its own, as
# long as a cross-link line at most; a longer paragraph holding one is prose that mentions a link
# ("For a list of the 43 nations … click here. Then go to …").
_CALL_LINE = _RELATED_LINE
_BRACKETED = re.compile(r"^[(（\[【].*[)）\]】]$")
# Literals that CAPTION_CREDIT and _BARE_URL cannot match without (an opening bracket or
# "源"; a scheme or "www."): tested first, because both patterns are tried at every position
# (or backtrack over the label prefix) on lines that have none (~0.2 ms a CWCE page).
_CAPTION_HINT = re.compile(r"[(（\[【源]")
# Runs of wide characters (kana, CJK, Hangul): a line's count of them is its length less the
# length left once the runs are removed (one string built, not one per character: 3x faster).
_WIDE_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")


_ASCII_LOWER = re.compile("[a-z]+")
# Cues that name a page's own subject when its text is made of them (a contact page, an imprint,
# a privacy notice), unlike the furniture cues (follow, card, editor, forum, promo, boiler).
SUBJECT_CUES = frozenset({"contact", "legal", "cookie"})


@dataclass(frozen=True, slots=True)
class Features:
    """What the classifier knows about one paragraph."""

    chars: int
    width: int  # chars, with CJK characters counted twice (a CJK sentence is short in chars)
    cues: frozenset[str]
    hits: int
    sentence: bool
    list_item: bool
    date_only: bool


def measure(para: str, simple: str) -> Features:
    """Return the classifier features of a paragraph (cues read on its Simplified form)."""
    scan = len(simple) <= _SHORT_SCAN or (len(simple) <= _CUE_SCAN and _has_trigger(simple.lower()))
    found = find_cues(simple) if scan else []
    return Features(
        chars=len(para),
        width=2 * len(para) - len(_WIDE_RUN.sub("", para)),
        cues=frozenset(name for name in found if name),
        hits=len(found),
        sentence=bool(_SENTENCE_END.search(para)) and len(para) >= 12,
        list_item=bool(LIST_ITEM.match(para)),
        date_only=bool(DATE_ONLY.match(para)),
    )


def measure_all(paras: list[str], simple: list[str]) -> list[Features]:
    """Return the features of each paragraph (aligned lists), a repeated one measured once."""
    # A page's menus and cards repeat lines ("Share", "Read more", a tag): 14% of the lines
    # of a static-site page are a line measured before on that page.
    seen: dict[tuple[str, str], Features] = {}
    feats = []
    for key in zip(paras, simple, strict=True):
        found = seen.get(key)
        if found is None:
            found = seen[key] = measure(*key)
        feats.append(found)
    return feats


def _has_trigger(lowered: str) -> bool:
    return any(t in lowered for t in _LONG_TRIGGERS)


def is_keyword_spam(para: str) -> bool:
    """Return True for a line of |-separated short phrases (keyword stuffing, channel menus)."""
    # Each separator holds one of _MENU_MARKS: a line without any (a third of a page's lines)
    # skips the pattern, tried at every blank otherwise.
    if not any(map(para.__contains__, _MENU_MARKS)) or not _MENU_SPLIT.search(para):
        return False  # nothing to split on (a bare space test let every sentence through)
    parts = [p.strip() for p in _MENU_SPLIT.split(para)]
    if len(parts) < 3 or not all(len(p) <= (12 if len(parts) == 3 else 16) for p in parts):
        return False
    numeric = sum(1 for p in parts if any(ch.isdigit() for ch in p))
    return numeric * 3 < len(parts)


def is_line_chrome(para: str, simple: str, f: Features, table_row: bool = False) -> bool:
    """Return True when a paragraph on its own is chrome, wherever it stands."""
    # table_row: a row of a data table (its header, a row of short words or of figures), never
    # keyword spam nor a line of bare figures.
    stripped = para.strip()
    if not stripped or PLACEHOLDER.match(stripped):
        return True
    if not table_row and is_keyword_spam(stripped):
        return True
    if f.chars <= 60 and READING_TIME.search(simple):
        return True
    # A list item is never a breadcrumb: "- PDF / PPTX: SSRF", "- minute/hour/day" are a list's
    # entries of alternatives (a trail is its own line or one item a step).
    if not f.sentence and not f.list_item and BREADCRUMB.match(stripped):
        return True
    if not table_row and (stripped.isdigit() or not WORDS.search(stripped)):
        return True
    if _is_bare_url(stripped):
        return True
    strong = f.cues & {"follow", "contact", "legal", "cookie", "card", "editor", "forum"}
    # A sentence whose only cue is a legal word ("未经授权使用…构成侵权") is news about the law
    # unless it reads as a notice.
    legal_sentence = strong == {"legal"} and f.sentence and not NOTICE.search(simple)
    if strong and f.chars <= 80 and not legal_sentence:
        return True
    if (
        "legal" in f.cues
        and f.chars <= 300
        and ("特别声明" in simple or "notice:" in simple.lower())
    ):
        return True
    if "related" in f.cues and f.chars <= RELATED_HEADING and not f.sentence:
        return True
    if f.chars <= _RELATED_LINE and RELATED_LEAD.match(stripped):
        return True
    if "boiler" in f.cues and f.chars <= _CALL_LINE:
        return True
    if (
        f.chars <= _CAPTION_CHARS
        and _CAPTION_HINT.search(stripped)
        and CAPTION_CREDIT.search(stripped)
    ):
        return True
    if f.chars <= _CREDIT_CHARS and CREDIT_LINE.match(stripped.strip("*_ ")):
        return True
    # Several follow/contact cues in one short paragraph: a subscription or sign-off line.
    if f.hits >= 2 and f.cues <= {"follow", "contact"} and f.chars <= 200:
        return True
    if "promo" in f.cues and f.chars <= 120 and _BRACKETED.match(stripped):
        return True
    if "promo" in f.cues and f.chars <= 40 and not f.sentence:
        return True
    return bool(f.cues & {"follow", "contact"}) and "promo" in f.cues and f.hits >= 3


def chrome_by_boiler_cue(para: str, simple: str, f: Features, table_row: bool = False) -> bool:
    """Return True when a paragraph is line chrome only because of a boiler cue ("click here")."""
    # Such a line is the author's own text where the page sets it among the story's paragraphs
    # ("Click here to read the report", "tell us what you think"); without a boiler cue it
    # would pass, and any other cue or rule keeps it chrome.
    if "boiler" not in f.cues:
        return False
    rest = replace(f, cues=f.cues - {"boiler"})
    return not is_line_chrome(para, simple, rest, table_row)


def chrome_by_subject_cue(para: str, simple: str, f: Features, table_row: bool = False) -> bool:
    """Return True when a paragraph is line chrome only because of a contact, legal or cookie cue."""
    # These cues name what a contact page, an imprint or a privacy notice is about; where such
    # lines hold much of a page's text they are its subject, not its furniture (page_subject_lines).
    if not f.cues & SUBJECT_CUES:
        return False
    left = f.cues - SUBJECT_CUES
    rest = replace(f, cues=left, hits=f.hits if left else 0)
    return is_line_chrome(para, simple, f, table_row) and not is_line_chrome(
        para, simple, rest, table_row
    )


def chrome_by_bare_url(para: str, f: Features) -> bool:
    """Return True when a paragraph is line chrome only for being a web address, alone or labelled."""
    # Such a line is the author's citation where the page sets it among the story's paragraphs
    # ("There's plenty to read here:" then the address); in a box of links it stays chrome. A
    # labelled one is a citation only when its link leaves the page's own site (linkzone's
    # in_flow): "Source: https://…" cites, "Trackback: http://…" is the engine's own address.
    stripped = para.strip()
    return (
        not f.cues
        and _is_bare_url(stripped)
        and not is_keyword_spam(stripped)
        and not BREADCRUMB.match(stripped)
    )


def is_labelled_address(text: str) -> bool:
    """Return True for a web address after a short label ("Source: https://…")."""
    stripped = text.strip()
    return not stripped.startswith(("http", "www.")) and _is_bare_url(stripped)


def _is_bare_url(text: str) -> bool:
    return ("http" in text or "www." in text) and _BARE_URL.match(text) is not None


def is_run_line(f: Features) -> bool:
    return (f.chars <= _SHORT and not f.sentence and not f.list_item) or f.date_only


def is_shouted_headline(para: str) -> bool:
    """Return True for an all-capitals line of several words (promoted headlines)."""
    if len(para) > 140 or len(para.split()) < 3:  # cheap tests first
        return False
    # ASCII lower-case letters are letters that are not capitals: more than a tenth of the
    # line settles it without the per-character loop (prose lines).
    if 10 * (len(para) - len(_ASCII_LOWER.sub("", para))) > len(para):
        return False
    letters = [ch for ch in para if ch.isalpha()]
    return len(letters) >= 12 and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def is_prose(f: Features) -> bool:
    return f.sentence and f.chars > 100


def ends_block(f: Features) -> bool:
    return f.sentence and f.chars > 40


def looks_like_title(para: str) -> bool:
    """Return True for a headline-like line: short, no final punctuation, no list marker."""
    stripped = para.strip()
    return (
        4 <= len(stripped) <= 60
        and stripped[-1] not in _TERMINAL
        and not LIST_ITEM.match(stripped)
        and "。" not in stripped
    )


# Marks of a line of program code: a statement or block end ("{", ";"), a closing bracket
# opening the line, a call ("name(…)"), an assignment or arrow, a path ("a::b"), a quoted key
# ("'json': …") or a comment opener. Page furniture (menus, counters, share rows, "Comments
# (3)") has none of them.
_CODE_MARK = re.compile(
    r"[{;]\s*$|^\s*[}\])]|[A-Za-z_]\w*\(.*\)|\s=\s|=>|->|::|^\s*(?:#|//)\s|['\"]\s*:\s"
)
_CODE_LINE_CHARS = 200
# A line of nothing but brackets and separators ("}", "});", "]"): the end of a code block.
BRACKETS_ONLY = re.compile(r"^\s*[{}\[\]()<>;,]+\s*$")


def is_code_line(para: str) -> bool:
    """Return True for a line that reads as program code (a listing's line), not text."""
    return len(para) <= _CODE_LINE_CHARS and _CODE_MARK.search(para) is not None
