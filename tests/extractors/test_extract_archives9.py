"""Archive pages, ninth round: slow patterns on code lines, credit blocks, trailing follow lines."""

from __future__ import annotations

import time

from archivekit import EN, ZH, extract_saved

from extractors.cues import BREADCRUMB


def test_breadcrumb_pattern_is_fast_on_a_long_line_of_slashes() -> None:
    # A config listing joined into one line: many "/" separators and no sentence end.
    line = " ".join(f"<rule>match:folder{i}/**</rule> </rules> <rules>" for i in range(30))
    start = time.perf_counter()
    assert BREADCRUMB.match(line) is None
    assert time.perf_counter() - start < 0.5
    assert BREADCRUMB.match("Home > World > Asia")
    assert BREADCRUMB.match("首页 / 新闻 / 科技")


def test_a_saved_post_with_a_slash_heavy_listing_extracts_quickly() -> None:
    listing = " ".join(f"<rule>match:folder{i}/**</rule>" for i in range(40))
    start = time.perf_counter()
    article = extract_saved(f"# Storage rules\n\n{EN}\n\n```\n{listing}\n```\n\n{EN}\n")
    assert time.perf_counter() - start < 5
    assert "folder39" in article.text


def test_staff_lines_run_together_with_an_editor_line_leave_the_text() -> None:
    page = f"{ZH}\n\n{ZH}\n\n监制：张明\n\n编辑：李华、陈静\n\n实习：王小五\n"
    text = extract_saved(page).text
    assert "监制" not in text and "实习" not in text and "编辑" not in text
    assert "市政府今天公布了新的公共交通规划" in text


def test_label_lines_without_an_editor_line_stay() -> None:
    page = f"{ZH}\n\n主讲：陈老师\n\n地点：市民中心二楼\n\n{EN}\n"
    text = extract_saved(page).text
    assert "地点：市民中心二楼" in text and "主讲：陈老师" in text


def test_a_list_item_with_a_contact_word_inside_a_list_does_not_end_the_article() -> None:
    items = ["* 早上在河边跑步", "* 朋友加微信约我喝茶", "* 读完一本旧小说", "* 给花浇水"]
    closing = "她说，这些小事让一天变得踏实。第二天她又把清单写了一遍。"
    page = f"# 小事清单\n\n{ZH}\n\n{ZH}\n\n" + "\n".join(items) + f"\n\n{closing}\n"
    text = extract_saved(page).text
    assert "读完一本旧小说" in text and "她说，这些小事让一天变得踏实" in text


def test_short_chinese_sentences_after_a_schedule_are_still_the_article() -> None:
    schedule = ["07:00 之前", "起床跑步；", "09:00 之后", "开会；", "18:00 之后", "陪孩子；"]
    page = (
        f"# 一天的安排\n\n{ZH}\n\n{ZH}\n\n{ZH}\n\n"
        + "\n\n".join(schedule)
        + "\n\n他发现，只要晚上十点半上床，十一点前就能睡着。"
        + "\n\n为了早点入睡，他把手机放在客厅，在床上读半小时书。\n"
    )
    text = extract_saved(page).text
    assert "为了早点入睡，他把手机放在客厅" in text


def test_a_table_of_contents_heading_is_never_the_title() -> None:
    page = f"#### 文章目录\n\n*   [一、安装](#a)\n\n### 在旧电脑上安装新系统\n\n{ZH}\n\n{ZH}\n"
    assert extract_saved(page).title != "文章目录"


def test_follow_sign_offs_at_the_end_leave_the_text() -> None:
    zh = extract_saved(f"{ZH}\n\n{ZH}\n\n欢迎关注：城市小记\n").text
    assert "欢迎关注" not in zh
    en = extract_saved(f"{EN}\n\n{EN}\n\nFollow me on Mastodon: @city_notes\n").text
    assert "Follow me" not in en and "library budget" in en
