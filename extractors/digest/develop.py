"""From per-type clusters to developments: one item per real-world development, noise left out.

Signal rows are noisy (one announcement read as a budget in one outlet and an investment in
another, converted at other rates, split into its components, quoted by its speaker), so the
clusters of `cluster.py` are joined again, across types:

1. **Same money, same place.** Two money clusters whose place (the lead jurisdiction, plus the
   targets of an investment: where the money goes) overlaps and whose USD amounts agree within
   `CONVERSION_TOLERANCE` (an outlet's own conversion at another rate: HKD 1.6 trillion for
   EUR 200 billion) are one development.
2. **Components.** A smaller amount of the same place stated in an article that also states a
   larger one (EUR 20 billion of gigafactories inside EUR 200 billion) joins the larger.
3. **The speaker of a development.** A statement joins a development reported in the same
   article when its speaker is among the development's actors or speaks for its place (a
   statement whose speaker is not named joins none).
4. **One speaker, one week.** A person's statements of the week are one item (a speech quoted by
   several outlets).

What the digest shows of the developments is `newsworthy.py`'s to judge.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from extractors.digest.cluster import DisjointSets, significant_digits
from extractors.digest.model import Mention

# Amount-free types whose two mentions by one actor in one article are one story (documents
# such as orders, rules and export controls are not: one article can report two of them).
SOFT_TYPES = frozenset(
    {
        "model_release",
        "talent_skills",
        "energy_datacenter_infra",
        "strategy_action_plan",
        "tech_diplomacy_export_promotion",
        "international_governance",
    }
)
MONEY_TYPES = frozenset({"investment_capex", "government_ai_budget", "energy_datacenter_infra"})
STATEMENT = "policy_statement"
CONVERSION_TOLERANCE = 0.12
SAME_CURRENCY_TOLERANCE = 0.02
PUBLIC_KINDS = frozenset({"government", "agency", "legislature", "intl_org", "country"})
GOVERNMENT_KINDS = frozenset({"government", "agency", "legislature"})
PAYER_KINDS = PUBLIC_KINDS | {"person"}  # public bodies and the officials who announce for them


def place_of(mention: Mention) -> set[str]:
    """Return where a signal happens: its lead jurisdiction, plus an investment's targets."""
    s = mention.signal
    place = set(s.jurisdictions[:1])
    if s.signal_type in MONEY_TYPES:
        place.update(t for t in (s.targets or []) if len(t) == 2 and t.isupper())
    return place


def _amount(cluster: Sequence[Mention]) -> float | None:
    """Return the largest USD amount of a cluster (its total), if any."""
    values = [m.signal.amount_usd for m in cluster if m.signal.amount_usd is not None]
    return max(values) if values else None


def _close(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    """Return whether two clusters state one amount: in one currency within 2%, or converted.

    An outlet's own conversion (HKD 1.6 trillion for EUR 200 billion) differs from ours by the
    rate it used, so amounts in different currencies may differ by up to 12%.
    """
    for m in a:
        x, cx = m.signal.amount_usd, m.signal.amount_currency
        for n in b:
            y, cy = n.signal.amount_usd, n.signal.amount_currency
            if x is None or y is None:
                continue
            tolerance = SAME_CURRENCY_TOLERANCE if cx == cy else CONVERSION_TOLERANCE
            if abs(x - y) <= tolerance * max(x, y):
                return True
    return False


def _speakers(cluster: Sequence[Mention], kinds: dict[str, str]) -> set[str]:
    """Return the people who speak in a statement cluster."""
    return {a for m in cluster for a in m.signal.actors[:1] if kinds.get(a) == "person"}


def _lead_actors(cluster: Sequence[Mention]) -> set[str]:
    """Return who leads a cluster: each signal's lead, and all who announce its money.

    (The others named in a measure's row are often only named beside it.)
    """
    money = _is_money(cluster)
    return {a for m in cluster for a in (m.signal.actors if money else m.signal.actors[:1])}


def _articles(cluster: Sequence[Mention]) -> set[str]:
    """Return the articles of a cluster."""
    return {m.signal.article_id for m in cluster}


def _is_money(cluster: Sequence[Mention]) -> bool:
    """Return whether a cluster is money (an amount under a money type)."""
    return any(m.signal.signal_type in MONEY_TYPES and m.signal.amount_usd for m in cluster)


def _places(cluster: Sequence[Mention]) -> set[str]:
    """Return the places of a cluster's signals."""
    return {p for m in cluster for p in place_of(m)}


def _leads(cluster: Sequence[Mention]) -> set[str]:
    """Return the lead jurisdictions of a cluster's signals."""
    return {j for m in cluster for j in m.signal.jurisdictions[:1]}


def _is_past(cluster: Sequence[Mention], first_day: date | None) -> bool:
    """Return whether every signal of a cluster is about a period that ended before the week."""
    if first_day is None:
        return False
    ends = [m.signal.period_end for m in cluster]
    return all(end is not None and end < first_day for end in ends)


def _money_leads(cluster: Sequence[Mention]) -> set[str]:
    """Return the lead actors of a cluster's money signals ('' for a signal that names none).

    An actor taken from the article's title is a guess, not a payer the passage names: ''.
    """
    return {
        (m.signal.actors[0] if m.signal.actors and not m.titled else "")
        for m in cluster
        if m.signal.signal_type in MONEY_TYPES and m.signal.amount_usd
    }


def _same_payer(a: Sequence[Mention], b: Sequence[Mention], kinds: dict[str, str]) -> bool:
    """Return whether two money clusters can be one payer's: a shared lead, or public bodies only.

    (Microsoft's $80bn and Amazon's $83bn are two developments whatever their place; the
    Commission's and the Union's EUR 200bn are one.)
    """
    x, y = _money_leads(a) - {""}, _money_leads(b) - {""}
    if not x or not y or x & y:
        return True
    return all(kinds.get(n) in PAYER_KINDS for n in x | y)


def _joins_money(a: Sequence[Mention], b: Sequence[Mention], kinds: dict[str, str]) -> bool:
    """Return whether two money clusters are one development (same place; same money or a part).

    Same money: overlapping places (targets count: where the money goes). A part and its total
    must be stated in one article under one lead jurisdiction. Both need the same payer.
    """
    x, y = _amount(a), _amount(b)
    if x is None or y is None or not _same_payer(a, b, kinds):
        return False
    part, total = (a, b) if x < y else (b, a)
    if _close(a, b):
        return bool(_places(a) & _places(b)) or _same_specific_sum(a, b)
    if _articles(a) & _articles(b) and _leads(a) & _leads(b):
        return True
    return _is_anonymous_part(part, total, kinds)


def _same_specific_sum(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    """Return whether two money clusters state one specific sum and one names neither payer nor place.

    A sum stated to three significant digits or more (USD 307 million) in the same currency
    within 2% is rarely two events in one week; a round one (USD 1.5 billion) often is.
    """
    anonymous = [c for c in (a, b) if _money_leads(c) == {""} and not _places(c)]
    if not anonymous:
        return False
    for m in a:
        for n in b:
            x, y = m.signal, n.signal
            if None in (x.amount_value, y.amount_value, x.amount_usd, y.amount_usd):
                continue
            if x.amount_currency != y.amount_currency:
                continue
            assert x.amount_value is not None and x.amount_usd is not None and y.amount_usd
            close = abs(x.amount_usd - y.amount_usd) <= SAME_CURRENCY_TOLERANCE * max(
                x.amount_usd, y.amount_usd
            )
            if close and significant_digits(x.amount_value) >= 3:
                return True
    return False


def _is_anonymous_part(
    part: Sequence[Mention], total: Sequence[Mention], kinds: dict[str, str]
) -> bool:
    """Return whether money nobody is named paying, going to a place, is part of that place's total.

    (A pledge reported without its payer, into a country whose public total of the week's pledges
    is reported elsewhere.) The total must be led by public payers only, the part name no payer.
    """
    if _money_leads(part) != {""}:
        return False
    leads = _money_leads(total) - {""}
    if not leads or not all(kinds.get(n) in PUBLIC_KINDS for n in leads):
        return False
    return bool(_places(part) & _leads(total))


def _joins_statement(
    statement: Sequence[Mention], other: Sequence[Mention], kinds: dict[str, str]
) -> bool:
    """Return whether a statement is the voice of a development reported in the same article."""
    if not (_articles(statement) & _articles(other)):
        return False
    speakers = _speakers(statement, kinds) or {
        m.signal.actors[0] for m in statement if m.signal.actors
    }
    if not speakers:
        return False  # a statement whose speaker is not named is no one's voice
    if speakers & _lead_actors(other):
        return True
    # A public body named in the statement whose place is the development's (a CEO's quote in
    # a government's announcement: "... said in a statement" beside the UK Government).
    bodies = {a for m in statement for a in m.signal.actors if kinds.get(a) in GOVERNMENT_KINDS}
    if bodies and not _is_money(other) and _places_of_bodies(statement, bodies) & _leads(other):
        return True
    # Otherwise a public voice of the same place, about a measure (not money it did not name).
    if any(kinds.get(a) in ("company", "model") for a in speakers):
        return False
    return not _is_money(other) and bool(_leads(statement) & _leads(other))


def _places_of_bodies(statement: Sequence[Mention], bodies: set[str]) -> set[str]:
    """Return the jurisdictions of statement signals that name one of the given public bodies."""
    return {j for m in statement if bodies & set(m.signal.actors) for j in m.signal.jurisdictions}


def _lead_actor(cluster: Sequence[Mention]) -> str | None:
    """Return a cluster's lead actor when all its signals share it."""
    leads = {m.signal.actors[0] if m.signal.actors else "" for m in cluster}
    return next(iter(leads)) if len(leads) == 1 and "" not in leads else None


def _part_of_plan(part: Sequence[Mention], plan: Sequence[Mention]) -> bool:
    """Return whether an amount-free measure is a part of a money plan told in the same article.

    (The EU's AI gigafactories and talent hubs, described beside its EUR 200bn: one development.)
    Documents (orders, rules, controls) and statements stay apart.
    """
    if part[0].signal.signal_type not in SOFT_TYPES or _amount(part) is not None:
        return False
    if not _articles(part) <= _articles(plan):
        return False
    lead = _lead_actor(part)
    return lead is not None and lead in _money_leads(plan)


def _same_story(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    """Return whether two amount-free clusters of a non-binding type tell one article's one story.

    (A company's next model and its open-sourcing date, in one article: one development.)
    """
    sa, sb = a[0].signal, b[0].signal
    if sa.signal_type != sb.signal_type or sa.signal_type not in SOFT_TYPES:
        return False
    if _amount(a) is not None or _amount(b) is not None:
        return False
    lead = _lead_actor(a)
    return lead is not None and lead == _lead_actor(b) and bool(_articles(a) & _articles(b))


def is_voice(cluster: Sequence[Mention]) -> bool:
    """Return whether a cluster is mostly someone speaking: most of its articles carry a statement.

    (A speech quoted by six outlets, two of which also read one quote as a rule, is a voice.)
    """
    said = {m.signal.article_id for m in cluster if m.signal.signal_type == STATEMENT}
    done = {m.signal.article_id for m in cluster if m.signal.signal_type != STATEMENT}
    return bool(said) and not _is_money(cluster) and len(said) >= len(done)


def join_developments(
    clusters: Sequence[Sequence[Mention]], kinds: dict[str, str], first_day: date | None = None
) -> list[list[Mention]]:
    """Return the clusters joined into developments (deterministic: input order is kept).

    A cluster about an earlier period (a January pledge recalled this week) never joins one
    about this week.
    """
    n = len(clusters)
    sets = DisjointSets(n)
    is_statement = [is_voice(c) for c in clusters]
    past = [_is_past(c, first_day) for c in clusters]
    money = [i for i in range(n) if _is_money(clusters[i]) and not is_statement[i]]
    for x, i in enumerate(money):
        for j in money[x + 1 :]:
            if past[i] == past[j] and _joins_money(clusters[i], clusters[j], kinds):
                sets.union(i, j)
    for i in range(n):
        for j in range(i + 1, n):
            if past[i] == past[j] and _same_story(clusters[i], clusters[j]):
                sets.union(i, j)
    for i in range(n):
        home = next(
            (j for j in money if not past[j] and _part_of_plan(clusters[i], clusters[j])), None
        )
        if home is not None and not past[i]:
            sets.union(home, i)
    statements = [i for i in range(n) if is_statement[i]]
    by_speaker: dict[str, int] = {}
    for i in statements:
        for speaker in sorted(_speakers(clusters[i], kinds)):
            sets.union(by_speaker.setdefault(speaker, i), i)
    for root in sorted({sets.find(i) for i in statements}):
        voice = [m for i in sets.members[root] for m in clusters[i]]
        homes = [
            j
            for j in range(n)
            if not is_statement[j]
            and not past[j]
            and sets.find(j) != root
            and _joins_statement(voice, clusters[j], kinds)
        ]
        # The speaker's own development first, else the one sharing the most articles.
        speakers = _speakers(voice, kinds)
        home = min(
            homes,
            key=lambda j: (
                not (speakers & _lead_actors(clusters[j])),
                -len(_articles(voice) & _articles(clusters[j])),
                j,
            ),
            default=None,
        )
        if home is not None:
            sets.union(home, root)
    _join_voices(clusters, sets, [sets.find(i) for i in statements], is_statement)
    return [[m for i in group for m in clusters[i]] for group in sets.groups()]


def _join_voices(
    clusters: Sequence[Sequence[Mention]],
    sets: DisjointSets,
    roots: list[int],
    is_statement: list[bool],
) -> None:
    """Join statement-only groups quoted in one article about one place (two voices, one story)."""
    alone = sorted({r for r in roots if all(is_statement[i] for i in sets.members.get(r, [r]))})

    def members(r: int) -> list[Mention]:
        return [m for i in sets.members.get(r, [r]) for m in clusters[i]]

    for x, a in enumerate(alone):
        for b in alone[x + 1 :]:
            ra, rb = sets.find(a), sets.find(b)
            if ra == rb:
                continue
            ma, mb = members(ra), members(rb)
            if not (any(m.signal.actors for m in ma) and any(m.signal.actors for m in mb)):
                continue  # a statement whose speaker is not named is no one's voice
            places_a = {j for m in ma for j in m.signal.jurisdictions}
            places_b = {j for m in mb for j in m.signal.jurisdictions}
            if _articles(ma) & _articles(mb) and places_a & places_b:
                sets.union(ra, rb)
