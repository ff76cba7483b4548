"""Chrome removal: a paragraph classifier using position, length, runs, lists and cue phrases."""

from __future__ import annotations

import re
from collections.abc import Callable

from extractors.chromeline import (
    BRACKETS_ONLY,
    SUBJECT_CUES,
    WORDS,
    Features,
    chrome_by_bare_url,
    chrome_by_boiler_cue,
    chrome_by_subject_cue,
    is_code_line,
    is_keyword_spam,
    is_line_chrome,
    is_prose,
    is_shouted_headline,
    measure_all,
)
from extractors.chrometail import (
    find_chrome_blocks,
    find_credit_blocks,
    find_postscript,
    find_sign_off,
)
from extractors.cues import NOTICE
from extractors.edgechrome import trim_edge_chrome

_TINY = 8
# Lines that only a contact, legal or cookie cue makes chrome are the page's subject when they
# hold at least this share of the text the line rules judge (a contact page, an imprint): on the
# dev instruments a reporter's sign-off or a tip line holds at most 0.04 of its page (news, blogs,
# docs, forums), a contact or imprint page's addresses 0.13-0.39 (docs/quality.md, cs37). One
# such line is a sign-off or a notice however short its page: a page about contact lists several.
SUBJECT_SHARE = 0.1
_SUBJECT_LINES = 2
_CELL_JOIN = " | "
_GRID_ROWS = 3  # consecutive table rows that make a grid, whatever their cells hold
_MENU_RUN = 5
_LABEL_WORDS = 4  # the longest entry of the dev pages' section menus ("CFX: Chargers Xtra")
_FOREIGN_MIN = 10
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
_LATIN_CHAR = re.compile(r"[A-Za-z]+")
# Six words in a row separated by spaces (commas allowed): a sentence, not a code line. Words
# are read from their first letter (the look-behind): a search started inside a long run of
# letters would walk the rest of it again from every letter.
_LATIN_PROSE = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,}(?:,?\s[A-Za-z'’-]+){5}")
# A sentence end after a word ("… the result. Next"); a folded code block ("# Enable dark mode
# defaults write -g …") has the six words of a comment but no sentence end.
_LATIN_STOP = re.compile(r"(?<![a-z])[a-z]{2,}[.!?][\"'’”)]?(?:\s|$)")


def find_foreign_inserts(paras: list[str]) -> set[int]:
    """Return paragraphs in CJK script on a page written in Latin script (summary widgets)."""
    # A Japanese or Chinese summary line on an English page; never the other way round
    # (Chinese articles quote English all the time). Most Latin-script pages have no CJK at
    # all, which a search finds out cheaply; a Latin-script page is mostly letters.
    # Only Latin prose counts: a Chinese tutorial whose code lines hold most of its letters is
    # not written in Latin script.
    text = "\n".join(paras)
    if not _CJK_CHAR.search(text):
        return set()
    prose = (p for p in paras if _LATIN_PROSE.search(p) and _LATIN_STOP.search(p))
    latin = _count(_LATIN_CHAR, "\n".join(prose))
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


def find_head_menu(paras: list[str], feats: list[Features]) -> set[int]:
    """Return the run of >= 5 label lines that opens the text (a section menu), if one does."""
    # A label: a few words, no sentence end, no list item ("High School Football", "Kerala |").
    # Words are not counted in scripts written without spaces: a CJK line is never a label (a
    # Chinese notice opens with its title's short lines). The text is never dropped whole.
    run = labels = 0
    for para, f in zip(paras, feats, strict=True):
        if not WORDS.search(para):  # a separator between entries ("--", "|", "•"), no label
            run += 1
            continue
        if f.sentence or f.list_item or len(para.split()) > _LABEL_WORDS or _CJK_CHAR.search(para):
            break
        run += 1
        labels += 1
    return set(range(run)) if labels >= _MENU_RUN and run < len(paras) else set()


def find_head_start(
    paras: list[str],
    feats: list[Features],
    title: str | None,
    sections: frozenset[str] = frozenset(),
) -> int:
    """Return the index of the first body paragraph (skips title repeats and header crumbs)."""
    # sections: the page's h2-h6 texts. Header crumbs stand above the title heading; a short
    # line after it that the markup shows as a section heading ("Overview" under a docs
    # page's h1) opens the body.
    norm_title = _normalize(title) if title else ""
    titled = False
    for i, (para, f) in enumerate(zip(paras, feats, strict=True)):
        if i >= 8:
            return 0
        if norm_title and _normalize(para) == norm_title:
            titled = True
            continue
        # A section heading opens the body under the title; without the title, when a sentence
        # follows it and another section heading comes later (the first of the body's sections,
        # not a kicker over the story nor a widget's heading over its short lines).
        if _section_key(para) in sections and (
            titled
            or (
                i + 1 < len(feats)
                and feats[i + 1].sentence
                and any(_section_key(p) in sections for p in paras[i + 1 :])
            )
        ):
            return i
        if f.sentence or f.chars > 40 or f.list_item:
            return i
        if f.chars > 12 and not f.cues:
            return i
        # A salutation ("Hello,", "Hi all,") with a sentence after it opens a post or a
        # letter: the body starts there. Header crumbs do not end in a comma.
        if para.rstrip().endswith((",", "，")) and i + 1 < len(feats) and feats[i + 1].sentence:
            return i
    return 0


def _section_key(para: str) -> str:
    """Return a line as the page's section-heading texts hold it (a permalink mark left out)."""
    return " ".join(para.rstrip("¶§#").split())


def find_lead_notices(simple: list[str], feats: list[Features], start: int) -> set[int]:
    """Return the legal notices before the first prose paragraph (reprint, copyright)."""
    # "This copy is for your personal, non-commercial use only …" between the headline and
    # the article; never past the first 8 paragraphs.
    out: set[int] = set()
    for i in range(start, min(len(feats), start + 8)):
        f = feats[i]
        if "legal" in f.cues and f.chars <= 300 and NOTICE.search(simple[i]):
            out.add(i)
        elif is_prose(f) and i > start:
            break
    return out


def find_table_rows(paras: list[str]) -> set[int]:
    """Return rows of data tables that read like chrome: a row next to a data row with as many
    cells (not a menu), and a grid's rows of short words or of figures only."""
    # Table rows come as cells joined by " | " (layouttables.split_table_rows). A header or a
    # row of short words reads like a |-separated menu; beside it, a row with the same number
    # of cells that is no menu (figures, long cells) shows the table. A menu is one line: rows
    # upon rows are a table even when every cell is a short word or a figure.
    cells = [p.count(_CELL_JOIN) + 1 if _CELL_JOIN in p else 0 for p in paras]
    data = [n > 0 and not is_keyword_spam(p.strip()) for n, p in zip(cells, paras, strict=True)]
    out: set[int] = set()
    run: list[int] = []
    for i, n in enumerate([*cells, 0]):
        if n:
            run.append(i)
            continue
        if len(run) >= _GRID_ROWS:  # the rows a line rule could take: menu-like or figures only
            out.update(j for j in run if not data[j] or not WORDS.search(paras[j]))
        run = []
    for i, n in enumerate(cells):
        if n == 0 or data[i]:
            continue
        if any(0 <= j < len(paras) and cells[j] == n and data[j] for j in (i - 1, i + 1)):
            out.add(i)
    return out


def in_listing(paras: list[str], i: int) -> bool:
    """Return True for a line of a code listing: code, its closing bracket or output, by code."""
    # A code line can look like a breadcrumb ("fn map<F>(&self) -> Self", "\"a\": \"/b/c/\",")
    # or hold a cue word ("Selector(text='Click here')", "prepare_cookies(jar)"); page
    # furniture never stands in a run of code lines. Arrows in non-ASCII breadcrumbs
    # ("首页--> 频道-->") read as code marks: a listing's lines are ASCII.
    # An interactive session's lines are code by their prompt (">>> x", "... y", "....: 1"),
    # and a line without letters next to a prompt line ("307") is that session's output; next
    # to other code it may be a sidebar's version number ("0.41.0" by "In crate::").
    # A bracket-only line ("}", "});") closes the code next to it, whatever that code's script.
    para = paras[i]
    near = [paras[j] for j in (i - 1, i + 1) if 0 <= j < len(paras)]
    if BRACKETS_ONLY.match(para):
        return any(is_code_line(p) or _PROMPT.match(p) is not None for p in near)
    if para.isascii() and not WORDS.search(para):
        return any(_PROMPT.match(p) is not None for p in near)
    return _is_ascii_code(para) and any(_is_ascii_code(p) for p in near)


# A Python or IPython prompt opening a line that holds more: ">>> x", "... x", "....: x".
_PROMPT = re.compile(r"^\s*(?:>>>|\.{3,4}:?)\s+\S")


def _is_ascii_code(para: str) -> bool:
    return para.isascii() and (is_code_line(para) or _PROMPT.match(para) is not None)


def drop_title_heading(kept: list[str], title: str | None) -> list[str]:
    """Return kept without the paragraphs equal to the title among its first three."""
    norm_title = _normalize(title) if title else ""
    if not norm_title:
        return kept
    return [p for i, p in enumerate(kept) if i >= 3 or _normalize(p) != norm_title]


def _normalize(text: str) -> str:
    return "".join(WORDS.findall(text)).lower()


def remove_chrome(
    paras: list[str],
    simple: list[str],
    title: str | None = None,
    tail: bool = True,
    head: bool = True,
    keep_title: bool = False,
    replies: bool = False,
    sections: frozenset[str] = frozenset(),
    headings: frozenset[str] = frozenset(),
    linked: Callable[[list[str], int], bool] | None = None,
    listing: frozenset[int] = frozenset(),
    in_flow: Callable[[str], bool] | None = None,
) -> list[str]:
    """Return the body paragraphs with chrome removed (paras and simple are aligned)."""
    # keep_title: a heading equal to the title stays (the first one); crumbs around it go.
    # tail=False: the text ends with what must stay (a thread's last reply), no tail cut.
    # head=False: the text opens with what must stay (a thread's first post), no head skip.
    feats = measure_all(paras, simple)
    # replies=True: the text is a discussion whose replies are content (reply lines cut nothing).
    # sections: the page's section-heading texts (find_head_start).
    # linked(paras, start): whether the lines from start stood among links (find_chrome_blocks).
    # listing: indices of lines of the page's code listings: no rule drops one (the tail cut and
    # the head skip still cut around them).
    # in_flow(line): whether a line is a paragraph among the story's own prose paragraphs on the
    # page; such a line is kept when only a boiler cue, or being a bare web address, made it line
    # chrome (is_cue_text).
    end, dropped = find_chrome_blocks(paras, feats, replies, linked, listing)
    end = end if tail else len(paras)
    dropped |= find_menu_runs(paras, feats) | find_head_menu(paras, feats)
    dropped |= find_foreign_inserts(paras)
    dropped |= find_credit_blocks(paras, feats)
    if tail:
        dropped |= find_sign_off(paras[:end], feats[:end])
        dropped |= find_postscript(paras[:end], feats[:end])
    shouted = [is_shouted_headline(p) for p in paras] + [False]
    start = find_head_start(paras[:end], feats[:end], title, sections) if head else 0
    dropped |= find_lead_notices(simple[:end], feats[:end], start)
    dropped -= listing
    rows = find_table_rows(paras) if any(_CELL_JOIN in p for p in paras) else set()
    judged = [i for i in range(start, end) if i not in dropped]
    subject = page_subject_lines(paras, simple, feats, judged, rows)
    kept: list[str] = []
    kept_simple: list[str] = []
    norm_title = _normalize(title) if title else ""
    previous = ""
    titled = False  # the title heading is in kept
    # The title heading the head skip passed over, put back in front when it is kept.
    heading = [i for i in range(start) if _normalize(paras[i]) == norm_title][:1]
    for i in [*heading, *range(start, end)] if keep_title and norm_title else range(start, end):
        para = paras[i]
        code = i in listing
        if i in dropped or (
            i not in subject
            and line_rule(
                paras, simple, feats, i, code, rows, shouted, start, end, in_flow, headings
            )
        ):
            continue
        repeat = i < start + 3 and norm_title and _normalize(para) == norm_title
        if (para == previous and not code) or (repeat and (not keep_title or titled)):
            continue
        titled = titled or bool(repeat) or i < start
        previous = para
        kept.append(para)
        kept_simple.append(simple[i])
    if not tail:
        return trim_edge_chrome(kept, kept_simple, head=head, tail=tail)
    # A section heading left last has nothing under it: what it headed was furniture (a
    # sign-up box whose form notice went, a "Share this" row, comments) and it goes too; and
    # it no longer hides the closing lines above it from the edge model.
    drop_orphan_headings(kept, kept_simple, headings)
    trimmed = trim_edge_chrome(kept, kept_simple, head=head, tail=tail)
    return drop_orphan_headings(trimmed, trimmed, headings)


def page_subject_lines(
    paras: list[str], simple: list[str], feats: list[Features], judged: list[int], rows: set[int]
) -> set[int]:
    """Return the lines only a subject cue makes chrome, when they hold a large share of the text."""
    # Most pages hold fewer than two lines with such a cue at all: no line is judged twice then.
    marked = [i for i in judged if feats[i].cues & SUBJECT_CUES]
    if len(marked) < _SUBJECT_LINES:
        return set()
    cued = [i for i in marked if chrome_by_subject_cue(paras[i], simple[i], feats[i], i in rows)]
    if len(cued) < _SUBJECT_LINES:
        return set()
    total = sum(feats[i].chars for i in judged)
    return set(cued) if sum(feats[i].chars for i in cued) >= SUBJECT_SHARE * total else set()


def line_rule(
    paras: list[str],
    simple: list[str],
    feats: list[Features],
    i: int,
    code: bool,
    rows: set[int],
    shouted: list[bool],
    start: int,
    end: int,
    in_flow: Callable[[str], bool] | None,
    headings: frozenset[str] = frozenset(),
) -> str | None:
    """Return the line rule that drops paragraph i ("line_chrome", "shouted"), or None."""
    # headings: the page's section-heading texts; a year or release heading has no words, yet
    # the page says it heads what follows (a publication list's years, a changelog's releases).
    para, f = paras[i], feats[i]
    if code:
        return None
    if (
        is_line_chrome(para, simple[i], f, i in rows)
        and not in_listing(paras, i)
        and not is_cue_text(para, simple[i], f, i in rows, in_flow)
        and not is_figure_heading(para, headings)
    ):
        return "line_chrome"
    if shouted[i] and i > (start + end) // 2 and (shouted[i - 1] or shouted[i + 1]):
        return "shouted"
    return None


def is_figure_heading(para: str, headings: frozenset[str]) -> bool:
    """Return True for a section heading made of figures: a year, a release ("2023", "1.3")."""
    return (
        any(c.isdigit() for c in para) and not WORDS.search(para) and _section_key(para) in headings
    )


def is_cue_text(
    para: str, simple: str, f: Features, row: bool, in_flow: Callable[[str], bool] | None
) -> bool:
    """Return True for a boiler-cued line or a web address (a citation) the page sets among the
    story's paragraphs."""
    if in_flow is None:
        return False
    cued = chrome_by_boiler_cue(para, simple, f, row) or chrome_by_bare_url(para, f)
    return cued and in_flow(para)


def drop_orphan_headings(
    kept: list[str], kept_simple: list[str], headings: frozenset[str]
) -> list[str]:
    """Drop (in place) the section headings that end the text with nothing under them."""
    # Only while more text than the heading is left: a text that is one heading stays as it is.
    while len(kept) > 2 and " ".join(kept[-1].split()) in headings:
        kept.pop()
        if kept_simple is not kept:
            kept_simple.pop()
    return kept
