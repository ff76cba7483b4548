"""Tenth round, second set: cross-page edge lines and feed-dump wrappers (our own fixture text)."""

from __future__ import annotations

from archivekit import process_saved
from articlekit import make_article
from boilerkit import find_boilerplate

from extractors.boilerplate import EDGE, SourceBoilerplate, strip_boilerplate, stripped_keys
from extractors.edgeblocks import BLOCK
from extractors.feeddump import unwrap_feed_dumps
from extractors.formats import parse_document

SIGN_OFF = "祝大家部署顺利！"
PLUG = "阅读我们的排程系列的其余部分。"
TOPICS = ["灰度发布", "数据库迁移", "日志采集", "证书轮换"]


def post(i: int, *, plug: bool = True) -> str:
    """Return the text of post ``i`` of an invented engineering blog."""
    topic = TOPICS[i]
    paras = [
        f"本文介绍我们在{topic}上的做法，以及团队在过去一年里踩过的坑和总结出的几条经验。",
        f"第一步是把{topic}拆成可以单独回滚的小步骤，每一步都写进流水线并配上检查项，"
        "任何一步失败都会自动停下来并通知值班的同事。",
        f"第二步是记录每次{topic}的耗时和失败原因，月底汇总后再决定下一季度的改进重点。",
        f"总结一下，{topic}没有银弹，持续记录和小步快跑比一次性的大改造更可靠。",
    ]
    if plug:
        paras.append(PLUG)
    return "\n\n".join([*paras, SIGN_OFF])


def test_a_short_line_closing_two_stories_is_learned_as_an_edge_line() -> None:
    keys = find_boilerplate([post(0), post(1)])
    assert keys and all(k.startswith((EDGE, BLOCK)) for k in keys)  # an edge line, or block
    clean = strip_boilerplate(make_article(post(2), published=None), keys)
    assert SIGN_OFF not in clean.text and PLUG not in clean.text
    assert clean.text.endswith("比一次性的大改造更可靠。")
    assert find_boilerplate([post(0)] * 4) == frozenset()  # copies of one story count once


def test_an_edge_line_is_not_stripped_inside_a_text() -> None:
    keys = find_boilerplate([post(0), post(1)])
    inside = "\n\n".join(
        [post(3, plug=False).split("\n\n")[0], SIGN_OFF, *post(3).split("\n\n")[1:4]]
    )
    inside += "\n\n" + "\n\n".join(["另外一段正文，用来说明中间的句子不受影响。"] * 3)
    assert strip_boilerplate(make_article(inside, published=None), keys).text == inside


def test_a_recurring_subheading_near_the_end_is_no_edge_line() -> None:
    texts = [
        post(i).replace(SIGN_OFF, "延伸阅读与参考资料\n\n" + "本段列出的资料各篇不同。" * (i + 3))
        for i in range(3)
    ]
    assert not any(k.startswith(EDGE) and "延伸阅读" in k for k in find_boilerplate(texts))


def test_force_keeps_only_the_edge_key_of_a_stripped_edge_line() -> None:
    learner = SourceBoilerplate()
    key = "这是只在结尾出现过的一句订阅提示"
    learner.force({key, EDGE + key})
    assert learner.keys() == frozenset({EDGE + key})


HTML = (
    "<p>The harbour board voted on Tuesday to extend the night ferry trial for another year, "
    "citing steady use on weekday evenings.</p><p>Riders had asked for later departures "
    "since the spring timetable began, the board's note says.</p>"
)


def dump(value: str, quote: str = "'") -> str:
    q = quote
    return (
        f"[{{{q}type{q}: {q}text/html{q}, {q}language{q}: None, {q}base{q}: "
        f"{q}https://example.org/feed{q}, {q}value{q}: {value}}}]"
    )


def test_feed_dump_wrapper_is_decoded_to_its_value() -> None:
    text = "# Night ferry trial extended\n\ncontent: " + dump(repr(HTML)) + "\n"
    out = unwrap_feed_dumps(text)
    assert "'type'" not in out and "content:" not in out and HTML in out
    json_form = dump('"' + HTML + '"', quote='"').replace("None", "null")
    assert unwrap_feed_dumps(json_form).strip() == HTML


def test_feed_dump_summary_beside_its_content_is_dropped() -> None:
    summary = dump(repr(HTML[:120] + " […]"))
    out = unwrap_feed_dumps(f"summary: {summary}\n\ncontent: {dump(repr(HTML))}\n")
    assert out.count("night ferry trial") == 1


def test_text_that_only_mentions_a_type_field_is_unchanged() -> None:
    text = "The API returns {'type': 'text/html'} when asked for a page, with no value field.\n"
    assert unwrap_feed_dumps(text) == text


def test_feed_saved_post_extracts_its_article_text() -> None:
    body = "---\ntitle: Night ferry trial extended\n---\n\n" + dump(repr(HTML)) + "\n"
    article = process_saved(body, "night-ferry.md", source="feeds")
    assert article is not None
    assert "extend the night ferry trial" in article.text and "text/html" not in article.text
    assert "'value'" not in article.text and "<p>" not in article.text


def test_stripped_keys_are_those_of_lines_gone_not_of_lines_moved() -> None:
    # Stripping the sign-off moves the other lines into the closing window: their edge keys
    # are new in the stored text, yet nothing of them was stripped.
    fresh = post(0)
    stored = fresh.rsplit("\n\n", 1)[0]
    keys = stripped_keys(fresh, stored)
    assert keys and all(k.lstrip(EDGE) == "祝大家部署顺利" for k in keys)
    assert stripped_keys(fresh, fresh) == frozenset()


def test_an_html_document_is_not_unwrapped() -> None:
    script = "var feed = " + dump(repr(HTML)) + ";"
    page = f"<!DOCTYPE html><html><body><script>{script}</script><p>Text.</p></body></html>"
    assert parse_document(page).body == page
