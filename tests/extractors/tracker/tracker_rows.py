"""Fixture rows of the tracker tests: digest items of a few weeks, and measures with events.

The measures are public facts written in our own words (dates as announced by the bodies).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from extractors.rows import DigestItem, Measure, MeasureEvent


def item(
    week: str,
    rank: int,
    headline: str,
    *,
    new: bool = True,
    articles: tuple[str, ...] = ("a1",),
    outlets: int = 1,
) -> DigestItem:
    """Return one digest_items row."""
    return DigestItem(
        week=week,
        item_id=f"{week}-{rank}",
        rank=rank,
        signal_type="export_control",
        headline=headline,
        actors=["Bureau of Industry and Security"],
        jurisdictions=["US"],
        amount_usd=None,
        n_articles=len(articles),
        n_outlets=outlets,
        first_seen=date.fromisocalendar(int(week[:4]), int(week[6:]), 1),
        is_new=new,
        signal_ids=[f"s-{week}-{rank}"],
        article_ids=list(articles),
        evidence="evidence",
    )


def measure(
    measure_id: str,
    name_en: str | None,
    name_zh: str | None,
    kind: str,
    jurisdiction: str | None,
    status: str,
    since: date | None,
) -> Measure:
    """Return one measures row (first and last seen around its status date)."""
    seen = since or date(2024, 3, 1)
    return Measure(
        measure_id=measure_id,
        name_en=name_en,
        name_zh=name_zh,
        kind=kind,
        jurisdiction=jurisdiction,
        actors=[],
        first_seen=seen,
        status=status,
        status_since=since,
        last_seen=seen,
    )


def event(
    measure_id: str, status: str, day: date | None, article: str, evidence: str
) -> MeasureEvent:
    """Return one measure_events row."""
    return MeasureEvent(
        event_id=f"{measure_id}:{status}:{day}:{article}",
        measure_id=measure_id,
        status=status,
        event_date=day,
        date_source="text" if day else "none",
        article_id=article,
        evidence=evidence,
        evidence_start=0,
        evidence_end=len(evidence),
        signal_id=None,
        published_at=datetime(2025, 6, 1, tzinfo=UTC),
    )


def measures() -> list[Measure]:
    """Return six measures of different kinds, places and histories."""
    return [
        measure(
            "eu-ai-act", "EU AI Act", "欧盟人工智能法案", "law", "EU", "in_force", date(2024, 8, 1)
        ),
        measure(
            "bis-ai-diffusion",
            "BIS AI Diffusion Rule",
            "人工智能扩散规则",
            "rule",
            "US",
            "revoked",
            date(2025, 5, 13),
        ),
        measure(
            "cn-ai-labels",
            "Measures for Labelling AI-Generated Content",
            "人工智能生成合成内容标识办法",
            "rule",
            "CN",
            "in_force",
            date(2025, 9, 1),
        ),
        measure(
            "eo-14110",
            "Executive Order 14110 on AI",
            None,
            "executive_order",
            "US",
            "revoked",
            date(2025, 1, 20),
        ),
        measure(
            "cn-ai-plus",
            None,
            "关于深入实施“人工智能+”行动的意见",
            "plan",
            "CN",
            "adopted",
            date(2025, 8, 26),
        ),
        measure(
            "tc260-genai-security",
            None,
            "生成式人工智能服务安全基本要求",
            "guideline",
            None,
            "announced",
            None,
        ),
    ]


def events() -> list[MeasureEvent]:
    """Return the dated events of the six measures (two reports of one EU event)."""
    return [
        event(
            "eu-ai-act", "proposed", date(2021, 4, 21), "eu1", "The Commission proposed the act."
        ),
        event("eu-ai-act", "adopted", date(2024, 5, 21), "eu2", "The Council gave final approval."),
        event("eu-ai-act", "adopted", date(2024, 5, 21), "eu3", "Member states signed off."),
        event("eu-ai-act", "in_force", date(2024, 8, 1), "eu4", "The act entered into force."),
        event("eu-ai-act", "in_force", date(2025, 2, 2), "eu5", "Bans on some AI uses apply."),
        event("bis-ai-diffusion", "adopted", date(2025, 1, 13), "bis1", "BIS issued the rule."),
        event("bis-ai-diffusion", "revoked", date(2025, 5, 13), "bis2", "BIS rescinded the rule."),
        event("cn-ai-labels", "proposed", date(2024, 9, 14), "cac1", "网信办发布征求意见稿。"),
        event("cn-ai-labels", "adopted", date(2025, 3, 14), "cac2", "四部门印发标识办法。"),
        event("cn-ai-labels", "in_force", date(2025, 9, 1), "cac3", "办法自9月1日起施行。"),
        event("eo-14110", "signed", date(2023, 10, 30), "eo1", "The President signed the order."),
        event("eo-14110", "revoked", date(2025, 1, 20), "eo2", "The new President revoked it."),
        event("cn-ai-plus", "adopted", date(2025, 8, 26), "sc1", "国务院印发意见。"),
        event("tc260-genai-security", "announced", None, "tc1", "标准委员会发布安全要求。"),
    ]
