"""The digest of a busy real week (realnews 2025-W07) against a hand-checked list of its developments.

In-sample for the digest: the week's pages include test-split outlets; only the digest is checked
on them (clustering, wording, noise), and no signal rule is tuned on them. Needs ../shared (fails,
not skips, under CI=true).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractors.digest import Digest, Item, build_digest
from extractors.digest.embed import similar_pairs
from flows.config import load_sources
from flows.digest import actor_kinds
from flows.ingest import run_ingest
from flows.sources import Window
from storage.read import read_week

FIXTURE = json.loads((Path(__file__).with_name("realnews_2025w07.json")).read_text("utf-8"))
CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "realnews"
MAX_FULL_ITEMS = 20


@pytest.fixture(scope="module")
def week() -> Digest:
    """Return the 2025-W07 digest after ingesting the whole realnews corpus."""
    sources = CORPUS / "sources.toml"
    if not sources.is_file():
        pytest.skip("../shared/corpus/realnews is not beside the repository")
    import tempfile

    data = Path(tempfile.mkdtemp(prefix="realweek-")) / "data"
    stats = run_ingest(load_sources(sources), str(data), Window())
    assert sum(s.signal_errors for s in stats) == 0
    inp = read_week(data, FIXTURE["week"], "UTC", actor_kinds())
    return build_digest(inp, similar_pairs)


def _files(item: Item) -> set[str]:
    return {(a.path or "").rsplit("/", 1)[-1] for a in item.articles}


def belongs(item: Item, dev: dict[str, Any]) -> bool:
    """Return whether an item reports a development (its file, its lead actor or target, its type)."""
    names = set(dev["names"])
    place = set(item.jurisdictions[:1]) if not item.actors else set()  # nobody named: its place
    named = (set(item.actors[:1]) | set(item.targets) | place) & names
    return (
        bool(_files(item) & set(dev["files"])) and bool(named) and item.signal_type in dev["types"]
    )


def _items_of(digest: Digest, dev: dict[str, Any]) -> list[Item]:
    return [i for i in digest.items if belongs(i, dev)]


@pytest.mark.parametrize(
    "dev",
    [
        pytest.param(
            d,
            id=d["id"],
            marks=[pytest.mark.xfail(strict=True, reason=d["known_split"])]
            if "known_split" in d
            else [],
        )
        for d in FIXTURE["developments"]
    ],
)
def test_each_development_is_at_most_one_item(week: Digest, dev: dict[str, Any]) -> None:
    items = _items_of(week, dev)
    parent = next((d for d in FIXTURE["developments"] if d["id"] == dev.get("part_of")), None)
    if parent is not None:
        items = [i for i in items if not belongs(i, parent)]  # shown inside its total: fine
    assert len(items) <= 1, [i.headline for i in items]


DETECTED = (
    "eu-investai",
    "france-109bn",
    "paris-declaration",
    "vance-paris",
    "china-paris",
    "tencent-saudi",
    "saudi-leap",
    "softbank-openai",
    "modi-paris",
    "ferc-pjm",
    "baidu-ernie",
    "deepseek-state-bans",
)


# Developments the signal layer does not carry (yet): the digest cannot show what no row states.
SIGNAL_MISSES = {
    "paris-declaration": "no signal row states the declaration with an AI subject under its "
    "signatories or decliners: the UK's and Starmer's remarks (zh_02, zh_15) quote 'the "
    "declaration' without an AI term, so the digest keeps them out as not AI; en21's row under "
    "Macron quotes an AI Act passage; hk-stheadline's is a photo caption under the OECD; the US "
    "refusal (en08) is led by the US Government",
}


@pytest.mark.parametrize(
    "dev_id",
    [
        pytest.param(d, marks=[pytest.mark.xfail(strict=True, reason=SIGNAL_MISSES[d])])
        if d in SIGNAL_MISSES
        else d
        for d in DETECTED
    ],
)
def test_developments_the_signals_carry_are_exactly_one_item(week: Digest, dev_id: str) -> None:
    dev = next(d for d in FIXTURE["developments"] if d["id"] == dev_id)
    items = _items_of(week, dev)
    assert len(items) == 1, [i.headline for i in items]
    low, high = dev.get("amount_usd", [None, None])
    if low is not None:
        assert items[0].amount_usd is not None and low <= items[0].amount_usd <= high


def test_the_eu_total_carries_its_components_and_conversions(week: Digest) -> None:
    (item,) = _items_of(week, FIXTURE["developments"][0])
    values = {round(m.signal.amount_usd or 0, -9) for m in item.mentions}
    assert len(values) >= 3  # EUR 200bn with its EUR 20bn / 50bn parts and restated figures
    assert item.n_outlets >= 5 and item in week.new_items[:5]


def test_no_item_comes_only_from_pages_that_are_not_ai_policy(week: Digest) -> None:
    negatives = set(FIXTURE["not_ai_policy"])
    off = [i.headline for i in week.items if _files(i) <= negatives]
    assert off == []


def test_the_non_ai_items_are_only_those_the_signal_layer_still_emits(week: Digest) -> None:
    negatives = set(FIXTURE["not_ai_policy"])
    off = [i for i in week.items if _files(i) <= negatives]
    assert all(_files(i) == {"en23-neg-techcrunch-dealroom-ai-investment-stats.md"} for i in off)


def test_the_week_reads_like_an_analysts(week: Digest) -> None:
    full = [i for i in week.new_items if not i.compact]
    assert len(full) <= MAX_FULL_ITEMS
    for item in week.items:
        assert "unnamed actor" not in item.headline.lower()
        assert not set(item.actors) & set(item.targets), item.headline
    top = [i for i in week.new_items if not i.background and i.actors][:5]
    assert all(i.actors for i in top)
    assert {i.signal_type for i in top[:2]} <= {"government_ai_budget", "investment_capex"}


@pytest.mark.xfail(
    strict=True,
    reason="signal-layer false positives, one article each: mentions of the summit read as "
    "international governance by Korea, France and the OECD (en01, zh_04, a photo caption), one "
    "acquisition read under two actors, China Gas's platform filed under 'China' (45 items, "
    "counted at 9c4d816 and again after the fifteenth round; 34 with the sixteenth round's final "
    "code: title actors, passing mentions folded, specific sums joined)",
)
def test_the_week_has_at_most_30_items(week: Digest) -> None:
    assert len(week.new_items) + len(week.updates) <= 30
