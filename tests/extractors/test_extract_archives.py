"""Saved-article archives (Markdown dumps): inline HTML, header blocks, code, outlets, boxes."""

from __future__ import annotations

from archivekit import EN, ZH, extract_saved

from extractors.formats import fold_code_blocks, is_link_line, parse_document
from extractors.repair import fix_mojibake


def test_inline_html_and_strike_markers_leave_only_their_text() -> None:
    text = extract_saved(
        f"# 新规划\n\n<figcaption>规划示意图</figcaption>\n\n{ZH}\n\n"
        f"这是~~旧的~~说法，<span style='color:red'>重点</span>在后面。{ZH}\n"
    ).text
    assert "<" not in text and "~~" not in text
    assert "这是旧的说法，重点在后面" in text


def test_quoted_header_block_and_provenance_line_are_metadata_not_body() -> None:
    page = (
        "# 新规划\n\n> 公众号: 城市观察\n> 发布时间: 2025-03-02 08:00\n"
        "> 原文链接: https://mp.weixin.qq.com/s/abc\n\n"
        f"{ZH}\n\n{ZH}\n"
    )
    article = extract_saved(page)
    assert article.outlet == "城市观察"
    assert "公众号" not in article.text and "原文链接" not in article.text
    repost = extract_saved(
        f"原文来自「城市晚报」：~~[新规划](https://example.org/a)~~\n\n{ZH}\n\n{ZH}\n"
    )
    assert repost.outlet == "城市晚报"
    assert "原文来自" not in repost.text


def test_a_body_sentence_that_names_a_source_stays() -> None:
    line = f"来自「城市晚报」的记者在现场看到，{ZH}"
    article = extract_saved(f"# 新规划\n\n{line}\n\n{ZH}\n")
    assert "来自「城市晚报」的记者在现场看到" in article.text


def test_code_blocks_fold_into_one_line() -> None:
    lines = ["Intro.", "", "```", "a = 1", "", "b = 2", "```", "", "    x = 3", "    y = 4", ""]
    folded = [ln for ln in fold_code_blocks(lines) if ln.strip()]
    assert folded == ["Intro.", "a = 1 b = 2", "x = 3 y = 4"]
    # an indented list continuation or indented prose is not code
    assert fold_code_blocks(["- item", "", "    more of the item"]) == [
        "- item",
        "",
        "    more of the item",
    ]
    prose = ["", "    第一段正文在这里缩进了四个空格，这是一个完整的中文句子。"]
    assert fold_code_blocks(prose) == prose


def test_a_flattened_table_before_closing_prose_does_not_cut_the_tail() -> None:
    cells = "\n\n".join(["Branch", "Hours", "North", "9-17", "South", "10-18", "East", "8-16"])
    closing = [
        "Some readers asked why the east branch opens so early on weekdays this year.",
        "The answer is the commuter survey, which showed most visitors arrive before work.",
    ]
    page = "\n\n".join(["# Library hours", *[EN] * 6, cells, *closing]) + "\n"
    text = extract_saved(page).text
    assert all(c in text for c in closing)


def test_platform_host_outlet_is_the_account_and_clipper_link_gives_the_host() -> None:
    wechat = extract_saved(
        f"# 新规划\n\n文章作者: 城市观察\n原文链接: https://mp.weixin.qq.com/s?id=1\n\n{ZH}\n\n{ZH}\n"
    )
    assert wechat.outlet == "城市观察"
    clipped = extract_saved(
        "# Budget passes | City Gazette\n[Budget passes | City Gazette](https://gazette.example/b)"
        f"\n\n{EN}\n\n{EN}\n"
    )
    assert clipped.url == "https://gazette.example/b"
    assert clipped.outlet == "gazette.example"
    front = parse_document(f"---\ntitle: Budget\nsource: https://gazette.example/c\n---\n{EN}\n")
    assert "outlet" not in front.meta and front.meta["outlet_host"] == "gazette.example"


def test_a_heading_over_only_links_is_dropped_but_a_section_title_stays() -> None:
    page = (
        f"# Library budget\n\n{EN}\n\n## Background\n\n### The vote\n\n{EN}\n\n"
        "### More City News\n\n![](https://img.example/1.jpg)\n\n"
        "[Parks reopen](https://news.example/parks)\n\n[Roads plan](https://news.example/roads)\n"
    )
    text = extract_saved(page).text
    assert "More City News" not in text and "Parks reopen" not in text
    assert "Background" in text and "The vote" in text


def test_utf8_read_as_1252_is_decoded_back_and_real_accents_stay() -> None:
    assert fix_mojibake("it isnâ€™t thanÂ\xa0that") == "it isn’t than\xa0that"
    assert fix_mojibake("onlyÂthe edgeÂ (here)") == "only the edge  (here)"
    for text in ("Âge d'or", "São Paulo café", "naïve – résumé", "北京 Ã"):
        assert fix_mojibake(text) == text


def test_link_residue_lines_and_titled_links() -> None:
    assert is_link_line("](https://shop.example/item)") and is_link_line("[")
    assert not is_link_line("See [the plan](https://city.example/plan) for the full list of works.")
    page = (
        f"# Library budget\n\n{EN}\n\n[\n![](https://img.example/a.jpg)\nGift cards\n\n"
        '](https://shop.example/gift)\n\nRead [the plan](https://city.example/plan "Plan") now, '
        "before the council meets again next week.\n"
    )
    text = extract_saved(page).text
    assert "](" not in text and "Read the plan now" in text


def test_converter_backslash_escapes_show_the_character_alone() -> None:
    text = extract_saved(
        f"# 新规划\n\n{ZH}\n\n8\\. Define the helpers\n\nSee \\[1\\] and the a\\_b table.\n\n{ZH}\n"
    ).text
    assert "8. Define the helpers" in text
    assert "See [1] and the a_b table." in text
    assert "\\" not in text
