"""Nineteenth round: a learned sign-off takes the plug lines below it; cut Markdown targets (own text)."""

from __future__ import annotations

from articlekit import make_article
from boilerkit import find_boilerplate

from extractors.boilerplate import EDGE, strip_boilerplate

POSTS = [
    (
        "镇上的老渡口今年春天换了新的木船，船工说新船比旧船宽了一尺，能多坐四个人。",
        "过去雨季一来，渡口就要停上好几天，住在对岸的学生只能绕远路去上学。",
        "这次换船的钱一半来自村里的集体收入，一半是在外工作的乡亲们凑起来的。",
        "船工打算在码头边再搭一个小棚子，让等船的老人有地方避雨。",
    ),
    (
        "社区图书室上个月开始晚上开放，下班的年轻人终于有时间来借书了。",
        "管理员说最受欢迎的是菜谱和旅行指南，其次是给孩子读的绘本。",
        "图书室的书架是附近中学淘汰下来的，志愿者花了两个周末重新刷漆。",
        "下一步他们想办一个读书会，每月挑一本书，大家一起聊聊读后感。",
    ),
    (
        "山脚下的果园今年第一次试种了晚熟的梨，挂果比预想的还要多。",
        "果农说关键是去年冬天修剪得早，春天又赶上了几场及时雨。",
        "收下来的梨一部分卖给城里的超市，一部分留着做梨膏，过年时送亲戚。",
        "他准备明年把试种的面积扩大一倍，再请农技站的人来看看土壤。",
    ),
]
SIGN_OFF = "关注老街笔记，我们下期再见。"
PLUGS = (
    "本周读者群还有少量名额，想加入的朋友请在后台留言。",
    "新书预售中，点击下方图片即可下单。",
    "商务合作请加微信：oldstreet-notes",
)


def post(i: int, *, plugs: tuple[str, ...] = ()) -> str:
    """Return post i closing with the source's sign-off and the given plug lines under it."""
    return "\n\n".join([*POSTS[i], SIGN_OFF, *plugs])


def test_a_learned_sign_off_above_the_closing_window_goes_with_its_plugs() -> None:
    # Learned at the edge of two stories; on the third, three one-off plugs push it above the
    # last three paragraphs, where the edge tier alone does not look.
    keys = find_boilerplate([post(0), post(1)])
    assert EDGE + "关注老街笔记我们下期再见" in keys
    out = strip_boilerplate(make_article(post(2, plugs=PLUGS)), keys).text
    assert out.split("\n\n") == list(POSTS[2])


def test_a_sign_off_printed_twice_goes_with_the_plug_between() -> None:
    keys = find_boilerplate([post(0), post(1)])
    text = "\n\n".join([*POSTS[2], SIGN_OFF, PLUGS[0], SIGN_OFF, PLUGS[2]])
    assert strip_boilerplate(make_article(text), keys).text.split("\n\n") == list(POSTS[2])


def test_a_long_paragraph_below_the_sign_off_keeps_it_in_place() -> None:
    # A paragraph of prose after the learned line: the text goes on, nothing is cut there.
    keys = find_boilerplate([post(0), post(1)])
    prose = POSTS[1][0] + POSTS[1][1] + POSTS[1][2] + POSTS[1][3]
    text = "\n\n".join([*POSTS[2], SIGN_OFF, prose, PLUGS[1], PLUGS[2]])
    out = strip_boilerplate(make_article(text), keys).text.split("\n\n")
    assert SIGN_OFF in out and prose in out


def test_a_learned_line_far_above_the_close_stays() -> None:
    # Six short lines below it: beyond the closing window of EDGE_HEAD paragraphs, a repeated
    # line is no closing line (a short list under a quoted motto, say).
    keys = find_boilerplate([post(0), post(1)])
    items = [
        f"第{n}站：{place}"
        for n, place in enumerate(["渡口", "图书室", "果园", "老街", "茶馆", "小桥"], 1)
    ]
    text = "\n\n".join([*POSTS[2], SIGN_OFF, *items])
    assert SIGN_OFF in strip_boilerplate(make_article(text), keys).text.split("\n\n")


# A WeChat dump whose converter wrapped long lines inside image and link targets (own text).
WRAPPED = """# 老渡口换新船

镇上的老渡口今年春天换了新的木船，船工说新船比旧船宽了一尺。

**![](https://img.example.cn/ferry/640?wx_fmt=jpeg
&from=appmsg&tp=webp)**新船第一天下水

过去雨季一来，渡口就要停上好几天，详见[村里的通知](https://village.example.cn/notice?id=12
&page=3)。

这次换船的钱一半来自村里的集体收入，一半是乡亲们凑起来的。
"""


def test_a_target_cut_by_a_hard_wrap_is_one_target() -> None:
    from extractors.formats import parse_document

    body = parse_document(WRAPPED).body
    assert "http" not in body and "appmsg" not in body and "!(" not in body
    assert "新船第一天下水" in body
    assert "详见村里的通知。" in body


def test_a_line_the_next_line_does_not_close_is_left_alone() -> None:
    from extractors.markdown import cuts_target

    assert cuts_target("![](https://img.example.cn/a?x=1", "&y=2)**说明")
    assert not cuts_target("![](https://img.example.cn/a?x=1", "下一行没有括号，是正文。")
    assert not cuts_target("他说（见上文](这里", "没有地址) 的一句话")
