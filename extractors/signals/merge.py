"""Merge per-sentence candidates that state the same signal into Signal rows."""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from extractors.rows import EXTRACTOR_VERSION, Article, Signal
from extractors.signals.actors import fiscal_year_start
from extractors.signals.align import MatchText
from extractors.signals.fx import convert_to_usd
from extractors.signals.periods import match_periods, resolve_matches
from extractors.signals.records import ActorHit, Amount, Period
from extractors.signals.roles import RESTRICTIVE, assign_roles
from extractors.signals.rules import COUNTRY_GOVERNMENT, PREFERRED_KINDS, Candidate


@dataclass(slots=True)
class _Member:
    """A candidate with its sentence span, USD amount and resolved period."""

    cand: Candidate
    span: tuple[int, int]
    usd: float | None
    period: Period | None


_COUNTRY_KINDS = ("country", "government", "agency", "legislature", "person", "intl_org")


@lru_cache(maxsize=4096)
def slugify(text: str | None) -> str:
    """Return a lower-case key fragment."""
    return re.sub(r"[^0-9a-z\u4e00-\u9fff]+", "_", (text or "").lower()).strip("_")


def _bucket_amount(usd: float | None, amount: Amount | None) -> str:
    """Return an amount bucket: USD to two significant digits, or value+currency."""
    if amount is None:
        return ""
    if usd is None or usd <= 0:
        return f"{amount.value:.2g}{amount.currency or ''}"
    exp = math.floor(math.log10(usd)) - 1
    return f"usd{round(usd / 10**exp) * 10**exp:.0f}"


def _format_period_key(period: Period | None) -> str:
    """Return the period part of a dedupe key."""
    if period is None:
        return ""
    if period.kind == "fiscal_year":
        return f"fy{period.end.year}"
    return str(period.start.year)


def _pick_period(periods: list[Period]) -> Period | None:
    """Return the period a sentence's signal refers to: fiscal year first, else the first."""
    for p in periods:
        if p.kind == "fiscal_year":
            return p
    return periods[0] if periods else None


def resolve_actor_name(signal_type: str, actor: ActorHit | None) -> str | None:
    """Return the canonical main actor name, mapping a bare country to its government."""
    if actor is None:
        return None
    if actor.kind == "country" and signal_type not in ("investment_capex", "policy_statement"):
        return COUNTRY_GOVERNMENT.get(actor.name, actor.name)
    return actor.name


def _make_merge_key(
    c: Candidate, usd: float | None, seen: list[tuple[str, float, str]]
) -> tuple[str, ...]:
    """Return the within-article grouping key of a candidate (before the period split)."""
    if c.amount is not None:
        size = usd if usd is not None else c.amount.value
        unit = "USD" if usd is not None else str(c.amount.currency)
        for signal_type, other, other_unit in seen:
            if (
                signal_type == c.signal_type
                and other_unit == unit
                and abs(size - other) <= 0.015 * other
            ):
                return (c.signal_type, unit, f"{other:.6g}")
        seen.append((c.signal_type, size, unit))
        return (c.signal_type, unit, f"{size:.6g}")
    if c.signal_type == "policy_statement":
        return (c.signal_type, resolve_actor_name(c.signal_type, c.actor) or "")
    if c.signal_type == "model_release":
        model = next((h.name for h in c.others if h.kind == "model"), None)
        return (c.signal_type, model or resolve_actor_name(c.signal_type, c.actor) or "")
    return (c.signal_type, c.object_key if c.object_key.startswith("t_") else "")


def _split_by_actor(members: list[_Member]) -> list[list[_Member]]:
    """Split an amount group by the actors named in their own sentences; others join the first."""
    parts: dict[str, list[_Member]] = {}
    loose: list[_Member] = []
    for m in members:
        if m.cand.local and m.cand.actor is not None:
            parts.setdefault(m.cand.actor.name, []).append(m)
        else:
            loose.append(m)
    if not parts:
        return [loose]
    ordered = list(parts.values())
    ordered[0] = sorted(ordered[0] + loose, key=lambda m: m.cand.sentence)
    return ordered


def _sector(actor: ActorHit | None) -> str:
    """Return 'company' for a company or model actor, 'public' for any other, '' for none."""
    if actor is None:
        return ""
    return "company" if actor.kind in ("company", "model") else "public"


_YEAR_SPLIT_TYPES = (
    "executive_action",
    "strategy_action_plan",
    "export_control",
    "legislation_regulation",
)


def _split_by_year(members: list[_Member]) -> list[list[_Member]]:
    """Split a group by sector (company or public) and, for documents, by explicit year.

    Members without a year or an actor join a part that matches them, else the first part.
    """
    by_year = members[0].cand.signal_type in _YEAR_SPLIT_TYPES
    parts: dict[tuple[int | None, str], list[_Member]] = {}
    loose: list[tuple[int | None, str, _Member]] = []
    for m in members:
        year = m.period.start.year if m.period is not None and by_year else None
        sector = _sector(m.cand.actor)
        if (year is not None or not by_year) and sector:
            parts.setdefault((year, sector), []).append(m)
        else:
            loose.append((year, sector, m))
    for year, sector, m in loose:
        home = next(
            (
                k
                for k in parts
                if (sector and k[1] == sector) or (year is not None and k[0] == year)
            ),
            None,
        )
        if home is None and not sector and year is None:
            home = next(iter(parts), None)
        parts.setdefault(home if home is not None else (year, sector), []).append(m)
    ordered = sorted(parts.values(), key=lambda ms: min(m.cand.sentence for m in ms))
    return [sorted(ms, key=lambda m: m.cand.sentence) for ms in ordered]


_PUBLIC_FY_START = {"US": 10, "JP": 4, "GB": 4, "IN": 4}


def _get_fy_start(actor: ActorHit | None) -> int:
    """Return the fiscal-year start month for an actor (public bodies: their country's, e.g. US October)."""
    if actor is None:
        return 1
    if actor.kind in ("agency", "government", "legislature", "country", "person"):
        start = _PUBLIC_FY_START.get(actor.country)
        if start is not None:
            return start
    return fiscal_year_start(actor.name)


def build_rows(
    article: Article, mt: MatchText, candidates: list[tuple[Candidate, tuple[int, int]]], pub: date
) -> list[Signal]:
    """Merge candidates that state the same signal and build the Signal rows.

    Relative dates (今年7月底, 3日) resolve against the publication date only: an article without
    one keeps only its absolute dates. `pub` (publication, else fetch date) picks the FX year.
    """
    dated = article.published_at.date() if article.published_at is not None else None
    groups: dict[tuple[str, ...], list[_Member]] = {}
    cache: dict[tuple[int, int, int, bool], Period | None] = {}
    matches: dict[tuple[int, int], list[re.Match[str]]] = {}
    seen_amounts: list[tuple[str, float, str]] = []
    for cand, span in candidates:
        usd = None
        if cand.amount is not None and cand.amount.currency:
            usd = convert_to_usd(cand.amount.value, cand.amount.currency, pub.year)[0]
        japan = any(h.country == "JP" for h in cand.others)
        lo, hi = span
        fy = _get_fy_start(cand.actor)
        if (lo, hi, fy, japan) not in cache:
            if span not in matches:
                matches[span] = match_periods(mt.text, lo, hi)
            cache[(lo, hi, fy, japan)] = _pick_period(
                resolve_matches(matches[span], dated, fy, japan)
            )
        period = cache[(lo, hi, fy, japan)]
        key = _make_merge_key(cand, usd, seen_amounts)
        groups.setdefault(key, []).append(_Member(cand, span, usd, period))
    rows: list[Signal] = []
    seen_keys: set[str] = set()
    for group in groups.values():
        if group[0].cand.amount is not None:
            parts = _split_by_actor(group)
        elif group[0].cand.signal_type not in ("policy_statement", "model_release"):
            parts = _split_by_year(group)
        else:
            parts = [group]
        for members in parts:
            row = _build_row(article, mt, members, pub)
            if row.dedupe_key not in seen_keys:
                seen_keys.add(row.dedupe_key)
                rows.append(row)
    return rows


def _rank_kind(signal_type: str, actor: ActorHit) -> int:
    """Return an actor's rank for a type: preferred kinds in order, then a bare country."""
    kinds = PREFERRED_KINDS[signal_type]
    if actor.kind in kinds:
        return kinds.index(actor.kind)
    return len(kinds) if actor.kind == "country" else 99


def _pick_actor(members: list[_Member]) -> ActorHit | None:
    """Return the group's main actor: a sentence subject first, then the best-ranked, most frequent."""
    actors = [(m.cand.actor, m.cand.local) for m in members if m.cand.actor is not None]
    if not actors:
        return None
    signal_type = members[0].cand.signal_type
    counts: dict[str, int] = {}
    for a, _ in actors:
        counts[a.name] = counts.get(a.name, 0) + 1
    best = min(actors, key=lambda p: (not p[1], _rank_kind(signal_type, p[0]), -counts[p[0].name]))
    return best[0]


def _names_actor(cand: Candidate, actor: ActorHit | None) -> bool:
    """Return whether a candidate's own sentence names an actor."""
    return actor is not None and any(h.name == actor.name for h in cand.others)


def _build_row(article: Article, mt: MatchText, members: list[_Member], pub: date) -> Signal:
    """Return one Signal row for a group of candidates that state the same signal."""
    lead = members[0].cand
    with_amount = [m for m in members if m.cand.amount is not None]
    explicit = [m for m in with_amount if m.cand.amount and not m.cand.amount.inherited]
    amount = (explicit or with_amount)[0].cand.amount if with_amount else None
    actor = _pick_actor(members)
    if amount is not None:
        first = (explicit or with_amount)[0].cand
        actor = first.actor if first.actor is not None else actor
    hits = [h for m in members for h in m.cand.others]
    roles = assign_roles(
        lead.signal_type,
        PREFERRED_KINDS[lead.signal_type],
        actor,
        mt.text,
        [m.span for m in members],
        hits,
        article.title,
        (article.outlet, article.author, article.url),
    )
    actor, targets = roles.actor, list(roles.targets)
    name = resolve_actor_name(lead.signal_type, actor)
    best = max(
        members,
        key=lambda m: (
            m.cand.strength,
            m.cand.amount is not None and not m.cand.amount.inherited,
            m.cand.local,
            _names_actor(m.cand, actor),
            m.period is not None,
            -m.cand.sentence,
        ),
    )
    periods = [m.period for m in members if m.period is not None]
    period = (
        best.period
        if best.period is not None and best.cand.amount is None
        else _pick_period(periods)
    )
    start, end = mt.to_original(*best.span)
    usd, rate, fx_year = (None, None, None)
    if amount is not None:
        usd, rate, fx_year = convert_to_usd(amount.value, amount.currency, pub.year)
    others = [h for m in members for h in ([m.cand.actor] if m.cand.actor else []) + m.cand.others]
    names = [name] if name else []
    for h in others if name else []:  # no main actor: the row names nobody (actors stay empty)
        if h.kind != "country" and h.name not in names and h.name not in targets:
            names.append(h.name)
    juris: list[str] = []
    restricts = lead.signal_type in RESTRICTIVE  # a restricted country is not a jurisdiction
    for h in ([actor] if actor else []) + [h for h in others if h.kind in _COUNTRY_KINDS]:
        if (
            h.country
            and h.country not in juris
            and (h is actor or not restricts or h.country not in targets)
        ):
            juris.append(h.country)
    key = "|".join(
        [
            lead.signal_type,
            slugify(name),
            lead.object_key,
            _format_period_key(period),
            _bucket_amount(usd, amount),
        ]
    )
    confidence = 0.4 + 0.2 * (best.cand.strength == 2) + 0.15 * (name is not None)
    # An amount whose currency the text leaves open (a bare 元 with no place) counts for less.
    confidence += (0.15 if amount.currency else 0.05) if amount is not None else 0.0
    confidence += 0.05 * (period is not None)
    confidence += 0.05 * min(len(members) - 1, 2)
    return Signal(
        signal_id=hashlib.sha256(f"{article.article_id}\0{key}".encode()).hexdigest(),
        article_id=article.article_id,
        signal_type=lead.signal_type,
        actors=names[:8],
        jurisdictions=juris[:6],
        amount_value=amount.value if amount else None,
        amount_currency=amount.currency if amount else None,
        amount_usd=usd,
        evidence=article.text[start:end],
        evidence_start=start,
        evidence_end=end,
        confidence=round(min(confidence, 0.95), 2),
        dedupe_key=key,
        published_at=article.published_at,
        amount_qualifier=amount.qualifier if amount else None,
        fx_rate=rate,
        fx_year=fx_year,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        source=article.source,
        extractor_version=EXTRACTOR_VERSION,
        targets=targets[:8],
    )
