"""lg48: a row's language is the language of the text it holds, not of the furniture cleaned away."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from storykit import LIBRARY_PARAS

from extractors.article import extract_article
from extractors.rows import Page

# A short summary in Japanese that an archiver put over an English story (our own words).
SUMMARY = (
    "図書館は日曜日も開館します。新しい時間は午後一時から五時までで、二人の司書と読書会の"
    "ボランティアが担当します。子どもの読み聞かせは日曜日の午後二時に移ります。"
)
# The same facts as a Traditional Chinese story, for the Traditional path.
HANT_STORY = (
    "圖書館將在星期日開放，由兩名館員和讀書會的義工值班，新的開放時間為下午一時至五時。",
    "兒童故事時間由星期六上午改到星期日下午兩時，讓星期六要上班的家長也能帶孩子來。",
    "議會會用原本留作修理舊鍋爐的預算支付額外的人手，因為安裝了熱泵之後已經不需要鍋爐。",
)


def _markdown(*paras: str) -> Page:
    body = "---\ntitle: Library hours\n---\n\n" + "\n\n".join(paras)
    return Page("t", body.encode(), datetime(2026, 1, 1, tzinfo=UTC), path="hours.md")


@pytest.mark.parametrize(
    "lead", [("## 要約", SUMMARY, SUMMARY[:40]), (SUMMARY, SUMMARY)], ids=["headed", "bare"]
)
def test_a_summary_cleaned_away_does_not_set_the_language(lead: tuple[str, ...]) -> None:
    article = extract_article(_markdown(*lead, *LIBRARY_PARAS))
    assert "図書館" not in article.text  # the summary is furniture here, and it went
    assert article.language == "en"
    assert article.text_hans is None


def test_a_traditional_story_keeps_its_simplified_text() -> None:
    article = extract_article(_markdown(*HANT_STORY))
    assert article.language == "zh-Hant"
    assert article.text_hans is not None and "图书馆" in article.text_hans
