"""Clipper provenance and note-app markup in saved Markdown: metadata, never body or title."""

from __future__ import annotations

from archivekit import EN, ZH, extract_saved

from extractors.clippers import (
    provenance_url,
    source_link_line,
    strip_note_markup,
    unwrap_wikilinks,
)

HL = "新线路将优先连接医院、学校和大型居住区，减少换乘次数。"
BANNER = (
    "> 本文由 [简悦 SimpRead](http://ksria.com/simpread/) 转码， 原文地址 "
    "[news.example.org](https://news.example.org/2025/plan)"
)


def test_a_clipper_banner_gives_the_address_and_is_neither_body_nor_title() -> None:
    article = extract_saved(f"{BANNER}\n\n{ZH}\n\n{ZH}\n")
    assert article.url == "https://news.example.org/2025/plan"
    assert article.outlet == "news.example.org"
    assert "SimpRead" not in article.text and "转码" not in article.text
    assert article.title is None  # the clipper keeps the title in the file name


def test_an_escaped_banner_is_read_like_a_plain_one() -> None:
    escaped = BANNER.replace("[", "\\[").replace("]", "\\]").replace("> ", "\\> ", 1)
    article = extract_saved(f"{escaped}\n\n{ZH}\n\n{ZH}\n")
    assert article.url == "https://news.example.org/2025/plan"
    assert "SimpRead" not in article.text


def test_a_truncated_clipper_excerpt_goes_and_a_standfirst_stays() -> None:
    cut = extract_saved(
        f"{BANNER}\n\n> 市政府今天公布了新的公共交通规划，计划在......\n\n{ZH}\n\n{ZH}\n"
    )
    assert "......" not in cut.text and cut.text.startswith("市政府今天公布")
    stand = "> 规划首次把无障碍出行写进了硬指标。"
    kept = extract_saved(f"{BANNER}\n\n{stand}\n\n{ZH}\n\n{ZH}\n")
    assert "规划首次把无障碍出行写进了硬指标" in kept.text


def test_a_markdownload_excerpt_block_is_metadata() -> None:
    page = (
        "---\nsource: https://example.com/library\n---\n\n# Library budget passes\n\n"
        "> ## Excerpt\n> A short description the site wrote for search engines.\n\n---\n"
        f"{EN}\n\n{EN}\n"
    )
    article = extract_saved(page)
    assert article.title == "Library budget passes"
    assert article.url == "https://example.com/library"
    assert "search engines" not in article.text and "Excerpt" not in article.text


def test_labelled_original_address_lines_are_metadata_anywhere() -> None:
    lines = ["原文链接：", "", "https://blog.example.net/post/1"]
    assert provenance_url(lines, 0) == ("https://blog.example.net/post/1", 3, False)
    article = extract_saved(
        f"# 新规划\n\n{ZH}\n\n{ZH}\n\n> 原文链接：\n\n[https://blog.example.net/post/1](https://blog.example.net/post/1)\n"
    )
    assert "原文链接" not in article.text
    assert article.url == "https://blog.example.net/post/1"
    assert provenance_url(["原文链接说明了一切"], 0) is None


def test_obsidian_comments_callouts_fields_and_anchors_are_not_text() -> None:
    page = (
        "---\ntitle: 新规划\n---\n\n%%\n> ```dataview\n> TABLE WITHOUT ID file.link\n> ```\n%%\n\n"
        "> [!info] Metadata\n> **标题**:: [新规划](https://example.org/a)\n\n"
        f"> [!quote] [[note@新规划|📄]] <mark>Highlights</mark>\n> {HL}\n> ^abc-123456\n\n{ZH}\n"
    )
    article = extract_saved(page)
    for scaffold in ("WITHOUT ID", "Metadata", "标题::", "Highlights", "abc-123456", "📄"):
        assert scaffold not in article.text, scaffold
    assert HL in article.text and "市政府今天公布" in article.text


def test_note_markup_helpers() -> None:
    assert unwrap_wikilinks("见 [[规划|新规划]] 与 [[预算]] ![[图.png]]") == "见 新规划 与 预算 "
    assert "secret" not in strip_note_markup("a\n%%\nsecret\n%%\nb")
    assert strip_note_markup("50%% of 100%% here") == "50%% of 100%% here"


def test_a_back_link_glued_to_the_last_sentence_goes() -> None:
    last = '规划将在明年春天开始实施。[返回首页，查看更多](https://example.org/ "首页")'
    article = extract_saved(f"# 新规划\n\n{ZH}\n\n{ZH}\n\n{last}\n")
    assert article.text.endswith("规划将在明年春天开始实施。")
    image = "![图片](../images/a.jpg)"
    assert "!" not in extract_saved(f"# 新规划\n\n{ZH}\n\n{image}\n\n{ZH}\n").text


def test_a_numbered_or_generic_heading_is_a_section_not_the_title() -> None:
    assert extract_saved(f"{BANNER}\n\n### 一、起因\n\n{ZH}\n\n{ZH}\n").title is None
    assert extract_saved(f"## 前言\n\n{ZH}\n\n{ZH}\n").title is None
    setext = "10 Library Facts\n================\n\n"
    assert extract_saved(f"{setext}{EN}\n\n{EN}\n").title == "10 Library Facts"


def test_a_heading_below_prose_is_not_the_title() -> None:
    assert extract_saved(f"{EN}\n\n## Workaround\n\n{EN}\n").title != "Workaround"


def test_read_counters_and_a_trailing_credit_are_not_body() -> None:
    article = extract_saved(f"# 新规划\n\n2025/03/02 发布在 城市 1,234 次阅读\n\n{ZH}\n\n{ZH}\n")
    assert "次阅读" not in article.text
    credit = extract_saved(f"# 新规划\n\n{ZH}報導•攝影╱王小明\n\n{ZH}\n")
    assert "王小明" not in credit.text and credit.author == "王小明"


def test_a_repost_original_headline_line_is_the_title() -> None:
    article = extract_saved(f"原标题：地铁新线明年开工\n\n{ZH}\n\n{ZH}\n")
    assert article.title == "地铁新线明年开工"
    assert "原标题" not in article.text


def test_licence_browser_and_shop_widget_lines_are_chrome() -> None:
    widgets = (
        "本作品采用知识共享署名 4.0 国际许可协议进行许可。",
        "抱歉，我們並不支援你正使用的瀏覽器",
        "Your Cart is Empty",
        "Be the first to write a review",
    )
    text = extract_saved("# 新规划\n\n" + "\n\n".join((ZH, *widgets, EN)) + "\n").text
    for line in widgets:
        assert line not in text, line
    assert "市政府今天公布" in text and "library budget" in text


CUBOX_HEAD = (
    "市政府公布新公交规划\n==========\n\n"
    "[news.example.org](https://news.example.org/s/abc123)王一 城市观察\n\n"
)


def test_a_clippers_source_line_under_the_title_gives_the_address_and_is_no_body() -> None:
    article = extract_saved(f"{CUBOX_HEAD}{ZH}\n\n{ZH}\n")
    assert article.url == "https://news.example.org/s/abc123"
    assert article.outlet == "news.example.org"
    assert "news.example.org" not in article.text and "城市观察" not in article.text
    assert article.title == "市政府公布新公交规划"
    assert article.text.startswith(ZH[:10])


def test_a_source_line_is_named_by_its_own_host_only() -> None:
    lines = ["# Title", "", "[www.example.com](https://example.com/a)Jane Doe"]
    assert source_link_line(lines, frozenset()) == (2, "https://example.com/a")
    other = ["# Title", "", "[example.com](https://elsewhere.org/a)Jane Doe"]
    assert source_link_line(other, frozenset()) is None  # the text names another site
    said = ["# Title", "", "[example.com](https://example.com/a) reported the plan on Monday."]
    assert source_link_line(said, frozenset()) is None  # a sentence, not a byline


def test_a_host_link_below_the_lead_or_without_a_title_is_left_alone() -> None:
    card = f"# 新规划\n\n{ZH}\n\n[docs.example.org](https://docs.example.org/guide)\n\n{ZH}\n"
    article = extract_saved(card)
    assert article.url != "https://docs.example.org/guide"
    untitled = ["[example.com](https://example.com/a)Jane Doe", "", "Body text."]
    assert source_link_line(untitled, frozenset()) is None
    fronted = ["---", "title: T", "---", "# T", "", "[example.com](https://example.com/a)Jane Doe"]
    assert source_link_line(fronted, frozenset({0, 1, 2})) == (5, "https://example.com/a")


def test_a_malformed_address_in_the_source_line_is_no_source_and_no_reject() -> None:
    lines = ["# Title", "", "[example.com](http://[example.com)Jane Doe"]
    assert source_link_line(lines, frozenset()) is None
    article = extract_saved(f"# 新规划\n\n[a](http://[abc)王一\n\n{ZH}\n\n{ZH}\n")
    assert article.url is None and article.text.startswith(ZH[:10])  # read, not rejected
