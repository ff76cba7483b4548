"""One-off chrome at the edges of a text: a learned, calibrated paragraph classifier.

Cross-page learners (boilerplate.py, edgeblocks.py) remove furniture that a source repeats. What
is left is worded anew on every page: a closing call to subscribe, follow, share or scan a code,
an editor's or reprint note, a "recommended reading" lead-in, an author bio, a contact line, a
disclaimer. A phrase list cannot hold those, so a logistic regression over hashed character and
word n-grams plus a few structural features (length, sentence ends, links, second person, the
first word, which edge) scores each paragraph; it is trained by benchmarks/edge_model.py on
paragraphs written for this project (benchmarks/edge_training/) and shipped as plain arrays in
data/edge_chrome.npz (no pickle). Scoring is a dot product in numpy plus Platt calibration.

Only paragraphs at the edges are judged, peeled from the edge inwards while each one scores at
or above a high threshold, and never more than a small share of the text: article text that
merely sounds promotional in the middle of a story is never looked at. A removal needs a second,
independent piece of evidence besides the model's score: chrome is about the channel (follow,
share, reprint, the account's own services), not about the story, so a sentence whose content
words mostly recur in the text between the edges continues the article and stays.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from extractors.language import HAN

DATA_PATH = Path(__file__).parent / "data" / "edge_chrome.npz"
BUCKETS = 1 << 18
HEAD = 2  # at most this many paragraphs judged at the start of a text
TAIL = 3  # and at the end
MIN_PARAS = 4  # a text of fewer paragraphs is not judged (a short note is all edge)
KEEP_SHARE = 4  # what stays must be at least this many times what goes (in characters)
# A wider paragraph (CJK characters counted twice) is article text, however it is worded: the
# one-off chrome this model is for is a line or two; longer closing prose is left to the reader.
MAX_WIDTH = 260
# A sentence at an edge of which at least this share of content tokens (CJK character bigrams of
# the Simplified form, Latin words of four letters or more) also occurs in the text outside that
# edge's window (after the tail is peeled, for the head) continues the article's topic and is
# never removed. Chosen by `edge_model.py cv` on simulated pages of written text: the lowest gate
# at which at most 5% of the written chrome rows would be kept (while about half of the written
# articles' own edge lines are protected whatever the model says).
TOPIC_SHARE = 0.35
# A head paragraph at most this wide (CJK characters counted twice) without a sentence mark is a
# label (a collection tag, a kicker, a subtitle): it stays but does not end the head peel.
LABEL_WIDTH = 40
FloatArray = npt.NDArray[np.float64]

_LATIN_WORD = re.compile(r"[a-z][a-z'’]*")
_DIGITS = re.compile(r"\d+")
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net|io|cn)\b")
_HANDLE = re.compile(r"(?<!\w)@\w|\[email|@\w+\.\w")
_END = re.compile(r"[。！？!?.…]['\"”’」）)]*$")
_SENTENCE_MARK = re.compile(r"[。！？!?.…；;：:]")
_SECOND = re.compile(r"\b(?:you|your|you're|yours)\b|[您你]")
_FIRST = re.compile(r"\b(?:i|me|my|we|our|us)\b|我")
_BULLET = re.compile(r"^\s*(?:[-•·▪*]|\d{1,2}[.、)）])\s")
_SPLIT = re.compile(
    r"(?<=[。！？])(?![”」』）)\"'!?！？])|(?:(?<=[.!?]\s)|(?<=[.!?][”\"'’)]\s))(?=[A-Z“\"\u3400-\u9fff])"
)
_QUOTE = re.compile(r"^[\"“「『]|[\"”」』]$")
_CONTENT_WORD = re.compile(r"[a-z]{4,}")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")


def _bucket(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) % BUCKETS


def _length_bin(width: int) -> str:
    for limit in (12, 30, 60, 120, 240):
        if width <= limit:
            return str(limit)
    return "long"


def structure(text: str, side: str) -> list[str]:
    """Return the structural tokens of a paragraph (side: 'head' or 'tail')."""
    lowered = text.lower()
    width = len(text) + len(HAN.findall(text))
    sentences = len(re.findall(r"[。！？!?]|[.](?:\s|$)", text))
    tokens = [
        f"side={side}",
        f"len={_length_bin(width)}",
        f"sents={min(sentences, 3)}",
        f"end={'sentence' if _END.search(text) else ':' if text.rstrip().endswith((':', '：')) else 'none'}",
    ]
    marks = (
        ("url", _URL.search(lowered)),
        ("handle", _HANDLE.search(lowered)),
        ("you", _SECOND.search(lowered)),
        ("we", _FIRST.search(lowered)),
        ("bullet", _BULLET.match(text)),
        ("quote", _QUOTE.search(text.strip())),
        ("ask", "?" in text or "？" in text),
        ("bang", "!" in text or "！" in text),
        ("digits", len(_DIGITS.findall(text)) >= 3),
    )
    tokens += [f"has={name}" for name, hit in marks if hit]
    words = _LATIN_WORD.findall(lowered)
    if words and not HAN.search(text[:4]):
        tokens.append(f"first={words[0]}")
    else:
        tokens.append(f"first={text.strip()[:2]}")
    return [f"{side}:{t}" for t in tokens] + tokens


def grams(simple: str) -> list[str]:
    """Return the n-gram tokens of a paragraph's Simplified form (digits folded)."""
    text = _DIGITS.sub("0", simple.lower())
    words = _LATIN_WORD.findall(text)
    out = [f"w:{w}" for w in words]
    out += [f"w2:{a} {b}" for a, b in itertools.pairwise(words)]
    squeezed = re.sub(r"\s+", " ", text).strip()
    for n in (2, 3):
        out += [f"c{n}:{squeezed[i : i + n]}" for i in range(len(squeezed) - n + 1)]
    return out


def features(text: str, simple: str, side: str) -> tuple[npt.NDArray[np.int64], FloatArray]:
    """Return a paragraph's feature buckets and values (n-grams L2-normalised, structure 1)."""
    ngram = [_bucket(t) for t in grams(simple)]
    shape = [_bucket("s:" + t) for t in structure(text, side)]
    scale = 1.0 / np.sqrt(max(len(ngram), 1))
    idx = np.array(ngram + shape, dtype=np.int64)
    val = np.array([scale] * len(ngram) + [1.0] * len(shape), dtype=np.float64)
    return idx, val


@dataclass(frozen=True, slots=True)
class EdgeModel:
    """Dense weights over the buckets, a bias, Platt's a and b, and the decision threshold."""

    weights: FloatArray
    bias: float
    platt_a: float
    platt_b: float
    threshold: float

    def score(self, text: str, simple: str, side: str) -> float:
        """Return the raw linear score of one paragraph."""
        idx, val = features(text, simple, side)
        return float(self.weights[idx] @ val) + self.bias

    def probability(self, text: str, simple: str, side: str) -> float:
        """Return the calibrated probability that a paragraph is chrome."""
        z = self.platt_a * self.score(text, simple, side) + self.platt_b
        return float(1.0 / (1.0 + np.exp(-z)))


def save_model(model: EdgeModel, path: Path) -> None:
    """Write a model as a pickle-free .npz (only the buckets that carry a weight)."""
    nz = np.flatnonzero(model.weights)
    with path.open("wb") as fh:
        np.savez_compressed(
            fh,
            buckets=nz.astype(np.int32),
            weights=model.weights[nz].astype(np.float32),
            scalars=np.array([model.bias, model.platt_a, model.platt_b, model.threshold]),
        )


@lru_cache(maxsize=2)
def load_model(path: Path = DATA_PATH) -> EdgeModel:
    """Read the shipped model (arrays only: allow_pickle is off)."""
    with np.load(path, allow_pickle=False) as data:
        weights = np.zeros(BUCKETS, dtype=np.float64)
        weights[data["buckets"].astype(np.int64)] = data["weights"].astype(np.float64)
        bias, a, b, threshold = (float(x) for x in data["scalars"])
    return EdgeModel(weights, bias, a, b, threshold)


def content_tokens(simple: str) -> set[str]:
    """Return the content tokens of a Simplified text: CJK character bigrams and long Latin words."""
    lowered = simple.lower()
    tokens = set(_CONTENT_WORD.findall(lowered))
    for run in _CJK_RUN.findall(lowered):
        tokens.update(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


def topic_share(simple: str, topic: set[str]) -> float:
    """Return the share of a sentence's content tokens that also occur in the topic tokens."""
    tokens = content_tokens(simple)
    return len(tokens & topic) / len(tokens) if tokens else 0.0


def _eligible(para: str) -> bool:
    """Return whether a paragraph may be judged: narrow enough and no list item."""
    # A list item at an edge is a reference, a step or a bullet of the article far more often
    # than chrome; link lists the page furniture adds are the cross-page learners' work.
    return len(para) + len(HAN.findall(para)) <= MAX_WIDTH and not _BULLET.match(para)


def sentences(para: str) -> list[str]:
    """Return a paragraph's sentences, each with its end mark and trailing space."""
    parts = [x for x in _SPLIT.split(para) if x]
    return parts or [para]


def trim_edge_chrome(
    paras: list[str],
    simple: list[str],
    head: bool = True,
    tail: bool = True,
    model: EdgeModel | None = None,
) -> list[str]:
    """Return the paragraphs without the edge sentences the model takes for one-off chrome."""
    # Peeled from each edge inwards, sentence by sentence: the first sentence that stays ends
    # that edge, so nothing between two article sentences is ever removed, and a closing
    # paragraph that opens with article text and ends on a call to action keeps its opening.
    # head/tail False: that edge must stay (a thread's first post or last reply).
    if len(paras) < MIN_PARAS:
        return paras
    model = model or load_model()
    out = list(paras)
    budget = sum(len(p) for p in paras) // (KEEP_SHARE + 1)
    # The topic tokens are only gathered when the model takes a sentence (rarely): lazily.
    if tail:
        tail_topic = cache(lambda: content_tokens(" ".join(simple[: len(simple) - TAIL])))
        budget = _peel(out, simple, (model, tail_topic), budget, "tail")
    if head:
        head_topic = cache(
            lambda: content_tokens(
                " ".join(s for s, p in zip(simple[HEAD:], out[HEAD:], strict=True) if p)
            )
        )
        _peel(out, simple, (model, head_topic), budget, "head")
    return [p for p in out if p]


def is_edge_chrome(
    text: str, simple: str, side: str, model: EdgeModel, topic: Callable[[], set[str]]
) -> bool:
    """Return whether one edge sentence goes: the model takes it and it leaves the article's topic."""
    if model.probability(text, simple, side) < model.threshold:
        return False
    return topic_share(simple, topic()) < TOPIC_SHARE


def _peel(
    out: list[str],
    simple: list[str],
    judge: tuple[EdgeModel, Callable[[], set[str]]],
    budget: int,
    side: str,
) -> int:
    """Peel chrome sentences off one edge of out (in place); return the budget left."""
    model, topic = judge
    order = range(len(out) - 1, len(out) - 1 - TAIL, -1) if side == "tail" else range(HEAD)
    for i in order:
        para = out[i]
        if not para or not _eligible(para):
            return budget
        parts, simple_parts = sentences(para), sentences(simple[i])
        if len(parts) != len(simple_parts):
            parts, simple_parts = [para], [simple[i]]
        keep = list(range(len(parts)))
        steps = reversed(keep) if side == "tail" else iter(keep)
        for j in list(steps):
            if len(parts[j]) > budget:
                break
            if not is_edge_chrome(parts[j].strip(), simple_parts[j].strip(), side, model, topic):
                break
            budget -= len(parts[j])
            keep.remove(j)
        if len(keep) < len(parts):  # an untouched paragraph stays exactly as it came
            out[i] = "".join(parts[j] for j in keep).strip()
        if out[i].strip() and not (side == "head" and _is_label(out[i].strip())):
            return budget
    return budget


def _is_label(para: str) -> bool:
    """Return whether a paragraph is a short label line, no sentence: a tag row, a kicker."""
    # A label the model keeps ("收录于合集", a series kicker, a subtitle) is no article sentence,
    # so it does not end the head: the one-off note under it is still judged. It stays itself.
    return len(para) + len(HAN.findall(para)) <= LABEL_WIDTH and not _SENTENCE_MARK.search(para)
