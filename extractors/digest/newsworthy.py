"""What the digest shows: developments that are about AI and are news, not commentary.

A cluster is shown only when one of its signals is confident (`MIN_CONFIDENCE`) and its
evidence is about AI (an AI term, or an AI-by-nature actor); a tariff order quoted in an AI
article is not an AI-policy development.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.digest.develop import PUBLIC_KINDS, STATEMENT
from extractors.digest.model import Mention
from extractors.signals.actors import is_ai_actor

__all__ = ["is_about_ai", "is_shown"]

MIN_CONFIDENCE = 0.6
COMMERCIAL_KINDS = frozenset({"company", "model"})
# An AI term in a quote (the signal rules' AI context, kept here so the digest judges rows
# independently of how they were found).
AI_TERMS = re.compile(
    r"(?<![A-Za-z])AI(?![A-Za-z])|人工智能|人工智慧|智能|智慧|大模型|模型|算力|芯片|晶片|半导体|半導體|"
    r"数据中心|數據中心|資料中心|云|雲|GPU|IaaS|机器学习|機器學習|生成式|"
    r"(?i:artificial intelligence|\bcompute\b|\bchips?\b|semiconductor|data cent(?:er|re)s?|"
    r"machine learning|generative|\bmodels?\b|\bcloud\b|\balgorithm)"
)


def is_about_ai(mention: Mention, ai_actors: frozenset[str] = frozenset()) -> bool:
    """Return whether a signal's quoted passage is about AI (an AI term or an AI-by-nature actor).

    ai_actors adds names to the lexicon's AI-by-nature actors (AI labs, models, AI-chip makers).
    """
    s = mention.signal
    if AI_TERMS.search(s.evidence) is not None:
        return True
    names = [*s.actors, *(s.targets or [])]
    return any(n in ai_actors or is_ai_actor(n) for n in names)


def is_shown(cluster: Sequence[Mention], kinds: dict[str, str]) -> bool:
    """Return whether a development is news for the digest.

    It needs one confident signal; a statement that names a company and no public body (a
    company or its people) is commentary, shown when two articles carry it. A person named
    alone is not known to be a company's: shown.
    """
    if not any(m.signal.confidence >= MIN_CONFIDENCE for m in cluster):
        return False
    if all(m.signal.signal_type == STATEMENT for m in cluster):
        names = {a for m in cluster for a in m.signal.actors}
        public = any(kinds.get(a) in PUBLIC_KINDS for a in names)
        commercial = any(kinds.get(a) in COMMERCIAL_KINDS or is_ai_actor(a) for a in names)
        return public or not commercial or len({m.signal.article_id for m in cluster}) >= 2
    return True
