"""Fourteenth round: the head card of a saved post learned across a source's posts (own text)."""

from __future__ import annotations

from articlekit import make_article
from boilerkit import find_boilerplate

from extractors.boilerplate import HEAD, line_keys, strip_boilerplate

AUTHORS = ["林小舟", "周一禾", "陈远山"]
BODIES = [
    (
        "上周我们在自建的测试环境里复现了一个日志组件的配置问题，它会让调试接口在默认安装后对外开放。",
        "排查的第一步是比对默认配置文件和官方文档，两者在监听地址一项上并不一致。",
        "修改监听地址并重启服务之后，外部扫描已经无法再访问到这个接口。",
        "建议使用同一版本的读者先检查自己的配置，再决定是否需要升级到新版本。",
    ),
    (
        "这次整理的是内网环境里常见的几种远程管理方式，以及它们各自需要开放的端口和权限。",
        "远程桌面最直观，但在受管控的网络里往往只对少数跳板机开放。",
        "基于网页服务的管理接口更隐蔽，默认端口却常常被防火墙规则遗漏。",
        "最后一部分给出了几条检查清单，方便管理员对照自己的环境逐项核对。",
    ),
    (
        "很多团队把安全部门看作成本中心，这篇文章想从预算表的角度重新算一算这笔账。",
        "我们访谈了五家中小企业的负责人，他们对安全投入的理解差别很大。",
        "投入最多的一家并不是规模最大的那家，而是曾经吃过一次数据泄露亏的公司。",
        "文章最后附上了一个简单的估算表，读者可以按自己公司的情况填写。",
    ),
]
CARD = ["山海笔记", "微信号 shanhai_notes", "功能介绍 记录网络安全学习与实践的个人笔记"]


def post(i: int) -> str:
    """Return the stored text of post i: a byline naming the account, the account card, the body."""
    return "\n\n".join([f"原创 {AUTHORS[i]} 山海笔记", *CARD, *BODIES[i]])


def test_head_card_lines_are_learned_past_the_first_paragraph() -> None:
    keys = find_boilerplate([post(i) for i in range(3)])
    assert HEAD + "微信号shanhainotes" in keys
    assert any(k.startswith(HEAD + "功能介绍") for k in keys)
    assert not any(k.startswith(HEAD + "原创") for k in keys)  # the byline differs on each post


def test_byline_above_a_learned_card_goes_with_it_and_the_body_stays() -> None:
    keys = find_boilerplate([post(i) for i in range(3)])
    for i in range(3):
        out = strip_boilerplate(make_article(post(i)), keys).text
        assert out.split("\n\n") == list(BODIES[i]), out


def test_a_sentence_above_a_learned_line_stays_unless_find_boilerplate() -> None:
    keys = find_boilerplate([post(i) for i in range(3)])
    opening = "编者按：本文转自作者的读书会讲稿，略有删节。"
    text = "\n\n".join([opening, "微信号 shanhai_notes", *BODIES[0]])
    assert strip_boilerplate(make_article(text), keys).text.split("\n\n")[0] == opening


def test_an_archivers_note_over_prose_is_learned_on_two_stories() -> None:
    note = "自动存档，仅供个人查阅"
    posts = ["\n\n".join([note, *BODIES[i]]) for i in range(2)]
    keys = find_boilerplate(posts)
    assert HEAD + "自动存档仅供个人查阅" in keys
    assert strip_boilerplate(make_article(posts[0]), keys).text == "\n\n".join(BODIES[0])


def test_a_heading_over_prose_is_no_head_line() -> None:
    # A section heading the posts share ("背景介绍", no punctuation, prose below) is structure.
    posts = ["\n\n".join(["背景介绍", *BODIES[i]]) for i in range(3)]
    assert not any(k.startswith(HEAD + "背景介绍") for k in line_keys(posts[0]))
    assert strip_boilerplate(make_article(posts[0]), find_boilerplate(posts)).text == posts[0]


def test_lines_past_the_head_are_not_head_lines() -> None:
    # The head ends at the first long paragraph: a short line after it is body, even if shared.
    long_lead = "这是一段足够长的导语，" * 14
    shared = "微信号 shanhai_notes"
    posts = ["\n\n".join([long_lead + str(i), shared, *BODIES[i]]) for i in range(3)]
    assert HEAD + "微信号shanhainotes" not in find_boilerplate(posts)


POST = [
    "This week I rebuilt the garden shed from the planks of the old fence, which took longer "
    "than planned because half of them had rotted at the base.",
    "The roof went on last, with a sheet of felt and a strip of batten along each edge so that "
    "the wind cannot lift it.",
    "Next week the shed gets a coat of oil and a shelf for the seed trays.",
]


def test_postscript_at_the_close_goes_with_what_follows() -> None:
    from extractors.clean import remove_chrome

    closing = [
        "Talk soon,",
        "P.S. If this letter was useful, pass it on to a neighbour who likes to build things.",
        "And tell me which tool you would never lend out.",
    ]
    paras = [*POST, *closing]
    kept = remove_chrome(paras, paras)
    assert kept[: len(POST)] == POST and not any("P.S." in p or "lend out" in p for p in kept)


def test_postscript_marker_early_in_a_text_or_inside_a_word_stays() -> None:
    from extractors.clean import remove_chrome

    early = ["P.S. is how the letters of the village club always end, a habit since 1950.", *POST]
    assert remove_chrome(early, early)[0] == early[0]
    console = [*POST, "PS5 owners can download the patch from the store tonight."]
    assert remove_chrome(console, console)[-1] == console[-1]
