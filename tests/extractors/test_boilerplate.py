"""Cross-page boilerplate: what is learned, and the ingest strips it before signals, deterministically."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from articlekit import make_article

import flows.runner
from extractors.boilerplate import SourceBoilerplate, find_boilerplate, strip_boilerplate
from extractors.pipeline import process_page
from extractors.rows import Page
from flows.config import SourceConfig
from flows.runner import SourceIngest, Window, discover_directory
from flows.workers import ExtractionPool
from storage.store import Store

CITIES = ["临江", "青石", "白塔", "云岭", "东湖", "北川", "南屿", "西岚"]
TOPICS = [
    "智能交通调度",
    "医疗影像辅助诊断",
    "农业无人机植保",
    "政务热线语音识别",
    "工业质检视觉",
    "城市算力调度",
    "中小学编程教育",
    "气象短临预报",
]
# The shared line: a promo that names an investment (a signal if it were article text).
PROMO = "合作伙伴星河科技公司宣布投资10亿美元建设人工智能算力中心，详情见本刊合作专区页面。"
HEADING = "试点安排"


def _story(i: int) -> list[str]:
    c, t = CITIES[i], TOPICS[i]
    return [
        f"{c}市今年在{t}领域推出试点，市政府表示将在三个区先行部署，并根据第一季度的运行数据决定"
        "是否扩大范围。",
        f"据介绍，{c}的试点由本地高校和企业共同承担，{t}系统已经完成了为期两个月的封闭测试，"
        f"累计处理样本超过{i + 3}万条。",
        HEADING,
        f"负责项目的工程师说，{t}最难的部分是数据质量，团队为此专门建立了人工复核流程，"
        "每周抽查一次结果并公开通报。",
        PROMO,
    ]


def _html(i: int) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in _story(i))
    return (
        f"<html><head><title>{CITIES[i]}试点启动 - 远山周刊</title></head><body>"
        f"<div>首页 | 新闻 | 评论</div><article><h1>{CITIES[i]}试点启动</h1>"
        f"<p>2025-03-0{i + 1} 08:00</p>{body}</article></body></html>"
    ).encode()


def _text(i: int) -> str:
    return "\n\n".join(_story(i))


def test_promo_is_kept_by_single_page_extraction() -> None:
    # The premise: one page alone cannot tell the promo from the article.
    page = Page(
        source="s",
        body=_html(0),
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        path="p0.html",
        timezone="Asia/Shanghai",
    )
    result = process_page(page)
    assert result.article is not None and PROMO in result.article.text
    assert any(s.evidence == PROMO for s in result.signals)


def test_learned_keys_need_five_distinct_stories() -> None:
    texts = [_text(i) for i in range(5)]
    assert len(find_boilerplate(texts)) == 1  # the promo; the repeated subheading is not
    assert find_boilerplate(texts[:4]) == frozenset()
    assert find_boilerplate([texts[0]] * 9 + texts[1:4]) == frozenset()  # copies count once
    numbered = [t.replace(HEADING, "一、试点安排与下一步工作") for t in texts]
    assert len(find_boilerplate(numbered)) == 1  # a numbered heading never qualifies


def test_learned_keys_ignore_order_and_only_grow() -> None:
    texts = [_text(i) for i in range(8)]
    learner = SourceBoilerplate()
    seen: list[frozenset[str]] = []
    for i, text in enumerate(texts):
        learner.observe(f"a{i}", text)
        seen.append(learner.keys())
    assert all(a <= b for a, b in itertools.pairwise(seen))
    assert find_boilerplate(reversed(texts)) == seen[-1] == find_boilerplate(texts)


def test_strip_keeps_body_and_rehashes() -> None:
    keys = find_boilerplate(_text(i) for i in range(6))
    base = make_article(_text(7), published=None, text_hans=_text(7), language="zh-Hans")
    clean = strip_boilerplate(base, keys)
    assert clean.text == "\n\n".join(_story(7)[:-1]) and clean.text_hans == clean.text
    assert clean.content_hash == hashlib.sha256(clean.text.encode()).hexdigest()
    alone = dataclasses.replace(base, text=PROMO, text_hans=PROMO)
    assert strip_boilerplate(alone, keys).text == PROMO  # never strips a page to nothing


def _ingest(
    data: Path, pages: Path, *, reextract: bool = False
) -> tuple[dict[str, str], set[tuple[str, str, str]]]:
    store = Store(data)
    store.prepare()
    source = SourceConfig(name="weekly", kind="directory", path=pages, timezone="Asia/Shanghai")
    with ExtractionPool(workers=1) as pool:
        job = SourceIngest(source, store, pool, Window(), reextract=reextract)
        job.run(discover_directory)
    texts = {a.path: a.text for a in store.read_rows("articles", ["weekly"])}
    signals = {(s.article_id, s.signal_type, s.evidence) for s in store.read_rows("signals")}
    return texts, signals


def _write(folder: Path, which: range) -> None:
    folder.mkdir(exist_ok=True)
    for i in which:
        path = folder / f"p{i}.html"
        path.write_bytes(_html(i))
        os.utime(path, (1_740_000_000 + i, 1_740_000_000 + i))


def test_ingest_strips_boilerplate_before_signals(tmp_path: Path) -> None:
    _write(tmp_path / "pages", range(7))
    texts, signals = _ingest(tmp_path / "data", tmp_path / "pages")
    assert len(texts) == 7
    for i, text in enumerate(texts[f"p{i}.html"] for i in range(7)):
        assert text == "\n\n".join(_story(i)[:-1])  # promo gone, subheading kept
    assert not [s for s in signals if PROMO in s[2] or s[1] == "investment_capex"]


def test_ingest_is_the_same_whatever_the_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "pages", range(7))
    whole = _ingest(tmp_path / "one", tmp_path / "pages")
    monkeypatch.setattr(flows.runner, "COMMIT_PAGES", 2)  # 3 commits before the promo qualifies
    small = _ingest(tmp_path / "small", tmp_path / "pages")
    assert small == whole
    assert _ingest(tmp_path / "small", tmp_path / "pages", reextract=True) == whole
    assert _ingest(tmp_path / "small", tmp_path / "pages") == whole  # unchanged re-run


def test_later_runs_keep_stripping_what_earlier_runs_learned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run 1 sees 6 pages and strips the promo from their stored text; run 2 brings one new
    # page, where the promo is found again only through the re-extracted recent pages.
    pages = tmp_path / "pages"
    _write(pages, range(6))
    _ingest(tmp_path / "data", pages)
    _write(pages, range(6, 7))
    texts, signals = _ingest(tmp_path / "data", pages)
    assert texts["p6.html"] == "\n\n".join(_story(6)[:-1])
    _write(tmp_path / "all", range(7))
    assert (texts, signals) == _ingest(tmp_path / "cold", tmp_path / "all")
    monkeypatch.setattr("flows.boilerplate.PROBE_PAGES", 0)  # without the probe: kept
    _write(pages, range(7, 8))
    texts, _ = _ingest(tmp_path / "data", pages)
    assert PROMO in texts["p7.html"]
