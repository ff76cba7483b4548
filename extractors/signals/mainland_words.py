"""Mainland words for Taiwan words in an aligned Simplified text (OpenCC tw2sp, lengths kept)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from extractors.language import tw2sp_converter

__all__ = ["mainland_words"]

_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
# How far a changed stretch is widened (each side) to find the phrase OpenCC converted.
_WIDEN = 4
# Equal runs this short between two changes belong to one phrase (伺服器 to 服务器: 服 stays).
_JOIN = 2


def mainland_words(text: str, simple: str) -> str:
    """Return `simple` (t2s of `text`, same length) with tw2sp's words where they keep their length.

    OpenCC's tw2sp converts Taiwan phrases (人工智慧, 晶片, 資料中心) to mainland ones (人工智能,
    芯片, 数据中心); a phrase whose length changes (輝達 to 英伟达) keeps its t2s characters, so
    every character of the result stays at its index in `text`.
    """
    conv = tw2sp_converter()
    if conv.convert(text) == simple:
        return simple
    out = list(simple)
    for m in _HAN_RUN.finditer(text):
        start, end = m.span()
        orig = m.group()
        old = simple[start:end]
        new = conv.convert(orig)
        if new == old:
            continue
        for i1, i2, j1, j2 in _changed_stretches(old, new):
            if i2 - i1 == j2 - j1 and _is_phrase(orig, new, i1, i2, j1 - i1):
                out[start + i1 : start + i2] = new[j1:j2]
    return "".join(out)


def _changed_stretches(old: str, new: str) -> list[tuple[int, int, int, int]]:
    """Return (i1, i2, j1, j2) of the changes of old to new, joined across short equal runs."""
    stretches: list[tuple[int, int, int, int]] = []
    ops = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "equal":
            if stretches and stretches[-1][1] == i1 and stretches[-1][3] == j1:
                i1, j1 = stretches.pop()[::2]
            stretches.append((i1, i2, j1, j2))
        elif stretches and i2 - i1 <= _JOIN and k + 1 < len(ops) and stretches[-1][1] == i1:
            stretches[-1] = (stretches[-1][0], i2, stretches[-1][2], j2)
    return stretches


def _is_phrase(orig: str, new: str, i1: int, i2: int, shift: int) -> bool:
    """Return whether a stretch of `orig` widened a little converts alone to the same `new` text."""
    conv = tw2sp_converter()
    for left in range(_WIDEN):
        for right in range(_WIDEN):
            a, b = i1 - left, i2 + right
            if a < 0 or b > len(orig) or a + shift < 0 or b + shift > len(new):
                continue
            if conv.convert(orig[a:b]) == new[a + shift : b + shift]:
                return True
    return False
