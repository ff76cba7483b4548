"""Whether a type's candidates are taken by the page's own actors or by others (a retold measure).

A measure retold as background, or as another item of a digest, is typically taken by an actor the
page's heading and lead do not name; the page's own measure by one they name. The article gate's type
head reads, per candidate type, the share of its candidates whose named actor is none of the page's
actors (those the actor lexicon finds in the heading and in the first two sentences).
"""

from __future__ import annotations

from collections.abc import Sequence

from extractors.signals.actors import find_actors
from extractors.signals.align import simplify_aligned
from extractors.signals.classify import Analysis
from extractors.signals.rules import Candidate

__all__ = ["LEAD_SENTENCES", "other_actor_shares", "page_actor_names"]

LEAD_SENTENCES = 2  # the lead: where a dateline, issuer line or the story's own actor sits


def page_actor_names(heading: str | None, analysis: Analysis) -> frozenset[str]:
    """Return the canonical names of the actors in a page's heading and lead sentences."""
    names = {h.name for h in find_actors(simplify_aligned(heading, None))} if heading else set()
    spans = analysis.prep.spans[:LEAD_SENTENCES]
    if spans:
        lead = find_actors(analysis.prep.mt.text, None, [(spans[0][0], spans[-1][1])])
        names.update(h.name for h in lead)
    return frozenset(names)


def other_actor_shares(
    heading: str | None, analysis: Analysis, candidates: Sequence[Candidate]
) -> dict[str, float]:
    """Return, per candidate type, the share of its candidates taken by a named actor that is none
    of the page's own actors (0.0 when every candidate's actor is the page's, or unnamed)."""
    own = page_actor_names(heading, analysis)
    counts: dict[str, list[int]] = {}
    for c in candidates:
        seen = counts.setdefault(c.signal_type, [0, 0])
        seen[0] += c.actor is not None and c.actor.name not in own
        seen[1] += 1
    return {t: other / total for t, (other, total) in counts.items()}
