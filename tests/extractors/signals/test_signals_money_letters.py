"""A scale letter or word ends where no Latin letter follows, whatever script comes next."""

from __future__ import annotations

import pytest

from extractors.signals.money import parse_amounts


def values(text: str) -> list[tuple[float, str | None]]:
    return [(a.value, a.currency) for a in parse_amounts(text, region=None)]


@pytest.mark.parametrize(
    "text,expected",
    [
        # Digests write English scale letters straight before Chinese words.
        ("这家云服务商投入$4B打造AI算力平台。", [(4e9, "USD")]),
        ("该公司完成$222M融资。", [(2.22e8, "USD")]),
        ("部分投资者预计总额将达$514 billion的规模。", [(5.14e11, "USD")]),
        # What was read before stays read: a letter, a word, a space.
        ("The lab raised $6B last year.", [(6e9, "USD")]),
        ("It spends $80 billion a year.", [(8e10, "USD")]),
    ],
)
def test_a_scale_before_a_chinese_character_counts(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert values(text) == expected


def test_a_letter_that_starts_a_word_is_no_scale() -> None:
    # "$5 Bonds", "$3Mobile": the letter opens a word, so the number stands alone.
    assert values("Tickets cost $5 Bonds aside.") == [(5.0, "USD")]
    assert values("The $3Mobile plan.") == [(3.0, "USD")]


def test_a_scale_letter_needs_a_currency_mark() -> None:
    # Without one, "5B" is a model's size.
    assert values("这个5B参数的模型用于推理。") == []
