"""FX: annual average rates shipped as data; convert an amount to USD at a year's rate."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from typing import Any

from extractors.signals.actors import DATA_DIR


@lru_cache(maxsize=1)
def load_rates() -> dict[str, dict[int, float]]:
    """Return {currency: {year: USD per unit}} from the packaged table, read once."""
    with (DATA_DIR / "fx.toml").open("rb") as fh:
        raw: dict[str, Any] = tomllib.load(fh)
    table: dict[str, dict[int, float]] = {}
    for code, row in raw["rates"].items():
        quote = row["quote"]
        table[code] = {
            int(year): (float(v) if quote == "usd_per_unit" else 1.0 / float(v))
            for year, v in row.items()
            if year != "quote"
        }
    return table


def find_rate(currency: str, year: int) -> tuple[float, int] | None:
    """Return (USD per unit, year used) for a currency, nearest listed year if needed."""
    years = load_rates().get(currency)
    if not years:
        return None
    used = year if year in years else min(years, key=lambda y: (abs(y - year), -y))
    return years[used], used


def convert_to_usd(
    value: float, currency: str | None, year: int
) -> tuple[float | None, float | None, int | None]:
    """Return (amount in USD, rate, rate year) or Nones when the currency is unknown."""
    if currency is None:
        return None, None, None
    found = find_rate(currency, year)
    if found is None:
        return None, None, None
    rate, used = found
    return value * rate, rate, used
