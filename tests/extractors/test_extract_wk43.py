"""wk43: WeChat's button labels ("在看", "分享到") are cues alone, not as words of a sentence."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractors.article import extract_article
from extractors.cues import find_cues
from extractors.rows import Page

# Our own text: a town library's new Sunday hours (invented, plain facts).
PARAS = [
    "市图书馆从下个月起在周日下午开放，开放时间为一点到五点，由两名馆员和读书会的志愿者值班，"
    "这是读书会三百名会员联名写信提出的要求。",
    "市议会将用原本预留给锅炉维修的预算支付新增班次的费用，自从安装了热泵，旧锅炉已经不再需要维修。",
    "儿童故事会从周六上午改到周日下午两点，这样周六上班的家长也能带孩子来参加，图书馆馆长在声明中说。",
    "图书馆还将首次出借桌游和工具，首批包括园艺协会捐赠的一套园艺工具和本地商店捐赠的二十套桌游。",
]
# Short lines of the story whose words hold the labels' characters.
READING = "馆长说，周日下午常有老人在看报纸，孩子们在看绘本。"
SHARING = "志愿者说，能把读书的乐趣分享到更多家庭，是最让她高兴的事。"
FOOTER = "分享 收藏 点赞 在看"


def _page(body: str) -> Page:
    html = f"<html><head><title>图书馆周日开放</title></head><body>{body}</body></html>"
    return Page("t", html.encode(), datetime(2026, 1, 1, tzinfo=UTC))


def _story(*extra: str) -> str:
    lines = [*PARAS[:2], *extra, *PARAS[2:]]
    paras = "".join(f"<p>{p}</p>\n" for p in lines)
    return f'<div id="story"><h1>图书馆周日开放</h1>{paras}<p>{FOOTER}</p></div>'


@pytest.mark.parametrize("line", [READING, SHARING], ids=["reading", "sharing"])
def test_a_sentence_holding_the_words_is_kept(line: str) -> None:
    text = extract_article(_page(_story(line))).text
    assert line in text
    assert FOOTER not in text


@pytest.mark.parametrize(
    ("text", "cued"),
    [
        ("分享 点赞 在看", True),
        ("点个在看，你最好看", True),
        ("分享到：", True),
        ("分享到朋友圈", True),
        ("羁押在看守所的人", False),
        ("孩子们在看绘本", False),
        ("他能分享到一份光荣", False),
    ],
    ids=["buttons", "call", "share-colon", "share-moments", "detention", "reading", "share-in"],
)
def test_the_labels_are_cues_only_alone(text: str, cued: bool) -> None:
    assert ("follow" in find_cues(text)) is cued
