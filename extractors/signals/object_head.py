"""What a measure is aimed at: a learned head that reads whether a sentence's measure is about AI.

Twenty-first round (issue 14, docs/quality.md "tm21"): on held-out sets the rows on look-alike
negatives include measures that are not about AI at all (tariffs, export controls on metals,
sanctions, general budgets and subsidies) on pages that name AI somewhere, so reach rules (AI
within a few sentences) do not separate them. This head is one logistic output over a sentence's
hashed text n-grams (no structural features: the rule flags would make it the AI lexicon again),
trained by benchmarks/object_model.py on the project's own written sentences (an AI object: the
example sentences that name AI, chips, models, data centres or AI services, and a batch of
sentences about AI measures; another object: a batch about tariffs, metals, sanctions, budgets,
subsidies, taxes, trade deals) and calibrated out of fold. A sentence with no object words
scores near the middle; only one that reads as a measure about something else scores low.

A candidate row (of any type but a model release or data-centre energy, which are AI by their
type) is dropped when nothing in its sentence names AI (lexicon or AI-by-nature actor), the head
reads the sentence below OBJECT_FLOOR, and the page's title does not name AI or read above the
floor either: "tariffs on steel" under a tariff headline goes, the same sentence on a page titled
about AI chips stays.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from extractors.signals.actors import DATA_DIR, is_ai_actor
from extractors.signals.classify import Analysis, FloatArray, LinearHead, analyse
from extractors.signals.features import BUCKETS
from extractors.signals.gram_hash import IntArray

__all__ = [
    "EXEMPT_TYPES",
    "OBJECT_FLOOR",
    "OBJECT_PATH",
    "load_object_head",
    "object_probabilities",
    "off_object_sentences",
    "read_object_head",
    "save_object_head",
    "text_rows",
    "title_reads_ai",
]

OBJECT_PATH = DATA_DIR / "object_model.npz"
# Below this calibrated probability a sentence reads as a measure about something other than AI
# (chosen on the dev parts; docs/quality.md, tm21).
OBJECT_FLOOR = 0.2
EXEMPT_TYPES = frozenset({"model_release", "energy_datacenter_infra"})


def text_rows(rows: list[IntArray]) -> list[IntArray]:
    """Return each feature row's text n-gram buckets only (structural features dropped)."""
    return [r[r < BUCKETS] for r in rows]


def object_probabilities(head: LinearHead, rows: list[IntArray]) -> FloatArray:
    """Return, per sentence feature row, the probability that its measure is about AI."""
    if not rows:
        return np.zeros(0)
    return np.asarray(head.predict(text_rows(rows))[:, 0], dtype=np.float64)


def save_object_head(head: LinearHead, path: Path) -> None:
    """Write the head as a pickle-free .npz of plain arrays."""
    with path.open("wb") as fh:
        np.savez_compressed(
            fh,
            buckets=head.buckets,
            weights=head.weights.astype(np.float16),  # trained weights are float16-exact
            bias=head.bias,
            platt=head.platt,
        )


def read_object_head(path: Path) -> LinearHead:
    """Read a head file (arrays only: allow_pickle is off)."""
    with np.load(path, allow_pickle=False) as data:
        return LinearHead(
            data["buckets"].astype(np.int64),
            data["weights"].astype(np.float32),
            data["bias"].astype(np.float64),
            data["platt"].astype(np.float64),
        )


@lru_cache(maxsize=1)
def load_object_head() -> LinearHead:
    """Return the packaged head, read once per process."""
    return read_object_head(OBJECT_PATH)


def off_object_sentences(analysis: Analysis, indices: set[int], head: LinearHead) -> set[int]:
    """Return the sentences among `indices` (into prep.spans) whose measure reads as aimed elsewhere."""
    # Elsewhere: no AI term or AI-by-nature actor in the sentence, and the head below the floor.
    at = {index: k for k, index in enumerate(analysis.sentences) if index in indices}
    quiet = [
        (index, k)
        for index, k in at.items()
        if not analysis.ai_terms[k]
        and not any(is_ai_actor(h.name) for h in analysis.sentence_actors[k])
    ]
    if not quiet:
        return set()
    p = object_probabilities(head, [analysis.features[k] for _, k in quiet])
    return {index for (index, _), pk in zip(quiet, p, strict=True) if pk < OBJECT_FLOOR}


def title_reads_ai(title: str, region: str | None, head: LinearHead) -> bool:
    """Return whether a page's title reads as about AI by the head (at or above the floor)."""
    rows = analyse(title, None, region).features if title.strip() else []
    return bool(len(rows)) and float(object_probabilities(head, rows).max()) >= OBJECT_FLOOR
