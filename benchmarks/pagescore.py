"""Score ours and bare trafilatura page by page into per-group word P/R lists (nn28, gn30)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from collected import Sample, _bare, _ours, score

Stats = dict[tuple[str, str], tuple[list[float], list[float]]]


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def score_pages(
    pages: Iterable[tuple[str, Sample]],
    groups_of: Callable[[str], tuple[str, ...]],
    per_page: bool,
    widths: tuple[int, int],
) -> Stats:
    """Score each (label, sample) for both extractors into the groups its label belongs to."""
    stats: Stats = {}
    shown, named = widths
    for label, sample in pages:
        cells: list[str] = []
        for who, text in (("ours", _ours(sample)[0]), ("bare", _bare(sample))):
            p, r = score(sample.reference, text)
            cells.append(f"{who} P {_fmt(p)} R {_fmt(r)} ({len(text):6d} ch)")
            for group in groups_of(label):
                ps, rs = stats.setdefault((group, who), ([], []))
                if p is not None:
                    ps.append(p)
                rs.append(r)
        if per_page:
            print(f"{label[:shown]:{shown}s} {sample.name[:named]:{named}s} " + "  ".join(cells))
    return stats


def parse_score_args(argv: Sequence[str], name: str, folder: str, held: str) -> argparse.Namespace:
    """Return --folder, --split (dev, the held-out half's name, all) and --per-page (dev only)."""
    ap = argparse.ArgumentParser(description=f"score ours vs bare trafilatura on the {name} set")
    ap.add_argument("--folder", type=Path, default=Path(folder))
    ap.add_argument("--split", choices=("dev", held, "all"), default="dev")
    ap.add_argument("--per-page", action="store_true", help="print each page (dev split only)")
    args = ap.parse_args(argv)
    if args.per_page and args.split != "dev":
        ap.error(f"--per-page is for the dev split only: {held} is scored with totals")
    return args
