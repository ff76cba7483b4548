"""Rebuild every held-out set the project can rebuild from fetched snapshots and score it, totals only."""

# Usage:
#   .venv/bin/python benchmarks/heldout_all.py --out DIR [--mirror /work/.mirror] [--cache DIR]
#                                              [--only NAME ...] [--list]
# Each set's scorer runs in its held-out mode (realnews.py --totals, the test split of collected.py,
# nonnews.py and postlight.py, which print no page of a test split), its output goes to
# DIR/NAME.txt and its totals lines (times left out) to standard output. Third-party trees are
# exported with `git archive` from the `fetch` tool's snapshots (MIRROR/owner+name/repo) at the
# commits pinned here and in the scorers' docstrings, into --cache (default DIR/cache), once.
# nn28's, gn30's, nx31's, ex32's, fo34's, sg35's, sd35's, lp36's and rx24's pages come from their own `build --git`, at the
# commits their split file pins. A snapshot that is not fetched is named, and the sets that need it are skipped (exit code 3).
# Sets whose pages or labels lived outside the project and are gone (rd23, nw23, rx24, fm24, ck25,
# tp26 test parts) are not here: their split files name the pages, not a rebuild.

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
MIRROR = Path("/work/.mirror")
FROZEN = (
    *("hd18e", "hd18z", "hd19", "hd20", "hd21"),
    *(f"{name}-test" for name in ("ch18", "js18", "mp18", "ng18", "tp18")),
    *("mo30-judge", "ty30-judge", "cl30-judge", "fr32-judge", "fz32-judge", "fr33-judge"),
    *("ar44-judge", "sh44-judge"),
)
_TIME = re.compile(r", [0-9.]+ s$")
_NOT_TOTALS = ("time ours", "pages sha1", "corpus:")


@dataclass(frozen=True, slots=True)
class Export:
    """A tree exported from one pinned commit of a fetched repository into the cache."""

    repo: str
    commit: str
    tree: str  # a folder of the commit ("" for its root)
    paths: tuple[str, ...]  # inside that folder; empty for all of it
    into: str  # cache sub-folder that receives them


def split_repos(stem: str) -> tuple[str, ...]:
    """Return the repositories a multi-repository split file pins ([[repos]] name, else the
    repositories its dev and test halves are keyed by)."""
    spec = tomllib.loads((BENCH / f"{stem}_split.toml").read_text(encoding="utf-8"))
    if "repos" in spec:
        return tuple(repo["name"] for repo in spec["repos"])
    return tuple(sorted({*spec["dev"], *spec["test"]}))


@dataclass(frozen=True, slots=True)
class HeldoutSet:
    """One held-out set: its scorer's arguments ({cache} filled in) and the exports it reads."""

    name: str
    args: tuple[str, ...]
    exports: tuple[str, ...] = ()
    built_from: tuple[str, ...] = ()  # repositories the scorer's own `build --git` reads
    # (repository, commit:path) of a URL list the scorer's `build --urls` reads
    urls_from: tuple[str, str] | None = None


EXPORTS = {
    "readability": Export(
        "mozilla/readability",
        "ab4027a8b37669745016869a37a504727992b2ba",
        "",
        ("test/test-pages",),
        "collected/readability",
    ),
    "newspaper": Export(
        "codelucas/newspaper",
        "1618b547f31c2d1fd19ae3b6afd8f7542dd02074",
        "",
        ("tests/data",),
        "collected/newspaper",
    ),
    "goose3": Export(
        "goose3/goose3",
        "c5a8902eed0c4592a1ff5ec51a0277cf73a3aca7",
        "",
        ("tests/data/content",),
        "collected/goose3",
    ),
    "fundus": Export(
        "flairNLP/fundus",
        "18da6e53592f99cf0ac5770dc63d6ba99ba63ae8",
        "",
        ("tests/resources/parser/test_data",),
        "collected/fundus",
    ),
    "irdata": Export(
        "MSVCode/ir-research-data",
        "cbb428cea48e1392496a6542b610fb422a436b52",
        "",
        ("Extraction",),
        "collected/irdata",
    ),
    "htmltotext": Export(
        "leogao2/htmltotext-benchmark",
        "feab59949ee4f9789af8e0c2412720895278d3cf",
        "benchmarkdata/en",
        (),
        "nonnews/htmltotext/en",
    ),
    "webmainbench": Export(
        "opendatalab/WebMainBench",
        "9d991bdc",
        "data",
        ("sample_dataset.jsonl",),
        "nonnews/webmainbench",
    ),
    "magic-html": Export(
        "opendatalab/magic-html", "47d4a7fe", "benchmark/data", (), "nonnews/magic-html/data"
    ),
    "postlight": Export(
        "postlight/parser",
        "e8ba7ece291efa4d915d50dd4deeec17d54359f2",
        "",
        ("fixtures", "src/extractors/custom"),
        "pl19",
    ),
}

COLLECTED = "{cache}/collected"
SETS = (
    HeldoutSet("realnews_test", ("realnews.py", "--split", "test", "--totals")),
    *(HeldoutSet(name, ("heldout.py", "score", name, "--totals")) for name in FROZEN),
    *(
        HeldoutSet(name, ("collected.py", "--root", COLLECTED, "--set", name), (name,))
        for name in ("readability", "newspaper", "goose3")
    ),
    HeldoutSet(
        "fundus_test",
        ("collected.py", "--root", COLLECTED + "/fundus", "--set", "fundus", "--split", "test"),
        ("fundus",),
    ),
    HeldoutSet(
        "irdata_test",
        ("collected.py", "--root", COLLECTED + "/irdata", "--set", "irdata", "--split", "test"),
        ("irdata",),
    ),
    HeldoutSet(
        "nonnews_test",
        ("nonnews.py", "--root", "{cache}/nonnews", "--split", "test"),
        ("htmltotext", "webmainbench", "magic-html"),
    ),
    HeldoutSet(
        "pl19_test", ("postlight.py", "--root", "{cache}/pl19", "--split", "test"), ("postlight",)
    ),
    HeldoutSet(
        "nn28_test",
        ("nn28.py", "--folder", "{cache}/nn28", "--split", "test"),
        built_from=("j-szulc/html-cleaning-dataset-merged",),
    ),
    HeldoutSet(
        "gn30_judge",
        ("gn30.py", "--folder", "{cache}/gn30", "--split", "judge"),
        built_from=("j-szulc/html-cleaning-dataset-merged",),
        urls_from=(
            "geodrome/page-signal",
            "186d815:L3S-GN1-20100130203947-00001/url-mapping.txt",
        ),
    ),
    *(
        HeldoutSet(
            f"{stem}_judge",
            (f"{stem}.py", "--folder", f"{{cache}}/{stem}", "--split", "judge"),
            built_from=repos,
        )
        for stem, repos in (
            ("nx31", ("krdwrd/data",)),
            ("ex32", ("WubabooTR/evan_extract",)),
            ("fo34", ("fhgr/harvest",)),
            ("sg35", split_repos("sg35")),
            ("sd35", split_repos("sd35")),
            ("lp36", split_repos("lp36")),
        )
    ),
    HeldoutSet(
        "rx24_test",
        ("rx24.py", "--folder", "{cache}/rx24", "--split", "test"),
        built_from=split_repos("rx24"),
    ),
)


def git_dir(mirror: Path, repo: str) -> Path:
    """Return the git directory of a fetched snapshot (a clone's .git or a bare repo)."""
    base = mirror / repo.replace("/", "+") / "repo"
    return base / ".git" if (base / ".git").is_dir() else base


def export(spec: Export, mirror: Path, cache: Path) -> None:
    """Export one pinned tree into the cache unless it is there; raise OSError if git fails."""
    target = cache / spec.into
    if target.is_dir() and any(target.iterdir()):
        return
    target.mkdir(parents=True, exist_ok=True)
    treeish = f"{spec.commit}:{spec.tree}" if spec.tree else spec.commit
    with tempfile.TemporaryFile() as tar:
        archive = [
            "git",
            f"--git-dir={git_dir(mirror, spec.repo)}",
            "archive",
            treeish,
            *spec.paths,
        ]
        done = subprocess.run(archive, stdout=tar, stderr=subprocess.PIPE, check=False)
        if done.returncode != 0:
            target.rmdir()
            raise OSError(f"git archive {spec.repo}@{spec.commit}: {done.stderr.decode()[:300]}")
        tar.seek(0)
        subprocess.run(["tar", "-x", "-C", str(target)], stdin=tar, check=True)


def frozen_repos(name: str) -> set[str]:
    """Return the repositories a frozen set's manifest names."""
    manifest = json.loads((BENCH / "heldout" / name / "manifest.json").read_text(encoding="utf-8"))
    rows = manifest["pages"] if isinstance(manifest, dict) else manifest
    return {row["repo"] for row in rows}


def needed(held: HeldoutSet) -> set[str]:
    """Return the repositories a set needs fetched."""
    if held.args[0] == "heldout.py":
        return frozen_repos(held.name)
    built = set(held.built_from)
    urls = {held.urls_from[0]} if held.urls_from else set()
    return {EXPORTS[key].repo for key in held.exports} | built | urls


def build(held: HeldoutSet, mirror: Path, cache: Path) -> None:
    """Run a scorer's own `build --git` into the cache unless its folder is there."""
    if not held.built_from:
        return
    folder = Path(held.args[held.args.index("--folder") + 1].replace("{cache}", str(cache)))
    if folder.is_dir() and any(folder.iterdir()):
        return
    script = command(held, cache)[1]
    gits = [str(git_dir(mirror, repo)) for repo in held.built_from]
    run = [sys.executable, script, "build", "--git", *gits, "--out", str(folder)]
    with tempfile.TemporaryDirectory() as scratch:
        if held.urls_from is not None:
            repo, spec = held.urls_from
            shown = subprocess.run(
                ["git", f"--git-dir={git_dir(mirror, repo)}", "show", spec],
                capture_output=True,
                check=False,
            )
            if shown.returncode != 0:
                raise OSError(f"{held.name} build: git show {repo} {spec}: {shown.stderr[-300:]!r}")
            urls = Path(scratch) / "urls.txt"
            urls.write_bytes(shown.stdout)
            run += ["--urls", str(urls)]
        done = subprocess.run(run, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise OSError(f"{held.name} build: {(done.stderr or done.stdout)[-300:]}")


def command(held: HeldoutSet, cache: Path) -> list[str]:
    """Return the scorer's command line for one set."""
    args = [arg.replace("{cache}", str(cache)) for arg in held.args]
    return [sys.executable, str(BENCH / args[0]), *args[1:]]


def totals(text: str) -> list[str]:
    """Return a scorer's totals lines without times or temporary paths."""
    keep = (line.rstrip() for line in text.splitlines() if line.strip())
    return [_TIME.sub("", line) for line in keep if not line.lstrip().startswith(_NOT_TOTALS)]


def main(argv: list[str] | None = None) -> int:
    """Score the chosen held-out sets; return 3 when some snapshot is missing, 1 on a failure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--mirror", type=Path, default=MIRROR)
    parser.add_argument("--cache", type=Path, help="exported trees (default OUT/cache)")
    parser.add_argument("--only", nargs="+", choices=[held.name for held in SETS])
    parser.add_argument("--list", action="store_true", help="print the sets and what they need")
    args = parser.parse_args(argv)
    chosen = [held for held in SETS if not args.only or held.name in args.only]
    if args.list:
        for held in chosen:
            print(f"{held.name}: {', '.join(sorted(needed(held)))}")
        return 0
    cache = (args.cache or args.out / "cache").resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    missing = sorted(
        {
            repo
            for held in chosen
            for repo in needed(held)
            if not git_dir(args.mirror, repo).is_dir()
        }
    )
    if missing:
        print("not fetched (fetch them, then run again): " + ", ".join(missing), file=sys.stderr)
    status = 3 if missing else 0
    for held in chosen:
        if needed(held) & set(missing):
            print(f"== {held.name}: skipped, snapshot missing")
            continue
        try:
            for key in held.exports:
                export(EXPORTS[key], args.mirror, cache)
            build(held, args.mirror, cache)
        except (OSError, subprocess.CalledProcessError) as why:
            print(f"== {held.name}: export failed: {why}")
            status = status or 1
            continue
        done = subprocess.run(command(held, cache), capture_output=True, text=True, check=False)
        (args.out / f"{held.name}.txt").write_text(done.stdout + done.stderr, encoding="utf-8")
        print(f"== {held.name}" + ("" if done.returncode == 0 else f" (exit {done.returncode})"))
        print("\n".join(totals(done.stdout)), flush=True)
        status = status or (1 if done.returncode else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
