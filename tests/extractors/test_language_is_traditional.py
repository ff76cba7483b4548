"""is_traditional answers as detect_language(...) == 'zh-Hant' does, without lingua where it cannot be."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import language
from extractors.language import detect_language, is_traditional

_PIECES = [
    "人工智慧",
    "人工智能",
    "資料中心",
    "数据中心",
    "政府發布",
    "The government said ",
    "Die Regierung sagte ",
    "El gobierno dijo ",
    "政府は発表した",
    "정부는 발표했다",
    "2025 ",
    "。",
    " ",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=40),
    st.sampled_from([None, "", "zh-TW", "zh-HK", "zh-CN", "en", "de"]),
)
def test_is_traditional_agrees_with_detect_language(pieces: list[str], hint: str | None) -> None:
    text = "".join(pieces)
    assert is_traditional(text, hint) == (detect_language(text, hint) == "zh-Hant")


@pytest.mark.parametrize(
    "text",
    [
        "Die Bundesregierung hat am Mittwoch eine neue Strategie beschlossen.",
        "El gobierno aprobó ayer un nuevo plan para la inteligencia artificial.",
    ],
)
def test_a_latin_text_is_no_traditional_chinese_without_asking_lingua(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse() -> None:
        raise AssertionError("lingua was asked")

    monkeypatch.setattr(language, "_lingua", refuse)
    assert is_traditional(text, "de") is False


def test_a_traditional_hint_with_no_language_found_is_traditional() -> None:
    assert is_traditional("12345 67890", "zh-TW") is True
    assert detect_language("12345 67890", "zh-TW") == "zh-Hant"
