"""detect_signals: turn one Article into deduplicated Signal rows (pure, never raises)."""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from extractors.rows import EXTRACTOR_VERSION, Article, Signal
from extractors.signals.actors import find_actors, fiscal_year_start
from extractors.signals.align import MatchText, build_match_text, split_sentences
from extractors.signals.cues import CueHit, find_cues
from extractors.signals.fx import convert_to_usd
from extractors.signals.money import parse_amounts
from extractors.signals.periods import match_periods, resolve_matches
from extractors.signals.records import ActorHit, Amount, Period
from extractors.signals.rules import (
    BACKGROUND,
    COREF,
    COUNTRY_GOVERNMENT,
    GOV_KINDS,
    PREFERRED_KINDS,
    SUBSIDY,
    Candidate,
    accept_plain_type,
    choose_money_type,
    is_signal_amount,
    pick_actor_for_amount,
)


@dataclass(slots=True)
class _Member:
    """A candidate with its sentence span, USD amount and resolved period."""

    cand: Candidate
    span: tuple[int, int]
    usd: float | None
    period: Period | None


_TITLE = re.compile(r"《([^》]{2,40})》")
_MAX_AMOUNTS_PER_SENTENCE = 24
_FALLBACK_KINDS = ("person", "government", "agency", "legislature", "intl_org", "company")
_YEAR_SPLIT_TYPES = ("executive_action", "strategy_action_plan", "export_control", "legislation_regulation")
_MONEY_ACTOR_KINDS = ("company", "agency", "government", "legislature")
_COUNTRY_KINDS = ("country", "government", "agency", "legislature", "person", "intl_org")


@lru_cache(maxsize=4096)
def _slug(text: str | None) -> str:
    """Return a lower-case key fragment."""
    return re.sub(r"[^0-9a-z\u4e00-\u9fff]+", "_", (text or "").lower()).strip("_")


def _amount_bucket(usd: float | None, amount: Amount | None) -> str:
    """Return an amount bucket: USD to two significant digits, or value+currency."""
    if amount is None:
        return ""
    if usd is None or usd <= 0:
        return f"{amount.value:.2g}{amount.currency or ''}"
    exp = math.floor(math.log10(usd)) - 1
    return f"usd{round(usd / 10**exp) * 10**exp:.0f}"


def _period_key(period: Period | None) -> str:
    """Return the period part of a dedupe key."""
    if period is None:
        return ""
    if period.kind == "fiscal_year":
        return f"fy{period.end.year}"
    return str(period.start.year)


def _choose_period(periods: list[Period]) -> Period | None:
    """Return the period a sentence's signal refers to: fiscal year first, else the first."""
    for p in periods:
        if p.kind == "fiscal_year":
            return p
    return periods[0] if periods else None


def _main_actor(signal_type: str, hits: list[ActorHit], carry: list[ActorHit]) -> ActorHit | None:
    """Return the main actor of a type from the sentence, else from the previous sentences."""
    kinds = PREFERRED_KINDS[signal_type]
    for kind in kinds:
        for h in hits:
            if h.kind == kind:
                return h
    for h in hits:
        if h.kind in _FALLBACK_KINDS:
            return h
    countries = [h for h in hits if h.kind == "country"]
    if countries:
        return countries[0]
    return next((h for h in carry if h.kind in kinds), None)


def _object_key(signal_type: str, sentence: str, cues: list[CueHit], amount: Amount | None) -> str:
    """Return the object part of a dedupe key: a titled document, the strongest cue, or money."""
    if amount is not None:
        return "amount"
    if signal_type == "policy_statement":
        return "statement"
    title = _TITLE.search(sentence)
    if title:
        return "t_" + _slug(title.group(1))[:40]
    strong = [c for c in cues if c.weight == 2] or cues
    return _slug(strong[0].phrase) if strong else signal_type


def _sentence_candidates(
    mt: MatchText, span: tuple[int, int], index: int, amounts: list[Amount],
    actors: list[ActorHit], cues: list[CueHit], carry: list[ActorHit], seen_bg: set[float],
) -> list[Candidate]:
    """Return the candidates of one sentence."""
    lo, hi = span
    sentence = mt.text[lo:hi]
    out: list[Candidate] = []
    by_type: dict[str, list[CueHit]] = {}
    for c in cues:
        by_type.setdefault(c.signal_type, []).append(c)
    cue_types = set(by_type)
    strong_types = {t for t, cs in by_type.items() if any(c.weight == 2 for c in cs)}
    used_money = False
    background = bool(amounts) and BACKGROUND.search(sentence) is not None
    if background:
        seen_bg.update(a.value for a in amounts)
    for i, amt in enumerate(amounts[:_MAX_AMOUNTS_PER_SENTENCE]):
        if background or amt.value in seen_bg or not is_signal_amount(mt.text, amt, lo, amounts[:i]):
            continue
        funder = next((h for h in actors if h.kind in GOV_KINDS), None)
        if funder is not None and SUBSIDY.search(sentence):
            actor: ActorHit | None = funder
        else:
            actor = pick_actor_for_amount(mt.text, amt, actors, _MONEY_ACTOR_KINDS, lo, hi)
        local = actor is not None and actor.kind in _MONEY_ACTOR_KINDS
        if actor is None and COREF.search(sentence):
            actor = next((h for h in carry if h.kind in _MONEY_ACTOR_KINDS), None)
        signal_type = choose_money_type(actor, sentence, cue_types, strong_types)
        if signal_type is None:
            continue
        if actor is None or actor.kind not in PREFERRED_KINDS[signal_type]:
            actor = _main_actor(signal_type, actors, carry) if actor is None else actor
        strength = 2 if signal_type in strong_types else 1
        out.append(Candidate(signal_type, index, actor, amt, strength, "amount", actors, local))
        used_money = True
    for signal_type, type_cues in by_type.items():
        if signal_type in ("investment_capex", "government_ai_budget"):
            continue
        if signal_type == "energy_datacenter_infra" and used_money:
            continue
        if not accept_plain_type(signal_type, sentence, type_cues, actors):
            continue
        actor = _main_actor(signal_type, actors, carry)
        strength = 2 if signal_type in strong_types else 1
        obj = _object_key(signal_type, sentence, type_cues, None)
        out.append(Candidate(signal_type, index, actor, None, strength, obj, actors))
    if {c.signal_type for c in out} >= {"cloud_compute_kyc", "legislation_regulation"}:
        out = [c for c in out if c.signal_type != "legislation_regulation"]
    return out


def _actor_name(signal_type: str, actor: ActorHit | None) -> str | None:
    """Return the canonical main actor name, mapping a bare country to its government."""
    if actor is None:
        return None
    if actor.kind == "country" and signal_type not in ("investment_capex", "policy_statement"):
        return COUNTRY_GOVERNMENT.get(actor.name, actor.name)
    return actor.name


def _merge_key(c: Candidate, usd: float | None, seen: list[tuple[str, float, str]]) -> tuple[str, ...]:
    """Return the within-article grouping key of a candidate (before the period split)."""
    if c.amount is not None:
        size = usd if usd is not None else c.amount.value
        unit = "USD" if usd is not None else str(c.amount.currency)
        for signal_type, other, other_unit in seen:
            if signal_type == c.signal_type and other_unit == unit and abs(size - other) <= 0.015 * other:
                return (c.signal_type, unit, f"{other:.6g}")
        seen.append((c.signal_type, size, unit))
        return (c.signal_type, unit, f"{size:.6g}")
    if c.signal_type == "policy_statement":
        return (c.signal_type, _actor_name(c.signal_type, c.actor) or "")
    if c.signal_type == "model_release":
        model = next((h.name for h in c.others if h.kind == "model"), None)
        return (c.signal_type, model or _actor_name(c.signal_type, c.actor) or "")
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


def _split_by_year(members: list[_Member]) -> list[list[_Member]]:
    """Split a group by the explicit year of its members; undated members join the first."""
    parts: dict[int, list[_Member]] = {}
    undated: list[_Member] = []
    for m in members:
        if m.period is None or m.cand.amount is not None:
            undated.append(m)
        else:
            parts.setdefault(m.period.start.year, []).append(m)
    if not parts:
        return [undated]
    ordered = sorted(parts.values(), key=lambda ms: ms[0].cand.sentence)
    ordered[0] = sorted(ordered[0] + undated, key=lambda m: m.cand.sentence)
    return ordered


def _detect(article: Article) -> list[Signal]:
    """Return the signals of an article (may raise; wrapped by detect_signals)."""
    text = article.text or ""
    if not text.strip():
        return []
    mt = build_match_text(text, article.text_hans)
    pub_dt = article.published_at or article.fetched_at
    pub: date = pub_dt.date()
    n_us, n_cn = mt.text.count("美国"), mt.text.count("中国")
    default_country = "US" if n_us > n_cn else ("CN" if n_cn > n_us else None)
    amounts = parse_amounts(mt.text)
    cues = find_cues(mt.text)
    spans = split_sentences(mt.text)
    amount_starts = [x.start for x in amounts]
    cue_starts = [x.start for x in cues]
    actors = find_actors(mt.text, default_country, _actor_ranges(spans, amount_starts, cue_starts))
    candidates: list[tuple[Candidate, tuple[int, int]]] = []
    actor_starts = [x.start for x in actors]
    ranges: list[tuple[int, int]] = []
    seen_bg: set[float] = set()
    for index, (lo, hi) in enumerate(spans):
        ki, kj = bisect_left(actor_starts, lo), bisect_left(actor_starts, hi)
        ai, aj = bisect_left(amount_starts, lo), bisect_left(amount_starts, hi)
        ci, cj = bisect_left(cue_starts, lo), bisect_left(cue_starts, hi)
        if cj > ci or aj > ai:
            carry = [
                h for r0, r1 in reversed(ranges[-2:]) for h in actors[r0:r1] if h.kind != "country"
            ]
            for cand in _sentence_candidates(
                mt, (lo, hi), index, amounts[ai:aj], actors[ki:kj], cues[ci:cj], carry, seen_bg
            ):
                candidates.append((cand, (lo, hi)))
        ranges.append((ki, kj))
    return _build_rows(article, mt, candidates, pub)


def _actor_ranges(
    spans: list[tuple[int, int]], amount_starts: list[int], cue_starts: list[int]
) -> list[tuple[int, int]]:
    """Return the text ranges whose actors matter: sentences with cues or amounts and the two before."""
    wanted: set[int] = set()
    for starts in (amount_starts, cue_starts):
        for pos in starts:
            i = bisect_left(spans, (pos + 1, -1)) - 1
            if i >= 0:
                wanted.update((i - 2, i - 1, i))
    ranges: list[tuple[int, int]] = []
    for i in sorted(j for j in wanted if j >= 0):
        lo, hi = spans[i]
        if ranges and lo <= ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], max(hi, ranges[-1][1]))
        else:
            ranges.append((lo, hi))
    return ranges


def _fy_start(actor: ActorHit | None) -> int:
    """Return the fiscal-year start month for an actor (US government: October)."""
    if actor is None:
        return 1
    if actor.kind in ("agency", "government", "legislature", "country") and actor.country == "US":
        return 10
    return fiscal_year_start(actor.name)


def _build_rows(
    article: Article, mt: MatchText, candidates: list[tuple[Candidate, tuple[int, int]]], pub: date
) -> list[Signal]:
    """Merge candidates that state the same signal and build the Signal rows."""
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
        fy = _fy_start(cand.actor)
        if (lo, hi, fy, japan) not in cache:
            if span not in matches:
                matches[span] = match_periods(mt.text, lo, hi)
            cache[(lo, hi, fy, japan)] = _choose_period(resolve_matches(matches[span], pub, fy, japan))
        period = cache[(lo, hi, fy, japan)]
        key = _merge_key(cand, usd, seen_amounts)
        groups.setdefault(key, []).append(_Member(cand, span, usd, period))
    rows: list[Signal] = []
    seen_keys: set[str] = set()
    for group in groups.values():
        if group[0].cand.amount is not None:
            parts = _split_by_actor(group)
        elif group[0].cand.signal_type in _YEAR_SPLIT_TYPES:
            parts = _split_by_year(group)
        else:
            parts = [group]
        for members in parts:
            row = _build_row(article, mt, members, pub)
            if row.dedupe_key not in seen_keys:
                seen_keys.add(row.dedupe_key)
                rows.append(row)
    return rows


def _pick_actor(members: list[_Member]) -> ActorHit | None:
    """Return the group's main actor: the most frequent among the best-ranked kind."""
    actors = [m.cand.actor for m in members if m.cand.actor is not None]
    if not actors:
        return None
    kinds = PREFERRED_KINDS[members[0].cand.signal_type]
    rank = {k: i for i, k in enumerate(kinds)}
    counts: dict[str, int] = {}
    for a in actors:
        counts[a.name] = counts.get(a.name, 0) + 1
    return min(actors, key=lambda a: (rank.get(a.kind, 99), -counts[a.name]))


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
    name = _actor_name(lead.signal_type, actor)
    periods = [m.period for m in members if m.period is not None]
    period = _choose_period(periods)
    best = max(
        members,
        key=lambda m: (m.cand.strength, m.cand.amount is not None and not m.cand.amount.inherited,
                       m.period is not None, -m.cand.sentence),
    )
    start, end = mt.to_original(*best.span)
    usd, rate, fx_year = (None, None, None)
    if amount is not None:
        usd, rate, fx_year = convert_to_usd(amount.value, amount.currency, pub.year)
    others = [h for m in members for h in ([m.cand.actor] if m.cand.actor else []) + m.cand.others]
    names = [name] if name else []
    for h in others:
        if h.kind != "country" and h.name not in names:
            names.append(h.name)
    juris: list[str] = []
    for h in ([actor] if actor else []) + [h for h in others if h.kind in _COUNTRY_KINDS]:
        if h.country and h.country not in juris:
            juris.append(h.country)
    key = "|".join(
        [lead.signal_type, _slug(name), lead.object_key, _period_key(period),
         _amount_bucket(usd, amount)]
    )
    confidence = 0.4 + 0.2 * (best.cand.strength == 2) + 0.15 * (name is not None)
    confidence += 0.15 * (amount is not None) + 0.05 * (period is not None)
    confidence += 0.05 * min(len(members) - 1, 2)
    return Signal(
        signal_id=hashlib.sha256(f"{article.article_id}\0{key}".encode()).hexdigest(),
        article_id=article.article_id, signal_type=lead.signal_type, actors=names[:8],
        jurisdictions=juris[:6], amount_value=amount.value if amount else None,
        amount_currency=amount.currency if amount else None, amount_usd=usd,
        evidence=article.text[start:end], evidence_start=start, evidence_end=end,
        confidence=round(min(confidence, 0.95), 2), dedupe_key=key,
        published_at=article.published_at,
        amount_qualifier=amount.qualifier if amount else None, fx_rate=rate,
        fx_year=fx_year, period_start=period.start if period else None,
        period_end=period.end if period else None, source=article.source,
        extractor_version=EXTRACTOR_VERSION,
    )


def detect_signals(article: Article) -> list[Signal]:
    """Return the AI-policy signals of an article; pure and never raises."""
    try:
        return _detect(article)
    except Exception:  # a bad article must never stop the pipeline
        return []
