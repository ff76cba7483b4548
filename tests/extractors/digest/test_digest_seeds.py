"""End to end on the real seeds: ingest them (twice for one article), then digest their weeks."""

from __future__ import annotations

import re
import shutil
from html import escape
from pathlib import Path

import pytest

from extractors.digest.headline import format_native, format_usd
from extractors.digest.weeks import iso_week_of
from flows.config import load_sources
from flows.digest import write_digest
from flows.ingest import run_ingest
from flows.sources import Window
from storage.read import scan_table

MICROSOFT_SEED = "000_7086a8affeac1dc1.txt"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return DATA after ingesting the seeds plus a mirror of the Microsoft seed."""
    seeds = Path(__file__).resolve().parents[4] / "shared" / "seeds"
    if not (seeds / MICROSOFT_SEED).is_file():
        pytest.skip("../shared/seeds is not beside the repository")
    base = tmp_path_factory.mktemp("seeded")
    mirror = base / "mirror"
    mirror.mkdir()
    shutil.copy(seeds / MICROSOFT_SEED, mirror / "microsoft-copy.txt")
    toml = base / "sources.toml"
    toml.write_text(
        f'[[sources]]\nname = "seeds"\nkind = "directory"\npath = "{seeds}"\n\n'
        f'[[sources]]\nname = "mirror"\nkind = "directory"\npath = "{mirror}"\n',
        encoding="utf-8",
    )
    data = base / "data"
    run_ingest(load_sources(toml), str(data), Window())
    return data


QUALIFIED = {"approx": "about ", "at_least": "at least ", "up_to": "up to ", "range": "from "}
SECTIONS = (
    "Headline numbers",
    "Top items",
    "Security & trade controls",
    "Money: investments and budgets",
    "Rules and strategies by jurisdiction",
    "International governance and tech diplomacy",
    "Models, compute and energy",
    "Statements",
    "Updates to earlier items",
    "Sources",
)


def seed_weeks(seeded: Path) -> dict[str, set[str]]:
    """Return the signal ids of each week the seeds fall in (published, else fetched)."""
    frame = scan_table(seeded, "signals").collect()
    assert frame.height > 0, "signal detection produced no signals for the seeds"
    weeks: dict[str, set[str]] = {}
    for rec in frame.iter_rows(named=True):
        when = rec["published_at"] or rec["fetched_at"]
        weeks.setdefault(iso_week_of(when.date()), set()).add(rec["signal_id"])
    return weeks


def test_seed_weeks_carry_every_signal_with_every_section(seeded: Path) -> None:
    for week, ids in seed_weeks(seeded).items():
        result = write_digest(str(seeded), week)
        carried = {sid for row in result.rows for sid in row.signal_ids}
        hidden = re.search(r"(\d+) signals? not shown", result.markdown)
        assert carried <= ids, week
        assert len(ids - carried) == (int(hidden.group(1)) if hidden else 0), week
        assert all(row.is_new for row in result.rows), week
        html = result.html_path.read_text(encoding="utf-8")
        for title in SECTIONS:
            assert f"## {title}" in result.markdown, (week, title)
            assert escape(title) in html, (week, title)
        md = result.markdown
        also = md.split("## Also this week", 1)[1].split("\n## ", 1)[0] if "## Also" in md else ""
        n = len(result.rows) - sum(1 for line in also.splitlines() if line.startswith("- "))
        for fact in ("**First seen:**", "**Coverage:**", "**Sources:**"):
            assert md.count(fact) == n, (week, fact)
        assert md.count(" original)") == n, week  # every item quotes its evidence
        quotes = [
            line for line in md.splitlines() if line.startswith("> ") and "original)" not in line
        ]
        assert len(quotes) == len(set(quotes)), f"{week}: one quote shown as two items"
        assert "seeds/" in md, week  # every item links its source file


def test_seed_amounts_show_native_and_usd(seeded: Path) -> None:
    signals = {r["signal_id"]: r for r in scan_table(seeded, "signals").collect().to_dicts()}
    checked = 0
    for week in seed_weeks(seeded):
        result = write_digest(str(seeded), week)
        for row in result.rows:
            if row.amount_usd is None:
                continue
            rep = next(
                signals[s] for s in row.signal_ids if signals[s]["amount_usd"] == row.amount_usd
            )
            usd = format_usd(rep["amount_usd"])
            native = format_native(rep["amount_value"], rep["amount_currency"])
            shown = usd if rep["amount_currency"] == "USD" else f"{native} (about {usd})"
            assert (
                f"**Amount:** {QUALIFIED.get(rep['amount_qualifier'], '')}{shown}"
                in result.markdown
            )
            checked += 1
    assert checked > 0, "signal detection found no amounts in the seeds"


def test_microsoft_80bn_appears_once_with_both_sources(seeded: Path) -> None:
    result = write_digest(str(seeded), "2025-W01")
    hits = [r for r in result.rows if r.amount_usd is not None and abs(r.amount_usd - 80e9) < 1.6e9]
    assert len(hits) == 1, "Microsoft's $80 billion must be exactly one item"
    item = hits[0]
    assert "Microsoft" in item.actors and "$80 billion" in item.headline
    assert item.n_articles == 2
    assert "microsoft-copy.txt" in result.markdown and MICROSOFT_SEED in result.markdown
