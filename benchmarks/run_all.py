"""Run every benchmark in turn and print their ratios (`make bench`)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parent.parent / "shared" / "corpus"


def commands(out: Path) -> list[list[str]]:
    """Return the benchmark command lines, in the order they run."""
    return [
        ["extraction.py", "--corpus", str(CORPORA / "cwce"), "--out", str(out / "cwce.jsonl")],
        ["extraction.py", "--corpus", str(CORPORA / "aeb"), "--out", str(out / "aeb.jsonl")],
        ["signals.py"],
        ["scaling.py"],
        ["throughput.py"],
        ["incremental.py"],
        ["digest.py"],
        ["backfill.py"],
    ]


def main() -> int:
    """Run each benchmark script with this interpreter; return non-zero if any failed."""
    failed = 0
    with tempfile.TemporaryDirectory(prefix="radar-bench-out-") as tmp:
        for cmd in commands(Path(tmp)):
            print(f"\n=== benchmarks/{' '.join(cmd)}", flush=True)
            code = subprocess.call([sys.executable, str(HERE / cmd[0]), *cmd[1:]])
            failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
