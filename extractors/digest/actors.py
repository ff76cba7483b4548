"""Who leads an item: actor order per signal type and the subject of its headline."""

from __future__ import annotations

from collections.abc import Sequence

from extractors.digest.headline import jurisdiction_name
from extractors.digest.rank import is_government

COMPANY_LED_TYPES = frozenset({"investment_capex", "model_release", "energy_datacenter_infra"})
STATEMENT_TYPES = frozenset({"policy_statement"})
ORG_KINDS = frozenset(
    {"company", "government", "agency", "legislature", "intl_org", "university", "media"}
)


def ordered_union(lists: Sequence[Sequence[str]]) -> list[str]:
    """Return the values of several lists: most frequent first, then earliest position, then name."""
    count: dict[str, int] = {}
    first: dict[str, int] = {}
    for values in lists:
        for pos, value in enumerate(dict.fromkeys(values)):
            count[value] = count.get(value, 0) + 1
            first[value] = min(first.get(value, pos), pos)
    return sorted(count, key=lambda v: (-count[v], first[v], v))


def lead_actors(actors: list[str], signal_type: str, kinds: dict[str, str]) -> list[str]:
    """Return actors in headline order: companies lead money, governments policy, people talk."""
    if signal_type in COMPANY_LED_TYPES:
        rank = {"model": 2, "person": 1}
        return sorted(actors, key=lambda a: rank.get(kinds.get(a, ""), 0))
    if signal_type in STATEMENT_TYPES:
        order = {"person": 0, "model": 3}
        return sorted(
            actors, key=lambda a: order.get(kinds.get(a, ""), 1 if is_government(a, kinds) else 2)
        )
    return sorted(
        actors,
        key=lambda a: (
            kinds.get(a) == "model",
            not is_government(a, kinds),
            kinds.get(a) != "person",
        ),
    )


def subject_of(
    actors: Sequence[str],
    signal_type: str,
    jurisdictions: Sequence[str],
    kinds: dict[str, str],
    own: Sequence[str] = (),
) -> str:
    """Return who acts in a headline: lead actor (speakers with their body), else the place, else ''.

    own: the actors of the item's representative signal; a speaker's body is taken from there
    first (the body named beside them), then from the item's other actors.
    """
    if not actors:
        return jurisdiction_name(jurisdictions[0]) if jurisdictions else ""
    lead = actors[0]
    if signal_type in STATEMENT_TYPES and kinds.get(lead) == "person":
        pool = [a for a in own if a != lead and a in actors] + list(actors[1:])
        org = next((a for a in pool if kinds.get(a) in ORG_KINDS), None)
        return f"{lead} ({org})" if org else lead
    return lead
