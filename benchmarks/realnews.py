"""Score `radar ingest` on one split of ../shared/corpus/realnews (dev, test or all)."""

# Usage: .venv/bin/python benchmarks/realnews.py --split dev [--data DIR] [--json OUT] [--quiet | --totals]
# Writes a sources file holding only the split's pages (one directory source per outlet timezone,
# as the corpus' own sources.toml), runs `radar ingest` into DATA (a fresh temporary folder unless
# --data is given), then ../shared/tools/score_realnews.py on the split's labels. The split is
# benchmarks/realnews_split.toml, fixed by outlet before tuning: tune on dev, score test once.
# `--corpus DIR` scores another folder laid out like realnews (zh/, hant/, en/ each with
# labels.json and pages/, plus a sources.toml) with `--split all` only: a held-out set has no
# dev/test split, and its outlets come from its own sources.toml.

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "realnews"
SPLIT_FILE = ROOT / "benchmarks" / "realnews_split.toml"
FOLDERS = ("zh", "hant", "en")
_OUTLET = {
    "zh": re.compile(r"^zh_\d+_([a-z0-9]+)_"),
    "hant": re.compile(r"^(?:hk|tw)-([a-z0-9]+)-"),
    "en": re.compile(r"^en\d+-(?:neg-)?([a-z0-9]+)-"),
}


def outlet_of(folder: str, name: str) -> str:
    """Return the outlet named by a realnews file name."""
    found = _OUTLET[folder].match(name)
    if found is None:
        raise ValueError(f"no outlet in realnews file name {folder}/{name}")
    return found.group(1)


def split_of(folder: str, name: str) -> str:
    """Return 'dev' or 'test' for one realnews file."""
    outlet = outlet_of(folder, name)
    split = tomllib.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    owners = [part for part in ("dev", "test") if outlet in split[part].get(folder, [])]
    if len(owners) != 1:
        raise ValueError(f"outlet {folder}/{outlet} is in {owners or 'no'} split part")
    return owners[0]


def is_realnews(corpus: Path) -> bool:
    """Tell whether corpus is ../shared/corpus/realnews itself (symlinks resolved)."""
    return corpus.resolve() == CORPUS.resolve()


def run_ingest(sources: Path, data: Path) -> int:
    """Run `radar ingest` of sources into data; print its output and return its code on failure."""
    radar = Path(sys.executable).with_name("radar")
    ingest = [str(radar), "ingest", "--sources", str(sources), "--data", str(data)]
    done = subprocess.run(ingest, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(done.stdout + done.stderr, file=sys.stderr)
    return done.returncode


def labels_of(split: str, corpus: Path = CORPUS) -> dict[str, dict[str, Any]]:
    """Return the labels of the split's files, keyed by file name."""
    if not is_realnews(corpus) and split != "all":
        raise ValueError(f"{corpus} is not split into dev/test: use --split all")
    chosen: dict[str, dict[str, Any]] = {}
    for folder in FOLDERS:
        path = corpus / folder / "labels.json"
        if not is_realnews(corpus) and not path.is_file():
            continue
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
        for name, label in files.items():
            if split == "all" or split_of(folder, name) == split:
                chosen[name] = label
    return chosen


def write_sources(split: str, target: Path, corpus: Path = CORPUS) -> None:
    """Write a sources file reading only the split's pages, one source per corpus source."""
    listed = tomllib.loads((corpus / "sources.toml").read_text(encoding="utf-8"))
    wanted = set(labels_of(split, corpus))
    blocks = []
    for source in listed["sources"]:
        include = [n for n in source["include"] if n in wanted]
        if not include:
            continue
        blocks.append(
            "[[sources]]\n"
            f'name = "{source["name"]}"\nkind = "directory"\n'
            f'path = "{(corpus / source["path"]).as_posix()}"\n'
            f'timezone = "{source["timezone"]}"\ninclude = {json.dumps(include)}\n'
        )
    target.write_text("\n".join(blocks), encoding="utf-8")


_NAMED = re.compile(r"^(negatives with rows|AI-policy articles with no rows) \[(.*)\]$")
_QUOTED = re.compile(r"'[^']*'")


def totals_only(report: str) -> str:
    """Return a scorer report with its per-file lines dropped and its file lists counted."""
    lines = []
    for line in report.splitlines():
        if line.startswith(("##", " ")) or not line.strip():
            continue
        named = _NAMED.match(line.strip())
        if named:
            count = len(_QUOTED.findall(named.group(2)))
            line = f"{named.group(1)}: {count} files"
        lines.append(line)
    return "\n".join(lines) + "\n"


def summarize(
    results: dict[str, dict[str, Any]], split: str, corpus: Path = CORPUS
) -> dict[str, float]:
    """Return the headline figures of a scorer JSON (per-file results) for one split."""
    labels = labels_of(split, corpus)
    tp = sum(len(r["money_tp"]) for r in results.values())
    fp = sum(len(r["money_fp"]) for r in results.values())
    wanted = sum(r["money_wanted"] for r in results.values())
    required = sum(len(labels[f]["types"]["required"]) for f in results)
    missing = sum(len(r["types_missing"]) for r in results.values())
    policy = [f for f in results if labels[f]["is_ai_policy"]]
    return {
        "articles": len(results),
        "labelled": len(labels),
        "money_recall": tp / max(1, wanted),
        "money_precision": tp / max(1, tp + fp),
        "type_recall": (required - missing) / max(1, required),
        "extra_pairs_per_40": 40
        * sum(len(r["types_extra"]) for r in results.values())
        / max(1, len(results)),
        "negatives_with_rows": sum(
            1 for f, r in results.items() if not labels[f]["is_ai_policy"] and r["rows"]
        ),
        "policy_without_rows": sum(1 for f in policy if not results[f]["rows"]),
        "chrome_left_files": sum(1 for r in results.values() if r["chrome_left"]),
        "titles_ok": sum(1 for r in results.values() if r["title_ok"]),
        "dates_exact": sum(1 for r in results.values() if r["date"] == "exact"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=("dev", "test", "all"), required=True)
    parser.add_argument("--data", type=Path, help="ingest into this folder (default: temporary)")
    parser.add_argument("--json", type=Path, help="write the per-file results here")
    parser.add_argument("--quiet", action="store_true", help="summary only")
    parser.add_argument(
        "--totals",
        action="store_true",
        help="totals only, no file names (for held-out sets: their failures are never read)",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=CORPUS,
        help="a folder laid out like realnews (default ../shared/corpus/realnews; others: --split all)",
    )
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        print(f"error: {corpus} not found (../shared beside the project)", file=sys.stderr)
        return 2
    if not is_realnews(corpus) and args.split != "all":
        print(f"error: {corpus} has no dev/test split: use --split all", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="realnews-") as tmp:
        work = Path(tmp)
        data = args.data or work / "data"
        sources = work / "sources.toml"
        write_sources(args.split, sources, corpus)
        chosen = labels_of(args.split, corpus)
        labels = work / "labels.json"
        labels.write_text(json.dumps({"files": chosen}), encoding="utf-8")
        failed = run_ingest(sources, data)
        if failed:
            return failed
        score = [
            sys.executable,
            str(SHARED / "tools" / "score_realnews.py"),
            str(data),
            str(labels),
        ]
        score += ["--quiet"] if args.quiet or args.totals else []
        score += ["--json", str(args.json)] if args.json else []
        where = "" if is_realnews(corpus) else f"corpus: {corpus}; "
        print(f"{where}split: {args.split} ({len(chosen)} labelled files)", flush=True)
        if not args.totals:
            return subprocess.run(score, check=False).returncode
        done = subprocess.run(score, check=False, capture_output=True, text=True)
        sys.stdout.write(totals_only(done.stdout))
        sys.stderr.write(done.stderr)
        return done.returncode


if __name__ == "__main__":
    sys.exit(main())
