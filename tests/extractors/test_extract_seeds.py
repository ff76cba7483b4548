"""Seed pages from ../shared/seeds: chrome gone, body kept, metadata as printed.

Expected values are read from the seed files at run time (header lines, headings, front
matter), so no third-party text is stored in the repository.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.article import extract_article
from extractors.cues import find_cues
from extractors.dates import get_zone, parse_date
from extractors.language import convert_to_simplified
from extractors.repair import strip_pinyin_notes, uses_blank_lines
from extractors.rows import Article, Page

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
ZONE = "Asia/Shanghai"
# Generic chrome cue phrases (Simplified; the Traditional pages are compared after t2s).
CHROME = (
    "关注公众号",
    "阅读约需",
    "扫码",
    "二维码",
    "往期回顾",
    "相关推荐",
    "热点推荐",
    "网易首页",
    "分享至",
    "申请入驻",
    "特别声明",
    "Notice: The content",
    "请添加微信",
    "版权声明",
    "素材来源",
    "END",
    "文章数",
    "关注度",
    "无障碍浏览",
    "带队",
    "全文共",
    "本文来源",
    "置顶推荐",
    "封面图",
    "原文链接",
    "(wǎng)",
    "|",
)
_SENTENCE = re.compile(r"[^。！？!?]{20,}[。！？!?]")
_TAG = re.compile(r"<[^>]+>")
_TAIL = re.compile(
    r"往期回顾|相[关關]推[荐薦]|^end\.?$|^\*?\*?\\?-+END|特[别別][声聲]明|[带帶][队隊]$",
    re.IGNORECASE,
)


def _seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not available")
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def _extract(path: Path) -> Article:
    return extract_article(
        Page(
            source="seeds",
            body=path.read_bytes(),
            path=path.name,
            fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
            timezone=ZONE,
        )
    )


def _norm(text: str) -> str:
    return "".join(ch for ch in convert_to_simplified(strip_pinyin_notes(text)) if ch.isalnum())


def _body_sentences(raw: str) -> list[str]:
    """Return sentences of the raw page's body region: after the header, before tail chrome."""
    raw = _TAG.sub("\n", raw)
    lines = raw.split("\n")
    blocks: list[str] = [""]
    joined = uses_blank_lines(raw)
    for line in lines[len(lines) // 20 :]:
        if _TAIL.search(line.strip()):
            break
        if not line.strip() or not joined:
            blocks.append("")
        hits = len(find_cues(convert_to_simplified(line)))
        if (hits == 0 or (hits == 1 and len(line) > 60)) and "](http" not in line:
            blocks[-1] += line.strip()
    found = [_SENTENCE.findall(strip_pinyin_notes(block)) for block in blocks]
    return [_norm(s) for sentences in found for s in sentences]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_chrome_gone_and_body_kept(prefix: str) -> None:
    path = _seed(prefix)
    art = _extract(path)
    simple = art.text_hans or art.text
    for cue in CHROME:
        assert cue not in simple, f"chrome {cue!r} kept in {path.name}"
    sentences = _body_sentences(path.read_text(encoding="utf-8"))
    body = _norm(art.text)
    missing = [s for s in sentences if s not in body]
    kept = len(sentences) - len(missing)
    assert sentences and kept / len(sentences) >= 0.98, (kept, len(sentences), missing[:3])


def _header_value(raw: str, label: str) -> str:
    m = re.search(rf"^\s*[·]?\s*{label}\s*[:：]\s*(.+?)\s*$", raw, re.MULTILINE)
    assert m, label
    return m.group(1)


def test_seed_wechat_metadata() -> None:
    path = _seed("000")
    raw, art = path.read_text(encoding="utf-8"), _extract(path)
    assert art.title == raw.split("\n", 1)[0].lstrip("# ").strip()
    assert art.author == _header_value(raw, "文章作者")
    assert art.url == _header_value(raw, "原文链接")
    assert art.published_at == parse_date(_header_value(raw, "发布时间"), get_zone(ZONE))
    assert art.language == "zh-Hans"


def test_seed_tencent_prints_no_date_or_author() -> None:
    path = _seed("001")
    raw, art = path.read_text(encoding="utf-8"), _extract(path)
    assert art.title == raw.split("\n", 1)[0].lstrip("# ").strip()
    assert art.published_at is None and art.author is None


def test_seed_netease_traditional() -> None:
    path = _seed("002")
    raw, art = path.read_text(encoding="utf-8"), _extract(path)
    lines = [ln.strip() for ln in raw.split("\n")]
    assert art.language == "zh-Hant" and art.text_hans is not None
    assert art.title is not None and art.title in lines and art.title not in art.text
    card = next(i for i, ln in enumerate(lines) if re.search(r"\d+文章數", ln))
    dated = next(ln for ln in reversed(lines[:card]) if re.match(r"^\d{4}-\d\d-\d\d ", ln))
    assert art.published_at == parse_date(dated, get_zone(ZONE))
    assert art.author is not None and lines[lines.index(dated) + 1].startswith(art.author)


def test_seed_self_media_dump_without_date() -> None:
    path = _seed("003")
    raw, art = path.read_text(encoding="utf-8"), _extract(path)
    assert art.published_at is None and art.title is None
    assert art.author is not None and f"\n文/{art.author}\n" in raw
    assert art.outlet is not None and art.outlet in _header_value(raw, "本文來源")


def test_seed_front_matter_with_html_body() -> None:
    path = _seed("004")
    raw, art = path.read_text(encoding="utf-8"), _extract(path)
    assert art.title is not None and f'title: "{art.title}"' in raw
    assert art.author is not None and f"author: {art.author}" in raw
    assert art.url is not None and f"from: {art.url}" in raw
    assert art.published_at == datetime.fromisoformat(_header_value(raw, "date"))
