"""The main actor of a signal sentence: the subject of a publishing verb, the releaser nearest a
cue, the first actor of a kind the type prefers, and whether a statement's actor speaks it."""

from __future__ import annotations

import re

from extractors.signals.cues import CueHit
from extractors.signals.records import ActorHit
from extractors.signals.rules import PREFERRED_KINDS, is_company_speaking

__all__ = ["find_subject", "nearest_to_cue", "pick_main_actor", "speaks"]

_FALLBACK_KINDS = ("person", "government", "agency", "legislature", "intl_org", "company")


_SUBJECT_VERB = re.compile(
    r"(?:近日|日前|今天|昨天|当天|当地时间|正式|再次|再|又|还|已经|已|也|将|首次|先后|共同|联合)?"
    r"(?:发布|公布|印发|出台|推出|宣布|签署|颁布|更新|启动|提出|通过|发表|announced|issued|signed|published|released)"
)


def find_subject(signal_type: str, hits: list[ActorHit], text: str) -> ActorHit | None:
    """Return the actor right before a publishing verb (X发布, X宣布启动), if its kind fits the type."""
    kinds = PREFERRED_KINDS[signal_type]
    for h in hits:
        fits = h.kind in kinds or (h.kind == "country" and "government" in kinds)
        if fits and _SUBJECT_VERB.match(text, h.end + (text[h.end : h.end + 1] == " ")):
            return h
    return None


def nearest_to_cue(
    hits: list[ActorHit], cues: list[CueHit], kinds: tuple[str, ...]
) -> ActorHit | None:
    """Return the actor of the given kinds nearest to a cue (the releaser of a release)."""
    pool = [h for h in hits if h.kind in kinds]
    if not pool or not cues:
        return None
    return min(pool, key=lambda h: min(abs(h.start - c.start) for c in cues))


def pick_main_actor(
    signal_type: str, hits: list[ActorHit], carry: list[ActorHit]
) -> ActorHit | None:
    """Return the main actor of a type from the sentence, else from the previous sentences."""
    kinds = PREFERRED_KINDS[signal_type]
    for kind in kinds:
        for h in hits:
            if h.kind == kind:
                return h
    for h in hits:
        if h.kind in _FALLBACK_KINDS and (h.kind != "company" or "company" in kinds):
            return h
    countries = [h for h in hits if h.kind == "country"]
    if countries:
        return countries[0]
    return next((h for h in carry if h.kind in kinds), None)


_SPEAKER_KINDS = ("person", "agency", "government", "legislature", "intl_org")


def speaks(actor: ActorHit | None, subject: ActorHit | None, cues: list[CueHit]) -> bool:
    """Return whether a statement's actor is its speaker: a person or public body, or a company
    that is the subject of a publishing verb or right before a statement cue (not one it names)."""
    if actor is None:
        return False
    if actor.kind in _SPEAKER_KINDS:
        return True
    return actor.kind == "company" and (actor is subject or is_company_speaking(cues, [actor]))
