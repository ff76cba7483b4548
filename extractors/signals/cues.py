"""Cue tables per signal type, loaded from data/cues.toml and compiled into two regexes."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from extractors.signals.actors import DATA_DIR
from extractors.signals.trie import build_trie_pattern


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
    en_regex: re.Pattern[str]
    by_phrase: dict[str, tuple[tuple[str, int], ...]]


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
    variants = {v for p in en for v in (p, p[:1].upper() + p[1:], p.upper())}
    en_regex = re.compile(
        r"(?:" + build_trie_pattern(variants) + r")(?=(?:s|es|ed|d)?(?![A-Za-z]))"
    )
    return CueTable(zh_regex, en_regex, {k: tuple(v) for k, v in by_phrase.items()})


def find_cues(text: str) -> list[CueHit]:
    """Return every cue phrase in a (Simplified) text, in order."""
    table = load_cues()
    hits: list[CueHit] = []
    for regex in (table.zh_regex, table.en_regex):
        for m in regex.finditer(text):
            if (
                regex is table.en_regex
                and m.start() > 0
                and text[m.start() - 1].isascii()
                and (text[m.start() - 1].isalpha())
            ):
                continue
            phrase = m.group()
            key = phrase.lower() if phrase.isascii() else phrase
            for signal_type, weight in table.by_phrase.get(key, ()):
                hits.append(CueHit(signal_type, weight, phrase, m.start(), m.end()))
    hits.sort(key=lambda h: h.start)
    return hits
