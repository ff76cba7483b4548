"""Score the project vs bare trafilatura on real discussion pages (forum threads, Q&A, comments).

Usage: python benchmarks/forums.py --root /work/fo-pages --split dev|test|all [--per-page]
       python benchmarks/forums.py --root /work/fo2-pages --splits benchmarks/forums2_split.toml --split all

The pages are third-party test fixtures of public repositories, so they live outside the
repository (``--root``): ``SOURCES.tsv`` (file, repo, commit, path, sha256, engine) lists
them, and ``<file stem>.txt`` beside each page is its reference text (the thread's title and
posts in page order, without navigation, user cards, votes or signatures), written from the
raw HTML. ``benchmarks/forums_split.toml`` splits the engines into dev and test: tune on dev
only; test is scored once at the end of a round and only its totals are read. A second set
(/work/fo2-pages, other engines) has its own split file, ``benchmarks/forums2_split.toml``,
given with ``--splits``.

Word-level F1 is the metric of ../shared/tools/score_extraction.py (imported from
benchmarks/collected.py): P averaged over pages with output, R over all pages. Both extractors
run in one process on the same pages; time is the fastest of ``--repeat`` runs per page.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import tomllib
from collections import defaultdict
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collected import Sample, _bare, _f1, _fastest, _mean, _ours, parse_split_args, score

SPLIT = Path(__file__).resolve().with_name("forums_split.toml")


def read_pages(root: Path, split: str, splits: Path = SPLIT) -> list[tuple[str, Sample]]:
    """Return (engine, sample) for the pages of a split, checking each page's sha256."""
    engines = tomllib.loads(splits.read_text(encoding="utf-8"))
    wanted = set(engines["dev"]) | set(engines["test"]) if split == "all" else set(engines[split])
    out: list[tuple[str, Sample]] = []
    if not (root / "SOURCES.tsv").is_file():
        raise SystemExit(f"no SOURCES.tsv under {root}: the forum pages live outside the project")
    with (root / "SOURCES.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["engine"] not in wanted:
                continue
            page = root / row["file"]
            body = page.read_bytes()
            if hashlib.sha256(body).hexdigest() != row["sha256"]:
                raise SystemExit(f"{page}: sha256 differs from SOURCES.tsv")
            ref = page.with_suffix(".txt").read_text(encoding="utf-8")
            out.append((row["engine"], Sample(page.stem, body, None, ref, None, False)))
    if not out:
        raise SystemExit(f"no pages of split {split!r} under {root}")
    return out


def main() -> int:
    """Score both extractors on the collected discussion pages and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=Path("/work/fo-pages"))
    ap.add_argument("--splits", type=Path, default=SPLIT, help="the split file of the set")
    ap.add_argument("--repeat", type=int, default=1)
    args = parse_split_args(ap)
    pages = read_pages(args.root, args.split, args.splits)
    dev_engines = set(tomllib.loads(args.splits.read_text(encoding="utf-8"))["dev"])
    for _, sample in pages:  # warm-up: lazy tables are built once
        _ours(sample)
        _bare(sample)
    stats: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(
        lambda: {"p": [], "r": [], "t": []}
    )
    for engine, s in pages:
        (ours_text, _, _), t_ours = _fastest(partial(_ours, s), args.repeat)
        bare_text, t_bare = _fastest(partial(_bare, s), args.repeat)
        line = [f"{engine}/{s.name}"]
        for key, text, took in (("ours", ours_text, t_ours), ("bare", bare_text, t_bare)):
            p, r = score(s.reference, text)
            half = "dev" if engine in dev_engines else "test"
            # Test engines are only ever totalled (their per-engine figures are not printed).
            for group in (engine, half, "all") if half == "dev" else (half, "all"):
                if p is not None:
                    stats[group, key]["p"].append(p)
                stats[group, key]["r"].append(r)
                stats[group, key]["t"].append(took)
            line.append(f"{key} P={p or 0:.2f} R={r:.2f} len={len(text)}")
        if args.per_page:
            print(" | ".join(line))
    halves = [h for h in ("dev", "test") if (h, "ours") in stats]
    engines = sorted({g for g, _ in stats} - {"all", "dev", "test"})
    groups = engines + halves + (["all"] if len(halves) > 1 else [])
    for group in groups:
        ours, bare = stats[group, "ours"], stats[group, "bare"]
        print(
            f"{args.split} {group}: {len(ours['r'])} pages, F1 ours {_f1(ours['p'], ours['r']):.3f}"
            f" (P {_mean(ours['p']):.3f} R {_mean(ours['r']):.3f}),"
            f" bare {_f1(bare['p'], bare['r']):.3f}"
            f" (P {_mean(bare['p']):.3f} R {_mean(bare['r']):.3f})"
        )
    ratio = sum(stats["all", "ours"]["t"]) / max(1e-9, sum(stats["all", "bare"]["t"]))
    print(f"time ours / bare: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
