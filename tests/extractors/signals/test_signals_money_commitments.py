"""A round, a raise or a signed deal named beside an amount is a commitment (own wording, en, zh)."""

from __future__ import annotations

import pytest
from articlekit import make_article

from extractors.signals import detect_signals, parse_amounts
from extractors.signals.classify import load_model
from extractors.signals.detect import propose
from extractors.signals.money_commitments import is_round, is_signed_deal, names_commitment


def _rounds(text: str) -> list[bool]:
    """Return, for every amount parsed in a text, whether it is a funding round's."""
    return [is_round(text, a) for a in parse_amounts(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The robotics start-up Velo raised $12 million in Series A funding.",
        "Kestrel Labs closed a $4 million seed round this week.",
        "Veyra has raised €3 million Seed for its scheduling assistant.",
        "The lab announced a Series C round of $80 million.",
        "Orbit raised $2 million in pre-seed funding from two angels.",
        "星衡科技完成1.5亿元B轮融资。",
        "该公司获得天使轮融资3000万元。",
    ],
)
def test_an_amount_beside_a_named_round_is_a_round(text: str) -> None:
    """The round's name right after the amount, or right before it, makes it a round."""
    assert _rounds(text) == [True]


@pytest.mark.parametrize(
    ("text", "rounds"),
    [
        ("AI start-ups raised $50 billion in funding rounds last year.", [False]),
        ("The start-up raised $100 million in a round at a $1 billion valuation.", [False, False]),
        ("Its Series B round valued at $3 billion drew new investors.", [False]),
        ("The government will invest $2 billion in AI chips.", [False]),
        ("新一轮投资计划规模达到500亿元。", [False]),
    ],
)
def test_statistics_valuations_and_plain_spending_are_not_rounds(
    text: str, rounds: list[bool]
) -> None:
    """Rounds in the plural, a company's price and spending without a round are not read."""
    assert _rounds(text) == rounds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The chip designer is raising $2 billion in fresh debt to build AI servers.", [True]),
        ("The start-up secured $15 million in new funding.", [True]),
        ("The firm has $3 billion in debt.", [False]),
        ("The lab raised $1 billion from two investors.", [False]),
    ],
)
def test_a_raise_in_funding_or_debt_is_read_as_a_round(text: str, expected: list[bool]) -> None:
    """A raise verb before the amount and funding or debt after it; a balance is no raise."""
    assert _rounds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The AI lab signed a $30 billion cloud contract with a chip start-up.", [True]),
        ("Retailer agrees $12bn deal with chip designer for AI servers", [True]),
        ("Cloud firm inks $9bn deal with AI chip start-up", [True]),
        ("这家AI公司与云服务商签署了800亿美元合同。", [True]),
        ("双方签订了一份价值30亿元的算力采购协议。", [True]),
        ("The cloud unit won a $10 billion defence contract.", [False]),
        ("The two sides signed the agreement, worth $5 billion.", [False]),
        ("The company signed up $2 billion of new customers.", [False]),
    ],
)
def test_a_deal_the_actor_signs_is_read(text: str, expected: list[bool]) -> None:
    """A signing verb right before the amount and a deal noun right after it."""
    assert [is_signed_deal(text, a) for a in parse_amounts(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The company announced $5 billion in revenue.",
        "It announced a $2 billion AI fund.",
        "The plant, announced last year, will cost $3 billion.",
    ],
)
def test_an_announcement_alone_names_no_commitment(text: str) -> None:
    """An announcing verb beside an amount is no round, raise or signed deal."""
    assert [names_commitment(text, a) for a in parse_amounts(text)] == [False]


# (text, the commitment's value, an amount of the text that stays out)
_BELOW_THRESHOLD = [
    (
        "Kestrel Labs, a start-up building AI agents for accountants, announced a $5 million"
        " seed round.",
        5e6,
        None,
    ),
    (
        "Quillon, an AI start-up for legal research, today announced the close of a $7.5"
        " million seed round, bringing total funds raised to $9 million.",
        7.5e6,
        9e6,  # the running total: below the threshold, no round named beside it
    ),
    (
        "The data-centre operator said yesterday that it is raising $4 billion in fresh debt"
        " to pay for its AI campus deal with a chipmaker.",
        4e9,
        None,
    ),
    (
        "Retailer agrees $12bn deal with chip designer for AI servers despite bubble worries",
        12e9,
        None,
    ),
    ("这家AI公司还与云服务商签署了800亿美元合同，并推出新的编程智能体。", 8e10, None),
]


@pytest.mark.parametrize(("text", "value", "left_out"), _BELOW_THRESHOLD)
def test_a_named_commitment_below_the_money_threshold_gives_a_row(
    text: str, value: float, left_out: float | None
) -> None:
    """The money head doubts these; the round, raise or deal beside the amount decides."""
    model = load_model()
    proposal = propose(make_article(text), model)
    assert proposal is not None
    probs = {
        a.amount.value: p
        for a, p in zip(proposal.analysis.amounts, proposal.money_probs, strict=True)
    }
    assert probs[value] < model.money_threshold
    values = [r.amount_value for r in detect_signals(make_article(text))]
    assert value in values
    assert left_out is None or left_out not in values
