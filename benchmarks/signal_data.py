"""Labelled sentences and amounts for the signal classifier, read by reference from ../shared."""

# Sources (nothing third-party is copied into the project; texts are read at build time):
#  - realnews DEV pages (the split's outlets only), as `radar ingest` extracts them; sentence labels
#    come from the page labels by the weak rules in `label_sentences`, amount labels from the
#    labelled amounts (value match, status signal -> 1, not_signal or unlabelled -> 0).
#  - ../shared/seeds with tests/extractors/signals/seed_labels.json (same rules; in-sample for the seed eval).
#  - ../shared/corpus/aeb and cwce ground-truth bodies: background text, every sentence and amount 0.
#  - benchmarks/signal_training/examples*.jsonl: sentences written for this project (one file per
#    batch, so that batches written in parallel merge without conflicts).
#  - benchmarks/signal_training/articles.jsonl: short articles written for this project (look-alike
#    negatives and AI-policy articles, article-level labels): always train the article gate, and
#    (WRITTEN_SENTENCES) give the sentence model their sentences (negatives: every type 0).
#  - frozen dev parts (benchmarks/heldout/NAME, rebuilt from fetched snapshots), only when named:
#    GATE_PARTS train the article gate (gate_parts.py); SENTENCE_PARTS train the sentence type head
#    from part_features.npz (their weak labels, hand labels by reference in part_sentences.jsonl).

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from extractors.rows import Article
from extractors.signals.classify import AmountItem, Analysis, analyse
from extractors.signals.fx import convert_to_usd
from extractors.signals.gram_hash import IntArray
from extractors.signals.places import region_of
from extractors.signals.records import SIGNAL_TYPES

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from realnews import CORPUS, SHARED, labels_of, outlet_of, write_sources  # noqa: E402  # sibling script

__all__ = [
    "ALWAYS",
    "CORPUS",
    "DEV_PARTS",
    "GATE_PARTS",
    "PART_LABELS",
    "SENTENCE_PARTS",
    "SHARED",
    "Doc",
    "SentenceFeatures",
    "all_docs",
    "apply_hand_labels",
    "label_page",
    "label_sentences",
    "labelled_articles",
    "read_jsonl",
]

EXAMPLES = ROOT / "benchmarks" / "signal_training" / "examples.jsonl"
# Every examples*.jsonl batch, the original file first (its documents keep their names).
EXAMPLE_FILES = [
    EXAMPLES,
    *sorted(p for p in EXAMPLES.parent.glob("examples*.jsonl") if p != EXAMPLES),
]
ARTICLES = ROOT / "benchmarks" / "signal_training" / "articles.jsonl"
HAND_LABELS = ROOT / "benchmarks" / "signal_training" / "dev_sentences.jsonl"
# Hand labels of the frozen dev parts' sentences (file PART/FILE), read by gate_parts.py.
PART_LABELS = ROOT / "benchmarks" / "signal_training" / "part_sentences.jsonl"
SEED_LABELS = ROOT / "tests" / "extractors" / "signals" / "seed_labels.json"
MONEY_TYPES = {"investment_capex", "government_ai_budget", "energy_datacenter_infra"}
ALWAYS = "_train_"  # group of the documents that are not realnews dev (background, seeds, examples)
# Whether the sentences of the written articles (articles.jsonl) train the sentence model (chosen by
# the nested CV of signal_model.py); they always train the article gate.
WRITTEN_SENTENCES = False
# Frozen dev parts (benchmarks/heldout/NAME) whose labelled pages always train the article gate
# (benchmarks/gate_parts.py; none: realnews dev and the written articles only).
GATE_PARTS: tuple[str, ...] = ()
# Frozen dev parts whose labelled pages always train the sentence type head, never the gate, read
# from signal_training/part_features.npz (benchmarks/part_features.py export writes it; none: no
# part). Thirty-third round: the nine dev parts with their hand labels failed the CV and the
# rebuild test (lp33b), and without their calibration rows failed leave-one-part-out (lp33c).
SENTENCE_PARTS: tuple[str, ...] = ()
# The parts `part_features.py export` writes by default, and signal_lopo.py leaves out one by one.
DEV_PARTS: tuple[str, ...] = (
    *("ty30-dev", "mo30-dev", "mo30-dev2", "mo30-dev3", "ng18-dev", "tp18-dev", "mp18-dev"),
    *("fr32-dev", "fz32-dev"),
)
CLEAN_WEIGHT = 3.0  # a hand-written or hand-labelled sentence counts as three weakly labelled ones
HAND_WEIGHT = CLEAN_WEIGHT  # weight of a hand-labelled dev sentence (dev_sentences.jsonl)


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """A sentence-only page as the type head reads it: its scored sentences' buckets, no text
    (benchmarks/part_features.py)."""

    features: list[IntArray]
    amounts: tuple[AmountItem, ...] = ()  # a part's amounts never train the money head

    @property
    def sentences(self) -> range:
        """Return the indices of the scored sentences."""
        return range(len(self.features))


@dataclass
class Doc:
    """One labelled text: its analysis, its CV group and its sentence and amount labels."""

    name: str
    group: str
    analysis: Analysis | SentenceFeatures
    type_labels: list[list[int]] = field(default_factory=list)  # per sentence, per type: 1/0/-1
    money_labels: list[int] = field(default_factory=list)  # per amount item: 1/0/-1
    type_weights: list[float] = field(default_factory=list)  # per sentence (default 1)
    money_weight: float = 1.0
    article: Article | None = None
    label: dict[str, Any] | None = None
    sentence_train: bool = True  # False: the sentence model neither trains nor calibrates on it
    calibrate: bool = True  # False: it trains the sentence model but gives its Platt maps no row
    gate_part: str | None = None  # the frozen dev part of a gate-only page (gate_parts.py)


def _same_value(value: float, want: float) -> bool:
    """Return whether two amounts agree within 1.5% (the scorer's tolerance)."""
    return bool(want) and abs(value - want) <= 0.015 * abs(want)


def label_sentences(
    analysis: Analysis, required: set[str], acceptable: set[str], signal_values: list[float]
) -> list[list[int]]:
    """Return per-sentence type labels from article-level labels (weak supervision).

    A sentence is positive for a required type when it carries a cue of that type or, for a money
    type, a labelled signal amount; it is unknown (-1) for acceptable types and for required types
    it shows no evidence of; it is negative (0) for every other type.
    """
    spans = analysis.prep.spans
    out: list[list[int]] = []
    for k, index in enumerate(analysis.sentences):
        lo, hi = spans[index]
        cue_types = {c.signal_type for c in analysis.prep.cues if lo <= c.start < hi}
        money = any(
            a.sentence == k and any(_same_value(a.amount.value, v) for v in signal_values)
            for a in analysis.amounts
        )
        row = []
        for t in SIGNAL_TYPES:
            evidence = t in cue_types or (money and t in MONEY_TYPES)
            if t in required:
                row.append(1 if evidence else -1)
            elif t in acceptable:
                row.append(-1)
            else:
                row.append(0)
        out.append(row)
    return out


def label_page(analysis: Analysis, label: dict[str, Any]) -> list[list[int]]:
    """Return the weak sentence labels of a realnews-style labelled page: label_sentences' rules
    for an AI-policy page, every sentence negative for every type on a look-alike negative."""
    if not label["is_ai_policy"]:
        return [[0] * len(SIGNAL_TYPES) for _ in analysis.sentences]
    types = label["types"]
    values = [a["value"] for a in label["amounts"] if a["status"] == "signal"]
    required, acceptable = set(types["required"]), set(types.get("acceptable", []))
    return label_sentences(analysis, required, acceptable, values)


def _usd(value: float, currency: str | None) -> float | None:
    """Return an amount in USD at the 2025 rate (only to recognise restatements), or None."""
    return convert_to_usd(value, currency, 2025)[0]


def label_amounts(analysis: Analysis, amounts: list[dict[str, Any]]) -> list[int]:
    """Return per-amount commitment labels: signal 1, acceptable -1, not_signal or unlabelled 0.

    An unlabelled amount that restates a labelled one in another currency (within 8% in USD: the
    article's own conversion, "€50 billion ($52 billion)") is unknown (-1), not a negative.
    """
    out = []
    for item in analysis.amounts:
        statuses = {a["status"] for a in amounts if _same_value(item.amount.value, a["value"])}
        if not statuses:
            usd = _usd(item.amount.value, item.amount.currency)
            for a in amounts:
                other = _usd(a["value"], a.get("currency"))
                if usd and other and a.get("currency") != item.amount.currency:
                    statuses |= {"acceptable"} if abs(usd - other) <= 0.08 * other else set()
        out.append(1 if "signal" in statuses else -1 if "acceptable" in statuses else 0)
    return out


def ingest_dev(data: Path) -> None:
    """Run `radar ingest` on the realnews dev split into a data folder (articles only are used)."""
    sources = data.parent / "dev-sources.toml"
    write_sources("dev", sources)
    radar = Path(sys.executable).with_name("radar")
    cmd = [str(radar), "ingest", "--sources", str(sources), "--data", str(data)]
    subprocess.run(cmd, capture_output=True, text=True, check=True)


def dev_articles(data: Path | None) -> dict[str, Article]:
    """Return the dev split's articles keyed by file name (ingesting them unless data is given)."""
    if data is None:
        tmp = Path(tempfile.mkdtemp(prefix="signal-model-"))
        data = tmp / "data"
        ingest_dev(data)
    frame = pl.read_parquet(str(data / "articles" / "**" / "*.parquet"), hive_partitioning=True)
    names = {f.name for f in fields(Article)}
    out: dict[str, Article] = {}
    for row in frame.iter_rows(named=True):
        name = Path(str(row.get("path") or "")).name
        out[name] = Article(**{k: v for k, v in row.items() if k in names})
    return out


def _folder_of(name: str) -> str:
    """Return the realnews folder of a file name."""
    return "zh" if name.startswith("zh_") else "en" if name.startswith("en") else "hant"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Return the objects of a JSON-lines file (lines starting with // are comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(x) for x in lines if x.strip() and not x.startswith("//")]


def apply_hand_labels(doc: Doc, hand: list[dict[str, Any]]) -> int:
    """Override the weak labels of the sentences hand-labelled by hash; return how many matched."""
    wanted = {h["sha1"]: h["types"] for h in hand if h["file"] == doc.name}
    found = 0
    spans = doc.analysis.prep.spans
    for k, index in enumerate(doc.analysis.sentences):
        lo, hi = spans[index]
        key = hashlib.sha1(doc.analysis.prep.mt.text[lo:hi].encode()).hexdigest()[:12]
        if key in wanted:
            doc.type_labels[k] = [int(t in wanted[key]) for t in SIGNAL_TYPES]
            doc.type_weights[k] = HAND_WEIGHT
            found += 1
    return found


def labelled_articles(
    labels: dict[str, dict[str, Any]], articles: dict[str, Article]
) -> Iterator[tuple[str, dict[str, Any], Article, str | None]]:
    """Yield (file name, label, article, region) for every labelled page the ingest kept, in name
    order (a page it did not keep as an article is left out, as at detection)."""
    for name in sorted(labels):
        label = labels[name]
        article = articles.get(name)
        if article is not None:
            yield (
                name,
                label,
                article,
                region_of(label.get("outlet_timezone"), article.url, article.language),
            )


def dev_docs(data: Path | None = None) -> list[Doc]:
    """Return the labelled dev articles (group = outlet), hand labels applied."""
    labels = labels_of("dev")
    hand = read_jsonl(HAND_LABELS)
    matched = 0
    articles = dev_articles(data)
    docs = []
    for name in sorted(labels):
        label: dict[str, Any] = labels[name]
        article = articles.get(name)
        if article is None:
            raise ValueError(f"dev page {name} was not ingested as an article")
        region = region_of(label.get("outlet_timezone"), article.url, article.language)
        analysis = analyse(article.text, article.text_hans, region)
        folder = _folder_of(name)
        doc = Doc(f"{folder}/{name}", f"{folder}:{outlet_of(folder, name)}", analysis)
        doc.article, doc.label = article, label
        doc.type_labels = label_page(analysis, label)
        doc.money_labels = label_amounts(analysis, label["amounts"])
        doc.type_weights = [1.0] * len(analysis.sentences)
        matched += apply_hand_labels(doc, hand)
        docs.append(doc)
    if matched != len(hand):
        raise ValueError(f"{HAND_LABELS.name}: {len(hand) - matched} hand labels match no sentence")
    return docs


def seed_docs() -> list[Doc]:
    """Return the five seeds with their hand labels (types of the labelled signals, money)."""
    labels = json.loads(SEED_LABELS.read_text(encoding="utf-8"))["seeds"]
    docs = []
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        label = labels[path.name[:3]]
        text = path.read_text(encoding="utf-8")
        end = text.find(label.get("end_anchor") or "\0")
        analysis = analyse(text[: end if end > 0 else len(text)])
        required = {s["type"] for s in label["signals"]}
        values = [s["amount"][0] for s in label["signals"] if s.get("amount")]
        doc = Doc(f"seeds/{path.name}", ALWAYS, analysis)
        doc.type_labels = label_sentences(analysis, required, set(), values)
        signal = [{"value": v, "status": "signal"} for v in values]
        doc.money_labels = label_amounts(analysis, signal)
        docs.append(doc)
    return docs


def background_docs() -> list[Doc]:
    """Return the aeb and cwce ground-truth bodies as background text (all labels 0)."""
    bodies: list[tuple[str, str]] = []
    aeb = json.loads((SHARED / "corpus" / "aeb" / "ground-truth.json").read_text("utf-8"))
    bodies += [(f"aeb/{k}", v.get("articleBody") or "") for k, v in sorted(aeb.items())]
    cwce_file = SHARED / "corpus" / "cwce" / "ground-truth" / "cleaned_ground.json"
    cwce = json.loads(cwce_file.read_text("utf-8"))
    bodies += [(f"cwce/{k}", v.get("articleBody") or "") for k, v in sorted(cwce.items())]
    docs = []
    for name, body in bodies:
        analysis = analyse(body)
        doc = Doc(name, ALWAYS, analysis)
        doc.type_labels = [[0] * len(SIGNAL_TYPES) for _ in analysis.sentences]
        doc.money_labels = [0] * len(analysis.amounts)
        docs.append(doc)
    return docs


def _example_money(value: float, ex: dict[str, Any], default: int) -> int:
    """Return one amount's label in an example: its own entry in `amounts` ([value, status]
    pairs, for a sentence whose amounts differ in role), else the sentence's `money` label."""
    for want, status in ex.get("amounts", []):
        if _same_value(value, float(want)):
            return {"signal": 1, "not_signal": 0}.get(status, -1)
    return default


def example_docs() -> list[Doc]:
    """Return the project's own example sentences (types, and a money label for their amounts)."""
    docs = []
    for path in EXAMPLE_FILES:
        docs.extend(_example_file_docs(path))
    return docs


def _example_file_docs(path: Path) -> list[Doc]:
    """Return the example sentences of one examples*.jsonl batch."""
    docs = []
    for n, ex in enumerate(read_jsonl(path)):
        acceptable = set(ex.get("acceptable", ()))
        unknown = (set(ex["types"] or ()) | acceptable) - set(SIGNAL_TYPES)
        if unknown:
            raise ValueError(f"{path.name}:{n + 1}: unknown types {sorted(unknown)}")
        doubled = acceptable & set(ex["types"] or ())
        if doubled:
            raise ValueError(
                f"{path.name}:{n + 1}: types both stated and acceptable {sorted(doubled)}"
            )
        analysis = analyse(ex["text"])
        doc = Doc(f"{path.stem}/{n + 1}", ALWAYS, analysis)
        # "types": null: a money-only example (its amounts train the money head, not the type head);
        # "acceptable": types arguably present, as in the realnews labels (unknown: -1, never taught)
        doc.type_labels = [
            [
                -1 if ex["types"] is None or t in acceptable else int(t in ex["types"])
                for t in SIGNAL_TYPES
            ]
            for _ in analysis.sentences
        ]
        money = {"signal": 1, "not_signal": 0}.get(ex.get("money") or "", -1)
        doc.money_labels = [
            _example_money(item.amount.value, ex, money) for item in analysis.amounts
        ]
        doc.type_weights = [CLEAN_WEIGHT] * len(analysis.sentences)
        doc.money_weight = CLEAN_WEIGHT
        docs.append(doc)
    return docs


def written_docs(sentences: bool) -> list[Doc]:
    """Return the project's own short articles, labelled like realnews pages (always training).

    Their sentences train the sentence model when `sentences` is true: every sentence of a
    negative is negative for every type; a positive's sentences get the weak rules of the dev pages.
    """
    docs = []
    for ex in read_jsonl(ARTICLES):
        types = list(ex["types"])
        unknown = set(types) - set(SIGNAL_TYPES)
        if unknown or bool(types) != bool(ex["is_ai_policy"]):
            raise ValueError(f"{ARTICLES.name}:{ex['id']}: types {types} vs is_ai_policy")
        language = ex["lang"]
        article = Article(
            article_id=f"written-{ex['id']}",
            source="written",
            url=None,
            path=f"{ex['id']}.txt",
            title=ex["title"],
            author=None,
            outlet=None,
            published_at=None,
            fetched_at=datetime(2025, 1, 1, tzinfo=UTC),
            language=language,
            text=ex["text"],
            text_hans=None,
            content_hash="",
            extractor_version="written",
        )
        region = region_of(None, None, language)
        analysis = analyse(article.text, None, region)
        doc = Doc(f"written/{ex['id']}", ALWAYS, analysis, article=article)
        doc.label = {
            "is_ai_policy": bool(ex["is_ai_policy"]),
            "types": {"required": types, "acceptable": []},
            "amounts": [],
        }
        if types:
            doc.type_labels = label_sentences(analysis, set(types), set(), [])
        else:
            doc.type_labels = [[0] * len(SIGNAL_TYPES) for _ in analysis.sentences]
        doc.money_labels = [-1 if types else 0] * len(analysis.amounts)
        doc.type_weights = [1.0] * len(analysis.sentences)
        doc.sentence_train = sentences
        docs.append(doc)
    return docs


def all_docs(
    data: Path | None = None,
    written_sentences: bool = WRITTEN_SENTENCES,
    parts: tuple[str, ...] = GATE_PARTS,
    parts_work: Path | None = None,
    sentence_parts: tuple[str, ...] = SENTENCE_PARTS,
) -> list[Doc]:
    """Return every labelled document: dev articles, seeds, background, examples, written articles,
    the gate-only pages of the frozen dev parts named in parts (rebuilt under parts_work) and the
    sentence-only pages of those named in sentence_parts (from part_features.npz)."""
    both = sorted(set(parts) & set(sentence_parts))
    if both:
        raise ValueError(f"parts named both for the gate and for the sentence head: {both}")
    if not CORPUS.is_dir():
        raise FileNotFoundError(f"{CORPUS} not found: ../shared is needed to build the model")
    written = written_docs(written_sentences)
    docs = dev_docs(data) + seed_docs() + background_docs() + example_docs() + written
    if not parts and not sentence_parts:
        return docs
    from gate_parts import gate_part_docs  # sibling script; it imports this module
    from part_features import load  # sibling script; it imports this module

    return (
        docs + gate_part_docs(parts, parts_work) + (load(sentence_parts) if sentence_parts else [])
    )
