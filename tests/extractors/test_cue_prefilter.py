"""The literal prefilters of the cue patterns never hide a cue the full patterns find."""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

import pytest

from extractors import cues
from extractors.cuescan import build_prefilter

# The Latin cues' literals (find_cues no longer prefilters Latin lines; the splice test uses them).
_EN_NEEDED = build_prefilter(cues.CUES, latin=True)

SAMPLES = [
    "关注我们",
    "扫码关注",
    "联系我们：a@b.com",
    "© 2024 某公司",
    "Copyright © 2020 Example",
    "Follow us on X",
    "E-mail: x@y.org",
    "[VIDEO] Launch",
    "Tags:",
    "Comments",
    "12楼 回复",
    "3 字 [1/2]",
    "【张三】 1-2 12:30",
    "阅读(12)",
    "浏览次数：20次",
    "责任编辑：王五",
    "We're hiring engineers",
    "Don't miss this",
    "相关推荐",
    "Sign up for our newsletter",
    "本文来源于网络，如有侵权请联系删除",
    "The quick brown fox",
    "人工智能监管新规发布",
]


def _unfiltered(text: str) -> list[str]:
    """Return find_cues computed without the prefilters."""
    found = [m.lastgroup or "" for m in cues.ZH_CUE.finditer(text)]
    if cues._HAS_LATIN.search(text):
        found.extend(m.lastgroup or "" for m in cues.EN_CUE.finditer(text.lower()))
    return found


def test_prefilters_are_derived_for_every_pattern() -> None:
    """Test that each cue pattern yields a required literal (no silent fallback)."""
    assert cues._ZH_NEEDED is not None
    assert _EN_NEEDED is not None


def test_prefiltered_cues_equal_the_full_patterns() -> None:
    """Test find_cues against the unfiltered patterns on cue and non-cue lines."""
    for text in SAMPLES:
        assert cues.find_cues(text) == _unfiltered(text), text


def _full(pattern: re.Pattern[str], text: str) -> list[str]:
    return [m.lastgroup or "" for m in pattern.finditer(text)]


def test_scanners_are_derived_for_every_pattern() -> None:
    """Test that both scripts' cues get the start-character scanner (no silent fallback)."""
    for scanner in (cues._ZH_SCAN, cues._EN_SCAN):
        assert scanner.usable
        assert scanner.starts is not None
    assert cues._ZH_SCAN.guards == {"@"}  # the e-mail cue starts with any word character


def test_scanners_equal_finditer() -> None:
    """Test the scanners against finditer of the full patterns on samples and spliced cues."""
    assert cues._ZH_NEEDED is not None and _EN_NEEDED is not None
    literals = [
        *cues._ZH_NEEDED.pattern.replace("\\", "").split("|"),
        *_EN_NEEDED.pattern.replace("\\", "").split("|"),
    ]
    filler = "的一是 ,.:：（）()【】[]@#0123456789abcxyz评论阅读次关注-—\n"
    rnd = random.Random(15)
    texts = list(SAMPLES)
    for _ in range(5000):
        parts = [
            rnd.choice(literals)
            if rnd.random() < 0.5
            else "".join(rnd.choice(filler) for _ in range(rnd.randint(0, 6)))
            for _ in range(rnd.randint(1, 6))
        ]
        texts.append("".join(parts))
    for text in texts:
        assert cues._ZH_SCAN.scan(text) == _full(cues.ZH_CUE, text), text
        lowered = text.lower()
        assert cues._EN_SCAN.scan(lowered) == _full(cues.EN_CUE, lowered), text


def test_scanners_equal_finditer_on_corpus_lines() -> None:
    """Test the scanners on every line of the CWCE and AEB reference texts (read, not copied)."""
    shared = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
    files = [shared / "cwce/ground-truth/cleaned_ground.json", shared / "aeb/ground-truth.json"]
    if not all(f.is_file() for f in files):
        if os.environ.get("CI") == "true":
            pytest.fail("../shared/corpus is missing")
        pytest.skip("../shared/corpus is not available")
    lines: list[str] = []
    for path in files:
        for entry in json.loads(path.read_text(encoding="utf-8")).values():
            lines.extend(entry["articleBody"].splitlines())
    assert len(lines) > 1000
    for text in lines:
        assert cues._ZH_SCAN.scan(text) == _full(cues.ZH_CUE, text)
        lowered = text.lower()
        assert cues._EN_SCAN.scan(lowered) == _full(cues.EN_CUE, lowered)


def test_latin_cues_opening_at_a_boundary_are_tried_at_word_starts_only() -> None:
    """Test the \\b-first start class and cue literals glued inside words (no match there)."""
    assert cues._EN_SCAN.starts is not None
    assert cues._EN_SCAN.starts.pattern.startswith(r"\b[")
    for text in (
        "unfollow us on x",
        "refollow us and follow us",
        "xsign up for our newsletter",
        "see also: related",
        "copyright 2020 and xcopyright 2021",
    ):
        assert cues._EN_SCAN.scan(text) == _full(cues.EN_CUE, text), text
