"""English headlines and number formats generated from an item's fields."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

JURISDICTION_NAMES = {
    "US": "US",
    "CN": "China",
    "TW": "Taiwan",
    "HK": "Hong Kong",
    "EU": "EU",
    "GB": "UK",
    "JP": "Japan",
    "KR": "South Korea",
    "IN": "India",
    "FR": "France",
    "DE": "Germany",
    "AE": "UAE",
    "SA": "Saudi Arabia",
    "KE": "Kenya",
    "SG": "Singapore",
    "IL": "Israel",
    "CA": "Canada",
    "AU": "Australia",
    "BR": "Brazil",
    "RU": "Russia",
    "NL": "Netherlands",
    "MY": "Malaysia",
    "VN": "Vietnam",
    "QA": "Qatar",
    "INTL": "international",
}

TYPE_LABELS = {
    "investment_capex": "investment",
    "government_ai_budget": "government AI budget",
    "export_control": "export control",
    "cloud_compute_kyc": "cloud KYC",
    "entity_list_sanction": "entity list / sanction",
    "executive_action": "executive action",
    "strategy_action_plan": "strategy / action plan",
    "legislation_regulation": "legislation / regulation",
    "international_governance": "international governance",
    "model_release": "model release",
    "energy_datacenter_infra": "data centers and energy",
    "tech_diplomacy_export_promotion": "tech diplomacy",
    "policy_statement": "statement",
    "talent_skills": "talent and skills",
}

_WITH_AMOUNT = {
    "investment_capex": "{s} to invest {a} in AI{p}",
    "government_ai_budget": "{s} earmarks {a} of public money for AI{p}",
    "energy_datacenter_infra": "{s} commits {a} to AI data centers and energy{p}",
    "export_control": "{s} export-control measure worth {a}{p}",
    "tech_diplomacy_export_promotion": "{s} backs AI exports and partnerships with {a}{p}",
    "talent_skills": "{s} puts {a} into AI talent and skills{p}",
}

_WITHOUT_AMOUNT = {
    "investment_capex": "{s} announces AI investment{p}",
    "government_ai_budget": "{s} sets out an AI budget{p}",
    "export_control": "{s} tightens AI-related export controls",
    "cloud_compute_kyc": "{s} moves to require know-your-customer checks for foreign cloud users",
    "entity_list_sanction": "{s} adds entities to a trade restriction list",
    "executive_action": "{s} takes executive action on AI",
    "strategy_action_plan": "{s} unveils an AI strategy or action plan{p}",
    "legislation_regulation": "{s} advances AI legislation or regulation",
    "international_governance": "{s} pushes international AI governance and cooperation",
    "model_release": "{s} releases a new AI model",
    "energy_datacenter_infra": "{s} expands AI data-center and energy capacity{p}",
    "tech_diplomacy_export_promotion": "{s} promotes AI technology and standards abroad",
    "policy_statement": "{s} speaks out on AI policy",
    "talent_skills": "{s} launches AI talent and skills measures{p}",
}

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def type_label(signal_type: str) -> str:
    """Return the human label of a signal type."""
    return TYPE_LABELS.get(signal_type, signal_type.replace("_", " "))


def jurisdiction_name(code: str) -> str:
    """Return the display name of a jurisdiction code."""
    return JURISDICTION_NAMES.get(code, code)


def format_number(value: float) -> str:
    """Return a number with up to three significant digits and a scale word ('80 billion')."""
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{_trim(value / size)} {word}"
    return _trim(value) if abs(value) >= 1 else f"{value:.2g}"


def _trim(x: float) -> str:
    text = f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}"
    return text


def format_usd(value: float | None) -> str:
    """Return a USD amount as '$80 billion' ('' for None)."""
    return "" if value is None else f"${format_number(value)}"


def format_native(value: float | None, currency: str | None) -> str:
    """Return a native amount as 'CNY 380 billion' ('' for None)."""
    if value is None:
        return ""
    return f"{currency or '?'} {format_number(value)}"


def format_period(start: date | None, end: date | None) -> str:
    """Return a period phrase: ' in 2025', ' in FY2025' or ' over Jan 2025-Jun 2026'."""
    if start is None or end is None:
        return ""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f" in {start.year}"
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 12 and start.day == 1:
        return f" in FY{end.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f" in {start:%b %Y}"
    return f" over {start:%b %Y}-{end:%b %Y}"


def subject_of(actors: Sequence[str], jurisdictions: Sequence[str]) -> str:
    """Return who acts: the main actor, else the jurisdiction, else an unnamed actor."""
    if actors:
        return actors[0]
    if jurisdictions:
        return jurisdiction_name(jurisdictions[0])
    return "An unnamed actor"


def make_headline(
    signal_type: str,
    actors: Sequence[str],
    jurisdictions: Sequence[str],
    amount_usd: float | None,
    period: tuple[date | None, date | None],
    day: date,
) -> str:
    """Return an English headline from type, actors, amount, jurisdiction and date."""
    subject = subject_of(actors, jurisdictions)
    when = format_period(*period)
    if amount_usd is not None and signal_type in _WITH_AMOUNT:
        text = _WITH_AMOUNT[signal_type].format(s=subject, a=format_usd(amount_usd), p=when)
    elif signal_type in _WITHOUT_AMOUNT:
        text = _WITHOUT_AMOUNT[signal_type].format(s=subject, p=when)
    else:
        text = f"{subject}: {type_label(signal_type)}{when}"
        if amount_usd is not None:
            text += f" ({format_usd(amount_usd)})"
    where = ", ".join(jurisdiction_name(j) for j in jurisdictions[:3])
    tail = f"{where}, {day:%b} {day.day}" if where else f"{day:%b} {day.day}"
    return f"{text[0].upper()}{text[1:]} ({tail})"
