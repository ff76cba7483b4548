"""Actors and targets: who takes a measure, and who it is aimed at (roles.py)."""

from __future__ import annotations

import pytest
from articlekit import make_article

from extractors.rows import Signal
from extractors.signals import detect_signals
from extractors.signals.actors import actor_of_host
from extractors.signals.records import ActorHit
from extractors.signals.roles import assign_roles, find_targets


def _rows(text: str, language: str = "zh-Hans", **fields: object) -> list[Signal]:
    return detect_signals(make_article(text, language=language, **fields))


def test_export_controls_on_a_country_make_it_the_target_not_the_actor() -> None:
    text = (
        "Senators called for stronger enforcement of chip export controls on China to slow its AI."
    )
    rows = [r for r in _rows(text, "en") if r.signal_type == "export_control"]
    assert rows and all(r.targets == ["CN"] for r in rows)
    assert all("China" not in r.actors and "Chinese Government" not in r.actors for r in rows)
    assert all("CN" not in r.jurisdictions for r in rows)


def test_listing_chinese_firms_names_the_agency_as_actor_and_china_as_target() -> None:
    rows = _rows("美国商务部将140家中国企业列入实体清单，限制其获取AI芯片。")
    listed = [r for r in rows if r.signal_type == "entity_list_sanction"]
    assert listed and listed[0].actors[0] == "US Department of Commerce"
    assert listed[0].targets == ["CN"]


def test_passive_voice_and_english_demonyms_are_targets() -> None:
    text = "华为被美国列入实体清单"
    hits = [
        ActorHit("Huawei", "company", "CN", 0, 2),
        ActorHit("United States", "country", "US", 3, 5),
    ]
    assert find_targets("entity_list_sanction", text, [(0, len(text))], hits) == ["Huawei"]
    en = "BIS added dozens of Chinese chipmakers to the Entity List"
    assert find_targets("entity_list_sanction", en, [(0, len(en))], []) == ["CN"]


def test_a_banned_company_is_the_target_and_the_row_keeps_no_actor() -> None:
    text = "In an executive order, the governor prohibited employees from downloading DeepSeek AI."
    rows = [r for r in _rows(text, "en") if r.signal_type == "executive_action"]
    assert rows and rows[0].targets == ["DeepSeek"] and rows[0].actors == []
    named = _rows("President Trump signed an executive order on AI chips.", "en")
    assert rows[0].confidence < max(r.confidence for r in named)


def test_actor_comes_from_the_issuing_body_when_the_sentence_names_none() -> None:
    text = "Entity List additions for AI chips.\nThe rule adds entities to the Entity List."
    hits: list[ActorHit] = []
    issuer = "AGENCY: Bureau of Industry and Security, Commerce.\n" + text
    roles = assign_roles(
        "entity_list_sanction",
        ("agency", "government"),
        None,
        issuer,
        [(52, len(issuer))],
        hits,
        None,
    )
    assert roles.actor is not None and roles.actor.name == "Bureau of Industry and Security"
    assert roles.actor_from == "lead"
    titled = assign_roles(
        "export_control",
        ("agency", "government"),
        None,
        text,
        [(0, len(text))],
        hits,
        "US Commerce Department tightens AI chip exports",
    )
    assert titled.actor is not None and titled.actor_from == "title"
    nothing = assign_roles("export_control", ("agency",), None, text, [(0, 10)], hits, None)
    assert nothing.actor is None and nothing.actor_from == ""


def test_an_investment_recipient_is_a_target_and_a_jurisdiction() -> None:
    rows = _rows("美国云计算企业计划在日本投资超过4万亿日元，用于新建AI数据中心。")
    capex = [r for r in rows if r.signal_type == "investment_capex"]
    assert capex and capex[0].targets == ["JP"] and "JP" in capex[0].jurisdictions


def test_a_public_bodys_own_page_names_the_actor_a_newsroom_does_not() -> None:
    text = "Export controls on advanced AI chips are tightened from today."
    rows = _rows(text, "en", outlet="Bureau of Industry and Security")
    assert [r.actors[:1] for r in rows if r.signal_type == "export_control"] == [
        ["Bureau of Industry and Security"]
    ]
    news = _rows(text, "en", outlet="Reuters")
    assert [r.actors for r in news if r.signal_type == "export_control"] == [[]]


def test_a_web_address_names_the_company_or_body_it_belongs_to() -> None:
    assert actor_of_host("https://blogs.nvidia.com/blog/some-post/") is not None
    assert getattr(actor_of_host("openai.com"), "name", None) == "OpenAI"
    assert actor_of_host("techcrunch.com") is None
    assert actor_of_host("Reuters") is None  # an outlet's name is not an address


def test_a_statement_without_a_speaker_takes_only_the_pages_own_voice() -> None:
    text = "We urge lawmakers to fund independent testing of frontier AI models."
    span = [(0, len(text))]
    title = "Microsoft and the future of AI testing"
    own = assign_roles(
        "policy_statement", ("person", "company"), None, text, span, [], title, ("openai.com",)
    )
    assert own.actor is not None and own.actor.name == "OpenAI" and own.actor_from == "issuer"
    news = assign_roles(
        "policy_statement", ("person", "company"), None, text, span, [], title, ("wsj.com",)
    )
    assert news.actor is None  # a company in the title is the topic, not the speaker
    third = "Lawmakers were urged to fund independent testing of frontier AI models."
    other = assign_roles(
        "policy_statement",
        ("person", "company"),
        None,
        third,
        [(0, len(third))],
        [],
        None,
        ("openai.com",),
    )
    assert other.actor is None  # not in the first person: not the page's own voice


def test_a_statement_by_a_speaker_outside_the_lexicon_keeps_its_row_without_an_actor() -> None:
    text = "The deputy minister said the government will tighten rules on AI chatbots to protect children."
    rows = [r for r in _rows(text, "en") if r.signal_type == "policy_statement"]
    assert rows and rows[0].actors == []
    named = _rows("President Trump said the government will tighten rules on AI chatbots.", "en")
    statements = [r for r in named if r.signal_type == "policy_statement"]
    assert statements and statements[0].actors[:1] == ["Donald Trump"]
    assert rows[0].confidence < statements[0].confidence


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Washington tightened export controls on advanced AI chips bound for China.", "en"),
        ("New licence rules cover AI accelerators destined for the UAE and Saudi Arabia.", "en"),
        ("美方收紧了对运往中国的高端AI芯片的出口管制。", "zh-Hans"),
    ],
)
def test_a_restricted_shipments_destination_is_a_target_not_the_actor(
    text: str, language: str
) -> None:
    rows = [r for r in _rows(text, language) if r.signal_type == "export_control"]
    assert rows
    for row in rows:
        assert "China" not in row.actors and "Chinese Government" not in row.actors
        assert not set(row.targets).isdisjoint({"CN", "AE", "SA"})
