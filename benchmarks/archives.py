"""Score `radar ingest` on hand-labelled saved-article archives (chrome left in, body spans lost)."""

# Usage: .venv/bin/python benchmarks/archives.py --root DIR --split dev|test|all [--quiet] [--json OUT]
# DIR holds pages/ (saved pages, byte for byte), SOURCES.tsv and labels.json (the realnews label
# schema plus a "repo" field per file). The pages are third-party text and stay outside the project.
# The split is the benchmarks/archives*_split.toml file that names every repository of DIR's
# labels (archives_split.toml: the fourth round's pages; archives3_split.toml: the fresh set that
# judged branch ar4; archives4_split.toml: the fresh set judging ar6; archives7_split.toml: the
# seventh round's dev/test sets; archives9_split.toml: the ninth round's; archives10_split.toml:
# the tenth round's; archives10b_split.toml: the tenth round's second set, several posts a
# source), fixed by source repository
# before any run: tune on dev, score test once.
# Pages are ingested the way a user sets up directory sources (one per repository and outlet
# timezone, so cross-page learning sees one archive's posts together),
# then scored by ../shared/tools/score_realnews.py; HTML pages are also run through
# bare trafilatura.extract (defaults) and scored with the same span test.

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

import polars as pl
import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realnews import run_ingest

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "score_realnews.py"
# cc13_split.toml: the thirteenth round's fresh set (sources named repo#account);
# ac14_split.toml: the fourteenth round's (WeChat accounts as repo#account, two English archives).
# ac15_split.toml: the fifteenth round's (three English/French blog and newsletter archives).
# ar16_split.toml: the sixteenth round's (a saved-HTML blog, a Hugo export, a news archive).
# eg17_split.toml: the seventeenth round's (three WordPress/Octopress blogs as Jekyll Markdown).
SPLIT_FILES = sorted(
    [
        *(ROOT / "benchmarks").glob("archives*_split.toml"),
        ROOT / "benchmarks" / "cc13_split.toml",
        ROOT / "benchmarks" / "ac14_split.toml",
        ROOT / "benchmarks" / "ac15_split.toml",
        ROOT / "benchmarks" / "ar16_split.toml",
        ROOT / "benchmarks" / "eg17_split.toml",
    ]
)
_WS = re.compile(r"[\s*]+")


def squash(text: str | None) -> str:
    """Text without whitespace or Markdown emphasis, as the realnews scorer compares spans."""
    return _WS.sub("", text or "")


def split_of(files: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Return the one split file's parts that name every repository of the labelled files."""
    repos = {label["repo"] for label in files.values()}
    fits = []
    for path in SPLIT_FILES:
        parts = tomllib.loads(path.read_text(encoding="utf-8"))
        if repos <= set(parts["dev"]["repos"]) | set(parts["test"]["repos"]):
            fits.append((path, parts))
    if len(fits) != 1:
        names = [path.name for path, _ in fits]
        raise ValueError(f"{len(fits)} split files name all of {sorted(repos)}: {names}")
    print(f"split file: {fits[0][0].name}")
    return fits[0][1]


def labels_of(root: Path, split: str) -> dict[str, dict[str, Any]]:
    """Return the labels of the split's files (by source repository), keyed by file name."""
    files = json.loads((root / "labels.json").read_text(encoding="utf-8"))["files"]
    parts = split_of(files)
    chosen: dict[str, dict[str, Any]] = {}
    for name, label in files.items():
        owners = [p for p in ("dev", "test") if label["repo"] in parts[p]["repos"]]
        if len(owners) != 1:
            raise ValueError(
                f"{name}: repository {label['repo']} is in {owners or 'no'} split part"
            )
        if split in ("all", owners[0]):
            chosen[name] = label
    return chosen


def write_sources(root: Path, labels: dict[str, dict[str, Any]], target: Path) -> None:
    """Write a sources file with one directory source per repository and outlet timezone."""
    # One source per repository (a user's folder of one archive), so the cross-page learner
    # sees each archive's posts together and never mixes two archives' repeated lines.
    by_source: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name, label in sorted(labels.items()):
        by_source[(label["repo"], label["outlet_timezone"])].append(name)
    blocks = [
        "[[sources]]\n"
        f'name = "archives-{_slug(repo)}-{_slug(zone)}"\nkind = "directory"\n'
        f'path = "{(root / "pages").as_posix()}"\ntimezone = "{zone}"\n'
        f"include = {json.dumps(names)}\n"
        for (repo, zone), names in sorted(by_source.items())
    ]
    target.write_text("\n".join(blocks), encoding="utf-8")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def score_bare(root: Path, labels: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Return chrome left / body lost of bare trafilatura on the labelled HTML pages."""
    out: dict[str, dict[str, Any]] = {}
    for name, label in sorted(labels.items()):
        if not name.endswith((".html", ".htm")) or label.get("robustness_only"):
            continue
        raw = (root / "pages" / name).read_bytes().decode("utf-8", errors="replace")
        text = squash(trafilatura.extract(raw) or "")
        out[name] = {
            "chrome_left": [c for c in label["chrome_spans"] if squash(c) and squash(c) in text],
            "keep_missing": [k for k in label["keep_spans"] if squash(k) not in text],
        }
    return out


def articles_made(data: Path) -> set[str]:
    """Return the file names that became article rows in an ingest's data folder."""
    files = list((data / "articles").rglob("*.parquet"))
    if not files:
        return set()
    table = pl.read_parquet(files, columns=["path"])
    return {Path(str(p)).name for p in table["path"].to_list()}


def report(title: str, results: dict[str, dict[str, Any]], quiet: bool) -> dict[str, int]:
    """Print one block of chrome/keep figures and return its totals."""
    chrome = {f: r["chrome_left"] for f, r in results.items() if r["chrome_left"]}
    lost = {f: r["keep_missing"] for f, r in results.items() if r["keep_missing"]}
    totals = {
        "scored": len(results),
        "chrome_left_files": len(chrome),
        "keep_lost_files": len(lost),
    }
    print(
        f"{title}: {len(results)} pages; chrome left in {len(chrome)}; body spans lost in {len(lost)}"
    )
    if not quiet:
        for name in sorted(set(chrome) | set(lost)):
            print(f"   {name}: chrome {chrome.get(name, [])} lost {lost.get(name, [])}")
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, required=True, help="pages/, labels.json, SOURCES.tsv")
    parser.add_argument("--split", choices=("dev", "test", "all"), required=True)
    parser.add_argument("--quiet", action="store_true", help="totals only (use it for test)")
    parser.add_argument("--json", type=Path, help="write the totals here")
    args = parser.parse_args()
    if not (args.root / "labels.json").is_file() or not SCORER.is_file():
        print(f"error: need {args.root}/labels.json and {SCORER}", file=sys.stderr)
        return 2
    labels = labels_of(args.root, args.split)
    with tempfile.TemporaryDirectory(prefix="archives-") as tmp:
        work = Path(tmp)
        sources, data, scored = work / "sources.toml", work / "data", work / "scored.json"
        write_sources(args.root, labels, sources)
        (work / "labels.json").write_text(json.dumps({"files": labels}), encoding="utf-8")
        failed = run_ingest(sources, data)
        if failed:
            return failed
        score = [sys.executable, str(SCORER), str(data), str(work / "labels.json")]
        score += ["--quiet", "--json", str(scored)]
        summary = subprocess.run(score, capture_output=True, text=True, check=False)
        results = json.loads(scored.read_text(encoding="utf-8"))
        made = articles_made(data)
    wanted = [n for n, lab in labels.items() if not lab.get("robustness_only")]
    print(f"split: {args.split} ({len(labels)} pages, {len(wanted)} articles labelled)")
    missing = sorted(set(wanted) - set(results))
    titles = sum(1 for r in results.values() if r["title_ok"])
    exact = [n for n, r in results.items() if squash(r["title_got"]) == squash(labels[n]["title"])]
    print(f"articles found {len(results)} of {len(wanted)}; titles ok {titles}/{len(results)}")
    print(f"titles exact (the label's title, not an alternative) {len(exact)}/{len(results)}")
    if missing:
        print(f"   not ingested as articles: {missing}")
    odd = sorted(n for n, lab in labels.items() if lab.get("robustness_only"))
    if odd:
        wrong = [n for n in odd if n in made]
        print(f"   not articles, should be rejected: {len(odd) - len(wrong)}/{len(odd)} were")
    if not args.quiet:
        for name in sorted(results):
            if not results[name]["title_ok"]:
                print(f"   {name}: title {results[name]['title_got']!r}")
            elif name not in exact:
                print(f"   {name}: title (alternative) {results[name]['title_got']!r}")
    totals = {"ours": report("ours", results, args.quiet)}
    html = {n: r for n, r in results.items() if n.endswith((".html", ".htm"))}
    if html:
        totals["ours_html"] = report("ours, HTML pages", html, args.quiet)
        totals["bare_html"] = report(
            "bare trafilatura, HTML", score_bare(args.root, labels), args.quiet
        )
    totals["ours"]["titles_ok"] = titles
    totals["ours"]["titles_exact"] = len(exact)
    totals["ours"]["not_ingested"] = len(missing)
    if args.json:
        args.json.write_text(json.dumps(totals, indent=1), encoding="utf-8")
    if summary.returncode != 0:
        print(summary.stdout + summary.stderr, file=sys.stderr)
    return summary.returncode


if __name__ == "__main__":
    sys.exit(main())
