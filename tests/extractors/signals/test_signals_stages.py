"""benchmarks/signal_stages.py: each missed required type is charged to the stage that refused it."""

from __future__ import annotations

import sys
from pathlib import Path

from articlekit import make_article

REPO = Path(__file__).resolve().parents[3]


def test_a_miss_is_charged_to_the_topic_gate_or_the_type_head() -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import signal_stages  # benchmark script, on sys.path above

    off_topic = make_article(
        "The city council voted to repave Main Street next spring.", language="en"
    )
    stage, _ = signal_stages.miss_stage(off_topic, "legislation_regulation", "US")
    assert stage.startswith("topic gate")
    text = "The Commerce Department added 12 chip makers to the Entity List over AI chips."
    article = make_article(text, language="en")
    stage, detail = signal_stages.miss_stage(article, "talent_skills", "US")
    assert stage.startswith("head below threshold") and detail.startswith("p=")
    assert "gate_article=" in signal_stages.pass_detail(article, "entity_list_sanction", "US")
