"""Chrome removal: a paragraph classifier using position, length, runs, lists and cue phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.cues import (
    BREADCRUMB,
    CAPTION_CREDIT,
    COMMENT_HEADING,
    COMMENT_META,
    DATE_ONLY,
    END_MARKER,
    LIST_ITEM,
    NOTICE,
    PLACEHOLDER,
    READING_TIME,
    find_cues,
)

_SENTENCE_END = re.compile(r"[。！？!?；;…]|[.](?:\s|$)|[”」\"]$")
_TERMINAL = "。！？!?…；;.”」\"'）)】"
_WORDS = re.compile(r"[\u3400-\u9fff]|[^\W\d_]+")
_MENU_SPLIT = re.compile(r"[|｜]|\s[-/·•]\s")
_BARE_URL = re.compile(r"^(?:\w{1,12}\s?(?:\w{1,12})?\s*[:：]\s*)?(?:https?://|www\.)\S+$")
_SHORT = 30
_TINY = 8
_MENU_RUN = 5
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
_BRACKETED = re.compile(r"^[(（\[【].*[)）\]】]$")
# Literals that CAPTION_CREDIT and _BARE_URL cannot match without (an opening bracket or
# "源"; a scheme or "www."): tested first, because both patterns are tried at every position
# (or backtrack over the label prefix) on lines that have none (~0.2 ms a CWCE page).
_CAPTION_HINT = re.compile(r"[(（\[【源]")
_RUN = 4
_EXTEND_BACK = 8  # at most this many short promo lines joined to a tail cut
_COMMENT_SCAN = 6  # paragraphs after a comments heading searched for comment metadata
_BARE_HEADING = 12
_NOTICE = frozenset({"legal", "cookie"})
_FOREIGN_MIN = 10
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
_LATIN_CHAR = re.compile(r"[A-Za-z]+")
_TAIL_SHARE = 0.3
_PLAIN_MIN = 40
# A run of short lines whose first line (digits aside) opened this many earlier runs is a
# post's card (number, member rank, post count) repeated before every post of a thread, not
# the page's furniture: a share bar is at most repeated once (above and below a story).
_CARD_REPEATS = 2
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Features:
    """What the classifier knows about one paragraph."""

    chars: int
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
        cues=frozenset(name for name in found if name),
        hits=len(found),
        sentence=bool(_SENTENCE_END.search(para)) and len(para) >= 12,
        list_item=bool(LIST_ITEM.match(para)),
        date_only=bool(DATE_ONLY.match(para)),
    )


def _has_trigger(lowered: str) -> bool:
    return any(t in lowered for t in _LONG_TRIGGERS)


def is_keyword_spam(para: str) -> bool:
    """Return True for a line of |-separated short phrases (keyword stuffing, channel menus)."""
    if not _MENU_SPLIT.search(para):
        return False  # nothing to split on (a bare space test let every sentence through)
    parts = [p.strip() for p in _MENU_SPLIT.split(para)]
    if len(parts) < 3 or not all(len(p) <= (12 if len(parts) == 3 else 16) for p in parts):
        return False
    numeric = sum(1 for p in parts if any(ch.isdigit() for ch in p))
    return numeric * 3 < len(parts)


def is_line_chrome(para: str, simple: str, f: Features) -> bool:
    """Return True when a paragraph on its own is chrome, wherever it stands."""
    stripped = para.strip()
    if not stripped or PLACEHOLDER.match(stripped) or is_keyword_spam(stripped):
        return True
    if f.chars <= 60 and READING_TIME.search(simple):
        return True
    if not f.sentence and BREADCRUMB.match(stripped):
        return True
    if stripped.isdigit() or not _WORDS.search(stripped) or _is_bare_url(stripped):
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
    if "related" in f.cues and f.chars <= 24 and not f.sentence:
        return True
    if "boiler" in f.cues and f.chars <= 300:
        return True
    if (
        f.chars <= _CAPTION_CHARS
        and _CAPTION_HINT.search(stripped)
        and CAPTION_CREDIT.search(stripped)
    ):
        return True
    # Several follow/contact cues in one short paragraph: a subscription or sign-off line.
    if f.hits >= 2 and f.cues <= {"follow", "contact"} and f.chars <= 200:
        return True
    if "promo" in f.cues and f.chars <= 120 and _BRACKETED.match(stripped):
        return True
    if "promo" in f.cues and f.chars <= 40 and not f.sentence:
        return True
    return bool(f.cues & {"follow", "contact"}) and "promo" in f.cues and f.hits >= 3


def _is_bare_url(text: str) -> bool:
    return ("http" in text or "www." in text) and _BARE_URL.match(text) is not None


def _is_run_line(f: Features) -> bool:
    return (f.chars <= _SHORT and not f.sentence and not f.list_item) or f.date_only


def is_shouted_headline(para: str) -> bool:
    """Return True for an all-capitals line of several words (promoted headlines)."""
    if len(para) > 140 or len(para.split()) < 3:  # cheap tests first
        return False
    letters = [ch for ch in para if ch.isalpha()]
    return len(letters) >= 12 and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def _is_prose(f: Features) -> bool:
    return f.sentence and f.chars > 100


def _ends_block(f: Features) -> bool:
    return f.sentence and f.chars > 40


def article_ended(feats: list[Features], cut: int) -> bool:
    """Return True when what follows a candidate cut reads as page furniture, not article."""
    # Evidence that the article ended there: at most one prose paragraph follows (a
    # disclaimer, a bio) and sentence lines are under half of what follows. A subheading such
    # as "Terms of Use" or a code listing inside an article is followed by more article.
    # Paragraphs that are notices themselves (legal, cookie cues: "未经书面许可…") are not
    # more article.
    after = [x for x in feats[cut + 1 :] if not x.cues & _NOTICE]
    if sum(1 for x in after if _is_prose(x)) > 1:
        return False
    rest = sum(x.chars for x in after)
    return sum(x.chars for x in after if _ends_block(x)) * 2 <= rest or rest <= 200


def prose_resumes(feats: list[Features], start: int) -> bool:
    """Return True when plain sentences follow a run of short lines (a flattened table, a list)."""
    # Page furniture after a run of short lines carries cues (follow us, copyright, related)
    # or is more short lines; two plain sentences in a row after the run, before any short
    # line, are the article going on. Comment threads interleave short stamps with each
    # comment, so they never give two in a row.
    end = start
    while end < len(feats) and _is_run_line(feats[end]):
        end += 1
    plain = 0
    for f in feats[end:]:
        if _is_run_line(f):
            break
        if f.sentence and f.chars >= _PLAIN_MIN and not f.cues:
            plain += 1
            if plain >= 2:
                return True
    return False


def opens_comments(paras: list[str], i: int) -> bool:
    """Return True for a comments heading followed by comment metadata (dates, "Reply")."""
    # The heading alone is no evidence ("Comments" is also a section of a consultation);
    # a stamp or a "says:"/"Reply" line among the next paragraphs shows a thread.
    head = paras[i].strip()
    if len(head) > 40 or not COMMENT_HEADING.match(head):
        return False
    return any(
        len(p) <= 80 and COMMENT_META.search(p) for p in paras[i + 1 : i + 1 + _COMMENT_SCAN]
    )


def find_chrome_blocks(paras: list[str], feats: list[Features]) -> tuple[int, set[int]]:
    """Return where trailing chrome starts and the indices of inner related-list blocks."""
    # A related/recommended heading followed by short items and then more article prose is an
    # inline block (heading and items dropped); without prose after it, it starts the tail.
    total = sum(f.chars for f in feats) or 1
    seen = 0
    dropped: set[int] = set()
    for i, (para, f) in enumerate(zip(paras, feats, strict=True)):
        share = seen / total
        seen += f.chars
        if i in dropped:
            continue
        if share >= _TAIL_SHARE and opens_comments(paras, i):
            return i, dropped
        if "related" in f.cues and f.chars <= 24 and not f.sentence:
            nxt = next((j for j in range(i + 1, len(feats)) if _ends_block(feats[j])), None)
            prose_after = sum(1 for x in feats[i + 1 :] if _is_prose(x))
            if nxt is not None and prose_after >= 2 and nxt - i <= 12:
                dropped.update(range(i, nxt))
                continue
            if share >= _TAIL_SHARE and article_ended(feats, i):
                return i, dropped
        if (
            "forum" in f.cues
            and i > 0
            and sum(1 for x in feats[i + 1 : i + 7] if "forum" in x.cues) >= 2
        ):
            return i, dropped
        if share < _TAIL_SHARE:
            continue
        if END_MARKER.match(para.strip()):
            return i, dropped
        # A closing disclaimer paragraph (investment, reprint) with nothing of the article after.
        legal_close = "legal" in f.cues and (f.chars <= 120 or (f.hits >= 2 and f.chars <= 300))
        if legal_close and article_ended(feats, i):
            return i, dropped
        short_heading = (
            f.cues & {"legal", "related", "contact"} and f.chars <= 24 and not f.sentence
        )
        if short_heading and article_ended(feats, i):
            return i, dropped
        run = feats[i : i + _RUN]
        if len(run) == _RUN and all(_is_run_line(x) for x in run):
            rest = sum(x.chars for x in feats[i:])
            if (
                rest <= total * 0.25
                and article_ended(feats, i)
                and not _short_lines_body(feats[:i])
                and not prose_resumes(feats, i)
                and not repeats_card(paras, i)
            ):
                return _extend_back(feats, i), dropped
    return _trailing_headings(feats), dropped


def repeats_card(paras: list[str], i: int) -> bool:
    """Return True when paragraph i (digits aside) already stood _CARD_REPEATS times before."""
    key = _DIGITS.sub("0", paras[i].strip())
    return sum(1 for p in paras[:i] if _DIGITS.sub("0", p.strip()) == key) >= _CARD_REPEATS


def _trailing_headings(feats: list[Features]) -> int:
    """Return where a final run of >= 2 bare headings starts (boxes whose items were dropped)."""
    # "提到的股票 / 概念股 / 參考資料" at the very end, nothing under them: their lists were links.
    cut = len(feats)
    while cut > 0 and _is_run_line(feats[cut - 1]) and feats[cut - 1].chars <= _BARE_HEADING:
        cut -= 1
    if len(feats) - cut < 2 or _short_lines_body(feats[:cut]):
        return len(feats)
    total = sum(f.chars for f in feats) or 1
    return cut if sum(f.chars for f in feats[:cut]) >= _TAIL_SHARE * total else len(feats)


def find_foreign_inserts(paras: list[str]) -> set[int]:
    """Return paragraphs in CJK script on a page written in Latin script (summary widgets)."""
    # A Japanese or Chinese summary line on an English page; never the other way round
    # (Chinese articles quote English all the time). Most Latin-script pages have no CJK at
    # all, which a search finds out cheaply; a Latin-script page is mostly letters.
    text = "\n".join(paras)
    if not _CJK_CHAR.search(text):
        return set()
    latin = _count(_LATIN_CHAR, text)  # few on a CJK page: cheap there
    if latin * 2 < len(text) or _count(_CJK_CHAR, text) * 4 > latin:
        return set()
    out: set[int] = set()
    for i, para in enumerate(paras):
        cjk = _count(_CJK_CHAR, para)
        if cjk >= _FOREIGN_MIN and cjk >= _count(_LATIN_CHAR, para):
            out.add(i)
    return out


def _count(pattern: re.Pattern[str], text: str) -> int:
    return sum(map(len, pattern.findall(text)))


def find_menu_runs(paras: list[str], feats: list[Features]) -> set[int]:
    """Return indices of runs of >= 5 tiny lines (menus, tag clouds), wherever they stand."""
    out: set[int] = set()
    run: list[int] = []
    for i, (para, f) in enumerate(zip(paras, feats, strict=True)):
        tiny = f.chars <= _TINY and not f.sentence and not f.list_item and para[-1:] not in "：:"
        if tiny:
            run.append(i)
            continue
        if len(run) >= _MENU_RUN:
            out.update(run)
        run = []
    if len(run) >= _MENU_RUN:
        out.update(run)
    return out


def looks_like_title(para: str) -> bool:
    """Return True for a headline-like line: short, no final punctuation, no list marker."""
    stripped = para.strip()
    return (
        4 <= len(stripped) <= 60
        and stripped[-1] not in _TERMINAL
        and not LIST_ITEM.match(stripped)
        and "。" not in stripped
    )


def _short_lines_body(feats: list[Features]) -> bool:
    """Return True when the text is mostly short lines itself (a poem, lyrics, a list)."""
    # Then a run of short lines near the end is more of the same, not the page's furniture.
    short = sum(f.chars for f in feats if _is_run_line(f))
    return short * 2 >= sum(f.chars for f in feats)


def _extend_back(feats: list[Features], cut: int) -> int:
    floor = max(0, cut - _EXTEND_BACK)
    while cut > floor:
        f = feats[cut - 1]
        if f.list_item or f.chars > 80 or (f.sentence and "promo" not in f.cues):
            break
        cut -= 1
    return cut


def find_head_start(paras: list[str], feats: list[Features], title: str | None) -> int:
    """Return the index of the first body paragraph (skips title repeats and header crumbs)."""
    norm_title = _normalize(title) if title else ""
    for i, (para, f) in enumerate(zip(paras, feats, strict=True)):
        if i >= 8:
            return 0
        if norm_title and _normalize(para) == norm_title:
            continue
        if f.sentence or f.chars > 40 or f.list_item:
            return i
        if f.chars > 12 and not f.cues:
            return i
    return 0


def find_lead_notices(simple: list[str], feats: list[Features], start: int) -> set[int]:
    """Return the legal notices before the first prose paragraph (reprint, copyright)."""
    # "This copy is for your personal, non-commercial use only …" between the headline and
    # the article; never past the first 8 paragraphs.
    out: set[int] = set()
    for i in range(start, min(len(feats), start + 8)):
        f = feats[i]
        if "legal" in f.cues and f.chars <= 300 and NOTICE.search(simple[i]):
            out.add(i)
        elif _is_prose(f) and i > start:
            break
    return out


def _normalize(text: str) -> str:
    return "".join(_WORDS.findall(text)).lower()


def remove_chrome(paras: list[str], simple: list[str], title: str | None = None) -> list[str]:
    """Return the body paragraphs with chrome removed (paras and simple are aligned)."""
    feats = [measure(p, s) for p, s in zip(paras, simple, strict=True)]
    end, dropped = find_chrome_blocks(paras, feats)
    dropped |= find_menu_runs(paras, feats)
    dropped |= find_foreign_inserts(paras)
    shouted = [is_shouted_headline(p) for p in paras] + [False]
    start = find_head_start(paras[:end], feats[:end], title)
    dropped |= find_lead_notices(simple[:end], feats[:end], start)
    kept: list[str] = []
    norm_title = _normalize(title) if title else ""
    previous = ""
    for i in range(start, end):
        para, f = paras[i], feats[i]
        if i in dropped or is_line_chrome(para, simple[i], f):
            continue
        if shouted[i] and i > (start + end) // 2 and (shouted[i - 1] or shouted[i + 1]):
            continue
        if para == previous or (i < start + 3 and norm_title and _normalize(para) == norm_title):
            continue
        previous = para
        kept.append(para)
    return kept
