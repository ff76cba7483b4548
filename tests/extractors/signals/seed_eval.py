"""Score detect_signals and parse_amounts against the hand labels of the five seeds."""

# Run `.venv/bin/python tests/extractors/signals/seed_eval.py` from the repo root to print the figures.

from __future__ import annotations

import dataclasses
import json
import sys
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractors.rows import Article, Signal, make_article_id  # noqa: E402
from extractors.signals import detect_signals, parse_amounts  # noqa: E402
from extractors.signals.align import build_match_text  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
LABELS = Path(__file__).resolve().parent / "seed_labels.json"


def load_labels() -> dict[str, Any]:
    """Return the seed label file."""
    data: dict[str, Any] = json.loads(LABELS.read_text(encoding="utf-8"))["seeds"]
    return data


def find_seed_path(key: str) -> Path:
    """Return the seed file whose name starts with a key like '000'."""
    return next(SEEDS.glob(f"{key}_*.txt"))


def build_raw_article(key: str, label: dict[str, Any]) -> Article:
    """Build an Article from the raw seed text, cut at the label's end anchor."""
    path = find_seed_path(key)
    text = path.read_text(encoding="utf-8")
    anchor = label.get("end_anchor")
    if anchor and anchor in text:
        text = text[: text.index(anchor)]
    return Article(
        article_id=make_article_id("seeds", path.name, None),
        source="seeds",
        url=None,
        path=path.name,
        title=None,
        author=None,
        outlet=None,
        published_at=datetime.fromisoformat(label["published_at"]),
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        language="zh",
        text=text,
        text_hans=None,
        content_hash="",
        extractor_version="seed-test",
    )


def build_extracted_article(key: str, label: dict[str, Any]) -> Article | None:
    """Build the Article with extractors.article.extract_article, or None if unavailable."""
    try:
        from extractors.article import extract_article
        from extractors.rows import Page

        path = find_seed_path(key)
        page = Page(
            source="seeds",
            body=path.read_bytes(),
            fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
            path=path.name,
            timezone="Asia/Shanghai",
        )
        article = extract_article(page)
    except Exception:
        return None
    return dataclasses.replace(article, published_at=datetime.fromisoformat(label["published_at"]))


def _is_same_value(a: float, b: float) -> bool:
    """Return whether two amounts agree to 0.5%."""
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1.0)


def _match_pair(gold: list[Any], pred: tuple[float, str | None]) -> bool:
    """Return whether a predicted (value, currency) equals a gold pair."""
    return _is_same_value(float(gold[0]), pred[0]) and gold[1] == pred[1]


@dataclass
class Score:
    """Counts for one run over the seeds."""

    money_tp: int = 0
    money_pred: int = 0
    money_gold: int = 0
    signals_found: int = 0
    signals_gold: int = 0
    rows: int = 0
    money_false: list[str] = field(default_factory=list)
    money_missed: list[str] = field(default_factory=list)
    signals_missed: list[str] = field(default_factory=list)

    def line(self) -> str:
        """Return the figures as one line."""
        p = self.money_tp / max(self.money_pred, 1)
        r = self.money_tp / max(self.money_gold, 1)
        t = self.signals_found / max(self.signals_gold, 1)
        return (
            f"money P={p:.3f} ({self.money_tp}/{self.money_pred}) R={r:.3f} "
            f"({self.money_tp}/{self.money_gold}); signal type recall={t:.3f} "
            f"({self.signals_found}/{self.signals_gold}); rows={self.rows}"
        )


def score_money(key: str, article: Article, label: dict[str, Any], score: Score) -> None:
    """Add the money precision/recall counts of one article."""
    mt = build_match_text(article.text, article.text_hans)
    pred: list[tuple[float, str | None]] = []
    for amt in parse_amounts(mt.text):
        pair = (amt.value, amt.currency)
        if not any(_is_same_value(p[0], pair[0]) and p[1] == pair[1] for p in pred):
            pred.append(pair)
    gold = label["money"]
    score.money_gold += len(gold)
    score.money_pred += len(pred)
    for p in pred:
        if any(_match_pair(g, p) for g in gold):
            score.money_tp += 1
        else:
            score.money_false.append(f"{key}: {p}")
    for g in gold:
        if not any(_match_pair(g, p) for p in pred):
            score.money_missed.append(f"{key}: {g}")


def _match_row(want: dict[str, Any], row: Signal) -> bool:
    """Return whether a row satisfies a labelled signal."""
    if row.signal_type != want["type"] or not row.actors or row.actors[0] not in want["actors"]:
        return False
    if "amount" in want:
        value, currency = want["amount"]
        if row.amount_value is None or not _is_same_value(float(value), row.amount_value):
            return False
        if row.amount_currency != currency:
            return False
    if "anchor" in want and want["anchor"] not in build_match_text(row.evidence).text:
        return False
    for end in ("period_start", "period_end"):
        if end in want and getattr(row, end) != date.fromisoformat(want[end]):
            return False
    return True


def score_signals(key: str, rows: list[Signal], label: dict[str, Any], score: Score) -> None:
    """Add one-to-one signal matches (type, actor, amount, anchor, period) of one article."""
    free = list(rows)
    score.rows += len(rows)
    wanted = sorted(label["signals"], key=lambda w: -len(w))
    for want in wanted:
        score.signals_gold += 1
        hit = next((r for r in free if _match_row(want, r)), None)
        if hit is None:
            score.signals_missed.append(f"{key}: {want}")
        else:
            free.remove(hit)
            score.signals_found += 1


def evaluate(mode: str) -> Score:
    """Score all seeds with articles built 'raw' or by 'extract' (falls back to raw)."""
    score = Score()
    for key, label in load_labels().items():
        article = build_extracted_article(key, label) if mode == "extract" else None
        article = article or build_raw_article(key, label)
        score_money(key, article, label, score)
        score_signals(key, detect_signals(article), label, score)
    return score


if __name__ == "__main__":
    for run in ("raw", "extract"):
        result = evaluate(run)
        print(f"[{run}] {result.line()}")
        for item in result.money_false + result.money_missed + result.signals_missed:
            print("   ", item)
