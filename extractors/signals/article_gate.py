"""The article-level decision: is an article AI policy at all, and does it carry each candidate type.

Sentence decisions (classify.py) see one sentence; this gate sees the article. Two small logistic
regressions over aggregates of the calibrated sentence probabilities (and the title's, AI-term
density, policy actors) give P(the article is AI policy) and, per candidate type, P(the article
really carries that type). The article head also reads a whole-article text view: a linear model
over hashed n-grams of the title and lead, whose calibrated probability is one more feature.
Trained with scikit-learn by benchmarks/signal_model.py on out-of-fold sentence probabilities of
the realnews dev articles and the project's written articles, shipped as plain arrays in
data/article_gate.npz (no pickle) and scored in numpy. The shipped article threshold is 0.0 (no
article veto, fifteenth round): the type head decides each candidate type on its own.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from extractors.language import HAN
from extractors.rows import Article
from extractors.signals.align import simplify_aligned
from extractors.signals.classify import Analysis, FloatArray, SignalModel, analyse
from extractors.signals.encoder_head import type_probabilities
from extractors.signals.rules import GOV_KINDS, Candidate, has_ai_context

_STRONG = 0.8
_MONEY_TYPES = ("investment_capex", "government_ai_budget", "energy_datacenter_infra")
_POLICY_KINDS = (*GOV_KINDS, "intl_org")
_TEXT_BITS = 18
TEXT_BUCKETS = 1 << _TEXT_BITS  # hashed n-gram space of the text view
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
LEAD_CHARS = 600  # the text view reads the title and this many characters of the match text
TEXT_FEATURE = "text_p"  # the article head's last feature when the gate has a text view
_WORD = re.compile(r"[a-z]+")

ARTICLE_FEATURES: tuple[str, ...] = (
    "max_type",  # highest sentence probability of any type but policy_statement
    "max_statement",  # highest policy_statement probability
    "max_money",  # highest commitment probability of an amount
    "log_confident",  # log(1 + sentences with a type at or above its threshold)
    "log_strong",  # log(1 + sentences with a type at or above 0.8)
    "confident_share",  # confident sentences / scored sentences
    "scored_share",  # scored sentences / all sentences
    "log_sentences",  # log(1 + all sentences)
    "top3_mean",  # mean of the three highest per-sentence maxima
    "title_max",  # highest type probability of the title (policy_statement excluded)
    "title_ai",  # the title has AI context
    "ai_share",  # scored sentences with AI context / all sentences
    "log_policy_actors",  # log(1 + government, agency, legislature, intl_org mentions)
    "log_company_actors",  # log(1 + company mentions)
    "log_types",  # log(1 + distinct candidate types)
    "log_committed",  # log(1 + candidate amounts)
)
TYPE_FEATURES: tuple[str, ...] = (
    "max_p",  # highest sentence probability of the type
    "top2_mean",  # mean of its two highest sentence probabilities
    "log_confident",  # log(1 + sentences at or above the type's threshold)
    "log_strong",  # log(1 + sentences at or above 0.8)
    "confident_share",  # those sentences / scored sentences
    "title_p",  # the title's probability of the type
    "is_top",  # the type has the article's highest sentence probability
    "ratio_to_top",  # its highest probability / the article's highest
    "first_position",  # where its first confident sentence is (0 = start, 1 = end or none)
    "max_money",  # highest commitment probability of its candidate amounts
    "log_candidates",  # log(1 + its candidates)
    "is_money_type",
    "is_statement",
)


_SENTENCES = ARTICLE_FEATURES.index("log_sentences")
# The floor applies from this many sentences on: a shorter article is one item, which the article
# head has already judged; a longer one can mention a type in passing.
_SHORT_LOG = float(np.log1p(3))


def _sigmoid(z: FloatArray) -> FloatArray:
    """Return the logistic function of an array."""
    return 1.0 / (1.0 + np.exp(-z))


@dataclass(frozen=True, slots=True)
class LogisticHead:
    """A logistic regression over standardised dense features."""

    mean: FloatArray
    scale: FloatArray
    weights: FloatArray
    bias: float

    def predict(self, x: FloatArray) -> FloatArray:
        """Return probabilities for rows of features (rows x features)."""
        return _sigmoid(((x - self.mean) / self.scale) @ self.weights + self.bias)


@dataclass(frozen=True, slots=True)
class TextHead:
    """A calibrated logistic regression over an article's hashed n-grams (L2-normalised, binary)."""

    buckets: npt.NDArray[np.int64]  # sorted bucket ids with a weight
    weights: FloatArray
    bias: float
    platt: tuple[float, float]  # a, b: P = sigmoid(a * score + b)

    def score(self, grams: npt.NDArray[np.int64]) -> float:
        """Return the raw linear score of one article's distinct buckets."""
        if not len(grams):
            return self.bias
        pos = np.minimum(np.searchsorted(self.buckets, grams), max(len(self.buckets) - 1, 0))
        hit = self.buckets[pos] == grams if len(self.buckets) else np.zeros(len(grams), bool)
        return float(self.weights[pos[hit]].sum() / np.sqrt(len(grams)) + self.bias)

    def predict(self, grams: npt.NDArray[np.int64]) -> float:
        """Return the calibrated P(AI policy) of one article's buckets."""
        a, b = self.platt
        return float(_sigmoid(np.array([a * self.score(grams) + b]))[0])


@dataclass(frozen=True, slots=True)
class ArticleGate:
    """The article head, the per-type head, the optional text view and the decision thresholds."""

    article_head: LogisticHead
    type_head: LogisticHead
    article_threshold: float
    type_threshold: float
    text_head: TextHead | None = None
    # The likeliest type is kept when none reaches type_threshold only if the type head gives it at
    # least this much: an article head's "yes" does not carry a type the type head rules out.
    floor: float = 0.0


def heading_of(article: Article) -> str:
    """Return an article's title, else its first line (the lead stands for a missing title)."""
    return article.title or (article.text or "").strip().split("\n", 1)[0]


def _han_grams(*texts: str) -> npt.NDArray[np.uint64]:
    """Return the keys of the texts' Chinese character 1-3-grams: the code points packed into 16-bit
    fields (exact, as every CJK code point read here is below 2**16) and the length in bits 48+.
    Several texts are read at once, a newline (no n-gram crosses it) between each two."""
    newline = np.array([10], dtype=np.uint32)
    parts = [a for t in texts for a in (newline, np.frombuffer(t.encode("utf-32-le"), np.uint32))]
    cp = np.concatenate(parts[1:]).astype(np.uint64)
    han = (cp >= 0x3400) & (cp <= 0x9FFF)
    keys = [cp[han] | np.uint64(1 << 48)]
    for n in (2, 3):
        if len(cp) < n:
            break
        ok = np.ones(len(cp) - n + 1, dtype=bool)
        key = np.zeros(len(cp) - n + 1, dtype=np.uint64)
        for k in range(n):
            ok &= han[k : len(cp) - n + 1 + k]
            key = (key << np.uint64(16)) | cp[k : len(cp) - n + 1 + k]
        keys.append(key[ok] | np.uint64(n << 48))
    return np.concatenate(keys)


def text_buckets(title: str | None, match_text: str) -> npt.NDArray[np.int64]:
    """Return the sorted distinct hashed n-grams of a title and the lead of a match text:
    Chinese character 1-3-grams (Simplified) and English lower-case word uni/bigrams."""
    head = simplify_aligned(title, None) if title else ""
    parts = (head, match_text[:LEAD_CHARS])
    chinese = [part for part in parts if HAN.search(part)]
    keys = [_han_grams(*chinese)] if chinese else []
    words: set[str] = set()
    for part in parts:
        found = _WORD.findall(part.lower())
        words.update(found)
        words.update(f"{a} {b}" for a, b in pairwise(found))
    keys.append(np.array([zlib.crc32(w.encode()) for w in words], dtype=np.uint64))
    # Fibonacci hashing of the 64-bit keys into TEXT_BUCKETS (multiplication wraps modulo 2**64);
    # a sort and a mask deduplicate (np.unique hashes: slower on these small arrays).
    mixed = (np.concatenate(keys) * _GOLDEN >> np.uint64(64 - _TEXT_BITS)).astype(np.int64)
    mixed.sort()
    if len(mixed) > 1:
        mixed = mixed[np.concatenate(([True], mixed[1:] != mixed[:-1]))]
    return mixed


@dataclass(frozen=True, slots=True)
class Evidence:
    """One article's features for the gate: the article row and one row per candidate type."""

    article: FloatArray  # (len(ARTICLE_FEATURES),)
    types: tuple[str, ...]  # the candidate types, sorted
    per_type: FloatArray  # (len(types), len(TYPE_FEATURES))
    text: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


def score_title(title: str | None, region: str | None, model: SignalModel) -> FloatArray:
    """Return the title's highest probability per type (zeros for no title)."""
    if not title or not title.strip():
        return np.zeros(len(model.types))
    analysis = analyse(title, None, region)
    if not analysis.features:
        return np.zeros(len(model.types))
    return np.asarray(type_probabilities(model, analysis).max(axis=0), dtype=np.float64)


# numpy's log1p of the counts seen (math.log1p differs from it in the last bit)
_LOG1P: dict[float, float] = {}


def _log(n: float) -> float:
    """Return log(1 + n) as numpy computes it, memoised (n is a small count)."""
    value = _LOG1P.get(n)
    if value is None:
        if len(_LOG1P) > 4096:
            _LOG1P.clear()
        value = _LOG1P[n] = float(np.log1p(n))
    return value


def article_features(
    analysis: Analysis,
    probs: FloatArray,
    money_probs: FloatArray,
    title: FloatArray,
    title_ai: bool,
    candidates: Sequence[Candidate],
    model: SignalModel,
) -> FloatArray:
    """Return the article-level features."""
    statement = model.types.index("policy_statement")
    keep = np.arange(len(model.types)) != statement  # every type but policy_statement
    others = probs[:, keep]
    n_scored = max(len(analysis.sentences), 1)
    n_all = max(len(analysis.prep.spans), 1)
    confident = (probs >= model.type_threshold).any(axis=1)
    per_sentence = np.sort(probs.max(axis=1))[::-1] if len(probs) else np.zeros(1)
    spans = analysis.prep.spans
    ai = sum(analysis.ai_terms)  # has_ai_context of each scored sentence, as analyse found it
    kinds = [a.kind for a in analysis.actors]
    return np.array(
        [
            float(others.max()) if others.size else 0.0,
            float(probs[:, statement].max()) if len(probs) else 0.0,
            float(money_probs.max()) if len(money_probs) else 0.0,
            _log(int(confident.sum())),
            _log(int((probs >= _STRONG).any(axis=1).sum())),
            float(confident.sum()) / n_scored,
            len(analysis.sentences) / n_all,
            _log(len(spans)),
            float(per_sentence[:3].sum()) / len(per_sentence[:3]),  # the mean (np.mean: slower)
            float(title[keep].max()),
            float(title_ai),
            ai / n_all,
            _log(sum(k in _POLICY_KINDS for k in kinds)),
            _log(kinds.count("company")),
            _log(len({c.signal_type for c in candidates})),
            _log(sum(c.amount is not None for c in candidates)),
        ]
    )


@dataclass(frozen=True, slots=True)
class ColumnStats:
    """One article's per-type aggregates of its sentence probabilities, computed once for every
    candidate type (each a column of the sentences x types matrix)."""

    desc: FloatArray  # each column sorted, highest first (one row of zeros for no sentence)
    confident: list[int]  # sentences at or above the type's threshold
    strong: list[int]  # sentences at or above _STRONG
    first: list[int]  # the first confident sentence (-1: none)
    top: float  # the article's highest probability of any type (0.0 for no sentence)


def column_stats(probs: FloatArray, model: SignalModel) -> ColumnStats:
    """Return the per-type aggregates of an article's sentence probabilities."""
    if not len(probs):
        zeros = [0] * len(model.types)
        return ColumnStats(np.zeros((1, len(model.types))), zeros, zeros, [-1] * len(zeros), 0.0)
    confident = probs >= model.type_threshold
    first = np.where(confident.any(axis=0), confident.argmax(axis=0), -1)
    return ColumnStats(
        np.sort(probs, axis=0)[::-1],
        confident.sum(axis=0).tolist(),
        (probs >= _STRONG).sum(axis=0).tolist(),
        first.tolist(),
        float(probs.max()),
    )


def type_features(
    t: int,
    analysis: Analysis,
    stats: ColumnStats,
    title: FloatArray,
    money_of: list[float],
    n_candidates: int,
    model: SignalModel,
) -> list[float]:
    """Return the features of one candidate type (stats: column_stats of the article)."""
    column = stats.desc[:, t]
    confident, top = stats.confident[t], stats.top
    first = 1.0
    if confident:
        first = analysis.sentences[stats.first[t]] / max(len(analysis.prep.spans), 1)
    signal_type = model.types[t]
    return [
        float(column[0]),
        float(column[:2].sum()) / len(column[:2]),  # the mean (np.mean: slower)
        _log(confident),
        _log(stats.strong[t]),
        confident / max(len(analysis.sentences), 1),
        float(title[t]),
        float(top > 0 and column[0] >= top),
        float(column[0] / top) if top > 0 else 0.0,
        first,
        max(money_of, default=0.0),
        _log(n_candidates),
        float(signal_type in _MONEY_TYPES),
        float(signal_type == "policy_statement"),
    ]


def gather_evidence(
    title: str | None,
    region: str | None,
    analysis: Analysis,
    probs: FloatArray,
    money_probs: FloatArray,
    candidates: Sequence[Candidate],
    model: SignalModel,
) -> Evidence:
    """Return the gate's features of an article from its scored sentences and candidates."""
    title_probs = score_title(title, region, model)
    title_ai = bool(title) and has_ai_context(title or "")
    money_by_amount = {
        id(item.amount): float(p) for item, p in zip(analysis.amounts, money_probs, strict=True)
    }
    types = tuple(sorted({c.signal_type for c in candidates}))
    stats = column_stats(probs, model)
    rows = []
    for signal_type in types:
        mine = [c for c in candidates if c.signal_type == signal_type]
        money = [money_by_amount.get(id(c.amount), 0.0) for c in mine if c.amount is not None]
        t = model.types.index(signal_type)
        rows.append(type_features(t, analysis, stats, title_probs, money, len(mine), model))
    article = article_features(
        analysis, probs, money_probs, title_probs, title_ai, candidates, model
    )
    per_type = np.array(rows, dtype=np.float64).reshape(len(types), len(TYPE_FEATURES))
    return Evidence(article, types, per_type, text_buckets(title, analysis.prep.mt.text))


def article_row(gate: ArticleGate, evidence: Evidence) -> FloatArray:
    """Return the article head's features: the aggregates, then the text view's P if the gate has one."""
    if gate.text_head is None:
        return evidence.article
    return np.append(evidence.article, gate.text_head.predict(evidence.text))


def article_probability(gate: ArticleGate, evidence: Evidence) -> float:
    """Return P(the article is AI policy)."""
    return float(gate.article_head.predict(article_row(gate, evidence)[None, :])[0])


def kept_types(gate: ArticleGate, evidence: Evidence) -> set[str]:
    """Return the candidate types the gate keeps: none when the article is not AI policy, else
    those the type head accepts, else the likeliest one (the article head said it has one) unless
    the type head gives it less than the floor on an article long enough to hold other topics."""
    if not evidence.types:
        return set()
    # article threshold 0 (shipped since the fifteenth round): no article veto, nothing to score
    if gate.article_threshold > 0 and article_probability(gate, evidence) < gate.article_threshold:
        return set()
    p = gate.type_head.predict(evidence.per_type)
    kept = {t for t, q in zip(evidence.types, p, strict=True) if q >= gate.type_threshold}
    best = int(np.argmax(p))
    short = evidence.article[_SENTENCES] < _SHORT_LOG  # one item: the head's yes is about it
    return kept or ({evidence.types[best]} if short or p[best] >= gate.floor else set())
