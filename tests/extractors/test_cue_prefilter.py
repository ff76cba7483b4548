"""The literal prefilters of the cue patterns never hide a cue the full patterns find."""

from __future__ import annotations

from extractors import cues

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
    assert cues._EN_NEEDED is not None


def test_prefiltered_cues_equal_the_full_patterns() -> None:
    """Test find_cues against the unfiltered patterns on cue and non-cue lines."""
    for text in SAMPLES:
        assert cues.find_cues(text) == _unfiltered(text), text
