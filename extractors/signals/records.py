"""Small value types shared by the signal modules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

SIGNAL_TYPES: tuple[str, ...] = (
    "investment_capex",
    "government_ai_budget",
    "export_control",
    "cloud_compute_kyc",
    "entity_list_sanction",
    "executive_action",
    "strategy_action_plan",
    "legislation_regulation",
    "international_governance",
    "model_release",
    "energy_datacenter_infra",
    "tech_diplomacy_export_promotion",
    "policy_statement",
    "talent_skills",
)


@dataclass(frozen=True, slots=True)
class Amount:
    """One money amount found in a text; offsets index the parsed string."""

    value: float
    currency: str | None
    qualifier: str | None
    start: int
    end: int
    surface: str
    high: float | None = None
    conversion_of: int | None = None
    inherited: bool = False


@dataclass(frozen=True, slots=True)
class ActorHit:
    """One actor mention: canonical name, kind, country and offsets in the searched string."""

    name: str
    kind: str
    country: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Period:
    """A resolved date range mentioned in a text, with the phrase that gave it."""

    start: date
    end: date
    kind: str
    phrase: str
    offset: int = 0
