"""Per-type evidence beyond the sentence probability: AI money in reach, public matter in a company's statement."""

from __future__ import annotations

import numpy as np
import pytest
from articlekit import make_article

from extractors.signals import detect_signals
from extractors.signals.records import ActorHit
from extractors.signals.requirements import statement_is_public

# Own words, invented companies. A salad-delivery round; AI is named only three sentences later.
NON_AI_ROUND = (
    "绿野餐饮是一家为写字楼配送沙拉的初创公司，公司宣布完成1200万美元A轮融资，由港湾资本领投。"
    "公司表示，这笔资金将用于新建两个中央厨房并招聘配送员。创始人此前在连锁超市工作。"
    "公司称，自去年春天以来订单翻了一番。客户按月付费订购工作日午餐。"
    "另外，创始人表示很欣赏人工智能正在改变其他行业。"
)
# The same round for an AI-chip start-up, and one whose money goes to an AI system.
AI_ROUND = (
    "深思芯片是一家设计人工智能推理芯片的初创公司，公司宣布完成1200万美元A轮融资，由港湾资本领投。"
    "公司表示，这笔资金将用于扩充研发团队。"
)
AI_PURPOSE_ROUND = (
    "绿野餐饮是一家为写字楼配送沙拉的初创公司。公司此前获得种子轮投资。创始人此前在连锁超市工作。"
    "公司宣布完成1200万美元A轮融资，由港湾资本领投，资金将用于部署人工智能排产系统。"
)
# A chief executive on sales and hiring, and the same voice on public measures.
CEO_ON_BUSINESS = {
    "zh-Hans": "微软周二公布季度营收增长。微软首席执行官萨提亚·纳德拉表示：“客户购买我们云和人工智能产品"
    "的数量创下新高，我们正在扩充销售团队以满足需求。”财报发布后股价上涨百分之四。",
    "en": 'Microsoft reported higher quarterly sales on Tuesday. "Our customers are buying more of our '
    'cloud and AI products than ever, and we are growing our sales teams to meet demand," said Satya '
    "Nadella, Microsoft's chief executive. Shares rose four percent after the results.",
}
CEO_ON_POLICY = {
    "zh-Hans": "微软周二公布季度营收增长。微软首席执行官萨提亚·纳德拉表示：“政府应尽快出台人工智能监管规则，"
    "并对高风险模型实施出口管制。”财报发布后股价上涨百分之四。",
    "en": 'Microsoft reported higher quarterly sales on Tuesday. "Congress should pass a federal AI safety '
    "law and tighten export controls on advanced chips,\" said Satya Nadella, Microsoft's chief "
    "executive. Shares rose four percent after the results.",
}


def _types(text: str, language: str = "zh-Hans") -> list[tuple[str, float | None]]:
    return [
        (r.signal_type, r.amount_value)
        for r in detect_signals(make_article(text, language=language))
    ]


def test_a_round_with_no_ai_in_reach_gives_no_spending_row() -> None:
    assert not [t for t in _types(NON_AI_ROUND) if t[0] == "investment_capex"]


@pytest.mark.parametrize("text", [AI_ROUND, AI_PURPOSE_ROUND])
def test_a_round_for_ai_keeps_its_amount(text: str) -> None:
    assert ("investment_capex", 12e6) in _types(text)


@pytest.mark.parametrize("language", ["zh-Hans", "en"])
def test_an_executive_on_sales_is_not_a_policy_statement(language: str) -> None:
    assert "policy_statement" not in {t for t, _ in _types(CEO_ON_BUSINESS[language], language)}


@pytest.mark.parametrize("language", ["zh-Hans", "en"])
def test_an_executive_on_public_measures_is_still_a_policy_statement(language: str) -> None:
    assert "policy_statement" in {t for t, _ in _types(CEO_ON_POLICY[language], language)}


# Who speaks (seventeenth round): the requirement read directly, with a sentence that touches nothing
# public (every government-side probability 0.01) and one that does (export control 0.5).
TYPES = ("policy_statement", "export_control", "model_release")
QUIET = np.array([0.9, 0.01, 0.01])
PUBLIC = np.array([0.9, 0.5, 0.01])
CHIEF = ActorHit("Sundar Pichai", "person", "US", 0, 3)
OFFICIAL = ActorHit("Gina Raimondo", "person", "US", 0, 3)


def test_an_executive_named_alone_speaks_for_the_company() -> None:
    assert not statement_is_public(QUIET, TYPES, [CHIEF], CHIEF, "皮查伊表示，业务全面增长。")
    assert statement_is_public(PUBLIC, TYPES, [CHIEF], CHIEF, "皮查伊表示，出口管制伤害了行业。")


@pytest.mark.parametrize(
    "sentence",
    ["该公司首席执行官表示，今年要做艰难的取舍。", "Its CEO said hard choices lie ahead."],
)
def test_a_speaker_named_by_an_executive_title_is_a_company_voice(sentence: str) -> None:
    assert not statement_is_public(QUIET, TYPES, [], None, sentence)
    assert statement_is_public(PUBLIC, TYPES, [], None, sentence)


def test_an_official_or_an_unnamed_voice_is_still_public() -> None:
    assert statement_is_public(QUIET, TYPES, [OFFICIAL], OFFICIAL, "雷蒙多表示，将继续推进。")
    assert statement_is_public(QUIET, TYPES, [], None, "业界呼吁加强监管。")
