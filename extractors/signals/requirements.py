"""Per-type evidence a candidate needs beyond its sentence probability (sixteenth round, issue 14).

Two classes of rows on look-alike negatives (AI-industry pages that are not AI policy), counted on
the dev sets in docs/quality.md ("sixteenth round"):
- a spending amount with no AI purpose in reach: a non-AI company's round, a carmaker's partner
  deal, a crypto fund. The labelling rule counts money only for an AI-related purpose, so an amount
  of the two spending types needs AI context (an AI term, model, data centre or AI-by-nature
  actor) in its sentence or the two sentences either side, or an AI-by-nature actor of its own;
  chip words and chip makers there count only on a page that names AI somewhere, text or title
  (twenty-second round: the rule's "chips for AI"; fabs and chip grants on pages that never tie
  chips to AI are not);
- a company's voice about its own business read as a policy statement: an executive on products,
  demand or hiring. A statement whose voices are companies and their people only (no public body,
  legislature, international body or country in the sentence) needs the sentence to read, by the
  learned type head, as touching some public measure: its highest probability over the
  government-side types at least STATEMENT_PUBLIC_FLOOR.
  Who speaks (seventeenth round): an executive named in the lexicon with a company `org` is that
  company's voice, and so is a speaker named only by a corporate executive title (CEO, chief
  executive, 首席执行官, 执行长) in a sentence with no public side.
- a model release retold in passing: a digest's or essay's account of last month's releases, a study
  that names the model version it used. A `model_release` candidate counts only where the release is
  the page's story: its sentence is in the lead (the first RELEASE_LEAD + 1 sentences) or the title
  reads, by the type head, as a release (twentieth round).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from extractors.signals.actors import is_ai_actor, is_chip_actor, voice_kind
from extractors.signals.align import build_match_text
from extractors.signals.classify import Analysis, FloatArray
from extractors.signals.records import ActorHit
from extractors.signals.rules import SPENDING_TYPES, find_ai_words, has_ai_context, names_ai

__all__ = [
    "AI_REACH",
    "EXECUTIVE_TITLE",
    "RELEASE_LEAD",
    "STATEMENT_PUBLIC_FLOOR",
    "money_has_ai_purpose",
    "release_is_the_story",
    "statement_is_public",
]

AI_REACH = 2  # sentences either side of an amount's sentence searched for AI context
# The type head's government-side probability a company-voiced statement needs: the middle of the
# plateau 0.05-0.2 on the fresh dev sets (same figures); realnews dev nested CV is unchanged by it.
STATEMENT_PUBLIC_FLOOR = 0.1
# A company's executive named by title (matching runs on Simplified text; 執行長 becomes 执行长).
EXECUTIVE_TITLE = re.compile(
    r"首席执行官|执行长|首席财务官|首席运营官|(?<![A-Za-z])(?:CEO|CFO|COO)(?![A-Za-z])"
    r"|chief (?:executive|financial|operating) officer|chief executive",
    re.IGNORECASE,
)
# The last sentence index (of prep.spans, title line included) that is the page's lead: the middle
# of the plateau 2-10 on the dev parts (same figures at 2, 5 and 10; docs/quality.md, ng20).
RELEASE_LEAD = 5
PUBLIC_KINDS = frozenset({"government", "agency", "legislature", "intl_org", "country"})
GOVERNMENT_SIDE = (
    "legislation_regulation",
    "executive_action",
    "export_control",
    "international_governance",
    "strategy_action_plan",
    "government_ai_budget",
    "entity_list_sanction",
    "cloud_compute_kyc",
    "tech_diplomacy_export_promotion",
    "talent_skills",
)


def money_has_ai_purpose(
    analysis: Analysis,
    signal_type: str,
    index: int,
    actor: ActorHit | None,
    title: str = "",
) -> bool:
    """Return whether an amount of a type in sentence `index` (of prep.spans) has AI in reach."""
    # Chip words and chip makers in reach are chips for AI only on a page whose text or title (its
    # heading) names AI somewhere: a fab or a chip grant on a page that never ties chips to AI is
    # not AI money.
    if signal_type not in SPENDING_TYPES:
        return True  # data-centre energy is AI infrastructure by its type
    if actor is not None and is_ai_actor(actor.name) and not is_chip_actor(actor.name):
        return True
    chips = actor is not None and is_chip_actor(actor.name)
    spans = analysis.prep.spans
    text = analysis.prep.mt.text
    for j in range(max(0, index - AI_REACH), min(len(spans), index + AI_REACH + 1)):
        lo, hi = spans[j]
        if has_ai_context(text[lo:hi]):
            if names_ai(text[lo:hi]):
                return True
            chips = True
        for h in _actors_of(analysis, j):
            if is_ai_actor(h.name):
                if not is_chip_actor(h.name):
                    return True
                chips = True
    return chips and _page_names_ai(analysis, title)


def _actors_of(analysis: Analysis, index: int) -> list[ActorHit]:
    """Return the actors of sentence `index` of prep.spans; none when it is not a scored one."""
    at = bisect_left(analysis.sentences, index)  # the scored sentences are ascending and unique
    found = at < len(analysis.sentences) and analysis.sentences[at] == index
    return analysis.sentence_actors[at] if found else []


def _page_names_ai(analysis: Analysis, title: str) -> bool:
    """Return whether a page's text, title or scored sentences' AI-by-nature actors name AI."""
    # An AI-by-nature actor counts unless it makes chips in general.
    if find_ai_words(analysis.prep.mt.text) or names_ai(build_match_text(title).text):
        return True
    return any(is_ai_actor(h.name) and not is_chip_actor(h.name) for h in analysis.actors)


def statement_is_public(
    probs: FloatArray,
    types: tuple[str, ...],
    hits: list[ActorHit],
    actor: ActorHit | None,
    sentence: str,
) -> bool:
    """Return whether a policy-statement candidate (its sentence's type probabilities, actors,
    chosen actor and text) is voiced by a public side or reads as touching a public measure."""
    kinds = {voice_kind(h) for h in hits} | ({voice_kind(actor)} if actor is not None else set())
    if EXECUTIVE_TITLE.search(sentence):
        kinds.add("company")
    if kinds & PUBLIC_KINDS or "company" not in kinds:
        return True
    side = [types.index(t) for t in GOVERNMENT_SIDE if t in types]
    return float(probs[side].max()) >= STATEMENT_PUBLIC_FLOOR


def release_is_the_story(index: int, title_p: float, threshold: float) -> bool:
    """Return whether a model-release candidate in sentence `index` (of prep.spans) is the page's
    story: in its lead, or under a title whose release probability (title_p) reaches the threshold."""
    return index <= RELEASE_LEAD or title_p >= threshold
