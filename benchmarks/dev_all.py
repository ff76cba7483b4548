"""Score every dev extraction instrument page by page with this tree's code, and compare two runs."""

# Usage:
#   .venv/bin/python benchmarks/dev_all.py run --out DIR [--mirror /work/.mirror] [--cache DIR]
#                                          [--only NAME ...]
#   .venv/bin/python benchmarks/dev_all.py compare BEFORE AFTER
# `run` scores the dev half of each set whose pages heldout_all.py rebuilds (the same exports and
# builds, into the same --cache, so one cache serves both), and of the dev-only sets (ot36 and rs38, built
# here from the repositories its split file pins), page by page, plus the CWCE and AEB
# outputs of extraction.py, into DIR/NAME.txt (and DIR/cwce.jsonl, DIR/aeb.jsonl). `compare`
# says, per instrument, whether two runs agree once times are left out, and prints the lines that
# differ: the rounds' rule that a change moves no other dev instrument, checked from the
# repository instead of a scratch script. Dev halves only: no test or judge page is scored.

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import heldout_all
from heldout_all import BENCH, MIRROR

CORPORA = BENCH.parents[1] / "shared" / "corpus"


@dataclass(frozen=True, slots=True)
class DevSet:
    """One dev instrument: its scorer's arguments ({cache} filled in) and the held-out set whose
    exports and build fill the cache it reads."""

    name: str
    args: tuple[str, ...]
    held: str


def _marked(stem: str, held: str) -> DevSet:
    """Return a set scored like gn30: a built folder in the cache, its dev half page by page."""
    return DevSet(
        f"{stem}_dev", (f"{stem}.py", "--folder", f"{{cache}}/{stem}", "--split", "dev"), held
    )


SETS = (
    *(
        _marked(stem, f"{stem}_judge")
        for stem in ("gn30", "nx31", "ex32", "fo34", "sg35", "sd35", "lp36")
    ),
    _marked("rx24", "rx24_test"),
    _marked("nn28", "nn28_test"),
    *(
        DevSet(
            f"{name}_dev",
            ("collected.py", "--root", f"{{cache}}/collected/{name}", "--set", name),
            f"{name}_test",
        )
        for name in ("fundus", "irdata")
    ),
    DevSet("nonnews_dev", ("nonnews.py", "--root", "{cache}/nonnews"), "nonnews_test"),
    DevSet("pl19_dev", ("postlight.py", "--root", "{cache}/pl19"), "pl19_test"),
    DevSet("ot36_dev", ("ot36.py", "--folder", "{cache}/ot36"), "ot36_pages"),
    DevSet("rs38_dev", ("rs38.py", "--folder", "{cache}/rs38"), "rs38_pages"),
)
# Sets with no held-out half (every page dev): built here into the same cache, from the
# repositories their split file pins. ot36 and rs38 reproduce held-out page kinds on fresh pages.
DEV_BUILDS = {
    "ot36_pages": heldout_all.HeldoutSet(
        "ot36_pages",
        ("ot36.py", "--folder", "{cache}/ot36"),
        built_from=heldout_all.split_repos("ot36"),
    ),
    "rs38_pages": heldout_all.HeldoutSet(
        "rs38_pages",
        ("rs38.py", "--folder", "{cache}/rs38"),
        built_from=heldout_all.split_repos("rs38"),
    ),
}


def command(dev: DevSet, cache: Path) -> list[str]:
    """Return the scorer's command line for one dev set: its dev half, page by page."""
    args = [arg.replace("{cache}", str(cache)) for arg in dev.args]
    if "--split" not in args:
        args += ["--split", "dev"]
    return [sys.executable, str(BENCH / args[0]), *args[1:], "--per-page"]


def differences(before: Path, after: Path) -> dict[str, list[str]]:
    """Return, per instrument both runs hold, the lines only one of them printed (- / +)."""
    found: dict[str, list[str]] = {}
    for old in sorted(before.glob("*.txt")):
        new = after / old.name
        if not new.is_file():
            continue
        a = heldout_all.totals(old.read_text(encoding="utf-8"))  # times and paths left out
        b = heldout_all.totals(new.read_text(encoding="utf-8"))
        gone, came = set(a) - set(b), set(b) - set(a)
        found[old.stem] = [f"- {x}" for x in a if x in gone] + [f"+ {x}" for x in b if x in came]
    for old in sorted(before.glob("*.jsonl")):
        new = after / old.name
        if new.is_file():
            same = old.read_bytes() == new.read_bytes()
            found[old.stem] = [] if same else ["outputs differ (byte comparison)"]
    return found


def run(out: Path, mirror: Path, cache: Path, only: list[str] | None) -> int:
    """Score the chosen dev sets and CWCE/AEB into out; return 1 if any failed."""
    held = {h.name: h for h in heldout_all.SETS} | DEV_BUILDS
    out.mkdir(parents=True, exist_ok=True)
    status = 0
    for dev in SETS:
        if only and dev.name not in only:
            continue
        source = held[dev.held]
        try:
            for key in source.exports:
                heldout_all.export(heldout_all.EXPORTS[key], mirror, cache)
            heldout_all.build(source, mirror, cache)
        except (OSError, subprocess.CalledProcessError) as why:
            print(f"== {dev.name}: cache not ready: {why}")
            status = 1
            continue
        done = subprocess.run(command(dev, cache), capture_output=True, text=True, check=False)
        (out / f"{dev.name}.txt").write_text(done.stdout + done.stderr, encoding="utf-8")
        print(f"== {dev.name}" + ("" if done.returncode == 0 else f" (exit {done.returncode})"))
        status = status or (1 if done.returncode else 0)
    for corpus in ("cwce", "aeb"):
        if only and corpus not in only:
            continue
        target = out / f"{corpus}.jsonl"
        args = ["--corpus", str(CORPORA / corpus), "--out", str(target), "--no-baseline"]
        done = subprocess.run(
            [sys.executable, str(BENCH / "extraction.py"), *args],
            capture_output=True,
            text=True,
            check=False,
        )
        print(f"== {corpus}" + ("" if done.returncode == 0 else f" (exit {done.returncode})"))
        status = status or (1 if done.returncode else 0)
    return status


def main(argv: list[str] | None = None) -> int:
    """Run the dev instruments, or compare two runs' outputs."""
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="mode", required=True)
    go = sub.add_parser("run")
    go.add_argument("--out", type=Path, required=True)
    go.add_argument("--mirror", type=Path, default=MIRROR)
    go.add_argument("--cache", type=Path, help="the held-out cache (default OUT/cache)")
    go.add_argument("--only", nargs="+", choices=[*(d.name for d in SETS), "cwce", "aeb"])
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.mode == "run":
        cache = (args.cache or args.out / "cache").resolve()
        return run(args.out, args.mirror, cache, args.only)
    for name, lines in differences(args.before, args.after).items():
        print(f"{'same' if not lines else 'DIFF'} {name}")
        for line in lines:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
