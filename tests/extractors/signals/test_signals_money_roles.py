"""The role of an amount: a change between levels, a valuation, a financing deal (own wording)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from extractors.signals import parse_amounts
from extractors.signals.classify import analyse
from extractors.signals.features import amount_features
from extractors.signals.money_roles import is_financing, is_signal_amount, is_valuation
from extractors.signals.records import ActorHit
from extractors.signals.rules import amount_rules

ROOT = Path(__file__).resolve().parents[3]


def _values(text: str) -> list[tuple[float, float | None]]:
    """Return (value, high) of every amount parsed in a text."""
    return [(a.value, a.high) for a in parse_amounts(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The ministry raised the fund from $4 billion to $6 billion.", [(4e9, None), (6e9, None)]),
        ("Capex went up by $5 billion to $30 billion.", [(5e9, None), (30e9, None)]),
        ("from €30 to €50 billion", [(30e9, None), (50e9, None)]),
        ("Pledges ranging from $1 billion to $3 billion.", [(1e9, 3e9)]),
        ("anywhere from $1 billion to $2 billion", [(1e9, 2e9)]),
        ("a budget of $60 billion to $65 billion", [(60e9, 65e9)]),
        ("600亿至650亿美元", [(60e9, 65e9)]),
    ],
)
def test_from_or_by_x_to_y_is_a_change_not_a_range(
    text: str, want: list[tuple[float, float | None]]
) -> None:
    """'from X to Y' and 'by X to Y' are two levels (or a change and a level); other 'X to Y' a range."""
    assert _values(text) == want


@pytest.mark.parametrize(
    ("text", "valuations"),
    [
        ("The lab raised $2 billion at a $20 billion post-money valuation.", [False, True]),
        ("It raised $6 billion, valuing the lab at $60 billion.", [False, True]),
        ("The developer was valued at $9 billion after the round.", [True]),
        ("a valuation of about $40 billion", [True]),
        ("a $20 billion valuation", [True]),
        ("The start-up closed a $3B round at a $40B+ valuation.", [False, True]),
        ("该公司完成20亿美元融资，投后估值达到200亿美元。", [False, True]),
        ("這家新創以50億美元估值完成募資。", [True]),
        ("估值在15亿美金左右", [True]),
        ("The acquisition, valued at $1.4 billion, closes next year.", [False]),
        ("The firm will invest $10 billion in valuable chip plants.", [False]),
    ],
)
def test_valuations_are_recognised_on_either_side(text: str, valuations: list[bool]) -> None:
    """A valuation is named right before (valued at, 估值为) or right after (X valuation, X估值)."""
    analysis = analyse(text)
    mt = analysis.prep.mt.text
    assert [is_valuation(mt, a) for a in analysis.prep.amounts] == valuations


def test_a_valuation_or_an_english_change_carries_no_signal() -> None:
    """Valuations and 'by $X' changes never become amount items; the round and the level do."""
    analysis = analyse(
        "The lab raised $2 billion at a $20 billion valuation. "
        "The ministry increased its AI budget by $1 billion to $8 billion."
    )
    assert sorted(item.amount.value for item in analysis.amounts) == [2e9, 8e9]
    mt = analysis.prep.mt.text
    first = analysis.prep.amounts[0]
    assert is_signal_amount(mt, first, 0, [])


def test_financing_feature_needs_a_named_actor() -> None:
    """A round, loan or acquisition of a named actor is 'financing'; an aggregate statistic is not."""
    text = "Acme raised $2 billion. AI start-ups raised $40 billion last year."
    amounts = parse_amounts(text)
    assert [is_financing(text, a) for a in amounts] == [True, True]
    acme = ActorHit("Acme", "company", "US", 0, 4)
    named = amount_rules(text, amounts[0], acme, text[:23], [], True)
    aggregate = amount_rules(text, amounts[1], None, text[24:], [], True)
    assert "financing" in named
    assert "financing" not in aggregate


def test_background_word_after_an_amount_is_a_feature() -> None:
    """'X in revenue' and 'X post-money' name the amount from its right: the n:bgR feature."""
    from extractors.signals.features import _BUCKET_OF

    text = "Its run-rate revenue is $14 billion and it spent $3 billion in revenue-sharing deals."
    plain = "It will spend $3 billion on new data centers."
    bg = _BUCKET_OF["n:bgR"]
    amounts = parse_amounts(text)
    rows = [amount_features(text, a, 0, len(text), None, []) for a in amounts]
    assert bg not in rows[0].buckets
    assert bg in rows[1].buckets
    (other,) = parse_amounts(plain)
    assert bg not in amount_features(plain, other, 0, len(plain), None, []).buckets


def test_examples_take_per_amount_labels_and_money_only_rows() -> None:
    """An example's `amounts` label each amount by value; `types: null` leaves the type head alone."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from signal_data import _example_money

    ex = {"money": None, "amounts": [[2e9, "signal"], [20e9, "not_signal"]]}
    assert [_example_money(v, ex, -1) for v in (2e9, 20e9, 5e9)] == [1, 0, -1]
    assert _example_money(5e9, {"money": "signal"}, 1) == 1


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        # A breakdown of the total's own money: the part is no new commitment.
        ("国家安排100亿元支持人工智能发展，其中30亿元用于人才培养。", 10e9, 3e9),
        ("微软计划投资800亿美元建设数据中心，其中微软将在美国投资400亿美元。", 80e9, 40e9),
        (
            "The fund will invest $10 billion in AI, of which $2 billion goes to chip design.",
            10e9,
            2e9,
        ),
        (
            "The company will invest $80 billion in AI, of which $40 billion will be invested "
            "in the United States.",
            80e9,
            40e9,
        ),
        (
            "Microsoft will invest $80 billion in data centres, of which Microsoft invests "
            "$40 billion in the US.",
            80e9,
            40e9,
        ),
    ],
)
def test_a_breakdown_of_a_total_is_no_amount_item(text: str, kept: float, dropped: float) -> None:
    """A part after 其中 / of which, with no other actor's own step, stays out of the money head."""
    values = [item.amount.value for item in analyse(text).amounts]
    assert kept in values
    assert dropped not in values


@pytest.mark.parametrize(
    ("text", "total", "part"),
    [
        (
            "2024年全球人工智能初创企业融资总额达1000亿美元，其中OpenAI完成66亿美元融资。",
            100e9,
            6.6e9,
        ),
        (
            "AI start-ups raised $100 billion last year, of which OpenAI raised $6.6 billion.",
            100e9,
            6.6e9,
        ),
        ("多家企业去年共投入500亿美元建设算力，其中，Anthropic投资了80亿美元。", 50e9, 8e9),
    ],
)
def test_a_named_actors_own_deal_inside_a_total_is_an_amount_item(
    text: str, total: float, part: float
) -> None:
    """A part that names another actor taking its own step (a round, an investment) is its money."""
    values = [item.amount.value for item in analyse(text).amounts]
    assert total in values
    assert part in values
