"""Build a week's digest from its mentions: cluster, decide new vs update, title, rank."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from extractors.digest.actors import lead_actors, ordered_union, subject_of
from extractors.digest.cluster import DisjointSets, amounts_match, cluster_mentions, specific_actors
from extractors.digest.develop import MONEY_TYPES, STATEMENT, join_developments
from extractors.digest.embed import SimilarPairs, similar_pairs
from extractors.digest.headline import format_usd, make_headline
from extractors.digest.model import ArticleRef, Digest, Item, Mention, PastMention, WeekInput
from extractors.digest.newsworthy import is_about_ai, is_shown
from extractors.digest.rank import (
    BACKGROUND,
    background_penalty,
    is_government,
    score_item,
    type_weight,
)
from extractors.digest.sections import section_of
from extractors.digest.subject import fold_passing, title_first, with_fallback_actors
from extractors.rows import Signal


def count_outlets(articles: Sequence[ArticleRef]) -> int:
    """Return the number of independent outlets: same outlet or near-duplicate text count once."""
    ids = {a.article_id: i for i, a in enumerate(articles)}
    sets = DisjointSets(len(articles))
    first_by_outlet: dict[str, int] = {}
    for i, article in enumerate(articles):
        key = article.outlet_key
        sets.union(first_by_outlet.setdefault(key, i), i)
        target = article.near_duplicate_of
        if target is not None:
            if target in ids:
                sets.union(ids[target], i)
            sets.union(first_by_outlet.setdefault(f"dup:{target}", i), i)
    return len(sets.groups())


PastIndex = dict[tuple[str, str], list[PastMention]]


def index_history(history: Sequence[PastMention], kinds: dict[str, str]) -> PastIndex:
    """Return earlier mentions with an amount, by (signal type, specific actor)."""
    index: PastIndex = {}
    for past in history:
        if past.amount_usd is None:
            continue
        for actor in specific_actors(past.actors, kinds):
            index.setdefault((past.signal_type, actor), []).append(past)
    return index


def pins_event(signal: Signal) -> bool:
    """Return whether a signal's key names one event: it carries an amount or a period.

    Without either the key is only type and actor ("the EU speaks", "OpenAI releases"), which
    an earlier week shares without being the same event.
    """
    return signal.amount_usd is not None or signal.period_start is not None


def first_seen_of(
    cluster: Sequence[Mention], inp: WeekInput, kinds: dict[str, str], past: PastIndex
) -> date:
    """Return the earliest mention of a cluster: this week, same key before, or same event."""
    days = [m.day for m in cluster]
    days += [
        inp.first_seen_by_key[k]
        for k in {m.signal.dedupe_key for m in cluster if pins_event(m.signal)}
        if k in inp.first_seen_by_key
    ]
    for m in cluster:
        s = m.signal
        for actor in specific_actors(s.actors, kinds):
            for earlier in past.get((s.signal_type, actor), ()):
                if amounts_match(earlier.amount_usd, s.amount_usd):
                    days.append(earlier.day)
    return min(days)


MAX_FULL_ITEMS = 20


def _reports(cluster: Sequence[Mention]) -> dict[str, int]:
    """Return, per signal, how many articles state its amount (within 2%): its weight as the headline amount."""
    out: dict[str, int] = {}
    for m in cluster:
        usd = m.signal.amount_usd
        same = {o.signal.article_id for o in cluster if amounts_match(usd, o.signal.amount_usd)}
        out[m.signal.signal_id] = len(same)
    return out


def _representative(cluster: Sequence[Mention], kinds: dict[str, str]) -> Mention:
    """Return the mention that speaks for an item: the most reported amount, the larger, then confidence."""
    reports = _reports(cluster)

    def key(m: Mention) -> tuple[int, float, float, int, int, str]:
        s = m.signal
        gov = int(any(is_government(a, kinds) for a in s.actors))
        return (
            -reports[s.signal_id],
            -(s.amount_usd or 0.0),
            -s.confidence,
            -gov,
            m.day.toordinal(),
            s.signal_id,
        )

    return min(cluster, key=key)


def main_type(cluster: Sequence[Mention]) -> str:
    """Return an item's type: the total's money type, else the most frequent, ties to the more binding.

    Statements only lead an item made of statements (a speaker's quote is the voice of a measure).
    """
    facts = [m for m in cluster if m.signal.signal_type != STATEMENT] or list(cluster)
    money = [m for m in facts if m.signal.signal_type in MONEY_TYPES and m.signal.amount_usd]
    if money:
        total = max(money, key=lambda m: (m.signal.amount_usd or 0.0, m.signal.confidence))
        return total.signal.signal_type
    articles: dict[str, set[str]] = {}
    for m in facts:
        articles.setdefault(m.signal.signal_type, set()).add(m.signal.article_id)
    counts = Counter({t: len(ids) for t, ids in articles.items()})
    return max(counts, key=lambda t: (counts[t], t != STATEMENT, type_weight(t), t))


def bodies_of(lead: Sequence[str], mentions: Sequence[Mention]) -> list[str]:
    """Return the actors named beside a lead speaker in their own signals, most often first."""
    own = [m.signal.actors[1:] for m in mentions if lead and m.signal.actors[:1] == list(lead)]
    return ordered_union(own)


def headline_places(
    jurisdictions: Sequence[str], mentions: Sequence[Mention], rep: Signal
) -> list[str]:
    """Return the places a headline names: the lead's, then those most of the mentions name.

    (A rival named once — "to compete with the US and China" — is not where the item happens.)
    """
    counts = Counter(j for m in mentions for j in dict.fromkeys(m.signal.jurisdictions))
    lead = rep.jurisdictions[:1]
    return [j for j in jurisdictions if j in lead or 2 * counts[j] > len(mentions)]


def headline_period(
    period: tuple[date | None, date | None], inp: WeekInput
) -> tuple[date | None, date | None]:
    """Return the period a headline states: a single day inside the week is already its date."""
    start, end = period
    if (
        start is not None
        and start == end
        and inp.first_day - timedelta(days=7) <= start <= inp.last_day
    ):
        return None, None
    return period


def targets_of(cluster: Sequence[Mention]) -> list[str]:
    """Return who an item's measure is aimed at: its signals' targets, most frequent first."""
    return ordered_union([m.signal.targets or [] for m in cluster])


def period_of(mentions: Sequence[Mention]) -> tuple[date | None, date | None]:
    """Return the period the item is about: the first mention that names a whole period."""
    for m in mentions:
        if m.signal.period_start is not None and m.signal.period_end is not None:
            return m.signal.period_start, m.signal.period_end
    return None, None


def make_item(
    cluster: Sequence[Mention], inp: WeekInput, kinds: dict[str, str], past: PastIndex
) -> Item:
    """Return one unranked item (rank 0) for a cluster of mentions."""
    signal_type = main_type(cluster)
    same_type = [m for m in cluster if m.signal.signal_type == signal_type]
    rep = _representative(same_type, kinds)
    home = rep.signal.jurisdictions[:1] if rep.signal.actors else []
    targets = [t for t in targets_of(cluster) if t not in home]  # no one aims at itself
    named = ordered_union([m.signal.actors for m in same_type])
    actors = lead_actors([a for a in named if a not in targets], signal_type, kinds)
    actors = title_first(actors, [m.article.title for m in cluster])
    jurisdictions = ordered_union([m.signal.jurisdictions for m in same_type])
    if rep.signal.jurisdictions and rep.signal.jurisdictions[0] in jurisdictions:
        jurisdictions.remove(rep.signal.jurisdictions[0])  # the total's place leads
        jurisdictions.insert(0, rep.signal.jurisdictions[0])
    articles = sorted(
        {m.article.article_id: m.article for m in cluster}.values(),
        key=lambda a: (a.day, a.outlet_key, a.article_id),
    )
    n_outlets = count_outlets(articles)
    first_seen = first_seen_of(cluster, inp, kinds, past)
    s = rep.signal
    period = (s.period_start, s.period_end)
    if None in period:
        period = period_of(same_type)
    headline = make_headline(
        signal_type,
        subject_of(
            actors,
            signal_type,
            [j for j in jurisdictions if j not in targets],
            kinds,
            own=bodies_of(actors[:1], same_type),
        ),
        headline_places(jurisdictions, same_type, s),
        format_usd(s.amount_usd, s.amount_qualifier),
        headline_period(period, inp),
        min(m.day for m in cluster),
        past=period[1] is not None and period[1] < inp.first_day,
        product=bool(actors) and kinds.get(actors[0]) == "model",
        targets=targets,
    )
    anchor = min(m.signal.dedupe_key for m in cluster)
    item_id = hashlib.sha256(f"{inp.week}\0{anchor}".encode()).hexdigest()[:24]
    score = score_item(signal_type, actors, s.amount_usd, n_outlets, cluster, inp.last_day, kinds)
    return Item(
        item_id=item_id,
        rank=0,
        score=score,
        signal_type=signal_type,
        section=section_of(signal_type),
        headline=headline,
        actors=actors,
        jurisdictions=jurisdictions,
        amount_usd=s.amount_usd,
        amount_value=s.amount_value,
        amount_currency=s.amount_currency,
        amount_qualifier=s.amount_qualifier,
        period_start=period[0],
        period_end=period[1],
        background=background_penalty(cluster, inp.first_day) >= BACKGROUND,
        first_seen=first_seen,
        is_new=first_seen >= inp.first_day,
        mentions=sorted(cluster, key=lambda m: (m.day, m.signal.signal_id)),
        articles=articles,
        n_outlets=n_outlets,
        evidence=s.evidence,
        evidence_language=rep.article.language,
        targets=targets,
    )


def _with_rank(item: Item, rank: int) -> Item:
    return replace(item, rank=rank)


def build_digest(inp: WeekInput, similar: SimilarPairs | None = similar_pairs) -> Digest:
    """Return the digest of one week (deterministic for the same input)."""
    kinds = inp.actor_kinds
    ai_actors = frozenset(a for a, kind in kinds.items() if kind == "model")
    about_ai = [m for m in inp.mentions if is_about_ai(m, ai_actors)]
    # Title actors fill in after clustering: they name who an article is about, not a
    # sentence's own speaker, so they must not make alike-worded statements one voice.
    clusters = [with_fallback_actors(c, kinds) for c in cluster_mentions(about_ai, kinds, similar)]
    developments = fold_passing(join_developments(clusters, kinds, inp.first_day))
    shown = [c for c in developments if is_shown(c, kinds)]
    n_hidden = len(inp.mentions) - sum(len(c) for c in shown)
    past = index_history(inp.history, kinds)
    items = [make_item(c, inp, kinds, past) for c in shown]
    # An item nobody is named taking (no actor in its passages or titles) is listed compactly
    # after those that name one: a reader cannot tell whose measure it is.
    order = sorted(
        items,
        key=lambda i: (
            not i.is_new,
            not i.actors,
            i.background,
            -i.score,
            i.first_seen,
            i.item_id,
        ),
    )
    ranked = [_with_rank(item, n) for n, item in enumerate(order, start=1)]
    ranked = [
        replace(item, compact=item.rank > MAX_FULL_ITEMS or not item.actors) for item in ranked
    ]
    articles = sorted(
        {m.article.article_id: m.article for m in inp.mentions}.values(),
        key=lambda a: (a.day, a.outlet_key, a.article_id),
    )
    return Digest(
        week=inp.week,
        first_day=inp.first_day,
        last_day=inp.last_day,
        timezone=inp.timezone,
        new_items=[i for i in ranked if i.is_new],
        updates=[i for i in ranked if not i.is_new],
        articles=articles,
        n_signals=len(inp.mentions),
        weekly_counts=inp.weekly_counts,
        n_hidden=n_hidden,
    )
