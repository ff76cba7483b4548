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

# Each template: (present, past); the past form is used when the period ended before the week.
_WITH_AMOUNT = {
    "investment_capex": ("{s} to invest {a} in AI{p}", "{s} pledged {a} for AI{p}"),
    "government_ai_budget": ("{s} budgets {a} for AI{p}", "{s} budgeted {a} for AI{p}"),
    "energy_datacenter_infra": (
        "{s} commits {a} to AI data centers and energy{p}",
        "{s} committed {a} to AI data centers and energy{p}",
    ),
    "export_control": (
        "{s} export controls involving {a}{p}",
        "{s} export controls involving {a}{p}",
    ),
    "tech_diplomacy_export_promotion": (
        "{s} backs AI exports and partnerships with {a}{p}",
        "{s} backed AI exports and partnerships with {a}{p}",
    ),
    "talent_skills": (
        "{s} puts {a} into AI talent and skills{p}",
        "{s} put {a} into AI talent and skills{p}",
    ),
}

_WITHOUT_AMOUNT = {
    "investment_capex": ("{s} announces AI investment{p}", "{s} announced AI investment{p}"),
    "government_ai_budget": ("{s} sets out an AI budget{p}", "{s} set out an AI budget{p}"),
    "export_control": (
        "{s} tightens AI-related export controls{p}",
        "{s} tightened AI-related export controls{p}",
    ),
    "cloud_compute_kyc": (
        "{s} moves to require know-your-customer checks for foreign cloud users{p}",
        "{s} moved to require know-your-customer checks for foreign cloud users{p}",
    ),
    "entity_list_sanction": (
        "{s} adds entities to a trade restriction list{p}",
        "{s} added entities to a trade restriction list{p}",
    ),
    "executive_action": (
        "{s} takes executive action on AI{p}",
        "{s} took executive action on AI{p}",
    ),
    "strategy_action_plan": ("{s} unveils an AI strategy{p}", "{s} unveiled an AI strategy{p}"),
    "legislation_regulation": ("{s} moves on AI rules{p}", "{s} moved on AI rules{p}"),
    "international_governance": (
        "{s} pushes international AI governance and cooperation{p}",
        "{s} pushed international AI governance and cooperation{p}",
    ),
    "model_release": ("{s} releases a new AI model{p}", "{s} released a new AI model{p}"),
    "model_product": ("New AI model: {s}{p}", "AI model {s} released{p}"),
    "energy_datacenter_infra": (
        "{s} expands AI data-center and energy capacity{p}",
        "{s} expanded AI data-center and energy capacity{p}",
    ),
    "tech_diplomacy_export_promotion": (
        "{s} promotes AI technology and standards abroad{p}",
        "{s} promoted AI technology and standards abroad{p}",
    ),
    "policy_statement": ("{s} speaks out on AI policy{p}", "{s} spoke out on AI policy{p}"),
    "talent_skills": (
        "{s} launches AI talent and skills measures{p}",
        "{s} launched AI talent and skills measures{p}",
    ),
}

# Headlines without a subject (nobody named): the development itself, worded without an actor.
_NO_SUBJECT = {
    "investment_capex": ("AI investment of {a} announced{p}", "AI investment announced{p}"),
    "government_ai_budget": ("Public AI funding of {a}{p}", "Public AI funding set out{p}"),
    "energy_datacenter_infra": (
        "{a} for AI data centers and energy{p}",
        "AI data-center and energy capacity expanded{p}",
    ),
    "export_control": ("AI-related export controls{p}", "AI-related export controls tightened{p}"),
    "cloud_compute_kyc": (
        "Know-your-customer checks for foreign cloud users{p}",
        "Know-your-customer checks for foreign cloud users proposed{p}",
    ),
    "entity_list_sanction": (
        "Entities added to a trade restriction list{p}",
        "Entities added to a trade restriction list{p}",
    ),
    "executive_action": ("Executive action on AI{p}", "Executive action on AI{p}"),
    "strategy_action_plan": ("AI strategy unveiled{p}", "AI strategy unveiled{p}"),
    "legislation_regulation": ("Move on AI rules{p}", "Move on AI rules{p}"),
    "international_governance": (
        "International AI governance and cooperation{p}",
        "International AI governance and cooperation{p}",
    ),
    "model_release": ("New AI model released{p}", "New AI model released{p}"),
    "tech_diplomacy_export_promotion": (
        "AI exports and partnerships worth {a}{p}",
        "AI exports and partnerships promoted{p}",
    ),
    "policy_statement": ("Statement on AI policy{p}", "Statement on AI policy{p}"),
    "talent_skills": ("{a} for AI talent and skills{p}", "AI talent and skills measures{p}"),
}

QUALIFIERS = {"approx": "about ", "at_least": "at least ", "up_to": "up to ", "range": "from "}

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


def format_usd(value: float | None, qualifier: str | None = None) -> str:
    """Return a USD amount as '$80 billion' or 'up to $100 billion' ('' for None)."""
    if value is None:
        return ""
    return f"{QUALIFIERS.get(qualifier or '', '')}${format_number(value)}"


def format_native(value: float | None, currency: str | None, qualifier: str | None = None) -> str:
    """Return a native amount as 'CNY 380 billion' ('1.2 trillion, currency not stated')."""
    if value is None:
        return ""
    words = QUALIFIERS.get(qualifier or "", "")
    if not currency:
        return f"{words}{format_number(value)} (currency not stated)"
    return f"{words}{currency} {format_number(value)}"


def format_period(start: date | None, end: date | None) -> str:
    """Return a period phrase: ' in 2025', ' in FY2025', ' in Q1 2025', ' on Nov 5, 2026'."""
    if start is None or end is None:
        return ""
    if start == end:
        return f" on {start:%b} {start.day}, {start.year}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f" in {start.year}"
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 12 and start.day == 1:
        return f" in FY{end.year}"
    if months == 3 and start.day == 1 and start.month in (1, 4, 7, 10):
        return f" in Q{(start.month + 2) // 3} {start.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f" in {start:%b %Y}"
    if start.year == end.year:
        return f" over {start:%b}-{end:%b %Y}"
    return f" over {start:%b %Y}-{end:%b %Y}"


def make_headline(
    signal_type: str,
    subject: str,
    jurisdictions: Sequence[str],
    amount: str,
    period: tuple[date | None, date | None],
    day: date,
    past: bool = False,
    product: bool = False,
    targets: Sequence[str] = (),
) -> str:
    """Return an English headline from type, subject, amount text, period, places and day.

    With no subject (nobody named) the headline names the development itself; targets (who a
    measure is aimed at) follow as "targeting …".
    """
    when = format_period(*period)
    aimed = ", ".join(jurisdiction_name(t) for t in targets[:2])
    if aimed and signal_type not in _WITH_AMOUNT:
        when = f" targeting {aimed}{when}"
    tense = 1 if past else 0
    if product and signal_type == "model_release":
        signal_type = "model_product"  # the subject is the model itself, not its maker
    if not subject:
        template = _NO_SUBJECT.get(signal_type, ("{t}{p}", "{t}{p}"))
        text = (template[0] if amount and "{a}" in template[0] else template[1]).format(
            a=amount, p=when, t=type_label(signal_type).capitalize()
        )
    elif amount and signal_type in _WITH_AMOUNT:
        text = _WITH_AMOUNT[signal_type][tense].format(s=subject, a=amount, p=when)
    elif signal_type in _WITHOUT_AMOUNT:
        text = _WITHOUT_AMOUNT[signal_type][tense].format(s=subject, p=when)
    else:
        text = f"{subject}: {type_label(signal_type)}{when}"
        if amount:
            text += f" ({amount})"
    where = ", ".join(jurisdiction_name(j) for j in jurisdictions[:3])
    tail = f"{where}, {day:%b} {day.day}" if where else f"{day:%b} {day.day}"
    return f"{text[0].upper()}{text[1:]} ({tail})"
