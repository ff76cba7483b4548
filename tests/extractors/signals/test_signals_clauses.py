"""The clause of an amount and the money head's clause block (own wording)."""

from __future__ import annotations

import pytest

from extractors.signals import parse_amounts
from extractors.signals.clauses import clause_span
from extractors.signals.features import _BUCKET_OF, amount_features
from extractors.signals.gram_hash import hash_rows


def _clauses(text: str) -> list[str]:
    """Return the clause of every amount parsed in a text."""
    out = []
    for a in parse_amounts(text):
        lo, hi = clause_span(text, a.start, a.end, 0, len(text))
        out.append(text[lo:hi].strip())
    return out


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Global venture funding hit $95 billion in the quarter, while the lab raised $6 billion.",
            ["Global venture funding hit $95 billion in the quarter", "the lab raised $6 billion."],
        ),
        (
            "Analysts expect the market to reach $1,500 billion by 2030, but the firm will invest "
            "$4 billion in chips.",
            [
                "Analysts expect the market to reach $1,500 billion by 2030",
                "the firm will invest $4 billion in chips.",
            ],
        ),
        (
            "上半年全球人工智能融资总额达800亿美元，其中该公司完成12亿美元融资。",
            ["上半年全球人工智能融资总额达800亿美元", "该公司完成12亿美元融资"],
        ),
        (
            "券商预计明年行业投入将达3000亿元；该集团宣布投资200亿元建设算力中心。",
            ["券商预计明年行业投入将达3000亿元", "该集团宣布投资200亿元建设算力中心"],
        ),
        (
            "The agency will spend $2.5 billion on a national AI research cloud.",
            ["The agency will spend $2.5 billion on a national AI research cloud."],
        ),
    ],
)
def test_an_amount_s_clause_ends_at_clause_punctuation_and_joining_words(
    text: str, want: list[str]
) -> None:
    """Clause punctuation (not a thousands comma) and words that join clauses bound a clause."""
    assert _clauses(text) == want


def test_a_clause_stays_inside_its_sentence_bounds() -> None:
    """The clause never leaves the sentence span it is given, and always holds the amount."""
    text = "First sentence here. The ministry will fund $3 billion of AI chips"
    (amount,) = parse_amounts(text)
    lo, hi = clause_span(text, amount.start, amount.end, 21, len(text))
    assert (lo, hi) == (21, len(text))
    assert lo <= amount.start < amount.end <= hi


def _clause_grams(text: str, index: int) -> set[int]:
    """Return the clause-block n-gram buckets of one amount's feature row."""
    amount = parse_amounts(text)[index]
    row = amount_features(text, amount, 0, len(text), None, [])
    (buckets,) = hash_rows([row], text)
    words = {_BUCKET_OF["C:w" + w] for w in ("venture", "funding", "lab", "raised")}
    return {int(b) for b in buckets} & words


def test_the_clause_block_holds_the_amount_s_own_clause_words_only() -> None:
    """A market total's words reach its own amount's clause block, not the round's beside it."""
    text = "Global venture funding hit $95 billion in the quarter, while the lab raised $6 billion."
    total, round_ = _clause_grams(text, 0), _clause_grams(text, 1)
    assert total == {_BUCKET_OF["C:w" + w] for w in ("venture", "funding")}
    assert round_ == {_BUCKET_OF["C:w" + w] for w in ("lab", "raised")}


def test_clause_flags_mark_a_whole_sentence_clause_and_background_words() -> None:
    """c:whole when the clause is the sentence; c:bg only for a background word in the clause."""
    text = "The startup's revenue was $2 billion, and it raised $500 million from investors."
    revenue, raised = parse_amounts(text)
    row_rev = amount_features(text, revenue, 0, len(text), None, []).buckets
    row_raised = amount_features(text, raised, 0, len(text), None, []).buckets
    assert _BUCKET_OF["c:bg"] in row_rev
    assert _BUCKET_OF["c:bg"] not in row_raised
    assert _BUCKET_OF["c:fin"] in row_raised
    assert _BUCKET_OF["c:part"] in row_raised
    plain = "The agency will spend $2.5 billion on a national AI research cloud."
    (amount,) = parse_amounts(plain)
    assert _BUCKET_OF["c:whole"] in amount_features(plain, amount, 0, len(plain), None, []).buckets
