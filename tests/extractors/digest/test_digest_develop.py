"""One item per development: money across types and currencies, parts, speakers, noise."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from digest_rows import Rows

from extractors.digest import Digest, WeekInput, build_digest
from extractors.digest.markdown import render_markdown
from extractors.digest.model import ArticleRef, Mention
from extractors.rows import Article, Signal

DAY = datetime(2025, 9, 2, 8, tzinfo=UTC)
KINDS = {
    "European Commission": "intl_org",
    "European Union": "intl_org",
    "Ursula von der Leyen": "person",
    "Microsoft": "company",
    "Amazon": "company",
    "Brookfield": "company",
    "Government of France": "government",
    "JD Vance": "person",
    "US Government": "government",
    "Samsung": "company",
    "Donald Trump": "person",
}


def _mention(article: Article, signal: Signal) -> Mention:
    assert article.published_at is not None
    ref = ArticleRef(
        article.article_id, article.published_at.date(), article.source, article.outlet
    )
    return Mention(signal, ref)


def _digest(mentions: list[Mention]) -> Digest:
    week = WeekInput("2025-W36", date(2025, 9, 1), date(2025, 9, 7), "UTC", mentions)
    return build_digest(replace(week, actor_kinds=KINDS), similar=None)


def test_one_announcement_in_two_types_two_currencies_and_its_parts_is_one_item(
    rows: Rows,
) -> None:
    a = rows.article("a", DAY, outlet="HKEJ", language="zh-Hant")
    b = rows.article("b", DAY, outlet="PingWest", language="zh-Hans")
    c = rows.article("c", DAY, outlet="TechCrunch")
    eu = ["EU"]
    mentions = [
        _mention(a, rows.signal(a, "government_ai_budget", ["European Commission"],
                                "EU to mobilise EUR 200bn for AI", 226e9, 200e9, "EUR", eu)),
        _mention(a, rows.signal(a, "government_ai_budget", ["European Commission"],
                                "EUR 20bn of it for AI gigafactories", 22.6e9, 20e9, "EUR", eu)),
        _mention(b, rows.signal(b, "investment_capex", ["European Union"],
                                "欧盟将向人工智能投入约1.6万亿港元", 205e9, 1.6e12, "HKD", eu)),
        _mention(c, rows.signal(c, "government_ai_budget", ["European Union"],
                                "The EU will spend EUR 50bn on AI", 56.5e9, 50e9, "EUR", eu)),
    ]  # fmt: skip
    digest = _digest(mentions)
    assert len(digest.items) == 2  # EUR 50bn is stated alone in its article: not shown as a part
    total = digest.items[0]
    assert total.amount_value == 200e9 and total.amount_currency == "EUR"
    assert len(total.articles) == 2 and total.signal_type == "government_ai_budget"
    assert "Also stated:** HKD 1.6 trillion; EUR 20 billion" in render_markdown(digest)


def test_two_companies_with_close_amounts_stay_two_items(rows: Rows) -> None:
    a = rows.article("a", DAY)
    us = ["US"]
    mentions = [
        _mention(a, rows.signal(a, "investment_capex", ["Microsoft"],
                                "Microsoft to spend $80bn on AI data centers", 80e9, jurisdictions=us)),
        _mention(a, rows.signal(a, "investment_capex", ["Amazon"],
                                "Amazon plans $83bn of AI capex", 83e9, jurisdictions=us)),
    ]  # fmt: skip
    assert len(_digest(mentions).items) == 2


def test_a_speaker_joins_the_development_they_announce_and_a_week_of_quotes_is_one_item(
    rows: Rows,
) -> None:
    a = rows.article("a", DAY)
    b = rows.article("b", DAY, outlet="The Hill")
    c = rows.article("c", DAY, outlet="Barrons")
    mentions = [
        _mention(a, rows.signal(a, "government_ai_budget", ["European Commission", "Ursula von der Leyen"],
                                "EU to mobilise EUR 200bn for AI", 226e9, 200e9, "EUR", ["EU"])),
        _mention(a, rows.signal(a, "policy_statement", ["Ursula von der Leyen"],
                                "Von der Leyen: our AI ambition is EUR 200bn", jurisdictions=["EU"])),
        _mention(b, rows.signal(b, "policy_statement", ["JD Vance", "US Government"],
                                "Vance warns against excessive AI regulation")),
        _mention(c, rows.signal(c, "policy_statement", ["JD Vance"],
                                "Vance: the best AI chips will be made in America")),
    ]  # fmt: skip
    items = _digest(mentions).items
    assert len(items) == 2
    money = next(i for i in items if i.amount_usd)
    assert money.signal_type == "government_ai_budget" and len(money.mentions) == 2
    vance = next(i for i in items if not i.amount_usd)
    assert (
        vance.headline.startswith("JD Vance (US Government) speaks out") and vance.n_articles == 2
    )


def test_off_topic_weak_and_company_only_signals_are_not_shown(rows: Rows) -> None:
    a = rows.article("a", DAY)
    mentions = [
        _mention(a, rows.signal(a, "executive_action", ["Donald Trump"],
                                "Trump signs an order on steel and aluminium tariffs")),
        _mention(a, rows.signal(a, "model_release", ["Microsoft"], "Microsoft may launch AI tools",
                                confidence=0.55)),
        _mention(a, rows.signal(a, "policy_statement", ["Samsung"],
                                "Samsung says its phones bring AI to users")),
    ]  # fmt: skip
    digest = _digest(mentions)
    assert digest.items == [] and digest.n_hidden == 3
    assert "3 signals not shown" in render_markdown(digest)


def test_a_measure_aimed_at_someone_is_worded_without_an_unnamed_actor(rows: Rows) -> None:
    a = rows.article("a", DAY)
    ban = rows.signal(a, "executive_action", [], "The governor's order bans DeepSeek AI on devices")
    digest = _digest([_mention(a, replace(ban, targets=["DeepSeek"], jurisdictions=[]))])
    (item,) = digest.items
    assert item.headline == "Executive action on AI targeting DeepSeek (Sep 2)"
    assert item.actors == [] and item.targets == ["DeepSeek"]
    top = render_markdown(digest).split("## Top items", 1)[1].split("\n## ", 1)[0]
    assert "targeting DeepSeek" not in top  # no named actor: kept out of Top items


def test_past_pledges_recalled_this_week_do_not_join_this_weeks_money(rows: Rows) -> None:
    a = rows.article("a", DAY)
    fr, jan = ["FR"], (date(2025, 1, 21), date(2025, 1, 21))
    mentions = [
        _mention(a, rows.signal(a, "investment_capex", ["Government of France"],
                                "France announces EUR 109bn of AI investment", 123e9, 109e9, "EUR", fr)),
        _mention(a, rows.signal(a, "investment_capex", ["Government of France"],
                                "after January's $100bn AI pledge", 100e9, jurisdictions=fr, period=jan)),
    ]  # fmt: skip
    assert len(_digest(mentions).items) == 2


def test_more_than_twenty_items_leave_the_rest_as_one_line_each(rows: Rows) -> None:
    mentions = []
    for n in range(24):
        art = rows.article(f"a{n}", DAY, outlet=f"Outlet {n}")
        mentions.append(_mention(art, rows.signal(
            art, "investment_capex", [f"Company {n}"], f"Company {n} invests in AI", (n + 1) * 1e9
        )))  # fmt: skip
    digest = _digest(mentions)
    assert sum(not i.compact for i in digest.items) == 20
    md = render_markdown(digest)
    also = md.split("## Also this week", 1)[1].split("\n## ", 1)[0]
    assert sum(line.startswith("- ") for line in also.splitlines()) == 4


def test_a_plans_amount_free_parts_in_the_same_article_join_it(rows: Rows) -> None:
    a = rows.article("a", DAY)
    b = rows.article("b", DAY, outlet="Other")
    eu = ["EU"]
    mentions = [
        _mention(a, rows.signal(a, "government_ai_budget", ["European Union"],
                                "EU to mobilise EUR 200bn for AI", 226e9, 200e9, "EUR", eu)),
        _mention(a, rows.signal(a, "talent_skills", ["European Union"],
                                "The EU will set up AI talent and computing hubs", jurisdictions=eu)),
        _mention(b, rows.signal(b, "talent_skills", ["Government of France"],
                                "France trains AI skills in schools", jurisdictions=["FR"])),
        _mention(a, rows.signal(a, "legislation_regulation", ["European Union"],
                                "The EU AI Act applies from August", jurisdictions=eu)),
    ]  # fmt: skip
    items = _digest(mentions).items
    assert len(items) == 3  # the hubs join the plan; France's skills and the EU rule do not
    plan = next(i for i in items if i.amount_usd)
    assert {m.signal.signal_type for m in plan.mentions} == {
        "government_ai_budget",
        "talent_skills",
    }


WEEK_KINDS = {
    **KINDS,
    "European Union": "government",
    "UK AI Security Institute": "agency",
    "UK Government": "government",
    "Dario Amodei": "person",
    "Anthropic": "company",
    "Narendra Modi": "person",
    "OECD": "intl_org",
    "Saudi Arabia": "country",
    "Tencent": "company",
}


def _week(mentions: list[Mention], seen: dict[str, date] | None = None) -> Digest:
    week = WeekInput("2025-W36", date(2025, 9, 1), date(2025, 9, 7), "UTC", mentions, seen or {})
    return build_digest(replace(week, actor_kinds=WEEK_KINDS), similar=None)


def test_a_whole_government_named_in_two_articles_does_not_make_them_one_rule(rows: Rows) -> None:
    a = rows.article("a", DAY)
    b = rows.article("b", DAY, outlet="Other")
    eu = ["EU"]
    mentions = [
        _mention(a, rows.signal(a, "legislation_regulation", ["European Union"],
                                "The AI Act sets one rulebook for AI", jurisdictions=eu)),
        _mention(b, rows.signal(b, "legislation_regulation", ["European Union"],
                                "EU privacy regulators discuss the DeepSeek AI app", jurisdictions=eu)),
    ]  # fmt: skip
    assert len(_week(mentions).items) == 2


def test_amount_free_rows_join_across_articles_only_under_one_lead(rows: Rows) -> None:
    a = rows.article("a", DAY)
    b = rows.article("b", DAY, outlet="Other")
    c = rows.article("c", DAY, outlet="Third")
    mentions = [
        _mention(a, rows.signal(a, "international_governance", ["OECD", "JD Vance"],
                                "OECD leaders arrive for the AI summit")),
        _mention(b, rows.signal(b, "international_governance", ["JD Vance", "OECD"],
                                "Vance tells the AI summit the US will not sign")),
        _mention(c, rows.signal(c, "international_governance", ["OECD"],
                                "The OECD hosts AI talks")),
    ]  # fmt: skip
    items = _week(mentions).items
    assert sorted(i.n_articles for i in items) == [1, 2]  # only the two OECD-led rows join


def test_a_key_without_amount_or_period_seen_before_does_not_make_an_update(rows: Rows) -> None:
    a = rows.article("a", DAY)
    speech = rows.signal(a, "policy_statement", ["JD Vance"], "Vance: AI must stay free of bias",
                         dedupe_key="policy_statement|jd_vance|statement||")  # fmt: skip
    pledge = rows.signal(a, "investment_capex", ["Microsoft"], "Microsoft to spend $80bn on AI",
                         80e9, dedupe_key="investment_capex|microsoft|amount||usd80")  # fmt: skip
    earlier = {speech.dedupe_key: date(2024, 12, 3), pledge.dedupe_key: date(2025, 1, 4)}
    digest = _week([_mention(a, speech), _mention(a, pledge)], earlier)
    assert [i.headline.split(" ")[0] for i in digest.new_items] == ["JD"]
    assert [i.headline.split(" ")[0] for i in digest.updates] == ["Microsoft"]


def test_a_quote_beside_a_government_in_its_announcement_joins_the_announcement(
    rows: Rows,
) -> None:
    a = rows.article("a", DAY)
    mentions = [
        _mention(a, rows.signal(a, "strategy_action_plan", ["UK AI Security Institute"],
                                "The AI Safety Institute becomes the AI Security Institute",
                                jurisdictions=["GB"])),
        _mention(a, rows.signal(a, "policy_statement", ["Dario Amodei", "Anthropic", "UK Government"],
                                "AI can transform how governments serve citizens, Amodei said",
                                jurisdictions=["US", "GB"])),
    ]  # fmt: skip
    (item,) = _week(mentions).items
    assert item.signal_type == "strategy_action_plan" and len(item.mentions) == 2


def test_a_speech_partly_read_as_a_rule_is_a_voice_of_its_governments_measure(
    rows: Rows,
) -> None:
    a = rows.article("a", DAY)
    b = rows.article("b", DAY, outlet="Other")
    quote = "Vance warns Europe against excessive AI regulation"
    mentions = [
        _mention(a, rows.signal(a, "policy_statement", ["JD Vance", "US Government"], quote)),
        _mention(a, rows.signal(a, "legislation_regulation", ["JD Vance", "US Government"], quote)),
        _mention(b, rows.signal(b, "policy_statement", ["JD Vance"], "Vance: AI chips made in the US")),
        _mention(b, rows.signal(b, "legislation_regulation", ["US Government"],
                                "The administration will relax AI regulation")),
    ]  # fmt: skip
    (item,) = _week(mentions).items
    assert item.signal_type == "legislation_regulation" and item.n_articles == 2


def test_a_person_quoted_alone_is_shown_and_a_company_quoted_alone_is_not(rows: Rows) -> None:
    a = rows.article("a", DAY)
    mentions = [
        _mention(a, rows.signal(a, "policy_statement", ["Narendra Modi"],
                                "Countries should build open-source AI", jurisdictions=["IN"])),
        _mention(a, rows.signal(a, "policy_statement", ["Samsung"],
                                "Samsung says its phones bring AI to users", jurisdictions=["KR"])),
    ]  # fmt: skip
    (item,) = _week(mentions).items
    assert item.actors == ["Narendra Modi"]


def test_a_pledge_naming_no_payer_into_a_country_joins_that_countrys_total(rows: Rows) -> None:
    a = rows.article("a", DAY)
    b = rows.article("b", DAY, outlet="Other")
    sa = ["SA"]
    groq = rows.signal(b, "investment_capex", [], "A $1.5bn AI inference commitment in Riyadh",
                       1.5e9, jurisdictions=sa)  # fmt: skip
    mentions = [
        _mention(a, rows.signal(a, "investment_capex", ["Saudi Arabia"],
                                "Saudi Arabia signs $14.9bn of AI deals on day one", 14.9e9,
                                jurisdictions=sa)),
        _mention(b, replace(groq, targets=["SA"])),
        _mention(b, rows.signal(b, "investment_capex", ["Tencent"],
                                "Tencent Cloud to invest $150m in a Saudi AI data centre", 150e6,
                                jurisdictions=["CN", "SA"])),
    ]  # fmt: skip
    items = _week(mentions).items
    assert sorted(len(i.mentions) for i in items) == [1, 2]  # Tencent names its payer: apart
    total = next(i for i in items if i.amount_usd == 14.9e9)
    assert {m.signal.amount_usd for m in total.mentions} == {14.9e9, 1.5e9}
