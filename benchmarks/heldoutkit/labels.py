"""Realnews labels with their page text as offset references, and the check for leaked text."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from heldoutkit.spans import Ref, UnlocatedError, locate, resolve, span_hash

__all__ = ["LEAK_MIN", "LabelError", "freeze_label", "leaks", "spans_of", "thaw_label"]

TEXT_ONE = ("title", "date_printed")  # one span (or null)
TEXT_MANY = ("title_alt", "not_money", "keep_spans", "chrome_spans")  # lists of spans
KEEP = (
    *("publication_date", "acceptable_dates", "published_at_utc", "outlet_timezone", "language"),
    *("is_ai_policy", "types", "outlet", "robustness_only"),
)
AMOUNT_KEEP = ("value", "currency", "status", "ok_types")
DROPPED = ("note", "notes")
LEAK_MIN = 8  # a labelled span this long must not appear as text in any frozen file


class LabelError(ValueError):
    """A label that cannot be stored without its page text; the message lists every problem."""


def freeze_label(
    name: str,
    label: dict[str, Any],
    text: str,
    tally: dict[str, int],
    keep: tuple[str, ...] = (),
    path: str = "",
) -> Any:
    """Return a label with its page text replaced by offsets; raise listing unlocatable spans."""
    problems: list[str] = []
    unknown = (
        "unknown field (not in the realnews schema): if it holds no page text, pass --keep-field"
    )

    def ref(field: str, span: Any) -> Any:
        if span is None or span == "":
            return span  # no page text (e.g. no printed date): kept as it is
        if not isinstance(span, str):
            problems.append(f"{name}: {field}: not text: {span!r}")
            return None
        try:
            found = locate(text, span)
        except UnlocatedError as why:
            at = path.find(span)
            if at < 0:  # a title taken from the file name is in the repository path, not the page
                problems.append(f"{name}: {field}: {why}: {span!r}")
                return None
            tally["in_path"] += 1
            return {"in": "path", **Ref(at, at + len(span), (), span_hash(span)).as_json()}
        tally["mapped" if found.mapped else "verbatim"] += 1
        return found.as_json()

    out: dict[str, Any] = {}
    for key, value in label.items():
        if key in DROPPED:
            continue
        if key in TEXT_ONE:
            out[key] = ref(key, value)
        elif key in TEXT_MANY and isinstance(value, list):
            out[key] = [ref(f"{key}[{i}]", s) for i, s in enumerate(value)]
        elif key in TEXT_MANY:
            out[key] = ref(key, value)  # null, or one span where a list was expected
        elif key == "amounts":
            out[key] = []
            for i, amount in enumerate(value):
                kept: dict[str, Any] = {}
                for akey, avalue in amount.items():
                    if akey == "span":
                        kept[akey] = ref(f"amounts[{i}].span", avalue)
                    elif akey in AMOUNT_KEEP or f"amounts.{akey}" in keep:
                        kept[akey] = avalue
                    elif akey not in DROPPED:
                        problems.append(f"{name}: amounts[{i}].{akey}: {unknown} amounts.{akey}")
                out[key].append(kept)
        elif key in KEEP or key in keep:
            out[key] = value
        else:
            problems.append(f"{name}: {key}: {unknown} {key}")
    if problems:
        raise LabelError("\n".join(problems))
    return out


def spans_of(label: dict[str, Any]) -> list[str]:
    """Return every piece of page text of one realnews label that is not one of its kept values."""
    found = [label.get(k) for k in TEXT_ONE]
    for key in TEXT_MANY:
        found += label.get(key) or []
    found += [a.get("span") for a in label.get("amounts", [])]
    # a printed date written like the publication_date we keep ("2020-09-18") is our own value
    own = [s for k in KEEP for s in _strings(label.get(k))]
    return [s for s in found if isinstance(s, str) and not any(s in o for o in own)]


def _strings(value: Any) -> list[str]:
    """Return every string inside a parsed JSON/TOML value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def leaks(folder: Path, spans: list[str]) -> list[str]:
    """Return 'file: span' for every labelled span (>= LEAK_MIN chars) found in a frozen file."""
    found = []
    long_spans = sorted({s for s in spans if len(s) >= LEAK_MIN})
    for path in sorted(folder.iterdir()):
        text = path.read_text(encoding="utf-8")
        parsed = json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
        haystacks = [text, *_strings(parsed)]
        found += [f"{path.name}: {s!r}" for s in long_spans if any(s in h for h in haystacks)]
    return found


def thaw_label(value: Any, text: str, field: str = "", path: str = "") -> Any:
    """Return a stored label with every offset reference resolved back to the labelled text."""
    if isinstance(value, dict) and "at" in value and "h" in value:
        try:
            return resolve(path if value.get("in") == "path" else text, value)
        except ValueError as why:
            raise ValueError(f"{field}: {why}") from None
    if isinstance(value, dict):
        return {
            k: thaw_label(v, text, f"{field}.{k}" if field else k, path) for k, v in value.items()
        }
    if isinstance(value, list):
        return [thaw_label(v, text, f"{field}[{i}]", path) for i, v in enumerate(value)]
    return value
