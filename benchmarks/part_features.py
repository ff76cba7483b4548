"""The sentence-part pages' features and labels as one file, so a build needs no fetched snapshot.

Usage:
  .venv/bin/python benchmarks/part_features.py export [--parts NAME ...] [--gate-work DIR]
  .venv/bin/python benchmarks/part_features.py check [--gate-work DIR]

The frozen dev parts (benchmarks/heldout/NAME) are rebuilt from fetched snapshots of public
repositories, which CI does not have. `export` rebuilds and ingests the parts (gate_parts.py),
labels their sentences (weak labels and part_sentences.jsonl) and writes, per page, only what the
sentence type head trains on: each scored sentence's hashed feature buckets, its 14 type labels
and its weight (signal_training/part_features.npz; no text). `load` gives them back as
sentence-only documents for signal_data.all_docs. Two fingerprints guard the file: the features of
a sentence of our own (the feature code that wrote the file) and the sha256 of
part_sentences.jsonl (the hand labels it holds); a mismatch is an error that says to export again.
`check` exports into a temporary file and compares it with the one written before. The file is
not committed (.gitignore): no part trains the shipped model (docs/quality.md, lp33b and lp33c).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from signal_data import (  # noqa: E402  # sibling script
    ALWAYS,
    DEV_PARTS,
    PART_LABELS,
    Doc,
    SentenceFeatures,
)

from extractors.signals.classify import analyse  # noqa: E402
from extractors.signals.gram_hash import IntArray  # noqa: E402
from extractors.signals.records import SIGNAL_TYPES  # noqa: E402

FILE = ROOT / "benchmarks" / "signal_training" / "part_features.npz"
# Whether the parts' sentences also give the type head's Platt maps rows (lp33c tried no: the maps
# and thresholds stay those of realnews dev, the seeds and the written sentences).
CALIBRATE = True
# Our own sentences (public facts): their features fingerprint the feature code of an export.
CANARY = (
    "The Commerce Department added two Chinese chip makers to the Entity List on Tuesday. "
    "美国商务部周二将两家中国芯片企业列入实体清单。"
)


def fingerprint() -> list[IntArray]:
    """Return the features of the canary sentences under the current feature code."""
    return analyse(CANARY).features


def labels_digest() -> str:
    """Return the sha256 of the hand labels of the parts' sentences."""
    return hashlib.sha256(PART_LABELS.read_bytes()).hexdigest()


def _flat(rows: list[IntArray]) -> tuple[np.ndarray, np.ndarray]:
    """Return ragged integer rows as (lengths, concatenated values)."""
    lengths = np.array([len(r) for r in rows], dtype=np.int32)
    values = np.concatenate([np.asarray(r, dtype=np.int64) for r in rows]) if rows else np.array([])
    return lengths, values.astype(np.int64)


def _rows(lengths: np.ndarray, values: np.ndarray) -> list[IntArray]:
    """Return the ragged rows of (lengths, concatenated values)."""
    ends = np.cumsum(lengths)
    return [values[e - n : e] for n, e in zip(lengths.tolist(), ends.tolist(), strict=True)]


def write(docs: list[Doc], path: Path) -> None:
    """Write the sentence-only documents' features, labels and weights (and the fingerprints)."""
    sentences = [f for d in docs for f in d.analysis.features]
    lengths, buckets = _flat(sentences)
    canary_lengths, canary = _flat(fingerprint())
    labels = np.array([y for d in docs for y in d.type_labels], dtype=np.int8)
    np.savez_compressed(
        path,
        names=np.array([d.name for d in docs]),
        counts=np.array([len(d.analysis.features) for d in docs], dtype=np.int32),
        lengths=lengths,
        buckets=buckets,
        labels=labels.reshape(-1, len(SIGNAL_TYPES)),
        weights=np.array([w for d in docs for w in d.type_weights], dtype=np.float32),
        canary_lengths=canary_lengths,
        canary=canary,
        labels_sha256=np.array(labels_digest()),
    )


def load(parts: tuple[str, ...], path: Path = FILE) -> list[Doc]:
    """Return the named parts' pages from the file as sentence-only always-training documents."""
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: write it with `part_features.py export`")
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    if [r.tolist() for r in _rows(arrays["canary_lengths"], arrays["canary"])] != [
        r.tolist() for r in fingerprint()
    ]:
        raise ValueError(f"{path.name} was written by other sentence features: export it again")
    if str(arrays["labels_sha256"]) != labels_digest():
        raise ValueError(f"{path.name} holds other labels than {PART_LABELS.name}: export it again")
    names = [str(n) for n in arrays["names"]]
    missing = sorted(set(parts) - {n.split("/", 1)[0] for n in names})
    if missing:
        raise ValueError(f"{path.name} has no part named {missing}: export it with them")
    rows = _rows(arrays["lengths"], arrays["buckets"])
    labels, weights = arrays["labels"].tolist(), arrays["weights"].tolist()
    docs, start = [], 0
    for name, count in zip(names, arrays["counts"].tolist(), strict=True):
        end = start + count
        if name.split("/", 1)[0] in parts:
            doc = Doc(name, ALWAYS, SentenceFeatures(rows[start:end]), calibrate=CALIBRATE)
            doc.type_labels, doc.type_weights = labels[start:end], weights[start:end]
            docs.append(doc)
        start = end
    return docs


def part_pages(names: tuple[str, ...], work: Path | None = None) -> list[Doc]:
    """Return the named parts' labelled pages, rebuilt and ingested under work (needs the fetched
    snapshots; None: one temporary folder for all of them)."""
    if not names:
        return []
    if len(set(names)) != len(names):
        raise ValueError(f"sentence parts named twice: {sorted(names)}")
    from gate_parts import labelled_part_docs  # sibling script; it imports signal_data

    work = work or Path(tempfile.mkdtemp(prefix="sentence-parts-"))
    return [d for name in names for d in labelled_part_docs(name, work)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("export", "check"))
    parser.add_argument("--parts", nargs="+", default=list(DEV_PARTS), help="the parts to export")
    parser.add_argument("--gate-work", type=Path, help="where the parts are rebuilt and ingested")
    args = parser.parse_args()
    docs = part_pages(tuple(args.parts), args.gate_work)
    if args.command == "export":
        write(docs, FILE)
        print(f"wrote {FILE} ({FILE.stat().st_size} bytes, {len(docs)} pages)")
        return 0
    if not FILE.is_file():
        print(f"{FILE} not found: nothing to check (write it with `part_features.py export`)")
        return 1
    fresh = Path(tempfile.mkdtemp(prefix="part-features-")) / FILE.name
    write(docs, fresh)
    with np.load(fresh) as a, np.load(FILE) as b:
        same = a.files == b.files and all(np.array_equal(a[k], b[k]) for k in a.files)
    print(f"{FILE.name}: {'the same as' if same else 'DIFFERENT from'} a fresh export")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
