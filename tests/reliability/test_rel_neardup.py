"""One page stored from two sources gets the same near_duplicate_of whatever the storing order."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.dataset as pads
import pytest
from relkit import RUNNER, child_env, directory_sources, reaped, run_child, start, table_dir

# Our own text (public facts, written for this test): three articles, the third published
# one day after the first two. Source "beta" holds the same pages; its copy of the second one
# carries an extra credit line (a near, not an exact, copy).
STORIES = {
    "chips.html": (
        "2024-12-02T09:00:00+00:00",
        "New export rules widen limits on advanced chips",
        "The United States Commerce Department published new export rules on Monday that widen "
        "limits on advanced computing chips and the tools used to make them. The rules add "
        "dozens of companies to the entity list and cover high bandwidth memory for the first "
        "time. Officials said the measures aim to slow the development of advanced military "
        "systems abroad. Industry groups warned that suppliers would lose sales to rivals in "
        "other countries and asked for clear guidance on licences. Allies were consulted "
        "before the release, and several said they would review their own controls next year.",
    ),
    "office.html": (
        "2024-12-02T09:00:00+00:00",
        "Regulators open an office to supervise general purpose models",
        "A new supervisory office began work this week to oversee providers of general purpose "
        "artificial intelligence models. Its staff will draft codes of practice with companies, "
        "academics and civil society groups over the coming months. The office can request "
        "documentation, run evaluations and ask providers to fix serious risks they find. "
        "Fines for the most serious breaches can reach a share of worldwide annual turnover. "
        "Officials expect the first codes to be ready before the obligations start to apply, "
        "and said smaller firms would receive simplified templates and guidance.",
    ),
    "fund.html": (
        "2024-12-03T15:30:00+00:00",
        "City council approves a public fund for computing research",
        "The city council approved a public fund on Tuesday to pay for shared computing "
        "clusters at three universities. The fund will support research groups that cannot "
        "afford their own hardware and will reserve time for small companies. Council members "
        "said the clusters must publish yearly reports on their use and energy consumption. "
        "Opponents argued that the money should go to schools instead, while supporters said "
        "the investment would keep researchers in the region. Construction of the first site "
        "is planned to begin in the spring, subject to a final budget vote.",
    ),
}
CREDIT = "This article first appeared in a partner publication and is republished with permission."


def page(published: str, title: str, body: str, extra: str = "") -> str:
    """Return a plain news page holding one article."""
    sentences = [s.strip() + "." for s in body.split(". ") if s.strip(". ")]
    paras = "".join(f"<p>{s}</p>" for s in sentences)
    tail = f"<p>{extra}</p>" if extra else ""
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="{published}"></head><body>'
        f"<article><h1>{title}</h1>{paras}{tail}</article></body></html>"
    )


def corpus(root: Path) -> dict[str, Path]:
    """Write sources alpha and beta and return the sources files of each and of both."""
    for source in ("alpha", "beta"):
        folder = root / "pages" / source
        folder.mkdir(parents=True)
        for name, (published, title, body) in STORIES.items():
            extra = CREDIT if source == "beta" and name == "office.html" else ""
            (folder / name).write_text(page(published, title, body, extra), encoding="utf-8")
    return {
        "alpha": directory_sources(root, "alpha"),
        "beta": directory_sources(root, "beta"),
        "both": directory_sources(root, "alpha", "beta"),
    }


def marks(data: Path) -> dict[str, str | None]:
    """Read article_id -> near_duplicate_of with polars, DuckDB and pyarrow; assert they agree."""
    folder = table_dir(data, "articles")
    glob = str(folder / "**" / "*.parquet")
    frame = pl.scan_parquet(glob, hive_partitioning=True).collect()
    by_polars = dict(zip(frame["article_id"], frame["near_duplicate_of"], strict=True))
    relation = duckdb.sql(
        f"select article_id, near_duplicate_of from read_parquet('{glob}', hive_partitioning=true)"
    )
    assert relation is not None
    by_duck = {aid: dup for aid, dup in relation.fetchall()}
    table = pads.dataset(folder, format="parquet", partitioning="hive").to_table()
    by_arrow = dict(
        zip(
            table.column("article_id").to_pylist(),
            table.column("near_duplicate_of").to_pylist(),
            strict=True,
        )
    )
    assert by_polars == by_duck == by_arrow
    assert len(by_polars) == frame.height == 2 * len(STORIES)
    return by_polars


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_every_storing_order_gives_the_same_near_duplicates(tmp_path: Path) -> None:
    env = child_env(RADAR_COMMIT_PAGES="1", RADAR_WORKERS="1")
    tomls = corpus(tmp_path)
    script = tmp_path / "runner.py"
    script.write_text(RUNNER)

    def argv(name: str, data: Path) -> list[str]:
        return [sys.executable, str(script), str(tomls[name]), str(data)]

    found: dict[str, dict[str, str | None]] = {}
    for order in (("alpha", "beta"), ("beta", "alpha"), ("both",)):
        data = tmp_path / "-".join(order)
        for name in order:
            run_child(argv(name, data), env)
        found["-".join(order)] = marks(data)
    for attempt in range(2):  # two concurrent runs: the interleaving differs between them
        data = tmp_path / f"together-{attempt}"
        procs = [start(argv("alpha", data), env), start(argv("beta", data), env)]
        with reaped(procs):
            deadline = time.monotonic() + 600
            while any(p.poll() is None for p in procs) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert [p.wait(timeout=60) for p in procs] == [0, 0]
        found[data.name] = marks(data)
    want = found["alpha-beta"]
    assert all(got == want for got in found.values()), found
    # Each pair: the copy with the smaller article_id is the canonical one, the other points
    # at it; the third story (a day later) points at neither of the first two.
    canonical = {aid for aid, dup in want.items() if dup is None}
    assert len(canonical) == len(STORIES)
    assert all(dup in canonical and dup < aid for aid, dup in want.items() if dup is not None)
