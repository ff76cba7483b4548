"""What both renderers show: titles, headline numbers, item facts and chart series."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from extractors.digest.build import count_outlets
from extractors.digest.headline import (
    format_native,
    format_usd,
    jurisdiction_name,
    type_label,
)
from extractors.digest.model import Digest, Item
from extractors.digest.sections import SECTIONS
from extractors.digest.weeks import shift_week

CHART_WEEKS = 8
TOP_ITEMS = 5
LANGUAGE_NAMES = {
    "zh-Hans": "Chinese (simplified)",
    "zh-Hant": "Chinese (traditional)",
    "en": "English",
}


@dataclass(frozen=True, slots=True)
class Fact:
    """One labelled line under an item."""

    label: str
    value: str


def plural(n: int, word: str) -> str:
    """Return '1 item' or '2 items'."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def week_title(digest: Digest) -> str:
    """Return the page title of a digest."""
    return f"AI policy weekly digest, {digest.week}"


def week_span(digest: Digest) -> str:
    """Return the days a digest covers, with its timezone."""
    first, last = digest.first_day, digest.last_day
    return f"{first:%a} {first.day} {first:%b %Y} to {last:%a} {last.day} {last:%b %Y} ({digest.timezone})"


def headline_numbers(digest: Digest) -> list[str]:
    """Return the headline numbers as short sentences (plain text)."""
    outlets = count_outlets(digest.articles)
    money = [
        i for i in section_items(digest, "money") if i.amount_usd is not None and not i.background
    ]
    lines = [
        f"{plural(len(digest.new_items), 'new item')} from {plural(digest.n_signals, 'signal')} "
        f"in {plural(len(digest.articles), 'article')} ({plural(outlets, 'outlet')})",
        f"{plural(len(digest.updates), 'update')} to earlier items",
    ]
    if money:
        top = max(money, key=lambda i: (i.amount_usd or 0.0, -i.rank))
        who = f"{top.actors[0]}, " if top.actors else ""
        largest = "" if len(money) == 1 else "the largest: "
        lines.append(
            f"Money: {plural(len(money), 'new item')} with an amount (not counting background); "
            f"{largest}{who}{amount_text(top)}"
        )
    counts = [
        f"{title}: {n}"
        for key, title, _ in SECTIONS
        if (n := sum(1 for i in digest.new_items if i.section == key))
    ]
    if counts:
        lines.append("New items by section: " + "; ".join(counts))
    if digest.n_hidden:
        lines.append(
            f"{plural(digest.n_hidden, 'signal')} not shown: low confidence or no AI subject "
            "in the quoted passage"
        )
    return lines


def top_items(digest: Digest) -> list[Item]:
    """Return the best new items: not background (a 2019 order is not this week's news), with an actor."""
    return [i for i in digest.new_items if not i.background and i.actors and not i.compact][
        :TOP_ITEMS
    ]


def also_items(digest: Digest) -> list[Item]:
    """Return the items beyond the full ones (new, then updates), listed under "Also this week"."""
    return [i for i in digest.items if i.compact]


def full_updates(digest: Digest) -> list[Item]:
    """Return the updates to earlier items shown in full."""
    return [i for i in digest.updates if not i.compact]


def empty_top_text(digest: Digest) -> str:
    """Return what Top items says when it lists nothing."""
    if digest.new_items:
        return "Only background items or items without a named actor this week."
    return "No new items this week."


def section_items(digest: Digest, key: str) -> list[Item]:
    """Return the new full items of one section in rank order (compact ones are listed apart)."""
    return [i for i in digest.new_items if i.section == key and not i.compact]


def by_jurisdiction(items: list[Item]) -> list[tuple[str, list[Item]]]:
    """Return items grouped by their first jurisdiction, groups in order of first item."""
    groups: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        name = jurisdiction_name(item.jurisdictions[0]) if item.jurisdictions else "Other"
        groups[name].append(item)
    return list(groups.items())


def amount_text(item: Item) -> str:
    """Return the amount as 'CNY 380 billion (about $53.5 billion)' or 'up to $100 billion'."""
    usd = format_usd(item.amount_usd, item.amount_qualifier)
    if item.amount_value is None:
        return usd
    native = format_native(item.amount_value, item.amount_currency, item.amount_qualifier)
    if item.amount_currency == "USD" or not usd:
        return usd or native
    return f"{native} (about {format_usd(item.amount_usd)})"


def other_amounts(item: Item) -> list[str]:
    """Return an item's other stated amounts (components, conversions, repeats), largest first."""
    seen = {(item.amount_value, item.amount_currency)}
    out: list[tuple[float, str]] = []
    for m in item.mentions:
        s = m.signal
        key = (s.amount_value, s.amount_currency)
        if s.amount_value is None or key in seen:
            continue
        seen.add(key)
        text = format_native(s.amount_value, s.amount_currency, s.amount_qualifier)
        out.append((s.amount_usd or 0.0, text))
    return [text for _, text in sorted(out, key=lambda p: -p[0])][:8]


def item_facts(item: Item) -> list[Fact]:
    """Return the labelled facts shown under an item."""
    facts = [Fact("Type", type_label(item.signal_type))]
    if item.actors:
        facts.append(Fact("Who", ", ".join(item.actors)))
    if item.jurisdictions:
        facts.append(Fact("Where", ", ".join(jurisdiction_name(j) for j in item.jurisdictions)))
    if item.targets:
        facts.append(Fact("Aimed at", ", ".join(jurisdiction_name(t) for t in item.targets)))
    if item.amount_value is not None or item.amount_usd is not None:
        facts.append(Fact("Amount", amount_text(item)))
        others = other_amounts(item)
        if others:
            facts.append(Fact("Also stated", "; ".join(others)))
    if item.period_start is not None and item.period_end is not None:
        start, end = item.period_start.isoformat(), item.period_end.isoformat()
        facts.append(Fact("When", start if start == end else f"{start} to {end}"))
    facts.append(Fact("First seen", item.first_seen.isoformat()))
    facts.append(
        Fact(
            "Coverage",
            f"{plural(item.n_articles, 'article')}, {plural(item.n_outlets, 'independent outlet')}",
        )
    )
    return facts


def language_name(code: str) -> str:
    """Return the display name of a language code."""
    return LANGUAGE_NAMES.get(code, code or "unknown")


def chart_series(digest: Digest) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """Return the last 8 weeks and, per signal type seen, its count in each week."""
    weeks = [shift_week(digest.week, n) for n in range(1 - CHART_WEEKS, 1)]
    types = sorted({t for w in weeks for t in digest.weekly_counts.get(w, {})})
    series = [(t, [digest.weekly_counts.get(w, {}).get(t, 0) for w in weeks]) for t in types]
    series.sort(key=lambda s: (-sum(s[1]), s[0]))
    return weeks, series
