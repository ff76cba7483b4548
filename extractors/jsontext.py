"""JSON as pages and scrapers write it: strings mended, numbers of any length read."""

from __future__ import annotations

import json
import sys
from typing import Any

from extractors.surrogates import mend_parsed

__all__ = ["load_json"]


def load_json(text: str) -> Any:
    """Return the value of a JSON text; raise ValueError or RecursionError when it is none."""
    return mend_parsed(text, json.loads(text, parse_int=_integer))


def _integer(digits: str) -> int | float:
    # Python refuses to read an integer of more than 4,300 digits (a guard against slow
    # conversions), which would make the whole record "malformed" over one field no reader
    # uses. Such a number is read as a float (infinite), so the rest of the record stands.
    if len(digits.lstrip("-")) > sys.get_int_max_str_digits():
        return float(digits)
    return int(digits)
