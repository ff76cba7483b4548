"""The tail cut's running totals answer every question as a rescan of the paragraphs would."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.chromeline import Features, ends_block, is_code_line, is_prose, is_run_line
from extractors.chrometail import find_chrome_blocks, is_notice
from extractors.tailsums import HEADLINE_CHARS, TailSums

# Lines that exercise every feature the totals read: short, long, sentences, list items,
# code, repeated items that differ only in their digits, notices.
LINES = [
    "Related",
    "Share",
    "item 12",
    "item 7",
    "- a list item",
    "x = run(y)",
    "Terms of use",
    "2025-01-31",
    "Copyright 2025 The Example Times. All rights reserved. Terms of use apply to this page.",
    "The ministry said on Monday it will fund research with new grants this year.",
    "A longer paragraph of the story goes on here, and it says what the officials announced "
    "about the programme, its budget and its timetable for the coming years.",
]


def features(line: str, n: int) -> Features:
    """Return a paragraph's features with the cue set varied by n (the totals read cues too)."""
    cues = [frozenset(), frozenset({"legal"}), frozenset({"related"}), frozenset({"promo"})][n % 4]
    return Features(
        chars=len(line),
        width=len(line),
        cues=cues,
        hits=n % 3,
        sentence=line.endswith("."),
        list_item=line.startswith("- "),
        date_only=line[:4].isdigit(),
    )


pages = st.lists(st.tuples(st.sampled_from(LINES), st.integers(0, 11)), max_size=40)


def build(page: list[tuple[str, int]]) -> tuple[list[str], list[Features]]:
    return [line for line, _ in page], [features(line, n) for line, n in page]


def prose_resumes_by_rescan(feats: list[Features], start: int) -> bool:
    end = start
    while end < len(feats) and is_run_line(feats[end]):
        end += 1
    plain = 0
    for f in feats[end:]:
        if is_run_line(f):
            break
        if f.sentence and f.width >= 40 and not f.cues:
            plain += 1
            if plain >= 2:
                return True
    return False


def cards_by_rescan(feats: list[Features], start: int) -> tuple[int, int]:
    i, cards = start, 0
    while i + 2 < len(feats):
        kicker, headline, summary = feats[i : i + 3]
        if not (
            is_run_line(kicker)
            and not headline.sentence
            and not headline.list_item
            and headline.chars <= HEADLINE_CHARS
            and ends_block(summary)
            and summary.chars <= 300
        ):
            break
        cards += 1
        i += 3
    return cards, i


@settings(max_examples=300, deadline=None)
@given(pages)
def test_every_total_equals_a_rescan_at_every_position(page: list[tuple[str, int]]) -> None:
    paras, feats = build(page)
    sums = TailSums(paras, feats, is_notice)
    n = len(feats)
    for i in range(n + 1):
        assert sums.chars_before(i) == sum(f.chars for f in feats[:i])
        assert sums.chars_from(i) == sum(f.chars for f in feats[i:])
        short = sum(f.chars for f in feats[:i] if is_run_line(f))
        assert sums.short_lines_before(i) == (short * 2 >= sum(f.chars for f in feats[:i]))
        kept = [f for f, t in zip(feats[i:], paras[i:], strict=True) if not is_notice(f, t)]
        assert sums.kept_after(i) == (
            sum(1 for f in kept if is_prose(f)),
            sum(f.chars for f in kept),
            sum(f.chars for f in kept if ends_block(f)),
        )
        assert sums.prose_from(i) == sum(1 for f in feats[i:] if is_prose(f))
        assert sums.next_block_end(i) == next(
            (j for j in range(i, n) if ends_block(feats[j])), None
        )
        assert sums.code_lines_from(i) == sum(1 for p in paras[i:] if is_code_line(p))
        assert sums.only_small_from(i) == all(f.chars <= 40 and not f.sentence for f in feats[i:])
    for i in range(n):
        assert sums.prose_resumes(i) == prose_resumes_by_rescan(feats, i)
        key = re.sub(r"\d+", "0", paras[i].strip())
        assert sums.same_before(i) == sum(
            1 for p in paras[:i] if re.sub(r"\d+", "0", p.strip()) == key
        )
        assert sums.cards_from(i) == cards_by_rescan(feats, i)


def test_a_long_tail_of_short_lines_is_cut_where_the_story_ends() -> None:
    story = [
        f"Paragraph {i} of the story says what the ministry will fund with the new grants, "
        "who will receive them and when the first calls open, officials said on Monday."
        for i in range(400)
    ]
    teasers = ["More", "Read next", "Share", "Follow us"] * 300
    paras = story + teasers
    feats = [features(p, 0) for p in paras]
    end, dropped = find_chrome_blocks(paras, feats, linked=lambda lines, start: True)
    assert end == len(story)
    assert not dropped
