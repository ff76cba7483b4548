"""Throughput, start-up, incremental re-run and memory of `radar ingest`, side by side in one run.

Usage: python benchmarks/throughput.py [--copies 8] [--memory-pages 400] [--skip-memory]

Builds a corpus of the shared AEB + CWCE pages repeated with distinct paths, then measures in
one session: bare single-process trafilatura pages/s; the fixed start-up of `radar ingest`
(ephemeral Prefect, empty source); cold `radar ingest` pages/s net of that start-up; an
unchanged re-run net of start-up; and peak RSS (process tree) for 1x and 10x a smaller corpus.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO))


def build_corpus(root: Path, copies: int) -> int:
    """Write `copies` copies of both corpora under root; return the page count."""
    aeb = sorted((SHARED / "aeb" / "html").glob("*.html.gz"))
    cwce = sorted((SHARED / "cwce" / "original").glob("*.html"))
    n = 0
    for i in range(copies):
        folder = root / f"copy{i:03d}"
        folder.mkdir(parents=True)
        for path in aeb:
            (folder / path.name.removesuffix(".gz")).write_bytes(gzip.decompress(path.read_bytes()))
            n += 1
        for path in cwce:
            shutil.copyfile(path, folder / path.name)
            n += 1
    return n


def write_sources(path: Path, folder: Path) -> Path:
    """Write a sources file with one directory source."""
    path.write_text(
        f'[[sources]]\nname = "bench"\nkind = "directory"\npath = "{folder}"\ntimezone = "Asia/Shanghai"\n'
    )
    return path


def bare_trafilatura(root: Path) -> tuple[int, float]:
    """Extract every page with plain trafilatura in this process; return (pages, seconds)."""
    import trafilatura

    from extractors.decode import decode_bytes

    files = sorted(root.rglob("*.html"))
    start = time.perf_counter()
    for path in files:
        text, _ = decode_bytes(path.read_bytes())
        trafilatura.extract(text)
    return len(files), time.perf_counter() - start


def tree_rss(pid: int) -> int:
    """Return the summed RSS (bytes) of a process and its descendants."""
    total = 0
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
        stack.extend(children.get(current, []))
    return total


def run_cli(sources: Path, data: Path, env: dict[str, str]) -> tuple[float, int]:
    """Run `radar ingest` in a subprocess; return (seconds, peak RSS of its process tree)."""
    cmd = [
        sys.executable,
        "-m",
        "flows.cli",
        "ingest",
        "--sources",
        str(sources),
        "--data",
        str(data),
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"radar ingest failed:\n{out.decode(errors='replace')[-3000:]}")
    return elapsed, peak


def main() -> int:
    """Run the benchmark and print its ratios."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=8, help="copies of AEB+CWCE (250 pages each)")
    ap.add_argument(
        "--memory-pages", type=int, default=250, help="1x corpus size for the memory test"
    )
    ap.add_argument("--skip-memory", action="store_true")
    args = ap.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"needs the shared corpora at {SHARED}")
    work = Path(tempfile.mkdtemp(prefix="radar-bench-"))
    env = {
        **os.environ,
        "PREFECT_HOME": str(work / "prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    env.pop("PREFECT_API_URL", None)
    try:
        corpus = work / "corpus"
        pages = build_corpus(corpus, args.copies)
        (work / "empty").mkdir()
        empty = write_sources(work / "empty.toml", work / "empty")
        full = write_sources(work / "full.toml", corpus)
        run_cli(empty, work / "warm", env)  # first start creates Prefect's database: not counted
        startup, _ = run_cli(empty, work / "data-empty", env)
        bare_n, bare_s = bare_trafilatura(corpus)
        cold, _ = run_cli(full, work / "data", env)
        rerun, _ = run_cli(full, work / "data", env)
        cold_net, rerun_net = max(cold - startup, 1e-9), max(rerun - startup, 0.0)
        bare_rate, radar_rate = bare_n / bare_s, pages / cold_net
        print(f"corpus: {pages} pages ({args.copies} copies of AEB+CWCE), {os.cpu_count()} cores")
        print(f"start-up (ephemeral Prefect, empty source): {startup:.2f} s  [target <= 8 s]")
        print(f"bare trafilatura, 1 process: {bare_rate:.1f} pages/s")
        print(f"radar ingest cold, net of start-up: {radar_rate:.1f} pages/s ({cold:.1f} s gross)")
        print(f"RATIO throughput radar/bare = {radar_rate / bare_rate:.2f}x  [target >= 1.6x]")
        print(
            f"RATIO unchanged re-run / cold (net) = {100 * rerun_net / cold_net:.2f}%  [target <= 3%]"
            f"  ({rerun:.2f} s gross)"
        )
        if not args.skip_memory:
            small, big = work / "mem1", work / "mem10"
            n1 = build_corpus(small, max(1, args.memory_pages // 250))
            n10 = build_corpus(big, max(1, args.memory_pages // 250) * 10)
            _, rss1 = run_cli(write_sources(work / "m1.toml", small), work / "dm1", env)
            _, rss10 = run_cli(write_sources(work / "m10.toml", big), work / "dm10", env)
            print(
                f"peak RSS: {n1} pages {rss1 / 2**20:.0f} MiB, {n10} pages {rss10 / 2**20:.0f} MiB"
            )
            print(f"RATIO peak RSS 10x/1x = {rss10 / rss1:.2f}x  [target <= 1.3x]")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
