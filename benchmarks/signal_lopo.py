"""Score sentence-part training by leaving one frozen dev part out at a time.

Usage: python benchmarks/signal_lopo.py --work DIR [--data INGEST] [--parts NAME ...]

For each part P of the dev parts (signal_data.DEV_PARTS; their pages from part_features.npz),
a tree of the project's committed files (`git archive HEAD` into DIR/P) gets the sentence model
and gate built with the other parts only (`signal_model.py build --sentence-parts ...`), and
`heldout.py score P` scores P with that tree (signal_devparts.score_part): the figure of P from a
model that never saw P. The table and the sums are printed with signal_devparts' columns; compare
them with `signal_devparts.py` on a tree that trained on no part (thirty-third round, lp33). The
file part_features.npz (`part_features.py export`) is copied into each tree. Trees
already built under DIR (a `done` file) are reused. --data reuses a `radar ingest` of realnews dev.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tarfile
from dataclasses import fields
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from part_features import FILE  # noqa: E402  # sibling script
from signal_data import DEV_PARTS  # noqa: E402  # sibling script
from signal_devparts import Totals, score_part  # noqa: E402  # sibling script


def build_tree(tree: Path, others: tuple[str, ...], data: Path | None) -> None:
    """Write the committed project into tree and build its model with the other parts only."""
    if (tree / "done").is_file():
        return
    if not FILE.is_file():
        raise FileNotFoundError(f"{FILE} not found: write it with `part_features.py export`")
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True)
    tree.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tree, filter="data")
    shutil.copy2(FILE, tree / FILE.relative_to(ROOT))  # derived data, not in the archive
    shared = tree.parent / "shared"
    if not shared.exists():
        shared.symlink_to(ROOT.parent / "shared")
    command = [sys.executable, "benchmarks/signal_model.py", "build", "--sentence-parts", *others]
    command += ["--out", str(tree / "extractors" / "signals" / "data" / "signal_model.npz")]
    command += ["--data", str(data)] if data else []
    env = {**os.environ, "PYTHONPATH": str(tree), "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{tree}: the build failed: {done.stderr[-800:]}")
    (tree / "done").touch()


def main(argv: list[str] | None = None) -> int:
    """Build one tree per left-out part, score each part with its tree, print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, required=True, help="where the trees are built")
    ap.add_argument("--data", type=Path, help="a `radar ingest` of realnews dev to reuse")
    ap.add_argument("--parts", nargs="+", default=list(DEV_PARTS))
    args = ap.parse_args(argv)
    if len(args.parts) < 2:
        ap.error("leaving one part out needs at least two parts")
    names = [f.name for f in fields(Totals)]
    total = Totals()
    print("part".ljust(12), "left out (" + ", ".join(names) + ")")
    for part in args.parts:
        tree = args.work.resolve() / part
        build_tree(tree, tuple(p for p in args.parts if p != part), args.data)
        totals = score_part(tree, part)
        total += totals
        print(part.ljust(12), " ".join(str(getattr(totals, n)) for n in names))
    print("sum".ljust(12), " ".join(str(getattr(total, n)) for n in names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
