"""The object part of a signal's dedupe key: a titled document, the strongest cue, or money."""

from __future__ import annotations

import re

from extractors.signals.cues import CueHit
from extractors.signals.merge import slugify
from extractors.signals.records import Amount

__all__ = ["object_key"]

_TITLE = re.compile(r"《([^》]{2,40})》")

_DOC_WORDS = {
    "executive_action": re.compile(r"令|命令|备忘录|[Oo]rder|[Mm]emorandum"),
    "strategy_action_plan": re.compile(r"计划|战略|规划|蓝图|行动|意见|方案|[Pp]lan|[Ss]trategy"),
    "legislation_regulation": re.compile(
        r"法|条例|办法|规定|规则|意见稿|指南|[Aa]ct|[Bb]ill|[Rr]ule"
    ),
    "export_control": re.compile(r"规则|规定|管制|框架|[Rr]ule"),
}


def _find_doc_title(signal_type: str, sentence: str) -> str | None:
    """Return the 《title》 of the type's own document (e.g. an order for executive_action), if any."""
    words = _DOC_WORDS.get(signal_type)
    for m in _TITLE.finditer(sentence):
        parts = [p for p in re.split(r"[:：]", m.group(1)) if p.strip()] or [m.group(1)]
        if words is None:
            return parts[-1]
        named = [p for p in parts if words.search(p)]
        if named:
            return named[-1]
        if words.search(sentence, m.end(), m.end() + 4):
            return parts[-1]
    return None


def object_key(signal_type: str, sentence: str, cues: list[CueHit], amount: Amount | None) -> str:
    """Return the object part of a dedupe key: a titled document, the strongest cue, or money."""
    if amount is not None:
        return "amount"
    if signal_type == "policy_statement":
        return "statement"
    title = _find_doc_title(signal_type, sentence)
    if title:
        return "t_" + slugify(title)[:40]
    strong = [c for c in cues if c.weight == 2] or cues
    return slugify(strong[0].phrase) if strong else signal_type
