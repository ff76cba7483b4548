"""Amounts written in standard news and digest forms are read at the value the text states."""

from __future__ import annotations

import pytest

from extractors.signals.money import parse_amounts


def values(text: str) -> list[tuple[float, str | None]]:
    return [(a.value, a.currency) for a in parse_amounts(text, region=None)]


@pytest.mark.parametrize(
    "text,expected",
    [
        # A scale word joined to the number by a hyphen (North American style).
        ("Ottawa unveiled a C$2.4-billion compute strategy.", [(2.4e9, "CAD")]),
        ("The state set up a $500-million fund for chips.", [(5e8, "USD")]),
        ("It earmarked €1.5-trillion over a decade.", [(1.5e12, "EUR")]),
        # Wire-service abbreviations.
        ("The group will spend $40 bln on data centres.", [(4e10, "USD")]),
        ("Grants of 300 mln yuan go to AI labs.", [(3e8, "CNY")]),
        ("A 2 trln yen package for semiconductors.", [(2e12, "JPY")]),
        # Thousands grouped by dots, two groups or more.
        ("The ministry granted €12.000.000 to the institute.", [(1.2e7, "EUR")]),
        ("A budget of $1.500.000.000 was approved.", [(1.5e9, "USD")]),
        # A scale letter or word ends where no Latin letter follows: digests write English scale
        # letters straight before Chinese words (mx55b).
        ("这家云服务商投入$4B打造AI算力平台。", [(4e9, "USD")]),
        ("该公司完成$222M融资。", [(2.22e8, "USD")]),
        ("部分投资者预计总额将达$514 billion的规模。", [(5.14e11, "USD")]),
        ("The lab raised $6B last year.", [(6e9, "USD")]),
    ],
)
def test_each_form_reads_the_stated_value(text: str, expected: list[tuple[float, str]]) -> None:
    assert values(text) == expected


def test_a_hyphenated_range_keeps_both_ends() -> None:
    (amount,) = parse_amounts("Estimates put it at $2-billion to $3-billion a year.", region=None)
    assert (amount.value, amount.high, amount.qualifier) == (2e9, 3e9, "range")


def test_forms_that_are_not_these_stay_as_they_were() -> None:
    assert values("$12.000 in fines") == [(12.0, "USD")]  # one dot: a decimal point
    assert values("See section 2.3.4 of the act.") == []  # no currency, no amount
    assert values("A range of $5-10 billion.") == [(5e9, "USD")]  # a range, not a hyphen scale


def test_a_letter_that_starts_a_word_is_no_scale() -> None:
    # "$5 Bonds", "$3Mobile": the letter opens a word, so the number stands alone.
    assert values("Tickets cost $5 Bonds aside.") == [(5.0, "USD")]
    assert values("The $3Mobile plan.") == [(3.0, "USD")]


def test_a_scale_letter_needs_a_currency_mark() -> None:
    # Without one, "5B" is a model's size.
    assert values("这个5B参数的模型用于推理。") == []
