"""The events of one sentence: dated order names, shared statuses, drafts, steps told the sentence before."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from extractors.measures.english import Mention
from extractors.measures.resolve import key_of
from extractors.measures.status import Cue, DatedCue, date_cues, plan_cues
from extractors.rows import Article, MeasureEvent

MAX_CUE_GAP = 80  # characters between a status word and the title it is about
# An instrument named without a title between a status word and a title: the word is about it.
UNNAMED = re.compile(r"行政命令|行政令|\bexecutive orders?\b", re.I)
ORDER_DATE_GAP = (
    40  # characters between a date and the order it dates (2021年1月…的第13984号行政命令)
)
_CLAUSE = re.compile(r"[，,；;。]")
_TOLD = frozenset({"announced", "proposed", "adopted", "signed", "in_force"})


def not_own(cue: DatedCue, inside: list[Mention], base: int) -> DatedCue:
    """Return a cue without the date of an order's own name (Executive Order 14110 of October 30, 2023)."""
    if cue.period is None:
        return cue
    at = base + cue.period.offset
    if any(m.dated and m.start <= at < m.end for m in inside):
        return DatedCue(cue.cue, None)
    return cue


def steps_of(sentence: str, day: date | None, cues: list[Cue]) -> list[DatedCue]:
    """Return the dated lifecycle steps of a sentence that names no measure (共同发布了两项成果)."""
    dated = plan_cues(sentence, date_cues(sentence, day, cues))
    return [d for d in dated if d.cue.status in _TOLD]


def told_before(
    article: Article,
    inside: list[Mention],
    before: list[DatedCue],
    day: date | None,
    span: tuple[int, int],
    signal_id: str | None,
) -> dict[tuple[str, str, date | None], MeasureEvent]:
    """Return the events of a sentence that only names what the sentence before it did (其中，《A》…)."""
    picked: dict[tuple[str, str, date | None], MeasureEvent] = {}
    for mention in inside:
        key = key_of(mention)
        for cue in before:
            if mention.kind == "executive_order" and cue.cue.status == "adopted":
                cue = replace(cue, cue=replace(cue.cue, status="signed"))
            event = make_event(article, key, cue, day, span, signal_id)
            picked.setdefault((key, cue.cue.status, event.event_date), event)
    return picked


def shared_events(
    text: str,
    inside: list[Mention],
    dated: list[DatedCue],
    base: int,
    picked: dict[tuple[str, str, date | None], MeasureEvent],
) -> list[MeasureEvent]:
    """Return the event of a sentence's only status for its other titles (《A》与《B》同日公布).

    A sentence with one status word about several titles in reach says it of all of them.
    """
    if len({d.cue.status for d in dated}) != 1 or not picked:
        return []
    model = next(iter(picked.values()))
    cue = dated[0].cue
    out = []
    for mention in inside:
        key = key_of(mention)
        if any(k[0] == key for k in picked):
            continue
        lo, hi = base + cue.start, base + cue.end
        gap = lo - mention.end if mention.end <= lo else max(0, mention.start - hi)
        if gap <= MAX_CUE_GAP and not UNNAMED.search(
            text, min(hi, mention.end), max(lo, mention.start)
        ):
            out.append(replace(model, measure_id=key))
    return out


def dated_order(sentence: str, day: date | None, mention: Mention, base: int) -> DatedCue | None:
    """Return a signed cue for an order named with its date (Executive order of 19 January 2021,
    2021年1月…的第13984号行政命令): the date right before it, in its clause."""
    if mention.kind != "executive_order":
        return None
    cue = Cue("signed", mention.start - base, mention.end - base)
    (dated,) = date_cues(sentence, day, [cue])
    if dated.period is None:
        return None
    end = dated.period.offset + len(dated.period.phrase)
    if mention.dated is None and (
        end > cue.start
        or cue.start - end > ORDER_DATE_GAP
        or _CLAUSE.search(sentence, end, cue.start)
    ):
        return None
    return dated


def draft_cue(mention: Mention, base: int) -> Cue:
    """Return a proposed cue at a mention whose title carries a draft marker."""
    return Cue("proposed", mention.start - base, mention.end - base)


def make_event(
    article: Article,
    key: str,
    cue: DatedCue,
    day: date | None,
    span: tuple[int, int],
    signal_id: str | None,
) -> MeasureEvent:
    """Return one status event; the measure id is filled in once keys are grouped."""
    when: date | None = day
    source = "article" if day is not None else "none"
    if cue.period is not None:
        when, source = cue.period.start, "text"
    return MeasureEvent(
        event_id=str(span[0] + cue.cue.start),
        measure_id=key,
        status=cue.cue.status,
        event_date=when,
        date_source=source,
        article_id=article.article_id,
        evidence=article.text[span[0] : span[1]],
        evidence_start=span[0],
        evidence_end=span[1],
        signal_id=signal_id,
        published_at=article.published_at,
    )
