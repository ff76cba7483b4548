"""A bracketed amount after a percentage restates a share of a total: never a signal amount."""

from __future__ import annotations

import pytest

from extractors.signals.classify import analyse


@pytest.mark.parametrize(
    "text",
    [
        "A full 40% ($50 billion) of last year's venture money went to AI start-ups.",
        "其中约三成，即30%（90亿美元）流向欧洲的AI初创企业。",
        "欧洲只占25%（120亿美元）。",
    ],
)
def test_a_share_restated_in_brackets_is_not_an_amount_item(text: str) -> None:
    assert analyse(text).amounts == []


def test_an_amount_followed_by_its_share_stays() -> None:
    items = analyse("The firm will invest $10 billion (about 9% of revenue) in AI chips.").amounts
    assert [a.amount.value for a in items] == [10e9]
