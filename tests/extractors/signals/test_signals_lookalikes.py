"""Look-alike negatives: a company's results, products or a non-AI rule yield no signal rows."""

from __future__ import annotations

import pytest
from articlekit import make_article

from extractors.signals import detect_signals

# Own words, written for this test (not in the training data): a cloud company's quarterly results
# with its chief executive's line about AI infrastructure. The sentence model read the quote as a
# policy statement and the gate kept it before the twelfth round's hard negatives.
CLOUD_RESULTS = (
    "这家云计算公司发布二季度财报，营收同比增长31%，达到420亿元。\n\n"
    "首席执行官在电话会上表示：“我们专注于为每一家企业提供云和人工智能基础设施。”\n\n"
    "公司本季度推出了新一代智能客服产品，并在办公软件中加入AI写作功能。\n\n"
    "财报发布后，公司股价盘后上涨6%。"
)
SOFTWARE_RESULTS = (
    "The software group reported quarterly revenue of $71 billion, up 15%, as its cloud unit grew "
    "35%.\n\n"
    '"We are building the AI infrastructure and agents that let every organisation achieve more," '
    "the chief executive said in a statement.\n\n"
    "Its gaming revenue fell 8% and devices revenue dropped for a fourth quarter.\n\n"
    "The company added AI drafting tools to its spreadsheet and slide apps."
)
ROUTER_RULE = (
    "The federal communications regulator said it would no longer authorise new foreign-made home "
    "routers and cameras, citing national security.\n\n"
    "Devices already approved can still receive software updates until 2028.\n\n"
    "Retailers said prices of some models would rise."
)
PHONE_RESULTS = (
    "The phone maker's quarterly sales rose 20% to $95 billion, its best March quarter.\n\n"
    "It plans to release a more personal voice assistant powered by a partner's AI model this "
    "autumn.\n\n"
    "The company also launched a cheaper laptop and a new tablet."
)
AI_ORDER = (
    "The president signed an executive order on Monday directing federal agencies to test advanced "
    "AI models for security risks before they are deployed in government.\n\n"
    "The order gives the Commerce Department 90 days to publish testing standards.\n\n"
    "Agencies must report their AI use to the White House each year."
)
DATACENTRE_PAUSE = (
    "州议会周二通过法案，暂停审批新建大型人工智能数据中心一年。\n\n"
    "法案要求环保部门评估数据中心的用电、用水和土地影响。\n\n"
    "州长表示将签署该法案。"
)


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        ("云计算公司二季度营收增长三成", CLOUD_RESULTS, "zh-Hans"),
        ("Software group's results beat forecasts", SOFTWARE_RESULTS, "en"),
        ("Telecom regulator stops approving foreign-made routers", ROUTER_RULE, "en"),
        ("Phone maker's sales jump; new assistant due in autumn", PHONE_RESULTS, "en"),
    ],
)
def test_look_alike_negative_has_no_rows(title: str, text: str, language: str) -> None:
    hans = text if language == "zh-Hans" else None
    article = make_article(text, title=title, language=language, text_hans=hans)
    assert detect_signals(article) == []


@pytest.mark.parametrize(
    ("title", "text", "language", "signal_type"),
    [
        ("White House orders tests of AI models", AI_ORDER, "en", "executive_action"),
        ("州议会通过数据中心暂停令", DATACENTRE_PAUSE, "zh-Hans", "legislation_regulation"),
    ],
)
def test_ai_policy_article_keeps_its_rows(
    title: str, text: str, language: str, signal_type: str
) -> None:
    hans = text if language == "zh-Hans" else None
    article = make_article(text, title=title, language=language, text_hans=hans)
    assert signal_type in {r.signal_type for r in detect_signals(article)}
