"""Building measures: one id per instrument across languages and scripts, dated events, status."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from measurekit import article, signal_of

from extractors.measures import MeasureTables, build_measures, current_status, find_cues
from extractors.rows import MEASURE_KINDS, MEASURE_STATUSES, Article


def build(*rows: Article) -> MeasureTables:
    return build_measures(rows, [signal_of(r) for r in rows])


def test_simplified_traditional_and_english_mentions_get_one_id() -> None:
    hans = article("欧盟《人工智能法案》已于2024年8月1日正式生效。", "2024-08-02", "zh1", "zh")
    hant = article(
        "歐盟《人工智慧法》於2025年2月2日起適用首批禁令。", "2025-02-03", "tw1", "zh", True
    )
    en = article("The EU AI Act entered into force on 1 August 2024.", "2024-08-01", "en1")
    tables = build(hans, hant, en)
    assert [m.measure_id for m in tables.measures] == ["eu-ai-act"]
    (measure,) = tables.measures
    assert (measure.status, measure.status_since) == ("in_force", date(2024, 8, 1))
    got = sorted((e.article_id, e.status, e.event_date) for e in tables.events)
    assert got == [
        ("en1", "in_force", date(2024, 8, 1)),
        ("tw1", "in_force", date(2025, 2, 2)),
        ("zh1", "in_force", date(2024, 8, 1)),
    ]


def test_a_bilingual_pair_joins_an_instrument_the_lexicon_does_not_know() -> None:
    zh = article(
        "某国议会于3月4日通过《人工智能安全法》（AI Safety Act）。", "2026-03-05", "zh1", "zh"
    )
    en = article("The AI Safety Act takes effect on 1 June 2026.", "2026-04-01", "en1")
    tables = build(zh, en)
    assert len(tables.measures) == 1
    (measure,) = tables.measures
    assert (measure.name_zh, measure.name_en) == ("人工智能安全法", "AI Safety Act")
    assert {(e.status, e.event_date) for e in tables.events} == {
        ("adopted", date(2026, 3, 4)),
        ("in_force", date(2026, 6, 1)),
    }
    # As of the newest article (1 April 2026) the act is adopted; 1 June is still to come.
    assert tables.as_of == date(2026, 4, 1)
    assert (measure.status, measure.status_since) == ("adopted", date(2026, 3, 4))
    later = build_measures([zh, en], [signal_of(zh), signal_of(en)], as_of=date(2026, 6, 1))
    assert (later.measures[0].status, later.measures[0].status_since) == (
        "in_force",
        date(2026, 6, 1),
    )
    assert measure.kind in MEASURE_KINDS and measure.status in MEASURE_STATUSES


def test_a_later_article_recounting_an_older_event_does_not_move_the_status_back() -> None:
    first = article("The Robot Safety Act took effect on 1 March 2025.", "2025-03-01", "a1")
    later = article(
        "The Robot Safety Act, adopted on 10 January 2025, is now widely discussed.",
        "2025-06-01",
        "a2",
    )
    undated = article("Lawmakers adopted the Robot Safety Act to curb risks.", "2025-07-01", "a3")
    tables = build(first, later, undated)
    (measure,) = tables.measures
    assert (measure.status, measure.status_since) == ("in_force", date(2025, 3, 1))
    # The undated retelling is dropped: the article's day is not the adoption's day.
    assert {(e.status, e.event_date, e.date_source) for e in tables.events} == {
        ("in_force", date(2025, 3, 1), "text"),
        ("adopted", date(2025, 1, 10), "text"),
    }


def test_an_undated_event_takes_the_article_day() -> None:
    row = article(
        "The Commission withdrew nothing; it proposed the Data Union Act.", "2025-02-12", "a1"
    )
    (event,) = build(row).events
    assert (event.status, event.event_date, event.date_source) == (
        "proposed",
        date(2025, 2, 12),
        "article",
    )
    assert row.text[event.evidence_start : event.evidence_end] == event.evidence


def test_relative_dates_resolve_against_the_article() -> None:
    weekday = article(
        "The department said on Tuesday that it had rescinded the Chip Export Rule.",
        "2025-05-14",
        "a1",
    )
    zh = article("国务院于8月26日印发《人工智能赋能制造业行动方案》。", "2025-08-27", "a2", "zh")
    days = {e.article_id: (e.status, e.event_date) for e in build(weekday, zh).events}
    assert days == {"a1": ("revoked", date(2025, 5, 13)), "a2": ("adopted", date(2025, 8, 26))}


def test_a_draft_title_published_is_proposed() -> None:
    row = article(
        "國科會15日公布「人工智慧基本法」草案，廣徵意見。", "2024-07-16", "t1", "zh", True
    )
    (event,) = build(row).events
    assert (event.status, event.event_date) == ("proposed", date(2024, 7, 15))


def test_status_words() -> None:
    assert [c.status for c in find_cues("该办法自2023年8月15日起施行")] == ["in_force"]
    assert [c.status for c in find_cues("the rule was rescinded")] == ["revoked"]
    assert [c.status for c in find_cues("发布征求意见稿")] == ["proposed", "proposed"]
    assert current_status([]) is None


def test_arbitrary_text_never_crashes_and_evidence_indexes_the_text() -> None:
    pieces = [
        "《",
        "》",
        "「",
        "」",
        "“",
        "”",
        "(",
        ")",
        "（",
        "）",
        "。",
        ".",
        ",",
        "，",
        "Act",
        "Rule",
    ]
    pieces += ["法案", "生效", " ", "2025年1月1日", "January 5", "on Tuesday", "草案", "\n", "The"]
    pieces += ["AI", "Framework for", "Data", "1 May", "in March", "Executive Order 14110", "撤销"]
    rng = random.Random(7)
    rows = []
    for n in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        row = article(text, "2025-01-04", f"a{n}", rng.choice(["en", "zh"]))
        rows.append(replace(row, published_at=None) if n % 3 == 0 else row)
    tables = build(*rows)
    texts = {r.article_id: r.text for r in rows}
    for event in tables.events:
        assert texts[event.article_id][event.evidence_start : event.evidence_end] == event.evidence
        assert event.status in MEASURE_STATUSES
        assert (event.event_date is None) == (event.date_source == "none")
    assert {e.measure_id for e in tables.events} == {m.measure_id for m in tables.measures}
