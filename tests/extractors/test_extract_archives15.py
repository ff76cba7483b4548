"""Fifteenth round: labelled edge lines learned across a source, and edges the strip lays bare (own text)."""

from __future__ import annotations

from articlekit import make_article
from boilerkit import find_boilerplate

from extractors.boilerplate import LABEL, line_keys, strip_boilerplate
from extractors.edgechrome import trim_edge_chrome
from extractors.language import convert_to_simplified

ISSUES = [
    (
        "The town library reopened its reading room on Monday after a winter of repairs to the roof.",
        "Volunteers moved about four thousand books back onto the shelves over the weekend.",
        "The children's corner now has a ramp and a wider door, paid for by a local charity.",
        "Opening hours stay the same, with a late evening on Thursdays for the chess club.",
    ),
    (
        "The ferry between the two islands will run twice a day again from the first of April.",
        "The operator had cut the service to one crossing after the older boat failed an inspection.",
        "A second-hand vessel bought from a northern harbour passed its trials last week.",
        "Season tickets bought in the winter remain valid for the new timetable.",
    ),
    (
        "The allotment society held its spring meeting in the church hall on Saturday.",
        "Members agreed to share a water tank at the far end of the site, where the tap often freezes.",
        "Three new plots will be offered to families on the waiting list in May.",
        "The society's seed swap takes place on the last Sunday of the month.",
    ),
]
EDITORS = ["ana, bo and chen", "dmitri and ana", "ana, eli, farid and bo"]


def issue(i: int) -> str:
    """Return issue i: the body and a closing editors' line whose names change every issue."""
    return "\n\n".join([*ISSUES[i], f"The Harbour Notes is edited by: {EDITORS[i]}."])


def test_an_editors_line_whose_names_change_is_learned_by_its_label() -> None:
    keys = find_boilerplate([issue(0), issue(1)])
    assert LABEL + "theharbournotesiseditedby" in keys
    out = strip_boilerplate(make_article(issue(2)), keys).text
    assert out.split("\n\n") == list(ISSUES[2])


def test_a_label_on_one_story_only_is_not_find_boilerplate() -> None:
    other = "\n\n".join([*ISSUES[1], "Photos: the ferry company."])
    keys = find_boilerplate([issue(0), other])
    assert not any(k.startswith(LABEL) for k in keys)
    assert strip_boilerplate(make_article(issue(2)), keys).text == issue(2)


def test_a_labelled_line_inside_the_text_stays() -> None:
    # Only edge lines carry the label key: the same label in the middle of a story is body.
    keys = find_boilerplate([issue(0), issue(1)])
    inner = "The Harbour Notes is edited by: the whole town, in a sense."
    text = "\n\n".join([*ISSUES[2], *ISSUES[0][:2], inner, *ISSUES[1], *ISSUES[0][2:]])
    assert inner in strip_boilerplate(make_article(text), keys).text.split("\n\n")


def test_numbered_steps_times_list_items_and_long_sentences_are_no_labels() -> None:
    paras = [*ISSUES[0], "Step 2: water the seedlings."]
    assert not any(k.startswith(LABEL) for k in line_keys("\n\n".join(paras)))
    paras = [*ISSUES[0], "At 10:30 the hall opens."]
    assert not any(k.startswith(LABEL) for k in line_keys("\n\n".join(paras)))
    paras = [*ISSUES[0], "- Deadline: the last Friday of May."]
    assert not any(k.startswith(LABEL) for k in line_keys("\n\n".join(paras)))
    wordy = "When the members of the society finally met in the old church hall they said: yes."
    assert not any(k.startswith(LABEL) for k in line_keys("\n\n".join([*ISSUES[0], wordy])))


def test_labelled_lines_over_a_text_are_no_label_lines() -> None:
    # An archiver's metadata over a text (source, document number) is context the signals read.
    texts = [
        "\n\n".join([f"Document number: {n}", *ISSUES[i]]) for i, n in enumerate(["A-1", "B-2"])
    ]
    assert not any(k.startswith(LABEL) for k in find_boilerplate(texts))


def test_a_chinese_credit_label_is_find_boilerplate() -> None:
    bodies = [
        "\n\n".join([*ISSUES[i], f"责任编辑：{name}"])
        for i, name in enumerate(["王一", "李二", "张三"])
    ]
    keys = find_boilerplate(bodies[:2])
    assert LABEL + "责任编辑" in keys
    assert strip_boilerplate(make_article(bodies[2]), keys).text == "\n\n".join(ISSUES[2])


CARD = ["Harbour Notes", "A weekly letter about life on the two islands."]


def test_a_one_off_credit_under_a_learned_card_is_peeled_after_the_strip() -> None:
    # The card stops the single-page peel; once the strip takes it, the credit is at the edge.
    credit = "This article was originally published on our partner blog."
    posts = ["\n\n".join([*CARD, *ISSUES[i]]) for i in range(2)]
    keys = find_boilerplate(posts)
    third = "\n\n".join([*CARD, credit, *ISSUES[2]])
    assert strip_boilerplate(make_article(third), keys).text == "\n\n".join(ISSUES[2])


def test_edges_the_strip_did_not_touch_are_not_judged_again() -> None:
    credit = "This article was originally published on our partner blog."
    keys = find_boilerplate([issue(0), issue(1)])
    text = "\n\n".join(
        [credit, ISSUES[2][0], ISSUES[2][1], ISSUES[2][2], ISSUES[2][3], "Tail line."]
    )
    # Nothing learned is in this text: it comes back as it was, credit included.
    assert strip_boilerplate(make_article(text), keys).text == text


def _trim(paras: list[str]) -> list[str]:
    return trim_edge_chrome(paras, [convert_to_simplified(p) for p in paras])


def test_a_label_line_does_not_end_the_head_peel() -> None:
    tag = "收录于合集"
    credit = "文章来源：某某安全社区"
    body = [
        "上周我们在测试环境里复现了一个日志组件的配置问题，它会让调试接口在默认安装后对外开放。",
        "排查的第一步是比对默认配置文件和官方文档，两者在监听地址一项上并不一致。",
        "修改监听地址并重启服务之后，外部扫描已经无法再访问到这个接口。",
        "建议使用同一版本的读者先检查自己的配置，再决定是否需要升级到新版本。",
    ]
    assert _trim([tag, credit, *body]) == [tag, *body]


def test_a_sentence_at_the_head_still_ends_the_peel() -> None:
    lead = ISSUES[0][0]
    credit = "This article was originally published on our partner blog."
    paras = [lead, credit, *ISSUES[1]]
    assert _trim(paras) == paras
