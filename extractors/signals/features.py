"""Sentence and amount features of the signal classifier, hashed to stable integer buckets."""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extractors.signals.align import MatchText, build_match_text, split_sentences
from extractors.signals.cues import CueHit, find_cues
from extractors.signals.money import parse_amounts
from extractors.signals.records import ActorHit, Amount

BUCKETS = (
    1 << 22
)  # crc32 buckets per family: collisions are rare at a few hundred thousand features
# Text n-grams hash into [0, BUCKETS) and share an L2-normalised unit of weight per sentence;
# structural features (cues, actor kinds, rule outputs, amounts) hash into [BUCKETS, 2*BUCKETS)
# and count 1 each, so a cue weighs the same in a short and a long sentence.
_STRUCTURAL = ("q:", "k:", "m:", "r:", "s:", "n:", "cur:", "qual:", "ak:", "mag:", "_")
_TOKEN = re.compile(r"[a-z]+(?:[-'][a-z]+)*|[0-9][0-9.,]*|[\u3400-\u9fff]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_CHAR_NGRAMS = (1, 2, 3, 4)
_SENTENCE_FLAGS = frozenset({"ai", "bgword", "zh", "en", "inherited", "bgnear"})
_STRUCTURAL_FIRST = frozenset(p[0] for p in (*_STRUCTURAL, *_SENTENCE_FLAGS))
_LEFT, _RIGHT = 36, 24  # characters of context on each side of an amount
_NEAR = 8
BACKGROUND_WORDS = re.compile(
    r"市场规模|产业规模|营收|收入|估值|市值|营业额|利润|销售额|预测|预计|统计|数据显示|报告|增长率|"
    r"valuation|valued|revenue|sales|earnings|profit|market (?:size|value|cap)|forecast|estimate",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Prepared:
    """One text ready for classification: match text, sentences, amounts and cues."""

    mt: MatchText
    spans: list[tuple[int, int]]
    amounts: list[Amount]
    cues: list[CueHit]


def prepare_text(text: str, text_hans: str | None = None, region: str | None = None) -> Prepared:
    """Return the match text of a text with its sentences, amounts (read in a region) and cues."""
    mt = build_match_text(text, text_hans)
    amounts = parse_amounts(mt.text, region)
    return Prepared(mt, split_sentences(mt.text), amounts, find_cues(mt.text))


def cue_shape(text: str, hit: CueHit, lo: int) -> str:
    """Return the case shape of a cue hit: zh, low, cap (capitalised), up, or init (sentence start)."""
    phrase = hit.phrase
    if not phrase.isascii():
        return "zh"
    if hit.start == lo:
        return "init"
    if phrase.islower():
        return "low"
    return "up" if phrase.isupper() else "cap"


def _text_features(text: str, prefix: str, out: list[str]) -> None:
    """Append word uni/bigrams (English, lower case) and character 1-4-grams (Chinese)."""
    prev = ""
    for m in _TOKEN.finditer(text.lower()):
        tok = m.group()
        first = tok[0]
        if first.isdigit():
            out.append(prefix + "#")
            prev = "#"
        elif first.isascii():
            out.append(prefix + "w" + tok)
            if prev:
                out.append(prefix + "b" + prev + " " + tok)
            prev = tok
        else:
            prev = ""
            n = len(tok)
            if prefix:
                out.extend(
                    [prefix + tok[i : i + k] for k in _CHAR_NGRAMS for i in range(n - k + 1)]
                )
            else:
                out.extend([tok[i : i + k] for k in _CHAR_NGRAMS for i in range(n - k + 1)])


def sentence_features(
    text: str,
    lo: int,
    hi: int,
    cues: Sequence[CueHit],
    actors: Sequence[ActorHit],
    amounts: Sequence[Amount],
    ai: bool,
    rules: Sequence[str] = (),
) -> list[str]:
    """Return the features of one sentence (text[lo:hi] of the match text; rules: rule outputs)."""
    out: list[str] = ["_bias_"]
    out.extend("r:" + r for r in rules)
    _text_features(text[lo:hi], "", out)
    for c in cues:
        shape = cue_shape(text, c, lo)
        out.append(f"q:{c.signal_type}:{c.weight}")
        out.append(f"q:{c.signal_type}:{c.weight}:{shape}")
    for a in actors:
        out.append("k:" + a.kind)
    if amounts:
        out.append("m:amount")
        out.extend("m:" + str(a.currency) for a in amounts)
    if ai:
        out.append("ai")
    if BACKGROUND_WORDS.search(text, lo, hi):
        out.append("bgword")
    out.append("zh" if _HAN.search(text, lo, hi) else "en")
    return out


def amount_features(
    text: str,
    amount: Amount,
    lo: int,
    hi: int,
    actor: ActorHit | None,
    sentence: Sequence[str],
    rules: Sequence[str] = (),
) -> list[str]:
    """Return the features of one amount: its context windows, qualifier, actor kind and sentence."""
    out: list[str] = ["_bias_", f"cur:{amount.currency}", f"qual:{amount.qualifier}"]
    if amount.value > 0:  # order of magnitude: a price per hour is not a programme
        out.append(f"mag:{min(int(math.log10(amount.value)), 13)}")
    out.extend("r:" + r for r in rules)
    _text_features(text[max(lo, amount.start - _LEFT) : amount.start], "L:", out)
    _text_features(text[amount.end : min(hi, amount.end + _RIGHT)], "R:", out)
    # The words right next to the amount (估值为 / valued at / 营收 / invest) weigh fully.
    near = len(out)
    left = _NEAR * (3 if text[amount.start - 1 : amount.start].isascii() else 1)
    right = _NEAR * (3 if text[amount.end : amount.end + 1].isascii() else 1)
    _text_features(text[max(lo, amount.start - left) : amount.start], "n:<", out)
    _text_features(text[amount.end : min(hi, amount.end + right)], "n:>", out)
    out[near:] = [f for f in out[near:] if len(f) <= 5 or f.startswith(("n:<w", "n:>w"))]
    if BACKGROUND_WORDS.search(text, max(lo, amount.start - 2 * _NEAR), amount.start):
        out.append("n:bg")
    out.append("ak:" + (actor.kind if actor is not None else "none"))
    if amount.inherited:
        out.append("inherited")
    if BACKGROUND_WORDS.search(text, max(lo, amount.start - _LEFT), min(hi, amount.end + _RIGHT)):
        out.append("bgnear")
    out.extend("s:" + f for f in sentence if ":" in f or f in _SENTENCE_FLAGS)
    return out


def _bucket(feature: str) -> int:
    """Return a feature's bucket: crc32 of its UTF-8 bytes, structural ones in the upper half."""
    bucket = zlib.crc32(feature.encode()) % BUCKETS
    if feature[0] in _STRUCTURAL_FIRST and (
        feature.startswith(_STRUCTURAL) or feature in _SENTENCE_FLAGS
    ):
        bucket += BUCKETS
    return bucket


class _BucketCache(dict[str, int]):
    """Feature -> bucket, filled on first use; cleared when it grows past _CACHE_LIMIT entries."""

    def __missing__(self, feature: str) -> int:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        bucket = self[feature] = _bucket(feature)
        return bucket


_CACHE_LIMIT = 200_000  # about 30 MB of short strings; n-grams repeat across articles
_BUCKET_OF = _BucketCache()


def hash_features(features: Iterable[str]) -> list[int]:
    """Return the distinct buckets of features (crc32 of UTF-8, stable across runs and platforms)."""
    return list(set(map(_BUCKET_OF.__getitem__, features)))
