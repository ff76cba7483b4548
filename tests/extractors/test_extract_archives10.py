"""Archive pages, tenth round: code blocks are no Latin prose, link residue, credit lines, sign-offs."""

from __future__ import annotations

from archivekit import EN, ZH, extract_saved

from extractors.clean import find_foreign_inserts


def test_chinese_lines_beside_folded_code_comments_are_not_foreign() -> None:
    # A folded settings listing: comment lines of six words and more, no sentence end.
    listing = " ".join(
        f"# Turn off the animation of every window {i} defaults write -g Key{i} -bool true"
        for i in range(40)
    )
    paras = ["使用 Colemak 键盘布局，它比传统键盘布局更高效、更合理。", listing, "系统设置"]
    assert find_foreign_inserts(paras) == set()


def test_a_chinese_setup_note_keeps_its_lines_next_to_a_long_code_block() -> None:
    comments = "\n".join(
        f"# Show the hidden files of folder number {i} in every window\ndefaults write x{i} -int 1"
        for i in range(30)
    )
    page = (
        "# 新电脑的配置\n\n键盘布局\n----\n\n使用 [Colemak](https://example.org/c) 键盘布局，"
        f"它比传统布局更高效。\n\n系统设置\n----\n\n```\n{comments}\n```\n\n"
        "其它配置以后再整理到仓库里，这里先记下最常用的部分，方便以后重装系统时对照。\n"
    )
    text = extract_saved(page).text
    assert "它比传统布局更高效" in text


def test_halves_of_links_around_avatars_leave_no_text() -> None:
    page = (
        f"# A post\n\n{EN}\n\n[\n\n![](https://img.example.org/a.png)\n\n"
        "](https://example.org/@team?source=post_page)[\n\n![](https://img.example.org/b.png)\n\n"
        "](https://example.org/?source=post_page)![](https://img.example.org/c.gif)\n\n"
        f"{ZH}\n"
    )
    text = extract_saved(page).text
    assert "source=post_page" not in text and "](" not in text
    assert "The council approved the new library" in text and "市政府今天公布了" in text


def test_credit_lines_under_images_leave_the_text() -> None:
    page = (
        f"# A post\n\n![](https://img.example.org/a.png)\n\nIllustration by Jane Doe\n\n{EN}\n\n"
        f"*图片来源 example.com*\n\n{ZH}\n\nPhoto by a reader, who sent it from the square.\n"
    )
    text = extract_saved(page).text
    assert "Illustration by" not in text and "图片来源" not in text
    assert (
        "The council approved the new library" in text
        and "市政府今天公布了新的公共交通规划" in text
    )


def test_a_bare_name_or_author_label_closing_a_post_leaves_the_text() -> None:
    for closing in ("布莱恩·贝克尔", "Jane Doe", "本文作者： 小林\n\n发布日期： 2020-03-14"):
        text = extract_saved(f"# A post\n\n{ZH}\n\n{EN}\n\n{closing}\n").text
        assert text.endswith("the old reading room."), closing
    # a short line that is no name stays
    text = extract_saved(f"# A post\n\n{ZH}\n\n{EN}\n\nSee you next week!\n").text
    assert text.endswith("See you next week!")


def test_a_click_counter_line_leaves_the_text() -> None:
    text = extract_saved(f"# A post\n\n小林 · 3 小时前 · 385 次点击\n\n{ZH}\n\n{EN}\n").text
    assert "次点击" not in text and "市政府今天公布了" in text


def test_inline_code_shows_without_backticks() -> None:
    page = f"# A post\n\n要说`React`有什么独特之处，那一定是``并发更新``。{ZH}\n\n{EN}\n"
    text = extract_saved(page).text
    assert "要说React有什么独特之处，那一定是并发更新。" in text and "`" not in text


def test_follow_and_subscribe_blocks_after_a_closing_rule_leave_the_text() -> None:
    closing = (
        "* * *\n\nLiked the post?  \n**[Follow me on X](https://x.example/me)** for more, "
        "and on this site to never miss updates.\n\n* * *\n\nStay on top of new releases by "
        "subscribing to my **[newsletter](https://news.example/)**.\n"
    )
    text = extract_saved(f"# A post\n\n{EN}\n\n{EN} {EN}\n\n{closing}").text
    assert "Follow me" not in text and "subscribing" not in text and "Liked the post" not in text
    assert "reading room." in text


def test_a_last_section_under_a_setext_heading_is_no_closing_block() -> None:
    page = (
        f"# A post\n\n{EN}\n\nSummary\n-------\n\nIf you want more, subscribe to the "
        "council's newsletter.\n\nIt lists every meeting.\n"
    )
    text = extract_saved(page).text
    assert "It lists every meeting." in text


def test_a_contact_line_with_a_protected_address_leaves_the_text() -> None:
    for hidden in (
        "[[email protected]](/cdn-cgi/l/email-protection#a0c)",
        "[【电子邮件保护】](/cdn-cgi/l/x)",
    ):
        page = f"# A post\n\n{ZH}\n\n{EN}\n\n媒体联系：王小姐，010-5555-0101 {hidden}\n"
        text = extract_saved(page).text
        assert "protected" not in text and "保护" not in text and "reading room." in text
