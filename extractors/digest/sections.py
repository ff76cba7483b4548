"""The digest's sections and which signal types go where."""

from __future__ import annotations

SECTIONS: tuple[tuple[str, str, frozenset[str]], ...] = (
    (
        "controls",
        "Security & trade controls",
        frozenset({"export_control", "cloud_compute_kyc", "entity_list_sanction"}),
    ),
    (
        "money",
        "Money: investments and budgets",
        frozenset({"investment_capex", "government_ai_budget"}),
    ),
    (
        "rules",
        "Rules and strategies by jurisdiction",
        frozenset(
            {"executive_action", "strategy_action_plan", "legislation_regulation", "talent_skills"}
        ),
    ),
    (
        "diplomacy",
        "International governance and tech diplomacy",
        frozenset({"international_governance", "tech_diplomacy_export_promotion"}),
    ),
    (
        "compute",
        "Models, compute and energy",
        frozenset({"model_release", "energy_datacenter_infra"}),
    ),
    ("statements", "Statements", frozenset({"policy_statement"})),
)
FALLBACK_SECTION = "statements"


def section_of(signal_type: str) -> str:
    """Return the section key of a signal type (unknown types go to statements)."""
    for key, _, types in SECTIONS:
        if signal_type in types:
            return key
    return FALLBACK_SECTION
