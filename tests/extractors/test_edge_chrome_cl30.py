"""Thirtieth round: chrome at an edge comes in runs; a likely outer line goes with a sure one (own text)."""

from __future__ import annotations

from extractors.edgechrome import RUN_PROBABILITY, load_model, trim_edge_chrome
from extractors.language import convert_to_simplified

STORY = [
    "The river council approved a plan on Tuesday to rebuild the old weir below the mill.",
    "Work will start in the spring and is expected to take about eighteen months.",
    "Engineers said the new weir would let fish pass upstream for the first time in a century.",
    "Anglers welcomed the decision, though some asked for the works to pause in spawning season.",
    "The council will publish the contract notice next month.",
]
STORY_ZH = [
    "市政府周二批准了重建老水坝的方案，工程预计明年春天开工，工期约十八个月。",
    "工程师表示，新水坝建成后，鱼类百年来首次可以洄游到上游产卵。",
    "垂钓爱好者对这一决定表示欢迎，但也有人希望在产卵季暂停施工。",
    "市政府将于下月发布工程招标公告。",
    "据介绍，老水坝建于上世纪二十年代，近年多次出现渗漏，去年汛期曾紧急加固。",
    "施工期间，沿河步道将分段封闭，市政部门会在每段封闭前两周发布通知。",
    "新水坝的设计还预留了小型水电站的位置，是否建设将在明年另行论证。",
]
SURE_ZH = "本文入选本周编辑精选，点击查看活动详情。"
LIKELY_ZH = "作者与文中提及的品牌没有利益关系，欢迎理性交流。"
SURE_EN = "This article first appeared in the Valley Courier."
LIKELY_EN = "Read the original article."
WEAK_EN = "Photos are by the author unless noted otherwise."


def _trim(paras: list[str]) -> list[str]:
    return trim_edge_chrome(paras, [convert_to_simplified(p) for p in paras])


def _p(text: str) -> float:
    return load_model().probability(text, convert_to_simplified(text), "tail")


def test_a_disclaimer_under_a_contest_notice_goes_with_it() -> None:
    assert _p(SURE_ZH) >= load_model().threshold > _p(LIKELY_ZH) >= RUN_PROBABILITY
    assert _trim([*STORY_ZH, SURE_ZH, LIKELY_ZH]) == STORY_ZH


def test_a_read_the_original_line_goes_with_the_reprint_note_above_it() -> None:
    assert _p(SURE_EN) >= load_model().threshold > _p(LIKELY_EN) >= RUN_PROBABILITY
    assert _trim([*STORY, SURE_EN, LIKELY_EN]) == STORY


def test_the_run_is_sentence_by_sentence_inside_one_closing_paragraph() -> None:
    closing = f"{STORY[-1]} {SURE_EN} {LIKELY_EN}"
    assert _trim([*STORY[:-1], closing]) == [*STORY[:-1], STORY[-1]]


def test_only_a_likely_outer_line_opens_a_run() -> None:
    # a weak outer line stops the peel before the sure note inside it, as any kept line does
    assert _p(WEAK_EN) < RUN_PROBABILITY
    assert _trim([*STORY, SURE_EN, WEAK_EN]) == [*STORY, SURE_EN, WEAK_EN]
    assert _trim([*STORY, SURE_EN, LIKELY_EN]) == STORY


def test_a_likely_line_goes_only_with_a_sure_one_inside_it() -> None:
    assert _trim([*STORY_ZH, LIKELY_ZH, SURE_ZH]) == [*STORY_ZH, LIKELY_ZH]
    assert _trim([*STORY_ZH, SURE_ZH, LIKELY_ZH]) == STORY_ZH
