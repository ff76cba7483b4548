"""Resolve measure mentions to one stable measure_id: name keys, bilingual pairs and a small lexicon."""

from __future__ import annotations

import hashlib
import itertools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors.measures.english import Mention, en_kind
from extractors.measures.names import strip_jurisdiction

DATA = Path(__file__).parent / "data" / "measures.toml"
_EN_DROP = re.compile(
    r"^(?:the\s+)?(?:(?:european union|eu|u\.s\.|us|united states|american|chinese|uk|british)(?:'s|’s)?\s+)+",
    re.I,
)
_EN_WORDS = {"artificial intelligence": "ai", "&": "and", "programme": "program"}
_PAIR_OPEN = re.compile(r"\s*[（(]")
# Regional terms made one (Traditional text is converted character by character only).
_ZH_TERMS = {"人工智慧": "人工智能", "晶片": "芯片"}


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One well-known instrument: its id, canonical names, kind and jurisdiction."""

    measure_id: str
    name_en: str
    name_zh: str | None
    kind: str
    jurisdiction: str | None


@dataclass(frozen=True, slots=True)
class MeasureLexicon:
    """Canonical instruments by id and the name keys that point to them."""

    entries: dict[str, LexiconEntry]
    by_key: dict[str, str]


def en_key(name: str) -> str:
    """Return the English name key: lower case, no place adjective, AI spelt short, no punctuation.

    A subtitle after a colon is dropped when the part before it is a title with a head word
    ("AI Strategic Plan: Fiscal Years 2023-2027" is the AI Strategic Plan).
    """
    head, colon, _ = name.partition(":")
    if colon and len(head.split()) >= 2 and en_kind(head.strip()) is not None:
        name = head
    low = _EN_DROP.sub("", name.strip()).lower()
    for word, short in _EN_WORDS.items():
        low = low.replace(word, short)
    return "en:" + " ".join(re.findall(r"[a-z0-9+]+", low))


def zh_key(name: str) -> str:
    """Return the Chinese name key (Simplified input): no place prefix, 法案 -> 法, no quotes or spaces."""
    core = re.sub(r"[\s“”\"'《》「」（）()·]", "", name)
    core = re.split(r"[:：]", core)[-1] if len(re.split(r"[:：]", core)[-1]) >= 3 else core
    for term, common in _ZH_TERMS.items():
        core = core.replace(term, common)
    core = strip_jurisdiction(core)
    if core.endswith("法案"):
        core = core[:-1]
    return "zh:" + core


def eo_key(number: str) -> str:
    """Return the key of a numbered executive order."""
    return f"eo:{number}"


def key_of(mention: Mention) -> str:
    """Return the name key of one mention."""
    if mention.number is not None:
        return eo_key(mention.number)
    return en_key(mention.name) if mention.lang == "en" else zh_key(mention.name)


@lru_cache(maxsize=1)
def load_measure_lexicon() -> MeasureLexicon:
    """Return the packaged lexicon of well-known instruments (read once)."""
    with DATA.open("rb") as fh:
        rows = tomllib.load(fh)["measure"]
    entries: dict[str, LexiconEntry] = {}
    by_key: dict[str, str] = {}
    for row in rows:
        entry = LexiconEntry(
            row["id"], row["name_en"], row.get("name_zh"), row["kind"], row.get("jurisdiction")
        )
        entries[entry.measure_id] = entry
        for alias in [row["name_en"], *row.get("en", [])]:
            by_key[en_key(alias)] = entry.measure_id
        for alias in [*([entry.name_zh] if entry.name_zh else []), *row.get("zh", [])]:
            by_key[zh_key(alias)] = entry.measure_id
        for number in row.get("eo", []):
            by_key[eo_key(str(number))] = entry.measure_id
    return MeasureLexicon(entries, by_key)


def find_pairs(text: str, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Return bilingual pairs: a title followed by its other-language name in brackets."""
    pairs: list[tuple[Mention, Mention]] = []
    for left, right in itertools.pairwise(mentions):
        if left.lang == right.lang or left.number is not None or right.number is not None:
            continue
        opened = _PAIR_OPEN.match(text, left.end)
        if opened is None:
            continue
        closing = min(
            (i for i in (text.find(")", opened.end()), text.find("）", opened.end())) if i >= 0),
            default=-1,
        )
        if (
            right.start >= opened.end()
            and closing >= 0
            and right.end <= closing
            and closing - opened.end() <= 80
        ):
            pairs.append((left, right))
    return pairs


_APPOSITION = re.compile(r"\s*(?:[,(]|\s(?:entitled|titled|called|named))\s*(?:[Tt]he\s+)?[“\"]?")
_APPOSITION_END = re.compile(r"[”\"]?\s*(?:[,;.)(]|$)")


def find_appositives(text: str, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Return English names set side by side for one instrument ('Executive Order 14110, Safe, …,')."""
    pairs: list[tuple[Mention, Mention]] = []
    for left, right in itertools.pairwise(mentions):
        if left.lang != "en" or right.lang != "en" or right.number is not None:
            continue
        gap = _APPOSITION.fullmatch(text, left.end, right.start)
        # Without a number, only brackets or "titled" mark an appositive (commas also make lists).
        listed = "(" not in gap.group() and "titled" not in gap.group() if gap else True
        if gap is None or (left.number is None and (listed or left.kind != right.kind)):
            continue
        if _APPOSITION_END.match(text, right.end):
            pairs.append((left, right))
    return pairs


class KeyGroups:
    """Union-find over name keys: keys joined by a bilingual pair or the lexicon are one measure."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def add(self, key: str) -> None:
        """Register a key."""
        self._parent.setdefault(key, key)

    def find(self, key: str) -> str:
        """Return the representative of a key's group."""
        self.add(key)
        root = key
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[key] != root:
            self._parent[key], key = root, self._parent[key]
        return root

    def join(self, a: str, b: str) -> None:
        """Put two keys in one group (the smaller representative wins: order-independent)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self._parent[hi] = lo

    def groups(self) -> dict[str, list[str]]:
        """Return representative -> sorted member keys."""
        out: dict[str, list[str]] = {}
        for key in sorted(self._parent):
            out.setdefault(self.find(key), []).append(key)
        return out


def measure_id_of(keys: Iterable[str]) -> str:
    """Return the stable id of a group of keys: the lexicon id, the EO number, else a slug of a name."""
    members = sorted(set(keys))
    lex = load_measure_lexicon()
    known = sorted({lex.by_key[k] for k in members if k in lex.by_key})
    if known:
        return known[0]
    for key in members:
        if key.startswith("eo:"):
            return "eo-" + key[3:]
    english = [k for k in members if k.startswith("en:")]
    if english:
        return "en-" + re.sub(r"[^a-z0-9+]+", "-", min(english, key=len)[3:]).strip("-")
    digest = hashlib.sha256(members[0].encode("utf-8")).hexdigest()[:12]
    return "zh-" + digest
