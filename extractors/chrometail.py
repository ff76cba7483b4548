"""The tail cut: where an article ends and the page's trailing furniture (comments, related lists) starts."""

from __future__ import annotations

import re
from collections.abc import Callable

from extractors.chromeline import RELATED_HEADING, Features, is_code_line, is_prose, is_run_line
from extractors.cues import COMMENT_HEADING, COMMENT_META, END_MARKER, NOTICE
from extractors.tailsums import HEADLINE_CHARS, TailSums

_RUN = 4
_EXTEND_BACK = 8  # at most this many short promo lines joined to a tail cut
_COMMENT_SCAN = 6  # paragraphs after a comments heading searched for comment metadata
_BARE_HEADING = 12
_NOTICE = frozenset({"legal", "cookie"})
_NOTICE_CHARS = 150
_TAIL_SHARE = 0.3
_RELATED_ITEMS = 12
_CARDS = 3
# A run of short lines whose first line (digits aside) opened this many earlier runs is a
# post's card (number, member rank, post count) repeated before every post of a thread, not
# the page's furniture: a share bar is at most repeated once (above and below a story).
_CARD_REPEATS = 2
# What follows a run of short lines holds a program listing: this many code lines, and at least
# one line in _LISTING_SHARE (a notebook's cell outputs and keyword lines carry no code marks).
_LISTING_MIN = 3
_LISTING_SHARE = 5


def article_ended(sums: TailSums, cut: int) -> bool:
    """Return True when what follows a candidate cut reads as page furniture, not article."""
    # Evidence that the article ended there: at most one prose paragraph follows (a
    # disclaimer, a bio) and sentence lines are under half of what follows. A subheading such
    # as "Terms of Use" or a code listing inside an article is followed by more article.
    # Paragraphs that are notices themselves (legal, cookie cues: "未经书面许可…") are not
    # more article.
    prose, rest, ends = sums.kept_after(cut + 1)
    if prose > 1:
        return False
    return ends * 2 <= rest or rest <= 200


def is_notice(f: Features, text: str) -> bool:
    """Return True for a notice paragraph: legal or cookie cues, and short, or notice-worded."""
    # A long paragraph naming "terms of use" once is article text about them (a guide's
    # section on its licence): it is more article after a candidate cut, not a notice. A
    # reprint or rights notice ("for your personal, non-commercial use only") is one however
    # long.
    if not f.cues & _NOTICE:
        return False
    return f.hits >= 2 or f.chars <= _NOTICE_CHARS or bool(NOTICE.search(text))


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


def find_chrome_blocks(
    paras: list[str],
    feats: list[Features],
    replies: bool = False,
    linked: Callable[[list[str], int], bool] | None = None,
    listing: frozenset[int] = frozenset(),
) -> tuple[int, set[int]]:
    """Return where trailing chrome starts and the indices of inner related-list blocks."""
    # listing: the indices of lines of the page's code listings (<pre> blocks). A code line is
    # the author's text whatever it says ("end", "Related", four short lines): no cut starts
    # at one, and a run of short lines holding one is no furniture.
    # linked(paras, start): whether the lines from start stood among links on the page. A cut
    # found by a run of short lines with no cue is only made when they did: short lines in plain
    # text at the end are the article's own list (a programme, a price list, a spec sheet), not
    # a box of teasers or a menu.
    # A related/recommended heading followed by short items and then more article prose is an
    # inline block (heading and items dropped); without prose after it, it starts the tail.
    sums = TailSums(paras, feats, is_notice)
    total = sums.chars_from(0) or 1
    dropped: set[int] = set()
    # Replies under an article start where the first reply line ("Re: …", "3楼") stands; when
    # the replies there are no dense run, the page's posts are long ones: its content.
    # replies=True: the body is a discussion kept with its comment sections: no such cut.
    first_reply = (
        None
        if replies
        else next((i for i, f in enumerate(feats) if "forum" in f.cues and i > 0), None)
    )
    for i, (para, f) in enumerate(zip(paras, feats, strict=True)):
        share = sums.chars_before(i) / total
        if i in dropped or i in listing:
            continue
        if share >= _TAIL_SHARE and opens_comments(paras, i):
            return i, dropped
        if "related" in f.cues and f.chars <= RELATED_HEADING and not f.sentence:
            nxt = sums.next_block_end(i + 1)
            if nxt is not None and sums.prose_from(i + 1) >= 2 and nxt - i <= 12:
                dropped.update(range(i, nxt))
                continue
            if share >= _TAIL_SHARE and (article_ended(sums, i) or _only_items(feats, i + 1)):
                return i, dropped
        if i == first_reply and sum(1 for x in feats[i + 1 : i + 7] if "forum" in x.cues) >= 2:
            return i, dropped
        if share < _TAIL_SHARE:
            continue
        if END_MARKER.match(para.strip()):
            return i, dropped
        # A closing disclaimer paragraph (investment, reprint) with nothing of the article after.
        legal_close = "legal" in f.cues and (f.chars <= 120 or (f.hits >= 2 and f.chars <= 300))
        if legal_close and article_ended(sums, i):
            return i, dropped
        # An item in the middle of a list ("* 被人加微信…" among other items) is no heading.
        in_list = f.list_item and feats[i - 1].list_item and i + 1 < len(feats)
        limit = RELATED_HEADING if "related" in f.cues else 24
        short_heading = (
            f.cues & {"legal", "related", "contact"}
            and f.chars <= limit
            and not f.sentence
            and not (in_list and feats[i + 1].list_item)
        )
        if short_heading and article_ended(sums, i):
            return i, dropped
        if _card_run(sums, i):
            return i, dropped
        run = feats[i : i + _RUN]
        if (
            len(run) == _RUN
            and all(is_run_line(x) for x in run)
            and not listing.intersection(range(i, i + _RUN))
            and sums.chars_from(i) <= total * 0.25
            and article_ended(sums, i)
            and not sums.short_lines_before(i)
            and not sums.prose_resumes(i)
            and sums.same_before(i) < _CARD_REPEATS
            and not is_listing(paras[i : i + _RUN])
        ):
            start = _extend_back(feats, i)
            if not _listing_follows(sums, start) and (linked is None or linked(paras, start)):
                return _past_listing(start, listing), dropped
    return _past_listing(_trailing_headings(sums), listing), dropped


def _past_listing(end: int, listing: frozenset[int]) -> int:
    """Return end moved past the code lines it stands on (a cut never starts inside a listing)."""
    while end in listing:
        end += 1
    return end


def is_listing(lines: list[str]) -> bool:
    """Return True when most of a run of short lines are program code (a listing, not furniture)."""
    # A docs page's last section often ends with a code block: its lines are short and no
    # sentences, like a menu, but they carry code marks that page furniture never has.
    return 2 * sum(1 for line in lines if is_code_line(line)) > len(lines)


def _listing_follows(sums: TailSums, start: int) -> bool:
    """Return True when the lines a tail cut would drop hold a program listing (docs, not furniture)."""
    # A code block's lines need not all carry code marks ("dataset=d1,", "T: Clone,"): a run of
    # four of them reads as a menu. Page furniture has no code lines at all; _LISTING_MIN of them
    # making a _LISTING_SHARE-th of what the cut (extended back) drops show a docs section.
    code = sums.code_lines_from(start)
    return code >= _LISTING_MIN and code * _LISTING_SHARE >= sums.n - start


def _card_run(sums: TailSums, start: int) -> bool:
    """Return True when teaser cards (kicker, headline, one-sentence summary) run to the end."""
    # News pages close with cards for other stories: a short kicker line, a headline (no
    # final stop) and a summary sentence each. _CARDS or more in a row, and nothing else after
    # them but a few short lines (a pager), are the page's teaser list; an article's
    # subheadings stand alone over their paragraphs.
    cards, after = sums.cards_from(start)
    return cards >= _CARDS and sums.only_small_from(after)


def _only_items(feats: list[Features], start: int) -> bool:
    """Return True when what follows start is a few list items of headline length (linked stories)."""
    # Headlines under a related heading often end with a full stop, so they read as sentences
    # to article_ended; a list of them and nothing else is the related list itself.
    return 0 < len(feats) - start <= _RELATED_ITEMS and all(
        x.list_item and x.chars <= HEADLINE_CHARS for x in feats[start:]
    )


def _trailing_headings(sums: TailSums) -> int:
    """Return where a final run of >= 2 bare headings starts (boxes whose items were dropped)."""
    # "提到的股票 / 概念股 / 參考資料" at the very end, nothing under them: their lists were links.
    # Short code lines ("}", "run(x)") closing a listing are no headings. A page mostly of short
    # lines itself (a poem, lyrics, a list) ends with more of the same, no furniture.
    feats, paras = sums.feats, sums.paras
    cut = len(feats)
    while (
        cut > 0
        and is_run_line(feats[cut - 1])
        and feats[cut - 1].chars <= _BARE_HEADING
        and not is_code_line(paras[cut - 1])
    ):
        cut -= 1
    if len(feats) - cut < 2 or sums.short_lines_before(cut):
        return len(feats)
    total = sums.chars_from(0) or 1
    return cut if sums.chars_before(cut) >= _TAIL_SHARE * total else len(feats)


def _extend_back(feats: list[Features], cut: int) -> int:
    floor = max(0, cut - _EXTEND_BACK)
    while cut > floor:
        f = feats[cut - 1]
        if f.list_item or f.chars > 80 or (f.sentence and "promo" not in f.cues):
            break
        cut -= 1
    return cut


# "监制：安涛" / "实习：廖琴、郭晓龙": a short label, a colon and a few names, no sentence end.
_CREDIT_LINE = re.compile(r"^[\u3400-\u9fff]{2,5}\s*[:：]\s*[^。！？!?\s][^。！？!?]{0,40}$")


def find_credit_blocks(paras: list[str], feats: list[Features]) -> set[int]:
    """Return the lines of credit blocks: label-and-names lines run together with an editor line."""
    # An editor or source credit ("编辑：X", "来源：Y") is chrome on its own; the lines of the
    # same shape it stands among ("监制：", "实习：", "校对：") are the rest of the staff box.
    out: set[int] = set()
    i = 0
    while i < len(paras):
        j = i
        while j < len(paras) and _CREDIT_LINE.match(paras[j].strip()):
            j += 1
        if j - i >= 2 and any("editor" in feats[k].cues for k in range(i, j)):
            out.update(range(i, j))
        i = max(j, i + 1)
    return out


# What may close a post after its last paragraph: the writer's name on its own ("Jane Doe",
# a transliterated "布莱恩·贝克尔") or an author/date label line ("本文作者：X", "Posted on: …").
_SIGNED_NAME = re.compile(
    r"^(?:[-—–~]\s*)?(?:[A-Z][a-z'’.-]+(?:\s+[A-Z][a-z'’-]*\.?){1,2}"
    r"|[\u3400-\u9fff]{1,6}[·•‧・][\u3400-\u9fff]{1,8})$"
)
_SIGNED_LABEL = re.compile(
    r"^(?:本文)?(?:作者|撰文|翻译|译者|发布日期|发布时间|发表日期|發布日期|發表日期|写于|寫於)\s*[:：]"
    r"|^(?:written by|posted by|author|posted on|published on)\s*:",
    re.IGNORECASE,
)
_SIGN_OFF_CHARS = 40


def find_sign_off(paras: list[str], feats: list[Features]) -> set[int]:
    """Return the trailing lines that sign a post off: a bare name, an author or date label."""
    out: set[int] = set()
    i = len(paras) - 1
    while i > 0 and feats[i].chars <= _SIGN_OFF_CHARS:
        line = paras[i].strip()
        if not (_SIGNED_NAME.match(line) or _SIGNED_LABEL.match(line)):
            break
        out.add(i)
        i -= 1
    return out if any(is_prose(f) for f in feats[: i + 1]) else set()


# A postscript opens with its marker ("P.S.", "PS:", "P.P.S.", "附言：", "又及："): in a saved post
# it is the writer's aside after the sign-off (forward this issue, a plug, a question to readers).
_POSTSCRIPT = re.compile(r"^\s*[*_]*(?:P\.\s?P\.\s?S\.|P\.\s?S\.|P?PS[.:：]|(?:附言|又及)[:：])")
_POSTSCRIPT_WINDOW = 3


def find_postscript(paras: list[str], feats: list[Features]) -> set[int]:
    """Return a postscript among the last three paragraphs and what follows it, after prose."""
    for i in range(max(1, len(paras) - _POSTSCRIPT_WINDOW), len(paras)):
        if _POSTSCRIPT.match(paras[i]):
            return set(range(i, len(paras))) if any(map(is_prose, feats[:i])) else set()
    return set()
