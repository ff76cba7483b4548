"""Unit tests of the extraction helpers: repair, dates, language, metadata, near-duplicates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from articlekit import make_article

from extractors.bylines import find_byline, find_labelled_author
from extractors.chromeline import is_keyword_spam, is_shouted_headline
from extractors.clean import remove_chrome
from extractors.dates import get_zone, parse_date, parse_date_value
from extractors.formats import host_of, parse_document, parse_front_matter
from extractors.language import convert_to_simplified, detect_language
from extractors.metadata import strip_site_suffix
from extractors.neardup import (
    HAMMING_THRESHOLD,
    find_near_duplicate,
    measure_distance,
    simhash_text,
)
from extractors.repair import join_wrapped_lines, repair_text, strip_pinyin_notes, strip_ruby
from extractors.visibletext import render_visible_text

SHANGHAI = get_zone("Asia/Shanghai")


def test_strip_pinyin_notes() -> None:
    assert strip_pinyin_notes("網(wǎng)易首頁") == "網易首頁"
    assert strip_pinyin_notes("聯邦A(yù)I資金") == "聯邦AI資金"
    assert strip_pinyin_notes("拜登（Joe Biden）和(AI)") == "拜登（Joe Biden）和(AI)"


def test_strip_ruby_and_stray_markup() -> None:
    assert strip_ruby("<ruby>量子<rt>liàngzǐ</rt></ruby>") == "<ruby>量子</ruby>"
    assert repair_text("这场AI竞赛?/p>") == "这场AI竞赛"
    assert repair_text("A&amp;B&nbsp;C") == "A&B C"


def test_join_wrapped_lines() -> None:
    block = "微软计划投入约 800\n亿美元用于建设数据中心，这一计划在业内引发了广泛的讨论和关注，各方纷纷表态"
    wrapped = "一" * 30 + "约 800\n亿美元。"
    assert join_wrapped_lines(wrapped) == ["一" * 30 + "约 800亿美元。"]
    assert join_wrapped_lines("短标题\n正文第一段。") == ["短标题", "正文第一段。"]
    assert len(join_wrapped_lines(block, wraps=False)) == 2


def test_parse_dates_in_many_formats() -> None:
    want = datetime(2025, 1, 4, 7, 16, tzinfo=SHANGHAI)
    assert parse_date("2025-01-04 07:16", SHANGHAI) == want
    assert parse_date("2025年1月4日 07:16", SHANGHAI) == want
    assert parse_date("2025/01/04 07:16", SHANGHAI) == want
    assert parse_date("1/4/2025 7:16 AM", SHANGHAI) == want
    assert parse_date("2024-12-05T01:40:44.000Z", SHANGHAI) == datetime(
        2024, 12, 5, 1, 40, 44, tzinfo=UTC
    )
    assert parse_date("Jan. 21, 2025", UTC) == datetime(2025, 1, 21, tzinfo=UTC)
    assert parse_date("21 January 2025", UTC) == datetime(2025, 1, 21, tzinfo=UTC)
    assert parse_date("no date here", UTC) is None
    aware = parse_date("2025-07-23T10:00:00-04:00", UTC)
    assert aware is not None and aware.utcoffset() == timedelta(hours=-4)
    assert parse_date_value(datetime(2025, 1, 1), SHANGHAI) == datetime(2025, 1, 1, tzinfo=SHANGHAI)


def test_detect_language_and_script() -> None:
    assert detect_language("美国政府发布了新的人工智能行动计划，涉及数据中心和出口。") == "zh-Hans"
    assert detect_language("美國政府發布了新的人工智慧行動計劃，涉及資料中心和出口。") == "zh-Hant"
    assert detect_language("The White House released a new artificial intelligence plan.") == "en"
    assert detect_language("政府は人工知能の新しい計画を発表しました。") == "ja"
    assert detect_language("Le gouvernement a publié un nouveau plan sur l'intelligence.") == "fr"
    assert convert_to_simplified("網易號") == "网易号"


def test_title_suffix_and_bylines() -> None:
    assert strip_site_suffix("國科會預告AI基本法草案 - 科技新報") == "國科會預告AI基本法草案"
    assert strip_site_suffix("Stargate pledges $500bn | Tech Ledger") == "Stargate pledges $500bn"
    assert strip_site_suffix("美商务部发布新规_科技频道_示例网") == "美商务部发布新规"
    assert find_byline(["文/科技政策观察 林知远", "正文"]) == ("林知远", 0)
    assert find_byline(["By Jordan Ellis"]) == ("Jordan Ellis", 0)
    assert find_labelled_author("2025-01-22 来源：华信网 作者：周明远 【打印】") == "周明远"


def test_front_matter_and_dump_headers() -> None:
    split = parse_front_matter("---\ntitle: T\ndate: 2024-12-05\n---\nbody")
    assert split is not None and split[0]["title"] == "T" and split[1] == "body"
    doc = parse_document("# 标题\n\n文章作者: 某某\n发布时间: 2025-01-04 07:16\n\n正文。")
    assert doc.kind == "text" and doc.meta["author"] == "某某"
    assert "文章作者" not in doc.body and doc.headings == ["标题"]


def test_classifier_drops_chrome_keeps_body() -> None:
    body = [
        "人工智能法案正式生效，各方开始评估合规成本。" * 3,
        "二、企业需要做什么",
        "高风险系统的提供者需要建立风险管理制度并保存技术文档。" * 2,
    ]
    paras = [
        "网易首页 > 网易号 > 正文",
        "0",
        "分享至",
        *body,
        "特别声明：以上内容为自媒体平台用户上传并发布，本平台仅提供信息存储服务。",
        "相关推荐",
        "某地暴雨 多条道路封闭",
        "城市快讯",
        "2025-07-22 18:20:11",
        "汽车新闻",
    ]
    assert remove_chrome(paras, paras) == body
    assert is_keyword_spam("高清影视|免费小说|彩票开奖|低价机票")
    assert not is_keyword_spam("Pos | Player | 63 | 85% | 1 tackle")


def test_simhash_near_duplicates() -> None:
    text = "美国商务部工业与安全局发布新的出口管制规则，进一步收紧先进计算芯片对华出口。" * 8
    near = text.replace("进一步", "再次", 1) + "（来源：示例网）"
    other = "欧盟人工智能法案正式生效，禁止性条款将于明年二月起适用，通用模型义务随后生效。" * 8
    a, b, c = simhash_text(text), simhash_text(near), simhash_text(other)
    assert -(2**63) <= a < 2**63
    assert measure_distance(a, b) <= HAMMING_THRESHOLD < measure_distance(a, c)
    early, late = datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 1, 2, tzinfo=UTC)
    candidates = [("late", b, late), ("early", a, early), ("other", c, early)]
    assert find_near_duplicate(b, late + timedelta(days=1), candidates, "new") == "early"
    assert find_near_duplicate(a, early - timedelta(days=1), candidates, "new") is None
    assert find_near_duplicate(c + 1 if c < 2**63 - 1 else c - 1, None, [], "new") is None
    # Same date: the smaller article id is the first copy, whichever was stored first.
    assert find_near_duplicate(b, early, candidates, "zzz") == "early"
    assert find_near_duplicate(b, early, candidates, "aaa") is None
    assert find_near_duplicate(a, early, candidates, "early") is None  # never itself


def test_simhash_fingerprints_are_stable() -> None:
    # Stored fingerprints are compared with new ones: these values come from the pure-Python
    # implementation the numpy one replaced (short text, 1-in-4 and 1-in-8 shingle samples,
    # full-width folding, the under-4-token case, empty text).
    english = " ".join(
        f"Clause {i} of the draft asks providers to keep logs of model changes for {i % 7 + 2} years."
        for i in range(40)
    )
    chinese = "".join(
        f"第{i}条规定，人工智能服务提供者应当在{i % 9 + 1}个工作日内报告安全事件。"
        for i in range(120)
    )
    expected = {
        "Regulators in three countries published draft rules on AI audits this week.": (
            -6195581346192460618
        ),
        english: 2879058649327481098,
        chinese: 1289630782506882044,
        "ＡＩ法案第１２条：ｆｕｌｌ－ｗｉｄｔｈ letters fold.": 6927149789046187188,
        "ab": -7905607334945977262,
        "": 0,
    }
    assert {text: simhash_text(text) for text in expected} == expected


def test_cross_page_boilerplate() -> None:
    import dataclasses
    import hashlib

    from boilerkit import find_boilerplate

    from extractors.boilerplate import strip_boilerplate

    promo = "欢迎订阅本站早报，每天八点送达。"
    texts = [f"第{i}篇正文，讲述人工智能政策的新进展。\n\n{promo}" for i in range(5)]
    found = find_boilerplate([*texts, "另一篇没有推广语的文章。"])
    assert len(found) == 1
    base = make_article(texts[0], published=None, text_hans=texts[0], language="zh-Hans")
    clean = strip_boilerplate(base, found)
    assert promo not in clean.text and clean.text_hans == clean.text
    assert clean.content_hash == hashlib.sha256(clean.text.encode()).hexdigest()
    assert (
        strip_boilerplate(dataclasses.replace(base, text="只有正文。"), found).text == "只有正文。"
    )
    assert find_boilerplate(texts[:2]) == frozenset()


def test_empty_brackets_and_image_placeholders() -> None:
    assert (
        repair_text("拜登()表示，[图片]新规（）将于明年生效。【图】[1] (b)")
        == "拜登表示，新规将于明年生效。[1] (b)"
    )


def test_render_visible_text_collapses_blanks_and_breaks() -> None:
    markup = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<p>第一段\u3000 \t内容 \r\n  </p>\n\n<div> second&nbsp;&amp; line\u00a0</div>"
        "<script>var x = 1;</script><!-- note --><p>\u2003em\u2003\nend</p></body></html>"
    )
    assert render_visible_text(markup) == "第一段 内容\nsecond & line\nem\u2003\nend"


def test_shouted_headlines() -> None:
    """Test the capitals test, its early exit on lower-case lines and its 90% bound."""
    assert is_shouted_headline("BREAKING: THE COUNCIL PASSES THE AI ACT")
    assert is_shouted_headline("ÉTATS GÉNÉRAUX DE L'IA À PARIS")  # capitals outside ASCII
    assert not is_shouted_headline("Breaking: the council passes the AI act")
    assert is_shouted_headline("THE COUNCIL PASSES THE NEW RULEs x")  # 2 of 25 letters small
    assert not is_shouted_headline("THE COUNCIL PASSES rules x")  # 6 of 22 letters small
    assert not is_shouted_headline("人工智能 监管 新规")  # letters, but no capitals


def test_stray_tags_with_and_without_an_opening_bracket() -> None:
    """Test the stray-tag guard: a closing tag without "<" still goes, quoted text stays."""
    assert repair_text("The vote passed./DIV> Next") == "The vote passed. Next"
    assert repair_text("<span class=x>The vote</span> passed") == "The vote passed"
    quoted = "> On Monday the chair wrote:\n> the draft goes to a vote -> see http://x.org/a/b"
    assert repair_text(quoted) == quoted


def test_host_of_reads_a_host_and_names_none_for_a_malformed_address() -> None:
    assert host_of("https://WWW.Example.org/a") == "example.org"
    assert host_of("//cdn.example.com/x") == "cdn.example.com"
    assert host_of("http://[::1") is None  # an unclosed IPv6 bracket: no host, no exception
    assert host_of("notes/local.md") is None


def test_a_front_matter_address_without_a_host_is_no_outlet_host() -> None:
    doc = parse_document("---\ntitle: A note\nurl: http://[::1\n---\n\nSome text of the note.\n")
    assert doc.meta.get("outlet_host") is None
