"""Finding measure mentions and their kinds in Simplified match text."""

from __future__ import annotations

import pytest

from extractors.measures import find_mentions, find_pairs, key_of


def names(text: str) -> list[tuple[str, str, str]]:
    return [(m.name, m.lang, m.kind) for m in find_mentions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国务院印发《新一代人工智能发展规划》。", ("新一代人工智能发展规划", "zh", "plan")),
        (
            "《生成式人工智能服务管理暂行办法》自8月15日起施行",
            ("生成式人工智能服务管理暂行办法", "zh", "rule"),
        ),
        ("国科会公布「人工智能基本法」草案", ("人工智能基本法", "zh", "law")),
        ("将140家企业列入“实体清单”", ("实体清单", "zh", "sanctions_listing")),
        ("The CHIPS and Science Act set aside money.", ("CHIPS and Science Act", "en", "law")),
        (
            "It rescinded the Framework for Artificial Intelligence Diffusion.",
            ("Framework for Artificial Intelligence Diffusion", "en", "guideline"),
        ),
        (
            "Trump signed Executive Order 14179 on Thursday.",
            ("Executive Order 14179", "en", "executive_order"),
        ),
        ("特朗普签署第14179号行政令", ("第14179号行政令", "zh", "executive_order")),
    ],
)
def test_finds_titles_with_their_kind(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "据《华尔街日报》报道，该公司股价上涨。",  # a newspaper, not an instrument
        "电影《哪吒2》票房破纪录。",
        "他称这是“客户识别计划”的一部分。",  # quotes mark a phrase, 计划 alone is too weak there
        "The Executive Order was mentioned.",  # a generic head is no name
        "The White House said so.",
    ],
)
def test_ignores_titles_that_name_no_instrument(text: str) -> None:
    assert names(text) == []


def test_draft_marker_is_left_out_of_the_name() -> None:
    (mention,) = find_mentions("《人工智能法（草案）》提请审议")
    assert mention.name == "人工智能法"
    assert mention.draft


def test_bilingual_pair_in_brackets() -> None:
    text = "白宫发布《人工智能安全法》（AI Safety Act），并征求意见。"
    mentions = find_mentions(text)
    ((zh, en),) = find_pairs(text, mentions)
    assert (zh.lang, en.lang) == ("zh", "en")
    assert key_of(zh) == "zh:人工智能安全法" and key_of(en) == "en:ai safety act"


def test_executive_order_numbers_share_a_key_in_both_languages() -> None:
    en = find_mentions("Executive Order No. 14110 was revoked.")
    zh = find_mentions("第14110号行政命令被撤销")
    assert key_of(en[0]) == key_of(zh[0]) == "eo:14110"


def test_quoted_order_title_carries_its_date() -> None:
    (mention,) = find_mentions(
        'The Executive order of October 30, 2023, "Safe, Secure, and Trustworthy Development '
        'and Use of Artificial Intelligence", directs agencies.'
    )
    assert mention.kind == "executive_order"
    assert mention.dated == "October 30, 2023"
    assert mention.name.startswith("Safe, Secure")
