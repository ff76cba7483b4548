"""Chip words as AI context: chip money is AI money only on a page that names AI (chips for AI)."""

from __future__ import annotations

import pytest
from articlekit import make_article

from extractors.signals import detect_signals
from extractors.signals.actors import is_ai_actor, is_chip_actor
from extractors.signals.rules import has_ai_context, names_ai

# Own words on a public fact (a foundry's factory plan): chips in general, no AI word anywhere.
FAB = {
    "en": "TSMC said on Monday it will invest $100 billion in five more factories in Arizona over the "
    "next four years. The new plants will make semiconductors for phones, cars and industrial "
    "equipment. The company already runs one plant in Phoenix. Local officials welcomed the jobs.",
    "zh-Hans": "台积电周一表示，将在未来四年内投资1000亿美元在亚利桑那州新建五座工厂。"
    "新工厂将为手机、汽车和工业设备生产半导体。该公司已在凤凰城运营一座工厂。当地官员对新增就业表示欢迎。",
}
PLAIN_TITLE = {
    "en": "TSMC adds five Arizona factories",
    "zh-Hans": "台积电在亚利桑那州新建五座工厂",
}
AI_TITLE = {"en": "TSMC expands chipmaking for the AI boom", "zh-Hans": "台积电为人工智能热潮扩产"}
# The same plan when the page says what the chips are for.
FAB_FOR_AI = {
    "en": FAB["en"].replace("phones, cars and industrial equipment", "AI data centres"),
    "zh-Hans": FAB["zh-Hans"].replace("手机、汽车和工业设备", "人工智能数据中心"),
}
# Sentences that keep a later one out of the amount's reach.
FILLER = {
    "en": "The state will widen two roads near the site.",
    "zh-Hans": "州政府将拓宽工厂附近的两条道路。",
}
# A grant to an invented chip maker under a chip-subsidy law: chip words only.
GRANT = (
    "The Commerce Department said it will award $1.5 billion in grants to Northfield Semiconductor "
    "to expand a chip plant in upstate New York. The plant makes chips for cars and phones. "
    "The company will add about 1,500 jobs."
)


def _money(text: str, language: str, title: str) -> set[tuple[str, float | None]]:
    rows = detect_signals(make_article(text, language=language, title=title))
    spending = ("investment_capex", "government_ai_budget")
    return {(r.signal_type, r.amount_value) for r in rows if r.signal_type in spending}


def test_chip_words_are_ai_context_but_do_not_name_ai() -> None:
    for text in ("advanced semiconductors", "芯片出口", "a chip plant"):
        assert has_ai_context(text) and not names_ai(text)
    for text in ("AI chips", "人工智能芯片", "chips for data centers", "GPU clusters"):
        assert names_ai(text)


def test_foundries_are_chip_makers_and_accelerator_makers_are_ai_by_nature() -> None:
    assert is_chip_actor("TSMC") and is_ai_actor("TSMC")  # still AI context for the topic test
    assert not is_chip_actor("NVIDIA") and is_ai_actor("NVIDIA")
    assert not is_chip_actor("OpenAI")


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
def test_a_fab_plan_that_never_names_ai_is_not_ai_money(language: str) -> None:
    assert _money(FAB[language], language, PLAIN_TITLE[language]) == set()


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
def test_the_same_plan_under_a_title_about_ai_is_chips_for_ai(language: str) -> None:
    assert ("investment_capex", 100e9) in _money(FAB[language], language, AI_TITLE[language])


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
def test_the_same_plan_for_ai_data_centres_keeps_its_amount(language: str) -> None:
    assert ("investment_capex", 100e9) in _money(
        FAB_FOR_AI[language], language, PLAIN_TITLE[language]
    )


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
def test_the_same_plan_on_a_page_that_names_ai_further_on_keeps_its_amount(language: str) -> None:
    later = {
        "en": " Analysts expect demand from AI developers to fill the plants by 2030.",
        "zh-Hans": "分析人士预计，到2030年人工智能开发商的需求将填满这些工厂。",
    }
    text = FAB[language] + 3 * (" " + FILLER[language]) + later[language]
    assert ("investment_capex", 100e9) in _money(text, language, PLAIN_TITLE[language])


def test_a_chip_plant_grant_without_ai_gives_no_spending_row() -> None:
    assert _money(GRANT, "en", "Chip plant in New York wins federal grant") == set()
