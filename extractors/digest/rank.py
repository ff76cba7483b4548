"""Score items: government and binding measures first, then money, outlets and recency."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from extractors.digest.model import Mention

GOVERNMENT_KINDS = frozenset({"government", "agency", "legislature", "intl_org"})
GOVERNMENT_WORDS = (
    "government",
    "department",
    "ministry",
    "bureau",
    "commission",
    "council",
    "congress",
    "senate",
    "white house",
    "administration",
    "agency",
    "parliament",
    "cabinet",
    "president",
    "office of",
)
BINDING_TYPES = frozenset(
    {
        "export_control",
        "cloud_compute_kyc",
        "entity_list_sanction",
        "legislation_regulation",
        "executive_action",
        "government_ai_budget",
    }
)
POLICY_TYPES = frozenset(
    {
        "strategy_action_plan",
        "international_governance",
        "tech_diplomacy_export_promotion",
        "talent_skills",
    }
)
COMMENTARY_TYPES = frozenset({"policy_statement"})
BACKGROUND = 4.0
EARLIER_THIS_YEAR = 1.5


def is_government(actor: str, kinds: dict[str, str]) -> bool:
    """Return True when an actor is a government body (lexicon kind, else its name)."""
    kind = kinds.get(actor)
    if kind is not None:
        return kind in GOVERNMENT_KINDS
    lowered = actor.lower()
    return any(word in lowered for word in GOVERNMENT_WORDS)


def type_weight(signal_type: str) -> float:
    """Return how much a signal type weighs: binding measures over policy over commentary."""
    if signal_type in BINDING_TYPES:
        return 2.5
    if signal_type in POLICY_TYPES:
        return 1.5
    if signal_type in COMMENTARY_TYPES:
        return 0.0
    return 1.0


def amount_weight(amount_usd: float | None) -> float:
    """Return 0..6 growing with the USD amount ($100M -> 0, $1bn -> 1.5, $100bn -> 4.5)."""
    if amount_usd is None or amount_usd <= 0:
        return 0.0
    return min(6.0, max(0.0, 1.5 * math.log10(amount_usd / 1e8)))


def background_penalty(mentions: Sequence[Mention], first_day: date) -> float:
    """Return a penalty when every mention is about a period that ended long before the week."""
    ends = [m.signal.period_end for m in mentions]
    if not ends or any(end is None for end in ends):
        return 0.0
    latest = max(end for end in ends if end is not None)
    if latest < first_day - timedelta(days=365):
        return BACKGROUND
    return EARLIER_THIS_YEAR if latest < first_day else 0.0


def score_item(
    signal_type: str,
    actors: Sequence[str],
    amount_usd: float | None,
    n_outlets: int,
    mentions: Sequence[Mention],
    last_day: date,
    kinds: dict[str, str],
) -> float:
    """Return the rank score of an item (higher first)."""
    government = 2.0 if any(is_government(a, kinds) for a in actors) else 0.0
    outlets = 1.5 * math.log2(1 + n_outlets)
    latest = max(m.day for m in mentions)
    recency = 0.1 * max(0, 6 - (last_day - latest).days)
    confidence = 0.5 * max(m.signal.confidence for m in mentions)
    total = government + type_weight(signal_type) + amount_weight(amount_usd) + outlets
    penalty = background_penalty(mentions, last_day - timedelta(days=6))
    return round(total + recency + confidence - penalty, 6)
