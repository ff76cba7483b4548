"""xp29's batch: cloud and data policy that is no cloud know-your-customer duty and not about AI."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
BATCH = ROOT / "benchmarks" / "signal_training" / "examples_xp29.jsonl"
# Cloud words are AI context in rules.AI_CONTEXT; the batch's class is cloud without AI.
CLOUD_WORDS = re.compile(r"云计算|云服务|云端|云平台|云应用|IaaS|(?i:\bcloud\b)")


def _lines() -> list[dict[str, object]]:
    """Return the batch's labelled lines."""
    text = BATCH.read_text(encoding="utf-8").splitlines()
    return [json.loads(x) for x in text if x.strip() and not x.startswith("//")]


def test_the_batch_teaches_the_type_head_every_type_of_its_cloud_lines() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from signal_data import example_docs

    from extractors.signals.records import SIGNAL_TYPES

    docs = [d for d in example_docs() if d.name.startswith(f"{BATCH.stem}/")]
    assert len(docs) == len(_lines())
    kyc = SIGNAL_TYPES.index("cloud_compute_kyc")
    taught = [d for d in docs if d.analysis.sentences]
    assert len(taught) >= 30
    for doc in docs:
        assert len(doc.analysis.sentences) <= 1, doc.name  # a line's labels are its one sentence's
    for doc in taught:
        (labels,) = doc.type_labels
        assert -1 not in labels, doc.name  # every type is taught, yes or no
    positives = sum(d.type_labels[0][kyc] for d in taught)
    assert 1 <= positives <= len(taught) // 5  # mostly contrast lines, a few KYC duties


def test_the_contrast_lines_name_cloud_and_nothing_else_of_ai() -> None:
    from extractors.signals.align import build_match_text
    from extractors.signals.rules import find_ai_context

    contrast = [str(x["text"]) for x in _lines() if not x["types"]]
    assert len(contrast) >= 25
    for text in contrast:
        simplified = build_match_text(text).text
        blanked = CLOUD_WORDS.sub(lambda m: "#" * len(m.group()), simplified)
        assert not find_ai_context(blanked), text
