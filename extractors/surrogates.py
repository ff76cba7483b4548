"""Lone UTF-16 surrogates from JSON and YAML escapes, mended before any string is kept."""

from __future__ import annotations

import re
from typing import Any

__all__ = ["mend_parsed", "mend_surrogates"]

# "\ud83d" alone (an emoji cut in half by a scraper) parses to a lone surrogate, which no UTF-8
# encoder (Parquet, hashes, log lines) takes. Only an escape can make one: decoded page text
# never holds them (bytes are decoded with "replace").
_ESCAPE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def mend_surrogates(text: str) -> str:
    """Return text with surrogate pairs joined and lone surrogates as U+FFFD."""
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def mend_parsed(source: str, value: Any) -> Any:
    """Return a value parsed from JSON or YAML source with every string mended, keys included."""
    if _ESCAPE.search(source) is None:
        return value
    return _mend(value)


def _mend(value: Any) -> Any:
    if isinstance(value, str):
        return mend_surrogates(value)
    if isinstance(value, list):
        return [_mend(v) for v in value]
    if isinstance(value, dict):
        return {_mend(k): _mend(v) for k, v in value.items()}
    return value
