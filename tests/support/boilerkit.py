"""The boilerplate fixture: eight pages of one weekly that share a promo line (our own text)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from extractors.boilerplate import MIN_PAGES, SourceBoilerplate
from flows.config import SourceConfig
from flows.runner import PagePool, SourceIngest
from flows.sources import Window, discover_directory
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


def story(i: int) -> list[str]:
    """Return the paragraphs of story ``i`` (the promo last)."""
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


def html(i: int) -> bytes:
    """Return the page of story ``i`` as the weekly publishes it."""
    body = "".join(f"<p>{p}</p>" for p in story(i))
    return (
        f"<html><head><title>{CITIES[i]}试点启动 - 远山周刊</title></head><body>"
        f"<div>首页 | 新闻 | 评论</div><article><h1>{CITIES[i]}试点启动</h1>"
        f"<p>2025-03-0{i + 1} 08:00</p>{body}</article></body></html>"
    ).encode()


def story_text(i: int) -> str:
    """Return the article text of story ``i``, promo included."""
    return "\n\n".join(story(i))


def ingest(
    data: Path, pages: Path, *, reextract: bool = False, dask_address: str | None = None
) -> tuple[dict[str, str], set[tuple[str, str, str]]]:
    """Ingest the weekly's folder (one worker, or on Dask); return article texts and signals."""
    store = Store(data)
    store.prepare()
    source = SourceConfig(name="weekly", kind="directory", path=pages, timezone="Asia/Shanghai")
    with PagePool(workers=1, dask_address=dask_address) as pool:
        job = SourceIngest(source, store, pool, Window(), reextract=reextract)
        job.run(discover_directory)
    texts = {a.path: a.text for a in store.read_rows("articles", ["weekly"])}
    signals = {(s.article_id, s.signal_type, s.evidence) for s in store.read_rows("signals")}
    return texts, signals


def write(folder: Path, which: range) -> None:
    """Write the pages ``which`` into a folder with fixed modification times (after their dates)."""
    folder.mkdir(exist_ok=True)
    for i in which:
        path = folder / f"p{i}.html"
        path.write_bytes(html(i))
        os.utime(path, (1_741_500_000 + i, 1_741_500_000 + i))  # 2025-03-09, past every dateline


def find_boilerplate(texts: Iterable[str], min_pages: int = MIN_PAGES) -> frozenset[str]:
    """Return the boilerplate keys a source learns from a collection of its texts."""
    learner = SourceBoilerplate(min_pages)
    for i, text in enumerate(texts):
        learner.observe(str(i), text)
    return learner.keys()
