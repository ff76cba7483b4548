"""Amounts listed side by side, each with its own purpose: the non-AI items (own wording)."""

from __future__ import annotations

import pytest
from articlekit import make_article
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.signals import detect_signals, money_items, parse_amounts
from extractors.signals.money_items import _SEPARATOR, _Items, is_non_ai_item
from extractors.signals.records import Amount

BUDGET_EN = (
    "The ministry's budget sets aside $2 billion for artificial intelligence research, "
    "$5 billion for highways and $1 billion for rural hospitals."
)
BUDGET_ZH = (
    "市政府今年安排20亿元用于人工智能产业发展，安排50亿元用于农村公路建设，安排30亿元用于医疗卫生。"
)
PROGRAMME_EN = (
    "The plan includes $3 billion in government funding for AI compute, alongside $1 billion "
    "in contributions from universities and $500 million from charities."
)


def _items(text: str) -> list[bool]:
    """Return, per parsed amount, whether it is a non-AI item of its (one-sentence) text."""
    amounts = parse_amounts(text)
    return [is_non_ai_item(text, a, 0, len(text), amounts) for a in amounts]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (BUDGET_EN, [False, True, True]),
        (BUDGET_ZH, [False, True, True]),
        (
            "2025年预算安排人工智能发展资金20亿元，用于道路建设50亿元，用于医疗卫生30亿元。",
            [False, True, True],
        ),
        (PROGRAMME_EN, [False, True, True]),
    ],
)
def test_an_item_with_its_own_non_ai_purpose_beside_an_ai_item(text: str, want: list[bool]) -> None:
    """Each item's own purpose or source decides, not the sentence's AI words."""
    assert _items(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "The bloc will mobilise 150 billion euros for AI, including a 15 billion-euro fund for factories.",
        "Tencent will invest 10 billion yuan in AI chips, and Alibaba 20 billion yuan.",
        "Microsoft will spend $80 billion on AI data centres, with $40 billion in the US and $40 billion abroad.",
        "国家安排100亿元支持人工智能发展，其中30亿元用于人才培养。",
        "The city spends $5 billion on roads and $1 billion on schools.",
    ],
)
def test_components_shared_purposes_and_lists_without_ai_are_no_items(text: str) -> None:
    """A component of the total, an item naming no purpose, a list with no AI item: kept."""
    assert not any(_items(text))


@pytest.mark.parametrize(("text", "value"), [(BUDGET_ZH, 5e9), (PROGRAMME_EN, 1e9)])
def test_no_row_carries_a_non_ai_item(text: str, value: float) -> None:
    """The AI item keeps its row; the items beside it carry none."""
    values = {r.amount_value for r in detect_signals(make_article(text))}
    assert value not in values
    assert values & {2e9, 3e9}


def _item(text: str, amount: Amount, lo: int, hi: int) -> tuple[int, int]:
    """Return an amount's list item by scanning the sentence up to it and on from it (the
    reference: what the items were before one scan served every amount)."""
    start = lo
    for m in _SEPARATOR.finditer(text, lo, amount.start):
        start = m.end()
    after = _SEPARATOR.search(text, amount.end, hi)
    return start, after.start() if after is not None else hi


PIECES = (
    *(
        "，",
        ",",
        "；",
        "、",
        " and ",
        " alongside ",
        " plus ",
        "以及",
        "另有",
        "和",
        " with another ",
    ),
    *("1亿元", "$5 billion", "1,000元", "3000万美元", "€2bn", "20亿元", "5元"),
    *(" for AI research", "用于人工智能", " for roads", "用于公路", " from charities", " ", "x"),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40), st.integers(0, 6))
def test_items_read_off_one_scan_equal_a_scan_per_amount(pieces: list[str], cut: int) -> None:
    text = "".join(pieces)
    amounts = parse_amounts(text)
    lo, hi = min(cut, len(text)), len(text)
    items = _Items(text, lo, hi)
    for amount in amounts:
        if lo <= amount.start:
            assert items.of(amount) == _item(text, amount, lo, hi)


def test_a_table_of_amounts_is_scanned_once() -> None:
    text = "，".join(f"{n}元用于公路" for n in range(1, 400)) + "，10亿元用于人工智能"
    amounts = parse_amounts(text)
    scans = []
    real = money_items._SEPARATOR

    class Counting:
        def finditer(self, *args: object) -> object:
            scans.append(args)
            return real.finditer(*args)  # type: ignore[arg-type]

        def search(self, *args: object) -> object:
            scans.append(args)
            return real.search(*args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(money_items, "_SEPARATOR", Counting())
        assert is_non_ai_item(text, amounts[0], 0, len(text), amounts)
    assert len(scans) <= 3  # one scan of the sentence serves every amount's item
