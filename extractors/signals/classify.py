"""The learned part of detection: per-sentence type and per-amount commitment probabilities.

A linear model over hashed features (features.py), trained with scikit-learn by
benchmarks/signal_model.py and shipped as plain arrays in data/signal_model.npz (no pickle).
Scoring is a sparse dot product in numpy followed by Platt calibration, so scikit-learn is
needed only to rebuild the model.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np
import numpy.typing as npt

from extractors.signals.actors import DATA_DIR, find_actors, is_ai_actor
from extractors.signals.align import MatchText
from extractors.signals.encoder_head import EncoderHead, encoder_arrays, read_encoder
from extractors.signals.features import (
    BUCKETS,
    Prepared,
    Row,
    amount_features,
    prepare_text,
    sentence_features,
)
from extractors.signals.gram_hash import IntArray, hash_rows
from extractors.signals.money_roles import is_signal_amount
from extractors.signals.records import SIGNAL_TYPES, ActorHit, Amount
from extractors.signals.roles import FIRST_PERSON_ACTING
from extractors.signals.rules import (
    COREF,
    GOV_KINDS,
    SUBSIDY,
    amount_rules,
    has_ai_context,
    pick_actor_for_amount,
    resolve_coref,
    sentence_rules,
)

MODEL_PATH = DATA_DIR / "signal_model.npz"
MONEY_ACTOR_KINDS = ("company", "agency", "government", "legislature")
MAX_AMOUNTS_PER_SENTENCE = 24
FloatArray = npt.NDArray[np.float64]


def feature_values(flat: npt.NDArray[np.int64], lens: npt.NDArray[np.int64]) -> FloatArray:
    """Return each feature's value: 1 for structural ones, 1/sqrt(n-grams of its row) for n-grams."""
    ngram = flat < BUCKETS
    row = np.repeat(np.arange(len(lens)), lens)
    per_row = np.bincount(row[ngram], minlength=len(lens)).astype(np.float64)
    scale = 1.0 / np.sqrt(np.maximum(per_row, 1.0))
    return np.where(ngram, scale[row], 1.0)


@dataclass(frozen=True, slots=True)
class _BucketIndex:
    """A bitmap over all 2 * BUCKETS buckets with running popcounts: the row of a bucket in a
    sorted bucket array by rank (as searchsorted finds it, ten times faster)."""

    words: npt.NDArray[np.uint64]  # bit b of word w: bucket 64 * w + b has a weight
    before: npt.NDArray[np.int64]  # set bits in the words before each word

    @classmethod
    def of(cls, buckets: npt.NDArray[np.int64]) -> _BucketIndex:
        """Return the index of sorted, distinct buckets."""
        bits = np.zeros(2 * BUCKETS, dtype=bool)
        bits[buckets] = True
        words = np.packbits(bits, bitorder="little").view(np.uint64)
        counts = np.bitwise_count(words).astype(np.int64)
        return cls(words, np.cumsum(counts) - counts)

    def find(
        self, flat: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64]]:
        """Return which buckets have a weight and their rows (meaningful where they have one)."""
        word = flat >> 6
        w = self.words[word]
        bit = (flat & 63).astype(np.uint64)
        hit = ((w >> bit) & np.uint64(1)).astype(bool)
        below = w & ((np.uint64(1) << bit) - np.uint64(1))
        return hit, self.before[word] + np.bitwise_count(below)


@dataclass(frozen=True, slots=True)
class LinearHead:
    """One-vs-rest linear scores over hashed features, with Platt calibration per output."""

    buckets: npt.NDArray[np.int64]  # sorted feature buckets that have weights
    weights: npt.NDArray[np.float32]  # (len(buckets), outputs)
    bias: FloatArray  # (outputs,)
    platt: FloatArray  # (outputs, 2): p = sigmoid(a * score + b)
    _index: list[_BucketIndex] = field(default_factory=list, init=False, repr=False, compare=False)
    _wide: list[FloatArray] = field(default_factory=list, init=False, repr=False, compare=False)

    def _find(
        self, flat: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64]]:
        """Return which buckets have weights and their rows (the index is built on first use)."""
        if not self._index:
            self._index.append(_BucketIndex.of(self.buckets))
            # float64 copy (exact): weights x values multiplies without a float32 cast per call
            self._wide.append(self.weights.astype(np.float64))
        return self._index[0].find(flat)

    def scores(self, rows: Sequence[Sequence[int] | IntArray]) -> FloatArray:
        """Return raw linear scores (rows x outputs); each row's n-grams are L2-normalised."""
        # Array methods rather than the np.* wrappers: these arrays are small, call overhead counts.
        n = len(rows)
        out = np.empty((n, len(self.bias)))
        out[:] = self.bias
        if n == 0 or len(self.buckets) == 0:
            return out
        lens = np.fromiter(map(len, rows), dtype=np.int64, count=n)
        if all(isinstance(r, np.ndarray) for r in rows):
            flat = np.concatenate(rows).astype(np.int64, copy=False)
        else:
            flat = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=int(lens.sum()))
        row = np.arange(n).repeat(lens)
        ngram = flat < BUCKETS
        # feature_values, taken for the hits only (a row's n-gram count includes its misses)
        scale = 1.0 / np.sqrt(
            np.maximum(np.bincount(row[ngram], minlength=n), 1).astype(np.float64)
        )
        hit, pos = self._find(flat)
        at = hit.nonzero()[0]
        if len(at) == 0:
            return out
        pos, row, ngram = pos[at], row[at], ngram[at]
        value = np.where(ngram, scale[row], 1.0)
        contrib = self._wide[0].take(pos, axis=0) * value[:, None]  # take: faster than [pos]
        first = np.empty(len(row), dtype=bool)  # where each row's hits start
        first[:1] = True
        np.not_equal(row[1:], row[:-1], out=first[1:])
        starts = first.nonzero()[0]
        out[row[starts]] += np.add.reduceat(contrib, starts, axis=0)
        return out

    def predict(self, rows: Sequence[Sequence[int] | IntArray]) -> FloatArray:
        """Return calibrated probabilities (rows x outputs)."""
        z = self.scores(rows)
        return 1.0 / (1.0 + np.exp(-(self.platt[:, 0] * z + self.platt[:, 1])))


@dataclass(frozen=True, slots=True)
class SignalModel:
    """The sentence-type head, the amount-commitment head and their decision thresholds."""

    types: tuple[str, ...]
    type_head: LinearHead
    money_head: LinearHead
    type_threshold: FloatArray  # (types,)
    money_threshold: float
    encoder_head: EncoderHead | None = None  # subword-vector reading stacked on type_head (or none)


def _head_arrays(prefix: str, head: LinearHead) -> dict[str, npt.NDArray[np.generic]]:
    """Return a head's arrays under prefixed names."""
    return {
        f"{prefix}_buckets": head.buckets,
        f"{prefix}_weights": head.weights.astype(np.float16),  # trained weights are float16-exact
        f"{prefix}_bias": head.bias,
        f"{prefix}_platt": head.platt,
    }


def save_model(model: SignalModel, path: Path) -> None:
    """Write a model as an uncompressed-free, pickle-free .npz of plain arrays."""
    arrays = {
        "types": np.array(model.types),
        "type_threshold": model.type_threshold,
        "scalars": np.array([model.money_threshold]),
        **_head_arrays("type", model.type_head),
        **_head_arrays("money", model.money_head),
        **encoder_arrays(model.encoder_head),
    }
    with path.open("wb") as fh:
        np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]  # numpy stubs: kwargs arrays


def _load_head(data: np.lib.npyio.NpzFile, prefix: str) -> LinearHead:
    """Return one head from the loaded arrays."""
    return LinearHead(
        data[f"{prefix}_buckets"].astype(np.int64),
        data[f"{prefix}_weights"].astype(np.float32),
        data[f"{prefix}_bias"].astype(np.float64),
        data[f"{prefix}_platt"].astype(np.float64),
    )


def read_model(path: Path) -> SignalModel:
    """Read a model file (arrays only: allow_pickle is off)."""
    with np.load(path, allow_pickle=False) as data:
        types = tuple(str(t) for t in data["types"])
        if types != SIGNAL_TYPES:
            raise ValueError(f"{path}: model types {types} differ from SIGNAL_TYPES")
        scalars = data["scalars"]
        return SignalModel(
            types,
            _load_head(data, "type"),
            _load_head(data, "money"),
            data["type_threshold"].astype(np.float64),
            float(scalars[0]),
            read_encoder(data),
        )


@lru_cache(maxsize=1)
def load_model() -> SignalModel:
    """Return the packaged model, read once per process."""
    return read_model(MODEL_PATH)


@dataclass(frozen=True, slots=True)
class AmountItem:
    """One amount that may carry a signal: its sentence, actor and hashed features."""

    sentence: int  # index into Analysis.sentences
    amount: Amount
    actor: ActorHit | None
    local: bool  # the actor is named in the amount's own sentence
    features: IntArray  # distinct buckets, sorted
    rule_type: str | None  # the money type the rules pick from the actor and sector words


@dataclass(frozen=True, slots=True)
class Analysis:
    """An article's classifiable sentences and amounts, with their features."""

    prep: Prepared
    actors: list[ActorHit]
    sentences: list[int]  # indices into prep.spans of the sentences that are scored
    sentence_actors: list[list[ActorHit]]
    carry: list[list[ActorHit]]  # actors of the two previous sentences with actors, per scored one
    coref: list[bool]
    features: list[IntArray]  # per scored sentence: distinct buckets, sorted
    amounts: list[AmountItem]
    ai_terms: list[bool]  # per scored sentence: has_ai_context of its own text (no actors)


def _actor_ranges(
    spans: list[tuple[int, int]], wanted_sentences: list[int]
) -> list[tuple[int, int]]:
    """Return merged text ranges of the wanted sentences and the two before each."""
    wanted: set[int] = set()
    for i in wanted_sentences:
        wanted.update(j for j in (i - 2, i - 1, i) if j >= 0)
    ranges: list[tuple[int, int]] = []
    for i in sorted(wanted):
        lo, hi = spans[i]
        if ranges and lo <= ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], max(hi, ranges[-1][1]))
        else:
            ranges.append((lo, hi))
    return ranges


def _index_ranges(starts: list[int], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return per span the index range of the (sorted) starts that fall in it."""
    return [(bisect_left(starts, lo), bisect_left(starts, hi)) for lo, hi in spans]


def _pick_amount_actor(
    text: str,
    amt: Amount,
    hits: list[ActorHit],
    lo: int,
    hi: int,
    coref_carry: list[ActorHit],
    voice: ActorHit | None = None,
) -> tuple[ActorHit | None, bool]:
    """Return an amount's actor (a government funder of a subsidy first) and whether it is local.

    On a page of a company or public body (voice), "we / our / 我们" before the amount, with no
    other actor named between it and the amount, is the page's owner: "we have raised $X, led by
    Y" is the owner's money, not Y's.
    """
    funder = next((h for h in hits if h.kind in GOV_KINDS), None)
    if funder is not None and SUBSIDY.search(text, lo, hi):
        actor: ActorHit | None = funder
    else:
        actor = pick_actor_for_amount(text, amt, hits, MONEY_ACTOR_KINDS, lo, hi)
    local = actor is not None and actor.kind in MONEY_ACTOR_KINDS
    if voice is not None:
        we = [m.end() for m in FIRST_PERSON_ACTING.finditer(text, lo, amt.start)]
        named_after_we = (
            actor is not None and local and bool(we) and we[-1] <= actor.start < amt.start
        )
        if we and not named_after_we:
            return voice, True
    if actor is None and coref_carry:
        actor = resolve_coref(text[lo:hi], coref_carry, MONEY_ACTOR_KINDS)
    return actor, local


def analyse(
    text: str,
    text_hans: str | None = None,
    region: str | None = None,
    match: MatchText | None = None,
    voice: ActorHit | None = None,
) -> Analysis:
    """Return the scored sentences of a text (those with a cue, an amount or AI context; match:
    its match text, when the caller has built it already; voice: the company or public body whose
    own page this is, the owner of its first-person amounts)."""
    prep = prepare_text(text, text_hans, region, match)
    mt = prep.mt.text
    spans = prep.spans
    n_us, n_cn = mt.count("美国"), mt.count("中国")
    default_country = "US" if n_us > n_cn else ("CN" if n_cn > n_us else None)
    amount_at = _index_ranges([a.start for a in prep.amounts], spans)
    cue_at = _index_ranges([c.start for c in prep.cues], spans)
    # has_ai_context of every sentence, once: the scored ones and their predecessors reuse it
    ai_of = [has_ai_context(mt[lo:hi]) for lo, hi in spans]
    chosen = [
        i
        for i, ((c0, c1), (a0, a1)) in enumerate(zip(cue_at, amount_at, strict=True))
        if c1 > c0 or a1 > a0 or ai_of[i]
    ]
    actors = find_actors(mt, default_country, _actor_ranges(spans, chosen))
    actor_at = _index_ranges([a.start for a in actors], spans)

    def actors_in(i: int) -> list[ActorHit]:
        return actors[slice(*actor_at[i])]

    ai_voice = voice is not None and is_ai_actor(voice.name)  # an AI lab's own page

    def voiced_ai(lo: int, hi: int) -> bool:
        """Return whether the sentence speaks in the first person of an AI lab's own page."""
        return ai_voice and FIRST_PERSON_ACTING.search(mt, lo, hi) is not None

    sentence_actors: list[list[ActorHit]] = []
    carries: list[list[ActorHit]] = []
    corefs: list[bool] = []
    rows: list[Row] = []
    amount_rows: list[Row] = []
    pending: list[tuple[int, Amount, ActorHit | None, bool, str | None]] = []
    ai_terms: list[bool] = []
    for k, i in enumerate(chosen):
        lo, hi = spans[i]
        hits = actors_in(i)
        carry = [h for j in (i - 1, i - 2) if j >= 0 for h in actors_in(j) if h.kind != "country"]
        coref = COREF.search(mt, lo, hi) is not None
        amounts = prep.amounts[slice(*amount_at[i])]
        cues = prep.cues[slice(*cue_at[i])]
        sentence = mt[lo:hi]
        ai_terms.append(ai_of[i])
        ai = ai_of[i] or any(is_ai_actor(h.name) for h in hits) or voiced_ai(lo, hi)
        if coref and not ai:  # the previous sentence's AI context (none before the first)
            ai = (i > 0 and ai_of[i - 1]) or any(is_ai_actor(h.name) for h in carry)
        pieces, structural = sentence_features(
            mt, lo, hi, cues, hits, amounts, ai, sentence_rules(sentence, cues, hits)
        )
        sentence_actors.append(hits)
        carries.append(carry)
        corefs.append(coref)
        rows.append(pieces)
        for j, amt in enumerate(amounts[:MAX_AMOUNTS_PER_SENTENCE]):
            if not is_signal_amount(mt, amt, lo, amounts[:j], hits):
                continue
            actor, local = _pick_amount_actor(mt, amt, hits, lo, hi, carry if coref else [], voice)
            rules = amount_rules(mt, amt, actor, sentence, cues, ai)
            amount_rows.append(amount_features(mt, amt, lo, hi, actor, structural, rules))
            rule_type = rules[0].removeprefix("money:")
            pending.append((k, amt, actor, local, rule_type if rule_type != "none" else None))
    # One batch: the Chinese n-grams of all sentences and amount windows are hashed in numpy at once.
    hashed = hash_rows(rows + amount_rows, mt)
    features = hashed[: len(rows)]
    items = [
        AmountItem(k, amt, actor, local, feats, rule_type)
        for (k, amt, actor, local, rule_type), feats in zip(
            pending, hashed[len(rows) :], strict=True
        )
    ]
    return Analysis(
        prep, actors, chosen, sentence_actors, carries, corefs, features, items, ai_terms
    )
