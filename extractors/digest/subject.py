"""Who an article is about: actors from its title, and developments it only mentions in passing.

Three uses in the digest, all reading the article's title (what the outlet says the story is):

1. **Actor fallback.** A signal that names no actor takes one from its article's title: the
   lexicon's actors there (companies only for company-led types: a title's company is more often
   the object of a rule than its author), else a name the quoted passage shares with the title
   (a capitalised run of words that both spell, e.g. a state the lexicon does not know).
2. **Passing mentions.** A development without an amount, told by one article that is not about
   it (none of its actors is named in that article's title) while another development of that
   article is, is part of that article's story: it joins it instead of standing as an item.
3. **Who leads.** Among an item's actors, one named in its articles' titles leads.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from extractors.digest.actors import COMPANY_LED_TYPES, lead_actors
from extractors.digest.model import Mention
from extractors.signals.actors import find_actors

PUBLIC_KINDS = frozenset({"government", "agency", "legislature", "intl_org", "country", "person"})
# A run of capitalised words (a name) in an English passage; hyphens and inner dots allowed.
NAME_RUN = re.compile(r"(?<![\w-])(?:[A-Z][a-z][\w.'-]*)(?: [A-Z][a-z][\w.'-]*){0,3}(?![\w-])")
# Words that start sentences without being names (articles, pronouns, prepositions).
NOT_NAMES = frozenset(
    [
        "The",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "Its",
        "He",
        "She",
        "His",
        "Her",
        "They",
        "Their",
        "We",
        "Our",
        "In",
        "On",
        "At",
        "For",
        "With",
        "From",
        "By",
        "As",
        "After",
        "Before",
        "When",
        "While",
        "If",
        "But",
        "And",
        "Or",
        "Under",
        "Over",
        "Meanwhile",
        "However",
    ]
)


@lru_cache(maxsize=4096)
def _title_hits(title: str) -> tuple[tuple[str, str, str], ...]:
    """Return the lexicon actors of a title as (name, kind, country), in order, each once."""
    seen: dict[str, tuple[str, str, str]] = {}
    for hit in find_actors(title):
        seen.setdefault(hit.name, (hit.name, hit.kind, hit.country))
    return tuple(seen.values())


def title_actors(title: str | None) -> list[str]:
    """Return the canonical actors a title names, in order."""
    return [name for name, _, _ in _title_hits(title or "")]


def shared_names(evidence: str, title: str) -> list[str]:
    """Return names (capitalised runs) of a passage that the title also spells, in passage order.

    English passages only: a Latin name inside Chinese text is a foreign name whatever its role.
    """
    out: list[str] = []
    if sum(ch.isascii() for ch in evidence) < 0.8 * len(evidence):
        return out
    for found in NAME_RUN.finditer(evidence):
        words = found.group().split()
        while words and words[0] in NOT_NAMES:
            words = words[1:]
        name = " ".join(words)
        if len(name) >= 3 and name in title and name not in out:
            out.append(name)
    return out


def fallback_actors(mention: Mention, kinds: dict[str, str]) -> tuple[list[str], list[str]]:
    """Return actors and places for a signal that names no actor, from its article's title."""
    s = mention.signal
    title = mention.article.title or ""
    targets = set(s.targets or [])
    company_led = s.signal_type in COMPANY_LED_TYPES
    hits = [
        (name, country)
        for name, kind, country in _title_hits(title)
        if name not in targets and kind != "model" and (company_led or kind in PUBLIC_KINDS)
    ]
    if hits:
        names = lead_actors([n for n, _ in hits], s.signal_type, kinds)
        places = [c for _, c in hits if c and c not in targets][:1]
        return names, places
    return shared_names(s.evidence, title)[:1], []


def with_fallback_actors(mentions: Sequence[Mention], kinds: dict[str, str]) -> list[Mention]:
    """Return the mentions, those without an actor given their title's (rows are not changed)."""
    out: list[Mention] = []
    for m in mentions:
        if m.signal.actors:
            out.append(m)
            continue
        actors, places = fallback_actors(m, kinds)
        if not actors:
            out.append(m)
            continue
        jurisdictions = list(m.signal.jurisdictions) or places
        signal = replace(m.signal, actors=actors, jurisdictions=jurisdictions)
        out.append(replace(m, signal=signal, titled=True))
    return out


def title_first(actors: Sequence[str], titles: Sequence[str | None]) -> list[str]:
    """Return actors with the first one a title names leading, when the lead is named in none."""
    named = {a for t in titles for a in title_actors(t)}
    if not actors or actors[0] in named:
        return list(actors)
    lead = next((a for a in actors if a in named), None)
    return list(actors) if lead is None else [lead, *(a for a in actors if a != lead)]


def _has_amount(development: Sequence[Mention]) -> bool:
    """Return whether any signal of a development states an amount."""
    return any(m.signal.amount_usd is not None for m in development)


def _is_subject(development: Sequence[Mention], article_id: str, title: str | None) -> bool:
    """Return whether an article's title names one of the development's own actors.

    (Actors a signal took from the title do not count: they would name the title trivially.)
    """
    named = set(title_actors(title))
    return any(
        named & set(m.signal.actors)
        for m in development
        if m.signal.article_id == article_id and not m.titled
    )


def fold_passing(developments: Sequence[Sequence[Mention]]) -> list[list[Mention]]:
    """Return the developments with passing mentions joined to their article's subject.

    A development folds when it has no amount, one article, is not that article's subject, and
    the article has a subject among the other developments (the one of the same type first,
    else the one with most of the article's signals). Input order is kept.
    """
    devs = [list(d) for d in developments]
    by_article: dict[str, list[int]] = {}
    titles: dict[str, str | None] = {}
    for i, dev in enumerate(devs):
        for m in dev:
            by_article.setdefault(m.signal.article_id, [])
            if i not in by_article[m.signal.article_id]:
                by_article[m.signal.article_id].append(i)
            titles[m.signal.article_id] = m.article.title
    home: dict[int, int] = {}
    for i, dev in enumerate(devs):
        articles = {m.signal.article_id for m in dev}
        if len(articles) != 1 or _has_amount(dev):
            continue
        (aid,) = articles
        if _is_subject(dev, aid, titles[aid]):
            continue
        hosts = [j for j in by_article[aid] if j != i and _is_subject(devs[j], aid, titles[aid])]
        if not hosts:
            continue
        kind = Counter(m.signal.signal_type for m in dev).most_common(1)[0][0]

        def rank(j: int, aid: str = aid, kind: str = kind) -> tuple[bool, int, int]:
            own = [m for m in devs[j] if m.signal.article_id == aid]
            return (all(m.signal.signal_type != kind for m in own), -len(own), j)

        home[i] = min(hosts, key=rank)
    for i, j in home.items():  # hosts are subjects, so no host folds itself
        devs[j].extend(devs[i])
    return [d for i, d in enumerate(devs) if i not in home]
