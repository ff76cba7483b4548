"""Repeated prose paragraphs inside a source's texts: a standing section a post carries mid-body.

A newsletter or release blog repeats paragraphs away from its edges too: a donations or
sponsorship section before the closing sections, a standing note under a recurring heading, a
template blurb that introduces each of its sections. The edge tiers of the cross-page learner
(``extractors/boilerplate.py``) never look there, and the anywhere tier takes short exact lines
only. This module picks the paragraphs that may be such blocks; ``BlockEvidence``
(``extractors/edgeblocks.py``) finds their near copies among the source's other stories with the
same MinHash bands and Jaccard check as the edge blocks, under the anywhere tier's bar
(``BODY_MIN_STORIES`` distinct stories, never two exact copies alone: body blocks are never
"short"). No share of the source's stories is asked for: the learned set must only grow as
evidence is added (the ingest strips batches as they are committed), and a share would fall
as unrelated stories arrive.

Guards, because real text recurs across a source's stories too: a paragraph must read as prose
(a sentence end), must not be a list item (a list's facts) or hold a quotation (a statement quoted
in several stories of a running story is news), and must be a small part of its text (on a short
notice the repeated paragraph is the notice). Numbers stay tokens: a market report that repeats
its template with new figures keeps its days apart.
"""

from __future__ import annotations

import re

from extractors.cues import LIST_ITEM

__all__ = ["SENTENCE_END", "body_candidates"]

# A body block is at most this share of its text's characters.
_TEXT_SHARE = 0.25
# A sentence end anywhere in a paragraph (prose, not a heading or a label); the learner's too.
SENTENCE_END = re.compile(r"[。！？!?；;…]|[.](?:\s|$)")
# A quotation: curly or CJK quotes, or straight double quotes around four words or more.
_QUOTED = re.compile(r"[“”「」『』«»]|\"(?:[^\"\s]+\s+){3,}[^\"]*\"")


def body_candidates(paras: list[str], skip: set[int]) -> list[int]:
    """Return the indices of the paragraphs outside skip that may be body blocks."""
    total = sum(len(p) for p in paras)
    return [
        i
        for i, para in enumerate(paras)
        if i not in skip
        and len(para) <= _TEXT_SHARE * total
        and not LIST_ITEM.match(para)
        and SENTENCE_END.search(para)
        and not _QUOTED.search(para)
    ]
