"""The labelled pages of frozen dev parts as always-training pages of the gate or the type head.

A part is a frozen set (benchmarks/heldout/NAME, a dev part), rebuilt with heldout.py's `build`
and ingested as benchmarks/realnews.py ingests a realnews-style folder. Its labelled articles
join the training in every fold (group ALWAYS, never a CV fold's held-out page) in one of two
roles. A gate part's page gives the article and type heads their rows and the text view its
n-grams; the sentence model neither trains nor calibrates on it (sentence_train=False). A
sentence part's page trains and calibrates the sentence type head with the weak labels of a
realnews dev page (signal_data.label_page; a negative's sentences are negative for every type)
and its hand labels (part_sentences.jsonl); its amounts stay unknown (the money head never sees
them) and the gate never sees it. part_features.py exports these pages' features and labels to
the file the build reads (signal_data.all_docs): the one path by which a part trains the head.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from heldout import MIRROR, build, set_dir  # noqa: E402  # sibling script
from realnews import labels_of, run_ingest, write_sources  # noqa: E402  # sibling script
from signal_data import (  # noqa: E402  # sibling script
    ALWAYS,
    GATE_PARTS,
    PART_LABELS,
    Doc,
    apply_hand_labels,
    dev_articles,
    label_page,
    labelled_articles,
    read_jsonl,
)

from extractors.signals.classify import Analysis, analyse  # noqa: E402


@dataclass(frozen=True)
class GatePart:
    """One frozen dev part: its name, its rebuilt realnews-style folder and the ingest of it."""

    name: str
    corpus: Path
    data: Path


def prepare(name: str, work: Path, mirror: Path = MIRROR) -> GatePart:
    """Return a part rebuilt into work/NAME/corpus and ingested into work/NAME/data (each step
    skipped when its folder is already there, so a work folder can be reused)."""
    if "/" in name or name.startswith("."):
        raise ValueError(f"gate part {name!r}: the name of a frozen set, not a path")
    part = GatePart(name, work / name / "corpus", work / name / "data")
    if not (part.corpus / "sources.toml").is_file():
        build(set_dir(name), part.corpus, mirror)
    if not part.data.is_dir():
        sources = work / name / "sources.toml"
        write_sources("all", sources, part.corpus)
        if run_ingest(sources, part.data):
            raise RuntimeError(f"gate part {name}: radar ingest failed")
    return part


def part_docs(part: GatePart) -> list[Doc]:
    """Return the labelled articles of a part as gate-only documents (a page the ingest did not
    keep as an article gives the gate nothing, as at detection)."""
    labels = labels_of("all", part.corpus)
    docs = []
    for file_name, label, article, region in labelled_articles(labels, dev_articles(part.data)):
        analysis = analyse(article.text, article.text_hans, region)
        doc = Doc(f"{part.name}/{file_name}", ALWAYS, analysis, article=article, label=label)
        doc.sentence_train = False
        doc.gate_part = part.name
        docs.append(doc)
    return docs


def label_part_sentences(doc: Doc, hand: list[dict[str, Any]]) -> int:
    """Give a part's page the weak sentence labels of a realnews dev page, unknown amounts and its
    hand labels (part_sentences.jsonl, keyed PART/FILE); return how many hand labels matched."""
    label, analysis = doc.label, doc.analysis
    if label is None or not isinstance(analysis, Analysis):
        raise ValueError(f"{doc.name}: a part's page without its label or its text")
    doc.type_labels = label_page(analysis, label)
    doc.type_weights = [1.0] * len(analysis.sentences)
    doc.money_labels = [-1] * len(analysis.amounts)
    return apply_hand_labels(doc, hand)


def labelled(docs: list[Doc], name: str) -> list[Doc]:
    """Return one part's pages with their sentence labels (weak, then its hand labels); a hand
    label of the part that matches no sentence is an error."""
    hand = [h for h in read_jsonl(PART_LABELS) if h["file"].split("/", 1)[0] == name]
    matched = sum(label_part_sentences(d, hand) for d in docs)
    if matched != len(hand):
        raise ValueError(f"{PART_LABELS.name}: {len(hand) - matched} {name} labels match nothing")
    return docs


def labelled_part_docs(name: str, work: Path | None, mirror: Path = MIRROR) -> list[Doc]:
    """Return a part's pages with their sentence labels, still as the gate would read them."""
    return labelled(gate_part_docs((name,), work, mirror), name)


def gate_part_docs(
    names: tuple[str, ...] = GATE_PARTS, work: Path | None = None, mirror: Path = MIRROR
) -> list[Doc]:
    """Return the gate-only documents of the named frozen dev parts (work: where they are rebuilt
    and ingested, reused when there; None: a temporary folder)."""
    if not names:
        return []
    if len(set(names)) != len(names):
        raise ValueError(f"gate parts named twice: {sorted(names)}")
    if work is None:
        work = Path(tempfile.mkdtemp(prefix="gate-parts-"))
    return [d for name in names for d in part_docs(prepare(name, work, mirror))]
