"""Actor lexicon: load the packaged TOML once and find canonical actors in a text."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors.signals.records import ActorHit
from extractors.signals.trie import build_trie_pattern

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One lexicon row."""

    name: str
    kind: str
    country: str
    fiscal_year_start: int
    ai: bool = False
    org: str = ""
    chips: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Compiled lexicon: alias to candidate entries and the two matching regexes."""

    entries: dict[str, ActorEntry]
    by_alias: dict[str, tuple[ActorEntry, ...]]
    zh_regex: re.Pattern[str]
    en_regex: re.Pattern[str]
    ai_regex: re.Pattern[str]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Return the compiled actor lexicon, read from the packaged data file once."""
    with (DATA_DIR / "actors.toml").open("rb") as fh:
        rows = tomllib.load(fh)["actor"]
    entries: dict[str, ActorEntry] = {}
    by_alias: dict[str, list[ActorEntry]] = {}
    zh_words: set[str] = set()
    en_words: set[str] = set()
    for row in rows:
        entry = ActorEntry(
            row["name"],
            row["kind"],
            row["country"],
            int(row.get("fiscal_year_start", 1)),
            bool(row.get("ai", row["kind"] == "model")),
            str(row.get("org", "")),
            bool(row.get("chips", False)),
        )
        entries[entry.name] = entry
        for alias in [*row.get("zh_hans", []), *row.get("zh_hant", []), *row.get("en", [])]:
            by_alias.setdefault(alias, [])
            if entry not in by_alias[alias]:
                by_alias[alias].append(entry)
            (en_words if alias.isascii() else zh_words).add(alias)
    zh_regex = re.compile(build_trie_pattern(zh_words))
    en_regex = re.compile(r"(?:" + build_trie_pattern(en_words) + r")(?![A-Za-z0-9])")
    ai_words = {a for a, es in by_alias.items() if any(e.ai for e in es)}
    ai_regex = re.compile(
        r"(?<![A-Za-z0-9])(?:" + build_trie_pattern(ai_words) + r")(?![A-Za-z0-9])"
    )
    return Lexicon(
        entries, {k: tuple(v) for k, v in by_alias.items()}, zh_regex, en_regex, ai_regex
    )


def _choose(
    candidates: tuple[ActorEntry, ...],
    text: str,
    start: int,
    default_country: str | None,
    seen: set[str],
) -> ActorEntry:
    """Pick the entry of an ambiguous alias: nearest 美国/中国, an entry already named, else CN."""
    if len(candidates) == 1:
        return candidates[0]
    window = text[max(0, start - 12) : start]
    for entry in candidates:
        if entry.country == "US" and ("美国" in window or window[-1:] == "美"):
            return entry
        if entry.country == "CN" and ("中国" in window or "我国" in window):
            return entry
    for entry in candidates:
        if entry.name in seen:
            return entry
    for country in (default_country, "CN"):
        for entry in candidates:
            if entry.country == country:
                return entry
    return candidates[0]


def _is_word(ch: str) -> bool:
    """Return whether a character is an ASCII letter or digit."""
    return ch.isascii() and ch.isalnum()


def find_actors(
    text: str, default_country: str | None = None, ranges: list[tuple[int, int]] | None = None
) -> list[ActorHit]:
    """Return actor mentions (longest alias, non-overlapping, in order), optionally only in ranges."""
    lex = load_lexicon()
    spans: list[tuple[int, int, str]] = []
    en: list[tuple[int, int, str]] = []
    for lo, hi in ranges if ranges is not None else [(0, len(text))]:
        spans.extend((m.start(), m.end(), m.group()) for m in lex.zh_regex.finditer(text, lo, hi))
        en.extend(
            (m.start(), m.end(), m.group())
            for m in lex.en_regex.finditer(text, lo, hi)
            if m.start() == 0 or not _is_word(text[m.start() - 1])
        )
    if en:
        spans.extend(en)
        spans.sort(key=lambda s: (s[0], s[0] - s[1]))
    by_alias = lex.by_alias
    hits: list[ActorHit] = []
    seen: set[str] = set()
    last_end = -1
    for start, end, alias in spans:
        if start < last_end:
            continue
        candidates = by_alias.get(alias)
        if candidates is None:
            continue
        entry = (
            candidates[0]
            if len(candidates) == 1
            else _choose(candidates, text, start, default_country, seen)
        )
        seen.add(entry.name)
        hits.append(ActorHit(entry.name, entry.kind, entry.country, start, end))
        last_end = end
    return hits


@lru_cache(maxsize=1)
def _by_host_label() -> dict[str, ActorEntry]:
    """Return the lexicon's single-word Latin aliases, lower-cased, that name one actor."""
    out: dict[str, ActorEntry] = {}
    for alias, entries in load_lexicon().by_alias.items():
        key = alias.lower()
        if len(entries) == 1 and key.isascii() and key.isalnum() and len(key) >= 4:
            out[key] = entries[0]
    return out


_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?([a-z0-9.-]+\.[a-z]{2,})(?:[:/?#]|$)", re.IGNORECASE)


def actor_of_host(address: str) -> ActorHit | None:
    """Return the actor a web address belongs to ("blogs.nvidia.com" -> NVIDIA), if its host names one."""
    found = _HOST.match(address.strip())
    if found is None:
        return None
    labels = found.group(1).lower().split(".")[:-1]  # the top-level domain names no one
    for label in reversed(labels):
        entry = _by_host_label().get(label)
        if entry is not None:
            return ActorHit(entry.name, entry.kind, entry.country, 0, 0)
    return None


def fiscal_year_start(name: str) -> int:
    """Return the first month of an actor's fiscal year (1 if calendar or unknown)."""
    entry = load_lexicon().entries.get(name)
    return entry.fiscal_year_start if entry else 1


def is_ai_actor(name: str) -> bool:
    """Return whether an actor is AI by nature (a model, an AI lab, an AI-chip maker): its mention is AI context."""
    entry = load_lexicon().entries.get(name)
    return entry.ai if entry else False


def is_chip_actor(name: str) -> bool:
    """Return whether an actor makes chips in general (a foundry, memory or equipment maker)."""
    # AI context for the topic, but its money needs AI named in reach (chips for AI, ch22).
    entry = load_lexicon().entries.get(name)
    return entry.chips if entry else False


def voice_kind(hit: ActorHit) -> str:
    """Return whose voice a mention is: a company's for its executives (lexicon `org`), else its kind."""
    entries = load_lexicon().entries
    entry = entries.get(hit.name)
    if entry is not None and entry.org:
        org = entries.get(entry.org)
        return org.kind if org is not None else hit.kind
    return hit.kind


def ai_aliases() -> set[str]:
    """Return the aliases of AI-by-nature actors (see is_ai_actor)."""
    return {a for a, es in load_lexicon().by_alias.items() if any(e.ai for e in es)}
