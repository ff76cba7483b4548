"""What an amount measures, read from its head noun: never a commitment (own wording, en and zh)."""

from __future__ import annotations

import pytest
from articlekit import make_article

from extractors.signals import detect_signals, parse_amounts
from extractors.signals.classify import load_model
from extractors.signals.detect import propose
from extractors.signals.money_roles import non_commitment_role


def _roles(text: str) -> list[str | None]:
    """Return the role of every amount parsed in a text."""
    amounts = parse_amounts(text)
    return [
        non_commitment_role(text, a, previous=amounts[n - 1] if n else None)
        for n, a in enumerate(amounts)
    ]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The cloud unit reported revenues of $30 billion, up 20 percent.", "revenue"),
        ("Its AI business reached $12 billion in annualized revenue.", "revenue"),
        ("该公司人工智能业务的营收达到130亿美元。", "revenue"),
        ("去年该公司净亏损为25亿元。", "revenue"),
        ("The agentic AI sector could be worth as much as $200 billion.", "market_size"),
        ("Vendors hope to capture a $300 billion market for AI services.", "market_size"),
        ("They chase the $400 billion opportunity in AI infrastructure.", "market_size"),
        ("到2030年中国人工智能产业规模将达到1.5万亿元。", "market_size"),
        ("公司希望抢占5000亿元的算力市场。", "market_size"),
        ("Generative AI could add $4 trillion to the global economy.", "economic_effect"),
        ("该计划将带动GDP增加5000亿元。", "economic_effect"),
        ("全年出口预计达到8000亿美元。", "economic_effect"),
        ("The fund's stake is now worth $8 billion.", "valuation"),
        ("该公司市值达到3.3万亿美元。", "valuation"),
        ("The chipmaker sells the board at $2,000 per unit.", "price"),
        ("The stock purchase comes at $23 a share.", "price"),
        ("该显卡售价为2.5万元。", "price"),
        ("The lab said its language model cost about $6 million to train.", "cost"),
        ("Fine-tuning the chatbot costs about $300 on rented GPUs.", "cost"),
        ("The AI lab burns $1B/month on compute.", "price"),
        ("Each coding agent seat runs $40 per month.", "price"),
        ("The AI unit posted $4.5 billion in operating losses this quarter.", "revenue"),
        ("Regulators may impose fines of up to $500,000 per violation.", "fine"),
        ("违者将被处以最高50万元的罚款。", "fine"),
        (
            "A judge approved the chatbot maker's $2 billion settlement with news publishers.",
            "fine",
        ),
        ("The robotics firm agreed to pay $40 million to settle the patent case.", "fine"),
        ("The settlement of $1.2 billion ends the authors' suit against the lab.", "fine"),
        ("The court awarded the photographers $12 million in damages.", "fine"),
        ("The jury set damages of $75 million against the chip designer.", "fine"),
        ("双方以8亿元达成和解。", "fine"),
        ("这家算法公司以3亿美元与音乐版权方达成和解。", "fine"),
        ("法院判令被告支付2000万元的赔偿。", "fine"),
        ("该公司须支付的赔偿金约为5000万元。", "fine"),
        ("The holding group booked a $3.1 billion gain on its stake in the AI lab.", "revenue"),
        ("Its venture arm reported gains of $900 million for the quarter.", "revenue"),
        ("这家集团本季度录得投资收益约为40亿元。", "revenue"),
        ("Speakers come from Mistral, the $14 billion French AI unicorn.", "valuation"),
        ("She founded a $2 billion robotics startup in 2021.", "valuation"),
        ("这家公司已成为一家估值20亿美元的独角兽。", "valuation"),
        ("They target an addressable market (SAM) exceeding $80 billion.", "market_size"),
        ("Analysts say the inference chip market could surpass $150 billion.", "market_size"),
    ],
)
def test_an_amount_measuring_a_non_commitment_noun_has_that_role(text: str, role: str) -> None:
    """The noun the amount measures, right before or right after it, names its role."""
    assert _roles(text) == [role]


@pytest.mark.parametrize(
    "text",
    [
        "Amazon plans to invest $200 billion in AI this year.",
        "腾讯今年的资本开支将达到1000亿元。",
        "OpenAI ordered GPUs worth $10 billion from Nvidia.",
        "The government set up a $1 billion AI industry fund.",
        "The company will invest $5 billion in the Chinese market.",
        "In its earnings call Meta said capex would be $65 billion.",
        "Nvidia bought Intel shares worth $5 billion.",
        "公司投资100亿元开拓AI市场。",
        "政府拨款20亿元支持AI市场主体发展。",
        "A $1 billion public sector AI programme starts next year.",
        "The national supercomputer will cost an estimated $600 million.",
        "The AI campus is expected to cost $10 billion.",
        "The ministry will invest $2 billion a year in AI compute.",
        "After it settled its old loans, the startup raised $300 million for AI chips.",
        "The settlement fund's owner will invest $2 billion in AI data centres.",
        "The chipmaker chose to settle in Ohio for its $20 billion AI chip plant.",
        "The cloud firm sold $25 billion of bonds to pay for AI data centres.",
        "The chipmaker bought $2 billion worth of Intel stock.",
        "The group will invest $3 billion in the startup over five years.",
        "Microsoft will invest $10 billion the company said on Monday.",
        "The state set up a $500 million startup fund for AI.",
        "The lab gains $6 billion in new funding for AI chips.",
    ],
)
def test_spending_amounts_have_no_role(text: str) -> None:
    """Spending, orders and funds keep no role, also beside market or revenue words."""
    assert _roles(text) == [None]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("A pricing study used to cost $5K-$15K from a consultant.", ["cost", "cost"]),
        ("The two boards are priced at $300 and $350.", ["price", "price"]),
        ("Amazon invested $4 billion and Google $2 billion in the AI lab.", [None, None]),
    ],
)
def test_an_amount_joined_to_the_one_before_shares_its_role(
    text: str, roles: list[str | None]
) -> None:
    """ "X-Y", "X and Y", "X or Y": the second amount measures the first one's head noun."""
    assert _roles(text) == roles


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Training the frontier AI model cost the lab roughly $80 million in compute.", 8e7),
        ("Meta's AI hardware unit posted $4.5 billion in operating losses this quarter.", 4.5e9),
        (
            "Cloud providers could capture a $300 billion market by investing in new AI data centres.",
            3e11,
        ),
        (
            "The AI lab's stake in the chip venture is now worth $8 billion after the investment.",
            8e9,
        ),
        ("政府表示，人工智能行动计划将带动GDP增加5000亿元。", 5e11),
        (
            "The AI lab will pay $1.5 billion in a settlement with authors over AI training data.",
            1.5e9,
        ),
        ("A jury ordered the AI chip designer to pay $300 million in damages to a rival.", 3e8),
        ("美国联邦法院批准这家人工智能公司以15亿美元与作者达成和解。", 1.5e9),
        ("SoftBank recorded a $6 billion gain on the value of its AI investments.", 6e9),
        (
            "Executives from Cohere, the $7 billion Canadian AI unicorn, spoke at the AI summit.",
            7e9,
        ),
        ("The AI coding market (TAM) exceeding $40 billion draws new investment.", 4e10),
        ("The AI chip market could surpass $150 billion as firms invest in AI.", 1.5e11),
    ],
)
def test_the_money_decision_refuses_an_amount_with_a_role(text: str, value: float) -> None:
    """The money head reads these as commitments (>= its threshold); no row carries them."""
    model = load_model()
    proposal = propose(make_article(text), model)
    assert proposal is not None
    at = [i for i, a in enumerate(proposal.analysis.amounts) if a.amount.value == value]
    assert at and proposal.money_probs[at[0]] >= model.money_threshold
    assert any(c.amount is not None and c.amount.value == value for c, _ in proposal.candidates)
    rows = detect_signals(make_article(text))
    assert all(r.amount_value != value for r in rows)
