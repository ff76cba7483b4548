"""Group the week's signals into items: one item per real-world event."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from extractors.digest.embed import SimilarPairs, similar_pairs
from extractors.digest.model import Mention

AMOUNT_TOLERANCE = 0.02
STRONG_SIMILARITY = 0.80
ACTOR_SIMILARITY = 0.60
MAX_EMBEDDED = 800
EMBED_CHARS = 200
COMMENTARY_TYPES = frozenset({"policy_statement"})
BROAD_ACTOR_KINDS = frozenset({"country", "government"})  # a whole country or its government


class DisjointSets:
    """Union-find over 0..n-1 that always keeps the smallest index as the root."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        """Return the root of an element."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        """Merge the sets of two elements."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = min(ra, rb), max(ra, rb)
            self.parent[high] = low
            self.members[low] += self.members.pop(high)

    def groups(self) -> list[list[int]]:
        """Return the sets, each sorted, ordered by their smallest element."""
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return [out[k] for k in sorted(out)]


def amounts_match(a: float | None, b: float | None) -> bool:
    """Return True when two USD amounts are both present and within 2% of each other."""
    if a is None or b is None:
        return False
    high = max(abs(a), abs(b))
    return high == 0 or abs(a - b) <= AMOUNT_TOLERANCE * high


def significant_digits(value: float) -> int:
    """Return how many significant digits an amount is stated with (307 million: 3; 1.5bn: 2)."""
    digits = f"{abs(value):.6g}".replace(".", "").split("e")[0].strip("0")
    return len(digits)


def amounts_conflict(a: float | None, b: float | None) -> bool:
    """Return True when two amounts are both present and differ by more than 2%."""
    return a is not None and b is not None and not amounts_match(a, b)


def specific_actors(actors: Sequence[str], kinds: dict[str, str]) -> set[str]:
    """Return the actors that identify an event (countries and whole governments are too broad)."""
    return {
        a
        for a in actors
        if kinds.get(a, "") not in BROAD_ACTOR_KINDS and not a.endswith(" Government")
    }


def periods_conflict(a: Mention, b: Mention) -> bool:
    """Return True when both signals name periods and the periods do not overlap."""
    sa, sb = a.signal, b.signal
    if None in (sa.period_start, sa.period_end, sb.period_start, sb.period_end):
        return False
    assert sa.period_start and sa.period_end and sb.period_start and sb.period_end
    return sa.period_end < sb.period_start or sb.period_end < sa.period_start


def same_event(a: Mention, b: Mention, kinds: dict[str, str]) -> bool:
    """Return True when two signals of the same type have overlapping actors and amounts."""
    sa, sb = a.signal, b.signal
    if sa.signal_type != sb.signal_type or periods_conflict(a, b):
        return False
    if not specific_actors(sa.actors, kinds) & specific_actors(sb.actors, kinds):
        return False
    if amounts_match(sa.amount_usd, sb.amount_usd):
        return True
    both_missing = sa.amount_usd is None and sb.amount_usd is None
    if not both_missing or sa.signal_type in COMMENTARY_TYPES:
        return False
    # Without amounts, only other articles (one article's two signals of a type are two facts)
    # and only the same lead: the actors after it are often just named beside it.
    leads = specific_actors(sa.actors[:1], kinds) & specific_actors(sb.actors[:1], kinds)
    return sa.article_id != sb.article_id and bool(leads)


def _similar_enough(a: Mention, b: Mention, cosine: float, kinds: dict[str, str]) -> bool:
    sa, sb = a.signal, b.signal
    if sa.signal_type != sb.signal_type or amounts_conflict(sa.amount_usd, sb.amount_usd):
        return False
    if periods_conflict(a, b) or sa.article_id == sb.article_id:
        return False  # one article's two passages of a type are two facts
    if sa.signal_type in COMMENTARY_TYPES and not (sa.actors and sb.actors):
        return False  # statements whose speaker is not named: alike in wording, not one voice
    if cosine >= STRONG_SIMILARITY:
        return True
    return bool(specific_actors(sa.actors, kinds) & specific_actors(sb.actors, kinds))


def quote_key(mention: Mention) -> str:
    """Return a signal's evidence with whitespace collapsed (the passage it quotes)."""
    return " ".join(mention.signal.evidence.split())


def _can_join(order: Sequence[Mention], sets: DisjointSets, i: int, j: int) -> bool:
    """Return True when no member of one group conflicts (amount, period) with the other's."""
    ri, rj = sets.find(i), sets.find(j)
    if ri == rj:
        return False
    for a in sets.members[ri]:
        for b in sets.members[rj]:
            ma, mb = order[a], order[b]
            if amounts_conflict(ma.signal.amount_usd, mb.signal.amount_usd):
                return False
            if periods_conflict(ma, mb):
                return False
    return True


def cluster_mentions(
    mentions: Sequence[Mention],
    kinds: dict[str, str] | None = None,
    similar: SimilarPairs | None = similar_pairs,
) -> list[list[Mention]]:
    """Return the mentions grouped by event: same key or quote, same type+actors+amount, or text."""
    kinds = kinds or {}
    order = sorted(mentions, key=lambda m: (m.day, m.signal.dedupe_key, m.signal.signal_id))
    sets = DisjointSets(len(order))
    first_by_key: dict[str, int] = {}
    by_type: dict[str, list[int]] = defaultdict(list)
    for i, mention in enumerate(order):
        key = mention.signal.dedupe_key
        if mention.signal.signal_type in COMMENTARY_TYPES and not mention.signal.actors:
            key = mention.signal.signal_id  # no speaker: its key names no one to match on
        if key in first_by_key:
            sets.union(first_by_key[key], i)
        else:
            first_by_key[key] = i
        by_type[mention.signal.signal_type].append(i)
    _join_same_quotes(order, sets)
    for members in by_type.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if same_event(order[i], order[j], kinds) and _can_join(order, sets, i, j):
                    sets.union(i, j)
    if similar is not None:
        _join_similar(order, sets, by_type, kinds, similar)
    return [[order[i] for i in group] for group in sets.groups()]


def _join_same_quotes(order: Sequence[Mention], sets: DisjointSets) -> None:
    """Join signals of any type that quote the same passage: one sentence read as two types."""
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, mention in enumerate(order):
        if text := quote_key(mention):
            by_text[text].append(i)
    for group in by_text.values():
        for j in group[1:]:
            if _can_join(order, sets, group[0], j):
                sets.union(group[0], j)


def _join_similar(
    order: Sequence[Mention],
    sets: DisjointSets,
    by_type: dict[str, list[int]],
    kinds: dict[str, str],
    similar: SimilarPairs,
) -> None:
    """Join items whose evidence reads alike: one encoder batch over the candidates only."""
    candidates: list[int] = []
    for members in by_type.values():
        roots = {sets.find(i) for i in members}
        if len(roots) > 1:
            candidates += members
    candidates = sorted(candidates)[:MAX_EMBEDDED]
    texts = [order[i].signal.evidence[:EMBED_CHARS] for i in candidates]
    for a, b, cosine in similar(texts, ACTOR_SIMILARITY):
        i, j = candidates[a], candidates[b]
        if _similar_enough(order[i], order[j], cosine, kinds) and _can_join(order, sets, i, j):
            sets.union(i, j)
