"""The word-start phrase scan finds exactly the word-start matches of the plain scan."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.signals.cues import _lower_ascii, load_cues
from extractors.signals.word_starts import WordStartScan, is_word_char


def _plain(scan: WordStartScan, text: str) -> list[tuple[int, int]]:
    """Return the plain scan's matches that start a word (the computation it replaces)."""
    return [
        m.span()
        for m in scan.plain.finditer(text)
        if not (m.start() and is_word_char(text[m.start() - 1]))
    ]


_CUES = load_cues()
_EN = sorted(p for p in _CUES.by_phrase if p.isascii())
# Whole phrases, their pieces (so a phrase can start inside a word), letters and separators.
_OTHERS = [*"ares d-", " ", "  ", "-", "re", "un", "S", "ED", "\u212a", "\u0130", "。", "\n"]
_PIECES = st.sampled_from(
    [*_EN, *(p[: len(p) // 2] for p in _EN), *(p[len(p) // 2 :] for p in _EN), *_OTHERS]
)


@settings(max_examples=800, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_cue_scan_at_word_starts_is_the_plain_scan(text: str) -> None:
    lowered = _lower_ascii(text)
    assert [m.span() for m in _CUES.en_scan.finditer(lowered)] == _plain(_CUES.en_scan, lowered)


_TOY = WordStartScan(["ab cd", "cd", "b-cd", "xcd", "cd ef"], r"(?![A-Za-z0-9])")


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdefx -")), max_size=24))
def test_toy_scan_with_phrases_that_cover_word_starts(text: str) -> None:
    assert [m.span() for m in _TOY.finditer(text)] == _plain(_TOY, text)


def test_a_phrase_inside_a_word_that_covers_a_word_start_falls_back() -> None:
    # "ab cd" inside "xab cd" covers the word start of "cd": the plain scan never finds "cd".
    assert [m.span() for m in _TOY.finditer("xab cd")] == _plain(_TOY, "xab cd") == []
    assert [m.group() for m in _TOY.finditer("ab cd, cd")] == ["ab cd", "cd"]
