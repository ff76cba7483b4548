"""Sentence and amount features of the signal classifier, hashed to stable integer buckets."""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise

from extractors.language import HAN, detect_script
from extractors.signals.align import MatchText, build_match_text, split_sentences
from extractors.signals.cues import CueHit, find_cues
from extractors.signals.money import parse_amounts
from extractors.signals.records import ActorHit, Amount
from extractors.signals.trie import build_trie_pattern

BUCKETS = (
    1 << 22
)  # crc32 buckets per family: collisions are rare at a few hundred thousand features
# Text n-grams hash into [0, BUCKETS) and share an L2-normalised unit of weight per sentence;
# structural features (cues, actor kinds, rule outputs, amounts) hash into [BUCKETS, 2*BUCKETS)
# and count 1 each, so a cue weighs the same in a short and a long sentence.
STRUCTURAL = ("q:", "k:", "m:", "r:", "s:", "n:", "cur:", "qual:", "ak:", "mag:", "_")
_TOKEN = re.compile(r"[a-z]+(?:[-'][a-z]+)*|[0-9][0-9.,]*|[\u3400-\u9fff]+")
# What can start a word or number token: ASCII letters and digits, and the two characters whose
# lower case holds an ASCII letter (İ -> "i̇", the Kelvin sign -> "k").
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9\u0130\u212a]")
_SENTENCE_FLAGS = frozenset({"ai", "bgword", "zh", "en", "inherited", "bgnear"})
_STRUCTURAL_FIRST = frozenset(p[0] for p in (*STRUCTURAL, *_SENTENCE_FLAGS))
_LEFT, _RIGHT = 36, 24  # characters of context on each side of an amount
_NEAR = 8
_BACKGROUND = (
    r"市场规模|产业规模|营收|收入|估值|市值|营业额|利润|销售额|预测|预计|统计|数据显示|报告|增长率|"
    r"valuation|valued|revenue|sales|earnings|profit|market (?:size|value|cap)|forecast|estimate|"
    r"罚款|罚金|处罚|赔偿| fined| fines| a fine|penalt|damages|settlement"  # penalties: never commitments
)


def _case_free(alternatives: str) -> re.Pattern[str]:
    """Return the IGNORECASE pattern of lower-case alternatives, with a first-character look-ahead."""
    # The look-ahead on the alternatives' first characters (case-folded like them) lets the engine
    # skip most positions without trying every alternative: same matches, about 2.5 times faster.
    firsts = "".join(sorted({w[0] for w in alternatives.split("|")}))
    return re.compile("(?=[" + firsts + "])(?:" + alternatives + ")", re.IGNORECASE)


BACKGROUND_WORDS = _case_free(_BACKGROUND)
# Around an amount (not as a sentence flag): the words that say what an amount is, also as
# inflections and prices: "valuing it at X", "X post-money", "X in run-rate revenue", 目标价 X.
_AMOUNT_BACKGROUND = (
    _BACKGROUND
    + r"|valuing|post-money|pre-money|run-rate|price target|target price|目标价|股价|每股"
)
AMOUNT_BACKGROUND_WORDS = _case_free(_AMOUNT_BACKGROUND)
# The same searches, case-sensitive, on the text's str.lower() (the alternatives are lower case):
# for every character c but these three, IGNORECASE matches c to a character y of the
# alternatives iff c.lower() == y (checked over all code points by a test), and lower() keeps the
# text's length, so both find a match in the same [lo, hi). Case-sensitive, the plain alternation
# needs no look-ahead: re skips to its alternatives' first characters itself (30% faster).
_FOLD_EXCEPTIONS = re.compile("[\u017f\u0130\u0131]")  # ſ and ı match s and i; İ lowers to two


def _literals(alternatives: str) -> list[str]:
    """Return the literal strings an alternation of lower-case words matches (one level of
    (?:a|b) groups inside a word, as in the background lists)."""
    out: list[str] = []
    for word in re.split(r"\|(?![^(]*\))", alternatives):
        group = re.search(r"\(\?:([^()]*)\)", word)
        if group is None:
            out.append(word)
        else:
            out += [word[: group.start()] + g + word[group.end() :] for g in group[1].split("|")]
    return out


# The folded searches run as tries of the same literals: a search finds a match in [lo, hi) iff
# some literal lies there, whatever the shape of the pattern, and a trie tries fewer branches
# at each position than the flat alternation (about 10% less time on one pass's searches).
_FOLDED_SEARCH = {
    BACKGROUND_WORDS: re.compile(build_trie_pattern(_literals(_BACKGROUND))),
    AMOUNT_BACKGROUND_WORDS: re.compile(build_trie_pattern(_literals(_AMOUNT_BACKGROUND))),
}
_FOLDED: list[tuple[str, str | None]] = [("", "")]  # the last text and its lower case (one entry)


def _finds(words: re.Pattern[str], text: str, lo: int, hi: int) -> bool:
    """Return whether words.search(text, lo, hi) finds a match (on the lower-cased text, kept for
    the last text seen: the searches of one article share it)."""
    last, folded = _FOLDED[0]
    if last is not text:
        folded = None if _FOLD_EXCEPTIONS.search(text) else text.lower()
        _FOLDED[0] = (text, folded)
    if folded is None:
        return words.search(text, lo, hi) is not None
    return _FOLDED_SEARCH[words].search(folded, lo, hi) is not None


def has_background_word(text: str, lo: int, hi: int) -> bool:
    """Return whether BACKGROUND_WORDS.search(text, lo, hi) finds a match."""
    return _finds(BACKGROUND_WORDS, text, lo, hi)


def has_amount_background_word(text: str, lo: int, hi: int) -> bool:
    """Return whether AMOUNT_BACKGROUND_WORDS.search(text, lo, hi) finds a match."""
    return _finds(AMOUNT_BACKGROUND_WORDS, text, lo, hi)


@dataclass(frozen=True, slots=True)
class Prepared:
    """One text ready for classification: match text, sentences, amounts and cues."""

    mt: MatchText
    spans: list[tuple[int, int]]
    amounts: list[Amount]
    cues: list[CueHit]


def prepare_text(
    text: str, text_hans: str | None = None, region: str | None = None, mt: MatchText | None = None
) -> Prepared:
    """Return the match text of a text with its sentences, amounts (read in a region) and cues
    (mt: the match text, when the caller has built it already)."""
    mt = build_match_text(text, text_hans) if mt is None else mt
    # With no source region, the article's own script is a cue to its place (the match text is
    # Simplified whatever the article's script).
    script = partial(detect_script, text) if region is None and HAN.search(text) else None
    amounts = parse_amounts(mt.text, region, script)  # asks for the script only if it needs it
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


# Chinese n-gram families: (prefix, longest n). The near-amount windows keep 1-2-grams only.
WINDOWS = (("", 4), ("L:", 4), ("R:", 4), ("n:<", 2), ("n:>", 2))
_SENT, _LEFT_W, _RIGHT_W, _NEAR_L, _NEAR_R = range(len(WINDOWS))


@dataclass(slots=True)
class Row:
    """One row's features before hashing: buckets of the string features, and text spans (with
    their n-gram family) whose Chinese character n-grams hash_rows hashes for a batch at once."""

    buckets: list[int] = field(default_factory=list)
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # lo, hi, index into WINDOWS


def _text_features(text: str, lo: int, hi: int, window: int, row: Row) -> None:
    """Add the word uni/bigrams (English, lower case) of text[lo:hi] and the span for its
    Chinese character 1-4-grams (hashed by hash_rows).

    The near-amount windows keep only words, numbers and 1-2-grams. Rows are sets of buckets,
    so features are added by kind, not in text order. Tokens compare as: number < "a" <= word
    < "{" < Chinese.
    """
    row.spans.append((lo, hi, window))
    if not _ASCII_TOKEN.search(text, lo, hi):
        return  # Chinese only (or nothing): no word or number token
    tokens = _TOKEN.findall(text[lo:hi].lower())
    if tokens:
        prefix, kmax = WINDOWS[window]
        # A number is "#", a Chinese token "" (it ends a bigram chain), a word itself.
        seq = ["#" if t < "a" else ("" if t > "{" else t) for t in tokens]
        out = row.buckets
        if "#" in seq:
            out.append(_BUCKET_OF[prefix + "#"])
        words = _WORD_BUCKETS[window]
        out.extend([words[t] for t in seq if t > "#"])
        if kmax == 4:  # bigrams: a word after a word or a number (keyed by pair: no string joins)
            pairs = _BIGRAM_BUCKETS[window]
            out.extend([pairs[p] for p in pairwise(seq) if p[0] and p[1] > "#"])


def sentence_features(
    text: str,
    lo: int,
    hi: int,
    cues: Sequence[CueHit],
    actors: Sequence[ActorHit],
    amounts: Sequence[Amount],
    ai: bool,
    rules: Sequence[str] = (),
) -> tuple[Row, list[str]]:
    """Return the features of one sentence (text[lo:hi] of the match text; rules: rule
    outputs) and its structural features, which its amounts inherit."""
    head: list[str] = ["r:" + r for r in rules]
    tail: list[str] = []
    for c in cues:
        shape = cue_shape(text, c, lo)
        tail.append(f"q:{c.signal_type}:{c.weight}")
        tail.append(f"q:{c.signal_type}:{c.weight}:{shape}")
    for a in actors:
        tail.append("k:" + a.kind)
    if amounts:
        tail.append("m:amount")
        tail.extend("m:" + str(a.currency) for a in amounts)
    if ai:
        tail.append("ai")
    if has_background_word(text, lo, hi):
        tail.append("bgword")
    tail.append("zh" if HAN.search(text, lo, hi) else "en")
    bucket = _BUCKET_OF
    row = Row([bucket["_bias_"], *[bucket[f] for f in head]])
    _text_features(text, lo, hi, _SENT, row)
    row.buckets.extend([bucket[f] for f in tail])
    return row, head + tail


def amount_features(
    text: str,
    amount: Amount,
    lo: int,
    hi: int,
    actor: ActorHit | None,
    sentence: Sequence[str],
    rules: Sequence[str] = (),
) -> Row:
    """Return the features of one amount: its context windows, qualifier, actor kind and
    sentence (sentence: the structural features of its sentence)."""
    bucket = _BUCKET_OF
    head = ["_bias_", f"cur:{amount.currency}", f"qual:{amount.qualifier}"]
    if amount.value > 0:  # order of magnitude: a price per hour is not a programme
        head.append(f"mag:{min(int(math.log10(amount.value)), 13)}")
    head.extend("r:" + r for r in rules)
    row = Row([bucket[f] for f in head])
    _text_features(text, max(lo, amount.start - _LEFT), amount.start, _LEFT_W, row)
    _text_features(text, amount.end, min(hi, amount.end + _RIGHT), _RIGHT_W, row)
    # The words right next to the amount (估值为 / valued at / 营收 / invest) weigh fully.
    left = _NEAR * (3 if text[amount.start - 1 : amount.start].isascii() else 1)
    right = _NEAR * (3 if text[amount.end : amount.end + 1].isascii() else 1)
    _text_features(text, max(lo, amount.start - left), amount.start, _NEAR_L, row)
    _text_features(text, amount.end, min(hi, amount.end + right), _NEAR_R, row)
    tail: list[str] = []
    # A background word right next to the amount names what the amount is: 估值为 X, valued at X,
    # valuing it at X (left); X post-money valuation, X in revenue (right; English puts the noun
    # after the number, so its windows are wider).
    wide = 2 if text[amount.start - 1 : amount.start].isascii() else 1
    if has_amount_background_word(text, max(lo, amount.start - 2 * _NEAR * wide), amount.start):
        tail.append("n:bg")
    wide = 2 if text[amount.end : amount.end + 1].isascii() else 1
    if has_amount_background_word(text, amount.end, min(hi, amount.end + 2 * _NEAR * wide)):
        tail.append("n:bgR")
    tail.append("ak:" + (actor.kind if actor is not None else "none"))
    if amount.inherited:
        tail.append("inherited")
    if has_amount_background_word(
        text, max(lo, amount.start - _LEFT), min(hi, amount.end + _RIGHT)
    ):
        tail.append("bgnear")
    tail.extend("s:" + f for f in sentence if ":" in f or f in _SENTENCE_FLAGS)
    row.buckets.extend([bucket[f] for f in tail])
    return row


def _bucket(feature: str) -> int:
    """Return a feature's bucket: crc32 of its UTF-8 bytes, structural ones in the upper half."""
    bucket = zlib.crc32(feature.encode()) % BUCKETS
    if feature[0] in _STRUCTURAL_FIRST and (
        feature.startswith(STRUCTURAL) or feature in _SENTENCE_FLAGS
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


class _PrefixedCache(dict[str, int]):
    """Key -> bucket of a fixed prefix + key (a word or bigram of one n-gram family)."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, key: str) -> int:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        bucket = self[key] = _bucket(self.prefix + key)
        return bucket


class _PairCache(dict[tuple[str, str], int]):
    """Word pair -> bucket of a fixed prefix + "a b" (the bigrams of one n-gram family)."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, key: tuple[str, str]) -> int:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        bucket = self[key] = _bucket(self.prefix + key[0] + " " + key[1])
        return bucket


_CACHE_LIMIT = 200_000  # about 30 MB of short strings; n-grams repeat across articles
_BUCKET_OF = _BucketCache()
_WORD_BUCKETS = [_PrefixedCache(prefix + "w") for prefix, _ in WINDOWS]
_BIGRAM_BUCKETS = [_PairCache(prefix + "b") for prefix, _ in WINDOWS]


def hash_features(features: Iterable[str]) -> list[int]:
    """Return the distinct buckets of features (crc32 of UTF-8, stable across runs and platforms)."""
    return list(set(map(_BUCKET_OF.__getitem__, features)))
