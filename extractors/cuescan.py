"""Cue scanning: one alternation per script, its literal prefilter, a start-character scanner."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

# The standard library's own pattern parser (private), to derive the literal prefilters.
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")
_LATIN = re.compile(r"[a-z]")
_ESCAPE = re.compile(r"\\[a-zA-Z]")


def is_latin(pattern: str) -> bool:
    """Return True for a cue pattern of Latin script (matched on lower-cased text)."""
    return bool(_LATIN.search(_ESCAPE.sub("", pattern)))


def compile_cues(cues: dict[str, tuple[str, ...]], latin: bool) -> re.Pattern[str]:
    """Return one script's cues as one alternation of named category groups."""
    groups = []
    for name, patterns in cues.items():
        chosen = [p for p in patterns if is_latin(p) == latin]
        if chosen:
            groups.append(f"(?P<{name}>" + "|".join(f"(?:{p})" for p in chosen) + ")")
    return re.compile("|".join(groups))


def _required(seq: Any) -> set[str] | None:
    """Return strings one of which every match of a parsed pattern contains (None: unknown)."""
    options: list[set[str]] = []
    run: list[str] = []
    for op, av in [*seq, (None, None)]:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append({"".join(run)})
            run = []
        found: set[str] | None = None
        if op is _c.SUBPATTERN:
            found = _required(av[-1])
        elif op is _c.BRANCH:
            branches = [_required(b) for b in av[1]]
            found = set().union(*(b for b in branches if b)) if all(branches) else None
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            found = _required(av[2])
        if found:
            options.append(found)
    if not options:
        return None
    return max(options, key=lambda o: (min(len(x) for x in o), -len(o)))


def build_prefilter(cues: dict[str, tuple[str, ...]], latin: bool) -> re.Pattern[str] | None:
    """Return a literal-only pattern that any cue match implies (None: no such pattern)."""
    needed: set[str] = set()
    for patterns in cues.values():
        for pattern in patterns:
            if is_latin(pattern) != latin:
                continue
            found = _required(_parser.parse(pattern))
            if not found:
                return None
            needed |= found
    return re.compile("|".join(re.escape(x) for x in sorted(needed, key=len, reverse=True)))


def _class_items(items: Any) -> list[str] | None:
    """Return a parsed character class as class-body strings (None: negated or unknown)."""
    out: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is _c.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _c.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:
            return None
    return out


_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_WORD: r"\w"}


def _first(seq: Any) -> tuple[list[str], bool] | None:
    """Return the class items a match of a parsed pattern can start with, and if it can be empty."""
    items: list[str] = []
    for op, av in seq:
        if op is _c.LITERAL:
            return [*items, re.escape(chr(av))], False
        if op is _c.IN:
            chars = _class_items(av)
            return None if chars is None else ([*items, *chars], False)
        if op in (_c.ASSERT, _c.ASSERT_NOT) or (op is _c.AT and av in _ZERO_WIDTH):
            continue  # zero-width: the first character is that of what follows
        sub: Any
        if op is _c.SUBPATTERN:
            subs, least = [av[-1]], 1
        elif op is _c.BRANCH:
            subs, least = av[1], 1
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            subs, least = [av[2]], av[0]
        else:
            return None  # any character, a back reference, an anchor inside: unknown
        empty = False
        for sub in subs:
            inner = _first(sub)
            if inner is None:
                return None
            items.extend(inner[0])
            empty = empty or inner[1]
        if least >= 1 and not empty:
            return items, False
    return items, True


_ZERO_WIDTH = (_c.AT_BOUNDARY, _c.AT_NON_BOUNDARY, _c.AT_END, _c.AT_END_STRING)


@dataclass(frozen=True, slots=True)
class _Alternative:
    """One cue pattern: its category and what its matches start with."""

    name: str
    pattern: str
    first: re.Pattern[str] | None  # None: only at the start of the text (a ^ pattern)
    guard: frozenset[str]  # literals one of which a text needs for a match (broad starts)
    bounded: bool = False  # the pattern opens with \b: it starts only at a word boundary
    gate: frozenset[str] = frozenset()  # literals one of which every match holds (empty: unknown)


class CueScanner:
    """ZH_CUE/EN_CUE's finditer, trying the alternation only where a cue can start."""

    # Python's re tries each of the ~100 alternatives at every position of a line (~20 us a
    # Chinese line). Here a match is tried only at position 0 and at characters some
    # cue can start with, and only with the cues that can start with that character (in their
    # order, so the leftmost-first result is the same). Cues that can start with any word
    # character (an e-mail address) are guarded by a literal they need: a text holding one
    # falls back to the full pattern. A test compares both on corpus lines.

    def __init__(self, full: re.Pattern[str], alternatives: list[_Alternative] | None) -> None:
        self.full = full
        self.alternatives = alternatives or []
        self.usable = alternatives is not None
        self.guards = frozenset().union(*(a.guard for a in self.alternatives))
        # A start is a character some cue can start with; for cues that open with \b
        # (most Latin ones), only such a character at a word boundary (~5x fewer tries on
        # English lines: the alternation is not tried inside words).
        starts = [a for a in self.alternatives if a.first and not a.guard]
        self.starts = _starts(starts)
        # A cue not opening at a word boundary makes every one of its start characters a start
        # ("copyright", "incentive-icons", "[email protected]": each "c", "i", "e" of a line);
        # where it needs a literal (its gate) the text does not hold, it cannot match anywhere,
        # and the lean starts leave it out (~half of the tries on an English line).
        # Where every start is gated (the Chinese cues) the literal prefilter has already asked.
        gated = [a for a in starts if not a.bounded and a.gate]
        self.lean = _starts([a for a in starts if a not in gated])
        self.gates = frozenset().union(*(a.gate for a in gated)) if self.lean else frozenset()
        self._by_char: dict[str, re.Pattern[str] | None] = {}
        self._by_set: dict[tuple[int, ...], re.Pattern[str]] = {}

    def _for_char(self, ch: str) -> re.Pattern[str] | None:
        """Return the alternation of the cues that can start with ch (None: none can)."""
        if ch not in self._by_char:
            chosen = tuple(
                i
                for i, a in enumerate(self.alternatives)
                if a.first is not None and not a.guard and a.first.fullmatch(ch)
            )
            pattern = self._by_set.get(chosen)
            if pattern is None and chosen:
                pattern = _group([self.alternatives[i] for i in chosen])
                self._by_set[chosen] = pattern
            self._by_char[ch] = pattern
        return self._by_char[ch]

    def scan(self, text: str) -> list[str]:
        """Return the category of every match of the full pattern, left to right."""
        if not self.usable or self.starts is None or any(map(text.__contains__, self.guards)):
            return [m.lastgroup or "" for m in self.full.finditer(text)]
        found: list[str] = []
        m = self.full.match(text)  # the ^ cues, and any other cue starting the text
        pos = 1
        if m is not None:
            found.append(m.lastgroup or "")
            pos = max(m.end(), 1)
        gated = self.lean is None or any(map(text.__contains__, self.gates))
        starts = self.starts if gated else self.lean
        if starts is None:
            return found
        search, by_char = starts.search, self._by_char
        while (at := search(text, pos)) is not None:
            start = at.start()
            ch = text[start]
            pattern = by_char[ch] if ch in by_char else self._for_char(ch)
            m = pattern.match(text, start) if pattern is not None else None
            if m is not None:
                found.append(m.lastgroup or "")
                pos = max(m.end(), start + 1)
            else:
                pos = start + 1
        return found


def _starts(alternatives: list[_Alternative]) -> re.Pattern[str] | None:
    """Return the pattern of the characters the alternatives start with (None: none)."""
    bound = "".join(a.first.pattern[1:-1] for a in alternatives if a.first and a.bounded)
    free = "".join(a.first.pattern[1:-1] for a in alternatives if a.first and not a.bounded)
    either = ([rf"\b[{bound}]"] if bound else []) + ([f"[{free}]"] if free else [])
    return re.compile("|".join(either)) if either else None


def _group(alternatives: list[_Alternative]) -> re.Pattern[str]:
    """Return one pattern of named category groups over the alternatives, in their order."""
    groups: list[tuple[str, list[str]]] = []
    for a in alternatives:
        if not groups or groups[-1][0] != a.name:
            groups.append((a.name, []))
        groups[-1][1].append(a.pattern)
    return re.compile(
        "|".join(f"(?P<{n}>" + "|".join(f"(?:{p})" for p in ps) + ")" for n, ps in groups)
    )


def build_scanner(
    cues: dict[str, tuple[str, ...]], full: re.Pattern[str], latin: bool
) -> CueScanner:
    """Return the scanner of one script's cues (falling back to finditer when unsure)."""
    alternatives: list[_Alternative] = []
    for name, patterns in cues.items():
        for pattern in patterns:
            if is_latin(pattern) != latin:
                continue
            parsed = _parser.parse(pattern)
            anchored = bool(parsed.data) and parsed.data[0] == (_c.AT, _c.AT_BEGINNING)
            got = None if anchored else _first(parsed)
            if not anchored and (got is None or got[1]):
                return CueScanner(full, None)  # can match empty or starts unknown: finditer
            first = None if got is None else re.compile("[" + "".join(got[0]) + "]")
            guard: frozenset[str] = frozenset()
            if got is not None and r"\w" in got[0]:
                guard = frozenset(_required(parsed) or ())
                if not guard:
                    return CueScanner(full, None)
            bounded = bool(parsed.data) and parsed.data[0] == (_c.AT, _c.AT_BOUNDARY)
            gate = frozenset(_required(parsed) or ())
            alternatives.append(_Alternative(name, pattern, first, guard, bounded, gate))
    return CueScanner(full, alternatives)
