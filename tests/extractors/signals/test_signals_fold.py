"""The lower-cased background-word search finds exactly what the IGNORECASE pattern finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.signals.features import (
    _AMOUNT_BACKGROUND,
    _BACKGROUND,
    _FOLD_EXCEPTIONS,
    AMOUNT_BACKGROUND_WORDS,
    BACKGROUND_WORDS,
    _literals,
    has_amount_background_word,
    has_background_word,
)

EVERY_CHARACTER = "".join(map(chr, range(0x110000)))  # lone surrogates included: str holds them
# the amount words hold the sentence words and more: their characters cover both searches
PATTERN_CHARS = sorted(set(re.sub(r"\(\?:|[()|]", "", _AMOUNT_BACKGROUND)))


def test_ignorecase_matches_a_pattern_character_iff_lower_gives_it() -> None:
    either = re.compile("[" + "".join(map(re.escape, PATTERN_CHARS)) + "]", re.IGNORECASE)
    near = {m.group() for m in either.finditer(EVERY_CHARACTER)}
    near |= {c for c in EVERY_CHARACTER if c.lower() in PATTERN_CHARS}
    odd = set()
    for c in near:
        same = [y for y in PATTERN_CHARS if re.fullmatch(re.escape(y), c, re.IGNORECASE)]
        if same != [c.lower()]:
            odd.add(c)
    assert odd == {c for c in near if _FOLD_EXCEPTIONS.match(c)} == {"\u017f", "\u0130", "\u0131"}


def test_lower_keeps_the_length_of_every_character_but_dotted_capital_i() -> None:
    assert [c for c in EVERY_CHARACTER if len(c.lower()) != 1] == ["\u0130"]


FOLD_TEXTS = st.lists(
    st.sampled_from(
        [
            *("Sales", "SALES", "ſales", "Market Size", "market  size", " Fined", " FINES"),
            *(" a fine", "PENALTY", "Estımate", "ESTİMATE", "\u212aeep", "营收", "估值", "赔偿"),
            *("数据显示", "Valuing", "POST-MONEY", "Run-Rate", "Price Target", "目标价", "每股"),
            *"aAeEsSıİſ \u212a.,。人工智能0123",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(FOLD_TEXTS, st.integers(0, 80), st.integers(0, 120))
def test_background_search_on_the_lower_case_text_finds_the_same(
    text: str, lo: int, hi: int
) -> None:
    assert has_background_word(text, lo, hi) == (BACKGROUND_WORDS.search(text, lo, hi) is not None)


@settings(max_examples=500, deadline=None)
@given(FOLD_TEXTS, st.integers(0, 80), st.integers(0, 120))
def test_amount_background_search_on_the_lower_case_text_finds_the_same(
    text: str, lo: int, hi: int
) -> None:
    found = AMOUNT_BACKGROUND_WORDS.search(text, lo, hi) is not None
    assert has_amount_background_word(text, lo, hi) == found


def test_a_new_text_is_not_searched_in_the_last_ones_lower_case() -> None:
    assert has_background_word("Revenue rose", 0, 12)
    assert not has_background_word("Nothing here", 0, 12)
    assert has_background_word("ESTİMATE ſales", 0, 14)  # exceptions: the IGNORECASE pattern


def test_the_trie_searches_hold_the_literals_of_the_alternations() -> None:
    for alternatives in (_BACKGROUND, _AMOUNT_BACKGROUND):
        words = _literals(alternatives)
        assert len(words) == len(set(words))
        assert all(re.fullmatch(alternatives, w) for w in words)
        # a group of n alternatives inside a word gives n literals
        groups = re.findall(r"\(\?:([^()]*)\)", alternatives)
        top = re.sub(r"\(\?:[^()]*\)", "", alternatives).count("|") + 1
        assert len(words) == top + sum(g.count("|") for g in groups)
    assert {"market cap", "market size", " a fine"} <= set(_literals(_BACKGROUND))
