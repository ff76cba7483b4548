"""Eval gate: token F1 on ../shared/corpus (aeb, cwce) and cwce dates must not regress.

The metric is the one of ../shared/tools/score_extraction.py, imported at test time.
Floors are pinned just under the values measured when they were last raised (see
docs/quality.md); raise them when the extractor improves.
"""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from scriptkit import load_script

from extractors.article import extract_article
from extractors.dates import get_zone
from extractors.exceptions import ExtractionError
from extractors.rows import Page

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
FLOORS = {"aeb": 0.969, "cwce": 0.956}
CWCE_DATES_FLOOR = 47
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)


def _scorer() -> ModuleType:
    path = SHARED / "tools" / "score_extraction.py"
    if not path.is_file():
        pytest.skip("../shared/tools/score_extraction.py is not available")
    return load_script(path)


def _pages(corpus: str) -> list[tuple[str, bytes]]:
    root = SHARED / "corpus" / corpus
    if corpus == "aeb":
        return [
            (p.name.removesuffix(".html.gz"), gzip.decompress(p.read_bytes()))
            for p in sorted((root / "html").glob("*.html.gz"))
        ]
    return [(p.stem, p.read_bytes()) for p in sorted((root / "original").glob("*.html"))]


def _predict(corpus: str) -> dict[str, dict[str, Any]]:
    zone = "Asia/Shanghai" if corpus == "cwce" else "UTC"
    out: dict[str, dict[str, Any]] = {}
    for pid, body in _pages(corpus):
        page = Page(
            source=corpus,
            body=body,
            fetched_at=FETCHED,
            path=pid,
            timezone=zone,
            content_type="text/html; charset=utf-8" if corpus == "aeb" else None,
        )
        try:
            art = extract_article(page)
        except ExtractionError:
            out[pid] = {"text": "", "date": None}
            continue
        local = art.published_at.astimezone(get_zone(zone)) if art.published_at else None
        out[pid] = {"text": art.text, "date": local.date().isoformat() if local else None}
    return out


def _f1(scorer: ModuleType, corpus: str, pred: dict[str, dict[str, Any]]) -> float:
    refs, _dates = scorer.references(corpus)
    ps, rs = [], []
    for pid, ref in refs.items():
        out = scorer.tokens(pred.get(pid, {}).get("text") or "")
        want = scorer.tokens(ref)
        tp = sum((out & want).values())
        if out:
            ps.append(tp / max(1, sum(out.values())))
        rs.append(tp / max(1, sum(want.values())))
    p, r = sum(ps) / max(1, len(ps)), sum(rs) / len(rs)
    return 2 * p * r / (p + r) if p + r else 0.0


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["aeb", "cwce"])
def test_f1_floor(corpus: str) -> None:
    scorer = _scorer()
    if not (SHARED / "corpus" / corpus).is_dir():
        pytest.skip(f"corpus {corpus} is not available")
    pred = _predict(corpus)
    f1 = _f1(scorer, corpus, pred)
    assert f1 >= FLOORS[corpus], f"{corpus} F1 {f1:.4f} < floor {FLOORS[corpus]}"
    if corpus == "cwce":
        _refs, dates = scorer.references("cwce")
        correct = sum(1 for k, v in dates.items() if pred.get(k, {}).get("date") == v)
        assert correct >= CWCE_DATES_FLOOR, f"cwce dates {correct}/{len(dates)}"
    json.dumps(pred)  # predictions stay serialisable for benchmarks/extraction.py
