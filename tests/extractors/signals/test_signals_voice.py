"""The owner of a first-person measure: "we / our / 我们" on a company's or public body's own page."""

from __future__ import annotations

from articlekit import make_article

from extractors.signals import detect_signals
from extractors.signals.classify import analyse
from extractors.signals.roles import page_voice

LAB = "https://www.anthropic.com/news/new-funding"


def _owners(text: str, address: str | None) -> list[str | None]:
    voice = page_voice((address,))
    return [i.actor.name if i.actor else None for i in analyse(text, voice=voice).amounts]


def test_a_page_names_its_owner_by_its_address_and_a_newsroom_names_no_one() -> None:
    owner = page_voice((LAB, "Example Outlet"))
    assert owner is not None and owner.name == "Anthropic"
    assert page_voice(("https://www.example-news.com/tech/1", None)) is None


def test_we_on_a_companys_own_page_is_the_company_not_an_investor_named_later() -> None:
    text = (
        "Today we are announcing that we have closed $13 billion in new funding, led by a growth "
        "fund with participation from Google, to pay for more compute."
    )
    assert _owners(text, LAB) == ["Anthropic"]
    assert _owners(text, None) == ["Google"]  # a newsroom's "we": the nearest company stays


def test_a_company_named_between_we_and_the_amount_keeps_the_amount() -> None:
    text = "We welcome that Microsoft will invest $10 billion in AI data centres in our region."
    assert _owners(text, LAB) == ["Microsoft"]


def test_chinese_first_person_on_the_companys_own_site() -> None:
    text = "我们宣布，今年将投入100亿元用于人工智能算力中心建设，合作伙伴包括英伟达。"
    assert _owners(text, "https://www.tencent.com/zh-cn/articles/1") == ["Tencent"]


def test_the_row_of_a_first_person_round_names_the_owner_first() -> None:
    text = (
        "Today we are announcing that we have closed $13 billion in new funding, led by a growth "
        "fund with participation from Google. The money will expand our compute for research."
    )
    rows = detect_signals(make_article(text, language="en", url=LAB))
    money = [r for r in rows if r.amount_value == 13e9]
    assert money and money[0].actors[0] == "Anthropic"
    assert money[0].signal_type == "investment_capex"


def test_an_actorless_first_person_measure_takes_the_pages_owner_not_the_title() -> None:
    text = "我们今天发布《生成式人工智能服务管理办法》，对大模型服务提供者提出备案要求。"
    title = "美国商务部加强芯片出口管制"  # a ministry's page whose title names someone else
    page = make_article(text, url="https://www.miit.gov.cn/xwdt/1.html", title=title)
    rows = [r for r in detect_signals(page) if r.signal_type == "legislation_regulation"]
    assert rows and rows[0].actors[0] == "Ministry of Industry and Information Technology"
