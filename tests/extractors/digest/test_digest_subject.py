"""Who an article is about: title actors, passing mentions, who leads, one specific sum (own text)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from digest_rows import Rows

from extractors.digest import Digest, build_digest
from extractors.digest.cluster import significant_digits
from extractors.digest.embed import Pairs
from extractors.digest.model import ArticleRef, Mention, WeekInput
from extractors.digest.subject import shared_names, title_first
from extractors.rows import Signal
from flows.digest import actor_kinds

MONDAY = date(2025, 3, 3)


def _mention(rows: Rows, name: str, title: str, day: int = 4, **kw: object) -> Mention:
    """Return one mention of an article with a title; kw goes to the signal factory."""
    when = datetime(2025, 3, day, 9, tzinfo=UTC)
    article = rows.article(name, when, outlet=f"Outlet {name}", title=title)
    actors = kw.pop("actors", [])
    jurisdictions = kw.pop("jurisdictions", None)
    signal: Signal = rows.signal(article, actors=actors, **kw)  # type: ignore[arg-type]  # kw holds the factory's own keywords
    if jurisdictions is not None:
        signal = replace(signal, jurisdictions=jurisdictions)
    ref = ArticleRef(article.article_id, when.date(), "test", article.outlet, title, None, name)
    return Mention(signal, ref)


def _digest(mentions: list[Mention], similar: object = None) -> Digest:
    inp = WeekInput(
        week="2025-W10",
        first_day=MONDAY,
        last_day=date(2025, 3, 9),
        timezone="UTC",
        mentions=mentions,
        actor_kinds=actor_kinds(),
    )
    return build_digest(inp, similar)  # type: ignore[arg-type]  # None or a stub encoder


def test_an_actorless_measure_takes_the_public_actor_its_title_names(rows: Rows) -> None:
    m = _mention(
        rows,
        "sg",
        "Singapore launches a sandbox for testing AI models",
        signal_type="strategy_action_plan",
        evidence="A new sandbox will let firms test AI models against safety benchmarks.",
        jurisdictions=[],
    )
    (item,) = _digest([m]).items
    assert item.actors[:1] == ["Singapore"]
    assert item.jurisdictions[:1] == ["SG"]
    assert "unnamed" not in item.headline.lower()


def test_a_company_in_the_title_is_not_taken_as_the_author_of_a_rule(rows: Rows) -> None:
    m = _mention(
        rows,
        "ban",
        "Agencies told to stop using DeepSeek on work phones",
        signal_type="legislation_regulation",
        evidence="Public servants may no longer install the AI chatbot on official devices.",
    )
    (item,) = _digest([m]).items
    assert "DeepSeek" not in item.actors


def test_an_english_passage_shares_a_name_with_its_title(rows: Rows) -> None:
    m = _mention(
        rows,
        "goa",
        "Goa To Train School Teachers In AI Tools",
        signal_type="talent_skills",
        evidence="Goa will train 5,000 school teachers in AI tools this year, the minister said.",
        jurisdictions=[],
    )
    (item,) = _digest([m]).items
    assert item.actors == ["Goa"]
    assert shared_names("The state said Goa will act.", "Goa acts") == ["Goa"]


def test_a_latin_name_inside_chinese_text_is_not_taken_as_the_actor(rows: Rows) -> None:
    evidence = "某芯片公司宣布以 2.13 億美元全現金收購 Zentra，交易預計年內完成。"
    assert shared_names(evidence, "芯片公司收購 Zentra") == []


def test_a_passing_mention_joins_the_development_its_article_is_about(rows: Rows) -> None:
    plan = _mention(
        rows,
        "bf",
        "Brookfield to build AI data centres in France",
        signal_type="investment_capex",
        actors=["Brookfield"],
        evidence="Brookfield will invest EUR 20 billion in AI data centres in France.",
        amount_usd=21e9,
        jurisdictions=["FR"],
    )
    aside = replace(
        _mention(
            rows,
            "bf",
            "Brookfield to build AI data centres in France",
            signal_type="model_release",
            actors=["Mistral AI"],
            evidence="Mistral AI released a free chat assistant last week.",
            jurisdictions=["FR"],
        ),
        article=plan.article,
    )
    items = _digest([plan, aside]).items
    assert [i.actors[0] for i in items] == ["Brookfield"]
    assert len(items[0].mentions) == 2


def test_a_development_the_title_names_stays_its_own_item(rows: Rows) -> None:
    title = "Brookfield to build AI data centres in France as Mistral AI ships an assistant"
    plan = _mention(
        rows,
        "bf2",
        title,
        signal_type="investment_capex",
        actors=["Brookfield"],
        evidence="Brookfield will invest EUR 20 billion in AI data centres in France.",
        amount_usd=21e9,
        jurisdictions=["FR"],
    )
    release = replace(
        _mention(
            rows,
            "bf2",
            title,
            signal_type="model_release",
            actors=["Mistral AI"],
            evidence="Mistral AI released a free chat assistant last week.",
            jurisdictions=["FR"],
        ),
        article=plan.article,
    )
    assert len(_digest([plan, release]).items) == 2


def test_the_actor_a_title_names_leads_the_item(rows: Rows) -> None:
    m = _mention(
        rows,
        "sb",
        "SoftBank's Vision Fund makes a new AI bet",
        signal_type="investment_capex",
        actors=["OpenAI", "SoftBank"],
        evidence="The fund will put another USD 1.5 billion into OpenAI.",
        amount_usd=1.5e9,
    )
    (item,) = _digest([m]).items
    assert item.actors[0] == "SoftBank"
    assert title_first(["OpenAI", "SoftBank"], ["OpenAI and SoftBank"]) == ["OpenAI", "SoftBank"]


def _sum_pair(rows: Rows, usd: float) -> list[Mention]:
    named = _mention(
        rows,
        f"acme-{usd}",
        "Chipmaker agrees to buy an edge AI start-up",
        signal_type="investment_capex",
        actors=["Acme Semiconductors"],
        evidence=f"Acme Semiconductors will buy the edge AI start-up for USD {usd / 1e6:g} million.",
        amount_usd=usd,
        jurisdictions=["NL"],
    )
    anonymous = _mention(
        rows,
        f"anon-{usd}",
        "Edge AI deal announced",
        signal_type="investment_capex",
        evidence=f"The deal values the edge AI start-up at USD {usd / 1e6:g} million in cash.",
        amount_usd=usd,
        jurisdictions=[],
    )
    return [named, anonymous]


def test_one_specific_sum_stated_without_payer_joins_its_twin(rows: Rows) -> None:
    (item,) = _digest(_sum_pair(rows, 307e6)).items
    assert item.actors == ["Acme Semiconductors"] and item.n_articles == 2


def test_a_round_sum_without_payer_stays_apart(rows: Rows) -> None:
    assert len(_digest(_sum_pair(rows, 1500e6)).items) == 2
    assert (significant_digits(307e6), significant_digits(1.5e9), significant_digits(2e11)) == (
        3,
        2,
        1,
    )


def test_a_summit_its_host_mentions_beside_its_plan_is_part_of_the_plan(rows: Rows) -> None:
    title = "France sets out a national AI investment plan"
    plan = _mention(
        rows,
        "fr",
        title,
        signal_type="investment_capex",
        actors=["France"],
        evidence="France will see EUR 109 billion of AI investment in the coming years.",
        amount_usd=118e9,
        jurisdictions=["FR"],
    )
    summit = replace(
        _mention(
            rows,
            "fr",
            title,
            signal_type="international_governance",
            actors=["France"],
            evidence="France hosts an international AI summit in Paris this week.",
            jurisdictions=["FR"],
        ),
        article=plan.article,
    )
    (item,) = _digest([plan, summit]).items
    assert item.signal_type == "investment_capex" and len(item.mentions) == 2


def test_title_actors_do_not_make_alike_statements_one_voice(rows: Rows) -> None:
    a = _mention(
        rows,
        "sg-talk",
        "Singapore minister on AI rules",
        signal_type="policy_statement",
        evidence="We must keep AI rules simple so that firms can keep building, she said.",
        jurisdictions=[],
    )
    b = _mention(
        rows,
        "kr-talk",
        "South Korea's minister on AI rules",
        signal_type="policy_statement",
        evidence="We must keep AI rules simple so firms can keep building, he said.",
        jurisdictions=[],
    )

    def alike(texts: object, threshold: float) -> Pairs:
        return [(0, 1, 0.95)]

    items = _digest([a, b], alike).items
    assert len(items) == 2


def test_an_item_nobody_is_named_taking_is_listed_compactly_after_named_ones(rows: Rows) -> None:
    nameless = _mention(
        rows,
        "nameless",
        "New rules for AI chatbots",
        signal_type="legislation_regulation",
        evidence="Operators of AI chatbots must label generated content from next month.",
        jurisdictions=[],
        confidence=0.95,
    )
    named = _mention(
        rows,
        "named",
        "Singapore sets up an AI testing office",
        signal_type="talent_skills",
        actors=["Singapore"],
        evidence="Singapore will train 1,000 AI testers.",
        jurisdictions=["SG"],
        confidence=0.6,
    )
    first, second = _digest([nameless, named]).items
    assert first.actors == ["Singapore"] and not first.compact
    assert second.actors == [] and second.compact


def test_money_whose_payer_is_only_guessed_from_a_title_still_joins_the_places_total(
    rows: Rows,
) -> None:
    total = _mention(
        rows,
        "fr-total",
        "France sets out a national AI investment plan",
        signal_type="investment_capex",
        actors=["France"],
        evidence="France will see EUR 109 billion of AI investment in the coming years.",
        amount_usd=118e9,
        jurisdictions=["FR"],
    )
    part = _mention(
        rows,
        "fr-part",
        "France lands a data-centre pledge",
        signal_type="investment_capex",
        evidence="A further EUR 20 billion will go to AI data centres in the country.",
        amount_usd=21.6e9,
        jurisdictions=["FR"],
    )
    (item,) = _digest([total, part]).items
    assert item.amount_usd == 118e9 and item.n_articles == 2
