"""Build the `measures` and `measure_events` rows from articles and their signal rows."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date

from extractors.measures.english import Mention
from extractors.measures.names import find_mentions
from extractors.measures.resolve import (
    KeyGroups,
    find_appositives,
    find_pairs,
    key_of,
    load_measure_lexicon,
    measure_id_of,
)
from extractors.measures.status import (
    DatedCue,
    current_status,
    date_cues,
    find_cues,
    is_recount,
    plan_cues,
)
from extractors.measures.steps import (
    MAX_CUE_GAP,
    UNNAMED,
    dated_order,
    draft_cue,
    make_event,
    not_own,
    shared_events,
    steps_of,
    told_before,
)
from extractors.measures.topic import about_ai
from extractors.rows import Article, Measure, MeasureEvent, Signal
from extractors.signals import mentions_ai  # the signals' AI topic test: both agree on what is AI
from extractors.signals.actors import find_actors
from extractors.signals.align import MatchText, build_match_text, split_sentences

MAX_ACTORS = 6
# A step the sentence places before the article without dating it (此前已出台, previously issued).
_EARLIER = re.compile(r"此前|先前|之前|早前|早已|previously|earlier|already", re.I)
# Later stages a sentence without a title reports of the article's lead measure (phase-ins, repeals).
CARRIED = frozenset({"in_force", "amended", "suspended", "revoked"})
LEAD_SENTENCES = 2
# A sentence that opens by pointing back at what the last one told (其中, These include): the
# measures it names are the ones the last sentence's steps were about.
_ANAPHOR = re.compile(
    r"\s*(?:其中|包括|分别(?:是|为)|即|上述|这些|这两项|这几项|"
    r"(?:Among (?:them|these|those)|(?:These|They|Those) (?:include|are|were)|Including)\b)"
)
# An English full stop after a capitalised word ("frontier AI. Unlike") also ends a sentence.
_EN_STOP = re.compile(r"(?<=[A-Za-z]{2})\. (?=[A-Z])")


@dataclass(frozen=True, slots=True)
class MeasureTables:
    """The rows of both tables, built together."""

    measures: list[Measure]
    events: list[MeasureEvent]
    as_of: date | None = None  # the reference day of every status (events after it are scheduled)


@dataclass(slots=True)
class _Seen:
    """What the articles say about one name key (before keys are grouped into measures)."""

    surfaces: Counter[tuple[str, str]] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    days: list[date] = field(default_factory=list)
    events: list[tuple[str, MeasureEvent, list[str], list[str]]] = field(default_factory=list)


def article_day(article: Article) -> date | None:
    """Return an article's UTC publication day, or None when it prints no date."""
    return article.published_at.astimezone(UTC).date() if article.published_at else None


def make_event_id(measure_id: str, article_id: str, status: str, start: int) -> str:
    """Return the stable id of one event: its measure, article, status and evidence start."""
    basis = f"{measure_id}\0{article_id}\0{status}\0{start}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def _nearest(text: str, mentions: list[Mention], cue: DatedCue, base: int) -> Mention | None:
    """Return the mention nearest to a cue within MAX_CUE_GAP characters with no unnamed instrument between."""
    lo, hi = base + cue.cue.start, base + cue.cue.end

    def gap(m: Mention) -> int:
        return lo - m.end if m.end <= lo else max(0, m.start - hi)

    best = min(mentions, key=gap)
    if gap(best) > MAX_CUE_GAP:
        return None
    between = text[best.end : lo] if best.end <= lo else text[hi : best.start]
    return None if UNNAMED.search(between) else best


def sentences_of(text: str) -> list[tuple[int, int]]:
    """Return sentence spans of a match text, English stops after capitalised words included."""
    spans: list[tuple[int, int]] = []
    for lo, hi in split_sentences(text):
        start = lo
        for m in _EN_STOP.finditer(text, lo, hi):
            spans.append((start, m.start() + 1))
            start = m.end()
        spans.append((start, hi))
    return spans


def _context(
    mt: MatchText, span: tuple[int, int], lo: int, hi: int, signals: Sequence[Signal]
) -> tuple[str | None, list[str], list[str]]:
    """Return the signal overlapping a sentence, and its actors and jurisdictions (else the sentence's actors)."""
    for sig in signals:
        if sig.evidence_start < span[1] and span[0] < sig.evidence_end:
            return sig.signal_id, list(sig.actors), list(sig.jurisdictions)
    hits = find_actors(mt.text, ranges=[(lo, hi)])
    actors = list(dict.fromkeys(h.name for h in hits if h.kind != "country"))
    places = list(dict.fromkeys(h.country for h in hits if h.country))
    return None, actors, places


def _about_ai(text: str, mentions: list[Mention], spans: list[tuple[int, int]]) -> list[Mention]:
    """Return the mentions whose name or sentence has an AI term."""
    kept = []
    for mention in mentions:
        lo, hi = next(((a, b) for a, b in spans if a <= mention.start < b), (0, len(text)))
        if about_ai(mention.name) or about_ai(text[lo:hi]):
            kept.append(mention)
    return kept


def read_article(
    article: Article, signals: Sequence[Signal], seen: dict[str, _Seen], groups: KeyGroups
) -> bool:
    """Record the mentions, pairs and dated status events of one article; return whether it named any.

    An article without signal rows is read when its text passes the signals' AI topic test, and
    only for the mentions whose name or sentence has an AI term.
    """
    mt = build_match_text(article.text, article.text_hans)
    if not signals and not mentions_ai(mt.text):
        return False
    mentions = find_mentions(mt.text)
    spans = sentences_of(mt.text)
    if not signals:
        mentions = _about_ai(mt.text, mentions, spans)
    if not mentions:
        return False
    lex = load_measure_lexicon()
    day = article_day(article)
    for mention in mentions:
        key = key_of(mention)
        groups.add(key)
        if key in lex.by_key:
            groups.join(key, "lex:" + lex.by_key[key])
        entry = seen.setdefault(key, _Seen())
        entry.surfaces[(mention.lang, mention.name)] += 1
        entry.kinds[mention.kind] += 1
        if day is not None:
            entry.days.append(day)
    for left, right in [*find_pairs(mt.text, mentions), *find_appositives(mt.text, mentions)]:
        groups.join(key_of(left), key_of(right))
    lead_end = spans[min(LEAD_SENTENCES, len(spans)) - 1][1] if spans else 0
    # The lead measure: named in the first sentences, and the only measure the article names.
    only = len({key_of(m) for m in mentions}) == 1
    lead = mentions[0] if only and mentions[0].start < lead_end else None
    told: list[DatedCue] = []  # the steps of the last sentence, when it named no measure
    for lo, hi in spans:
        inside = [m for m in mentions if lo <= m.start < hi]
        sentence = mt.text[lo:hi]
        cues = find_cues(sentence, any(m.draft for m in inside))
        before, told = told, [] if inside else steps_of(sentence, day, cues)
        if not inside:
            dated = [d for d in date_cues(sentence, day, cues) if d.period is not None]
            dated = [d for d in dated if d.cue.status in CARRIED]
            if lead is None or not dated or UNNAMED.search(sentence):
                continue
            inside = [replace(lead, start=lo + dated[0].cue.start, end=lo + dated[0].cue.start)]
        # Dates go to the cues that are about a title (a cue about nothing takes no date).
        about = [c for c in cues if _nearest(mt.text, inside, DatedCue(c, None), lo) is not None]
        dated = [
            not_own(d, inside, lo) for d in plan_cues(sentence, date_cues(sentence, day, about))
        ]
        span = mt.to_original(lo, hi)
        signal_id, actors, places = _context(mt, span, lo, hi, signals)
        picked: dict[tuple[str, str, date | None], MeasureEvent] = {}
        for cue in dated:
            near = _nearest(mt.text, inside, cue, lo)
            if near is None:
                continue
            key = key_of(near)
            if near.kind == "executive_order" and cue.cue.status == "adopted":
                cue = replace(cue, cue=replace(cue.cue, status="signed"))  # an order is signed
            if cue.period is None and _EARLIER.search(sentence, 0, cue.cue.start):
                continue  # an earlier step told without its date: the article's day is not its day
            event = make_event(article, key, cue, day, span, signal_id)
            undated = (key, cue.cue.status, None)
            if event.date_source == "text":
                picked.pop(undated, None)
                picked.setdefault((key, cue.cue.status, event.event_date), event)
            elif not any(k[:2] == undated[:2] for k in picked):
                picked[undated] = event
        for event in shared_events(mt.text, inside, dated, lo, picked):
            picked[(event.measure_id, event.status, event.event_date)] = event
        for mention in inside:
            key = key_of(mention)
            order = dated_order(sentence, day, mention, lo)
            signed = any(k[:2] == (key, "signed") for k in picked)
            if order is not None and (
                not any(k[0] == key for k in picked) or (mention.dated and not signed)
            ):
                event = make_event(article, key, order, day, span, signal_id)
                picked[(key, "signed", event.event_date)] = event
            if mention.draft and not any(k[0] == key for k in picked):
                cue = DatedCue(draft_cue(mention, lo), None)
                picked[(key, "proposed", None)] = make_event(
                    article, key, cue, day, span, signal_id
                )
        if not picked and _ANAPHOR.match(sentence):
            picked = told_before(article, inside, before, day, span, signal_id)
        for (key, _, _), event in picked.items():
            seen[key].events.append((key, event, actors, places))
    return True


def reference_day(articles: Iterable[Article]) -> date | None:
    """Return the newest publication day of the articles (None when none prints a date)."""
    return max((d for a in articles if (d := article_day(a)) is not None), default=None)


def build_measures(
    articles: Iterable[Article], signals: Iterable[Signal], as_of: date | None = None
) -> MeasureTables:
    """Return both tables from the articles with signal rows and the others that name an AI measure.

    Statuses are as of ``as_of``, by default the newest publication day of the articles with
    signal rows or a kept mention (never the clock, so a rebuild is deterministic); events dated
    after it are scheduled.
    """
    by_article: dict[str, list[Signal]] = defaultdict(list)
    for sig in signals:
        by_article[sig.article_id].append(sig)
    seen: dict[str, _Seen] = {}
    groups = KeyGroups()
    read: list[Article] = []
    for article in sorted(articles, key=lambda a: a.article_id):
        own = by_article.get(article.article_id, [])
        if read_article(article, own, seen, groups) or own:
            read.append(article)
    if as_of is None:
        as_of = reference_day(read)
    measures: list[Measure] = []
    events: list[MeasureEvent] = []
    for members in groups.groups().values():
        keys = [k for k in members if k in seen]
        built = _assemble(measure_id_of(keys), [seen[k] for k in keys], as_of)
        if built is not None:
            measures.append(built[0])
            events.extend(built[1])
    measures.sort(key=lambda m: m.measure_id)
    events.sort(key=lambda e: (e.measure_id, e.event_date or date.min, e.event_id))
    return MeasureTables(measures, events, as_of)


def _assemble(
    measure_id: str, parts: list[_Seen], as_of: date | None
) -> tuple[Measure, list[MeasureEvent]] | None:
    """Return one measure and its events, or None when no article gives it a dated status.

    A measure known only from events scheduled after ``as_of`` is `announced` since it was first
    reported: the news made it public, and none of its dated steps has happened yet.
    """
    raw = [item for part in parts for item in part.events]
    if not raw:
        return None
    events = [
        replace(
            e,
            measure_id=measure_id,
            event_id=make_event_id(measure_id, e.article_id, e.status, int(e.event_id)),
        )
        for _, e, _, _ in raw
    ]
    events = list({e.event_id: e for e in events}.values())
    events = [e for e in events if not is_recount(e, events)]
    if not any(e.event_date for e in events):
        return None
    surfaces: Counter[tuple[str, str]] = Counter()
    kinds: Counter[str] = Counter()
    days: list[date] = []
    for part in parts:
        surfaces.update(part.surfaces)
        kinds.update(part.kinds)
        days.extend(part.days)
    days.extend(e.event_date for e in events if e.date_source == "article" and e.event_date)
    actors: Counter[str] = Counter(a for _, _, names, _ in raw for a in names)
    places: Counter[str] = Counter(p for _, _, _, found in raw for p in found[:1])
    entry = load_measure_lexicon().entries.get(measure_id)
    name_en = entry.name_en if entry else _top(surfaces, "en")
    name_zh = entry.name_zh if entry and entry.name_zh else _top(surfaces, "zh")
    if name_en is None and measure_id.startswith("eo-"):
        name_en = f"Executive Order {measure_id[3:]}"
    first = (
        min(days) if days else min((e.event_date for e in events if e.event_date), default=date.min)
    )
    last = max(days) if days else first
    status = current_status(events, as_of) or ("announced", first)
    measure = Measure(
        measure_id=measure_id,
        name_en=name_en,
        name_zh=name_zh,
        kind=entry.kind if entry else kinds.most_common(1)[0][0],
        jurisdiction=entry.jurisdiction if entry else _first(places),
        actors=[a for a, _ in sorted(actors.items(), key=lambda x: (-x[1], x[0]))[:MAX_ACTORS]],
        first_seen=first,
        status=status[0],
        status_since=status[1],
        last_seen=last,
        aliases=sorted({name for _, name in surfaces}),
    )
    return measure, events


def _top(surfaces: Counter[tuple[str, str]], lang: str) -> str | None:
    """Return the most frequent surface name in one language (ties: the shorter, then alphabetical)."""
    names = [(n, name) for (lg, name), n in surfaces.items() if lg == lang]
    return min(names, key=lambda x: (-x[0], len(x[1]), x[1]))[1] if names else None


def _first(places: Counter[str]) -> str | None:
    """Return the most frequent jurisdiction (ties: alphabetical)."""
    return min(places.items(), key=lambda x: (-x[1], x[0]))[0] if places else None
