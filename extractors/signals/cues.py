"""Cue tables per signal type, loaded from data/cues.toml and compiled into two regexes."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from extractors.signals.actors import DATA_DIR
from extractors.signals.trie import build_trie_pattern
from extractors.signals.word_starts import WordStartScan

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True, slots=True)
class CueHit:
    """One cue phrase found: the type it points to, its weight and its offsets."""

    signal_type: str
    weight: int
    phrase: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CueTable:
    """Compiled cue regexes and the phrase-to-(type, weight) map."""

    zh_regex: re.Pattern[str]
    by_phrase: dict[str, tuple[tuple[str, int], ...]]
    en_scan: WordStartScan  # the English phrases' matches at word starts


@lru_cache(maxsize=1)
def load_cues() -> CueTable:
    """Return the compiled cue table, read from the packaged data file once."""
    with (DATA_DIR / "cues.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    by_phrase: dict[str, list[tuple[str, int]]] = {}
    for signal_type, table in raw.items():
        for weight, key in ((2, "strong"), (1, "weak")):
            for phrase in table.get(key, []):
                norm = phrase.lower() if phrase.isascii() else phrase
                by_phrase.setdefault(norm, []).append((signal_type, weight))
    zh = [p for p in by_phrase if not p.isascii()]
    en = [p for p in by_phrase if p.isascii()]
    zh_regex = re.compile(build_trie_pattern(zh))
    # English: any case, whole words only, with a plural or past-tense ending (see find_cues).
    # Whether a capitalised hit is a name ("Bill Gates") is for the classifier, which sees the
    # hit's case shape as a feature (features.cue_shape).
    en_scan = WordStartScan(en, r"(?=(?:s|es|ed|d)?(?![A-Za-z0-9]))")
    return CueTable(zh_regex, {k: tuple(v) for k, v in by_phrase.items()}, en_scan)


# The only characters whose str.lower() holds ASCII: İ (-> "i̇", two characters) and the Kelvin sign.
_LOWER_TO_ASCII = ("\u0130", "\u212a")


def _lower_ascii(text: str) -> str:
    """Return the text with ASCII letters lower-cased, other characters unchanged where it matters:
    str.lower (fast) changes non-ASCII letters only into non-ASCII ones, which no cue matches,
    except the two _LOWER_TO_ASCII characters (then a translation table, slower)."""
    if any(c in text for c in _LOWER_TO_ASCII):
        return text.translate(_ASCII_LOWER)
    return text.lower()


def find_cues(text: str) -> list[CueHit]:
    """Return every cue phrase in a (Simplified) text, in order."""
    table = load_cues()
    hits: list[CueHit] = []
    for m in table.zh_regex.finditer(text):
        for signal_type, weight in table.by_phrase.get(m.group(), ()):
            hits.append(CueHit(signal_type, weight, m.group(), m.start(), m.end()))
    # English: the lower-cased phrases are matched on an ASCII-lower-cased copy of the same
    # length (so "Entity List" and "EXPORT CONTROLS" match), at word starts only.
    lowered = _lower_ascii(text)
    for m in table.en_scan.finditer(lowered):
        start, end = m.span()
        for signal_type, weight in table.by_phrase.get(m.group(), ()):
            hits.append(CueHit(signal_type, weight, text[start:end], start, end))
    hits.sort(key=lambda h: h.start)
    return hits
